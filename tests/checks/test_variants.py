"""The ``variants`` rule type: forms found with the punctuation around
their first word, as the index of every punctuated token found them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.phrases import LEADING, LEADING_PAIRS, TRAILING
from lint.checks.variants import Variants, _first_words
from lint.rule_loading import Rule
from tests.helpers import make_rule, run, spans, unfiltered

RULE = """
extends: variants
message: "'%s' here, '%s' elsewhere"
either:
  'organis{e,ed}': 'organiz{e,ed}'
  'Kyiv': 'Kiev'
  'per cent': 'percent'
"""


def test_forms_inside_punctuation(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE)
    source = '(Kyiv) and "Kyiv’s" mayor, [Kiev], ("Kyiv and Kiev.\' They organised it; organised, "organized."'
    alerts = run(rule, source, "text")
    assert sorted(a.match for a in alerts) == ["Kiev", "Kiev", "organized"]


def test_multiword_form_after_an_opening_mark(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE)
    alerts = run(rule, "Up 5 (per cent) and 6 percent, then 7 “per\ncent”.", "text")
    assert [a.match for a in alerts] == ["percent"]


def test_other_punctuation_is_not_looked_through(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE)
    # An em dash is not one of the marks LEADING lists.
    assert run(rule, "Kyiv and —Kiev.", "text") == []


FIRSTS = ("kyiv", "per", "organised", "a", "s", "'s")
PIECES = st.sampled_from([*LEADING, *LEADING_PAIRS, *TRAILING, *FIRSTS, "((", "x", "—", "."])


@given(st.lists(st.lists(PIECES, min_size=1, max_size=4).map("".join), max_size=8))
def test_first_words_match_the_full_token_index(tokens: list[str]) -> None:
    full: dict[str, set[str]] = {}
    for first in FIRSTS:
        variants = itertools.product(LEADING, TRAILING)
        for token in itertools.chain((a + first + b for a, b in variants), (a + first for a in LEADING_PAIRS)):
            full.setdefault(token, set()).add(first)
    expected = set().union(*(full.get(t, set()) for t in tokens))
    assert _first_words(set(tokens), dict.fromkeys(FIRSTS)) == expected


@pytest.fixture(scope="module")
def variants_rule(tmp_path_factory: pytest.TempPathFactory) -> Rule:
    return make_rule(tmp_path_factory.mktemp("variants"), RULE)


@pytest.fixture(scope="module")
def variants(variants_rule: Rule) -> Variants:
    check = variants_rule.check
    assert isinstance(check, Variants)
    return check


SPACES = st.sampled_from([" ", "\n", "\r\n", "\t", "\xa0", "\u2028", "\x1c", "\u3000"])
WORDS = st.sampled_from(["kyiv", "Kyiv", "per", "organised", "organized", "kiev", "Kiev", "percent", "é", "x"])
TOKEN = st.lists(st.sampled_from([*LEADING, *LEADING_PAIRS, *TRAILING, "((", "—", "-", "…", "s"]), max_size=2)


@given(st.lists(st.tuples(TOKEN, WORDS, TOKEN, SPACES), max_size=8))
def test_document_test_misses_no_first_word(
    variants: Variants, parts: list[tuple[list[str], str, list[str], str]]
) -> None:
    # The whole-document test may let through words the exact test would
    # not, never the reverse: a word it drops is never searched for.
    assert variants.ascii_firsts is not None
    text = "".join("".join(before) + word + "".join(after) + space for before, word, after, space in parts)
    assert _first_words(set(text.split()), variants.index) <= variants._document_firsts(text)


def test_unit_with_a_length_changing_case_mapping(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE.replace("either:", "ignorecase: true\neither:"))
    assert [a.match for a in run(rule, "KYIV is here.\n\nKiev and Kiev.")] == ["KYIV"]
    # "İ" lowers to two characters: its paragraph is compared as written,
    # so "KIEV" there is not "kiev".
    assert run(rule, "KYIV is here.\n\nİ and KIEV and KIEV.") == []
    # The paragraph before it is still lowered.
    assert [a.match for a in run(rule, "KYIV and KYIV.\n\nİ and kiev.")] == ["kiev"]


def test_nonword_forms_in_separate_blocks(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, 'extends: variants\nmessage: "%s, %s"\nnonword: true\neither:\n  "a b": "--"\n')
    # Joined, the two paragraphs would read "a b": no unit holds it.
    assert run(rule, "-- and --, then a\n\nb here") == []
    assert [a.match for a in run(rule, "-- and --, then a\nb here")] == ["a\nb"]


def test_a_document_needs_literals_of_both_sides(variants: Variants) -> None:
    assert variants.can_match({"kyiv", "kiev"})
    assert not variants.can_match({"kyiv"})
    assert not variants.can_match({"kyiv", "organised", "per cent"})
    assert variants.can_match({"per\ncent", "percent"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TOKEN, WORDS, SPACES), max_size=10))
def test_the_prefilter_loses_no_match(variants_rule: Rule, parts: list[tuple[list[str], str, str]]) -> None:
    source = "".join("".join(before) + word + space for before, word, space in parts)
    assert spans(run(variants_rule, source, "text")) == unfiltered(variants_rule, source)
