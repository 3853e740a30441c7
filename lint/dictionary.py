"""Spelling dictionaries: the shipped English word list and Hunspell files.

:class:`Dictionary` answers "is this word spelled right?" with set lookups
(case handled as Hunspell does: a lower-case entry also accepts its
Capitalised and UPPER-CASE forms, a Capitalised entry also its UPPER-CASE
form) and ranks suggestions for the words it rejects.

The shipped dictionary (``lint/data/english-words.dict``, derived from
SCOWL by ``scripts/build_dictionary.py``) marks American-only and
British-only spellings, so ``en-GB`` rejects "color" and suggests "colour".
It is a MARISA trie (:mod:`lint.word_trie`), read lazily, once per process,
in about a millisecond; its words and levels are looked up in the trie, not
copied into Python sets.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Collection, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

from lint.word_trie import TrieLevels, TrieWords, WordData, loads

SHIPPED = "english-words.dict"
LOCALES = ("en-GB", "en-US", "en")
# Level given to words that come from a file with no frequency information.
DEFAULT_LEVEL = 60
_T = TypeVar("_T")
_C = TypeVar("_C", bound=Collection[str])


def normalize_locale(value: str) -> str:
    """``en_GB``/``en-gb``/``british`` -> ``en-GB``; raises ValueError."""
    v = value.strip().replace("_", "-").lower()
    table = {"en-gb": "en-GB", "en-uk": "en-GB", "british": "en-GB", "en-us": "en-US", "american": "en-US", "en": "en"}
    if v not in table:
        raise ValueError(f"unknown locale {value!r}; expected one of: {', '.join(LOCALES)}")
    return table[v]


@dataclass(frozen=True)
class Dictionary:
    """A set of correctly spelled words with an optional commonness level
    per word (lower is more common) used to rank suggestions."""

    words: Set[str]
    levels: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    name: str = ""

    @functools.cached_property
    def _upper(self) -> frozenset[str]:
        return frozenset(w.upper() for w in self.words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.knows(word)

    def __len__(self) -> int:
        return len(self.words)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is spelled right, with Hunspell's case rules."""
        words = self.words
        if word in words:
            return True
        first = word[:1]
        if first.isupper():
            rest = word[1:]
            if (rest.islower() or not rest) and first.lower() + rest in words:
                return True
            if word.isupper():
                return self._knows_upper(word)
        return False

    def _knows_upper(self, word: str) -> bool:
        """Whether some word of the dictionary is ``word`` in upper case."""
        return word in self._upper

    def merge(self, other: Dictionary, name: str = "") -> Dictionary:
        name = name or f"{self.name}+{other.name}"
        if isinstance(self.words, frozenset) and isinstance(other.words, frozenset):
            levels = dict(other.levels)
            levels.update(self.levels)
            return Dictionary(self.words | other.words, levels, name)
        # The shipped dictionary is not copied: both are looked up in turn.
        return Dictionary(_Union(self.words, other.words), _Levels(self.levels, other.levels), name)

    # -- suggestions ---------------------------------------------------------
    @functools.cached_property
    def _folded(self) -> dict[str, tuple[str, ...]]:
        """lower-case form -> the dictionary's spellings of it."""
        out: dict[str, list[str]] = {}
        for w in self.words:
            out.setdefault(w.lower(), []).append(w)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    @functools.cached_property
    def _by_length(self) -> dict[int, list[str]]:
        buckets: dict[int, list[str]] = {}
        for w in self._folded:
            buckets.setdefault(len(w), []).append(w)
        for bucket in buckets.values():
            bucket.sort()
        return buckets

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - dictionaries live for the process
    def _pool(self, first: str, n: int, spread: int) -> list[str]:
        """Lower-case words starting with ``first`` whose length is within
        ``spread`` of ``n`` (a slip rarely changes a word's first letter)."""
        pool: list[str] = []
        for length in range(max(1, n - spread), n + spread + 1):
            pool.extend(w for w in self._by_length.get(length, ()) if w[:1] == first)
        return pool

    def suggest(self, word: str, limit: int = 3, max_distance: int = 2) -> list[str]:
        """Up to ``limit`` corrections, best first: fewest edits (Damerau-
        Levenshtein), then the more common word, then one that keeps the
        first letter. The word's case (Capitalised, UPPER) is applied.
        Words one edit away are looked up directly; only when there are
        none are words two edits away searched, among those with the same
        first letter."""
        if len(word) > MAX_SUGGESTION_LENGTH:
            return []  # no English word is this long; its edits would fill memory
        return list(self._suggest(word, limit, max_distance))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - dictionaries live for the process
    def one_edit_words(self, probe: str) -> tuple[str, ...]:
        """The lower-case forms of dictionary words one edit from ``probe``
        (itself lower case). Remembered: the spelling rule asks first
        whether a common word is among them, then for the ranked
        suggestions, which start from the same words."""
        return tuple(self._one_edit_words(probe))

    def _one_edit_words(self, probe: str) -> list[str]:
        folded = self._folded
        return [c for c in _edits1(probe) if c in folded]

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - dictionaries live for the process
    def _suggest(self, word: str, limit: int, max_distance: int) -> tuple[str, ...]:
        if not word or limit <= 0:
            return ()
        probe = word.lower()
        folded = self._folded
        distances: dict[str, int] = dict.fromkeys(self.one_edit_words(probe), 1)
        if not distances and max_distance >= 2:
            # Imported here: most runs never search two edits away.
            from rapidfuzz import process
            from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

            pool = self._pool(probe[:1], len(probe), max_distance)
            for candidate, _, _ in process.extract(
                probe, pool, scorer=Levenshtein.distance, score_cutoff=max_distance, limit=None
            ):
                if candidate not in distances:
                    distances[candidate] = int(DamerauLevenshtein.distance(probe, candidate))
        distances.pop(probe, None)
        levels = self.levels

        def level(c: str) -> int:
            return min(levels.get(form, DEFAULT_LEVEL) for form in folded[c])

        lower_input = word.islower()

        def proper(c: str) -> bool:
            return lower_input and c not in folded[c]

        ranked = sorted(
            distances,
            key=lambda c: (distances[c], -_transposed(probe, c), proper(c), level(c), c[:1] != probe[:1], c),
        )
        out: list[str] = []
        for c in ranked:
            forms = sorted(folded[c], key=lambda f: (f != f.lower()) == lower_input)
            for form in forms:
                shaped = _apply_case(word, form)
                if shaped not in out and shaped != word:
                    out.append(shaped)
            if len(out) >= limit:
                break
        return tuple(out[:limit])


