"""What a backend sees, and how its offsets come back to the source.

A backend is given the prose of the selected units (the parser's text
blocks: never markup) joined by blank lines, so that one call checks a
whole document and each block stays its own paragraph. A match's span in
that text is located in one unit and then mapped through the unit's offset
map (:meth:`TextBlock.source_span`) to exact source offsets.

Harper reports code points, as Python does. LanguageTool, a Java server,
reports UTF-16 code units: :func:`utf16_decoder` converts them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from lint.markup.blocks import PLACEHOLDER, JoinedUnits, TextBlock

# Between two units: a paragraph break for every backend.
SEPARATOR = "\n\n"
# Longer runs without a space are no words (a pasted hash, a base64 blob, a
# 200,000-letter line): they are blanked before a backend sees them, since
# Harper's spelling suggestions take memory that grows with the square of a
# word's length and abort the process on a huge one.
MAX_TOKEN = 100
_LONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_TOKEN + 1))


@dataclass(frozen=True)
class Located:
    """A backend span inside one unit: ``unit.text[start:end]``."""

    unit: TextBlock
    start: int
    end: int


@dataclass(frozen=True)
class Prose:
    """The units' texts joined by :data:`SEPARATOR`; ``starts[i]`` is where
    unit ``i`` begins in ``text``."""

    text: str
    units: tuple[TextBlock, ...]
    starts: tuple[int, ...]

    @classmethod
    def join(cls, units: Sequence[TextBlock]) -> Prose:
        kept = tuple(u for u in units if u.text.strip())
        joined = JoinedUnits.of(kept, SEPARATOR)
        return cls(joined.text, kept, joined.starts)

    def locate(self, start: int, end: int) -> Located | None:
        """The unit span for ``text[start:end]``.

        A span that begins in a separator moves to the next unit; one that
        runs past the end of its unit is cut there (no backend match may
        cover two blocks, whose source lies apart). Spans that cover
        nothing but whitespace or placeholders give None.
        """
        if not self.units or end <= start or start < 0:
            return None
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        moved = False
        if start >= self.starts[i] + len(self.units[i].text):
            # In the separator after unit i.
            i += 1
            if i >= len(self.units):
                return None
            start = self.starts[i]
            moved = True
        unit = self.units[i]
        lo = start - self.starts[i]
        hi = min(end - self.starts[i], len(unit.text))
        if hi <= lo:
            return None
        covered = unit.text[lo:hi]
        if moved and not covered.strip():
            return None
        if PLACEHOLDER in covered and not covered.replace(PLACEHOLDER, "").strip():
            return None
        return Located(unit, lo, hi)

    def chunks(self, max_chars: int) -> Iterator[Prose]:
        """Consecutive groups of units, each at most ``max_chars`` long
        (a single longer unit is its own chunk), for backends that limit
        the size of one request."""
        group: list[TextBlock] = []
        size = 0
        for unit in self.units:
            extra = len(unit.text) + (len(SEPARATOR) if group else 0)
            if group and size + extra > max_chars:
                yield Prose.join(group)
                group, size = [], 0
                extra = len(unit.text)
            group.append(unit)
            size += extra
        if group:
            yield Prose.join(group)


def blank_long_tokens(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with every run of more than :data:`MAX_TOKEN` non-space
    characters replaced by spaces (offsets unchanged), and those runs."""
    spans = tuple((m.start(), m.end()) for m in _LONG_TOKEN.finditer(text))
    if not spans:
        return text, ()
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts), spans


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` touches one of ``spans``."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def utf16_decoder(text: str) -> Callable[[int], int]:
    """A function from UTF-16 offsets in ``text`` to code-point offsets.

    Characters outside the Basic Multilingual Plane (most emoji) take two
    UTF-16 units and one code point. An offset that falls between the two
    halves of such a character maps to the character after it; offsets past
    the end map to ``len(text)``.
    """
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        n = len(text)
        return lambda offset: min(max(offset, 0), n)
    # unit_starts[i] = UTF-16 offset where code point i starts.
    unit_starts = list(accumulate((2 if ord(c) > 0xFFFF else 1 for c in text), initial=0))
    n = len(text)

    def decode(offset: int) -> int:
        if offset <= 0:
            return 0
        return min(bisect.bisect_left(unit_starts, offset), n)

    return decode
