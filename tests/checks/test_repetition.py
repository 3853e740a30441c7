"""extends: repetition — the same token twice in a row ("the the"); the alert
covers both tokens and the fix removes the second one."""

from __future__ import annotations

import pytest
from helpers import fixed, found, make_rule, run

RULE = """
extends: repetition
message: "'%s' is repeated."
level: error
ignorecase: {ignorecase}
alpha: true
fix: safe
tokens: ['[\\p{{L}}\\p{{N}}][\\p{{L}}\\p{{N}}''’-]*']
exceptions: [had, that]
"""

CASES = [
    # (id, ignorecase, source, expected [(match, message)])
    ("doubled", "true", "We went to the the shop.", [("the the", "'the' is repeated.")]),
    ("ignorecase", "true", "The the shop.", [("The the", "'The' is repeated.")]),
    ("case-sensitive", "false", "The the shop.", []),
    ("different words", "true", "the theory then them", []),
    ("prefix of the next word", "true", "in inside on one", []),
    ("punctuation between", "true", "Well, well. Now, now!", []),
    ("one line break between", "true", "went to the\nthe shop", [("the\nthe", "'the' is repeated.")]),
    ("exceptions", "true", "He had had enough; that that was so.", []),
    ("alpha skips numbers", "true", "It was 10 10 times.", []),
    ("non-ASCII words", "true", "Привет привет 😀 мир", [("Привет привет", "'Привет' is repeated.")]),
    ("several", "true", "a a b b", [("a a", "'a' is repeated."), ("b b", "'b' is repeated.")]),
    ("apostrophes in the token", "true", "it's it's", [("it's it's", "'it's' is repeated.")]),
]


@pytest.mark.parametrize(("ignorecase", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_repetition(tmp_path, ignorecase, source, expected):
    rule = make_rule(tmp_path, RULE.format(ignorecase=ignorecase))
    assert found(run(rule, source, "text")) == expected


def test_not_across_paragraphs(tmp_path):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true"))
    assert run(rule, "the end the\n\nthe start\n") == []
    assert run(rule, "<p>word</p><p>word</p>", "html") == []


def test_not_across_markup_blocks(tmp_path):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true"))
    assert run(rule, "# Title\n\nTitle again\n") == []


FIXES = [
    # (id, source, markup, fixed)
    ("markdown", "We went to the the shop.", "markdown", "We went to the shop."),
    ("capital kept", "The the shop.", "markdown", "The shop."),
    ("two in one text", "a a b b", "text", "a b"),
    ("after non-ASCII", "Привет 😀 £ go go now", "text", "Привет 😀 £ go now"),
    ("html", "<p>Привет &amp; the the end</p>", "html", "<p>Привет &amp; the end</p>"),
    ("markup between: no fix", "<p>word <b>word</b></p>", "html", "<p>word <b>word</b></p>"),
]


@pytest.mark.parametrize(("source", "markup", "expected"), [f[1:] for f in FIXES], ids=[f[0] for f in FIXES])
def test_fix_removes_the_duplicate(tmp_path, source, markup, expected):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true"))
    assert fixed(source, run(rule, source, markup)) == expected


def test_default_token_is_any_run_of_non_space(tmp_path):
    rule = make_rule(tmp_path, "extends: repetition\nmessage: \"'%s' twice\"\n")
    assert found(run(rule, "go. go. 1 1", "text")) == [("go. go.", "'go.' twice"), ("1 1", "'1' twice")]


@pytest.mark.parametrize("markup", ["markdown", "html", "text"])
def test_crlf_positions(tmp_path, markup):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true"))
    source = "Привет\r\n\r\nthe the end\r\n"
    if markup == "html":
        source = "<p>Привет</p>\r\n<p>the the end</p>\r\n"
    (alert,) = run(rule, source, markup)
    assert alert.match == "the the"
    assert alert.line == (2 if markup == "html" else 3)


NEWS_STYLE = """
extends: repetition
message: "'%s' is repeated."
ignorecase: true
alpha: true
tokens: ["[\\\\p{L}\\\\p{N}'’-]+"]
exceptions: ['(?:had|that)', 'bye']
allow:
  - '\\S+\\s+\\p{Lu}'
  - 'for\\s+for\\s+years\\b'
"""

ALLOW_CASES = [
    # (id, source, expected matches)
    ("plain doubling", "It was the the end.", ["the the"]),
    ("capital first only", "The the end.", ["The the"]),
    ("capitalised repeat is a name", "Duran Duran played. THE THE band.", []),
    ("allow reads past the pair", "waiting for for years", []),
    ("allow does not fit", "waiting for for a bus", ["for for"]),
    ("exception pattern", "She had had enough. Bye bye.", []),
    ("exception must match the whole token", "hadn't hadn't", ["hadn't hadn't"]),
    ("hyphen in the token", "a so-so result, the the-day", []),
    ("full stop ends the token", "They sat in in.", ["in in"]),
    ("no-break space between", "the\u00a0the end", ["the\u00a0the"]),
    ("punctuation between", "no, no, no", []),
    ("three in a row: one alert", "go go go now", ["go go"]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in ALLOW_CASES], ids=[c[0] for c in ALLOW_CASES])
def test_exceptions_and_allow(tmp_path, source, expected):
    rule = make_rule(tmp_path, NEWS_STYLE)
    assert [a.match for a in run(rule, source, "text")] == expected


# The same token written as a run of one class (cut by str.translate) and as
# a pattern the check must search for: both readings find the same pairs.
TOKEN_FORMS = [
    ("[\\\\p{L}\\\\p{N}'’-]+", "(?:[\\\\p{L}\\\\p{N}'’-])+"),
    ("[^\\\\s]+", "(?:[^\\\\s])+"),
    ("\\\\w+", "(?:\\\\w)+"),
]
TEXTS = [
    "the the end; The the start; THE THE",
    "İstanbul istanbul and Straße STRASSE, ß ß",
    "a\x1cb a\x1cb, x\u2009x and y\u00a0\u00a0y",
    "«the» the “the the” 'the the' go. go. 1 1 é é e\u0301 e\u0301",
    "line\nline and para\n\npara",
    "go go go go, no no no; so, so so x y y",
]


@pytest.mark.parametrize(("run_form", "searched_form"), TOKEN_FORMS)
@pytest.mark.parametrize("ignorecase", ["true", "false"])
def test_run_tokens_read_as_searched_tokens(tmp_path, run_form, searched_form, ignorecase):
    body = 'extends: repetition\nmessage: "%s"\nignorecase: {case}\ntokens: ["{tokens}"]\n'
    quick = make_rule(tmp_path, body.format(case=ignorecase, tokens=run_form), name="Quick")
    searched = make_rule(tmp_path, body.format(case=ignorecase, tokens=searched_form), name="Searched")
    assert quick.check.separators is not None and searched.check.separators is None
    for text in TEXTS:
        assert [(a.offset, a.end_offset, a.message) for a in run(quick, text, "text")] == [
            (a.offset, a.end_offset, a.message) for a in run(searched, text, "text")
        ], text
