"""extends: occurrence — count ``token`` matches per scope unit (a sentence by
default); more than ``max`` or fewer than ``min`` flags the whole unit."""

from __future__ import annotations

import pytest
from helpers import found, make_rule, run

MAX_WORDS = """
extends: occurrence
message: "%s words: keep sentences short."
max: 5
token: '[\\p{L}\\p{N}]+'
"""

CASES = [
    # (id, source, markup, expected [(match, message)])
    ("short sentences", "One two three. Four five six seven eight.", "text", []),
    ("one long sentence", "Short one. One two three four five six. Short two.", "text",
     [("One two three four five six.", "6 words: keep sentences short.")]),
    ("each sentence counted apart", "One two three four five six! Another long one that goes on?", "text",
     [("One two three four five six!", "6 words: keep sentences short."),
      ("Another long one that goes on?", "6 words: keep sentences short.")]),
    ("abbreviation does not split", "Dr. Smith went home to sleep today.", "text",
     [("Dr. Smith went home to sleep today.", "7 words: keep sentences short.")]),
    ("line break inside a sentence", "One two three\nfour five six.", "text",
     [("One two three\nfour five six.", "6 words: keep sentences short.")]),
    ("crlf inside a sentence", "Привет 😀 one two\r\nthree four five. Ok.", "text",
     [("Привет 😀 one two\r\nthree four five.", "6 words: keep sentences short.")]),
    ("markdown emphasis inside", "One *two* three four five **six**.", "markdown",
     [("One *two* three four five **six**.", "6 words: keep sentences short.")]),
    ("heading and paragraph are separate units", "# One two three\n\nfour five six.\n", "markdown", []),
    ("html entity inside", "<p>One &amp; two three four five six.</p>", "html",
     [("One &amp; two three four five six.", "6 words: keep sentences short.")]),
]


@pytest.mark.parametrize(("source", "markup", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_max_per_sentence(tmp_path, source, markup, expected):
    rule = make_rule(tmp_path, MAX_WORDS)
    assert found(run(rule, source, markup)) == expected


def test_exactly_max_is_fine(tmp_path):
    rule = make_rule(tmp_path, MAX_WORDS)
    assert run(rule, "One two three four five.") == []


MIN = """
extends: occurrence
message: "Only %s sources cited."
scope: paragraph
min: 2
token: '\\b(?:said|told)\\b'
"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("He said so.\n\nShe told us and he said no.\n", [("He said so.", "Only 1 sources cited.")]),
        ("Nothing here.\n", [("Nothing here.", "Only 0 sources cited.")]),
        ("He said it. She told me.\n", []),
        ("# Heading only\n", []),
    ],
)
def test_min_per_paragraph(tmp_path, source, expected):
    rule = make_rule(tmp_path, MIN)
    assert found(run(rule, source)) == expected


def test_min_and_max(tmp_path):
    rule = make_rule(tmp_path, MIN.replace("min: 2", "min: 1\nmax: 2"))
    source = "said\n\nsaid said said\n\nnone\n\nsaid told\n"
    assert [(a.match, a.message) for a in run(rule, source)] == [
        ("said said said", "Only 3 sources cited."),
        ("none", "Only 0 sources cited."),
    ]


def test_ignorecase(tmp_path):
    rule = make_rule(tmp_path, MIN.replace("min: 2", "max: 1") + "ignorecase: true\n")
    assert [a.match for a in run(rule, "SAID and Said.")] == ["SAID and Said."]
    rule = make_rule(tmp_path, MIN.replace("min: 2", "max: 1"), name="Cased")
    assert run(rule, "SAID and Said.") == []


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("sentence", ["A b c d e f", "One two three four five six.", "g h i j k l"]),
        ("paragraph & sentence", ["One two three four five six."]),
        ("paragraph", ["Short. One two three four five six."]),
        ("heading", ["A b c d e f"]),
        ("[heading, paragraph]", ["A b c d e f", "Short. One two three four five six."]),
        ("list", ["g h i j k l"]),
    ],
)
def test_units_follow_scope(tmp_path, scope, expected):
    rule = make_rule(tmp_path, MAX_WORDS + f"scope: {scope}\n")
    source = "# A b c d e f\n\nShort. One two three four five six.\n\n- g h i j k l\n"
    assert [a.match for a in run(rule, source)] == expected


def test_needs_max_or_min(tmp_path):
    from lint.rule_loading import RuleFileError

    with pytest.raises(RuleFileError, match="needs 'max' or 'min'"):
        make_rule(tmp_path, "extends: occurrence\nmessage: m\ntoken: x\n")
