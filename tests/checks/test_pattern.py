"""extends: pattern — one full regex (named groups, backreferences,
lookarounds); the message takes ``{name}`` groups and ``%s`` (the match);
``report`` narrows the underline to one group; ``replace`` is an expansion
template for the fix over the whole match."""

from __future__ import annotations

import pytest
from helpers import fixed, found, make_rule, run
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.markup import parse
from lint.rule_loading import RuleFileError

PERCENT = r"""
extends: pattern
message: "Write '{num} per cent', not '%s'."
level: warning
fix: safe
pattern: '(?P<num>\d+(?:\.\d+)?)\s*%'
replace: '\g<num> per cent'
"""

DOUBLED = r"""
extends: pattern
message: "'{word}' twice"
ignorecase: true
pattern: '\b(?P<word>\w+)\s+(?P=word)\b'
"""

DAY = r"""
extends: pattern
message: "Leading zero in '%s'"
fix: safe
pattern: '(?P<month>January|March) 0(?P<day>[1-9])\b'
report: day
replace: '\g<month> \g<day>'
exceptions: ['March 01']
"""

CASES = [
    # (id, rule, source, expected [(match, message)])
    ("named group in message", PERCENT, "Up 5% and 2.5 %.", [
        ("5%", "Write '5 per cent', not '5%'."),
        ("2.5 %", "Write '2.5 per cent', not '2.5 %'."),
    ]),
    ("no match", PERCENT, "Five per cent.", []),
    ("backreference with ignorecase", DOUBLED, "The the end, it it.", [
        ("The the", "'The' twice"),
        ("it it", "'it' twice"),
    ]),
    ("report narrows the span", DAY, "On January 05 and March 01.", [("5", "Leading zero in 'January 05'")]),
    ("non-ASCII before", PERCENT, "Привет 😀 £5 rose 7%", [("7%", "Write '7 per cent', not '7%'.")]),
]


@pytest.mark.parametrize(("rule", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_pattern(tmp_path, rule, source, expected):
    assert found(run(make_rule(tmp_path, rule), source, "text")) == expected


FIXES = [
    # (id, rule, source, markup, fixed)
    ("template", PERCENT, "Up 5% and 2.5 %.", "markdown", "Up 5 per cent and 2.5 per cent."),
    ("report span, whole-match replacement", DAY, "On January 05.", "markdown", "On January 5."),
    ("numbered groups", PERCENT.replace(r"\g<num>", r"\1"), "5%", "text", "5 per cent"),
    ("html", PERCENT, "<p>Привет &amp; 5%</p>", "html", "<p>Привет &amp; 5 per cent</p>"),
    ("crlf", PERCENT, "Привет\r\n5%\r\n", "text", "Привет\r\n5 per cent\r\n"),
    ("markup inside the match: no fix", PERCENT, "5*%*", "markdown", "5*%*"),
]


@pytest.mark.parametrize(("rule", "source", "markup", "expected"), [f[1:] for f in FIXES], ids=[f[0] for f in FIXES])
def test_replace_templates(tmp_path, rule, source, markup, expected):
    assert fixed(source, run(make_rule(tmp_path, rule), source, markup)) == expected


def test_report_span_keeps_the_whole_fix(tmp_path):
    (alert,) = run(make_rule(tmp_path, DAY), "Привет 😀 January 05")
    assert alert.match == "5"
    assert alert.fix is not None
    (edit,) = alert.fix.edits
    assert "Привет 😀 January 05"[edit.offset : edit.end_offset] == "January 05"
    assert edit.text == "January 5"


@pytest.mark.parametrize(
    ("yaml", "key", "message"),
    [
        (PERCENT.replace("{num} per cent", "{number} per cent"), "message", "message uses {number}"),
        (PERCENT.replace(r"\g<num> per cent", r"\g<n> per cent"), "replace", "refers to group 'n'"),
        (PERCENT.replace(r"\g<num> per cent", r"\2"), "replace", "refers to group '2'"),
        (DAY.replace("report: day", "report: days"), "report", "names group 'days'"),
        (PERCENT.replace(r"(?P<num>", r"(?P<num"), "pattern", "invalid regex in 'pattern'"),
        (PERCENT.replace(r"\g<num> per cent", r"\g<num>\q"), "replace", "invalid 'replace' template: bad escape"),
    ],
)
def test_invalid_rules(tmp_path, yaml, key, message):
    with pytest.raises(RuleFileError) as info:
        make_rule(tmp_path, yaml)
    assert info.value.key == key
    assert message in info.value.message


@pytest.mark.parametrize(
    ("scope", "expected"),
    [("heading", ["5%"]), ("paragraph", ["6%"]), ("~heading", ["6%", "7%"]), ("list", ["7%"]), ("sentence", ["5%", "6%", "7%"])],
)
def test_scopes(tmp_path, scope, expected):
    rule = make_rule(tmp_path, PERCENT + f"scope: {scope!r}\n")
    assert [a.match for a in run(rule, "# Up 5%\n\nUp 6%.\n\n- 7%\n")] == expected


# Patterns whose every match starts with one of a few known words: they are
# tried only where one of those starts (see Pattern._matches).
LEADING = [
    r"[\x20\n](?:of|from|made\s+up\s+of)\s+(?P<w>\w+)",
    r"(?i)\b(?:the|one)\s+(?P<w>\w+)\s+of\b",
    r"(?:abc|abd)(?:c|d)?",  # overlapping starts: "abcabd"
    r"(?<=x)yyyy+",  # a look-behind before the known text
    r"(?:aaa)+b?",  # a match that runs over further starts
]


@pytest.mark.parametrize("pattern", LEADING)
def test_leading_words_are_used(tmp_path, pattern):
    rule = make_rule(tmp_path, f"extends: pattern\nmessage: m\npattern: '{pattern}'\n")
    assert rule.check.lead_starts is not None


@pytest.fixture(scope="module")
def leading_rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("leading")
    return [make_rule(folder, f"extends: pattern\nmessage: m\npattern: '{p}'\n", name=f"R{i}") for i, p in enumerate(LEADING)]


def assert_same_matches(rules, text):
    for rule in rules:
        for block in parse(text, "text").blocks:
            expected = [m.span() for m in rule.check.pattern.finditer(block.text) if m.end() > m.start()]
            assert [m.span() for m in rule.check._matches(block)] == expected, (rule.check.spec.pattern, block.text)


@pytest.mark.parametrize(
    "text",
    ["aaaaaaab aaa", "abcabdc abd", "xyyyyyyy xyyyy yyyy", "The man of the One hat of", "a part\nof it, made up of  bits", "ß of É of"],
)
def test_matching_where_a_match_can_start(leading_rules, text):
    assert_same_matches(leading_rules, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aaabcdxyy of frommadeupTheONE\nÉß", max_size=80))
def test_matching_where_a_match_can_start_finds_what_finditer_finds(leading_rules, text):
    assert_same_matches(leading_rules, text)
