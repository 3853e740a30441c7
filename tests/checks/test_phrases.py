"""extends: phrases — long lists of literal phrases, indexed by first word;
a document's units are searched as one text, with the same findings as
unit by unit."""

from __future__ import annotations

import pytest
from helpers import fixed, make_rule, run
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.phrases import fold
from lint.markup import parse

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


PIECES = ["past", "history", "end", "result", "free", "gift", "each", "and", "every", "«", "(", ".", ",",
          " ", " ", "\n", "\n\n", "İ", "Past", "HISTORY"]


@given(st.lists(st.sampled_from(PIECES), max_size=40))
@settings(max_examples=300, derandomize=True, deadline=None)
def test_one_text_finds_what_each_unit_finds(tmp_path_factory, pieces):
    """The document read as one text gives the findings of reading each
    unit alone (the reading fold() defines)."""
    rule = make_rule(tmp_path_factory.mktemp("rule"), RULE)
    check = rule.check
    doc = parse("".join(pieces), "text")
    units = [b for b in doc.blocks if "text" in b.scopes]
    expected = []
    for block in units:
        folded = fold(block.text, True)
        expected.extend(check._findings(block, check._hits(folded, check._candidates(folded))))
    assert list(check.check(units, doc)) == expected
