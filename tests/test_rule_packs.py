"""Every shipped rule, in default and opt-in packs alike, documents itself
and passes its own examples: ``description``, ``why``, at least three bad
and three good examples, at least three ``fixed`` examples when the rule
has a fix, and ``copydesk test-rules`` semantics for all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks.base import FixSafety
from lint.rule_loading import Rule, builtin_rules_dir, load_rules, pack_enabled_by_default
from lint.rule_tests import check_rule_examples

RULES_DIR = builtin_rules_dir()
PACKS = sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
ALL_RULES: tuple[Rule, ...] = load_rules([RULES_DIR], packs=PACKS).rules
DEFAULT_PACKS = sorted(p for p in PACKS if pack_enabled_by_default(RULES_DIR / p))


def rule_ids() -> list[str]:
    return sorted(r.id for r in ALL_RULES)


RULES_BY_ID = {r.id: r for r in ALL_RULES}


def test_packs_are_found() -> None:
    assert {"News", "Redundancy", "Mechanics"} <= set(DEFAULT_PACKS)
    assert "StyleBook" in PACKS and "StyleBook" not in DEFAULT_PACKS
    assert len(ALL_RULES) >= 25


@pytest.mark.parametrize("rule_id", rule_ids())
def test_rule_is_documented(rule_id: str) -> None:
    spec = RULES_BY_ID[rule_id].spec
    problems = []
    if not spec.description.strip():
        problems.append("no description")
    if not spec.why.strip():
        problems.append("no why")
    if len(spec.examples.bad) < 3:
        problems.append(f"{len(spec.examples.bad)} bad examples (need 3)")
    if len(spec.examples.good) < 3:
        problems.append(f"{len(spec.examples.good)} good examples (need 3)")
    if spec.fix is not FixSafety.NONE and len(spec.examples.fixed) < 3:
        problems.append(f"fix: {spec.fix.value} but {len(spec.examples.fixed)} fixed examples (need 3)")
    if spec.fix is FixSafety.NONE and spec.examples.fixed:
        problems.append("fixed examples on a rule without a fix")
    assert not problems, f"{rule_id}: " + "; ".join(problems)


@pytest.mark.parametrize("rule_id", rule_ids())
def test_rule_examples_hold(rule_id: str) -> None:
    failures = check_rule_examples(RULES_BY_ID[rule_id])
    assert not failures, "\n".join(str(f) for f in failures)


def test_fixed_examples_are_stable() -> None:
    """A fixed example is clean: its own rule raises nothing on it."""
    from lint.engine import lint_text
    from lint.rule_tests import example_markup

    dirty = []
    for rule in ALL_RULES:
        for fixed in rule.spec.examples.fixed:
            alerts = [a for a in lint_text(fixed, example_markup(rule), [rule]) if a.rule.split("/", 1)[0] == rule.id]
            if alerts:
                dirty.append(f"{rule.id}: {fixed!r}: {alerts[0].message}")
    assert not dirty, "\n".join(dirty)


def test_opt_in_pack_is_marked() -> None:
    meta = RULES_DIR / "StyleBook" / "_pack.yml"
    assert meta.is_file()
    assert not pack_enabled_by_default(Path(meta.parent))
