"""One alert per span: where a copydesk rule and a grammar backend flag the
same source range, the copydesk alert is kept (its message and fix are
written for news copy); where two backend rules flag it, the first is kept.

Backend alerts are the ones whose rule id names a backend rule,
``Pack.Rule/BackendRuleId``; a rule id of a rule file never holds ``/``.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint.alerts import Alert

SUB_RULE = "/"
# Sub-rules of a grammar rule that report on the check itself, not on the
# text: the backend could not check the file, or checked only part of it.
# Such alerts depend on the moment (a server down, a rate limit), not on
# the text alone, so they are worth re-checking rather than keeping.
UNCHECKED = "unchecked"
INCOMPLETE = "incomplete"
NOTICES = frozenset({UNCHECKED, INCOMPLETE})


def is_backend_alert(alert: Alert) -> bool:
    return SUB_RULE in alert.rule


def is_transient_alert(alert: Alert) -> bool:
    """A notice about the check itself (``Pack.Rule/unchecked`` or
    ``Pack.Rule/incomplete``): a result cache should not store the file."""
    return alert.rule.rpartition(SUB_RULE)[2] in NOTICES and SUB_RULE in alert.rule


def drop_duplicate_backend_alerts(alerts: Sequence[Alert]) -> list[Alert]:
    """``alerts`` (in order) without backend alerts on a span already flagged."""
    own = {(a.offset, a.end_offset) for a in alerts if not is_backend_alert(a)}
    seen: set[tuple[int, int]] = set()
    kept: list[Alert] = []
    for alert in alerts:
        if is_backend_alert(alert) and alert.end_offset > alert.offset:
            span = (alert.offset, alert.end_offset)
            if span in own or span in seen:
                continue
            seen.add(span)
        kept.append(alert)
    return kept
