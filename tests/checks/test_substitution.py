"""extends: substitution — swap keys are word-bounded regexes (alternatives
``a|b`` allowed), ``%s`` is the replacement then the match, and a fix carries
the capital letter of the match over to the replacement."""

from __future__ import annotations

import pytest
from helpers import fixed, found, make_rule, run

RULE = """
extends: substitution
message: "Use '%s' instead of '%s'."
level: warning
ignorecase: {ignorecase}
fix: safe
swap:
  past history: history
  'e-?mail': email
  'utili[sz](?:e|ed|es|ing)': use
  'colou?r|hue': shade|tint
  'in order to': to
  JavaScript: JavaScript
  '(?:[Ss]mart)?phone': mobile
"""

CASES = [
    # (id, ignorecase, source, expected [(match, message)])
    ("plain", "false", "The past history of it.", [("past history", "Use 'history' instead of 'past history'.")]),
    ("capital carried to the replacement", "true", "Past history repeats.",
     [("Past history", "Use 'History' instead of 'Past history'.")]),
    ("case-sensitive by default", "false", "PAST HISTORY and Past History", []),
    ("ignorecase; only the first capital is carried", "true", "PAST HISTORY",
     [("PAST HISTORY", "Use 'History' instead of 'PAST HISTORY'.")]),
    ("key written with a capital class", "false", "Smartphone", [("Smartphone", "Use 'Mobile' instead of 'Smartphone'.")]),
    ("regex key", "false", "Send an e-mail, utilized", [
        ("e-mail", "Use 'email' instead of 'e-mail'."),
        ("utilized", "Use 'use' instead of 'utilized'."),
    ]),
    ("key alternatives and several replacements", "false", "A red colour, a blue hue.", [
        ("colour", "Use 'shade' or 'tint' instead of 'colour'."),
        ("hue", "Use 'shade' or 'tint' instead of 'hue'."),
    ]),
    ("word-bounded", "false", "emailer huey pasthistory historian", []),
    ("already the replacement", "false", "Send email.", []),
    ("replacement equal to key is never flagged", "false", "JavaScript", []),
    ("ignorecase flags a different case of the replacement", "true", "javascript",
     [("javascript", "Use 'JavaScript' instead of 'javascript'.")]),
    ("optional prefix", "false", "a smartphone or phone", [
        ("smartphone", "Use 'mobile' instead of 'smartphone'."),
        ("phone", "Use 'mobile' instead of 'phone'."),
    ]),
    ("across a line break", "false", "in order\nto win", []),
    ("non-ASCII before", "false", "Привет 😀 £ in order to", [("in order to", "Use 'to' instead of 'in order to'.")]),
]


@pytest.mark.parametrize(("ignorecase", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_substitution(tmp_path, ignorecase, source, expected):
    rule = make_rule(tmp_path, RULE.format(ignorecase=ignorecase))
    assert found(run(rule, source, "text")) == expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Prefer '%s'.", "Prefer 'history'."),
        ("'%s' not '%s'", "'history' not 'past history'"),
        ("No placeholder.", "No placeholder."),
        ("%s / %s / %s", "history / past history / "),
    ],
)
def test_message_arguments(tmp_path, message, expected):
    rule = make_rule(tmp_path, f"extends: substitution\nmessage: {message!r}\nswap:\n  past history: history\n")
    assert [a.message for a in run(rule, "past history")] == [expected]


FIXES = [
    # (id, source, markup, fixed text)
    ("capitalised", "Past history matters.", "markdown", "History matters."),
    ("lower case", "The past history matters.", "markdown", "The history matters."),
    ("two fixes", "Past history and past history.", "text", "History and history."),
    ("several replacements: no fix", "A red colour.", "text", "A red colour."),
    ("html entity in the match: no fix", "<p>Send an e&#45;mail</p>", "html", "<p>Send an e&#45;mail</p>"),
    ("html", "<p>Привет 😀 past history</p>", "html", "<p>Привет 😀 history</p>"),
    ("crlf", "Привет\r\nin order to go\r\n", "text", "Привет\r\nto go\r\n"),
    ("emphasis inside the match: no fix", "past *history*", "markdown", "past *history*"),
]


@pytest.mark.parametrize(("source", "markup", "expected"), [f[1:] for f in FIXES], ids=[f[0] for f in FIXES])
def test_fixes(tmp_path, source, markup, expected):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true"))
    assert fixed(source, run(rule, source, markup)) == expected


def test_fix_title_and_safety(tmp_path):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true").replace("fix: safe", "fix: unsafe"))
    (alert,) = run(rule, "Past history")
    assert alert.fix is not None
    assert alert.fix.applicability.value == "unsafe"
    assert alert.fix.title == "Replace 'Past history' with 'History'"


def test_no_fix_unless_allowed(tmp_path):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true").replace("fix: safe\n", ""))
    assert run(rule, "Past history")[0].fix is None


def test_exceptions_and_nonword(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: substitution
        message: "Use '%s'."
        nonword: true
        exceptions: ['Dr\\.']
        swap:
          '\\w+\\.': abbreviation
        """,
    )
    assert found(run(rule, "Dr. Who and St. Paul.", "text")) == [
        ("St.", "Use 'Abbreviation'."),
        ("Paul.", "Use 'Abbreviation'."),
    ]


def test_key_with_capture_groups_picks_the_right_replacement(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: substitution
        message: "Use '%s'."
        swap:
          '(a)(b)?c': first
          'x(y)': second
          'z': third
        """,
    )
    assert found(run(rule, "ac xy z abc", "text")) == [
        ("ac", "Use 'first'."),
        ("xy", "Use 'second'."),
        ("z", "Use 'third'."),
        ("abc", "Use 'first'."),
    ]


@pytest.mark.parametrize("markup", ["markdown", "html", "text"])
def test_scopes(tmp_path, markup):
    rule = make_rule(tmp_path, RULE.format(ignorecase="true") + "scope: heading\n")
    source = {
        "markdown": "# Past history\n\npast history\n",
        "html": "<h1>Past history</h1><p>past history</p>",
        "text": "Past history\n\npast history\n",
    }[markup]
    expected = [] if markup == "text" else ["Past history"]
    assert [a.match for a in run(rule, source, markup)] == expected


def test_inline_flags_stay_with_their_key(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: substitution
        message: "Use '%s'."
        swap:
          '(?i)e-mail': email
          web site: website
        """,
    )
    assert found(run(rule, "E-MAIL the web site, Web Site", "text")) == [
        ("E-MAIL", "Use 'Email'."),
        ("web site", "Use 'website'."),
    ]
