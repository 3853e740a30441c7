"""Plain-text parser: paragraphs separated by blank lines.

A line holding only an HTML comment (``<!-- copydesk off -->``) is recorded
as a :class:`Comment` for suppression directives; it is not prose and it
ends the paragraph it interrupts.  Line breaks inside a paragraph appear as
``\\n`` in the block text; a ``\\r\\n`` or ``\\r`` break maps onto its source
characters as a non-verbatim segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lint.markup.blocks import BlockBuilder, Comment, ParsedDocument, Segment, TextBlock
from lint.markup.html import raw_block

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_COMMENT_LINE = re.compile(r"\s*<!--((?:(?!-->).)*)-->\s*")
_SCOPES = frozenset({"text", "paragraph"})

# (content start, content end, line break end)
Line = tuple[int, int, int]


def _lines(source: str) -> Iterator[Line]:
    for m in _LINE.finditer(source):
        if m.start() == len(source) and m.start() > 0:
            return
        yield m.start(1), m.end(1), m.end(2)
        if not m.group(2):
            return


def _paragraph(source: str, lines: list[Line]) -> TextBlock | None:
    builder = BlockBuilder(_SCOPES)
    for index, (start, end, newline_end) in enumerate(lines):
        builder.add(source[start:end], start, end, True)
        if index + 1 < len(lines):
            builder.add("\n", end, newline_end, source[end:newline_end] == "\n")
    return builder.build()


def _merged(source: str, lines: list[Line]) -> TextBlock | None:
    """One verbatim segment when the paragraph has only ``\\n`` breaks."""
    start, end = lines[0][0], lines[-1][1]
    if "\r" in source[start:end]:
        return _paragraph(source, lines)
    builder = BlockBuilder(_SCOPES)
    builder.add(source[start:end], start, end, True)
    return builder.build()


def parse_text(source: str) -> ParsedDocument:
    """Split plain text into paragraph blocks."""
    if "\r" in source or "<!--" in source:
        return _parse_lines(source)
    # Only "\n" breaks and no comment lines, as in most files: each
    # paragraph is one verbatim range, found with one split.
    blocks = [_verbatim_block(source, start, end) for start, end in _paragraph_spans(source)]
    blocks.append(raw_block(source))
    return ParsedDocument(source, "text", tuple(block for block in blocks if block is not None))


def _paragraph_spans(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of lines that are not blank, in a text whose
    only line break is ``\\n``: from its first line's start to its last
    line's end."""
    start = -1
    end = position = 0
    for line in source.split("\n"):
        line_end = position + len(line)
        if line and not line.isspace():
            if start < 0:
                start = position
            end = line_end
        elif start >= 0:
            yield start, end
            start = -1
        position = line_end + 1
    if start >= 0:
        yield start, end


def _verbatim_block(source: str, start: int, end: int) -> TextBlock | None:
    """The paragraph ``source[start:end]`` without the white space around
    it, as one verbatim segment (what :func:`_merged` builds)."""
    text = source[start:end]
    first = start + len(text) - len(text.lstrip())
    last = start + len(text.rstrip())
    if last <= first:
        return None
    return TextBlock(source[first:last], _SCOPES, (Segment(0, last - first, first, last, True),))


def _parse_lines(source: str) -> ParsedDocument:
    """Split plain text into paragraph blocks, line by line: any line
    break, and comment lines."""
    blocks: list[TextBlock] = []
    comments: list[Comment] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            block = _merged(source, current)
            if block is not None:
                blocks.append(block)
            current.clear()

    for line in _lines(source):
        start, end, _ = line
        content = source[start:end]
        comment = _COMMENT_LINE.fullmatch(content)
        if comment is not None:
            flush()
            begin = start + content.index("<!--")
            close = start + content.rindex("-->") + 3
            comments.append(Comment(begin, close, comment.group(1).strip()))
        elif not content.strip():
            flush()
        else:
            current.append(line)
    flush()
    blocks.append(raw_block(source))
    return ParsedDocument(source, "text", tuple(blocks), (), tuple(comments))
