"""Rule types that read the project vocabulary (Vale's built-ins).

``extends: avoid`` (``Vale.Avoid``) flags every term of the vocabularies'
reject lists. ``extends: terms`` (``Vale.Terms``) flags a term of the accept
lists written with other capitalisation ("Javascript" for "JavaScript"),
suggesting the accepted form; the message's ``%s`` is the accepted form,
a second ``%s`` the text found.

Key ``vocabulary``: a vocabulary folder or file (relative to the rule file)
used together with the project's.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, get_str
from lint.checks.limits import finditer
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.prefilter import required_literals
from lint.vocabulary import EMPTY, Vocabulary, VocabularyError, current_vocabulary, load_vocabulary


@functools.lru_cache(maxsize=64)
def _merged(own: Vocabulary, project: Vocabulary) -> Vocabulary:
    if not own:
        return project
    if not project:
        return own
    return own.merge(project)


class _VocabularyCheck(Check):
    KEYS = frozenset({"vocabulary"})
    LITERALS_VARY = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.own = EMPTY
        self._last_literals: tuple[regex.Pattern[str], frozenset[str] | None] | None = None
        name = get_str(data, "vocabulary")
        if name:
            path = Path(common.path).parent / name if common.path else Path(name)
            try:
                self.own = load_vocabulary([path])
            except VocabularyError as exc:
                raise RuleError(str(exc), "vocabulary") from None

    def vocabulary(self) -> Vocabulary:
        return _merged(self.own, current_vocabulary())

    def search_pattern(self) -> regex.Pattern[str] | None:
        """What the rule looks for under the vocabulary in effect."""
        raise NotImplementedError

    def literals(self) -> frozenset[str] | None:
        # The pattern is built from the vocabulary at lint time, so the
        # engine's prefilter asks here rather than when the rule loads
        # (for each document: the answer for the last pattern is kept).
        pattern = self.search_pattern()
        if pattern is None:
            return frozenset()  # nothing to look for
        last = self._last_literals
        if last is not None and last[0] is pattern:
            return last[1]
        literals = required_literals(pattern.pattern, pattern.flags)
        self._last_literals = (pattern, literals)
        return literals


class Avoid(_VocabularyCheck):
    def search_pattern(self) -> regex.Pattern[str] | None:
        return self.vocabulary().rejected_pattern

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        pattern = self.search_pattern()
        if pattern is None:
            return
        for block in units:
            for m in finditer(pattern, block.text):
                yield self.finding(block, m.start(), m.end(), self.message(m.group()))


class Terms(_VocabularyCheck):
    def search_pattern(self) -> regex.Pattern[str] | None:
        return self.vocabulary().accepted_pattern_ignorecase

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        vocabulary = self.vocabulary()
        loose = vocabulary.accepted_pattern_ignorecase
        if loose is None:
            return
        for block in units:
            for m in finditer(loose, block.text):
                found = m.group()
                if vocabulary.accepts(found):
                    continue
                accepted = vocabulary.accepted_form(found)
                if accepted is None:
                    continue
                yield self.finding(block, m.start(), m.end(), self.message(accepted, found), accepted)
