"""Markdown parser: prose blocks from CommonMark + GFM via ``pyromark``.

``pyromark`` reports UTF-8 byte ranges; they are converted to character
offsets with a table built once per file (identity for ASCII sources).  The
event stream is walked iteratively, so nesting depth costs no recursion.

Bare ``http(s)://`` and ``www.`` URLs in text are treated like GFM extended
autolinks: a placeholder in the prose and an ``autolink`` construct.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate

import pyromark

from lint.markup.blocks import (
    PLACEHOLDER,
    BlockBuilder,
    Comment,
    Construct,
    ParsedDocument,
    Segment,
    TextBlock,
)
from lint.markup.html import parse_html, raw_block, sort_blocks, trimmed_slice

OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_GFM
)

# Block-level tags: their start or end closes the text of a tight list item.
_BLOCK_TAGS = frozenset(
    {
        "Paragraph", "Heading", "BlockQuote", "CodeBlock", "HtmlBlock", "List",
        "Item", "FootnoteDefinition", "Table", "MetadataBlock",
    }
)
_NOT_PROSE = frozenset({"CodeBlock", "MetadataBlock"})
_AUTOLINK_TYPES = frozenset({"Autolink", "Email"})
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,:;!?\"'()\[\]{}*_~]")
_BREAK_TAG = re.compile(r"<br\s*/?\s*>", re.IGNORECASE)

Piece = tuple[str, int, int, bool]


def _char_offsets(source: str) -> Callable[[int], int]:
    """A function mapping UTF-8 byte offsets of ``source`` to character offsets."""
    if source.isascii():
        return int
    widths = (1 if c < "\x80" else 2 if c < "\u0800" else 3 if c < "\U00010000" else 4 for c in source)
    byte_starts = list(accumulate(widths, initial=0))
    table = [0] * (byte_starts[-1] + 1)
    for index, byte in enumerate(byte_starts):
        table[byte] = index
    return table.__getitem__


def _split(event: object) -> tuple[str, object]:
    """``("SoftBreak", None)`` or the single key and value of a dict event."""
    if isinstance(event, str):
        return event, None
    assert isinstance(event, dict)
    key, value = next(iter(event.items()))
    return str(key), value


def _tag(value: object) -> tuple[str, object]:
    """Name and payload of a Start/End tag such as ``{"Heading": {...}}``."""
    if isinstance(value, dict):
        key, payload = next(iter(value.items()))
        return str(key), payload
    return str(value), None


def _field(payload: object, name: str) -> str:
    if isinstance(payload, dict):
        value = payload.get(name)
        return value if isinstance(value, str) else ""
    return ""


@dataclass
class _Leaf:
    """Inline content of the paragraph, heading, cell or tight item being read."""

    scopes: frozenset[str]
    start: int
    end: int
    implicit: bool = False
    level: int = 0
    pieces: list[Piece] = field(default_factory=list)
    length: int = 0
    link_ranges: list[tuple[int, int]] = field(default_factory=list)

    def add(self, text: str, start: int, end: int, verbatim: bool) -> None:
        if text:
            self.pieces.append((text, start, end, verbatim))
            self.length += len(text)

    def truncate(self, index: int) -> None:
        self.length -= sum(len(piece[0]) for piece in self.pieces[index:])
        del self.pieces[index:]

    def text_from(self, index: int) -> str:
        return "".join(piece[0] for piece in self.pieces[index:])


@dataclass
class _Inline:
    """An open link or image."""

    kind: str
    start: int
    end: int
    link_type: str
    destination: str
    piece_index: int = 0
    text_start: int = 0
    alt: list[Piece] = field(default_factory=list)


class _Walker:
    """Turns the event stream into blocks, constructs and comments."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks: list[tuple[int, int, TextBlock]] = []
        self.constructs: list[Construct] = []
        self.comments: list[Comment] = []
        self._leaf: _Leaf | None = None
        self._items = 0
        self._quotes = 0
        self._skip = 0
        self._table_head = False
        self._html: list[tuple[str, int, int]] | None = None
        self._inline: list[_Inline] = []
        self._images = 0

    # -- output -------------------------------------------------------------
    def _emit(self, block: TextBlock) -> None:
        self.blocks.append((block.source_offset(0), len(self.blocks), block))

    def _containers(self) -> set[str]:
        scopes: set[str] = set()
        if self._items:
            scopes.add("list")
        if self._quotes:
            scopes.add("blockquote")
        return scopes

    def _open_leaf(self, scopes: set[str], start: int, end: int, implicit: bool = False, level: int = 0) -> None:
        self._close_leaf()
        self._leaf = _Leaf(frozenset(scopes | self._containers()), start, end, implicit, level)

    def _ensure_leaf(self, start: int) -> _Leaf:
        if self._leaf is None:
            self._open_leaf({"text"}, start, start, implicit=True)
        assert self._leaf is not None
        return self._leaf

    def _close_leaf(self) -> None:
        leaf, self._leaf = self._leaf, None
        if leaf is None:
            return
        builder = BlockBuilder(leaf.scopes)
        for text, start, end, verbatim in leaf.pieces:
            builder.add(text, start, end, verbatim)
        block = builder.build(strip=False)
        main = None if block is None else trimmed_slice(block, 0, len(block.text), block.scopes)
        if main is not None:
            self._emit(main)
        if leaf.level:
            end = leaf.start + len(self.source[leaf.start : leaf.end].rstrip())
            text = "" if main is None else main.text
            self.constructs.append(Construct("heading", leaf.start, end, text=text, level=leaf.level))
        for start, end in leaf.link_ranges:
            link = None if block is None else trimmed_slice(block, start, end, frozenset({"link"}))
            if link is not None:
                self._emit(link)

    # -- inline content -----------------------------------------------------
    def _add(self, text: str, start: int, end: int, verbatim: bool) -> None:
        if self._images:
            self._inline[-1].alt.append((text, start, end, verbatim))
        else:
            self._ensure_leaf(start).add(text, start, end, verbatim)

    def _placeholder(self, start: int, end: int) -> None:
        self._add(PLACEHOLDER, start, end, False)

    def _text(self, text: str, start: int, end: int) -> None:
        if self._skip or self._html is not None:
            return
        if self.source[start:end] != text:
            self._add(text, start, end, False)
            return
        if self._inline:
            self._add(text, start, end, True)
            return
        pos = 0
        for m in _BARE_URL.finditer(text):
            self._add(text[pos : m.start()], start + pos, start + m.start(), True)
            self._placeholder(start + m.start(), start + m.end())
            url = m.group()
            self.constructs.append(Construct("autolink", start + m.start(), start + m.end(), text=url, destination=url))
            pos = m.end()
        self._add(text[pos:], start + pos, end, True)

    def _break(self, start: int, end: int) -> None:
        if not self._skip:
            self._add("\n", start, end, self.source[start:end] == "\n")

    def _inline_html(self, text: str, start: int, end: int) -> None:
        if text.startswith("<!--"):
            body = text[4:-3] if text.endswith("-->") else text[4:]
            self.comments.append(Comment(start, end, body.strip()))
        elif _BREAK_TAG.fullmatch(text):
            self._add("\n", start, end, False)

    def _start_inline(self, kind: str, payload: object, start: int, end: int) -> None:
        if self._images:
            if kind == "Image":
                self._images += 1
            return
        record = _Inline(kind, start, end, _field(payload, "link_type"), _field(payload, "dest_url"))
        if kind == "Image":
            self._images += 1
        else:
            leaf = self._ensure_leaf(start)
            record.piece_index, record.text_start = len(leaf.pieces), leaf.length
        self._inline.append(record)

    def _end_link(self) -> None:
        if self._images or not self._inline:
            return
        record = self._inline.pop()
        leaf = self._ensure_leaf(record.start)
        text = leaf.text_from(record.piece_index)
        if record.link_type in _AUTOLINK_TYPES or text == record.destination:
            leaf.truncate(record.piece_index)
            leaf.add(PLACEHOLDER, record.start, record.end, False)
            kind = "autolink"
        else:
            leaf.link_ranges.append((record.text_start, leaf.length))
            kind = "link"
        self.constructs.append(Construct(kind, record.start, record.end, text=text.strip(), destination=record.destination))

    def _end_image(self) -> None:
        if not self._images:
            return
        self._images -= 1
        if self._images:
            return
        record = self._inline.pop()
        builder = BlockBuilder(frozenset({"alt"}))
        for text, start, end, verbatim in record.alt:
            builder.add(text, start, end, verbatim)
        block = builder.build()
        if block is not None:
            self._emit(block)
        alt = "" if block is None else block.text
        self.constructs.append(Construct("image", record.start, record.end, text=alt, destination=record.destination))
        self._placeholder(record.start, record.end)

    # -- block structure ----------------------------------------------------
    def _start(self, value: object, start: int, end: int) -> None:
        name, payload = _tag(value)
        if name in _BLOCK_TAGS and self._leaf is not None and self._leaf.implicit:
            self._close_leaf()
        if name == "Paragraph":
            self._open_leaf({"text", "paragraph"}, start, end)
        elif name == "Heading":
            level = int(_field(payload, "level")[1:] or 1)
            self._open_leaf({"text", "heading", f"heading.h{level}"}, start, end, level=level)
        elif name == "TableCell":
            scopes = {"text", "table.cell", "table.header"} if self._table_head else {"text", "table.cell"}
            self._open_leaf(scopes, start, end)
        elif name == "TableHead":
            self._table_head = True
        elif name == "Item":
            self._items += 1
        elif name == "BlockQuote":
            self._quotes += 1
        elif name in _NOT_PROSE:
            self._skip += 1
        elif name == "HtmlBlock":
            self._html = []
        elif name in ("Link", "Image"):
            self._start_inline(name, payload, start, end)

    def _end(self, value: object) -> None:
        name, _ = _tag(value)
        if name in _BLOCK_TAGS and self._leaf is not None and self._leaf.implicit:
            self._close_leaf()
        if name in ("Paragraph", "Heading", "TableCell"):
            self._close_leaf()
        elif name == "TableHead":
            self._table_head = False
        elif name == "Item":
            self._items -= 1
        elif name == "BlockQuote":
            self._quotes -= 1
        elif name in _NOT_PROSE:
            self._skip -= 1
        elif name == "HtmlBlock":
            self._end_html()
        elif name == "Link":
            self._end_link()
        elif name == "Image":
            self._end_image()

    def _end_html(self) -> None:
        pieces, self._html = self._html, None
        if not pieces:
            return
        embedded = _embed_html(self.source, pieces)
        extra = self._containers()
        for block in embedded.blocks:
            if "raw" in block.scopes:
                continue
            if "text" in block.scopes and extra:
                block = replace(block, scopes=block.scopes | extra)
            self._emit(block)
        self.constructs.extend(embedded.constructs)
        self.comments.extend(embedded.comments)

    # -- dispatch -----------------------------------------------------------
    def handle(self, event: object, start: int, end: int) -> None:
        kind, value = _split(event)
        if kind == "Text":
            self._text(str(value), start, end)
        elif kind == "Start":
            self._start(value, start, end)
        elif kind == "End":
            self._end(value)
        elif kind in ("SoftBreak", "HardBreak"):
            self._break(start, end)
        elif kind in ("Code", "InlineMath", "DisplayMath"):
            if not self._skip:
                self._placeholder(start, end)
        elif kind == "Html":
            if self._html is not None:
                self._html.append((str(value), start, end))
        elif kind == "InlineHtml":
            self._inline_html(str(value), start, end)
        elif kind == "Rule" and self._leaf is not None and self._leaf.implicit:
            self._close_leaf()

    def finish(self) -> None:
        while self._images:
            self._end_image()
        while self._inline:
            self._end_link()
        self._close_leaf()


