"""``extends: consistency`` — two spellings of one thing in one document
("organise"/"organize"): the form used less (or later, on a tie) is flagged."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, compile_regex, get_str_map, word_bounded
from lint.checks.existence import flags
from lint.checks.limits import finditer
from lint.markup.blocks import ParsedDocument, TextBlock


@dataclass(frozen=True)
class ConsistencySpec:
    either: tuple[tuple[str, str], ...]


class Consistency(Check):
    KEYS = frozenset({"either"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = ConsistencySpec(either=get_str_map(data, "either", required=True))
        if not self.spec.either:
            raise RuleError("'either' must not be empty", "either")
        self.pairs: list[tuple[regex.Pattern[str], regex.Pattern[str]]] = [
            (
                compile_regex(word_bounded(a, common.nonword), "either", flags(common)),
                compile_regex(word_bounded(b, common.nonword), "either", flags(common)),
            )
            for a, b in self.spec.either
        ]

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for first, second in self.pairs:
            a = [(block, m) for block in units for m in finditer(first, block.text)]
            b = [(block, m) for block in units for m in finditer(second, block.text)]
            if not a or not b:
                continue
            a_first = min(block.source_offset(m.start()) for block, m in a)
            b_first = min(block.source_offset(m.start()) for block, m in b)
            keep, flag = (a, b) if (len(a), -a_first) >= (len(b), -b_first) else (b, a)
            kept = [m.group() for _, m in keep]
            preferred = kept[0]
            for block, m in flag:
                replacement = _in_case_of(m.group(), kept)
                yield self.finding(
                    block,
                    m.start(),
                    m.end(),
                    self.message(m.group(), preferred),
                    replacement=replacement,
                    title=f"Use '{replacement}' throughout",
                )


def _in_case_of(flagged: str, kept: Sequence[str]) -> str:
    """The kept form to put in place of ``flagged``: one written with the same
    initial case if the document has it ("organise" for "organize", even when
    the first "Organise" opens a sentence), else the first with its initial
    letter changed to match."""
    upper = flagged[:1].isupper()
    for form in kept:
        if form[:1].isupper() == upper:
            return form
    form = kept[0]
    return (form[:1].upper() if upper else form[:1].lower()) + form[1:]
