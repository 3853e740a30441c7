"""A backend's spelling matches: accepted vocabulary, known places and
people are never reported; names are left to the names rule in
``lowercase`` mode; tokeniser fragments are dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.grammar.model import Spelling
from lint.grammar.spelling import glued, keep_spelling_match, looks_like_name, word_of
from lint.vocabulary import Vocabulary, use_vocabulary
from tests.grammar.conftest import FakeBackend
from tests.helpers import make_rule, run

RULE = """
extends: grammar
backend: fake
message: "%s"
level: warning
spelling: {mode}
"""


def keep(text: str, word: str, mode: Spelling = Spelling.ALL, dialect: str = "en-US") -> bool:
    start = text.index(word)
    return keep_spelling_match(text, start, start + len(word), mode, dialect)


def test_word_of_strips_punctuation_and_possessives() -> None:
    assert word_of("Kyiv's") == "Kyiv"
    assert word_of("“Peskov’s”") == "Peskov"
    assert word_of("Witkoff,") == "Witkoff"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("It made $1.13bn in a year.", "bn"),
        ("The co-ordinator left.", "ordinator"),
        ("A communiqué was issued.", "communiqu"),
        ("Band Aid 20's remake.", "s"),
        ("Use the wi-fi here.", "wi"),
        ("A communiqu&#233; was issued.", "communiqu"),
    ],
)
def test_fragments_of_larger_tokens_are_dropped(text: str, word: str) -> None:
    start = text.index(word)
    assert glued(text, start, start + len(word))
    assert not keep(text, word)


def test_a_possessive_does_not_glue_a_word() -> None:
    text = "The goverment's plan."
    assert not glued(text, 4, 13)
    assert keep(text, "goverment")


def test_lowercase_mode_leaves_names_and_acronyms_alone() -> None:
    for word in ("Sharifulin", "TASS", "eDonkey", "mp3"):
        assert looks_like_name(word)
        assert not keep(f"We met {word} today.", word, Spelling.LOWERCASE)
    assert keep("We met goverment officials.", "goverment", Spelling.LOWERCASE)
    assert not keep("We met goverment officials.", "goverment", Spelling.OFF)


def test_known_places_and_people_are_never_reported() -> None:
    # Places from the shipped gazetteer, people from the names rule's list.
    for text, word in (
        ("Talks in Abu Dhabi resumed.", "Dhabi"),
        ("Fighting near Zaporizhzhia went on.", "Zaporizhzhia"),
        ("Dmitry Peskov spoke.", "Peskov"),
        ("Igor Kostyukov spoke.", "Kostyukov"),
    ):
        assert not keep(text, word, Spelling.ALL), word
    assert keep("Talks in Begorod resumed.", "Begorod", Spelling.ALL)


def test_accepted_vocabulary_is_never_reported() -> None:
    vocabulary = Vocabulary.build(accepted=["eurozone", "(?i)backbencher", "Sharifulin", "[Uu]merov"])
    with use_vocabulary(vocabulary):
        assert not keep("Prices rose in the eurozone.", "eurozone")
        assert not keep("Two Backbenchers rebelled.", "Backbenchers".rstrip("s"))
        assert not keep("Valery Sharifulin's photo.", "Sharifulin")
        assert not keep("Rustem Umerov spoke.", "Umerov")
        assert keep("Prices rose in the eurozoen.", "eurozoen")
    assert keep("Prices rose in the eurozone.", "eurozone")


def test_through_the_engine_vocabulary_and_names(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.words = {w: w for w in ("eurozone", "Peskov", "Sharifulin", "goverment", "bn")}
    fake_backend.spelling = frozenset(fake_backend.words)
    source = "Peskov told Sharifulin the goverment made $2bn in the eurozone.\n"
    lowercase = make_rule(tmp_path, RULE.format(mode="lowercase"), "Lower")
    everything = make_rule(tmp_path, RULE.format(mode="all"), "All")
    off = make_rule(tmp_path, RULE.format(mode="off"), "Off")
    assert [a.match for a in run(lowercase, source)] == ["goverment", "eurozone"]
    assert [a.match for a in run(everything, source)] == ["Sharifulin", "goverment", "eurozone"]
    assert run(off, source) == []
    with use_vocabulary(Vocabulary.build(accepted=["eurozone", "Sharifulin"])):
        assert [a.match for a in run(everything, source)] == ["goverment"]
