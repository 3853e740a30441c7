"""extends: phrases — long lists of literal phrases, indexed by first word
and searched for unit by unit, as whole words."""

from __future__ import annotations

import pytest
from helpers import fixed, make_rule, run, spans, unfiltered
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.phrases import Phrases
from lint.rule_loading import Rule

RULE = """
extends: phrases
message: "Use '%s' instead of '%s'."
level: warning
ignorecase: true
fix: safe
swap:
  past history: history
  end result: result
  free gift: gift
  each and every: each|every
  revert back: revert
  at the present time: now
"""

CASES = [
    # (id, source, expected matches)
    ("one key", "Its past history is long.", ["past history"]),
    ("capital kept", "Past history matters.", ["Past history"]),
    ("line break inside a unit", "the past\nhistory of it", ["past\nhistory"]),
    ("not across paragraphs", "the past\n\nhistory of it", []),
    ("whole words only", "a pastry history, the end results", []),
    ("punctuation around", "(past history) and “free gift.”", ["past history", "free gift"]),
    ("name or title", "Free Gift is a shop. End Result Ltd.", []),
    ("longest at one place", "each and every day", ["each and every"]),
    ("several units", "A free gift.\n\nThe end result.\n\nNo key here.", ["free gift", "end result"]),
    ("a unit lower case lengthens", "İstanbul's past history.\n\nA free gift.", ["past history", "free gift"]),
    ("first word under other punctuation", "«past history» and more", []),
    ("first word elsewhere in the unit", "«past history» in the past", ["past history"]),
    ("first word only in another unit", "«past history»\n\nin the past", []),
    ("tab inside", "the past\thistory of it", ["past\thistory"]),
    ("long key", "Not at the present time.", ["at the present time"]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_phrases(tmp_path, source, expected):
    rule = make_rule(tmp_path, RULE)
    assert [a.match for a in run(rule, source, "text")] == expected


def test_fix(tmp_path):
    rule = make_rule(tmp_path, RULE)
    source = "The end result was a free gift.\n\nThey revert back.\n"
    assert fixed(source, run(rule, source, "markdown")) == "The result was a gift.\n\nThey revert.\n"


def test_several_replacements_give_no_fix(tmp_path):
    rule = make_rule(tmp_path, RULE)
    (alert,) = run(rule, "Each and every one.", "text")
    assert alert.message == "Use 'Each' or 'Every' instead of 'Each and every'." and alert.fix is None


def test_prefilter_literals(tmp_path):
    check = make_rule(tmp_path, RULE).check
    assert isinstance(check, Phrases)
    # Two neighbouring words, the pair whose shorter word is longest, with
    # each space, line break or tab that may stand between them.
    assert {"present time", "present\ntime", "present\ttime", "present\rtime"} <= check.literals()
    assert not {"at the", "at\nthe"} & check.literals()


@pytest.fixture(scope="module")
def phrases_rule(tmp_path_factory: pytest.TempPathFactory) -> Rule:
    return make_rule(tmp_path_factory.mktemp("phrases"), RULE)


PIECES = st.sampled_from(["past", "history", "Past", "at", "the", "present", "time", "free", "gift", "each", "and", "every", "(", "é", "İ"])
SPACES = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\t", "\xa0", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PIECES, SPACES), max_size=10))
def test_the_prefilter_loses_no_match(phrases_rule: Rule, parts: list[tuple[str, str]]) -> None:
    source = "".join(word + space for word, space in parts)
    assert spans(run(phrases_rule, source, "text")) == unfiltered(phrases_rule, source)
