"""Inline suppression directives, in every markup, applied by the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.alerts import Alert, Level
from lint.engine import LintOptions, lint_text
from lint.rule_loading import Rule
from lint.suppression import INVALID_DIRECTIVE, UNKNOWN_RULE
from tests.helpers import make_rule

DOUBLED = """
extends: existence
message: "'%s' is doubled."
level: warning
ignorecase: true
tokens: ['the the']
"""
VERY = """
extends: existence
message: "Avoid '%s'."
level: warning
ignorecase: true
tokens: [very]
"""


@pytest.fixture
def rules(tmp_path: Path) -> list[Rule]:
    return [make_rule(tmp_path, DOUBLED, "Doubled"), make_rule(tmp_path, VERY, "Very", pack="Style")]


def found(source: str, rules: list[Rule], markup: str = "markdown", options: LintOptions | None = None) -> list[tuple[int, str]]:
    return [(a.line, a.rule) for a in lint_text(source, markup, rules, options)]


def test_no_directive_reports_everything(rules: list[Rule]) -> None:
    assert found("See the the cat, very fast.\n", rules) == [(1, "Pack.Doubled"), (1, "Style.Very")]


def test_disable_and_enable_a_region(rules: list[Rule]) -> None:
    text = (
        "The the start.\n\n"
        "<!-- copydesk-disable Pack.Doubled -->\n\n"
        "The the middle, very.\n\n"
        "<!-- copydesk-enable Pack.Doubled -->\n\n"
        "The the end.\n"
    )
    assert found(text, rules) == [(1, "Pack.Doubled"), (5, "Style.Very"), (9, "Pack.Doubled")]


def test_disable_without_ids_means_every_rule_until_enable(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable -->\n\nThe the very one.\n\n<!-- copydesk-enable -->\n\nThe the two.\n"
    assert found(text, rules) == [(7, "Pack.Doubled")]


def test_disable_runs_to_the_end_without_enable(rules: list[Rule]) -> None:
    text = "Very first.\n\n<!-- copydesk-disable Style.Very -->\n\nVery late.\n\nStill very late.\n"
    assert found(text, rules) == [(1, "Style.Very")]


def test_pack_name_selects_every_rule_of_the_pack(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable Style -->\n\nThe the very thing.\n"
    assert found(text, rules) == [(3, "Pack.Doubled")]


def test_enable_one_rule_inside_a_disabled_pack(rules: list[Rule], tmp_path: Path) -> None:
    more = [*rules, make_rule(tmp_path, "extends: existence\nmessage: x\ntokens: [quite]\n", "Quite", pack="Style")]
    text = "<!-- copydesk-disable Style -->\n<!-- copydesk-enable Style.Quite -->\n\nVery quite.\n"
    assert found(text, more) == [(4, "Style.Quite")]


def test_disable_next_line(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable-next-line Pack.Doubled -- a quotation -->\nThe the very.\n\nThe the again.\n"
    assert found(text, rules) == [(2, "Style.Very"), (4, "Pack.Doubled")]


def test_disable_next_line_skips_blank_lines(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable-next-line -->\n\nThe the very.\n\nThe the again.\n"
    assert found(text, rules) == [(5, "Pack.Doubled")]


def test_disable_line_inline(rules: list[Rule]) -> None:
    text = "The the cat. <!-- copydesk-disable-line Pack.Doubled -->\n\nThe the dog.\n"
    assert found(text, rules) == [(3, "Pack.Doubled")]


def test_disable_file_anywhere(rules: list[Rule]) -> None:
    text = "The the start, very.\n\n<!-- copydesk-disable-file Pack.Doubled -->\n"
    assert found(text, rules) == [(1, "Style.Very")]
    assert found("The the, very.\n\n<!-- copydesk-disable-file -->\n", rules) == []


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("<!-- vale off -->", []),
        ("<!-- vale Pack.Doubled = NO -->", [(3, "Style.Very")]),
        ("<!-- vale Pack.Doubled = NO, Style.Very = NO -->", []),
        ("<!-- vale Style = NO -->", [(3, "Pack.Doubled")]),
    ],
)
def test_vale_comments(rules: list[Rule], comment: str, expected: list[tuple[int, str]]) -> None:
    assert found(f"{comment}\n\nThe the very.\n", rules) == expected


def test_vale_on_and_yes_enable_again(rules: list[Rule]) -> None:
    text = "<!-- vale off -->\n\nThe the.\n\n<!-- vale on -->\n\nThe the.\n\n<!-- vale Pack.Doubled = NO -->\n\nThe the.\n\n<!-- vale Pack.Doubled = YES -->\n\nThe the.\n"
    assert [line for line, _ in found(text, rules)] == [7, 15]


def test_html_markup(rules: list[Rule]) -> None:
    text = "<p>The the one.</p>\n<!-- copydesk-disable-next-line Pack.Doubled -->\n<p>The the two.</p>\n<p>The the three.</p>\n"
    assert found(text, rules, "html") == [(1, "Pack.Doubled"), (4, "Pack.Doubled")]


def test_plain_text_directives_on_their_own_line(rules: list[Rule]) -> None:
    text = "The the one.\n<!-- copydesk-disable Pack.Doubled -->\nThe the two.\n<!-- copydesk-enable -->\nThe the three.\n"
    assert found(text, rules, "text") == [(1, "Pack.Doubled"), (5, "Pack.Doubled")]


def test_plain_text_comment_inside_a_line_is_not_a_directive(rules: list[Rule]) -> None:
    text = "The the one <!-- copydesk-disable-line --> here.\n"
    assert found(text, rules, "text") == [(1, "Pack.Doubled")]


def test_crlf_next_line(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable-next-line -->\r\nThe the one.\r\n\r\nThe the two.\r\n"
    assert found(text, rules) == [(4, "Pack.Doubled")]


def test_unknown_rule_is_reported_at_its_name(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable Pack.Doubled, Pack.Dubled -- typo -->\n\nThe the.\n"
    alerts = lint_text(text, "markdown", rules)
    assert [(a.rule, a.match, a.level) for a in alerts] == [(UNKNOWN_RULE, "Pack.Dubled", Level.WARNING)]
    assert text[alerts[0].offset : alerts[0].end_offset] == "Pack.Dubled"
    assert (alerts[0].line, alerts[0].column) == (1, 37)


def test_unknown_rule_in_vale_comment(rules: list[Rule]) -> None:
    alerts = lint_text("<!-- vale Nope.Rule = NO -->\n\nText.\n", "markdown", rules)
    assert [(a.rule, a.match) for a in alerts] == [(UNKNOWN_RULE, "Nope.Rule")]


def test_known_but_unselected_rule_is_not_unknown(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable Style.Very -->\n\nvery\n"
    assert found(text, rules, options=LintOptions(ignore=frozenset({"Style.Very"}))) == []


@pytest.mark.parametrize(
    "comment",
    ["<!-- copydesk-disabel Pack.Doubled -->", "<!-- copydesk-disable Pack.Doubled! -->", "<!-- vale Pack.Doubled = MAYBE -->"],
)
def test_invalid_directive_is_reported(rules: list[Rule], comment: str) -> None:
    alerts: list[Alert] = lint_text(f"{comment}\n\nFine text.\n", "markdown", rules)
    assert [a.rule for a in alerts] == [INVALID_DIRECTIVE]
    assert alerts[0].match == comment


def test_ordinary_comments_are_ignored(rules: list[Rule]) -> None:
    assert found("<!-- an editor's note about copydesk -->\n\nThe the.\n", rules) == [(3, "Pack.Doubled")]


def test_directive_problems_follow_the_options(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable Nope -->\n\nFine.\n"
    assert found(text, rules, options=LintOptions(ignore=frozenset({UNKNOWN_RULE}))) == []
    assert found(text, rules, options=LintOptions(min_level=Level.ERROR)) == []
    assert found(text, rules, options=LintOptions(only=frozenset({"copydesk"}))) == [(1, UNKNOWN_RULE)]


def test_directive_problems_can_be_suppressed(rules: list[Rule]) -> None:
    text = "<!-- copydesk-disable-file copydesk.UnknownRule -->\n<!-- copydesk-disable Nope -->\n"
    assert found(text, rules) == []


def test_directives_in_code_are_not_directives(rules: list[Rule]) -> None:
    text = "```\n<!-- copydesk-disable -->\n```\n\nThe the.\n"
    assert found(text, rules) == [(5, "Pack.Doubled")]
