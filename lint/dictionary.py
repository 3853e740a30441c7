"""Spelling dictionaries: the shipped English word list and Hunspell files.

:class:`Dictionary` answers "is this word spelled right?" with set lookups
(case handled as Hunspell does: a lower-case entry also accepts its
Capitalised and UPPER-CASE forms, a Capitalised entry also its UPPER-CASE
form) and ranks suggestions for the words it rejects.

The shipped dictionary (``lint/data/english-words.txt.gz``, derived from
SCOWL by ``scripts/build_dictionary.py``) marks American-only and
British-only spellings, so ``en-GB`` rejects "color" and suggests "colour".
It is read lazily, once per process and locale.
"""

from __future__ import annotations

import functools
import gzip
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

SHIPPED = "english-words.txt.gz"
LOCALES = ("en-GB", "en-US", "en")
# Level given to words that come from a file with no frequency information.
DEFAULT_LEVEL = 60


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

    words: frozenset[str]
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
                return word in self._upper
        return False

    def merge(self, other: Dictionary, name: str = "") -> Dictionary:
        levels = dict(other.levels)
        levels.update(self.levels)
        return Dictionary(self.words | other.words, levels, name or f"{self.name}+{other.name}")

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
        return list(self._suggest(word, limit, max_distance))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - dictionaries live for the process
    def _suggest(self, word: str, limit: int, max_distance: int) -> tuple[str, ...]:
        if not word or limit <= 0:
            return ()
        probe = word.lower()
        folded = self._folded
        distances: dict[str, int] = {c: 1 for c in _edits1(probe) if c in folded}
        if not distances and max_distance >= 2:
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


# -- the shipped dictionary ------------------------------------------------------

@dataclass(frozen=True)
class _Shipped:
    common: dict[str, int]
    us: dict[str, int]
    gb: dict[str, int]


@functools.cache
def _read_shipped() -> _Shipped:
    data = resources.files("lint.data").joinpath(SHIPPED).read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    common: dict[str, int] = {}
    us: dict[str, int] = {}
    gb: dict[str, int] = {}
    for section in text.split("\n@")[1:]:
        head, _, body = section.partition("\n")
        level_text, _, variant = head.partition(" ")
        target = us if variant == "U" else gb if variant == "G" else common
        target.update(dict.fromkeys(body.split(), int(level_text)))
    return _Shipped(common, us, gb)


@functools.cache
def shipped_dictionary(locale: str = "en-GB") -> Dictionary:
    """The shipped English dictionary for ``en-GB``, ``en-US`` or ``en``
    (both spellings accepted)."""
    locale = normalize_locale(locale)
    shipped = _read_shipped()
    levels = dict(shipped.common)
    if locale in ("en-US", "en"):
        levels.update(shipped.us)
    if locale in ("en-GB", "en"):
        levels.update(shipped.gb)
    return Dictionary(frozenset(levels), levels, f"shipped {locale}")


def other_variant(word: str, locale: str) -> bool:
    """True when ``word`` is a spelling of the *other* variety of English
    (``color`` for en-GB), so the message can say so."""
    shipped = _read_shipped()
    locale = normalize_locale(locale)
    low = word.lower()
    if locale == "en-GB":
        return word in shipped.us or low in shipped.us
    if locale == "en-US":
        return word in shipped.gb or low in shipped.gb
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
