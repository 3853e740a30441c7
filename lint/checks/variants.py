"""``extends: variants`` — ``consistency`` for long lists of plain word
forms: two spellings of one word in one document ("organise"/"organize",
"Kyiv"/"Kiev"); the form used less often (or later, on a tie) is flagged.

Each ``either`` entry maps one spelling to the other. A side lists plain
forms separated by ``|``; ``{a,b}`` expands in place, so
``organis{e,ed,ing,ation}`` stands for four words. Forms may hold spaces
("per cent"), which match a space or a line break. Forms match only as
whole words, unless ``nonword`` is set: then they are plain strings
matched anywhere (quotation marks, say). The cost does not grow with the
list: the forms are indexed by their first word, and only forms whose first
word occurs in a unit (bare, or with the punctuation of ``LEADING`` and
``TRAILING`` around it) are searched for, with plain string search; with
``nonword``, positions are collected only in a document that holds forms of
both sides. The index holds bare first words only (one entry a form, cheap
to build at load); each distinct word of a unit is tried with the
punctuation it starts and ends with taken off."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, get_str_map
from lint.markup.blocks import ParsedDocument, TextBlock

BRACES = regex.compile(r"\{([^{}]*)\}")
# A word as split on whitespace may carry punctuation on either side.
LEADING = ("", "(", "[", '"', "'", "“", "‘")
# Two opening marks ('("', "('") only before a bare word, to keep the index small.
LEADING_PAIRS = ('("', "('", "(“", "(‘", "[\"", '"\'', "“‘")
TRAILING = ("", ".", ",", ";", ":", "!", "?", ")", "]", '"', "'", "’", "”", "'s", "’s", '."', ',"', ".”", ",”", ".'", ",'")


@dataclass(frozen=True)
class VariantsSpec:
    either: tuple[tuple[str, str], ...]


class Variants(Check):
    KEYS = frozenset({"either"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = VariantsSpec(either=get_str_map(data, "either", required=True))
        if not self.spec.either:
            raise RuleError("'either' must not be empty", "either")
        # first word of a form -> [(form, pair, side)]
        self.index: dict[str, list[tuple[str, int, int]]] = {}
        owner: dict[str, tuple[int, int]] = {}
        for pair, sides in enumerate(self.spec.either):
            for side, text in enumerate(sides):
                for form in expand(text):
                    if common.ignorecase:
                        form = form.lower()
                    if owner.get(form, (pair, side)) != (pair, side):
                        raise RuleError(f"'either: {sides[0]}': the form {form!r} is listed twice", "either")
                    if form in owner:
                        continue
                    owner[form] = (pair, side)
                    self.index.setdefault(form.split(" ", 1)[0], []).append((form, pair, side))
        # nonword: pair -> side -> forms
        self.plain: dict[int, tuple[list[str], list[str]]] = {}
        if common.nonword:
            for form, (pair, side) in owner.items():
                self.plain.setdefault(pair, ([], []))[side].append(form)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        # pair -> side -> [(block, start, end)]
        found: dict[int, tuple[list[tuple[TextBlock, int, int]], list[tuple[TextBlock, int, int]]]] = {}
        if self.common.nonword:
            self._collect_plain(units, found)
        for block in units if not self.common.nonword else ():
            folded = _fold(block.text, self.common.ignorecase)
            candidates: set[tuple[str, int, int]] = set()
            for first in _first_words(set(folded.split()), self.index):
                candidates.update(self.index[first])
            for form, pair, side in candidates:
                start = folded.find(form)
                while start >= 0:
                    end = start + len(form)
                    if _bounded(folded, start, end):
                        found.setdefault(pair, ([], []))[side].append((block, start, end))
                    start = folded.find(form, start + 1)
        for pair in sorted(found):
            a, b = (sorted(side, key=_position) for side in found[pair])
            if not a or not b:
                continue
            a_first, b_first = _position(a[0]), _position(b[0])
            keep, flag = (a, b) if (len(a), -a_first) >= (len(b), -b_first) else (b, a)
            block, start, end = keep[0]
            preferred = block.text[start:end]
            for block, start, end in flag:
                yield self.finding(block, start, end, self.message(block.text[start:end], preferred))


    def _collect_plain(self, units: Sequence[TextBlock], found: dict[int, Any]) -> None:
        folded = [(block, _fold(block.text, self.common.ignorecase)) for block in units]
        for pair, sides in self.plain.items():
            if not all(any(form in text for _, text in folded for form in forms) for forms in sides):
                continue
            for side, forms in enumerate(sides):
                for block, text in folded:
                    for form in forms:
                        start = text.find(form)
                        while start >= 0:
                            found.setdefault(pair, ([], []))[side].append((block, start, start + len(form)))
                            start = text.find(form, start + len(form))


def expand(text: str) -> list[str]:
    """The plain forms a side stands for: ``a|b{c,d}`` -> a, bc, bd."""
    forms: list[str] = []
    for alternative in text.split("|"):
        alternative = " ".join(alternative.split())
        if not alternative:
            raise RuleError(f"'either: {text}' has an empty form", "either")
        parts = BRACES.split(alternative)
        # parts alternates literal text and brace contents
        choices = [[p] if i % 2 == 0 else p.split(",") for i, p in enumerate(parts)]
        for combo in itertools.product(*choices):
            form = "".join(combo)
            if "{" in form or "}" in form:
                raise RuleError(f"'either: {text}' has an unbalanced brace", "either")
            forms.append(form)
    return forms


_LEADING_ONE = frozenset(a for a in LEADING if a)
_LEADING_TWO = frozenset(LEADING_PAIRS)
_TRAILING = frozenset(TRAILING)
_TRAILING_LENGTHS = sorted({len(b) for b in TRAILING if b})
# A token that starts with none of these and ends with none of the trailing
# marks is found, if at all, as written.
_LEADING_CHARS = frozenset(a[0] for a in (*_LEADING_ONE, *LEADING_PAIRS))
_TRAILING_ENDS = tuple(b for b in TRAILING if b)
_TRAILING_LAST = frozenset(b[-1] for b in _TRAILING_ENDS)


def _first_words(tokens: set[str], index: Mapping[str, object]) -> set[str]:
    """The words of ``index`` that some token is, with one of ``LEADING``
    before it and one of ``TRAILING`` after, or one of ``LEADING_PAIRS``
    before it and nothing after."""
    found = tokens.intersection(index)
    marked = [
        t for t in tokens if t[:1] in _LEADING_CHARS or (t[-1:] in _TRAILING_LAST and t.endswith(_TRAILING_ENDS))
    ]
    for token in marked:
        n = len(token)
        heads = (0, 1) if token[:1] in _LEADING_ONE else (0,)
        tails = [k for k in _TRAILING_LENGTHS if k < n and token[n - k :] in _TRAILING]
        for h in heads:
            for k in tails:
                core = token[h : n - k]
                if core in index:
                    found.add(core)
            if h and token[1:] in index:
                found.add(token[1:])
        if token[:2] in _LEADING_TWO and token[2:] in index:
            found.add(token[2:])
    return found


def _position(hit: tuple[TextBlock, int, int]) -> int:
    return hit[0].source_offset(hit[1])


def _fold(text: str, ignorecase: bool) -> str:
    folded = text.lower() if ignorecase else text
    if len(folded) != len(text):
        folded = text  # a case mapping that changes length: compare as written
    for c in "\n\t\r":
        if c in folded:
            folded = folded.replace(c, " ")
    return folded


def _bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word."""
    if start > 0 and _word_char(text[start - 1]):
        return False
    return not (end < len(text) and _word_char(text[end]))


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
