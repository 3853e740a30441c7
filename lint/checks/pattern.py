"""``extends: pattern`` — one full ``regex``-module pattern (named groups,
backreferences, lookarounds). The message is filled from named groups
(``{name}``) or with the whole match (``%s``); ``replace`` is an expansion
template (``\\g<name>``) that makes the fix."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    RuleError,
    compilation_deferred,
    compile_regex,
    format_message,
    get_str,
    get_str_list,
)
from lint.checks.existence import compile_exceptions, flags
from lint.checks.limits import bounded, finditer
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.literal_search import LiteralStarts
from lint.prefilter import leading_strings, required_literals, start_strings

PLACEHOLDER = regex.compile(r"\{(\w+)\}")
# A pattern whose every match starts with one of a few known strings this
# long or longer (words, not single characters) is tried only where one
# starts: finding them all in one scan and trying the pattern there costs
# less than the regex engine's own scan of the unit.
MIN_LEAD = 3


@dataclass(frozen=True)
class PatternSpec:
    pattern: str
    replace: str | None
    report: str
    exceptions: tuple[str, ...]


class Pattern(Check):
    KEYS = frozenset({"pattern", "replace", "report", "exceptions"})
    BLOCK_LOCAL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = PatternSpec(
            pattern=get_str(data, "pattern", required=True),
            replace=get_str(data, "replace") if "replace" in data else None,
            report=get_str(data, "report"),
            exceptions=get_str_list(data, "exceptions"),
        )
        self.pattern = compile_regex(self.spec.pattern, "pattern", flags(common))
        self.prefilter = required_literals(self.spec.pattern, flags(common))
        # For a pattern anchored at the start of a unit: how a unit it can
        # match starts.
        self.starts = start_strings(self.spec.pattern, flags(common))
        # For other patterns: how every match starts, when that is known text
        # (\G would match where each try starts, not where the last match ended).
        leads = leading_strings(self.spec.pattern, flags(common))
        self.lead_starts: LiteralStarts | None = None
        if leads is not None and min(map(len, leads)) >= MIN_LEAD and "\\G" not in self.spec.pattern:
            self.lead_starts = LiteralStarts(leads)
        if not compilation_deferred():
            self._validate_groups()
        self.exceptions = compile_exceptions(self.spec.exceptions, common)

    def _validate_groups(self) -> None:
        """Groups named by ``report``, the message and ``replace`` must exist."""
        if self.spec.report and self.spec.report not in self.pattern.groupindex:
            raise RuleError(
                f"'report' names group {self.spec.report!r}, which the pattern does not define", "report"
            )
        for name in PLACEHOLDER.findall(self.common.message):
            if name not in self.pattern.groupindex:
                raise RuleError(f"message uses {{{name}}}, which the pattern does not define", "message")
        if self.spec.replace is not None:
            check_template(self.spec.replace, self.pattern)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        starts = self.starts
        for block in units:
            if starts is not None and not block.folded.startswith(starts):
                continue
            for m in self._matches(block):
                if self.exceptions is not None and bounded(self.exceptions.fullmatch, m.group()):
                    continue
                start, end = m.span(self.spec.report) if self.spec.report else m.span()
                if end <= start:
                    continue
                replacement = None
                if self.spec.replace is not None:
                    # The replacement covers the whole match; the report span
                    # only narrows what is underlined.
                    start_full, end_full = m.span()
                    replacement = m.expand(self.spec.replace)
                    finding = self.finding(block, start_full, end_full, self.render(m), replacement)
                    if self.spec.report:
                        offset, end_offset = block.source_span(start, end)
                        finding = dataclasses.replace(finding, offset=offset, end_offset=end_offset)
                    yield finding
                    continue
                yield self.finding(block, start, end, self.render(m))

    def _matches(self, block: TextBlock) -> Iterator[regex.Match[str]]:
        """What ``finditer`` finds in the unit: the pattern is tried only
        where a match can start, when that is known (see ``lead_starts``)
        and the case-folded text keeps every index where it was."""
        text = block.text
        if self.lead_starts is None or len(block.folded) != len(text):
            yield from finditer(self.pattern, text)
            return
        match = self.pattern.match
        end = 0
        for start in self.lead_starts.in_text(block.folded):
            if start < end:
                continue  # inside the last match: finditer goes on from its end
            m = bounded(match, text, start)
            if m is not None and m.end() > start:
                end = m.end()
                yield m

    def render(self, m: regex.Match[str]) -> str:
        template = self.common.message

        def group(p: regex.Match[str]) -> str:
            return m.group(p.group(1)) or ""

        return format_message(PLACEHOLDER.sub(group, template), (m.group(),))


TEMPLATE_GROUP = regex.compile(r"\\g<(\w+)>|\\(\d+)")


def check_template(template: str, pattern: regex.Pattern[str]) -> None:
    """Every group a ``replace`` template names must exist in the pattern,
    and the template must expand (no bad escapes such as ``\\q``)."""
    for m in TEMPLATE_GROUP.finditer(template):
        name = m.group(1) or m.group(2)
        known = int(name) <= pattern.groups if name.isdigit() else name in pattern.groupindex
        if not known:
            raise RuleError(f"'replace' refers to group {name!r}, which the pattern does not define", "replace")
    # The pattern made optional has the same groups and matches the empty
    # string, so expanding against that match checks the template now rather
    # than on the first document that matches.
    try:
        empty = regex.compile("(?:" + pattern.pattern + "\n)?", pattern.flags)
        match = empty.match("")
    except (regex.error, ValueError, OverflowError, RecursionError):
        return
    if match is None:
        return
    try:
        match.expand(template)
    except (regex.error, IndexError, ValueError) as exc:
        raise RuleError(f"invalid 'replace' template: {exc}", "replace") from None
