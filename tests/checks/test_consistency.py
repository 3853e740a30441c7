"""extends: consistency — when both forms of an ``either`` pair appear in one
document, the form used less (the later one on a tie) is flagged."""

from __future__ import annotations

import pytest
from helpers import fixed, found, make_rule, run

RULE = """
extends: consistency
message: "Inconsistent spelling: '%s' (this text mostly uses '%s')."
level: warning
ignorecase: true
fix: unsafe
either:
  organize: organise
  advisor: adviser
  'e-mail': email
"""

CASES = [
    # (id, source, expected [(match, message)])
    ("minority flagged", "We organise. They organise. You organize.",
     [("organize", "Inconsistent spelling: 'organize' (this text mostly uses 'organise').")]),
    ("minority flagged when first", "You organize. We organise. They organise.",
     [("organize", "Inconsistent spelling: 'organize' (this text mostly uses 'organise').")]),
    ("tie: the later form is flagged", "An adviser met an advisor.",
     [("advisor", "Inconsistent spelling: 'advisor' (this text mostly uses 'adviser').")]),
    ("every minority use is flagged", "email email email e-mail e-mail", [
        ("e-mail", "Inconsistent spelling: 'e-mail' (this text mostly uses 'email')."),
        ("e-mail", "Inconsistent spelling: 'e-mail' (this text mostly uses 'email')."),
    ]),
    ("one form only", "We organise and organise.", []),
    ("pairs are independent", "organise organize organize adviser", [
        ("organise", "Inconsistent spelling: 'organise' (this text mostly uses 'organize').")
    ]),
    ("word-bounded", "organised organizer", []),
    ("ignorecase", "Organise the team. ORGANIZE it. Organise", [
        ("ORGANIZE", "Inconsistent spelling: 'ORGANIZE' (this text mostly uses 'Organise').")
    ]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_consistency(tmp_path, source, expected):
    rule = make_rule(tmp_path, RULE)
    assert found(run(rule, source, "text")) == expected


def test_across_blocks_of_the_whole_document(tmp_path):
    rule = make_rule(tmp_path, RULE)
    source = "# We organise\n\nThey organise.\n\n- You organize\n\n> Привет 😀 organize\r\n\n| organise |\n|---|\n| x |\n"
    alerts = run(rule, source)
    assert [(a.match, a.line) for a in alerts] == [("organize", 5), ("organize", 7)]


def test_scope_limits_what_is_counted(tmp_path):
    rule = make_rule(tmp_path, RULE + "scope: paragraph\n")
    source = "# organize organize organize\n\norganise\n\norganize\n"
    # Only paragraphs count: organise 1, organize 1 -> the later is flagged.
    assert [(a.match, a.line) for a in run(rule, source)] == [("organize", 5)]


def test_case_sensitive(tmp_path):
    rule = make_rule(tmp_path, RULE.replace("ignorecase: true", "ignorecase: false"))
    assert run(rule, "Organise organize", "text") == []


def test_fix_uses_the_majority_form(tmp_path):
    rule = make_rule(tmp_path, RULE)
    source = "We organise. They organise. You organize."
    assert fixed(source, run(rule, source)) == "We organise. They organise. You organise."


def test_regex_forms(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: consistency
        message: "Use one form: '%s'."
        either:
          '\\w+ise': '\\w+ize'
        """,
    )
    # Two -ise words against one -ize word: the -ize word is flagged.
    assert found(run(rule, "realise, organise, recognize", "text")) == [("recognize", "Use one form: 'recognize'.")]


@pytest.mark.parametrize("markup", ["markdown", "html", "text"])
def test_positions(tmp_path, markup):
    rule = make_rule(tmp_path, RULE)
    source = {
        "markdown": "Привет 😀 organise.\r\n\r\n£ organise *organize*\r\n",
        "html": "<p>Привет 😀 organise.</p>\r\n<p>&pound; organise <em>organize</em></p>\r\n",
        "text": "Привет 😀 organise.\r\n\r\n£ organise organize\r\n",
    }[markup]
    (alert,) = run(rule, source, markup)
    assert alert.match == "organize"
    assert alert.line == (2 if markup == "html" else 3)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Organise it. We organise. They organize.", "Organise it. We organise. They organise."),
        ("Organise it. Organise more. they organize.", "Organise it. Organise more. they organise."),
        ("we organise, we organise. Organize!", "we organise, we organise. Organise!"),
    ],
)
def test_fix_keeps_the_case_of_the_flagged_word(tmp_path, source, expected):
    rule = make_rule(tmp_path, RULE)
    assert fixed(source, run(rule, source)) == expected