# -- HTML blocks --------------------------------------------------------------
@dataclass(frozen=True)
class _HtmlPiece:
    """One ``Html`` event: ``[lo, hi)`` in the joined text, ``[start, end)`` in the source."""

    lo: int
    hi: int
    start: int
    end: int
    verbatim: bool


class _PieceMap:
    """Maps offsets in the joined text of an HTML block's pieces to the source."""

    def __init__(self, source: str, pieces: list[tuple[str, int, int]]) -> None:
        self.starts: list[int] = []
        self.pieces: list[_HtmlPiece] = []
        pos = 0
        for text, start, end in pieces:
            self.starts.append(pos)
            self.pieces.append(_HtmlPiece(pos, pos + len(text), start, end, source[start:end] == text))
            pos += len(text)

    def _index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def start(self, offset: int) -> int:
        piece = self.pieces[self._index(offset)]
        if not piece.verbatim:
            return piece.start
        return piece.start + max(0, min(offset, piece.hi) - piece.lo)

    def end(self, offset: int) -> int:
        piece = self.pieces[self._index(max(offset - 1, 0))]
        if not piece.verbatim:
            return piece.end
        return piece.start + max(0, min(offset, piece.hi) - piece.lo)

    def segments(self, seg: Segment) -> Iterator[Segment]:
        """``seg`` mapped to the source, split where the pieces are not contiguous."""
        if not seg.verbatim or seg.source_end <= seg.source_start:
            start = self.start(seg.source_start)
            end = max(start, self.end(seg.source_end))
            yield Segment(seg.text_start, seg.text_end, start, end, seg.verbatim and start == end)
            return
        i = self._index(seg.source_start)
        while i < len(self.pieces) and self.pieces[i].lo < seg.source_end:
            piece = self.pieces[i]
            lo, hi = max(piece.lo, seg.source_start), min(piece.hi, seg.source_end)
            if lo < hi:
                t = seg.text_start + (lo - seg.source_start)
                if piece.verbatim:
                    yield Segment(t, t + hi - lo, piece.start + lo - piece.lo, piece.start + hi - piece.lo, True)
                else:
                    yield Segment(t, t + hi - lo, piece.start, piece.end, False)
            i += 1


