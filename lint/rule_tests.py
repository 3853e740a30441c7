"""``copydesk test-rules``: every rule's documented examples must hold.

Each ``bad`` example must raise at least one alert from its rule, each
``good`` example none, and ``fixed[i]`` must equal ``bad[i]`` after the
rule's fixes (safe and unsafe) are applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lint.engine import lint_text
from lint.fixes import apply_fixes_until_stable
from lint.rule_loading import Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    kind: str
    example: str
    problem: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.kind} example {self.example!r}: {self.problem}"


def example_markup(rule: Rule) -> str:
    return rule.spec.markup[0] if rule.spec.markup else "markdown"


def check_rule_examples(rule: Rule) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    markup = example_markup(rule)

    def own_alerts(text: str) -> list[str]:
        # A grammar rule's alerts carry its backend's rule: ``Pack.Rule/Sub``.
        return [a.message for a in lint_text(text, markup, [rule]) if a.rule.split("/", 1)[0] == rule.id]

    for example in rule.spec.examples.bad:
        if not own_alerts(example):
            failures.append(ExampleFailure(rule.id, "bad", example, "no alert"))
    for example in rule.spec.examples.good:
        messages = own_alerts(example)
        if messages:
            failures.append(ExampleFailure(rule.id, "good", example, f"unexpected alert: {messages[0]}"))
    for bad, fixed in zip(rule.spec.examples.bad, rule.spec.examples.fixed):
        result = apply_fixes_until_stable(bad, lambda t: lint_text(t, markup, [rule]), unsafe=True).text
        if result != fixed:
            failures.append(ExampleFailure(rule.id, "fixed", bad, f"fix gives {result!r}, expected {fixed!r}"))
    return failures


def check_all_examples(rules: Sequence[Rule]) -> list[ExampleFailure]:
    return [failure for rule in rules for failure in check_rule_examples(rule)]
