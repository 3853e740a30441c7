"""What a linted file may put on the terminal: its text appears in the
snippet under each alert, so escape sequences and bidirectional controls
from the file must not reach the terminal as they are."""

from __future__ import annotations

import pytest

from lint.alerts import Alert, Level
from lint.formatters.text import render, visible
from lint.report import FileReport, Report

UNSAFE = [
    ("escape and bell", "\x1b\x07"),
    ("carriage return", "\r"),
    ("delete and C1", "\x7f\x85\x9b"),
    ("right-to-left override", "\u202e"),
    ("isolates", "\u2066\u2067\u2068\u2069"),
    ("marks", "\u200e\u200f\u061c"),
]


@pytest.mark.parametrize(("what", "chars"), UNSAFE, ids=[u[0] for u in UNSAFE])
def test_unsafe_characters_are_replaced_one_for_one(what: str, chars: str) -> None:
    shown = visible(f"a{chars}b")
    assert shown == "a" + "\ufffd" * len(chars) + "b"


def test_ordinary_text_is_shown_as_it_is() -> None:
    text = "Café “quoted” — naïve 東京 \u200bzero width\ttab"
    assert visible(text) == text


def alert_at(source: str, match: str) -> Alert:
    offset = source.index(match)
    return Alert(
        rule="Pack.Rule",
        level=Level.WARNING,
        message=f"Avoid '{match}'.",
        offset=offset,
        end_offset=offset + len(match),
        line=1,
        column=offset + 1,
        end_line=1,
        end_column=offset + len(match) + 1,
        match=match,
    )


def test_the_snippet_and_message_carry_no_control_characters() -> None:
    source = "Intro \x1b]0;owned\x07 then \u202eevil\u202c past history here.\n"
    match = "past history"
    report = Report((FileReport("a\x1b[31m.md", "markdown", source, (alert_at(source, match),)),), ())
    out = render(report, colour=False)
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    header, line, carets = out.splitlines()[:3]
    assert header.startswith("a\ufffd[31m.md:1:")
    # One column per character either way, so the carets still sit under the match.
    assert line.index(match) == carets.index("^")
    assert carets.count("^") == len(match)
