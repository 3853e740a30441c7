"""The shipped dictionary's trie file: the same answers as a dictionary of
Python sets, per locale, and the Mapping/Set views its callers use."""

from __future__ import annotations

import pytest

from lint.dictionary import Dictionary, from_words, other_variant, shipped_dictionary, trie_dictionary
from lint.word_trie import TrieWords, dumps, irregular, loads

# word -> (SCOWL level, variant): "" every English, "U" American, "G" British.
WORDS: dict[str, tuple[int, str]] = {
    "paris": (50, ""),
    "Paris": (20, ""),
    "Moscow": (35, ""),
    "iPhone": (60, ""),
    "McCoy": (50, ""),
    "IDs": (35, ""),
    "NATO": (20, ""),
    "straße": (80, ""),
    "colour": (10, "G"),
    "color": (10, "U"),
    "organise": (20, "G"),
    "organize": (20, ""),
    "the": (10, ""),
    "then": (10, ""),
    "them": (10, ""),
    "theme": (35, ""),
    "government": (10, ""),
    "governments": (20, ""),
    "receive": (10, ""),
    "relieve": (20, ""),
    "co-operate": (40, ""),
    "o'clock": (10, ""),
}
PROBES = [
    *WORDS,
    *(w.upper() for w in WORDS),
    *(w.capitalize() for w in WORDS),
    *(w.lower() for w in WORDS),
    "IPHONE", "Iphone", "MCCOY", "Mccoy", "IDS", "STRASSE", "Color", "COLOUR", "moscow", "", "x", "thex",
]  # fmt: skip
MISSPELT = ["teh", "thme", "goverment", "Goverment", "GOVERMENT", "recieve", "mccoy", "iphone", "colr", "parsi", "Pariss"]


def plain(locale: str) -> Dictionary:
    """The reference: the same words in Python sets and dicts."""
    skip = "U" if locale == "en-GB" else "G" if locale == "en-US" else None
    levels = {w: level for w, (level, variant) in WORDS.items() if variant != skip}
    return Dictionary(frozenset(levels), levels, "plain")


@pytest.fixture(scope="module")
def data_bytes() -> bytes:
    return dumps(WORDS)


@pytest.mark.parametrize("locale", ["en-GB", "en-US", "en"])
def test_trie_dictionary_answers_as_sets_do(data_bytes: bytes, locale: str) -> None:
    trie, ref = trie_dictionary(loads(data_bytes), locale), plain(locale)
    assert set(trie.words) == set(ref.words)
    assert len(trie) == len(ref)
    assert dict(trie.levels.items()) == dict(ref.levels)
    assert set(trie.levels) == set(ref.levels)
    for word in PROBES:
        assert trie.knows(word) == ref.knows(word), word
        assert (word in trie.words) == (word in ref.words), word
        assert trie.levels.get(word) == ref.levels.get(word), word
    for word in MISSPELT:
        assert trie.suggest(word) == ref.suggest(word), word


def test_case_rules_of_irregular_words(data_bytes: bytes) -> None:
    d = trie_dictionary(loads(data_bytes))
    assert d.knows("IPHONE") and d.knows("iPhone") and not d.knows("Iphone")
    assert d.knows("MCCOY") and not d.knows("Mccoy")
    assert d.knows("IDS") and d.knows("STRASSE")
    assert d.suggest("mcoy")[0] == "McCoy" and d.suggest("MCOY")[0] == "MCCOY"
    assert irregular("McCoy") and irregular("straße") and not irregular("Paris") and not irregular("NATO")


def test_the_file_is_reproducible_and_checked(data_bytes: bytes) -> None:
    assert dumps(dict(reversed(WORDS.items()))) == data_bytes
    with pytest.raises(ValueError):
        loads(b"not a word file")
    with pytest.raises(ValueError):
        loads(data_bytes[:-1])
    with pytest.raises(ValueError):
        dumps({"word": (0, "")})
    size = len(loads(data_bytes).trie.tobytes())
    broken = data_bytes[:-size] + b"\0" * size
    with pytest.raises(ValueError):
        loads(broken)


def test_word_views_behave_as_set_and_mapping(data_bytes: bytes) -> None:
    d = trie_dictionary(loads(data_bytes), "en-GB")
    assert isinstance(d.words, TrieWords)
    assert 3 not in d.words and 3 not in d.levels and d.levels.get(3) is None and "color" not in d.words and "colour" in d.words
    assert d.levels.get("color", 99) == 99 and d.levels["colour"] == 10
    with pytest.raises(KeyError):
        d.levels["color"]
    union = d.words | {"extra"}
    assert isinstance(union, frozenset) and "extra" in union and "colour" in union
    same = trie_dictionary(d.words.data, "en-GB")
    assert same == d and hash(same) == hash(d)


def test_merge_keeps_both_without_copying(data_bytes: bytes) -> None:
    d = trie_dictionary(loads(data_bytes), "en-GB")
    merged = d.merge(Dictionary(frozenset({"Zelensky", "colour"}), {"colour": 70}, "extra"))
    assert merged.knows("ZELENSKY") and merged.knows("McCoy") and not merged.knows("color")
    assert merged.levels["colour"] == 10 and "Zelensky" not in merged.levels
    assert len(merged) == len(d) + 1
    assert from_words(["a"]).merge(from_words(["b"])).words == frozenset({"a", "b"})


def test_shipped_locales() -> None:
    gb, us, en = (shipped_dictionary(loc) for loc in ("en-GB", "en-US", "en"))
    assert len(gb) > 280_000 and len(us) > 270_000 and len(en) > len(gb)
    assert gb.knows("colour") and not gb.knows("color") and us.knows("color") and not us.knows("colour")
    assert en.knows("color") and en.knows("colour")
    assert gb.levels["the"] == 10 and "color" not in gb.levels and gb.levels.get("color") is None
    assert other_variant("color", "en-GB") and other_variant("Colour", "en-US") and not other_variant("color", "en")
    assert gb.knows("NATO") and gb.knows("MOSCOW") and not gb.knows("moscow")
    assert shipped_dictionary("en_GB") is gb


@pytest.mark.parametrize("locale", ["en-GB", "en-US", "en"])
def test_one_edit_words_agree_with_a_plain_dictionary(data_bytes: bytes, locale: str) -> None:
    """The trie of lower-case forms only rules candidates out: what is left
    is what the plain dictionary finds."""
    trie, ref = trie_dictionary(loads(data_bytes), locale), plain(locale)
    for word in [*MISSPELT, *PROBES]:
        probe = word.lower()
        assert sorted(trie.one_edit_words(probe)) == sorted(ref.one_edit_words(probe)), word


def test_a_token_longer_than_any_word_gets_no_suggestions() -> None:
    """One-edit variants of a 20,000-letter token would need gigabytes."""
    d = shipped_dictionary("en-GB")
    assert d.suggest("a" * 65) == []
    assert d.suggest("a" * 20_000) == []
    assert d.suggest("recieve")[0] == "receive"
