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

from lint.markup.blocks import BlockBuilder, Comment, ParsedDocument, TextBlock
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
