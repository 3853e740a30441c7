"""``extends: conditional`` — a match of ``first`` needs a match of ``second``
somewhere in the document (an acronym needs its definition)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, compile_regex, get_str, get_str_list
from lint.checks.existence import flags
from lint.checks.limits import finditer
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.prefilter import required_literals


@dataclass(frozen=True)
class ConditionalSpec:
    first: str
    second: str
    exceptions: tuple[str, ...]


class Conditional(Check):
    KEYS = frozenset({"first", "second", "exceptions"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = ConditionalSpec(
            first=get_str(data, "first", required=True),
            second=get_str(data, "second", required=True),
            exceptions=get_str_list(data, "exceptions"),
        )
        self.first = compile_regex(self.spec.first, "first", flags(common))
        self.second = compile_regex(self.spec.second, "second", flags(common))
        self.prefilter = required_literals(self.spec.first, flags(common))

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        defined: set[str] = set(self.spec.exceptions)
        for block in units:
            for m in finditer(self.second, block.text):
                defined.add(_subject(m))
        for block in units:
            for m in finditer(self.first, block.text):
                subject = _subject(m)
                if subject in defined:
                    continue
                start, end = m.span(1) if _has_group(m) else m.span()
                yield self.finding(block, start, end, self.message(subject))


def _has_group(m: regex.Match[str]) -> bool:
    return bool(m.re.groups) and m.group(1) is not None


def _subject(m: regex.Match[str]) -> str:
    """The compared text: group 1 when the pattern has groups (and group 1
    took part in the match), else the whole match."""
    return str(m.group(1) if _has_group(m) else m.group())
