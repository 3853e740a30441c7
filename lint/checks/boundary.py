"""``extends: boundary`` — something wrong where one unit meets the next:
``before`` must match at the end of a unit and ``after`` at the start of the
very next prose block (a paragraph broken mid-sentence ends without terminal
punctuation and the next begins in lower case). The alert covers the
``after`` match; the unsafe fix joins the two units with a space."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Edit, Finding, Fix
from lint.checks.base import Check, CommonSpec, compile_regex, get_str, get_str_list
from lint.checks.existence import compile_exceptions, flags
from lint.checks.limits import bounded
from lint.markup.blocks import ParsedDocument, TextBlock

NOT_PROSE = frozenset({"link", "alt", "raw"})


@dataclass(frozen=True)
class BoundarySpec:
    before: str
    after: str
    exceptions: tuple[str, ...]


class Boundary(Check):
    KEYS = frozenset({"before", "after", "exceptions"})
    DEFAULT_SCOPE = "paragraph"
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = BoundarySpec(
            before=get_str(data, "before", required=True),
            after=get_str(data, "after", required=True),
            exceptions=get_str_list(data, "exceptions"),
        )
        # Matched right to left, from the end of a unit: only its last words
        # are examined, however long the paragraph.
        self.before = compile_regex(self.spec.before, "before", flags(common) | regex.REVERSE)
        self.after = compile_regex(self.spec.after, "after", flags(common))
        self.exceptions = compile_exceptions(self.spec.exceptions, common)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        selected = {id(u) for u in units}
        prose = [b for b in doc.blocks if not (b.scopes & NOT_PROSE)]
        for first, second in zip(prose, prose[1:]):
            if id(first) not in selected or id(second) not in selected:
                continue
            # A reverse pattern's match() is tried only at the end of the
            # text: the first place search() tries, and the only one whose
            # match can end there. search() went on through the whole
            # paragraph, right to left, when nothing ended there.
            tail = bounded(self.before.match, first.text)
            if tail is None or tail.end() != len(first.text):
                continue
            head = bounded(self.after.match, second.text)
            if head is None or head.end() == 0:
                continue
            if self.exceptions is not None and bounded(self.exceptions.fullmatch, head.group()):
                continue
            join_start = first.source_end_offset(len(first.text))
            join_end = second.source_offset(0)
            gap = doc.source[join_start:join_end] if join_start <= join_end else "x"
            if not _adjacent(gap):
                continue
            join = (join_start, join_end) if _joinable(gap, doc.markup) else None
            yield self._finding(second, join, head.start(), head.end(), tail.group(), head.group())

    def _finding(self, second: TextBlock, join: tuple[int, int] | None, start: int, end: int, *args: str) -> Finding:
        offset, end_offset = second.source_span(start, end)
        fix = None
        applicability = self.common.fix.applicability()
        if applicability is not None and join is not None:
            fix = Fix("Join the two paragraphs", (Edit(join[0], join[1], " "),), applicability)
        return Finding(offset, end_offset, self.message(*args), fix)


# Between two blocks that read as one run of prose there are only blank
# lines, blockquote and list markers, tags and comments; anything else (a
# code block, a thematic break, <hr>, <pre>) separates them on purpose.
_COMMENT = regex.compile(r"<!--.*?(?:-->|$)", regex.DOTALL)
_SEPARATING_TAG = regex.compile(r"<(?:hr|pre|table|img|figure|video|audio|iframe)\b", regex.IGNORECASE)
_TAG = regex.compile(r"</?[A-Za-z][^<>]*>")
_GAP_LINE = regex.compile(r"[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]*)?")
_SIBLING_PARAGRAPHS = regex.compile(r"\s*</p\s*>\s*<p(?:\s[^<>]*)?>\s*", regex.IGNORECASE)


def _adjacent(gap: str) -> bool:
    if _SEPARATING_TAG.search(gap):
        return False
    rest = _TAG.sub("", _COMMENT.sub("", gap))
    return all(_GAP_LINE.fullmatch(line) for line in regex.split(r"\r\n|\r|\n", rest))


def _joinable(gap: str, markup: str) -> bool:
    """The join replaces the gap with a space: only when that loses nothing
    but blank lines (or, in HTML, one paragraph's end and the next's start)."""
    if not gap or gap.isspace():
        return True
    return markup == "html" and _SIBLING_PARAGRAPHS.fullmatch(gap) is not None
