"""The offset contract, for every rule type in every markup: an alert's
offsets slice its match out of the source, the match is what the rule
matched (the whole construct or unit for markup, occurrence and
capitalization rules), and its line and column agree with its offset —
with non-ASCII text before the match and with CRLF line ends."""

from __future__ import annotations

import pytest
from helpers import assert_contract, line_col, make_rule

from lint.engine import lint_text

RULES = {
    "existence": """
        extends: existence
        message: "Avoid '%s'."
        ignorecase: true
        tokens: [obviously]
        """,
    "substitution": """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        fix: safe
        swap:
          past history: history
        """,
    "occurrence": """
        extends: occurrence
        message: "'the' %s times in one sentence."
        ignorecase: true
        max: 2
        token: '\\bthe\\b'
        """,
    "repetition": """
        extends: repetition
        message: "'%s' is repeated."
        ignorecase: true
        fix: safe
        tokens: ['\\p{L}+']
        """,
    "consistency": """
        extends: consistency
        message: "'%s': this text uses '%s'."
        either:
          organise: organize
        """,
    "conditional": """
        extends: conditional
        message: "'%s' is not defined."
        first: '\\b[A-Z]{5}\\b'
        second: '\\(([A-Z]{5})\\)'
        """,
    "capitalization": """
        extends: capitalization
        message: "'%s' has a capital O."
        scope: text
        match: '(?s)(?!.*Obviously).*'
        """,
    "metric": """
        extends: metric
        message: "%s words."
        formula: words
        condition: '> 1'
        """,
    "pattern": """
        extends: pattern
        message: "'{n} per cent', not '%s'."
        fix: safe
        pattern: '(?P<n>\\d+)%'
        replace: '\\g<n> per cent'
        """,
    "markup": """
        extends: markup
        message: "Placeholder link '%s'."
        construct: link
        destination: ['#']
        """,
    "boundary": """
        extends: boundary
        message: "Broken paragraph: '%s' / '%s'."
        fix: unsafe
        before: '\\p{Ll}+$'
        after: '\\p{Ll}+'
        """,
}

MARKDOWN = (
    "# Привет 😀 the Obviously Heading\n"
    "\n"
    "£5 😀 — Past history is *obviously* 50% bad. We organise; they organize; we organise.\n"
    "\n"
    "Цена 😀 — the UNHCR saw the the end of the road and the rest.\n"
    "\n"
    "a paragraph broken\n"
    "\n"
    "continues 😀 here. See [told](#) now.\n"
)

HTML = (
    "<h1>Привет 😀 the Obviously Heading</h1>\n"
    "<p>&pound;5 😀 &mdash; Past history is <em>obviously</em> 50% bad. "
    "We organise; they organize; we organise.</p>\n"
    "<p>Цена 😀 — the UNHCR saw the the end of the road and the rest.</p>\n"
    "<p>a paragraph broken</p>\n"
    '<p>continues 😀 here. See <a href="#">told</a> now.</p>\n'
)

TEXT = (
    "Привет 😀 the Obviously Heading\n"
    "\n"
    "£5 😀 — Past history is obviously 50% bad. We organise; they organize; we organise.\n"
    "\n"
    "Цена 😀 — the UNHCR saw the the end of the road and the rest.\n"
    "\n"
    "a paragraph broken\n"
    "\n"
    "continues 😀 here. See [told](#) now.\n"
)

SOURCES = {"markdown": MARKDOWN, "html": HTML, "text": TEXT}

# What each rule matched, per markup (the same in the LF and CRLF sources).
EXPECTED: dict[str, dict[str, list[str]]] = {
    "existence": {m: ["Obviously", "obviously"] for m in SOURCES},
    "substitution": {m: ["Past history"] for m in SOURCES},
    "occurrence": {m: ["Цена 😀 — the UNHCR saw the the end of the road and the rest."] for m in SOURCES},
    "repetition": {m: ["the the"] for m in SOURCES},
    "consistency": {m: ["organize"] for m in SOURCES},
    "conditional": {m: ["UNHCR"] for m in SOURCES},
    "capitalization": {
        "markdown": ["Привет 😀 the Obviously Heading"],
        "html": ["Привет 😀 the Obviously Heading"],
        "text": ["Привет 😀 the Obviously Heading"],
    },
    "metric": {m: ["Привет"] for m in SOURCES},
    "pattern": {m: ["50%"] for m in SOURCES},
    "markup": {"markdown": ["[told](#)"], "html": ['<a href="#">told</a>'], "text": []},
    "boundary": {m: ["continues"] for m in SOURCES},
}


