"""Inline suppression: comments in the text that silence alerts.

Directives are HTML comments (Markdown, HTML) or, in plain text, comments on
a line of their own::

    <!-- copydesk-disable News.DoubledWord, Redundancy -->  ... from here
    <!-- copydesk-enable News.DoubledWord -->               ... to here
    <!-- copydesk-disable-next-line News.PlaceName -- a real village -->
    <!-- copydesk-disable-line News.PlaceName -->           (inline, same line)
    <!-- copydesk-disable-file News.LeadingZeroDay -->      (anywhere in the file)

Without rule ids a directive means every rule; a pack name means every rule
of the pack. Text after ``--`` is a reason and is ignored. The next line is
the next line that is not blank (a formatter may put a blank line after a
comment). Vale's comments are honoured too: ``<!-- vale off -->``,
``<!-- vale on -->``, ``<!-- vale Style.Rule = NO -->`` and ``= YES``.

A directive naming a rule that does not exist is reported as
``copydesk.UnknownRule``, one that cannot be read as
``copydesk.InvalidDirective`` (both warnings, and suppressible like any rule).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lint.alerts import Alert, Level
from lint.markup.blocks import Comment, ParsedDocument
from lint.positions import LineIndex

if TYPE_CHECKING:
    from lint.engine import LintOptions
    from lint.rule_loading import Rule

UNKNOWN_RULE = "copydesk.UnknownRule"
INVALID_DIRECTIVE = "copydesk.InvalidDirective"
BUILTIN_RULES = frozenset({UNKNOWN_RULE, INVALID_DIRECTIVE})

DISABLE = "disable"
ENABLE = "enable"
NEXT_LINE = "disable-next-line"
SAME_LINE = "disable-line"
FILE = "disable-file"
KINDS = (DISABLE, ENABLE, NEXT_LINE, SAME_LINE, FILE)

_COPYDESK = re.compile(r"copydesk-(?P<kind>[\w-]*)(?P<rest>.*)", re.DOTALL)
_VALE = re.compile(r"vale\s+(?P<rest>.+)", re.DOTALL)
_VALE_SETTING = re.compile(r"(?P<name>[\w.\-/]+)\s*=\s*(?P<value>\S+)")
_RULE_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)?(?:/[\w.-]+)?")


@dataclass(frozen=True)
class Directive:
    """One parsed comment. ``rules`` empty means every rule; ``spans`` are
    the source ranges of the rule names, for reporting unknown ones."""

    kind: str
    rules: tuple[str, ...]
    offset: int
    end_offset: int
    spans: tuple[tuple[int, int], ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Problem:
    """A directive that names an unknown rule or cannot be read."""

    rule: str
    offset: int
    end_offset: int
    message: str


def parse_directives(doc: ParsedDocument) -> tuple[list[Directive], list[Problem]]:
    directives: list[Directive] = []
    problems: list[Problem] = []
    for comment in doc.comments:
        parsed = parse_comment(doc.source, comment)
        if isinstance(parsed, Problem):
            problems.append(parsed)
        elif parsed is not None:
            directives.extend(parsed)
    return directives, problems


def parse_comment(source: str, comment: Comment) -> list[Directive] | Problem | None:
    """The directives in one comment, a problem, or None for other comments."""
    body = comment.body.strip()
    m = _COPYDESK.fullmatch(body)
    if m is not None:
        return _parse_copydesk(source, comment, m.group("kind"), m.group("rest"))
    m = _VALE.fullmatch(body)
    if m is not None:
        return _parse_vale(source, comment, m.group("rest").strip())
    return None


def _parse_copydesk(source: str, comment: Comment, kind: str, rest: str) -> list[Directive] | Problem:
    if kind not in KINDS:
        return Problem(
            INVALID_DIRECTIVE,
            comment.offset,
            comment.end_offset,
            f"Unknown directive 'copydesk-{kind}': use one of {', '.join('copydesk-' + k for k in KINDS)}.",
        )
    names_text, _, reason = rest.partition("--")
    names = [n for n in re.split(r"[\s,]+", names_text) if n]
    bad = [n for n in names if not _RULE_NAME.fullmatch(n)]
    if bad:
        return Problem(
            INVALID_DIRECTIVE,
            comment.offset,
            comment.end_offset,
            f"'{bad[0]}' is not a rule id; write 'copydesk-{kind} Pack.Rule, Other.Rule -- reason'.",
        )
    spans = _name_spans(source, comment, names, body_start=len("copydesk-" + kind))
    return [Directive(kind, tuple(names), comment.offset, comment.end_offset, spans, reason.strip())]


def _parse_vale(source: str, comment: Comment, rest: str) -> list[Directive] | Problem:
    lowered = rest.lower()
    if lowered == "off":
        return [Directive(DISABLE, (), comment.offset, comment.end_offset)]
    if lowered == "on":
        return [Directive(ENABLE, (), comment.offset, comment.end_offset)]
    directives: list[Directive] = []
    settings = [s.strip() for s in rest.split(",") if s.strip()]
    for setting in settings:
        m = _VALE_SETTING.fullmatch(setting)
        value = m.group("value").upper() if m else ""
        if m is None or value not in ("YES", "NO") or not _RULE_NAME.fullmatch(m.group("name")):
            return Problem(
                INVALID_DIRECTIVE,
                comment.offset,
                comment.end_offset,
                f"Cannot read Vale comment '{rest}': use 'vale off', 'vale on' or 'vale Style.Rule = NO|YES'.",
            )
        name = m.group("name")
        kind = DISABLE if value == "NO" else ENABLE
        spans = _name_spans(source, comment, [name], body_start=0)
        directives.append(Directive(kind, (name,), comment.offset, comment.end_offset, spans))
    return directives


def _name_spans(source: str, comment: Comment, names: Sequence[str], body_start: int) -> tuple[tuple[int, int], ...]:
    """Where each rule name sits in the source (the whole comment if not found)."""
    spans: list[tuple[int, int]] = []
    open_at = source.find(comment.body, comment.offset, comment.end_offset) if comment.body else -1
    cursor = (open_at + body_start) if open_at >= 0 else comment.offset
    for name in names:
        at = source.find(name, cursor, comment.end_offset)
        if at < 0:
            spans.append((comment.offset, comment.end_offset))
            continue
        spans.append((at, at + len(name)))
        cursor = at + len(name)
    return tuple(spans)


def names_rule(rule_id: str, name: str) -> bool:
    """``name`` selects ``rule_id``: the id itself, its pack, or (for rules
    with sub-rules such as ``Pack.Rule/Sub``) the parent rule."""
    return rule_id == name or rule_id.startswith(name + ".") or rule_id.startswith(name + "/")


def _any(rule_id: str, names: Iterable[str]) -> bool:
    return any(names_rule(rule_id, name) for name in names)


@dataclass(frozen=True)
class _State:
    everything: bool = False
    off: frozenset[str] = frozenset()
    on: frozenset[str] = frozenset()

    def suppresses(self, rule_id: str) -> bool:
        return (self.everything or _any(rule_id, self.off)) and not _any(rule_id, self.on)

    def apply(self, directive: Directive) -> _State:
        names = frozenset(directive.rules)
        if directive.kind == DISABLE:
            if not names:
                return _State(True)
            return _State(self.everything, self.off | names, self.on - names)
        if not names:
            return _State()
        return _State(self.everything, self.off - names, self.on | names)


class Suppressions:
    """Which alerts the directives of one document silence."""

    def __init__(self, doc: ParsedDocument, directives: Sequence[Directive]) -> None:
        self.file_wide: list[tuple[str, ...]] = []
        self.by_line: dict[int, list[tuple[str, ...]]] = {}
        self.positions: list[int] = [0]
        self.states: list[_State] = [_State()]
        index = LineIndex(doc.source)
        for directive in sorted(directives, key=lambda d: d.offset):
            if directive.kind == FILE:
                self.file_wide.append(directive.rules)
            elif directive.kind == SAME_LINE:
                line = index.line_col(directive.offset)[0]
                self.by_line.setdefault(line, []).append(directive.rules)
            elif directive.kind == NEXT_LINE:
                line = index.line_col(directive.end_offset)[0] + 1
                while line < index.line_count() and _blank(doc.source, index, line):
                    line += 1
                self.by_line.setdefault(line, []).append(directive.rules)
            else:
                at = directive.end_offset if directive.kind == DISABLE else directive.offset
                self.positions.append(at)
                self.states.append(self.states[-1].apply(directive))

    def suppresses(self, alert: Alert) -> bool:
        rule = alert.rule
        for names in self.file_wide:
            if not names or _any(rule, names):
                return True
        for names in self.by_line.get(alert.line, ()):
            if not names or _any(rule, names):
                return True
        state = self.states[bisect.bisect_right(self.positions, alert.offset) - 1]
        return state.suppresses(rule)


def _blank(source: str, index: LineIndex, line: int) -> bool:
    start = index.line_start(line)
    end = index.line_start(line + 1) if line < index.line_count() else len(source)
    return not source[start:end].strip()


def known_names(rules: Iterable[Rule]) -> frozenset[str]:
    names: set[str] = set(BUILTIN_RULES) | {"copydesk"}
    for rule in rules:
        names.add(rule.id)
        names.add(rule.pack)
    return frozenset(names)


def apply_suppressions(
    doc: ParsedDocument,
    alerts: Sequence[Alert],
    rules: Sequence[Rule],
    options: LintOptions | None = None,
) -> list[Alert]:
    """``alerts`` without the ones the document's directives silence, plus
    alerts for directives that name unknown rules or cannot be read."""
    if not doc.comments:
        return list(alerts)
    directives, problems = parse_directives(doc)
    known = known_names(rules)
    for directive in directives:
        for name, (start, end) in zip(directive.rules, directive.spans):
            if not _is_known(name, known):
                problems.append(
                    Problem(UNKNOWN_RULE, start, end, f"No rule or pack named '{name}': this directive has no effect on it.")
                )
    if not directives and not problems:
        return list(alerts)
    index = LineIndex(doc.source)
    extra = [_problem_alert(problem, doc.source, index) for problem in problems if _wanted(problem.rule, options)]
    suppressions = Suppressions(doc, directives)
    kept = [alert for alert in [*alerts, *extra] if not suppressions.suppresses(alert)]
    kept.sort(key=Alert.sort_key)
    return kept


def _is_known(name: str, known: frozenset[str]) -> bool:
    return name in known or name.split("/", 1)[0] in known


def _wanted(rule_id: str, options: LintOptions | None) -> bool:
    if options is None:
        return True
    if Level.WARNING < options.min_level:
        return False
    if options.only and not _any(rule_id, options.only):
        return False
    return not _any(rule_id, options.ignore)


def _problem_alert(problem: Problem, source: str, index: LineIndex) -> Alert:
    line, column = index.line_col(problem.offset)
    end_line, end_column = index.line_col(problem.end_offset)
    return Alert(
        rule=problem.rule,
        level=Level.WARNING,
        message=problem.message,
        offset=problem.offset,
        end_offset=problem.end_offset,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        match=source[problem.offset : problem.end_offset],
    )
