"""``extends: duplicate`` — a unit (a paragraph, a sentence) that repeats an
earlier one word for word in the same document. Units are compared after
collapsing whitespace (and case, with ``ignorecase``); only units of at
least ``min_words`` words count. ``split`` is an optional pattern for the
gaps that cut each unit into the pieces compared (a cheap sentence split
of paragraphs); a run of repeated pieces in one unit is one finding. The fix
removes the repeat."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Edit, Finding, Fix
from lint.checks.base import Check, CommonSpec, RuleError, compile_regex, get_int, get_str
from lint.checks.limits import bounded, finditer
from lint.markup.blocks import ParsedDocument, TextBlock


@dataclass(frozen=True)
class DuplicateSpec:
    min_words: int
    split: str


class Duplicate(Check):
    KEYS = frozenset({"min_words", "split"})
    DEFAULT_SCOPE = "paragraph"
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        min_words = get_int(data, "min_words", 6)
        assert min_words is not None
        if min_words < 1:
            raise RuleError("'min_words' must be at least 1", "min_words")
        self.spec = DuplicateSpec(min_words=min_words, split=get_str(data, "split"))
        self.split = compile_regex(self.spec.split, "split") if self.spec.split else None

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        repeated = self._repeated(units)
        if not repeated:
            return
        seen: set[str] = set()
        repeats: list[tuple[int, int, str]] = []
        for block, start, end in self._pieces(units):
            key = self._key(block.text[start:end])
            if key is None or key not in repeated:
                continue
            if key not in seen:
                seen.add(key)
                continue
            offset, end_offset = block.source_span(start, end)
            between = doc.source[repeats[-1][1] : offset] if repeats else "x"
            if repeats and not between.strip() and between.count("\n") < 2:
                # A repeat right after a repeat in the same paragraph (a
                # repeated paragraph, sentence by sentence) is one finding.
                repeats[-1] = (repeats[-1][0], end_offset, repeats[-1][2])
                continue
            shown = key if len(key) <= 60 else key[:57].rstrip() + "..."
            repeats.append((offset, end_offset, shown))
        for offset, end_offset, shown in repeats:
            yield self._finding(offset, end_offset, doc.source, shown)

    def _repeated(self, units: Sequence[TextBlock]) -> set[str]:
        """The compared forms that occur more than once: a first pass, on
        plain strings, so that only the units holding such a piece are
        walked again with offsets."""
        keys: list[str] = []
        for block in units:
            keys.extend(self._keys(block.text))
        if len(set(keys)) == len(keys):
            return set()  # nothing repeats, as in almost every document
        # Keys of clean units were not checked for length yet; every key
        # is normalised, so its words are its spaces plus one.
        seen: set[str] = set()
        repeated: set[str] = set()
        for key in keys:
            if key in seen and key.count(" ") + 1 >= self.spec.min_words:
                repeated.add(key)
            seen.add(key)
        return repeated

    def _keys(self, text: str) -> Iterator[str]:
        """The compared forms of the pieces of one unit; for a clean unit
        (see below) also those too short to count."""
        pieces = self._texts(text)
        if text.isprintable() and "  " not in text:
            # Single spaces are the only whitespace (every other whitespace
            # character is unprintable): a piece's compared form is the
            # piece stripped, with no split into words (casefold() neither
            # makes nor takes whitespace, so folding after the strip is
            # folding after the join). Empty pieces drop.
            stripped = filter(None, map(str.strip, pieces))
            return map(str.casefold, stripped) if self.common.ignorecase else stripped
        return filter(None, map(self._key, pieces))

    def _key(self, piece: str) -> str | None:
        """The compared form of a piece, or None when it is too short."""
        if piece.count(" ") + 1 < self.spec.min_words and piece.isprintable():
            # Cheap test first: too few words. (Printable text has no
            # whitespace but spaces; a no-break space or a line break may
            # separate more words than the spaces count.)
            return None
        words = piece.split()
        if len(words) < self.spec.min_words:
            return None
        key = piece if len(words) - 1 == piece.count(" ") and piece == piece.strip() else " ".join(words)
        return key.casefold() if self.common.ignorecase else key

    def _texts(self, text: str) -> list[str]:
        """The pieces of one unit, as text."""
        if self.split is None:
            return [text]
        if not self.split.groups:
            pieces: list[str] = bounded(self.split.split, text)
            return pieces
        # split() would also return what the groups captured: the pieces
        # are the text between the gaps, as for the findings.
        return [text[start:end] for start, end in self._spans(text)]

    def _pieces(self, units: Sequence[TextBlock]) -> Iterator[tuple[TextBlock, int, int]]:
        for block in units:
            for start, end in self._spans(block.text):
                yield block, start, end

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each non-empty piece of one unit."""
        if self.split is None:
            if text:
                yield 0, len(text)
            return
        start = 0
        for gap in finditer(self.split, text):
            if gap.start() > start:
                yield start, gap.start()
            start = gap.end()
        if start < len(text):
            yield start, len(text)

    def _finding(self, offset: int, end_offset: int, source: str, shown: str) -> Finding:
        fix = None
        applicability = self.common.fix.applicability()
        if applicability is not None:
            start, end = _removal(source, offset, end_offset)
            fix = Fix("Remove the repeat", (Edit(start, end, ""),), applicability)
        return Finding(offset, end_offset, self.message(shown), fix)


def _removal(source: str, start: int, end: int) -> tuple[int, int]:
    """The range to delete for the unit at ``[start, end)``: the unit and the
    spaces after it; when it fills its lines, the whole lines and the blank
    line that separated it from the next block."""
    after = end
    while after < len(source) and source[after] in " \t":
        after += 1
    line_start = source.rfind("\n", 0, start) + 1
    at_line_end = after >= len(source) or source[after] in "\r\n"
    if source[line_start:start].strip() or not at_line_end:
        if not at_line_end and after > end:
            return start, after
        # At the end of its line (or glued to what follows): take the
        # spaces before it instead.
        before = start
        while before > line_start and source[before - 1] in " \t":
            before -= 1
        return before, after if at_line_end else end
    # The unit fills whole lines: remove them and up to one blank line after.
    stop = after
    for _ in range(2):
        if source.startswith("\r\n", stop):
            stop += 2
        elif stop < len(source) and source[stop] in "\r\n":
            stop += 1
        else:
            break
    if stop >= len(source):
        # Last block of the file: take the blank line before it instead.
        back = line_start
        for _ in range(2):
            if back > 0 and source[back - 1] == "\n":
                back -= 1
                if back > 0 and source[back - 1] == "\r":
                    back -= 1
        return back, after
    return line_start, stop
