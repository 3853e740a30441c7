"""The engine: failures stay inside one rule, pathological patterns time out,
options select rules, and alerts come out sorted and without duplicates."""

from __future__ import annotations

import time

import pytest
from helpers import LIMIT_WAYS, call_in, make_rule, run

import lint.checks.limits as limits
from lint.alerts import Level
from lint.engine import LintOptions, lint_text
from lint.vocabulary import Vocabulary, use_vocabulary

EXISTENCE = "extends: existence\nmessage: \"'%s' found.\"\nlevel: {level}\ntokens: [{token}]\n"


def existence(tmp_path, name="Rule", token="obviously", level="warning", pack="Pack"):
    return make_rule(tmp_path, EXISTENCE.format(level=level, token=token), name=name, pack=pack)


def test_a_rule_that_raises_gives_one_error_alert_and_others_still_run(tmp_path, monkeypatch):
    broken = existence(tmp_path, "Broken")
    before = existence(tmp_path, "A")
    after = existence(tmp_path, "Z", token="simply")

    def boom(units, doc):
        yield from ()
        raise RuntimeError("kaput")

    monkeypatch.setattr(broken.check, "check", boom)
    alerts = run([before, broken, after], "Привет obviously and simply.\n")
    assert [(a.rule, a.match) for a in alerts] == [("Pack.Broken", ""), ("Pack.A", "obviously"), ("Pack.Z", "simply")]
    failure = alerts[0]
    assert failure.level is Level.ERROR
    assert failure.message == "the rule failed: RuntimeError: kaput"
    assert (failure.offset, failure.end_offset, failure.line, failure.column) == (0, 0, 1, 1)


def test_findings_before_the_failure_are_dropped(tmp_path, monkeypatch):
    rule = existence(tmp_path)
    original = rule.check.check

    def partial(units, doc):
        yield from original(units, doc)
        raise ValueError("late")

    monkeypatch.setattr(rule.check, "check", partial)
    alerts = run(rule, "obviously")
    assert [(a.message, a.level) for a in alerts] == [("the rule failed: ValueError: late", Level.ERROR)]


AAA = "a" * 40 + "b"
CATASTROPHIC = [
    # (id, rule type, yaml body, markdown source)
    ("existence", "existence", "raw: ['(a|a)+$']", f"{AAA}\n\nfine\n"),
    ("existence tokens", "existence", "nonword: true\ntokens: ['(a|a)+$']", f"{AAA}\n\nfine\n"),
    ("substitution", "substitution", "nonword: true\nswap:\n  '(a|a)+$': b", f"{AAA}\n\nfine\n"),
    ("pattern", "pattern", "pattern: '(a|a)+$'", f"{AAA}\n\nfine\n"),
    ("occurrence", "occurrence", "max: 1\ntoken: '(a|a)+$'", f"{AAA}\n\nfine\n"),
    ("conditional", "conditional", "first: '(a|a)+$'\nsecond: b", f"{AAA}\n\nfine\n"),
    ("consistency", "consistency", "nonword: true\neither:\n  '(a|a)+$': b", f"{AAA}\n\nfine\n"),
    ("capitalization", "capitalization", "scope: text\nmatch: '(a|a)+$'", f"{AAA}\n\nfine\n"),
    ("capitalization exceptions", "capitalization", "scope: text\nmatch: $lower\nexceptions: ['(a|a)+$']",
     f"{AAA}\n\nfine\n"),
    ("repetition", "repetition", "tokens: ['(a|a)+$']", f"{AAA}\n\nfine\n"),
    ("duplicate split", "duplicate", "split: '(a|a)+$'", f"{AAA}\n\nfine\n"),
    ("markup", "markup", "construct: link\ntext: ['(a|a)+$']", f"[{AAA}](x)\n\nfine\n"),
    # boundary searches 'before' right to left: fail at the far end instead
    ("boundary", "boundary", "before: '^(a|a)+$'\nafter: x", f"b{'a' * 40}\n\nx fine\n"),
]


@pytest.mark.parametrize("way", LIMIT_WAYS)
@pytest.mark.parametrize(("kind", "body", "source"), [c[1:] for c in CATASTROPHIC], ids=[c[0] for c in CATASTROPHIC])
def test_catastrophic_backtracking_times_out(tmp_path, monkeypatch, kind, body, source, way):
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.1)
    rule = make_rule(tmp_path, f"extends: {kind}\nmessage: m\n{body}\n")
    other = existence(tmp_path, "Other", token="fine")
    start = time.perf_counter()
    alerts = call_in(way, lint_text, source, "markdown", [rule, other])
    assert time.perf_counter() - start < 3
    errors = [a for a in alerts if a.rule == "Pack.Rule"]
    assert [(a.message, a.level) for a in errors] == [("a regular expression took too long (timed out)", Level.ERROR)]
    assert [a.match for a in alerts if a.rule == "Pack.Other"] == ["fine"]