_LETTERS = "abcdefghijklmnopqrstuvwxyz'-"
# The longest word of the shipped dictionary has 58 letters. A longer token
# (a pasted hash, a stretched scream) gets no suggestions: its one-edit
# variants alone would take n * 54 strings of n characters.
MAX_SUGGESTION_LENGTH = 64


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion
    away from ``word`` (Norvig's generator)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def _transposed(a: str, b: str) -> int:
    """1 when ``b`` is ``a`` with two neighbouring letters swapped."""
    if len(a) != len(b):
        return 0
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return int(len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


def _apply_case(original: str, suggestion: str) -> str:
    if len(original) > 1 and original.isupper():
        return suggestion.upper()
    if suggestion != suggestion.lower():
        return suggestion  # the dictionary's own capitalisation (names)
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


# -- merged dictionaries ----------------------------------------------------------

class _Both(Generic[_C]):
    """Two collections of words looked up in turn: membership, iteration
    and size of their union (the first's entries first)."""

    __slots__ = ("_a", "_b")

    def __init__(self, a: _C, b: _C) -> None:
        self._a, self._b = a, b

    def __contains__(self, word: object) -> bool:
        return word in self._a or word in self._b

    def __iter__(self) -> Iterator[str]:
        yield from self._a
        yield from (w for w in self._b if w not in self._a)

    def __len__(self) -> int:
        return len(self._a) + sum(1 for w in self._b if w not in self._a)


class _Union(_Both[Set[str]], Set[str]):
    """The words of two dictionaries, looked up in each in turn."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Union):
            return (self._a, self._b) == (other._a, other._b)
        return Set.__eq__(self, other)

    def __hash__(self) -> int:
        return hash((self._a, self._b))

    @classmethod
    def _from_iterable(cls, it: Iterable[_T]) -> frozenset[_T]:
        return frozenset(it)


class _Levels(_Both[Mapping[str, int]], Mapping[str, int]):
    """The levels of two dictionaries; the first's win."""

    __slots__ = ()

    def __getitem__(self, word: str) -> int:
        level = self._a.get(word)
        return self._b[word] if level is None else level


# -- the shipped dictionary ------------------------------------------------------

@dataclass(frozen=True)
class TrieDictionary(Dictionary):
    """A :class:`Dictionary` over a word file (:mod:`lint.word_trie`): the
    same answers, with lookups in the trie instead of Python sets built
    from every word."""

    words: TrieWords
    levels: TrieLevels = field(compare=False, repr=False)

    @property
    def _data(self) -> WordData:
        return self.words.data

    def _forms(self, key: str, probes: tuple[str, ...], irregular: Mapping[str, tuple[str, ...]], fold: str) -> tuple[str, ...]:
        words = self.words
        found = {f for f in probes if f in words and (f.lower() if fold == "lower" else f.upper()) == key}
        found.update(w for w in irregular.get(key, ()) if w in words)
        return tuple(sorted(found))

    def _one_edit_words(self, probe: str) -> list[str]:
        # Most edits are no word in any case: the trie of lower-case forms
        # rules each out in one lookup, in C.
        lowered = self._data.folded
        folded = self._folded
        return [c for c in _edits1(probe) if c in lowered and c in folded]

    def _knows_upper(self, word: str) -> bool:
        low = word.lower()
        return bool(self._forms(word, (low, low.capitalize(), low.upper()), self._data.upper_irregular, "upper"))

    @functools.cached_property
    def _folded(self) -> Mapping[str, tuple[str, ...]]:  # type: ignore[override]
        return _FoldedForms(self)

    @functools.cached_property
    def _excluded_lower(self) -> frozenset[str]:
        """Lower-case forms of the words this locale leaves out."""
        return frozenset(w.lower() for w in self.words._exclude)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - dictionaries live for the process
    def _by_first(self, first: str) -> dict[int, list[str]]:
        """Lower-case forms starting with ``first``, by length, sorted."""
        # Read from the trie of lower-case forms; only a form of a word the
        # locale leaves out ("color" in en-GB) needs a closer look.
        excluded, folded = self._excluded_lower, self._folded
        found = [k for k in self._data.folded.keys(first) if k not in excluded or k in folded]
        buckets: dict[int, list[str]] = {}
        for w in sorted(found):
            buckets.setdefault(len(w), []).append(w)
        return buckets

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - dictionaries live for the process
    def _pool(self, first: str, n: int, spread: int) -> list[str]:
        buckets = self._by_first(first)
        pool: list[str] = []
        for length in range(max(1, n - spread), n + spread + 1):
            pool.extend(buckets.get(length, ()))
        return pool


class _FoldedForms(Mapping[str, tuple[str, ...]]):
    """lower-case form -> a trie dictionary's spellings of it, looked up
    (and remembered) one form at a time."""

    def __init__(self, dictionary: TrieDictionary) -> None:
        self._dictionary = dictionary
        self._seen: dict[str, tuple[str, ...]] = {}
        self._trie = dictionary.words.data.trie
        self._irregular = dictionary.words.data.folded_irregular

    def __getitem__(self, key: str) -> tuple[str, ...]:
        forms = self._seen.get(key)
        if forms is None:
            d = self._dictionary
            forms = d._forms(key, (key, key.capitalize(), key.upper()), d._data.folded_irregular, "lower")
            if len(self._seen) < 100_000:
                self._seen[key] = forms
        if not forms:
            raise KeyError(key)
        return forms

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        forms = self._seen.get(key)
        if forms is not None:
            return bool(forms)
        # Most keys asked about (one-edit variants of a misspelling) are not
        # words in any case: three trie lookups say so.
        trie = self._trie
        if not (key in trie or key.capitalize() in trie or key.upper() in trie or key in self._irregular):
            return False
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter({w.lower() for w in self._dictionary.words})

    def __len__(self) -> int:
        return sum(1 for _ in self)


@functools.cache
def _shipped_data() -> WordData:
    return loads(resources.files("lint.data").joinpath(SHIPPED).read_bytes())


def shipped_dictionary(locale: str = "en-GB") -> Dictionary:
    """The shipped English dictionary for ``en-GB``, ``en-US`` or ``en``
    (both spellings accepted); one per locale and process."""
    return _shipped_dictionary(normalize_locale(locale))


@functools.cache
def _shipped_dictionary(locale: str) -> Dictionary:
    return trie_dictionary(_shipped_data(), locale, f"shipped {locale}")


def trie_dictionary(data: WordData, locale: str = "en", name: str = "") -> Dictionary:
    """The words of a word file (:func:`lint.word_trie.loads`) for a
    locale: ``en-GB`` leaves out the American-only words, ``en-US`` the
    British-only ones."""
    locale = normalize_locale(locale)
    exclude = data.us if locale == "en-GB" else data.gb if locale == "en-US" else frozenset()
    words = TrieWords(data, exclude)
    return TrieDictionary(words, TrieLevels(words), name)


def other_variant(word: str, locale: str) -> bool:
    """True when ``word`` is a spelling of the *other* variety of English
    (``color`` for en-GB), so the message can say so."""
    data = _shipped_data()
    locale = normalize_locale(locale)
    low = word.lower()
    if locale == "en-GB":
        return word in data.us or low in data.us
    if locale == "en-US":
        return word in data.gb or low in data.gb
    return False


# -- word-list files -----------------------------------------------------------

def read_word_list(path: str | os.PathLike[str]) -> Dictionary:
    """A plain word list: one word a line, ``#`` comments (Vale's ``ignore``
    files). Cached by path and modification time."""
    p = Path(path)
    stat = p.stat()
    return _read_word_list(str(p.resolve()), stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _read_word_list(resolved: str, mtime_ns: int) -> Dictionary:
    words: set[str] = set()
    for line in Path(resolved).read_text(encoding="utf-8-sig").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word)
    return Dictionary(frozenset(words), {}, Path(resolved).name)


def from_words(words: Iterable[str], name: str = "") -> Dictionary:
    return Dictionary(frozenset(words), {}, name)
