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
punctuation it starts and ends with taken off.

Most documents hold no pair's two sides. The engine's prefilter finds
which forms (or two neighbouring words of a form with spaces) a document
holds as strings, and the rule runs only where both sides of some pair
appear (:meth:`Variants.can_match`). A document that passes is read as a
whole: one split of its text, with every punctuation mark and non-ASCII
character turned into a space, gives the first words it may hold (at least
all that the unit-by-unit test finds); only a pair whose two sides are both
among them sends its words to that test, in the units that contain them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, get_str_map
from lint.checks.phrases import LEADING, LEADING_PAIRS, TRAILING, as_spaces, fold, required_strings
from lint.markup.blocks import ParsedDocument, TextBlock

BRACES = regex.compile(r"\{([^{}]*)\}")


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
        # first words as UTF-8 -> as text, when the bytes test applies to all
        self.ascii_firsts = _ascii_firsts(self.index)
        self.ascii_keys = frozenset(self.ascii_firsts or ())
        # a nonword form with a space matches a line break too
        self.plain_spaces = any(" " in form for sides in self.plain.values() for forms in sides for form in forms)
        # prefilter literal -> the (pair, side) of each form that holds it
        self.literal_sides: dict[str, set[tuple[int, int]]] = {}
        for form, pair_side in owner.items():
            for literal in required_strings(form):
                self.literal_sides.setdefault(literal, set()).add(pair_side)
        self.prefilter = frozenset(self.literal_sides)

    def can_match(self, held: AbstractSet[str]) -> bool:
        """A pair is flagged only where forms of both its sides occur, so
        a document must hold literals of both (most hold one side at most)."""
        sides = set().union(*map(self.literal_sides.__getitem__, held))
        return any((pair, 1 - side) in sides for pair, side in sides)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        # pair -> side -> [(block, start, end)]
        found: dict[int, tuple[list[tuple[TextBlock, int, int]], list[tuple[TextBlock, int, int]]]] = {}
        if self.common.nonword:
            self._collect_plain(units, found)
        else:
            self._collect_words(units, found)
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

    def _collect_words(self, units: Sequence[TextBlock], found: dict[int, Any]) -> None:
        ignorecase = self.common.ignorecase
        index = self._two_sided(self._document_firsts(_fold_document([b.text for b in units], ignorecase)))
        if not index:
            return
        for block in units:
            folded = fold(block.text, ignorecase)
            # A first word that is not even a substring of the unit cannot be
            # one of its words: the exact test below is for the few others.
            if not any(map(folded.__contains__, index)):
                continue
            for first in _first_words(set(folded.split()), index):
                for form, pair, side in index[first]:
                    start = folded.find(form)
                    while start >= 0:
                        end = start + len(form)
                        if _bounded(folded, start, end):
                            found.setdefault(pair, ([], []))[side].append((block, start, end))
                        start = folded.find(form, start + 1)

    def _document_firsts(self, text: str) -> set[str]:
        """First words of the index that the units joined in ``text`` may
        hold: every one that :func:`_first_words` finds in some unit, and
        maybe others."""
        if self.ascii_firsts is None:
            return _first_words(set(text.split()), self.index)
        # A first word with a mark of LEADING or TRAILING around it (each
        # mark is made of the bytes blanked here, but for the "s" of "'s")
        # stands alone once the marks are spaces, and whatever str.split()
        # splits on is blanked too: so the split finds it.
        words = self.ascii_keys.intersection(text.encode("utf-8", "surrogatepass").translate(_BLANKED).split())
        return {self.ascii_firsts[w] for w in words}

    def _two_sided(self, firsts: set[str]) -> dict[str, list[tuple[str, int, int]]]:
        """The index cut down to forms of pairs with first words of both
        sides in ``firsts``: a pair with one side only is never flagged."""
        sides = {(pair, side) for first in firsts for _, pair, side in self.index[first]}
        pairs = {pair for pair, side in sides if (pair, 1 - side) in sides}
        if not pairs:
            return {}
        kept = ((first, [e for e in self.index[first] if e[1] in pairs]) for first in firsts)
        return {first: entries for first, entries in kept if entries}

    def _collect_plain(self, units: Sequence[TextBlock], found: dict[int, Any]) -> None:
        # Every unit's folded text is part of the document's, so a pair
        # missing a side there is missing it in every unit; a form found only
        # across two units' join collects nothing below and is not flagged.
        document = _fold_document([block.text for block in units], self.common.ignorecase)
        if self.plain_spaces:
            document = as_spaces(document)
        pairs = [
            (pair, sides)
            for pair, sides in self.plain.items()
            if all(any(map(document.__contains__, forms)) for forms in sides)
        ]
        if not pairs:
            return
        folded = [(block, fold(block.text, self.common.ignorecase)) for block in units]
        for pair, sides in pairs:
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
# Bytes that become spaces in the document-wide test: the marks that
# LEADING and TRAILING are made of (all but the "s" of "'s"), whitespace as
# str.split() knows it, and every byte of a non-ASCII character (curly
# marks, Unicode spaces).
_MARK_CHARS = frozenset(c for mark in (*LEADING, *LEADING_PAIRS, *TRAILING) for c in mark if not c.isalnum())
_BLANKED = bytes(32 if b >= 0x80 or chr(b).isspace() or chr(b) in _MARK_CHARS else b for b in range(256))


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


def _fold_document(texts: list[str], ignorecase: bool) -> str:
    """``" ".join(fold(t, ignorecase) for t in texts)``, but for line
    breaks and tabs (see :func:`~lint.checks.phrases.as_spaces`), from one
    call of ``lower()`` where no unit has a case mapping that changes its
    length (lower() never shortens a text, so the whole keeps its length
    only if every unit does; a space is neither cased nor case-ignorable,
    so a final sigma is lowered alike at a unit's end and before the
    joining space)."""
    joined = " ".join(texts)
    if ignorecase:
        lowered = joined.lower()
        if len(lowered) != len(joined):
            return " ".join([fold(text, True) for text in texts])
        joined = lowered
    return joined


def _ascii_firsts(index: Mapping[str, object]) -> dict[bytes, str] | None:
    """The first words as UTF-8, when every one is ASCII without a byte
    that :data:`_BLANKED` blanks (none can then hide in a longer word of
    the blanked text); else None, and documents take the slower exact
    test."""
    encoded = {first.encode("utf-8", "surrogatepass"): first for first in index}
    if all(word.translate(_BLANKED) == word for word in encoded):
        return encoded
    return None


def _bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word."""
    if start > 0 and _word_char(text[start - 1]):
        return False
    return not (end < len(text) and _word_char(text[end]))


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
