"""One alert per span: where a copydesk rule and a grammar backend flag the
same source range (or nearly: see :func:`same_place`), the copydesk alert is
kept (its message and fix are written for news copy); where two backend
rules flag it, the first is kept.

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


def same_place(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans flag the same place: equal, or overlapping with a common
    start or end and neither more than twice as long as the other (" " and
    " ," before a comma; not "A" and the 40-character phrase it opens)."""
    if a == b:
        return True
    if a[0] >= b[1] or b[0] >= a[1]:
        return False
    if a[0] != b[0] and a[1] != b[1]:
        return False
    shorter, longer = sorted((a[1] - a[0], b[1] - b[0]))
    return shorter * 2 >= longer


def drop_duplicate_backend_alerts(alerts: Sequence[Alert]) -> list[Alert]:
    """``alerts`` (in order) without backend alerts on a place already flagged."""
    own = [(a.offset, a.end_offset) for a in alerts if not is_backend_alert(a) and a.end_offset > a.offset]
    kept_spans: list[tuple[int, int]] = []
    kept: list[Alert] = []
    for alert in alerts:
        if is_backend_alert(alert) and alert.end_offset > alert.offset:
            span = (alert.offset, alert.end_offset)
            if any(same_place(span, other) for other in own) or any(same_place(span, other) for other in kept_spans):
                continue
            kept_spans.append(span)
        kept.append(alert)
    return kept