def _variants():
    for kind in RULES:
        for markup, source in SOURCES.items():
            yield pytest.param(kind, markup, source, id=f"{kind}-{markup}-lf")
            yield pytest.param(kind, markup, source.replace("\n", "\r\n"), id=f"{kind}-{markup}-crlf")


@pytest.mark.parametrize(("kind", "markup", "source"), list(_variants()))
def test_offset_contract(tmp_path, kind, markup, source):
    rule = make_rule(tmp_path, RULES[kind], name=kind.capitalize())
    alerts = lint_text(source, markup, [rule])
    assert not [a for a in alerts if a.message.startswith(("the rule failed", "a regular expression"))]
    for a in alerts:
        assert source[a.offset : a.end_offset] == a.match
        assert (a.line, a.column) == line_col(source, a.offset)
        assert (a.end_line, a.end_column) == line_col(source, a.end_offset)
    assert [a.match for a in alerts] == EXPECTED[kind][markup]
    assert_contract(source, alerts)


@pytest.mark.parametrize("markup", list(SOURCES))
def test_all_rules_together(tmp_path, markup):
    rules = [make_rule(tmp_path, RULES[kind], name=kind.capitalize()) for kind in RULES]
    for source in (SOURCES[markup], SOURCES[markup].replace("\n", "\r\n")):
        alerts = lint_text(source, markup, rules)
        assert_contract(source, alerts)
        expected = sorted(m for kind in RULES for m in EXPECTED[kind][markup])
        assert sorted(a.match for a in alerts) == expected
        assert alerts == sorted(alerts, key=lambda a: a.sort_key())


@pytest.mark.parametrize("markup", list(SOURCES))
def test_fix_edits_lie_inside_the_source(tmp_path, markup):
    rules = [make_rule(tmp_path, RULES[kind], name=kind.capitalize()) for kind in RULES]
    source = SOURCES[markup].replace("\n", "\r\n")
    for a in lint_text(source, markup, rules):
        if a.fix is None:
            continue
        for edit in a.fix.edits:
            assert 0 <= edit.offset <= edit.end_offset <= len(source)


def test_line_col_helper():
    source = "ab\r\ncd\ne\rf"
    assert [line_col(source, i) for i in range(len(source) + 1)] == [
        (1, 1), (1, 2), (1, 3), (1, 4),
        (2, 1), (2, 2), (2, 3),
        (3, 1), (3, 2),
        (4, 1), (4, 2),
    ]


# Matches on the continuation lines of one paragraph (soft breaks), after
# entities, emphasis and inline code: where offset maps are easiest to get
# wrong.
SOFT_BREAKS = {
    "markdown": "Привет 😀 `code` and\nmore £ *text*  \nhere &amp; there 😀 obviously past\nhistory 50%\n",
    "html": "<p>Привет 😀 <code>code</code> and\nmore &pound; <i>text</i><br>\nhere &amp; there 😀 obviously past\nhistory 50%</p>\n",
    "text": "Привет 😀 `code` and\nmore £ text\nhere & there 😀 obviously past\nhistory 50%\n",
}


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("markup", list(SOFT_BREAKS))
def test_matches_on_continuation_lines(tmp_path, markup, line_end):
    source = SOFT_BREAKS[markup].replace("\n", line_end)
    rules = [make_rule(tmp_path, RULES[kind], name=kind.capitalize()) for kind in ("existence", "pattern")]
    # A match across the line break: a literal space in a token does not
    # match a line break, \s+ does.
    rules.append(make_rule(tmp_path, "extends: existence\nmessage: m\ntokens: ['past\\s+history']\n", name="Span"))
    alerts = lint_text(source, markup, rules)
    assert_contract(source, alerts)
    assert [(a.match, a.line) for a in alerts] == [
        ("obviously", 3),
        (f"past{line_end}history", 3),
        ("50%", 4),
    ]
    fixable = {a.match: a.fix for a in alerts}
    assert fixable["50%"] is not None
