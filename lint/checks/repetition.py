"""``extends: repetition`` — the same token twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, alternation, compile_regex, finditer, get_bool, get_str_list
from lint.checks.existence import flags
from lint.markup.blocks import ParsedDocument, TextBlock


@dataclass(frozen=True)
class RepetitionSpec:
    tokens: tuple[str, ...]
    alpha: bool
    exceptions: tuple[str, ...]


class Repetition(Check):
    KEYS = frozenset({"tokens", "alpha", "exceptions"})

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = RepetitionSpec(
            tokens=get_str_list(data, "tokens") or (r"[^\s]+",),
            alpha=get_bool(data, "alpha"),
            exceptions=tuple(e.lower() if common.ignorecase else e for e in get_str_list(data, "exceptions")),
        )
        self.pattern = compile_regex(alternation(self.spec.tokens, "tokens"), "tokens", flags(common))

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        exceptions = set(self.spec.exceptions)
        for block in units:
            text = block.text
            previous = None
            for m in finditer(self.pattern, text):
                word = m.group()
                key = word.lower() if self.common.ignorecase else word
                if self.spec.alpha and not any(c.isalpha() for c in word):
                    previous = None
                    continue
                if (
                    previous is not None
                    and previous[2] == key
                    and text[previous[1] : m.start()].isspace()
                    and "\n\n" not in text[previous[1] : m.start()]
                    and key not in exceptions
                ):
                    start = previous[0]
                    yield self.finding(
                        block,
                        start,
                        m.end(),
                        self.message(word),
                        replacement=text[start : previous[1]],
                        title=f"Remove the repeated '{word}'",
                    )
                    previous = None
                    continue
                previous = (m.start(), m.end(), key)
