"""The ``variants`` rule type: forms found with the punctuation around
their first word, as the index of every punctuated token found them."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from lint.checks.variants import LEADING, LEADING_PAIRS, TRAILING, _first_words
from tests.helpers import make_rule, run

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
