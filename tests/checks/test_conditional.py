"""extends: conditional — a match of ``first`` needs a match of ``second``
somewhere in the document; with a group, group 1 is what is compared (an
acronym needs its definition)."""

from __future__ import annotations

import pytest
from helpers import found, make_rule, run

RULE = """
extends: conditional
message: "'%s' has no definition."
level: warning
first: '\\b([A-Z]{3,5})\\b'
second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
exceptions: [NATO, BBC]
"""

CASES = [
    # (id, source, expected [(match, message)])
    ("undefined", "The UNHCR said so.", [("UNHCR", "'UNHCR' has no definition.")]),
    ("defined before", "The World Health Organization (WHO) said WHO rules apply.", []),
    ("defined after", "WHO rules apply, the World Health Organization (WHO) said.", []),
    ("exceptions", "NATO and the BBC.", []),
    ("each use flagged", "FIFA and FIFA.", [("FIFA", "'FIFA' has no definition."), ("FIFA", "'FIFA' has no definition.")]),
    ("a different definition does not count", "The Food Agency (FSA) and the FDA.", [("FDA", "'FDA' has no definition.")]),
    ("too short or long", "An AB and ABCDEF.", []),
    ("non-ASCII before", "Привет 😀 £ the IAEA.", [("IAEA", "'IAEA' has no definition.")]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_conditional(tmp_path, source, expected):
    rule = make_rule(tmp_path, RULE)
    assert found(run(rule, source, "text")) == expected


def test_definition_elsewhere_in_the_document(tmp_path):
    rule = make_rule(tmp_path, RULE)
    source = "# WHO says\n\nThe World Health Organization (WHO) said.\n\n- WHO and UNDP\n"
    assert [(a.match, a.line) for a in run(rule, source)] == [("UNDP", 5)]


def test_scope_limits_where_definitions_count(tmp_path):
    rule = make_rule(tmp_path, RULE + "scope: paragraph\n")
    source = "# World Health Organization (WHO)\n\nThe WHO said.\n"
    assert [a.match for a in run(rule, source)] == ["WHO"]


def test_without_groups_the_whole_match_is_compared(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: conditional
        message: "'%s' needs a dateline."
        first: 'PARIS'
        second: 'PARIS \\(AFP\\)'
        """,
    )
    assert found(run(rule, "PARIS again.", "text")) == [("PARIS", "'PARIS' needs a dateline.")]
    # the second pattern's whole match is "PARIS (AFP)", never equal to "PARIS"
    assert len(run(rule, "PARIS (AFP) - PARIS again.", "text")) == 2


def test_optional_group_that_did_not_take_part(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: conditional
        message: "'%s' undefined."
        first: '\\b(?:([A-Z]{3})|Mx\\.)(?!\\w)'
        second: '\\(([A-Z]{3})\\)'
        """,
    )
    alerts = run(rule, "Привет Mx. Smith of the ABC.", "text")
    assert found(alerts) == [("Mx.", "'Mx.' undefined."), ("ABC", "'ABC' undefined.")]


def test_ignorecase(tmp_path):
    rule = make_rule(
        tmp_path,
        """
        extends: conditional
        message: "'%s' undefined."
        ignorecase: true
        first: '\\b(dpa)\\b'
        second: 'Deutsche Presse-Agentur \\((dpa)\\)'
        """,
    )
    assert found(run(rule, "DPA reported.", "text")) == [("DPA", "'DPA' undefined.")]
    assert run(rule, "deutsche presse-agentur (dpa) said; dpa reported.", "text") == []


@pytest.mark.parametrize("markup", ["markdown", "html", "text"])
def test_positions(tmp_path, markup):
    rule = make_rule(tmp_path, RULE)
    source = {
        "markdown": "Привет 😀\r\n\r\n£ *the* IAEA\r\n",
        "html": "<p>Привет 😀</p>\r\n<p>&pound; <em>the</em> IAEA</p>\r\n",
        "text": "Привет 😀\r\n\r\n£ the IAEA\r\n",
    }[markup]
    (alert,) = run(rule, source, markup)
    assert alert.match == "IAEA"
    assert alert.line == (2 if markup == "html" else 3)
