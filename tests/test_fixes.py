"""Applying fixes: the pure ``apply_fixes`` and the re-linting
``apply_fixes_until_stable``."""

from __future__ import annotations

import pytest
from helpers import make_rule

from lint.alerts import Alert, Applicability, Edit, Fix, Level
from lint.engine import lint_text
from lint.fixes import allowed, apply_fixes, apply_fixes_until_stable

SAFE = Applicability.SAFE


def fix(*edits: tuple[int, int, str], applicability: Applicability = SAFE, title: str = "f") -> Fix:
    return Fix(title, tuple(Edit(*e) for e in edits), applicability)


TEXT = "0123456789"

CASES = [
    # (id, fixes, result, indexes of the skipped fixes)
    ("nothing", [], TEXT, []),
    ("one replacement", [fix((2, 4, "ab"))], "01ab456789", []),
    ("unsorted input is applied in source order", [fix((8, 9, "X")), fix((0, 1, "Y")), fix((4, 6, ""))], "Y12367X9", []),
    ("longer and shorter replacements", [fix((0, 1, "zero ")), fix((9, 10, ""))], "zero 12345678", []),
    ("deletion", [fix((0, 10, ""))], "", []),
    ("insertion", [fix((5, 5, "^"))], "01234^56789", []),
    ("insertions at both ends", [fix((10, 10, "!")), fix((0, 0, "<"))], "<0123456789!", []),
    ("insertion touching a replacement", [fix((3, 5, "--")), fix((5, 5, "^")), fix((3, 3, "v"))], "012v--^56789", []),
    ("adjacent replacements", [fix((0, 2, "a")), fix((2, 4, "b"))], "ab456789", []),
    ("overlap: the earlier fix wins", [fix((3, 6, "X")), fix((2, 4, "Y"))], "01Y456789", [0]),
    ("overlap of equal spans: the first wins", [fix((2, 4, "X")), fix((2, 4, "Y"))], "01X456789", [1]),
    ("contained span", [fix((1, 8, "X")), fix((3, 4, "Y"))], "0X89", [1]),
    ("insertion inside a replacement", [fix((2, 6, "X")), fix((4, 4, "^"))], "01X6789", [1]),
    ("two insertions at one point", [fix((4, 4, "a")), fix((4, 4, "b"))], "0123a456789", [1]),
    ("multi-edit fix is taken whole", [fix((0, 1, "A"), (9, 10, "J"))], "A12345678J", []),
    ("multi-edit fix skipped whole on one conflict", [fix((6, 8, "G")), fix((0, 1, "A"), (5, 7, "F"))], "A1234F789", [0]),
    ("same start: the shorter fix first", [fix((0, 1, "A"), (5, 7, "F")), fix((0, 2, "B"))], "B23456789", [0]),
    ("out of range", [fix((8, 12, "X")), fix((-1, 1, "Y")), fix((0, 1, "Z"))], "Z123456789", [1, 0]),
    ("reversed range", [fix((5, 3, "X"))], TEXT, [0]),
    ("no edits", [Fix("empty", (), SAFE)], TEXT, [0]),
    ("edits of one fix that overlap each other", [fix((0, 5, "A"), (3, 7, "B"))], TEXT, [0]),
]


@pytest.mark.parametrize(("fixes", "result", "skipped"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_apply_fixes(fixes, result, skipped):
    outcome = apply_fixes(TEXT, fixes)
    assert outcome.text == result
    assert list(outcome.skipped) == [fixes[i] for i in skipped]
    assert set(outcome.applied) | set(outcome.skipped) == set(fixes)
    assert not set(outcome.applied) & set(outcome.skipped)


def test_apply_fixes_is_pure():
    fixes = [fix((0, 1, "A"))]
    text = "abc"
    first = apply_fixes(text, fixes)
    second = apply_fixes(text, fixes)
    assert first == second and text == "abc"


def test_non_ascii_offsets_are_characters():
    text = "Привет 😀 the the end"
    start = text.index("the")
    assert apply_fixes(text, [fix((start, start + 7, "the"))]).text == "Привет 😀 the end"


@pytest.mark.parametrize(
    ("applicability", "unsafe", "expected"),
    [
        (Applicability.SAFE, False, True),
        (Applicability.SAFE, True, True),
        (Applicability.UNSAFE, False, False),
        (Applicability.UNSAFE, True, True),
        (Applicability.DISPLAY_ONLY, True, False),
    ],
)
def test_allowed(applicability, unsafe, expected):
    assert allowed(fix((0, 1, "x"), applicability=applicability), unsafe) is expected


# -- until stable ------------------------------------------------------------

REPETITION = """
extends: repetition
message: "'%s' is repeated."
ignorecase: true
fix: safe
tokens: ['\\p{L}+']
"""

SUBSTITUTION = """
extends: substitution
message: "Use '%s'."
ignorecase: true
fix: {fix}
swap:
  past history: history
  very unique: unique
"""


def _linter(rules, markup="markdown"):
    return lambda text: lint_text(text, markup, rules)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("The the the the end.", "The end."),
        ("Past history of the very very unique past past history.", "History of the unique history."),
        ("Привет 😀 go go go\r\n\r\npast history history\r\n", "Привет 😀 go\r\n\r\nhistory\r\n"),
        ("Nothing to fix.", "Nothing to fix."),
    ],
)
def test_until_stable_converges_and_a_second_pass_changes_nothing(tmp_path, source, expected):
    rules = [
        make_rule(tmp_path, REPETITION, name="Repeat"),
        make_rule(tmp_path, SUBSTITUTION.format(fix="safe"), name="Swap"),
    ]
    lint = _linter(rules)
    outcome = apply_fixes_until_stable(source, lint)
    assert outcome.text == expected
    assert outcome.skipped == ()
    again = apply_fixes_until_stable(outcome.text, lint)
    assert again.text == outcome.text
    assert again.applied == ()
    assert [a for a in lint(outcome.text) if a.fix is not None] == []


def test_unsafe_fixes_need_the_flag(tmp_path):
    rules = [make_rule(tmp_path, SUBSTITUTION.format(fix="unsafe"))]
    lint = _linter(rules)
    assert apply_fixes_until_stable("past history", lint).text == "past history"
    assert apply_fixes_until_stable("past history", lint, unsafe=True).text == "history"


def _alert(fix_: Fix) -> Alert:
    return Alert("P.R", Level.WARNING, "m", 0, 0, 1, 1, 1, 1, "", fix=fix_)


def test_oscillating_fixes_stop_after_max_passes():
    def lint(text):
        return [_alert(fix((0, 1, "b" if text.startswith("a") else "a")))]

    outcome = apply_fixes_until_stable("a", lint, max_passes=5)
    assert outcome.text == "b"  # five flips from "a"
    assert len(outcome.applied) == 5


def test_skipped_reports_only_what_is_left(tmp_path):
    # Two rules fix the same span: one wins, the next pass finds nothing
    # left to do, so nothing is reported as skipped.
    def lint(text):
        if "x" not in text:
            return []
        i = text.index("x")
        return [_alert(fix((i, i + 1, "y"), title="one")), _alert(fix((i, i + 1, "z"), title="two"))]

    outcome = apply_fixes_until_stable("axb", lint)
    assert outcome.text == "ayb"
    assert [f.title for f in outcome.applied] == ["one"]
    assert outcome.skipped == ()


def test_fix_that_changes_nothing_stops(tmp_path):
    calls = []

    def lint(text):
        calls.append(text)
        return [_alert(fix((0, 1, text[0])))]

    outcome = apply_fixes_until_stable("abc", lint)
    assert outcome.text == "abc"
    assert len(calls) == 1
