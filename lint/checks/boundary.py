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

from lint.alerts import Applicability, Edit, Finding, Fix
from lint.checks import base
from lint.checks.base import Check, CommonSpec, compile_regex, get_str, get_str_list
from lint.checks.existence import compile_exceptions, flags
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
        # Searched right to left: the match that ends a unit is found first,
        # without trying every start position in a long paragraph.
        self.before = compile_regex(self.spec.before, "before", flags(common) | regex.REVERSE)
        self.after = compile_regex(self.spec.after, "after", flags(common))
        self.exceptions = compile_exceptions(self.spec.exceptions, common)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        selected = {id(u) for u in units}
        prose = [b for b in doc.blocks if not (b.scopes & NOT_PROSE)]
        for first, second in zip(prose, prose[1:]):
            if id(first) not in selected or id(second) not in selected:
                continue
            tail = self.before.search(first.text, timeout=base.REGEX_TIMEOUT)
            if tail is None or tail.end() != len(first.text):
                continue
            head = self.after.match(second.text, timeout=base.REGEX_TIMEOUT)
            if head is None or head.end() == 0:
                continue
            if self.exceptions is not None and self.exceptions.fullmatch(head.group()):
                continue
            yield self._finding(first, second, head.start(), head.end(), tail.group(), head.group())

    def _finding(self, first: TextBlock, second: TextBlock, start: int, end: int, *args: str) -> Finding:
        offset, end_offset = second.source_span(start, end)
        fix = None
        applicability = self.common.fix.applicability()
        if applicability is not None:
            join_start = first.source_end_offset(len(first.text))
            join_end = second.source_offset(0)
            fix = Fix("Join the two paragraphs", (Edit(join_start, join_end, " "),), applicability)
        return Finding(offset, end_offset, self.message(*args), fix)
