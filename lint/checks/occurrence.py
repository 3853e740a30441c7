"""``extends: occurrence`` — too many (``max``) or too few (``min``) matches of
``token`` in one scope unit (e.g. words per sentence)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, compile_regex, get_int, get_str
from lint.checks.existence import flags
from lint.checks.limits import finditer
from lint.markup.blocks import ParsedDocument, TextBlock


@dataclass(frozen=True)
class OccurrenceSpec:
    token: str
    max: int | None
    min: int | None


class Occurrence(Check):
    KEYS = frozenset({"token", "max", "min"})
    DEFAULT_SCOPE = "sentence"

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = OccurrenceSpec(
            token=get_str(data, "token", required=True),
            max=get_int(data, "max"),
            min=get_int(data, "min"),
        )
        if self.spec.max is None and self.spec.min is None:
            raise RuleError("an occurrence rule needs 'max' or 'min'", "max")
        self.pattern = compile_regex(self.spec.token, "token", flags(common))

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for block in units:
            count = sum(1 for _ in finditer(self.pattern, block.text))
            too_many = self.spec.max is not None and count > self.spec.max
            too_few = self.spec.min is not None and count < self.spec.min
            if too_many or too_few:
                yield self.finding(block, 0, len(block.text), self.message(str(count)))
