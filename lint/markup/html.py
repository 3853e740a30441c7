"""HTML parser: prose blocks from an HTML document or fragment.

Text is collected into the innermost open block element (``p``, ``li``,
``td``...); every block start or end tag closes the block being collected.
Entities arrive separately from the surrounding text (``convert_charrefs``
is off) and become non-verbatim segments mapped onto the entity's source
range.  Offsets come from ``HTMLParser.getpos()``, which counts lines by
``\\n`` only, so the line-start table here does the same.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lint.markup.blocks import (
    PLACEHOLDER,
    BlockBuilder,
    Comment,
    Construct,
    ParsedDocument,
    Segment,
    TextBlock,
)

# Elements whose content is never prose.
SKIPPED = frozenset({"script", "style", "code", "pre", "template", "noscript", "svg", "math", "textarea"})
# Skipped elements that sit inside running text: they leave a placeholder.
INLINE_SKIPPED = frozenset({"code", "svg", "math"})

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CELLS = frozenset({"td", "th"})
# Elements that start and end a text block.
BLOCKS = (
    frozenset(
        {
            "p", "li", "blockquote", "figcaption", "caption", "dd", "dt", "div",
            "section", "article", "main", "header", "footer", "aside", "nav",
            "ul", "ol", "dl", "menu", "table", "thead", "tbody", "tfoot", "tr",
            "figure", "body", "html", "head", "title", "form", "fieldset",
            "legend", "address", "details", "summary", "hgroup", "option",
        }
    )
    | HEADINGS
    | CELLS
)
# Void elements that still end the current block.
VOID_BREAKS = frozenset({"hr"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Block starts that implicitly close an open <p>.
CLOSES_P = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup",
        "main", "menu", "nav", "ol", "p", "section", "table", "ul",
    }
) | HEADINGS

_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_ATTRIBUTE = re.compile(
    r"""[\s/]([^\s/>="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?"""
)


# -- helpers shared with the Markdown parser -------------------------------
def trimmed_slice(block: TextBlock, start: int, end: int, scopes: frozenset[str]) -> TextBlock | None:
    """``block.slice`` of ``[start, end)`` with surrounding whitespace trimmed.

    None when nothing but whitespace and placeholders is left.
    """
    text = block.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or not text[start:end].replace(PLACEHOLDER, "").strip():
        return None
    if start == 0 and end == len(text) and scopes == block.scopes:
        return block
    return block.slice(start, end, scopes)


def raw_block(source: str) -> TextBlock:
    """The whole source as one verbatim block with the ``raw`` scope."""
    n = len(source)
    return TextBlock(source, frozenset({"raw"}), (Segment(0, n, 0, n, True),))


def add_with_entities(builder: BlockBuilder, raw: str, offset: int) -> None:
    """Add ``raw`` (found at ``offset``), decoding character references."""
    pos = 0
    for m in _ENTITY.finditer(raw):
        builder.add(raw[pos : m.start()], offset + pos, offset + m.start(), True)
        decoded = html.unescape(m.group())
        builder.add(decoded, offset + m.start(), offset + m.end(), decoded == m.group())
        pos = m.end()
    builder.add(raw[pos:], offset + pos, offset + len(raw), True)


def attribute_span(tag_text: str, name: str) -> tuple[int, int] | None:
    """Range of attribute ``name``'s value within a start tag's text."""
    for m in _ATTRIBUTE.finditer(tag_text):
        if m.group(1).lower() != name:
            continue
        for group in (2, 3, 4):
            if m.group(group) is not None:
                return m.start(group), m.end(group)
        return None
    return None


def sort_blocks(blocks: list[tuple[int, int, TextBlock]]) -> tuple[TextBlock, ...]:
    """Blocks ordered by source position, emission order breaking ties."""
    blocks.sort(key=lambda item: (item[0], item[1]))
    return tuple(block for _, _, block in blocks)


# -- parser state -----------------------------------------------------------
@dataclass
class _Pending:
    """The block being collected, and the link ranges within it."""

    builder: BlockBuilder
    link_start: int | None = None
    link_ranges: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _OpenLink:
    href: str
    offset: int
    texts: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[tuple[int, int, TextBlock]] = []
        self.constructs: list[Construct] = []
        self.comments: list[Comment] = []
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()
        self._skip: list[str] = []
        self._skip_start = 0
        self._pending: _Pending | None = None
        self._link: _OpenLink | None = None
        self._heading: tuple[int, int, list[str]] | None = None

    def parse_html_declaration(self, i: int) -> int:
        # The stdlib raises AssertionError on some malformed "<![" sections;
        # read those as bogus comments, as browsers do.
        position = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = position  # the failed scan moved them
            return self.parse_bogus_comment(i)

    # -- positions --------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _tag_end(self, start: int) -> int:
        end = self.source.find(">", start)
        return len(self.source) if end < 0 else end + 1

    # -- blocks -----------------------------------------------------------
    def _scopes(self) -> frozenset[str]:
        scopes = {"text"}
        top = self._stack[-1] if self._stack else ""
        if top == "p":
            scopes.add("paragraph")
        elif top in HEADINGS:
            scopes.update(("heading", "heading." + top))
        if self._open["li"]:
            scopes.add("list")
        if self._open["blockquote"]:
            scopes.add("blockquote")
        if self._open["td"] or self._open["th"]:
            scopes.add("table.cell")
        if self._open["th"]:
            scopes.add("table.header")
        return frozenset(scopes)

    def _builder(self) -> BlockBuilder:
        if self._pending is None:
            start = 0 if self._link is not None else None
            self._pending = _Pending(BlockBuilder(self._scopes()), link_start=start)
        return self._pending.builder

    def _add(self, text: str, start: int, end: int, verbatim: bool) -> None:
        self._builder().add(text, start, end, verbatim)
        if self._link is not None:
            self._link.texts.append(text)
        if self._heading is not None:
            self._heading[2].append(text)

    def _emit(self, block: TextBlock) -> None:
        self.blocks.append((block.source_offset(0), len(self.blocks), block))

    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if pending.link_start is not None:
            pending.link_ranges.append((pending.link_start, pending.builder.length))
        block = pending.builder.build(strip=False)
        if block is None:
            return
        main = trimmed_slice(block, 0, len(block.text), block.scopes)
        if main is not None:
            self._emit(main)
        for start, end in pending.link_ranges:
            link = trimmed_slice(block, start, end, frozenset({"link"}))
            if link is not None:
                self._emit(link)

    def _push(self, tag: str) -> None:
        self._stack.append(tag)
        self._open[tag] += 1

    def _pop_until(self, tag: str) -> None:
        if not self._open[tag]:
            return
        while self._stack:
            top = self._stack.pop()
            self._open[top] -= 1
            if top == tag:
                return

    def _implicit_close(self, tag: str) -> None:
        top = self._stack[-1] if self._stack else ""
        if top == "p" and tag in CLOSES_P:
            self._pop_until("p")
        elif tag == "li" and top == "li":
            self._pop_until("li")
        elif tag in ("dt", "dd") and top in ("dt", "dd"):
            self._pop_until(top)
        elif tag in ("td", "th", "tr") and top in CELLS:
            self._pop_until(top)
        if tag == "tr" and self._stack and self._stack[-1] == "tr":
            self._pop_until("tr")

    # -- HTMLParser callbacks -----------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        start = self._offset()
        if self._skip:
            if tag in SKIPPED and not self_closing:
                self._skip.append(tag)
            return
        end = start + len(self.get_starttag_text() or "")
        if tag in SKIPPED:
            self._start_skipped(tag, start, end, self_closing)
        elif tag in BLOCKS:
            self._start_block(tag, start, self_closing)
        elif tag in VOID_BREAKS:
            self._flush()
        elif tag == "br":
            self._add("\n", start, end, False)
        elif tag == "img":
            self._image(dict(attrs), start, end)
        elif tag == "a":
            self._start_link(dict(attrs), start)

    def _start_skipped(self, tag: str, start: int, end: int, self_closing: bool) -> None:
        if tag not in INLINE_SKIPPED:
            self._flush()
        if self_closing:
            if tag in INLINE_SKIPPED:
                self._builder().add_placeholder(start, end)
            return
        self._skip.append(tag)
        self._skip_start = start

    def _start_block(self, tag: str, start: int, self_closing: bool) -> None:
        self._flush()
        self._implicit_close(tag)
        if self_closing:
            return
        self._push(tag)
        if tag in HEADINGS:
            self._heading = (start, int(tag[1]), [])

    def _image(self, attrs: dict[str, str | None], start: int, end: int) -> None:
        alt = attrs.get("alt") or ""
        self.constructs.append(Construct("image", start, end, text=alt.strip(), destination=attrs.get("src") or ""))
        self._builder().add_placeholder(start, end)
        span = attribute_span(self.source[start:end], "alt")
        if not alt.strip() or span is None:
            return
        builder = BlockBuilder(frozenset({"alt"}))
        add_with_entities(builder, self.source[start + span[0] : start + span[1]], start + span[0])
        block = builder.build()
        if block is not None:
            self._emit(block)

    def _start_link(self, attrs: dict[str, str | None], start: int) -> None:
        href = attrs.get("href")
        if href is None:
            return
        self._end_link(start)
        self._link = _OpenLink(href, start)
        if self._pending is not None:
            self._pending.link_start = self._pending.builder.length

    def _end_link(self, end: int) -> None:
        link, self._link = self._link, None
        if link is None:
            return
        text = " ".join("".join(link.texts).split())
        self.constructs.append(Construct("link", link.offset, end, text=text, destination=link.href))
        pending = self._pending
        if pending is not None and pending.link_start is not None:
            pending.link_ranges.append((pending.link_start, pending.builder.length))
            pending.link_start = None

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self._tag_end(start)
        if self._skip:
            self._end_skipped(tag, end)
        elif tag in BLOCKS:
            self._end_block(tag, end)
        elif tag == "a":
            self._end_link(end)

    def _end_skipped(self, tag: str, end: int) -> None:
        if tag not in self._skip:
            return
        while self._skip.pop() != tag:
            pass
        if not self._skip and tag in INLINE_SKIPPED:
            self._builder().add_placeholder(self._skip_start, end)

    def _end_block(self, tag: str, end: int) -> None:
        if not self._open[tag]:
            return
        heading = self._heading
        self._flush()
        self._pop_until(tag)
        if heading is not None and tag in HEADINGS:
            self._heading = None
            text = " ".join("".join(heading[2]).split())
            self.constructs.append(Construct("heading", heading[0], end, text=text, level=heading[1]))

    def handle_data(self, data: str) -> None:
        if self._skip or not data:
            return
        start = self._offset()
        end = start + len(data)
        self._add(data, start, end, self.source[start:end] == data)

    def _reference(self, start: int, length: int) -> None:
        if self._skip:
            return
        end = start + length
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[start:end]
        text = html.unescape(raw)
        self._add(text, start, end, text == raw)

    def handle_entityref(self, name: str) -> None:
        self._reference(self._offset(), len(name) + 1)

    def handle_charref(self, name: str) -> None:
        self._reference(self._offset(), len(name) + 2)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        end = self._comment_end(start, data)
        self.comments.append(Comment(start, end, data.strip()))

    def _comment_end(self, start: int, data: str) -> int:
        if not self.source.startswith("<!--", start):
            return self._tag_end(start)
        end = start + 4 + len(data)
        for closer in ("-->", "--!>", ">"):
            if self.source.startswith(closer, end):
                return end + len(closer)
        return min(end, len(self.source))

    def finish(self) -> None:
        self.close()
        self._end_link(len(self.source))
        self._flush()


def parse_html(source: str) -> ParsedDocument:
    """Split an HTML document (or fragment) into prose blocks."""
    collector = _Collector(source)
    collector.feed(source)
    collector.finish()
    blocks = sort_blocks(collector.blocks) + (raw_block(source),)
    constructs = tuple(sorted(collector.constructs, key=lambda c: (c.offset, c.end_offset)))
    return ParsedDocument(source, "html", blocks, constructs, tuple(collector.comments))


__all__ = ["parse_html", "trimmed_slice", "raw_block", "add_with_entities", "attribute_span", "sort_blocks"]
