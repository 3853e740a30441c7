"""The engine: source text in, alerts out. It does no I/O; the CLI, the
language server and the tests all call :func:`lint_text`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from lint.alerts import Alert, Finding, Level
from lint.checks.base import Check
from lint.checks.limits import end_budget, start_budget, watched_searches
from lint.grammar.dedup import drop_duplicate_backend_alerts
from lint.literal_search import LiteralSets, literal_search
from lint.markup import parse
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.positions import LineIndex
from lint.rule_loading import Rule
from lint.scopes import Selector
from lint.suppression import apply_suppressions


@dataclass(frozen=True)
class LintOptions:
    min_level: Level = Level.SUGGESTION
    only: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, rule: Rule) -> bool:
        if rule.level < self.min_level:
            return False
        if self.only and not (_selected(rule.id, self.only) or _names_sub_rule(rule.id, self.only)):
            return False
        return not (self.ignore and _selected(rule.id, self.ignore))

    def wants_sub_rule(self, alert_rule: str) -> bool:
        """For an alert of a sub-rule (``Pack.Rule/Sub``, a grammar backend's
        rule): ``--only``/``--ignore`` may name it, its rule or its pack."""
        if self.only and not _selected(alert_rule, self.only):
            return False
        return not (self.ignore and _selected(alert_rule, self.ignore))


def _selected(rule_id: str, names: frozenset[str]) -> bool:
    """A rule is named by its id or by its pack ('News' selects 'News.*');
    a sub-rule ``Pack.Rule/Sub`` also by its rule."""
    parent = rule_id.split("/", 1)[0]
    return rule_id in names or parent in names or parent.split(".", 1)[0] in names


def _names_sub_rule(rule_id: str, names: frozenset[str]) -> bool:
    return any(name.startswith(rule_id + "/") for name in names)


def lint_text(
    source: str,
    markup: str,
    rules: Sequence[Rule],
    options: LintOptions | None = None,
) -> list[Alert]:
    """Lint ``source`` written in ``markup`` with ``rules``; alerts sorted by position."""
    doc = parse(source, markup)
    return lint_document(doc, rules, options)


def lint_document(doc: ParsedDocument, rules: Sequence[Rule], options: LintOptions | None = None) -> list[Alert]:
    options = options or LintOptions()
    with watched_searches():
        alerts = _run_rules(doc, rules, options)
    alerts.sort(key=Alert.sort_key)
    return drop_duplicate_backend_alerts(apply_suppressions(doc, alerts, rules, options))


def _run_rules(doc: ParsedDocument, rules: Sequence[Rule], options: LintOptions) -> list[Alert]:
    """Each wanted rule's alerts on ``doc``, in rule order; a rule that
    fails or runs out of time is one error alert."""
    index = _LazyLineIndex(doc.source)
    units_by_scope: dict[str, list[TextBlock]] = {}
    alerts: list[Alert] = []
    seen: set[tuple[str, int, int, str]] = set()
    plan = _plan(rules, options, doc.markup)
    literal_sets = plan.literal_sets()
    present = _PresentLiterals(doc, literal_sets)
    for (rule, check, scope, raw, block_local), literals in zip(plan.steps, literal_sets):
        held: set[str] | None = None
        if literals is not None:
            held = present.in_text(raw).intersection(literals)
            if not held or not check.can_match(held):
                continue
        units = units_by_scope.get(scope.source)
        if units is None:
            units = scope.select(doc)
            units_by_scope[scope.source] = units
        if held is not None and block_local:
            # Only the literals the document holds are looked for, unit by unit.
            units = _blocks_with(units, held)
        budget = start_budget()
        try:
            findings = list(check.check(units, doc))
        except TimeoutError:
            failure = _failure("a regular expression took too long (timed out)")
            alerts.append(_alert(rule, failure, doc, index, Level.ERROR))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the run
            failure = _failure(f"the rule failed: {type(exc).__name__}: {exc}")
            alerts.append(_alert(rule, failure, doc, index, Level.ERROR))
            continue
        finally:
            end_budget(budget)
        for finding in findings:
            if finding.rule_suffix and not options.wants_sub_rule(_rule_id(rule, finding)):
                continue
            key = (_rule_id(rule, finding), finding.offset, finding.end_offset, finding.message)
            if key in seen:
                continue
            seen.add(key)
            alerts.append(_alert(rule, finding, doc, index, rule.level))
    return alerts


class _Step(NamedTuple):
    rule: Rule
    check: Check
    scope: Selector
    raw: bool  # the scope is the whole source
    block_local: bool


@dataclass(frozen=True)
class _Plan:
    """The rules to run on a document in one markup with one set of
    options, and their prefilter literals (see :meth:`literal_sets`)."""

    steps: tuple[_Step, ...]  # what the engine reads of each rule, for each document
    literals: LiteralSets  # each rule's, asked once; None where they vary
    varying: tuple[int, ...]  # the rules whose literals vary from lint to lint

    @classmethod
    def of(cls, rules: list[Rule]) -> _Plan:
        varying = tuple(i for i, rule in enumerate(rules) if rule.check.LITERALS_VARY)
        literals = tuple(None if i in varying else rule.check.literals() for i, rule in enumerate(rules))
        steps = tuple(
            _Step(rule, rule.check, rule.spec.scope, rule.spec.scope.is_raw(), rule.check.BLOCK_LOCAL) for rule in rules
        )
        return cls(steps, literals, varying)

    def literal_sets(self) -> LiteralSets:
        """Each rule's literals for the lint at hand: most rules know theirs
        when they load; those built from the vocabulary in effect are asked."""
        if not self.varying:
            return self.literals
        sets = list(self.literals)
        for i in self.varying:
            sets[i] = self.steps[i].check.literals()
        return tuple(sets)


def _plan(rules: Sequence[Rule], options: LintOptions, markup: str) -> _Plan:
    """The rules to run on a document in ``markup``, worked out once per
    rule list, options and markup (a run lints many documents with the same)."""
    key = (id(rules), options, markup)
    cached = _PLANS.get(key) if isinstance(rules, tuple) else None
    if cached is not None and cached[0] is rules:
        return cached[1]
    plan = _Plan.of(
        [rule for rule in rules if options.wants(rule) and not (rule.spec.markup and markup not in rule.spec.markup)]
    )
    if isinstance(rules, tuple):  # only an immutable list of rules can be remembered by identity
        if len(_PLANS) >= 32:
            _PLANS.clear()
        # The tuple is kept with the answer so that its id is not reused while the entry lives.
        _PLANS[key] = (rules, plan)
    return plan


_PLANS: dict[tuple[int, LintOptions, str], tuple[tuple[Rule, ...], _Plan]] = {}


class _LazyLineIndex:
    """A :class:`LineIndex` built on the first alert: most documents have none."""

    __slots__ = ("_source", "_index")

    def __init__(self, source: str) -> None:
        self._source = source
        self._index: LineIndex | None = None

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._index is None:
            self._index = LineIndex(self._source)
        return self._index.line_col(offset)


class _PresentLiterals:
    """Which of the rules' prefilter literals a document holds: all found
    in one pass over its case-folded prose (or its whole source, for rules
    on the ``raw`` scope), when a rule first asks."""

    __slots__ = ("_doc", "_literal_sets", "_found")

    def __init__(self, doc: ParsedDocument, literal_sets: LiteralSets) -> None:
        self._doc = doc
        self._literal_sets = literal_sets
        self._found: dict[bool, set[str]] = {}

    def in_text(self, raw: bool) -> set[str]:
        found = self._found.get(raw)
        if found is None:
            search = literal_search(self._literal_sets)
            found = self._found[raw] = search.found_in(self._doc.folded_source if raw else self._doc.folded_prose)
        return found


def _blocks_with(units: Sequence[TextBlock], literals: set[str]) -> list[TextBlock]:
    """The ``units`` that hold one of ``literals`` (case-folded strings one
    of which every match of a rule contains): a document that holds some
    has most of its paragraphs skipped, so a search runs only where it can
    match."""
    if len(literals) == 1:  # the usual case: one test a unit
        (literal,) = literals
        return [block for block in units if literal in block.folded]
    held = tuple(literals)
    return [block for block in units if any(map(block.folded.__contains__, held))]


def _failure(message: str) -> Finding:
    """An error alert for a rule that could not run on this document."""
    return Finding(0, 0, message)


def _rule_id(rule: Rule, finding: Finding) -> str:
    """``Pack.Rule``, or ``Pack.Rule/Sub`` for a sub-rule's finding."""
    return f"{rule.id}/{finding.rule_suffix}" if finding.rule_suffix else rule.id


def _alert(rule: Rule, finding: Finding, doc: ParsedDocument, index: _LazyLineIndex, level: Level) -> Alert:
    line, column = index.line_col(finding.offset)
    end_line, end_column = index.line_col(finding.end_offset)
    return Alert(
        rule=_rule_id(rule, finding),
        level=level,
        message=finding.message,
        offset=finding.offset,
        end_offset=finding.end_offset,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        match=doc.source[finding.offset : finding.end_offset],
        link=rule.spec.link,
        fix=finding.fix,
    )
