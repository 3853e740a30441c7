"""``extends: existence`` — flag any occurrence of the listed tokens."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    RuleError,
    alternation,
    compile_regex,
    get_bool,
    get_str_list,
    word_bounded,
)
from lint.checks.limits import bounded, finditer
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.prefilter import required_literals


@dataclass(frozen=True)
class ExistenceSpec:
    tokens: tuple[str, ...]
    raw: tuple[str, ...]
    exceptions: tuple[str, ...]
    append: bool


class Existence(Check):
    KEYS = frozenset({"tokens", "raw", "exceptions", "append"})
    BLOCK_LOCAL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = ExistenceSpec(
            tokens=get_str_list(data, "tokens"),
            raw=get_str_list(data, "raw"),
            exceptions=get_str_list(data, "exceptions"),
            append=get_bool(data, "append"),
        )
        if not self.spec.tokens and not self.spec.raw:
            raise RuleError("an existence rule needs 'tokens' or 'raw'", "tokens")
        pattern = build_pattern(self.spec.tokens, self.spec.raw, common.nonword, self.spec.append)
        self.pattern = compile_regex(pattern, "tokens", flags(common))
        self.prefilter = required_literals(pattern, flags(common))
        self.exceptions = compile_exceptions(self.spec.exceptions, common)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for block in units:
            for m in finditer(self.pattern, block.text):
                if self.exceptions is not None and bounded(self.exceptions.fullmatch, m.group()):
                    continue
                yield self.finding(block, m.start(), m.end(), self.message(m.group()))


def build_pattern(tokens: Sequence[str], raw: Sequence[str], nonword: bool, append: bool = False) -> str:
    """Vale's construction: ``raw`` pieces are concatenated as written; tokens
    become one alternation with word boundaries (one matcher, not one pass per
    token). ``raw`` comes before the tokens, or after them with ``append``."""
    prefix = ""
    if raw:
        for piece in raw:
            if _balanced(piece):
                compile_regex(piece, "raw")
        prefix = "".join(raw)
    body = word_bounded(alternation(tokens, "tokens"), nonword) if tokens else ""
    return body + prefix if append else prefix + body


def _balanced(piece: str) -> bool:
    # raw pieces may open a group that a later piece closes; only check
    # pieces that stand alone.
    return piece.count("(") == piece.count(")")


def flags(common: CommonSpec) -> int:
    return regex.IGNORECASE if common.ignorecase else 0


def compile_exceptions(exceptions: Sequence[str], common: CommonSpec) -> regex.Pattern[str] | None:
    if not exceptions:
        return None
    return compile_regex(alternation(exceptions, "exceptions"), "exceptions", flags(common))
