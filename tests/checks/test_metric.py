"""extends: metric — a formula over document statistics compared with a
``condition``; ``%s`` is the value with two decimals. Formulas are parsed
into a small arithmetic language, never evaluated as Python."""

from __future__ import annotations

import time

import pytest
from helpers import make_rule, run

from lint.rule_loading import RuleFileError

SOURCE = """# Heading one

The cat sat on the mat. It was extraordinarily comfortable.

## Heading two

- first item
- second item

> A quotation here.
"""


def metric(tmp_path, formula: str, condition: str = "> -1000", scope: str | None = None, name: str = "Rule"):
    yaml = f'extends: metric\nmessage: "Value %s."\nformula: {formula!r}\ncondition: {condition!r}\n'
    if scope:
        yaml += f"scope: {scope}\n"
    return make_rule(tmp_path, yaml, name=name)


STATS = [
    # (formula, scope, value): the statistics a formula can use
    ("words", None, 21),
    ("words", "paragraph", 13),
    ("sentences", "paragraph", 3),
    ("characters", "heading", len("Headingone") + len("Headingtwo")),
    ("syllables", "heading.h1", 3),  # head-ing one
    ("long_words", "paragraph", 3),  # extraordinarily, comfortable, quotation
    ("polysyllabic_words", "paragraph", 3),  # extraordinarily, comfortable, quotation
    ("complex_words", "paragraph", 3),
    ("paragraphs", None, 2),
    ("list", None, 2),
    ("blockquote", None, 1),
    ("heading_h1", None, 1),
    ("heading_h2", None, 1),
    ("heading_h3", None, 0),
    ("words / sentences", "paragraph", 13 / 3),
    ("sqrt(words) + abs(-1) + max(1, 2, 3) - min(4, 5)", "paragraph", 13**0.5 + 1 + 3 - 4),
    ("2 ** 3 * -(1 - 2)", None, 8),
]


@pytest.mark.parametrize(("formula", "scope", "value"), STATS, ids=[f"{s[0]}@{s[1]}" for s in STATS])
def test_statistics(tmp_path, formula, scope, value):
    rule = metric(tmp_path, formula, scope=scope)
    (alert,) = run(rule, SOURCE)
    assert alert.message == f"Value {value:.2f}."


@pytest.mark.parametrize(
    ("condition", "flagged"),
    [
        ("> 20", True),
        ("> 21", False),
        (">= 21", True),
        ("< 22", True),
        ("<= 20", False),
        ("== 21", True),
        ("!= 21", False),
        ("<21.5", True),
    ],
)
def test_conditions(tmp_path, condition, flagged):
    rule = metric(tmp_path, "words", condition)
    assert bool(run(rule, SOURCE)) == flagged


def test_readability_formula(tmp_path):
    # Flesch–Kincaid grade level, as in Vale's docs.
    rule = metric(tmp_path, "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59", "> 8")
    hard = "Extraordinarily complicated administrative reorganisations necessitate considerable deliberation.\n"
    easy = "The cat sat on the mat. The dog ran.\n"
    (alert,) = run(rule, hard)
    assert alert.message.startswith("Value ") and float(alert.message[6:-1]) > 8
    assert run(rule, easy) == []


@pytest.mark.parametrize(
    ("markup", "source", "match", "line", "column"),
    [
        ("markdown", SOURCE, "Heading", 1, 3),
        ("markdown", "Привет 😀 мир\r\n", "Привет", 1, 1),
        ("text", "\r\n\r\n£ 😀 words here\r\n", "words", 3, 5),
        ("html", "<p>\r\n&pound; 😀 <b>Привет</b> мир</p>", "Привет", 2, 14),
    ],
)
def test_alert_on_the_first_word(tmp_path, markup, source, match, line, column):
    (alert,) = run(metric(tmp_path, "words"), source, markup)
    assert (alert.match, alert.line, alert.column) == (match, line, column)


def test_no_alert_without_words_or_on_bad_arithmetic(tmp_path):
    assert run(metric(tmp_path, "words"), "") == []
    assert run(metric(tmp_path, "words"), "😀 !!!\n") == []
    assert run(metric(tmp_path, "words / heading_h3", name="Div"), SOURCE) == []
    assert run(metric(tmp_path, "sqrt(-words)", name="Sqrt"), SOURCE) == []


def test_huge_powers_are_refused_quickly(tmp_path):
    start = time.perf_counter()
    assert run(metric(tmp_path, "9 ** 9 ** 9"), SOURCE) == []
    assert run(metric(tmp_path, "(words ** 10) ** 10 ** 2", name="Big"), SOURCE) == []
    assert time.perf_counter() - start < 1


REJECTED = [
    # (formula or condition, key, message part)
    ("__import__('os').system('true')", "formula", "only these functions are allowed"),
    ("__import__", "formula", "unknown variable '__import__'"),
    ("open('/etc/passwd')", "formula", "only these functions are allowed"),
    ("words.__class__", "formula", "unsupported syntax in formula: Attribute"),
    ("(lambda: 1)()", "formula", "only these functions are allowed"),
    ("[w for w in words]", "formula", "unsupported syntax"),
    ("words if words else 1", "formula", "unsupported syntax in formula: IfExp"),
    ("words > 3", "formula", "unsupported syntax in formula: Compare"),
    ("'a' * 3", "formula", "formula constants must be numbers"),
    ("syllabls / words", "formula", "unknown variable 'syllabls'"),
    ("words +", "formula", "invalid formula"),
    ("min(words)", "formula", "wrong number of arguments to min()"),
    ("sqrt(words, 2)", "formula", "wrong number of arguments to sqrt()"),
    ("sqrt", "formula", "'sqrt' is a function"),
    ("words // 2", "formula", "unsupported syntax in formula: FloorDiv"),
]


@pytest.mark.parametrize(("formula", "key", "message"), REJECTED, ids=[r[0] for r in REJECTED])
def test_rejected_formulas(tmp_path, formula, key, message):
    with pytest.raises(RuleFileError) as info:
        metric(tmp_path, formula)
    error = info.value
    assert error.key == key
    assert error.line == 3
    assert message in error.message


@pytest.mark.parametrize("condition", ["8", "=> 8", "> eight", "", "> 8 or True"])
def test_rejected_conditions(tmp_path, condition):
    with pytest.raises(RuleFileError) as info:
        metric(tmp_path, "words", condition)
    assert info.value.key == "condition"
    assert info.value.line == 4
