"""extends: existence — Vale semantics: tokens are word-bounded regexes joined
into one alternation, raw pieces are concatenated as written (before the
tokens, or after them with ``append``), ``%s`` is the matched text."""

from __future__ import annotations

import pytest
from helpers import found, make_rule, run

BASE = """
extends: existence
message: "Avoid '%s'."
level: warning
"""

CASES = [
    # (id, extra yaml, source, expected [(match, message)])
    ("token", "tokens: [obviously]", "It is obviously true.", [("obviously", "Avoid 'obviously'.")]),
    ("several tokens, source order", "tokens: [simply, obviously]", "Obviously, we simply go. simply",
     [("simply", "Avoid 'simply'."), ("simply", "Avoid 'simply'.")]),
    ("case-sensitive by default", "tokens: [obviously]", "Obviously not.", []),
    ("ignorecase", "ignorecase: true\ntokens: [obviously]", "OBVIOUSLY and Obviously.",
     [("OBVIOUSLY", "Avoid 'OBVIOUSLY'."), ("Obviously", "Avoid 'Obviously'.")]),
    ("word boundary", "tokens: [cat]", "A category of concatenated cats; the cat.", [("cat", "Avoid 'cat'.")]),
    ("word boundary with non-ASCII letters", "tokens: [кот]", "котлета и кот.", [("кот", "Avoid 'кот'.")]),
    ("nonword drops the boundary", "nonword: true\ntokens: [cat]", "concatenated", [("cat", "Avoid 'cat'.")]),
    ("nonword punctuation", "nonword: true\ntokens: ['\\s{2,}']", "Two  spaces.", [("  ", "Avoid '  '.")]),
    ("token regex", "tokens: ['utili[sz]e[sd]?']", "We utilised and utilize.",
     [("utilised", "Avoid 'utilised'."), ("utilize", "Avoid 'utilize'.")]),
    ("token alternatives", "tokens: ['very|really']", "really, very", [("really", "Avoid 'really'."), ("very", "Avoid 'very'.")]),
    ("multi-word token", "tokens: ['in order to']", "We ran in order to win.", [("in order to", "Avoid 'in order to'.")]),
    ("exceptions are full matches", "ignorecase: true\ntokens: ['\\w+ly']\nexceptions: [only, Italy]",
     "Only Italy, sadly, not only.", [("sadly", "Avoid 'sadly'.")]),
    ("exception does not hide a longer match", "tokens: ['\\w+ly']\nexceptions: ['on']", "only", [("only", "Avoid 'only'.")]),
    ("raw is not word-bounded", "raw: ['\\d+(?:\\.\\d+)?%']", "Up 5.5%, A4%", [("5.5%", "Avoid '5.5%'."), ("4%", "Avoid '4%'.")]),
    ("raw pieces concatenate", "raw: ['(?:Mr|Mrs)', '\\.', '\\s']", "Mr. Smith and Mrs Jones", [("Mr. ", "Avoid 'Mr. '.")]),
    ("raw comes before tokens", "raw: ['\\$']\ntokens: ['\\d+ dollars']", "It cost $5 dollars, 5 dollars.",
     [("$5 dollars", "Avoid '$5 dollars'.")]),
    ("append puts raw after tokens", "append: true\nraw: ['%']\ntokens: ['\\d+']", "Up 50% from 40 and %3.",
     [("50%", "Avoid '50%'.")]),
    ("inline flags stay with their token", "tokens: ['(?i)foo', bar]", "FOO bar BAR",
     [("FOO", "Avoid 'FOO'."), ("bar", "Avoid 'bar'.")]),
    ("verbose token with a comment", "tokens: ['(?x) fo o  # the word foo', bar]", "foo bar BAR",
     [("foo", "Avoid 'foo'."), ("bar", "Avoid 'bar'.")]),
    ("no match", "tokens: [obviously]", "Nothing to see.", []),
]


