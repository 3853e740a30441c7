"""``extends: markup`` — checks on markup constructs themselves: a link whose
destination or text is a placeholder, an image without alt text, a heading
that skips levels. The alert covers the whole construct."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, alternation, compile_regex, get_bool, get_str, get_str_list
from lint.checks.existence import flags
from lint.checks.limits import bounded
from lint.markup.blocks import Construct, ParsedDocument, TextBlock

CONSTRUCTS = ("link", "image", "heading")


@dataclass(frozen=True)
class MarkupSpec:
    construct: str
    destination: tuple[str, ...]
    text: tuple[str, ...]
    level_jump: bool


class Markup(Check):
    KEYS = frozenset({"construct", "destination", "text", "level_jump"})
    DEFAULT_SCOPE = "raw"
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = MarkupSpec(
            construct=get_str(data, "construct", required=True),
            destination=get_str_list(data, "destination"),
            text=get_str_list(data, "text"),
            level_jump=get_bool(data, "level_jump"),
        )
        if self.spec.construct not in CONSTRUCTS:
            raise RuleError(f"'construct' must be one of {', '.join(CONSTRUCTS)}", "construct")
        if not (self.spec.destination or self.spec.text or self.spec.level_jump):
            raise RuleError("a markup rule needs 'destination', 'text' or 'level_jump'", "destination")
        self.destination = (
            compile_regex(alternation(self.spec.destination, "destination"), "destination", flags(common))
            if self.spec.destination
            else None
        )
        self.text = (
            compile_regex(alternation(self.spec.text, "text"), "text", flags(common)) if self.spec.text else None
        )

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        previous_level = 0
        for construct in doc.constructs:
            if construct.kind != self.spec.construct:
                continue
            if self.spec.level_jump:
                if previous_level and construct.level > previous_level + 1:
                    yield self._finding(construct, f"h{previous_level}", f"h{construct.level}")
                previous_level = construct.level
                continue
            if self.destination is not None and bounded(self.destination.fullmatch, construct.destination.strip()):
                yield self._finding(construct, construct.destination, construct.text)
            elif self.text is not None and bounded(self.text.fullmatch, construct.text.strip()):
                yield self._finding(construct, construct.text, construct.destination)

    def _finding(self, construct: Construct, *args: str) -> Finding:
        return Finding(construct.offset, construct.end_offset, self.message(*args))
