"""``extends: substitution`` — suggest a replacement for each ``swap`` key."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    RuleError,
    compile_regex,
    get_bool,
    get_str_list,
    get_str_map,
    scoped_flags,
    word_bounded,
)
from lint.checks.existence import compile_exceptions, flags
from lint.checks.limits import bounded, finditer
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.prefilter import required_literals


@dataclass(frozen=True)
class SubstitutionSpec:
    swap: tuple[tuple[str, str], ...]
    exceptions: tuple[str, ...]
    capitalize: bool


class Substitution(Check):
    KEYS = frozenset({"swap", "exceptions", "capitalize", "append"})
    BLOCK_LOCAL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = SubstitutionSpec(
            swap=get_str_map(data, "swap", required=True),
            exceptions=get_str_list(data, "exceptions"),
            capitalize=get_bool(data, "capitalize"),
        )
        if not self.spec.swap:
            raise RuleError("'swap' must not be empty", "swap")
        # One pattern for all keys: each key in its own capture group, so the
        # group that matched tells which replacement applies.
        parts: list[str] = []
        self.group_replacements: list[tuple[int, str]] = []
        group = 1
        for key, replacement in self.spec.swap:
            inner = compile_regex(key, "swap", flags(common))
            parts.append("(" + scoped_flags(key) + ")")
            self.group_replacements.append((group, replacement))
            group += 1 + inner.groups
        pattern = word_bounded("(?:" + "|".join(parts) + ")", common.nonword)
        self.pattern = compile_regex(pattern, "swap", flags(common))
        self.prefilter = required_literals(pattern, flags(common))
        self.exceptions = compile_exceptions(self.spec.exceptions, common)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for block in units:
            for m in finditer(self.pattern, block.text):
                matched = m.group()
                if self.exceptions is not None and bounded(self.exceptions.fullmatch, matched):
                    continue
                replacement = next((r for g, r in self.group_replacements if m.group(g) is not None), "")
                options = [match_case(matched, r.strip()) for r in replacement.split("|")]
                if matched in options:
                    continue
                suggestion = "' or '".join(options)
                fix_text = options[0] if len(options) == 1 else None
                yield self.finding(
                    block,
                    m.start(),
                    m.end(),
                    self.message(suggestion, matched),
                    fix_text,
                    title=f"Replace '{matched}' with '{fix_text}'" if fix_text is not None else None,
                )


def match_case(original: str, replacement: str) -> str:
    """Carry a capital first letter over to the replacement: 'Past history'
    becomes 'History'. Other casing is kept as the rule wrote it."""
    if not replacement or not original:
        return replacement
    if original[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
