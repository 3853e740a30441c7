"""Text blocks: prose extracted from a source file with an exact offset map.

A :class:`TextBlock` holds the prose of one construct (a paragraph, a heading,
a table cell...) and a list of :class:`Segment` records that map every index
of ``text`` back to a character offset in the source file.  A segment is
*verbatim* when its text is a copy of the source slice it came from; other
segments (an entity such as ``&amp;``, a placeholder for inline code) map
their whole text onto their whole source range.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field

# Stands in for inline code, autolinked URLs and similar non-prose inline
# constructs, so that the words around them do not run together.
PLACEHOLDER = "\ufffc"
_TEXT_START = operator.attrgetter("text_start")


@dataclass(frozen=True)
class Segment:
    text_start: int
    text_end: int
    source_start: int
    source_end: int
    verbatim: bool

    # Parsing makes one or more of these for every block of every document:
    # the fields are set in one dict update, not five frozen setattr calls
    # (a third of the cost; the instance stays frozen to its users).
    def __init__(self, text_start: int, text_end: int, source_start: int, source_end: int, verbatim: bool) -> None:
        self.__dict__.update(
            text_start=text_start, text_end=text_end, source_start=source_start, source_end=source_end, verbatim=verbatim
        )


@dataclass(frozen=True)
class TextBlock:
    """Prose of one construct, with its scopes and its offset map.

    ``scopes`` holds every scope name the block belongs to, e.g.
    ``{"text", "paragraph", "list"}`` or ``{"text", "heading", "heading.h2"}``.
    """

    text: str
    scopes: frozenset[str]
    segments: tuple[Segment, ...]
    # ``text`` case-folded: where a rule's prefilter literals are looked up
    # block by block (see ``_blocks_with`` in lint/engine.py). Made with the
    # block: nearly every block is looked in, and a lazy property costs
    # more than the fold.
    folded: str = field(init=False, repr=False, compare=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    # One dict update, as for Segment.
    def __init__(self, text: str, scopes: frozenset[str], segments: tuple[Segment, ...]) -> None:
        self.__dict__.update(
            text=text,
            scopes=scopes,
            segments=segments,
            folded=text.casefold(),
            _starts=tuple(map(_TEXT_START, segments)),
        )

    # -- offset map -------------------------------------------------------
    def _segment_at(self, index: int) -> Segment:
        i = bisect.bisect_right(self._starts, index) - 1
        return self.segments[max(i, 0)]

    def source_offset(self, index: int) -> int:
        """Source offset where text index ``index`` starts."""
        if not self.segments:
            return 0
        if index >= len(self.text):
            return self.segments[-1].source_end
        seg = self._segment_at(index)
        if seg.verbatim:
            return seg.source_start + (index - seg.text_start)
        return seg.source_start

    def source_end_offset(self, index: int) -> int:
        """Source offset just after text index ``index - 1`` (an exclusive end)."""
        if not self.segments:
            return 0
        if index <= 0:
            return self.segments[0].source_start
        seg = self._segment_at(index - 1)
        if seg.verbatim:
            return seg.source_start + (index - seg.text_start)
        return seg.source_end

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Half-open source range covering text range ``[start, end)``."""
        if end <= start:
            pos = self.source_offset(start)
            return pos, pos
        return self.source_offset(start), self.source_end_offset(end)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when text ``[start, end)`` is one contiguous copy of the source.

        Only then may a fix replace the source range with new text without
        touching markup.
        """
        if end <= start:
            return True
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_right(self._starts, end - 1) - 1
        if first < 0:
            return False
        prev_end: int | None = None
        for seg in self.segments[first : last + 1]:
            if not seg.verbatim:
                return False
            if prev_end is not None and seg.source_start != prev_end:
                return False
            prev_end = seg.source_end
        return True

    # -- derived blocks ---------------------------------------------------
    def slice(self, start: int, end: int, scopes: frozenset[str] | None = None) -> TextBlock:
        """A block for ``text[start:end]`` with the offset map cut to match."""
        segs: list[Segment] = []
        for seg in self.segments:
            if seg.text_end <= start or seg.text_start >= end:
                if not (seg.text_start == seg.text_end == start):
                    continue
            lo = max(seg.text_start, start)
            hi = min(seg.text_end, end)
            if seg.verbatim:
                s_lo = seg.source_start + (lo - seg.text_start)
                s_hi = seg.source_start + (hi - seg.text_start)
            else:
                s_lo, s_hi = seg.source_start, seg.source_end
            segs.append(Segment(lo - start, hi - start, s_lo, s_hi, seg.verbatim))
        return TextBlock(self.text[start:end], self.scopes if scopes is None else scopes, tuple(segs))


@dataclass(frozen=True)
class JoinedUnits:
    """The texts of several units read as one, with ``separator`` between
    two of them (a rule scans a document once instead of unit by unit),
    and the way back from an index in that text to its unit."""

    text: str
    starts: tuple[int, ...]  # where each unit's text starts in ``text``

    @classmethod
    def of(cls, units: Sequence[TextBlock], separator: str) -> JoinedUnits:
        texts = [block.text for block in units]
        if not texts:
            return cls("", ())
        starts = tuple(itertools.accumulate((len(text) + len(separator) for text in texts[:-1]), initial=0))
        return cls(separator.join(texts), starts)

    def locate(self, index: int) -> tuple[int, int]:
        """(unit, index in its text) of an index in ``text`` (not in a separator)."""
        unit = bisect.bisect_right(self.starts, index) - 1
        return unit, index - self.starts[unit]


class BlockBuilder:
    """Accumulates text pieces and their source ranges into a TextBlock."""

    def __init__(self, scopes: frozenset[str]) -> None:
        self.scopes = scopes
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def add(self, text: str, source_start: int, source_end: int, verbatim: bool | None = None) -> None:
        """Append ``text`` that came from ``source[source_start:source_end]``.

        ``verbatim`` defaults to "same length", which holds whenever the
        parser reports a range for exactly this text; pass False for decoded
        entities and the like.
        """
        if not text:
            return
        if verbatim is None:
            verbatim = len(text) == source_end - source_start
        start = self._length
        self._length += len(text)
        self._parts.append(text)
        self._segments.append(Segment(start, self._length, source_start, source_end, verbatim))

    def add_placeholder(self, source_start: int, source_end: int) -> None:
        self.add(PLACEHOLDER, source_start, source_end, verbatim=False)

    def text(self) -> str:
        return "".join(self._parts)

    def build(self, strip: bool = True) -> TextBlock | None:
        """The finished block, with surrounding whitespace trimmed; None if empty."""
        block = TextBlock(self.text(), self.scopes, tuple(self._segments))
        if not strip:
            return block if block.text else None
        text = block.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if end <= start:
            return None
        if start == 0 and end == len(text):
            return block
        return block.slice(start, end)


@dataclass(frozen=True)
class Construct:
    """A markup construct that rules about markup inspect.

    ``kind`` is ``link``, ``image`` or ``heading``.  ``offset``/``end_offset``
    cover the whole construct in the source.  ``destination`` is the link or
    image target as written, ``text`` the link text or alt text, ``level`` the
    heading level (0 otherwise).
    """

    kind: str
    offset: int
    end_offset: int
    text: str = ""
    destination: str = ""
    level: int = 0


@dataclass(frozen=True)
class Comment:
    """An HTML comment (or a directive line in plain text), for suppressions."""

    offset: int
    end_offset: int
    body: str


@dataclass(frozen=True)
class ParsedDocument:
    """A source file split into prose blocks, constructs and comments.

    ``blocks`` are in source order and hold only prose; ``link`` and ``alt``
    blocks repeat link text and image alt text under their own scopes.
    """

    source: str
    markup: str
    blocks: tuple[TextBlock, ...]
    constructs: tuple[Construct, ...] = ()
    comments: tuple[Comment, ...] = ()

    @functools.cached_property
    def memo(self) -> dict[object, object]:
        """What rules derive from this document and share (one scan for
        two rules): keyed by the deriving function's own keys."""
        return {}

    @functools.cached_property
    def folded_prose(self) -> str:
        """The text of every block but ``raw`` ones, case-folded (casefold,
        not lower: under IGNORECASE "ſ" matches "s", and only casefold maps
        it): where prefilter literals are looked up."""
        return "\n".join([b.folded for b in self.blocks if "raw" not in b.scopes])

    @functools.cached_property
    def folded_source(self) -> str:
        """The whole source, case-folded (for rules on the ``raw`` scope)."""
        return self.source.casefold()
