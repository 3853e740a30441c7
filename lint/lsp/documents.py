"""Documents as the protocol counts them.

A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r`` and nowhere else: not at
the other separators ``str.splitlines`` knows (U+2028, U+0085, form feed...),
which turn up in copy pasted from word processors and web pages. The same
rule is used by :class:`lint.positions.LineIndex`, by the documents pygls keeps
(:class:`LspTextDocument`) and by :class:`PositionMap`, so a range the server
sends and an edit the client sends agree on what line 12 is.

Characters within a line are converted between code points (what the engine
counts) and the client's code units (UTF-16 by default, UTF-8 or UTF-32 when
negotiated) by pygls' :class:`~pygls.workspace.PositionCodec`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import PositionCodec, TextDocument, Workspace
from pygls.workspace.position_codec import ServerTextPosition

from lint.markup import markup_for_path
from lint.positions import LineIndex

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# languageId values editors send for the documents copydesk lints.
_LANGUAGE_MARKUP = {
    "markdown": "markdown",
    "mdx": "markdown",
    "html": "html",
    "plaintext": "text",
    "text": "text",
    "txt": "text",
}
_KNOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".txt"})


def split_lines(source: str) -> list[str]:
    """The lines of ``source`` with their endings, as the protocol counts them."""
    lines: list[str] = []
    start = 0
    for match in _LINE_BREAK.finditer(source):
        lines.append(source[start : match.end()])
        start = match.end()
    if start < len(source):
        lines.append(source[start:])
    return lines


def _without_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


class PositionMap:
    """Converts between character offsets into one text and protocol positions."""

    def __init__(self, source: str, codec: PositionCodec) -> None:
        self.source = source
        self.codec = codec
        self.lines = split_lines(source)
        self._index = LineIndex(source)

    def position(self, offset: int) -> types.Position:
        """The protocol position of character ``offset``."""
        line, column = self._index.line_col(offset)
        if line - 1 >= len(self.lines):
            # Just after a final line break: the start of an empty last line.
            return types.Position(line=line - 1, character=0)
        return self.codec.position_to_client_units(self.lines, ServerTextPosition(line - 1, column - 1))

    def range(self, offset: int, end_offset: int) -> types.Range:
        return types.Range(start=self.position(offset), end=self.position(end_offset))

    def offset(self, position: types.Position) -> int:
        """The character offset of a protocol position; positions past the end
        of a line or of the text are clamped, as the specification asks."""
        if position.line < 0:
            return 0
        if position.line >= len(self.lines):
            return len(self.source)
        text = _without_ending(self.lines[position.line])
        units = self.codec.client_num_units(text)
        character = min(max(position.character, 0), units)
        server = self.codec.position_from_client_units([text], types.Position(line=0, character=character))
        return self._index.line_start(position.line + 1) + server.character

    def line_text(self, line: int) -> str:
        """0-based ``line`` without its ending ('' past the end)."""
        if 0 <= line < len(self.lines):
            return _without_ending(self.lines[line])
        return ""

    def line_start(self, line: int) -> int:
        """Offset where 0-based ``line`` starts."""
        if line >= len(self.lines):
            return len(self.source)
        return self._index.line_start(line + 1)


class LspTextDocument(TextDocument):
    """pygls' document with the protocol's notion of a line, so incremental
    edits land where the client meant them."""

    @property
    def lines(self) -> Sequence[str]:
        return tuple(split_lines(self.source))


class LspWorkspace(Workspace):
    """A workspace whose documents are :class:`LspTextDocument`."""

    def _create_text_document(
        self,
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return LspTextDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=types.TextDocumentSyncKind.Incremental,
            position_codec=self.position_codec,
        )


def uri_to_path(uri: str) -> Path | None:
    """The file system path of a ``file:`` URI (None for other schemes)."""
    path = to_fs_path(uri)
    if path is None or not uri.startswith("file:"):
        return None
    return Path(path)


def document_markup(uri: str, language_id: str | None) -> str | None:
    """The markup of a document: from its extension when copydesk knows it,
    else from the editor's language id; None for documents copydesk does not
    lint (source code, YAML...)."""
    path = uri_to_path(uri)
    suffix = path.suffix.lower() if path is not None else Path(uri).suffix.lower()
    if suffix in _KNOWN_SUFFIXES:
        return markup_for_path(f"x{suffix}")
    if language_id is not None:
        return _LANGUAGE_MARKUP.get(language_id.lower())
    return None