def test_nested_quantifier_finishes_in_bounded_time(tmp_path, monkeypatch):
    # The regex module handles (a+)+$ without blowing up; either way the run
    # must end quickly.
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.1)
    rule = make_rule(tmp_path, "extends: existence\nmessage: m\nraw: ['(a+)+$']\n")
    start = time.perf_counter()
    lint_text("a" * 40 + "b", "text", [rule])
    assert time.perf_counter() - start < 3


LEVELS = [
    ("suggestion", ["Pack.Error", "Pack.Suggestion", "Pack.Warning"]),
    ("warning", ["Pack.Error", "Pack.Warning"]),
    ("error", ["Pack.Error"]),
]


@pytest.mark.parametrize(("min_level", "expected"), LEVELS)
def test_min_level(tmp_path, min_level, expected):
    rules = [existence(tmp_path, level.capitalize(), level=level) for level in ("suggestion", "warning", "error")]
    alerts = run(rules, "obviously", options=LintOptions(min_level=Level.parse(min_level)))
    assert sorted(a.rule for a in alerts) == expected
    assert {a.rule: a.level.label for a in alerts} == {r: r.split(".")[1].lower() for r in expected}


SELECT = [
    # (only, ignore, expected rule ids)
    ((), (), ["House.C", "News.A", "News.B"]),
    (("News.A",), (), ["News.A"]),
    (("News",), (), ["News.A", "News.B"]),
    (("News", "House.C"), (), ["House.C", "News.A", "News.B"]),
    ((), ("News.A",), ["House.C", "News.B"]),
    ((), ("News",), ["House.C"]),
    (("News",), ("News.B",), ["News.A"]),
    (("News.A",), ("News",), []),
    (("Nope",), (), []),
    (("News.A.x",), (), []),
]


@pytest.mark.parametrize(("only", "ignore", "expected"), SELECT)
def test_only_and_ignore(tmp_path, only, ignore, expected):
    rules = [
        existence(tmp_path, "A", pack="News"),
        existence(tmp_path, "B", pack="News"),
        existence(tmp_path, "C", pack="House"),
    ]
    options = LintOptions(only=frozenset(only), ignore=frozenset(ignore))
    assert sorted(a.rule for a in run(rules, "obviously", options=options)) == expected


def test_alerts_are_sorted_by_position_then_rule(tmp_path):
    rules = [
        existence(tmp_path, "Zed", token="b"),
        existence(tmp_path, "Alpha", token="a b"),
        existence(tmp_path, "Mid", token="c"),
    ]
    alerts = run(rules, "c a b c\n\n# b\n", "markdown")
    assert [(a.match, a.rule) for a in alerts] == [
        ("c", "Pack.Mid"),
        ("a b", "Pack.Alpha"),
        ("b", "Pack.Zed"),
        ("c", "Pack.Mid"),
        ("b", "Pack.Zed"),
    ]
    assert alerts == sorted(alerts, key=lambda a: (a.offset, a.end_offset, a.rule, a.message))


def test_duplicates_are_removed(tmp_path):
    # The same words are seen twice: in the prose and in the raw block.
    rule = make_rule(tmp_path, "extends: existence\nmessage: m\nscope: [text, raw]\ntokens: [obviously]\n")
    alerts = run(rule, "Obviously obviously, obviously.\n", "markdown")
    assert [(a.offset, a.match) for a in alerts] == [(10, "obviously"), (21, "obviously")]


def test_same_span_from_two_rules_is_kept(tmp_path):
    rules = [existence(tmp_path, "A"), existence(tmp_path, "B")]
    assert [a.rule for a in run(rules, "obviously")] == ["Pack.A", "Pack.B"]


def test_markup_key_limits_rules_to_markups(tmp_path):
    rule = make_rule(tmp_path, "extends: existence\nmessage: m\nmarkup: [html]\ntokens: [obviously]\n")
    assert run(rule, "obviously", "markdown") == []
    assert [a.match for a in run(rule, "<p>obviously</p>", "html")] == ["obviously"]


def test_link_is_carried_to_alerts(tmp_path):
    rule = make_rule(tmp_path, "extends: existence\nmessage: m\nlink: https://example.org/r\ntokens: [obviously]\n")
    assert run(rule, "obviously")[0].link == "https://example.org/r"


def test_empty_sources(tmp_path):
    rule = existence(tmp_path)
    for markup in ("markdown", "html", "text"):
        assert run(rule, "", markup) == []
        assert run(rule, "\r\n\r\n", markup) == []


def test_literals_built_from_the_vocabulary_follow_the_vocabulary_in_effect(tmp_path):
    # The engine asks most rules for their prefilter literals once per run,
    # but those of vocabulary rules for each document: one tuple of rules
    # (remembered by the engine) lints under two vocabularies in turn.
    rules = (make_rule(tmp_path, "extends: avoid\nmessage: \"Avoid '%s'.\"\n"),)
    for term in ("utilize", "leverage", "utilize"):
        with use_vocabulary(Vocabulary.build(rejected=[term])):
            assert [a.match for a in lint_text(f"We {term} it.", "text", rules)] == [term]
