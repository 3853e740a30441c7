"""Code actions: what a finding offers in the editor's light-bulb menu.

* the rule's fix, as a quick fix (preferred when the fix is safe);
* "Disable Rule.Id for this line": a ``copydesk-disable-next-line``
  directive above the line;
* "Add 'Word' to the vocabulary", for spelling and names findings: runs the
  :data:`ADD_TO_VOCABULARY` command, which writes the project's accept list;
* "Fix all safe problems in this file" (``source.fixAll``).

Edits are versioned ``documentChanges`` when the client supports them, so
an edit computed for an older version of the document is refused by the
client instead of landing in the wrong place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from lsprotocol import types

from lint.alerts import Alert, Applicability
from lint.lsp.documents import PositionMap, split_lines
from lint.markup.blocks import ParsedDocument

ADD_TO_VOCABULARY = "copydesk.addToVocabulary"
FIX_ALL_TITLE = "Fix all safe problems in this file"
DIRECTIVE = "copydesk-disable-next-line"
SAME_LINE_DIRECTIVE = "copydesk-disable-line"

# Leading blockquote markers and indentation a directive line must repeat
# to stay inside the same container.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*>)*[ \t]*")
_INDENT = re.compile(r"[ \t]*")


def _existing(directive: str) -> re.Pattern[str]:
    """A ``directive`` comment already in the text, its rule names apart."""
    return re.compile(rf"<!--\s*{directive}\b(?P<names>[^>]*?)(?P<reason>\s+--[^>]*)?\s*-->")


_EXISTING = _existing(DIRECTIVE)
_EXISTING_SAME_LINE = _existing(SAME_LINE_DIRECTIVE)
# Markdown containers a line of its own would break: a comment line between
# two list items ends the list (the next item starts a new one), and one
# between two table rows ends the table (the rows below become a paragraph).
INLINE_CONTAINERS = frozenset({"list", "table.cell"})


class DocumentTarget:
    """The document an action edits, and how the client wants edits."""

    def __init__(self, uri: str, version: int | None, versioned: bool) -> None:
        self.uri = uri
        self.version = version
        self.versioned = versioned

    def edit(self, edits: Sequence[types.TextEdit]) -> types.WorkspaceEdit:
        if self.versioned:
            document = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))])
        return types.WorkspaceEdit(changes={self.uri: list(edits)})


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether an action of ``kind`` answers a request limited to ``only``."""
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def quick_fix(alert: Alert, diagnostic: types.Diagnostic, positions: PositionMap, target: DocumentTarget) -> types.CodeAction | None:
    fix = alert.fix
    if fix is None or not fix.edits or fix.applicability is Applicability.DISPLAY_ONLY:
        return None
    edits = [types.TextEdit(range=positions.range(e.offset, e.end_offset), new_text=e.text) for e in fix.edits]
    safe = fix.applicability is Applicability.SAFE
    title = fix.title if safe else f"{fix.title} (check the result)"
    return types.CodeAction(
        title=f"{title} ({alert.rule})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=safe,
        edit=target.edit(edits),
    )


def disable_for_line(
    alert: Alert,
    diagnostic: types.Diagnostic,
    positions: PositionMap,
    markup: str,
    target: DocumentTarget,
    continues_previous_line: bool,
    container: str | None = None,
) -> types.CodeAction:
    """Silence ``alert.rule`` on the alert's line.

    The directive goes on a line of its own above the finding, repeating the
    line's blockquote markers and indentation. In Markdown, when the finding's
    line continues a paragraph, a line of its own would split the paragraph
    in two when published, so the directive goes at the end of the previous
    line instead (it still applies to the next line). A directive already
    there gains the rule id.

    Inside a Markdown list item or table row (``container``), a line of its
    own would end the list or the table, so a ``copydesk-disable-line``
    directive goes at the end of the finding's own line instead: inside the
    last cell of a table row, and before a hard line break's trailing
    spaces or backslash."""
    row = alert.line - 1
    if markup == "markdown" and container in INLINE_CONTAINERS:
        return _disable_action(alert, diagnostic, target, [_same_line_edit(alert.rule, positions, row, container)])
    previous = positions.line_text(row - 1) if row > 0 else None
    existing = _EXISTING.search(previous) if previous is not None else None
    if existing is not None and _directive_is_last(previous or "", existing):
        joined = _rule_added(existing, positions.line_start(row - 1), alert.rule, positions)
        if joined.new_text:
            return _disable_action(alert, diagnostic, target, [joined])
    comment = f"<!-- {DIRECTIVE} {alert.rule} -->"
    line = positions.line_text(row)
    if markup == "markdown" and previous is not None and previous.strip() and continues_previous_line:
        end = positions.line_start(row - 1) + len(previous)
        edit = types.TextEdit(range=positions.range(end, end), new_text=f" {comment}")
    else:
        pattern = _CONTAINER_PREFIX if markup == "markdown" else _INDENT
        match = pattern.match(line)
        prefix = match.group(0) if match else ""
        start = positions.line_start(row)
        edit = types.TextEdit(range=positions.range(start, start), new_text=f"{prefix}{comment}{_line_ending(positions, row)}")
    return _disable_action(alert, diagnostic, target, [edit])


