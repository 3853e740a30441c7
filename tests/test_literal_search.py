"""One pass finds every literal a text holds, overlapping ones included,
exactly as one ``in`` test per literal would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.literal_search import LiteralSearch, LiteralStarts, literal_search

CASES = [
    (("xy", "yz"), "xyz", {"xy", "yz"}),  # overlapping
    (("tk", "[tk"), "a [tk] b", {"tk", "[tk"}),  # one inside another
    ((" of", "of"), "often", {"of"}),
    (("привет", "£", "日本"), "сказал привет за £5 в 日本", {"привет", "£", "日本"}),
    (("abc",), "", set()),
    ((), "anything", set()),
    (("", "a"), "a", {"a"}),  # an empty literal is never looked for
]


@pytest.mark.parametrize(("literals", "text", "expected"), CASES)
def test_found_in(literals: tuple[str, ...], text: str, expected: set[str]) -> None:
    assert LiteralSearch(literals).found_in(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab .[é", min_size=1, max_size=4), max_size=12), st.text(alphabet="ab .[é", max_size=60))
def test_same_as_one_test_per_literal(literals: list[str], text: str) -> None:
    assert LiteralSearch(literals).found_in(text) == {lit for lit in literals if lit in text}


def test_built_once_per_set() -> None:
    # Equal sets, built separately (as the engine asks for each document).
    assert literal_search((tuple(["a", "b"]), None)) is literal_search((tuple(["a", "b"]), None))


def test_every_rules_literals_are_searched_for() -> None:
    assert literal_search((("tk", "[x"), None, (), ("of",))).found_in("[x of") == {"[x", "of"}


def test_text_with_a_lone_surrogate_is_searched_all_the_same() -> None:
    # An editor may send one (JSON allows "\ud800"); the automaton reads UTF-8 only.
    assert LiteralSearch(("ab", "cd", "x\ud800")).found_in("ab \ud800 x\ud800") == {"ab", "x\ud800"}


def test_surrogate_literals_are_searched_for() -> None:
    assert LiteralSearch(("\udc80", "ok")).found_in("ok \udc80") == {"\udc80", "ok"}


@pytest.mark.parametrize(
    ("literals", "text", "expected"),
    [
        ((" of", "of"), "of. proof of", [0, 7, 9, 10]),  # overlapping: every start, once
        (("abc", "abd"), "abcabd", [0, 3]),
        (("£5", "日本"), "a £5 日本 £5", [2, 5, 8]),  # indexes in characters
        (("x\ud800", "ab"), "ab x\ud800 ab", [0, 3, 6]),  # not UTF-8: searched literal by literal
        ((), "anything", []),
    ],
)
def test_literal_starts(literals: tuple[str, ...], text: str, expected: list[int]) -> None:
    assert LiteralStarts(literals).in_text(text) == expected
