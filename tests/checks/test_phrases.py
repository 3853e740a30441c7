"""extends: phrases — long lists of literal phrases, indexed by first word
and searched for unit by unit, as whole words."""

from __future__ import annotations

import pytest
from helpers import fixed, make_rule, run

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
