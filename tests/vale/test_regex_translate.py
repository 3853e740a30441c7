"""RE2 (Vale) to ``regex``: a table of translations and what they match."""

from __future__ import annotations

import pytest
import regex

from lint.vale.regex_translate import translate

TABLE = [
    # (RE2 pattern, translated, text, expected first match or None)
    (r"end\z", r"end\Z", "the end", "end"),
    (r"\x{263A}", r"\u263a", "smile ☺", "☺"),
    (r"\x{1F600}", r"\U0001f600", "grin 😀", "😀"),
    (r"\Qa.b*\E", r"a\.b\*", "xa.b*y", "a.b*"),
    (r"a(?i)b", r"a(?i:b)", "aB", "aB"),
    (r"(?i)ab|c", r"(?i:ab|c)", "AB", "AB"),
    (r"(x(?i)y)z", r"(x(?i:y))z", "xYz", "xYz"),
    (r"(?s)a.b(?-s)c", r"(?s:a.b(?-s:c))", "a\nbc", "a\nbc"),
    (r"(?P<w>\w+) (?P=w)", r"(?P<w>\w+) (?P=w)", "the the", "the the"),
    (r"[[:alpha:]]+", r"[[:alpha:]]+", "12abc3", "abc"),
    (r"[^[:space:]]+", r"[^[:space:]]+", "  xy ", "xy"),
    (r"\pL+", r"\pL+", "1éa2", "éa"),
    (r"[\]a]+", r"[\]a]+", "x]a]", "]a]"),
    (r"\C", r"[\s\S]", "\n", "\n"),
    (r"(?<=\$)\d+", r"(?<=\$)\d+", "$42", "42"),
    (r"\bfoo\b", r"\bfoo\b", "a foo b", "foo"),
]


@pytest.mark.parametrize(("re2", "expected", "text", "match"), TABLE)
def test_translation_table(re2: str, expected: str, text: str, match: str | None) -> None:
    result = translate(re2)
    assert result.pattern == expected
    assert result.warnings == ()
    found = regex.search(result.pattern, text)
    assert (found.group() if found else None) == match


def test_scoped_flag_does_not_leak_into_an_alternation() -> None:
    tokens = [translate(t).pattern for t in (r"(?i)alpha", "Beta")]
    pattern = "(?:" + "|".join(tokens) + ")"
    assert regex.search(pattern, "ALPHA") and not regex.search(pattern, "BETA")


def test_ungreedy_is_dropped_with_a_warning() -> None:
    result = translate(r"(?U)a+")
    assert result.pattern == "a+"
    assert result.warnings and "ungreedy" in result.warnings[0]
