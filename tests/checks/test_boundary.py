"""extends: boundary — ``before`` must match at the end of a unit and
``after`` at the start of the very next prose block; the alert covers the
``after`` match and the fix joins the two blocks with a space."""

from __future__ import annotations

import pytest
from helpers import fixed, found, make_rule, run

RULE = r"""
extends: boundary
message: "Paragraph broken mid-sentence: '%s' runs on into '%s'."
level: error
scope: paragraph & ~list & ~blockquote
before: '\S*[\p{Ll}\d,;]$'
after: '\p{Ll}[\p{L}''’-]*'
exceptions: ['e\.g', iPhone]
fix: unsafe
"""

CASES = [
    # (id, markup, source, expected [(match, message)])
    ("broken paragraph", "markdown", "The council voted to close the library,\n\nwhich had served the town.\n",
     [("which", "Paragraph broken mid-sentence: 'library,' runs on into 'which'.")]),
    ("terminal punctuation", "markdown", "Zelensky rejected the idea.\n\noutright rejection followed.\n", []),
    ("next starts upper case", "markdown", "Zelensky rejected the idea\n\nOutright rejection followed.\n", []),
    ("exception", "markdown", "The phone was an\n\niPhone all along.\n", []),
    ("heading between is not a paragraph", "markdown", "Talks resume in\n\n# abu Dhabi\n\nnext.\n", []),
    ("list excluded by scope", "markdown", "The ministers agreed on\n\n- a ceasefire\n", []),
    ("plain text", "text", "Привет 😀 the idea\r\n\r\noutright rejected.\r\n",
     [("outright", "Paragraph broken mid-sentence: 'idea' runs on into 'outright'.")]),
    ("html", "html", "<p>Привет &amp; the idea</p>\r\n<p>outright rejected.</p>",
     [("outright", "Paragraph broken mid-sentence: 'idea' runs on into 'outright'.")]),
    ("several", "markdown", "one\n\ntwo\n\nthree\n", [
        ("two", "Paragraph broken mid-sentence: 'one' runs on into 'two'."),
        ("three", "Paragraph broken mid-sentence: 'two' runs on into 'three'."),
    ]),
]


@pytest.mark.parametrize(("markup", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_boundary(tmp_path, markup, source, expected):
    assert found(run(make_rule(tmp_path, RULE), source, markup)) == expected


@pytest.mark.parametrize(
    ("markup", "source", "expected"),
    [
        ("markdown", "Rejected the idea\n\noutright, he said.\n", "Rejected the idea outright, he said.\n"),
        ("text", "Привет 😀 the idea\r\n\r\noutright.\r\n", "Привет 😀 the idea outright.\r\n"),
        ("html", "<p>the idea</p>\r\n<p class='x'>outright.</p>", "<p>the idea outright.</p>"),
    ],
)
def test_fix_joins_the_paragraphs(tmp_path, markup, source, expected):
    alerts = run(make_rule(tmp_path, RULE), source, markup)
    assert len(alerts) == 1
    assert fixed(source, alerts) == expected


def test_positions(tmp_path):
    source = "Привет 😀 the idea\r\n\r\n£ and then\r\n\r\noutright.\r\n"
    rule = make_rule(tmp_path, RULE.replace("\\p{Ll}[", "(?:£ )?\\p{Ll}["))
    alerts = run(rule, source, "text")
    assert [(a.match, a.line, a.column) for a in alerts] == [("£ and", 3, 1), ("outright", 5, 1)]


SEPARATED = [
    # (id, markup, source): something between the two blocks separates them
    ("indented code block", "markdown", "the idea\n\n    code\n\noutright\n"),
    ("fenced code block", "markdown", "the idea\n\n```\nx\n```\n\noutright\n"),
    ("thematic break", "markdown", "the idea\n\n---\n\noutright\n"),
    ("html rule", "html", "<p>the idea</p><hr><p>outright</p>"),
    ("html pre", "html", "<p>the idea</p><pre>x</pre><p>outright</p>"),
]


@pytest.mark.parametrize(("markup", "source"), [s[1:] for s in SEPARATED], ids=[s[0] for s in SEPARATED])
def test_separated_blocks_are_not_one_sentence(tmp_path, markup, source):
    assert run(make_rule(tmp_path, RULE), source, markup) == []


NO_JOIN = [
    # (id, markup, source): flagged, but joining would lose or break something
    ("comment between", "markdown", "the idea\n\n<!-- note -->\n\noutright.\n"),
    ("html nesting differs", "html", "<p>the idea</p>\n<div><p>outright.</p></div>"),
    ("blockquote markers", "markdown", "> the idea\n>\n> outright.\n"),
]


@pytest.mark.parametrize(("markup", "source"), [s[1:] for s in NO_JOIN], ids=[s[0] for s in NO_JOIN])
def test_no_fix_when_the_join_would_lose_something(tmp_path, markup, source):
    rule = make_rule(tmp_path, RULE.replace("scope: paragraph & ~list & ~blockquote", "scope: paragraph"))
    (alert,) = run(rule, source, markup)
    assert alert.match == "outright"
    assert alert.fix is None
