"""extends: capitalization — each unit (a heading by default) must follow
``$title``, ``$sentence``, ``$lower``, ``$upper`` or a regex; the alert covers
the whole unit and ``%s`` is its text."""

from __future__ import annotations

import pytest
from helpers import found, make_rule, run

RULE = """
extends: capitalization
message: "'%s' should be in {match} case."
level: warning
match: {match}
threshold: 1
exceptions: [iPhone, New York, BBC, 'Mc\\w+']
"""

CASES = [
    # (match, heading, conforms)
    ("$title", "The Day the Music Died", True),
    ("$title", "A Tale of Two Cities", True),
    ("$title", "Of Mice and Men", True),  # a small word first is capitalised
    ("$title", "What It Was Made Of", True),  # ... and last
    ("$title", "The day the music died", False),
    ("$title", "The Day The Music Died", False),  # small word in the middle
    ("$title", "the Day", False),
    ("$title", "Why New York Loves the iPhone", True),  # exceptions
    ("$title", "NASA Launches 3 Rockets", True),  # acronyms and numbers
    ("$title", "McDonald Buys the Farm", True),  # regex exception
    ("$title", "Summit: Leaders Meet", True),
    ("$sentence", "The day the music died", True),
    ("$sentence", "The Day the Music Died", False),
    ("$sentence", "the day", False),
    ("$sentence", "Why New York loves the iPhone", True),  # multi-word exception
    ("$sentence", "Why new york loves the BBC", True),
    ("$sentence", "Summit: Leaders meet in Paris", False),
    ("$sentence", "Summit: Leaders meet in the capital", True),  # after an indicator
    ("$sentence", "I think NASA is right", True),  # "I" and acronyms
    ("$sentence", "Войти в систему", True),
    ("$sentence", "Войти в Систему", False),
    ("$lower", "all lower case", True),
    ("$lower", "Not lower", False),
    ("$lower", "lower on the iPhone", True),  # exception cut out
    ("$upper", "ALL UPPER 2024", True),
    ("$upper", "ALMOST Upper", False),
    ("$upper", "UPPER ON THE iPhone", True),
    ("'[A-Z][a-z0-9 ]*'", "Simple words 2", True),
    ("'[A-Z][a-z0-9 ]*'", "Two Capitals", False),
    ("'[A-Z][a-z0-9 ]*'", "Watch the BBC", True),  # exceptions cut out before matching
    ("'[A-Z][a-z0-9 ]*'", "Too long: nope", False),  # the regex must match the whole unit
]


@pytest.mark.parametrize(("match", "heading", "conforms"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_capitalization(tmp_path, match, heading, conforms):
    rule = make_rule(tmp_path, RULE.format(match=match))
    source = f"# {heading}\n\nbody text That Is Ignored\n"
    expected = [] if conforms else [(heading, f"'{heading}' should be in {match} case.")]
    assert found(run(rule, source)) == expected


@pytest.mark.parametrize(
    ("threshold", "flagged"),
    [(1, True), (0.8, False), (0.5, False)],
)
def test_threshold(tmp_path, threshold, flagged):
    # 4 of 5 words follow title case.
    rule = make_rule(tmp_path, RULE.format(match="$title").replace("threshold: 1", f"threshold: {threshold}"))
    assert bool(run(rule, "# Five Words in This title\n")) == flagged


def test_chicago_style(tmp_path):
    ap = make_rule(tmp_path, RULE.format(match="$title"), name="AP")
    chicago = make_rule(tmp_path, RULE.format(match="$title") + "style: Chicago\n", name="Chicago")
    source = "# Walking Through the Park\n\n# Walking through the Park\n"
    assert [a.match for a in run(ap, source)] == ["Walking through the Park"]
    assert [a.match for a in run(chicago, source)] == ["Walking Through the Park"]


def test_custom_indicators(tmp_path):
    rule = make_rule(tmp_path, RULE.format(match="$sentence") + "indicators: ['—']\n")
    assert run(rule, "# Breaking — Leaders meet\n") == []
    assert [a.match for a in run(rule, "# Breaking: Leaders meet\n")] == ["Breaking: Leaders meet"]


def test_ignorecase_applies_to_a_regex(tmp_path):
    rule = make_rule(tmp_path, RULE.format(match="'[a-z ]+'") + "ignorecase: true\n")
    assert run(rule, "# ANY Case\n") == []


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("heading", ["the heading"]),
        ("heading.h2", []),
        ("paragraph", ["the paragraph"]),
        ("list", ["the item"]),
        ("table.cell", ["the cell", "the value"]),
        ("[heading, list]", ["the heading", "the item"]),
        ("sentence", ["the heading", "the paragraph", "the item", "the cell", "the value"]),
    ],
)
def test_units_follow_scope(tmp_path, scope, expected):
    rule = make_rule(tmp_path, RULE.format(match="$sentence") + f"scope: {scope}\n")
    source = "# the heading\n\nthe paragraph\n\n- the item\n\n| the cell |\n|---|\n| the value |\n"
    assert [a.match for a in run(rule, source)] == expected


@pytest.mark.parametrize(
    ("style", "markup", "source", "match", "line", "column"),
    [
        ("$sentence", "markdown", "Привет 😀\r\n\r\n## Войти в Систему 😀 ##\r\n", "Войти в Систему 😀", 3, 4),
        ("$title", "markdown", "£ 😀 intro\n\nthe setext heading\n------------------\n", "the setext heading", 3, 1),
        ("$sentence", "html", "<p>Привет 😀</p>\r\n<h2>  Войти &amp; в <em>Систему</em> </h2>", "Войти &amp; в <em>Систему", 2, 7),
    ],
)
def test_alert_covers_the_unit(tmp_path, style, markup, source, match, line, column):
    rule = make_rule(tmp_path, RULE.format(match=style))
    (alert,) = run(rule, source, markup)
    assert (alert.match, alert.line, alert.column) == (match, line, column)
