"""The shipped word list as a MARISA trie: loads in about a millisecond.

A Python set of the 290,000 SCOWL words took 0.2-0.4 s to build on every
run; the trie (``marisa-trie``) is read as it was stored and answers
membership in C. The file ``lint/data/english-words.dict``, written by
``scripts/build_dictionary.py`` with :func:`dumps`, holds after a fixed
header:

* the SCOWL level of every word (one byte, indexed by the word's trie id);
* the American-only and the British-only spellings (newline-separated
  UTF-8), which a locale leaves out;
* the *irregular* words, whose case cannot be found from their lower-case
  form ("McCoy", "IDs"), for case-insensitive lookups;
* the trie of every word, in MARISA's own format;
* the trie of every word's lower-case form, which rules out in one lookup
  the edits of a misspelling that are no word in any case (suggestions).

:class:`TrieWords` and :class:`TrieLevels` are the set of one locale's
words and the mapping word -> level over that file.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from typing import Any, TypeVar

import marisa_trie  # type: ignore[import-not-found]

MAGIC = b"copydesk-words2\n"
# magic, word count, then the byte length of each section in file order:
# levels, American-only, British-only, irregular, trie, folded trie.
HEADER = struct.Struct("<16s7I")
VARIANTS = ("", "U", "G")
_T = TypeVar("_T")


@dataclass(frozen=True, eq=False)
class WordData:
    """The contents of a word file."""

    trie: Any  # marisa_trie.Trie
    folded: Any  # marisa_trie.Trie of the lower-case forms
    levels: bytes  # trie id -> SCOWL level
    # The word lists as stored (newline-separated UTF-8), read on first use.
    us_text: bytes
    gb_text: bytes
    irregular_text: bytes
    buffer: bytes = b""  # the bytes the trie is mapped onto

    @functools.cached_property
    def us(self) -> frozenset[str]:
        """American-only spellings."""
        return _lines(self.us_text)

    @functools.cached_property
    def gb(self) -> frozenset[str]:
        """British-only spellings."""
        return _lines(self.gb_text)

    @functools.cached_property
    def irregular(self) -> tuple[str, ...]:
        """Words whose case their lower-case form does not give (:func:`irregular`)."""
        return tuple(sorted(_lines(self.irregular_text)))

    @functools.cached_property
    def folded_irregular(self) -> dict[str, tuple[str, ...]]:
        """lower-case form -> irregular words of that form."""
        return _group(self.irregular, str.lower)

    @functools.cached_property
    def upper_irregular(self) -> dict[str, tuple[str, ...]]:
        """upper-case form -> irregular words of that form."""
        return _group(self.irregular, str.upper)


def _group(words: Iterable[str], key: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(key(w), []).append(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def irregular(word: str) -> bool:
    """True when ``word`` is neither the lower-case, Capitalised nor UPPER
    form of its lower-case form, or its upper case does not lower back to
    that form ("McCoy", "IDs", "Straße")."""
    low = word.lower()
    return word not in (low, low.capitalize(), low.upper()) or word.upper().lower() != low


def dumps(words: Mapping[str, tuple[int, str]]) -> bytes:
    """The file contents for ``word -> (level, variant)``; variant is ``""``
    (every English), ``"U"`` (American only) or ``"G"`` (British only)."""
    trie = marisa_trie.Trie(words)
    levels = bytearray(len(trie))
    lists: dict[str, list[str]] = {v: [] for v in VARIANTS}
    for word, (level, variant) in words.items():
        if not 0 < level < 256 or variant not in lists:
            raise ValueError(f"{word!r}: bad level or variant {(level, variant)!r}")
        levels[trie.key_id(word)] = level
        lists[variant].append(word)
    us = "\n".join(sorted(lists["U"])).encode("utf-8")
    gb = "\n".join(sorted(lists["G"])).encode("utf-8")
    odd = "\n".join(sorted(w for w in words if irregular(w))).encode("utf-8")
    body: bytes = trie.tobytes()
    folded: bytes = marisa_trie.Trie({w.lower() for w in words}).tobytes()
    head = HEADER.pack(MAGIC, len(trie), len(levels), len(us), len(gb), len(odd), len(body), len(folded))
    return b"".join((head, bytes(levels), us, gb, odd, body, folded))


def loads(data: bytes) -> WordData:
    """The :class:`WordData` of a file's contents; ValueError when it is
    not a word file."""
    if len(data) < HEADER.size:
        raise ValueError("not a copydesk word file (too short)")
    magic, count, *sizes = HEADER.unpack_from(data)
    if magic != MAGIC or HEADER.size + sum(sizes) != len(data) or sizes[0] != count:
        raise ValueError("not a copydesk word file")
    parts: list[bytes] = []
    offset = HEADER.size
    for size in sizes[:4]:
        parts.append(data[offset : offset + size])
        offset += size
    levels, us, gb, odd = parts
    # The tries are mapped onto the file's bytes, not copied: WordData keeps
    # them alive for as long as the tries are used.
    view = memoryview(data)
    tries = []
    for size in sizes[4:]:
        trie = marisa_trie.Trie()
        try:
            trie.map(view[offset : offset + size])
        except RuntimeError as exc:  # MARISA_FORMAT_ERROR and the like
            raise ValueError(f"not a copydesk word file ({exc})") from None
        tries.append(trie)
        offset += size
    return WordData(tries[0], tries[1], levels, us, gb, odd, data)


def _lines(raw: bytes) -> frozenset[str]:
    return frozenset(raw.decode("utf-8").split("\n")) if raw else frozenset()


class TrieWords(Set[str]):
    """The words of one locale: every word in the trie but ``exclude``."""

    __slots__ = ("_trie", "_exclude", "data")

    def __init__(self, data: WordData, exclude: frozenset[str]) -> None:
        self.data = data
        self._trie = data.trie
        self._exclude = exclude

    def __contains__(self, word: object) -> bool:
        try:
            return word in self._trie and word not in self._exclude
        except (TypeError, AttributeError):  # not a str
            return False

    def __iter__(self) -> Iterator[str]:
        exclude = self._exclude
        return (w for w in self._trie.iterkeys() if w not in exclude)

    def __len__(self) -> int:
        return len(self._trie) - len(self._exclude)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TrieWords):
            return self.data is other.data and self._exclude == other._exclude
        return Set.__eq__(self, other)

    def __hash__(self) -> int:
        return hash((id(self.data), self._exclude))

    @classmethod
    def _from_iterable(cls, it: Iterable[_T]) -> frozenset[_T]:
        """Set operations (``|``, ``&``, ``-``) give a frozenset."""
        return frozenset(it)

    def with_prefix(self, prefix: str) -> list[str]:
        """The words that start with ``prefix``."""
        exclude = self._exclude
        return [w for w in self._trie.keys(prefix) if w not in exclude]


class TrieLevels(Mapping[str, int]):
    """word -> SCOWL level, for the words of a :class:`TrieWords`."""

    __slots__ = ("_words", "_trie", "_levels", "_exclude")

    def __init__(self, words: TrieWords) -> None:
        self._words = words
        self._trie = words.data.trie
        self._levels = words.data.levels
        self._exclude = words._exclude

    def __getitem__(self, word: str) -> int:
        level: int | None = self.get(word)
        if level is None:
            raise KeyError(word)
        return level

    def get(self, word: str, default: Any = None) -> Any:
        try:
            i = self._trie.get(word)
        except (TypeError, AttributeError):  # not a str
            return default
        if i is None or word in self._exclude:
            return default
        return self._levels[i]

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def items(self) -> ItemsView[str, int]:
        return _TrieItems(self)


class _TrieItems(ItemsView[str, int]):
    """Items read in one pass over the trie (not a lookup per word)."""

    _mapping: TrieLevels

    def __iter__(self) -> Iterator[tuple[str, int]]:
        m = self._mapping
        exclude, levels = m._exclude, m._levels
        return ((w, levels[i]) for w, i in m._trie.iteritems() if w not in exclude)