def _same_line_edit(rule: str, positions: PositionMap, row: int, container: str | None) -> types.TextEdit:
    """A ``copydesk-disable-line`` directive for ``rule`` on line ``row``:
    the rule added to one already there, or a new one where the line's
    content ends (inside the last cell of a table row)."""
    line = positions.line_text(row)
    start = positions.line_start(row)
    existing = _EXISTING_SAME_LINE.search(line)
    if existing is not None:
        return _rule_added(existing, start, rule, positions)
    content = line.rstrip(" \t\r\n")
    at = len(content)
    comment = f"<!-- {SAME_LINE_DIRECTIVE} {rule} -->"
    if container == "table.cell" and _ends_with_unescaped(content, "|"):
        at -= 1  # inside the last cell: text after the closing pipe is no cell
        new_text = f"{comment} " if content[at - 1 : at] in (" ", "\t") else f" {comment} "
    elif _ends_with_unescaped(content, "\\"):
        at -= 1  # a hard line break: the backslash must stay last
        new_text = f" {comment}"
    else:
        new_text = f" {comment}"
    return types.TextEdit(range=positions.range(start + at, start + at), new_text=new_text)


def _rule_added(existing: re.Match[str], line_start: int, rule: str, positions: PositionMap) -> types.TextEdit:
    """``rule`` added to the names of a directive already on the line that
    starts at ``line_start`` (an edit with no text when it is there)."""
    names = [n for n in re.split(r"[\s,]+", existing.group("names")) if n]
    at = line_start + existing.end("names")
    text = "" if rule in names else (", " if names else " ") + rule
    return types.TextEdit(range=positions.range(at, at), new_text=text)


def _ends_with_unescaped(text: str, char: str) -> bool:
    """``text`` ends with ``char`` not escaped by a backslash (for a
    backslash: an odd number of them)."""
    if not text.endswith(char):
        return False
    body = text[:-1]
    run = len(body) - len(body.rstrip("\\"))
    return run % 2 == 0


def _directive_is_last(line: str, match: re.Match[str]) -> bool:
    """The directive ends its line (so it applies to the line below)."""
    return not line[match.end() :].strip()


def _disable_action(
    alert: Alert, diagnostic: types.Diagnostic, target: DocumentTarget, edits: list[types.TextEdit]
) -> types.CodeAction:
    return types.CodeAction(
        title=f"Disable {alert.rule} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=target.edit(edits),
    )


def _line_ending(positions: PositionMap, row: int) -> str:
    if 0 <= row < len(positions.lines):
        line = positions.lines[row]
        for ending in ("\r\n", "\n", "\r"):
            if line.endswith(ending):
                return ending
    if positions.lines and positions.lines[0].endswith("\r\n"):
        return "\r\n"
    return "\n"


def add_to_vocabulary(alert: Alert, diagnostic: types.Diagnostic, uri: str) -> types.CodeAction:
    word = alert.match.strip()
    title = f"Add '{word}' to the vocabulary"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        command=types.Command(title=title, command=ADD_TO_VOCABULARY, arguments=[uri, word]),
    )


def fix_all(original: str, fixed: str, positions: PositionMap, target: DocumentTarget) -> types.CodeAction | None:
    """One action holding the edits that turn ``original`` into ``fixed``."""
    if fixed == original:
        return None
    return types.CodeAction(
        title=FIX_ALL_TITLE,
        kind=types.CodeActionKind.SourceFixAll,
        edit=target.edit(line_edits(original, fixed, positions)),
    )


def line_edits(original: str, fixed: str, positions: PositionMap) -> list[types.TextEdit]:
    """Small edits, one per changed run of lines, so the editor keeps the
    cursor, folds and marks of the lines that did not change."""
    old_lines = positions.lines
    new_lines = split_lines(fixed)
    edits: list[types.TextEdit] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = positions.line_start(i1)
        end = positions.line_start(i2) if i2 < len(old_lines) else len(original)
        edits.append(types.TextEdit(range=positions.range(start, end), new_text="".join(new_lines[j1:j2])))
    return edits


def markdown_container(document: ParsedDocument, offset: int) -> str | None:
    """``list`` or ``table.cell`` when the prose at ``offset`` lies in a
    list item or a table cell (the innermost kind that breaks on a line of
    its own; a table wins), else None."""
    for block in document.blocks:
        if "raw" in block.scopes or not block.segments:
            continue
        if block.segments[0].source_start <= offset <= block.segments[-1].source_end:
            for kind in ("table.cell", "list"):
                if kind in block.scopes:
                    return kind
    return None


def continues_paragraph(document: ParsedDocument, offset: int, line_start: int) -> bool:
    """Whether the Markdown prose at ``offset`` belongs to a block that began
    on an earlier line (the line at ``line_start`` continues a paragraph)."""
    for block in document.blocks:
        if "raw" in block.scopes or not block.segments:
            continue
        first, last = block.segments[0].source_start, block.segments[-1].source_end
        if first <= offset <= last and first < line_start:
            return True
    return False


def diagnostics_in_range(
    alerts: Iterable[Alert], diagnostics: Sequence[types.Diagnostic], start: int, end: int
) -> list[tuple[Alert, types.Diagnostic]]:
    """The findings a requested range touches (an empty range: the cursor)."""
    out = []
    for alert, diagnostic in zip(alerts, diagnostics):
        if alert.offset <= end and start <= alert.end_offset:
            out.append((alert, diagnostic))
    return out
