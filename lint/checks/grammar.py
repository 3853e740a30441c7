"""``extends: grammar`` — a grammar engine's matches as ordinary alerts.

```yaml
extends: grammar
backend: harper            # harper (offline, in process) | languagetool (configured server)
message: "%s"              # %s: the backend's message, its rule id, the matched text
level: warning
dialect: en-GB             # optional: en-US, en-GB, en-AU, en-CA, en-IN (LanguageTool: any code)
rules: [AnA]               # allow list: only these backend rules
enable: [NoOxfordComma]    # turn on backend rules that are off by default
disable: [SpellCheck]      # deny list of backend rules
categories: [Grammar]      # allow list of backend categories
disable_categories: [Style]
spelling: lowercase        # off | lowercase | all (see lint/grammar/spelling.py)
news_defaults: true        # switch off backend rules that contradict news style
picky: false               # LanguageTool's picky level
fix: unsafe                # offer the backend's first replacement as an unsafe fix
```

Each match becomes a finding with the rule id ``Pack.Rule/BackendRuleId``
(so it can be disabled on its own), at exact source offsets mapped through
the block offset maps: the backend is given prose only, never markup.
When the backend cannot check a file (LanguageTool not configured or not
reachable, an HTTP error, a rate limit) the rule reports
``Pack.Rule/unchecked`` with the reason, and ``Pack.Rule/incomplete`` for
partial results; the run goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    FixSafety,
    RuleError,
    format_message,
    get_bool,
    get_str,
    get_str_list,
)
from lint.grammar.dedup import INCOMPLETE, UNCHECKED
from lint.grammar.mapping import Prose, blank_long_tokens, overlaps
from lint.grammar.model import BackendError, BackendMatch, GrammarOptions, Spelling
from lint.grammar.settings import default_dialect
from lint.grammar.spelling import keep_spelling_match
from lint.markup.blocks import ParsedDocument, TextBlock

# lint.grammar.backends is imported where a backend is needed: it imports
# the LanguageTool client (urllib.request, http.client, ssl, email), about
# 40 ms that every run paid although grammar rules are opt-in.
if TYPE_CHECKING:
    from lint.grammar.backends import Backend


@dataclass(frozen=True)
class GrammarSpec:
    options: GrammarOptions


class Grammar(Check):
    KEYS = frozenset(
        {
            "backend",
            "dialect",
            "rules",
            "enable",
            "disable",
            "categories",
            "disable_categories",
            "spelling",
            "news_defaults",
            "picky",
        }
    )

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        from lint.grammar.backends import BACKENDS, get_backend

        name = get_str(data, "backend", required=True)
        if name not in BACKENDS:
            raise RuleError(f"unknown backend {name!r}; valid backends: {', '.join(sorted(BACKENDS))}", "backend")
        backend = get_backend(name)
        if not backend.available():
            raise RuleError(f"the grammar backend {name!r} is not installed; {backend.install_hint}", "backend")
        if common.fix is FixSafety.SAFE:
            raise RuleError("a grammar backend's replacements are suggestions: use 'fix: unsafe' or 'none'", "fix")
        spelling = _spelling(data)
        options = GrammarOptions(
            backend=name,
            dialect=get_str(data, "dialect"),
            rules=get_str_list(data, "rules"),
            enable=get_str_list(data, "enable"),
            disable=get_str_list(data, "disable"),
            categories=get_str_list(data, "categories"),
            disable_categories=get_str_list(data, "disable_categories"),
            spelling=spelling,
            news_defaults=get_bool(data, "news_defaults", True),
            picky=get_bool(data, "picky"),
        )
        problems = backend.validate(options)
        if problems:
            key, _, message = problems[0].partition(": ")
            raise RuleError(message, key if key in self.KEYS else "backend")
        self.spec = GrammarSpec(options)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        prose = Prose.join(units)
        if not prose.units:
            return
        from lint.grammar.backends import get_backend

        options = self.spec.options
        backend = get_backend(options.backend)
        dialect = options.dialect or default_dialect()
        chunks = [prose] if backend.max_chars is None else list(prose.chunks(backend.max_chars))
        for chunk in chunks:
            text, blanked = blank_long_tokens(chunk.text)
            try:
                result = backend.check(text, options, dialect)
            except BackendError as error:
                yield self._notice(chunk, str(error), UNCHECKED)
                return
            for match in result.matches:
                if blanked and overlaps(match.start, max(match.end, match.start + 1), blanked):
                    continue
                finding = self._finding(chunk, match, dialect)
                if finding is not None:
                    yield finding
            for notice in result.notices:
                yield self._notice(chunk, notice, INCOMPLETE)

    def warm(self) -> None:
        """Build the backend's linter for this rule's dialect (Harper: about
        a second, with its spelling-suggestion index)."""
        from lint.grammar.backends import get_backend

        backend = get_backend(self.spec.options.backend)
        if backend.warm is not None and backend.available():
            backend.warm(self.spec.options.dialect or default_dialect())

    def _wanted(self, match: BackendMatch) -> bool:
        options = self.spec.options
        if options.rules and match.rule_id not in options.rules:
            return False
        if match.rule_id in options.disable:
            return False
        category = match.category.casefold()
        if options.categories and category not in {c.casefold() for c in options.categories}:
            return False
        return category not in {c.casefold() for c in options.disable_categories}

    def _finding(self, prose: Prose, match: BackendMatch, dialect: str) -> Finding | None:
        if not self._wanted(match):
            return None
        located = prose.locate(match.start, match.end)
        if located is None:
            return None
        unit, start, end = located.unit, located.start, located.end
        if match.spelling and not keep_spelling_match(unit.text, start, end, self.spec.options.spelling, dialect):
            return None
        message = format_message(self.common.message, (match.message, match.rule_id, unit.text[start:end]))
        replacement = match.replacements[0] if match.replacements else None
        if replacement is not None and replacement == unit.text[start:end]:
            replacement = None
        finding = self.finding(unit, start, end, message, replacement)
        return dataclasses.replace(finding, rule_suffix=match.rule_id)

    def _notice(self, prose: Prose, message: str, kind: str) -> Finding:
        """A finding about the check itself, at the start of the text it
        concerns: ``Pack.Rule/unchecked`` (the backend could not check it) or
        ``Pack.Rule/incomplete`` (partial results)."""
        first = prose.units[0] if prose.units else None
        offset = first.source_offset(0) if first is not None else 0
        return Finding(offset, offset, message, rule_suffix=kind)

    @property
    def backend(self) -> Backend:
        from lint.grammar.backends import get_backend

        return get_backend(self.spec.options.backend)


def _spelling(data: Mapping[str, Any]) -> Spelling:
    """The ``spelling`` key; YAML's unquoted ``off`` (false) and ``on`` (true) work too."""
    value = data.get("spelling")
    if value is None:
        return Spelling.LOWERCASE
    if isinstance(value, bool):
        return Spelling.LOWERCASE if value else Spelling.OFF
    text = get_str(data, "spelling")
    try:
        return Spelling(text)
    except ValueError:
        valid = ", ".join(s.value for s in Spelling)
        raise RuleError(f"'spelling' must be one of {valid}, not {text!r}", "spelling") from None
