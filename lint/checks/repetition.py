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
        token = alternation(self.spec.tokens, "tokens")
        # One search finds the pairs: a token, whitespace (at most one line
        # break, checked below), then the same text again ending at a word
        # boundary, so
        # "the theory" is not "the the". The token is atomic: no backtracking
        # into it.
        self.pattern = compile_regex(
            rf"\b(?P<first>(?>{token}))(?P<gap>\s+)(?P=first)(?![\p{{L}}\p{{N}}_])",
            "tokens",
            flags(common),
        )

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        exceptions = set(self.spec.exceptions)
        for block in units:
            text = block.text
            for m in finditer(self.pattern, text):
                word = m.group("first")
                if m.group("gap").count("\n") > 1:
                    continue
                if self.spec.alpha and not any(c.isalpha() for c in word):
                    continue
                key = word.lower() if self.common.ignorecase else word
                if key in exceptions:
                    continue
                yield self.finding(
                    block,
                    m.start(),
                    m.end(),
                    self.message(word),
                    replacement=word,
                    title=f"Remove the repeated '{word}'",
                )
