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


# -- the rule types added for these packs ---------------------------------
# (duplicate, balance, phrases, variants): loading errors and behaviour that
# the packs' examples do not pin down.

from helpers import make_rule, run  # noqa: E402

from lint.rule_loading import RuleFileError  # noqa: E402


def test_duplicate_merges_a_repeated_paragraph_and_removes_it(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        """
        extends: duplicate
        message: "Repeat: %s"
        scope: paragraph
        min_words: 3
        split: '[.!?]\\K\\s+(?=\\p{Lu})'
        fix: unsafe
        """,
    )
    source = "One two three four. Five six seven eight.\n\nOne two three four. Five six seven eight.\n\nEnd of it all here.\n"
    alerts = run(rule, source)
    assert [(a.line, a.match) for a in alerts] == [(3, "One two three four. Five six seven eight.")]
    from lint.fixes import apply_fixes

    assert alerts[0].fix is not None
    fixed = apply_fixes(source, [alerts[0].fix]).text
    assert fixed == "One two three four. Five six seven eight.\n\nEnd of it all here.\n"


def test_duplicate_ignores_short_pieces_and_can_ignore_case(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        """
        extends: duplicate
        message: "Repeat: %s"
        ignorecase: true
        min_words: 4
        """,
    )
    assert run(rule, "He said no.\n\nHe said no.") == []
    alerts = run(rule, "The vote was held today.\n\nthe vote  was held TODAY.")
    assert [a.line for a in alerts] == [3]


def test_duplicate_split_with_groups_compares_the_text_between_gaps(tmp_path: Path) -> None:
    # Group 1 takes no part after ';' and group 2 none after a full stop:
    # the pieces are what lies between the gaps, never what a group caught.
    rule = make_rule(
        tmp_path,
        """
        extends: duplicate
        message: "Repeat: %s"
        min_words: 3
        split: '[.!?](\\s+)|;(\\s*)'
        """,
    )
    source = "Prices rose again today; markets fell. Prices rose again today. End."
    alerts = run(rule, source)
    assert [a.match for a in alerts] == ["Prices rose again today"]
    alerts = run(rule, "one two three. one two three; four five six")
    assert [(a.offset, a.match) for a in alerts] == [(15, "one two three")]


def test_duplicate_counts_words_between_any_white_space(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, 'extends: duplicate\nmessage: "Repeat: %s"\nmin_words: 4\n')
    repeated = "one\u00a0two\u00a0three\u00a0four"  # no-break spaces only
    assert [a.line for a in run(rule, f"{repeated}\n\n{repeated}\n")] == [3]


def test_duplicate_rejects_min_words_below_one(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="min_words"):
        make_rule(tmp_path, "extends: duplicate\nmessage: m\nmin_words: 0\n")


def test_balance_counts_each_pair_and_honours_continuation(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        """
        extends: balance
        message: "Unpaired %s (%s)"
        pairs:
          '"': '"'
          '(': ')'
        continues: '\\s*"'
        continues_pairs: ['"']
        """,
    )
    assert run(rule, '"A quote (with an aside) ends here," she said.') == []
    # The quotation runs on into a paragraph that opens with a quote mark.
    assert run(rule, '"It goes on.\n\n"And ends here."') == []
    # ... but not into one that does not.
    alerts = run(rule, '"It goes on.\n\nShe stopped.')
    assert [(a.line, a.column) for a in alerts] == [(1, 1)]
    # Brackets never carry over.
    alerts = run(rule, "An aside (never closed.\n\n\"Next.\"")
    assert [(a.line, a.match) for a in alerts] == [(1, "(")]
    assert [a.match for a in run(rule, "Closed) without opening.")] == [")"]


def test_balance_rejects_bad_pairs(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="one character"):
        make_rule(tmp_path, "extends: balance\nmessage: m\npairs:\n  '((': '))'\n")
    with pytest.raises(RuleFileError, match="continues_pairs"):
        make_rule(tmp_path, "extends: balance\nmessage: m\npairs:\n  '(': ')'\ncontinues_pairs: ['[']\n")


def test_phrases_match_whole_words_across_line_breaks_and_keep_case(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        """
        extends: phrases
        message: "Use '%s', not '%s'"
        ignorecase: true
        swap:
          past history: history
          free gift: gift
        fix: safe
        """,
    )
    alerts = run(rule, "Past\nhistory and a free gift, but not a free gifting or a pastpast history.", "text")
    assert [a.match for a in alerts] == ["Past\nhistory", "free gift"]
    assert alerts[0].fix is not None and alerts[0].fix.edits[0].text == "History"
    # Every word capitalised: a name or title, left alone.
    assert run(rule, "The band Free Gift played.", "text") == []
    assert [a.match for a in run(rule, '("free gift")', "text")] == ["free gift"]


def test_phrases_rejects_duplicate_and_blank_keys(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="listed twice"):
        make_rule(tmp_path, "extends: phrases\nmessage: m\nignorecase: true\nswap:\n  a b: c\n  A  B: d\n")
    with pytest.raises(RuleFileError, match="blank"):
        make_rule(tmp_path, "extends: phrases\nmessage: m\nswap:\n  ' ': c\n")


def test_variants_expand_braces_and_flag_the_minority(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        """
        extends: variants
        message: "'%s' here, '%s' elsewhere"
        either:
          'organis{e,ed,ation}': 'organiz{e,ed,ation}'
          'Kyiv': 'Kiev'
        """,
    )
    source = "They organised it. The organisation said so. An organized event. Kiev and Kyiv and Kyiv's mayor."
    alerts = run(rule, source, "text")
    assert sorted(a.match for a in alerts) == ["Kiev", "organized"]
    assert run(rule, "The organiser spoke.", "text") == []


def test_variants_nonword_collects_only_when_both_sides_occur(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        """
        extends: variants
        message: "'%s' here, '%s' elsewhere"
        nonword: true
        either:
          '"': '“|”'
        """,
    )
    assert run(rule, '"One," he said. "Two."', "text") == []
    alerts = run(rule, '“One,” he said. “Two.” "Three."', "text")
    assert [a.match for a in alerts] == ['"', '"']


def test_variants_reject_a_form_on_both_sides(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="listed twice"):
        make_rule(tmp_path, "extends: variants\nmessage: m\neither:\n  'grey|gray': 'gray'\n")
    with pytest.raises(RuleFileError, match="brace"):
        make_rule(tmp_path, "extends: variants\nmessage: m\neither:\n  'a{b': 'c'\n")