def _embed_html(source: str, pieces: list[tuple[str, int, int]]) -> ParsedDocument:
    """Parse an HTML block's pieces and map the result onto the source."""
    mapping = _PieceMap(source, pieces)
    parsed = parse_html("".join(piece[0] for piece in pieces))
    blocks = tuple(
        TextBlock(b.text, b.scopes, tuple(s for seg in b.segments for s in mapping.segments(seg)))
        for b in parsed.blocks
    )
    constructs = tuple(
        replace(c, offset=mapping.start(c.offset), end_offset=mapping.end(c.end_offset)) for c in parsed.constructs
    )
    comments = tuple(
        replace(c, offset=mapping.start(c.offset), end_offset=mapping.end(c.end_offset)) for c in parsed.comments
    )
    return ParsedDocument(source, "html", blocks, constructs, comments)


def parse_markdown(source: str) -> ParsedDocument:
    """Split a Markdown document into prose blocks (CommonMark + GFM)."""
    to_char = _char_offsets(source)
    walker = _Walker(source)
    for event, span in pyromark.events_with_range(source, options=OPTIONS):
        walker.handle(event, to_char(span["start"]), to_char(span["end"]))
    walker.finish()
    blocks = sort_blocks(walker.blocks) + (raw_block(source),)
    constructs = tuple(sorted(walker.constructs, key=lambda c: (c.offset, c.end_offset)))
    comments = tuple(sorted(walker.comments, key=lambda c: c.offset))
    return ParsedDocument(source, "markdown", blocks, constructs, comments)