@pytest.mark.parametrize(("extra", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_existence(tmp_path, extra, source, expected):
    rule = make_rule(tmp_path, BASE + extra + "\n")
    assert found(run(rule, source, "text")) == expected


def test_message_without_placeholder(tmp_path):
    rule = make_rule(tmp_path, "extends: existence\nmessage: Remove TK before filing.\ntokens: [TK]\n")
    assert found(run(rule, "Figures TK.", "text")) == [("TK", "Remove TK before filing.")]


def test_message_percent_escape_and_missing_args(tmp_path):
    rule = make_rule(tmp_path, "extends: existence\nmessage: \"100%% sure: '%s' '%s'\"\ntokens: [x]\n")
    assert found(run(rule, "a x b", "text")) == [("x", "100% sure: 'x' ''")]


SCOPES = [
    # (scope, source (markdown), expected matches)
    ("heading", "# Bad title\n\nBad body.\n", ["Bad"]),
    ("~heading", "# Bad title\n\nBad body.\n", ["Bad"]),
    ("paragraph", "# Bad\n\nBad body.\n\n- Bad item\n", ["Bad"]),
    ("list", "Bad body.\n\n- Bad item\n- good\n", ["Bad"]),
    ("blockquote", "Bad body.\n\n> Bad quote\n", ["Bad"]),
    ("heading & ~blockquote", "# Bad\n\n> # Bad quoted\n\nBad\n", ["Bad"]),
    ("heading.h2", "# Bad\n\n## Bad two\n", ["Bad"]),
    ("link", "Bad [Bad link](http://x.com/Bad) Bad\n", ["Bad"]),
    ("alt", "Bad ![Bad alt](Bad.png) Bad\n", ["Bad"]),
    ("table.cell", "Bad\n\n| Bad h |\n|---|\n| Bad c |\n", ["Bad", "Bad"]),
    ("table.header", "| Bad h |\n|---|\n| Bad c |\n", ["Bad"]),
    ("text", "Bad `Bad` [Bad](u)\n\n```\nBad\n```\n", ["Bad", "Bad"]),
    ("raw", "`Bad` and\n\n```\nBad\n```\n", ["Bad", "Bad"]),
    ("[heading, list]", "# Bad\n\nBad\n\n- Bad\n", ["Bad", "Bad"]),
    ("title (Vale's name for h1)", "# Bad\n\n## Bad\n", ["Bad"]),
    ("table (Vale's name for cells)", "Bad\n\n| Bad |\n|---|\n| x |\n", ["Bad"]),
    ("sentence", "# Bad\n\nOne Bad. Two Bad.\n", ["Bad", "Bad", "Bad"]),
    ("paragraph & ~blockquote", "Bad\n\n> Bad\n", ["Bad"]),
]


@pytest.mark.parametrize(("scope", "source", "expected"), SCOPES, ids=[s[0] for s in SCOPES])
def test_scopes(tmp_path, scope, source, expected):
    scope = scope.split(" (")[0]
    rule = make_rule(tmp_path, BASE + f"scope: {scope if scope.startswith('[') else repr(scope)}\ntokens: [Bad]\n")
    alerts = run(rule, source)
    assert [a.match for a in alerts] == expected


@pytest.mark.parametrize(
    ("scope", "expected_lines"),
    [
        ("heading", [1, 7]),
        ("~heading", [3, 5]),
        ("paragraph", [3]),
        ("list", [5]),
        ("heading & ~blockquote", [1]),
        ("blockquote", [7]),
        ("link", [3]),
        ("alt", [3]),
    ],
)
def test_scope_lines(tmp_path, scope, expected_lines):
    source = "# Bad\n\nBad [Bad](u) ![Bad](p.png)\n\n- Bad\n\n> # Bad\n"
    rule = make_rule(tmp_path, BASE + f"scope: {scope!r}\ntokens: [Bad]\n")
    assert sorted({a.line for a in run(rule, source)}) == expected_lines


def test_heading_scope_html(tmp_path):
    rule = make_rule(tmp_path, BASE + "scope: heading\ntokens: [Bad]\n")
    source = "<h2>Bad &amp; good</h2><p>Bad</p>"
    assert found(run(rule, source, "html")) == [("Bad", "Avoid 'Bad'.")]


@pytest.mark.parametrize("markup", ["markdown", "html", "text"])
def test_positions_after_non_ascii(tmp_path, markup):
    rule = make_rule(tmp_path, BASE + "tokens: [obviously]\n")
    source = "Привет 😀 £5\r\nobviously 😀 obviously\r\n"
    if markup == "html":
        source = "<p>Привет 😀 &pound;5\r\nobviously 😀 obviously</p>\r\n"
    alerts = run(rule, source, markup)
    assert [(a.match, a.line) for a in alerts] == [("obviously", 2), ("obviously", 2)]
    assert alerts[0].column == 1
    assert alerts[1].column == len("obviously 😀 ") + 1


def test_no_fix_for_existence(tmp_path):
    rule = make_rule(tmp_path, BASE + "fix: safe\ntokens: [obviously]\n")
    assert run(rule, "obviously")[0].fix is None
