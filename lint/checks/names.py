"""``extends: names`` — proper-noun near misses: a capitalised word one letter
off a known place or person ("Begorod" for "Belgorod").

A capitalised word is a *suspect* when it is not an English dictionary word,
not a known name (gazetteer, people list, names the rule accepts) and not an
acronym. A suspect is flagged when a known place or person, or a name
spelled otherwise elsewhere in the same document, lies within
Damerau-Levenshtein distance ``max_distance`` of it (one more for names of
eight letters or more). Nothing is listed by misspelling: the class is
"one edit away from a real name".

Context decides which candidates count:

* after a title ("President X", "Mr X") or before a speech verb ("X said",
  unless a place context says otherwise: "officials in X said"), the word
  is a person: places are not suggested;
* after a given name ("Dmitry X"), only a person with that given name is
  suggested ("Ozzy Osbourne" is not George Osborne), never a place; before
  a capitalised word that is not English ("Katerina Thanou"), the word is a
  given name: places and surnames are not suggested, but a known given name
  is ("Vladmir Putin");
* before "region", "oblast", "city"... or after "in", "near", "from" or a
  possessive ("Russia's X"), the word is a place.

Then each candidate needs evidence. A candidate spelled so elsewhere in
the document (more often than the suspect, or as often and more word-like
by letter trigrams) is enough, unless given names show two people ("Marcus
Horan", "Shane Horgan"). Otherwise the candidate must be at distance 1
(distance 2 needs names of ten letters or more), and either the context
asks for its kind, or it is a *notable* place (a country, state or curated
region, a city of 500,000, or of 100,000 with a name common enough to be
in the English word list) and the word keeps its first letter (slips
rarely touch it; rival names differ there: Cowell/Powell), is spelled so
only once in the document, is not the given name of someone the document
names ("Martyn Williams ... Williams said"), and does not open a sentence
(unless the place has a million people). A place context of a preposition
alone does not vouch for a spelling the document uses more than once ("a
stake in Yukos"). A person known only from a title or "said" also needs
the same first letter and a single use.

Among the candidates with enough evidence the closer wins, then the one in
the document, then the one the context asks for, then the current spelling
over an older one (Kyiv over Kiev), then the more familiar in English, then
the more populous.

The project vocabulary (``vocabularies`` in the configuration, see
:mod:`lint.vocabulary`) is read at each check: a word it accepts is never
flagged, and the names it accepts (literal terms starting with a capital)
are suggested like known names, when a near miss keeps the first letter
and is used once. A word it rejects is checked even when it is an English
word or a known name, and is flagged whenever there is a name to suggest,
whatever the evidence; a rejected spelling is never suggested. (Flagging
every rejected term, with or without a suggestion, is ``extends: avoid``.)

Data: English words come from the shipped dictionary the spelling rule
uses (:mod:`lint.dictionary`, from SCOWL), places from the shipped
gazetteer (:mod:`lint.gazetteer`). The known names of a configuration are
built once (about 0.4 s) and cached in the user's cache folder
(:func:`lint.rule_cache.cache_folder`); later runs load them in about
20 ms. Near misses are found by scanning the names of about the right
length until a run has looked up ``SCAN_LOOKUPS`` words, then through a
deletion index (see :class:`NameIndex`).

Keys:

``places``
    use the shipped gazetteer (GeoNames), default true.
``people``
    the person vocabulary: absent for the shipped list (``lint/data/people.txt``),
    a path to a file in the same format (relative to the rule file's folder),
    or an inline list of names. One name a line; for a full name the words
    before the surname are its given names.
``accept``
    names or regexes (matched against the whole word, any case) never
    flagged.

Limitations: words of fewer than ``min_length`` letters, all-caps words and
the part after an apostrophe (O'Brien, D'Alema) are not checked; a slip
that makes another real name or an English word cannot be seen.
``min_population``
    smallest city offered as a correction, default 50,000 (countries, US
    states and the curated regions always qualify).
``max_distance``
    edit distance for names under eight letters, default 1; longer names
    allow one more.
``min_length``
    shortest word (and suggested name) considered, default 5.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import hashlib
import itertools
import marshal
import math
import os
import unicodedata
from collections import Counter
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import regex
from rapidfuzz import process
from rapidfuzz.distance import OSA, DamerauLevenshtein

from lint.alerts import Finding
from lint.atomic_files import write_atomically
from lint.checks.base import (
    Check,
    CommonSpec,
    RuleError,
    alternation,
    compile_regex,
    get_bool,
    get_int,
    get_str_list,
    split_matches,
)
from lint.markup.blocks import JoinedUnits, ParsedDocument, TextBlock
from lint.vocabulary import Vocabulary, current_vocabulary

# A capitalised word whose first {n} characters are letters; internal
# apostrophes stay (D'Alema), a possessive 's and hyphens do not.
WORD = r"(?<![\p{{L}}\p{{M}}\p{{N}}_])\p{{Lu}}[\p{{L}}\p{{M}}]{{{n},}}(?:['’](?!s\b)\p{{L}}[\p{{L}}\p{{M}}]*)*"
Spot = tuple[int, int, int, str]  # unit, start, end, word
APOSTROPHES = ("'", "’")


@dataclass(frozen=True)
class CapitalWords:
    """The capitalised words of one document's units: the matches of a
    rule's word pattern, less the tail of a name after an apostrophe
    (O'Brien, D'Alema), found with one split of the units joined by line
    breaks (no match spans a line break, and one before a unit's text reads
    like the start of the text). Both name rules work per spelling, so
    ``counts`` holds each spelling with its number of uses, first used
    first; where a spelling is used is worked out only for the few
    spellings a rule asks about (:meth:`spots`)."""

    joined: JoinedUnits  # the units' texts, joined by line breaks
    pieces: list[str]  # the joined text cut at the matches: gap, match, ..., gap
    tails: frozenset[int]  # indexes of the matches that are the tail of a name
    counts: dict[str, int]
    keys: dict[str, str]  # each spelling folded

    @functools.cached_property
    def _ends(self) -> list[int]:
        return list(itertools.accumulate(map(len, self.pieces)))

    def spots(self, wanted: Container[str]) -> list[Spot]:
        """(unit, start, end, word) of each use of a spelling in ``wanted``,
        in document order."""
        found = self.pieces[1::2]
        picked = [k for k, word in enumerate(found) if word in wanted and k not in self.tails]
        if not picked:
            return []
        ends, locate = self._ends, self.joined.locate
        out: list[Spot] = []
        for k in picked:
            unit, offset = locate(ends[2 * k])
            out.append((unit, offset, offset + len(found[k]), found[k]))
        return out


def capital_words(doc: ParsedDocument, units: Sequence[TextBlock], pattern: regex.Pattern[str]) -> CapitalWords:
    """The capitalised words of ``units``, read once per document, units and
    pattern: the names and name-variants rules read the same words."""
    key = ("capital_words", pattern.pattern, id(units))
    cached = doc.memo.get(key)
    if isinstance(cached, tuple) and cached[0] is units:
        words: CapitalWords = cached[1]
        return words
    words = _read_capital_words(units, pattern)
    doc.memo[key] = (units, words)  # the units are kept so that their id is not reused
    return words


def _read_capital_words(units: Sequence[TextBlock], pattern: regex.Pattern[str]) -> CapitalWords:
    joined = JoinedUnits.of(units, "\n")
    pieces = split_matches(pattern, joined.text)
    tails = _tails(pieces)
    found = pieces[1::2]
    counts = Counter(found if not tails else [w for k, w in enumerate(found) if k not in tails])
    keys = {word: word.lower() if word.isascii() else fold(word) for word in counts}
    return CapitalWords(joined, pieces, tails, dict(counts), keys)


def _tails(pieces: list[str]) -> frozenset[int]:
    """The matches (by index) that follow a letter and an apostrophe: the
    tail of O'Brien, which the pattern finds on its own."""
    gaps = pieces[0:-1:2]
    # Most documents have no gap ending in an apostrophe: one pass in C.
    if not any(map(str.endswith, gaps, itertools.repeat(APOSTROPHES))):
        return frozenset()
    out: set[int] = set()
    for k, gap in enumerate(gaps):
        if gap.endswith(APOSTROPHES):
            # The character before the apostrophe: in the gap, else the
            # last of the match before it.
            before = gap[-2] if len(gap) > 1 else pieces[2 * k - 1][-1] if k else ""
            if before.isalpha():
                out.add(k)
    return frozenset(out)


NEXT_WORD = regex.compile(r"[ \t]?([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)")
NEIGHBOUR = regex.compile(r"[ \t\-‐]([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)")
NAME_SEPARATORS = regex.compile(r"[\s\-‐–]+")
POSSESSIVE = ("'s", "’s")
LONG_NAME = 8
# Distance 2 without a candidate from the document needs names this long.
LONG_NAME_PLAIN = 10
PERSON_WEIGHT = 1_000_000
# A place this big may be suggested for a word that opens a sentence.
BIG_PLACE = 1_000_000
# A city this big is notable whether or not the word list knows it; a city
# in the word list is notable from the second figure (below it, the word
# list knows the name as a person's: Martin, Davis, Nelson).
NOTABLE_POPULATION = 500_000
FAMILIAR_POPULATION = 100_000
CACHE_LIMIT = 200_000
# Lookups scanned before the deletion index is built (see NameIndex).
SCAN_LOOKUPS = 200
# The index cache: file names in the user's cache folder, how many are kept,
# and the format (raise it when the stored data changes shape or meaning).
CACHE_PREFIX = "names-index-"
TRIGRAM_PREFIX = "names-trigrams-"
CACHE_FILES = 8
INDEX_FORMAT = 1
# Words of this SCOWL level or below train the trigram model.
COMMON_LEVEL = 20
UNLISTED = 1000

# Suffixes that make a derived form of a name, not a misspelling of it
# ("Kenyan" from "Kenya", "Israeli" from "Israel", "Blairites").
DERIVED_SUFFIXES = frozenset({"s", "es", "i", "n", "an", "ian", "ese", "ite", "ites", "ist", "ists", "ism"})

PLURAL_SUFFIXES = frozenset({"s", "es"})

TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady baroness baron president minister secretary
    chancellor senator sen sen. rep rep. gov gov. governor general gen gen. colonel col col. captain capt
    capt. lt lt. sergeant sgt sgt. major maj prof prof. professor king queen prince princess pope rev rev.
    father sheikh emir judge justice mayor premier ambassador envoy spokesman spokeswoman spokesperson
    commander admiral chairman chairwoman chair leader chief boss coach manager striker midfielder defender
    goalkeeper keeper winger actor actress singer rapper director producer author writer novelist editor
    correspondent reporter journalist colleague counterpart deputy aide adviser advisor lawyer attorney
    detective inspector constable officer patriarch archbishop bishop cardinal imam rabbi ayatollah mullah
    vice-president""".split()
)
SPEECH_VERBS = frozenset(
    "said says told added stated insisted argued warned claimed explained wrote tweeted who whose".split()
)
PLACE_NOUNS = frozenset(
    """region regions oblast oblasts province provinces city cities town towns district districts county
    counties state village villages republic governorate area areas airport port border frontier
    prefecture municipality krai""".split()
)
PLACE_PREPOSITIONS = frozenset("in near from outside around across into towards toward via".split())
# Capitalised words that may open a place name ("Western Begorod").
PLACE_MODIFIERS = frozenset(
    """north south east west northern southern eastern western central greater upper lower new old great
    little st st. saint san santa port fort mount lake cape gulf bay""".split()
)
SENTENCE_ENDS = ".!?…:;"
OPENERS = "\"“‘'([«*_ \t"
CLOSERS = "\"”’)]»*_"


# -- word lists -----------------------------------------------------------------

class EnglishWords:
    """The shipped English dictionary (:mod:`lint.dictionary`, from SCOWL)
    seen through folded keys: a key is English when the dictionary lists it
    in lower case, capitalised ("davis" for "Davis") or in capitals ("nato").
    Its *familiarity*, how well known the word is in English, is 100 minus
    its SCOWL level (10 for the commonest words, 80 for the rarest), 0 when
    absent; it doubles as a measure of how familiar a place name is."""

    def __init__(self, levels: Mapping[str, int]) -> None:
        self._levels = levels

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        levels = self._levels
        return key in levels or key.capitalize() in levels or key.upper() in levels

    def get(self, key: str, default: int = 0) -> int:
        levels = self._levels
        level = min(levels.get(key, UNLISTED), levels.get(key.capitalize(), UNLISTED), levels.get(key.upper(), UNLISTED))
        return default if level == UNLISTED else 100 - level

    def is_word(self, key: str) -> bool:
        """True when the dictionary lists ``key`` in lower case: a common
        word, not only a name ("being", not "bening" or "davis")."""
        return key in self._levels

    def is_name(self, key: str) -> bool:
        """True when the dictionary lists ``key`` capitalised: a name
        ("china" from "China", whatever "china" also means)."""
        return key.capitalize() in self._levels

    def is_common_word(self, key: str, max_level: int = 20) -> bool:
        """True when ``key`` is a lower-case word of SCOWL level ``max_level``
        or below ("electric", not "tanner")."""
        return self._levels.get(key, UNLISTED) <= max_level

    def spelled(self, word: str) -> bool:
        """True when the dictionary lists ``word`` exactly as written
        ("McMillan")."""
        return word in self._levels

    def common(self, max_level: int) -> Iterator[str]:
        """Lower-case words of SCOWL level ``max_level`` or below."""
        return (w for w, level in self._levels.items() if level <= max_level and w.islower())


@functools.cache
def english_words() -> EnglishWords:
    """The English word list, loaded on first use and kept for the process;
    the British dictionary, which the spelling rule loads too, so the two
    rules share it."""
    from lint.dictionary import shipped_dictionary

    return EnglishWords(shipped_dictionary("en-GB").levels)


@functools.cache
def _trigrams() -> Mapping[str, int]:
    """Letter-trigram counts of common English words (with ``^``/``$`` for
    the word edges), loaded on first use from the user's cache folder
    (about a millisecond) or counted (about 0.1 s, a pass over the whole
    word list) and stored there."""
    path, stamp = _cache_file(TRIGRAM_PREFIX, ("trigrams", COMMON_LEVEL))
    stored = _load(path, stamp)
    if stored is not None and len(stored) == 1 and isinstance(stored[0], dict):
        counts: dict[str, int] = stored[0]
        return counts
    counts = _count_trigrams()
    _store(path, stamp, (counts,), TRIGRAM_PREFIX)
    return counts


def _count_trigrams() -> dict[str, int]:
    counts: Counter[str] = Counter()
    edged = ["^" + w + "$" for w in english_words().common(COMMON_LEVEL)]
    counts.update(x[i : i + 3] for x in edged for i in range(len(x) - 2))
    return dict(counts)


def plausibility(key: str) -> float:
    """How word-like a folded spelling is: the mean log count of its letter
    trigrams. A slip usually makes a rarer trigram ("Chenug" against
    "Cheung"), which settles which of two spellings used equally often in
    a document is the slip."""
    counts = _trigrams()
    edged = "^" + key + "$"
    grams = [edged[i : i + 3] for i in range(len(edged) - 2)]
    return sum(math.log1p(counts.get(g, 0)) for g in grams) / max(len(grams), 1)


# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
                               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                               "Þ": "Th", "ı": "i", "’": "'"})


def fold(word: str) -> str:
    """Lower case without diacritics (``Sørensen`` -> ``sorensen``),
    typographic apostrophes made plain."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def split_name(name: str) -> list[str]:
    """The words of a name: ``Abu Dhabi`` -> [Abu, Dhabi]; hyphens split too."""
    return [w for w in NAME_SEPARATORS.split(name.strip()) if w]


def read_vocabulary(text: str) -> list[str]:
    """Names from a vocabulary file: one a line, ``#`` comments ignored."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@functools.cache
def builtin_people() -> tuple[str, ...]:
    text = resources.files("lint.data").joinpath("people.txt").read_text(encoding="utf-8")
    return tuple(read_vocabulary(text))


# -- the name index -----------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """One word of a known name that the rule may suggest.

    ``words`` holds the folded words of the whole name and ``index`` this
    word's place in it, so that "Dhabi" is suggested only after "Abu".
    ``partners`` holds, folded, a person's given names (kind ``person``) or
    the surnames a given name goes with (kind ``given``).
    """

    part: str
    key: str
    words: tuple[str, ...]
    index: int
    kind: str  # "place", "person" or "given"
    weight: int
    partners: frozenset[str] = frozenset()
    notable: bool = True
    familiarity: int = 0  # how familiar in English (see EnglishWords), 0 if absent
    canonical: bool = True  # False for an older spelling ("Kiev")


def deletions(key: str, depth: int) -> set[str]:
    """Every string made by deleting up to ``depth`` characters of ``key``."""
    if depth == 1:
        out = {key[:i] + key[i + 1 :] for i in range(len(key))}
        out.add(key)
        return out
    out = {key}
    frontier = {key}
    for _ in range(depth):
        nxt: set[str] = set()
        for word in frontier:
            if len(word) > 1:
                nxt.update(word[:i] + word[i + 1 :] for i in range(len(word)))
        out |= nxt
        frontier = nxt
    return out


def allowed_distance(length: int, max_distance: int) -> int:
    return max_distance + 1 if length >= LONG_NAME else max_distance


def is_derived(word: str, name: str, plural: bool = False) -> bool:
    """True when ``word`` is ``name`` plus a derivational suffix ("Kenyan"),
    or, with ``plural``, when ``name`` is ``word`` in the plural (two names
    of one document: "Blairite", "Blairites"). A known name with its last
    letters missing ("Londo", "Athen") is a slip, not a derived form."""
    if word.startswith(name):
        return word[len(name) :] in DERIVED_SUFFIXES
    if plural and name.startswith(word):
        return name[len(word) :] in PLURAL_SUFFIXES
    return False


# A known name as the index stores it: the fields of :class:`Target`, in
# order, with ``partners`` as a tuple (rows load fast; targets are made on
# demand).
Row = tuple[str, str, tuple[str, ...], int, str, int, tuple[str, ...], bool, int, bool]


def _target(row: Row) -> Target:
    part, key, words, index, kind, weight, partners, notable, familiarity, canonical = row
    return Target(part, key, words, index, kind, weight, frozenset(partners), notable, familiarity, canonical)


def _row(t: Target) -> Row:
    partners = tuple(sorted(t.partners))
    return (t.part, t.key, t.words, t.index, t.kind, t.weight, partners, t.notable, t.familiarity, t.canonical)


@dataclass(frozen=True)
class IndexData:
    """Everything the rule knows about names, for one configuration.

    ``rows`` are the suggestible names, shortest key first; ``known`` every
    word of every known name, folded; ``single`` one-word names, surnames
    and given names; ``given`` given names of the people list;
    ``surname_given`` each listed surname with the given names listed with
    it; ``aliases`` each older spelling of a place ("kharkov") with the
    current spellings of the same place."""

    rows: tuple[Row, ...]
    known: frozenset[str]
    single: frozenset[str]
    given: frozenset[str]
    surname_given: Mapping[str, frozenset[str]]
    aliases: Mapping[str, tuple[str, ...]]


class NameIndex:
    """Known names and a near-miss search over the suggestible ones.

    A lookup first scans the names of about the right length with
    rapidfuzz (about half a millisecond, in C); after ``SCAN_LOOKUPS``
    lookups, when a run has shown it checks many words, a
    deletion-neighbourhood (SymSpell) index up to ``max_distance`` is built
    (about 0.1 s) and lookups become a few dozen dict probes, plus, for the
    extra distance long names allow, a scan of the long names with the same
    first letter. Both ways find the same names: within ``max_distance``
    whatever the first letter, one edit more between two long names with
    the same first letter."""

    def __init__(self, data: IndexData, max_distance: int) -> None:
        self.max_distance = max_distance
        self.known = data.known
        self.single = data.single
        self.given = data.given
        self.surname_given = data.surname_given
        self.aliases = data.aliases
        self._rows = data.rows
        self._keys = [row[1] for row in data.rows]
        self._lengths = [len(key) for key in self._keys]
        self._targets: dict[int, Target] = {}
        self._lookups = 0
        self._deletions: dict[str, list[int]] | None = None
        self._long: dict[str, tuple[list[int], list[str], list[int]]] = {}

    def lookup(self, key: str) -> list[tuple[Target, int]]:
        """Targets within their allowed distance of ``key``, with the distance."""
        self._lookups += 1
        if self._deletions is None and self._lookups > SCAN_LOOKUPS:
            self._build_deletions()
        found: dict[int, int] = {}
        keys = self._keys
        if self._deletions is None:
            reach = allowed_distance(len(key), self.max_distance)
            lo = bisect.bisect_left(self._lengths, len(key) - reach)
            hi = bisect.bisect_right(self._lengths, len(key) + reach)
            # OSA (bit-parallel) bounds the scan; the Damerau-Levenshtein
            # distance is checked on what it finds.
            for _, _, i in process.extract(key, keys[lo:hi], scorer=OSA.distance, score_cutoff=reach, limit=None):
                self._consider(key, lo + i, found)
        else:
            index = self._deletions
            for variant in deletions(key, self.max_distance):
                for i in index.get(variant, ()):
                    if i not in found:
                        self._consider(key, i, found)
            if len(key) >= LONG_NAME and key[0] in self._long:
                reach = self.max_distance + 1
                ids, long_keys, lengths = self._long[key[0]]
                lo = bisect.bisect_left(lengths, len(key) - reach)
                hi = bisect.bisect_right(lengths, len(key) + reach)
                for _, _, i in process.extract(key, long_keys[lo:hi], scorer=OSA.distance, score_cutoff=reach, limit=None):
                    if ids[lo + i] not in found:
                        self._consider(key, ids[lo + i], found)
        return [(self._target(i), found[i]) for i in sorted(found)]

    def _consider(self, key: str, i: int, found: dict[int, int]) -> None:
        name = self._keys[i]
        limit = allowed_distance(min(len(key), len(name)), self.max_distance)
        distance = DamerauLevenshtein.distance(key, name, score_cutoff=limit)
        if (
            0 < distance <= limit
            and (distance <= self.max_distance or key[0] == name[0])
            and not is_derived(key, name)
        ):
            found[i] = distance

    def _target(self, i: int) -> Target:
        target = self._targets.get(i)
        if target is None:
            target = self._targets[i] = _target(self._rows[i])
        return target

    def _build_deletions(self) -> None:
        # About a hundred thousand new lists would set off collections that
        # walk every object of a process holding the dictionaries: a third
        # of the time without them.
        with _no_collection():
            self._fill_deletions()

    def _fill_deletions(self) -> None:
        index: dict[str, list[int]] = {}
        depth = self.max_distance
        for i, key in enumerate(self._keys):
            for variant in deletions(key, depth):
                ids = index.get(variant)
                if ids is None:
                    index[variant] = [i]
                else:
                    ids.append(i)
            if len(key) >= LONG_NAME:
                # Rows are in order of key length, so each list is too.
                ids_, keys_, lengths_ = self._long.setdefault(key[0], ([], [], []))
                ids_.append(i)
                keys_.append(key)
                lengths_.append(len(key))
        self._deletions = index


def _place_targets(name: str, kind: str, population: int, min_length: int) -> Iterator[Target]:
    """A place is *notable* when it is a country, a state or a curated
    region, has half a million people, or has 100,000 and is common enough
    in English to be in the word list (Belgorod, Pskov); only notable places
    are suggested without a telling context."""
    if " " not in name and "-" not in name:
        key = fold(name)
        familiarity = english_words().get(key, 0)
        notable = kind != "city" or population >= NOTABLE_POPULATION or (
            familiarity > 0 and population >= FAMILIAR_POPULATION
        )
        canonical = kind != "alias"
        yield Target(name, key, (key,), 0, "place", population, notable=notable, familiarity=familiarity, canonical=canonical)
        return
    notable = kind != "city" or population >= NOTABLE_POPULATION
    words = split_name(name)
    folded = tuple(fold(w) for w in words)
    for i, word in enumerate(words):
        if len(word) >= min_length and word[:1].isupper():
            yield Target(word, folded[i], folded, i, "place", population, notable=notable)


@functools.cache
def build_index(places: bool, min_population: int, people: tuple[str, ...], max_distance: int, min_length: int) -> NameIndex:
    """The index for one configuration, made on first use and shared by
    every rule with the same configuration."""
    return NameIndex(index_data(places, min_population, people, min_length), max_distance)


@functools.lru_cache(maxsize=16)
def term_index(names: tuple[str, ...], max_distance: int, min_length: int) -> NameIndex:
    """An index of names accepted by a project vocabulary (kind ``term``):
    each capitalised word of ``min_length`` letters or more, on its own, as
    the surname of a listed person is."""
    rows: list[Row] = []
    known: set[str] = set()
    for name in names:
        for word in split_name(name):
            key = fold(word)
            if key not in known and len(word) >= min_length and word[:1].isupper():
                rows.append((word, key, (key,), 0, "term", PERSON_WEIGHT, (), True, 0, True))
            known.add(key)
    rows.sort(key=lambda row: len(row[1]))
    data = IndexData(tuple(rows), frozenset(known), frozenset(), frozenset(), {}, {})
    return NameIndex(data, max_distance)


@functools.cache
def index_data(places: bool, min_population: int, people: tuple[str, ...], min_length: int) -> IndexData:
    """The known names for one configuration: from the user's cache folder
    when an earlier run built them from the same data and code (about
    10 ms), else built (about 0.4 s: word list, gazetteer) and stored."""
    path, stamp = _cache_file(CACHE_PREFIX, (places, min_population, people, min_length))
    data = _read_cached(path, stamp)
    if data is None:
        data = _build_data(places, min_population, people, min_length)
        _write_cached(path, stamp, data)
    return data


def _build_data(places: bool, min_population: int, people: tuple[str, ...], min_length: int) -> IndexData:
    targets: list[Target] = []
    known: set[str] = set()  # every word of every known name
    single: set[str] = set()  # one-word names, surnames and given names
    if places:
        from lint.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        for name in gazetteer.names():
            if " " in name or "-" in name:
                known.update(fold(w) for w in split_name(name))
            else:
                single.add(name.lower() if name.isascii() else fold(name))
            known.add(name.lower() if name.isascii() else fold(name))
            kind = gazetteer.kind(name)
            if len(name) < min_length:
                continue
            population = gazetteer.population(name)
            if kind == "city" and population < min_population:
                continue
            targets.extend(_place_targets(name, kind or "city", population, min_length))
    given_by_surname: dict[str, set[str]] = {}
    surnames_by_given: dict[str, set[str]] = {}
    spelling: dict[tuple[str, str], str] = {}
    for name in people:
        words = split_name(name)
        known.update(fold(w) for w in words)
        single.update(fold(w) for w in words)
        key = fold(words[-1])
        spelling.setdefault(("person", key), words[-1])
        given_by_surname.setdefault(key, set())
        for word in words[:-1]:
            if word[:1].isupper():
                given = fold(word)
                spelling.setdefault(("given", given), word)
                given_by_surname[key].add(given)
                surnames_by_given.setdefault(given, set()).add(key)
    for (kind, key), word in spelling.items():
        if len(word) >= min_length:
            partners = given_by_surname[key] if kind == "person" else surnames_by_given[key]
            familiarity = english_words().get(key, 0)
            targets.append(Target(word, key, (key,), 0, kind, PERSON_WEIGHT, frozenset(partners), True, familiarity))
    rows = tuple(sorted((_row(t) for t in targets), key=lambda row: len(row[1])))
    return IndexData(
        rows,
        frozenset(known),
        frozenset(single),
        frozenset(surnames_by_given),
        {k: frozenset(v) for k, v in given_by_surname.items()},
        _aliases(places),
    )


# -- the index cache ---------------------------------------------------------------

def _cache_file(prefix: str, config: object) -> tuple[Path, str]:
    """Where the data built for ``config`` is cached (a file named
    ``prefix``*), and the stamp that must match (:func:`_stamp`)."""
    from lint.rule_cache import cache_folder

    stamp = _stamp(config)
    return cache_folder() / f"{prefix}{stamp[:16]}.bin", stamp


def _stamp(config: object) -> str:
    """A digest of ``config``, the cache format, copydesk's version and the
    size and modification time of the data files and of this module."""
    from lint import __version__

    parts = [f"{INDEX_FORMAT}", __version__, repr(config)]
    data = resources.files("lint.data")
    for source in (data.joinpath("places.tsv"), data.joinpath("english-words.dict"), Path(__file__)):
        try:
            stat = os.stat(str(source))
            parts.append(f"{source}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}:missing")
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _read_cached(path: Path, stamp: str) -> IndexData | None:
    """The cached index data, or None when missing, stale or unreadable."""
    stored = _load(path, stamp)
    if stored is None or len(stored) != 6:
        return None
    rows, known, single, given, surname_given, aliases = stored
    return IndexData(rows, known, single, given, surname_given, aliases)


def _load(path: Path, stamp: str) -> tuple[Any, ...] | None:
    """What :func:`_store` wrote to ``path`` under ``stamp``, or None when
    it is missing, stale or unreadable."""
    try:
        raw = path.read_bytes()
        # Tens of thousands of new objects would set off collections that,
        # in a process already holding the dictionaries, walk every object.
        with _no_collection():
            payload = marshal.loads(raw)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(payload, tuple) or not payload or payload[0] != stamp:
        return None
    return payload[1:]


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while a block makes many objects that live on
    (the collector is switched back on after it, if it was on)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _write_cached(path: Path, stamp: str, data: IndexData) -> None:
    """Store the data (atomically; errors ignored: the cache only saves
    time) and keep the few most recent files of this kind."""
    items = (data.rows, data.known, data.single, data.given, dict(data.surname_given), dict(data.aliases))
    _store(path, stamp, items, CACHE_PREFIX)


def _store(path: Path, stamp: str, items: tuple[Any, ...], prefix: str) -> None:
    """Write ``items`` under ``stamp`` to ``path`` (atomically; errors
    ignored: the cache only saves time) and keep the few most recent files
    named ``prefix``*."""
    try:
        write_atomically(path, marshal.dumps((stamp, *items)))
        stale = sorted(path.parent.glob(f"{prefix}*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stale[CACHE_FILES:]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        return


def _aliases(places: bool) -> dict[str, tuple[str, ...]]:
    """Older spellings of places (``Kharkov``) with the current spellings of
    the same place: the gazetteer gives both the same population."""
    if not places:
        return {}
    from lint.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    old: dict[int, list[str]] = {}
    for place in gazetteer:
        if place.kind == "alias":
            old.setdefault(place.population, []).append(fold(place.name))
    out: dict[str, list[str]] = {}
    for place in gazetteer:
        if place.kind != "alias":
            for alias in old.get(place.population, ()):
                out.setdefault(alias, []).append(fold(place.name))
    return {k: tuple(v) for k, v in out.items()}


# -- context ------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What the words around a suspect say about it."""

    before: tuple[str, ...]  # up to three words right before, nearest last
    after: str  # the word right after ("" at punctuation)
    place: bool  # "in X", "X region", "Russia's X"
    place_noun: bool  # "X region", "X oblast"
    title: bool  # "President X", "Mr X"
    speech: bool  # "X said" (and no place context)
    given: str  # folded given name or other name word right before, or ""
    name_after: str  # folded next word when it looks like a surname, or ""
    next_key: str  # folded next word when capitalised, or ""


def sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence (or the block)."""
    i = start
    while i > 0 and text[i - 1] in OPENERS:
        i -= 1
    if i == 0 or text[i - 1] in "\n\r":
        return True
    j = i - 1
    while j > 0 and text[j] in CLOSERS:
        j -= 1
    return text[j] in SENTENCE_ENDS or text[j] in "\n\r"


def words_before(text: str, start: int, count: int) -> tuple[str, ...]:
    """Up to ``count`` words right before ``start``, nearest last. Words are
    separated by spaces or hyphens; any other punctuation stops the walk."""
    out: list[str] = []
    i = start
    while len(out) < count and i > 0:
        j = i
        while j > 0 and text[j - 1] in " \t-‐":
            j -= 1
        if j == i and out:
            break
        k = j
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’."):
            k -= 1
        if k == j:
            break
        out.insert(0, text[k:j])
        i = k
    return tuple(out)


def word_after(text: str, end: int) -> str:
    m = NEXT_WORD.match(text, end)
    return m.group(1) if m is not None else ""


def read_context(text: str, start: int, end: int, given_names: frozenset[str]) -> Context:
    before = words_before(text, start, 3)
    after = word_after(text, end)
    lower_after = after.lower()
    prev = before[-1] if before else ""
    prev_key = fold(prev)
    place = lower_after in PLACE_NOUNS or prev_key in PLACE_PREPOSITIONS or prev.endswith(POSSESSIVE)
    title = prev_key in TITLES
    given = ""
    if (
        prev[:1].isupper()
        and not title
        and not place
        and (prev_key in given_names or prev_key not in english_words())
        and prev_key not in PLACE_MODIFIERS
    ):
        given = prev_key
    return Context(
        before=before,
        after=after,
        place=place,
        title=title,
        place_noun=lower_after in PLACE_NOUNS,
        speech=not place and lower_after in SPEECH_VERBS,
        given=given,
        name_after=_surname_like(after),
        next_key=fold(after) if after[:1].isupper() else "",
    )


def _surname_like(word: str) -> str:
    """``word`` folded when it is capitalised and not English (a surname
    after a given name), else "". "Manchester United" is not a person."""
    if not word[:1].isupper() or word.isupper():
        return ""
    key = fold(word)
    return key if key not in english_words() and key not in PLACE_NOUNS else ""


def given_before(text: str, start: int) -> str:
    """The capitalised word or initial right before a name ("Marcus Horan",
    "M Horan"), folded, or ""."""
    before = words_before(text, start, 1)
    if not before or not before[0][:1].isupper():
        return ""
    key = fold(before[0]).rstrip(".")
    if key in TITLES or key in PLACE_PREPOSITIONS or before[0].endswith(POSSESSIVE):
        return ""
    return key


def _same_person(given: str, known: set[str]) -> bool:
    """False when the given name before a suspect rules out every given name
    seen with the candidate ("Marcus Horan" is not "Shane Horgan")."""
    if not given or not known:
        return True
    for other in known:
        if given == other or (min(len(given), len(other)) == 1 and given[0] == other[0]):
            return True
    return False


def neighbours_match(target: Target, context: Context, text: str, end: int) -> bool:
    """For a word of a multi-word name, the other words must be there."""
    if len(target.words) == 1:
        return True
    need_before = target.words[: target.index]
    if need_before:
        got = tuple(fold(w) for w in context.before[-len(need_before) :])
        if got != need_before:
            return False
    need_after = target.words[target.index + 1 :]
    pos = end
    for want in need_after:
        m = NEIGHBOUR.match(text, pos)
        if m is None or fold(m.group(1)) != want:
            return False
        pos = m.end()
    return True


# -- the rule ----------------------------------------------------------------

@dataclass(frozen=True)
class NamesSpec:
    places: bool
    people: tuple[str, ...]
    people_source: str
    accept: tuple[str, ...]
    min_population: int
    max_distance: int
    min_length: int


@dataclass(frozen=True)
class Occurrence:
    block: TextBlock
    start: int
    end: int
    word: str
    key: str
    initial: bool


@dataclass(frozen=True)
class Candidate:
    suggestion: str
    key: str
    kind: str  # "place", "person", "given" or "document"
    distance: int
    weight: int
    in_document: bool
    telling: bool  # the context asks for this kind of name
    notable: bool = True
    familiarity: int = 0
    canonical: bool = True


class DocumentNames:
    """Every capitalised word of one document, by folded spelling. Where a
    name is used is read only for the names a suspect brings up."""

    def __init__(self, units: Sequence[TextBlock], words: CapitalWords) -> None:
        self.units = units
        self.words = words
        self._counts: dict[str, int] = {}
        self._first: dict[str, str] = {}  # the spelling each key is first used in
        self._more: dict[str, list[str]] = {}  # every spelling of a key spelled more than one way
        keys = words.keys
        if len(set(keys.values())) == len(keys):
            # One spelling a key, as in most documents: built in C.
            self._counts = dict(zip(keys.values(), words.counts.values()))
            self._first = dict(zip(keys.values(), keys))
        else:
            self._group(words)
        self._where: dict[str, list[tuple[int, int]]] = {}
        self._keys: list[str] | None = None

    def _group(self, words: CapitalWords) -> None:
        for word, count in words.counts.items():
            key = words.keys[word]
            if key not in self._first:
                self._first[key] = word
                self._counts[key] = count
            else:
                self._more.setdefault(key, [self._first[key]]).append(word)
                self._counts[key] += count

    def __contains__(self, key: object) -> bool:
        return key in self._counts

    def count(self, key: str) -> int:
        return self._counts.get(key, 0)

    def spelled(self, key: str) -> str:
        """The spelling ``key`` is first used in."""
        return self._first[key]

    def where(self, key: str) -> list[tuple[int, int]]:
        """(unit, start) of each use of ``key``, in document order."""
        found = self._where.get(key)
        if found is None:
            spellings = self._more.get(key) or ([self._first[key]] if key in self._first else [])
            found = self._where[key] = [(unit, start) for unit, start, _, _ in self.words.spots(frozenset(spellings))]
        return found

    def first(self, key: str) -> tuple[int, int]:
        return self.where(key)[0]

    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = list(self._counts)
        return self._keys

    def mid_sentence(self, key: str) -> bool:
        """True when ``key`` is capitalised somewhere other than at a
        sentence start, i.e. it is a name there."""
        return any(not sentence_initial(self.units[u].text, s) for u, s in self.where(key))

    def is_person(self, key: str) -> bool:
        """True when ``key`` is used as a person's name in the document:
        after a title ("Mr Williams") or before a speech verb ("Williams
        said")."""
        for unit, start in self.where(key):
            text = self.units[unit].text
            before = words_before(text, start, 1)
            if before and fold(before[0]) in TITLES:
                return True
            end = start + len(self.spelled(key))
            if word_after(text, end).lower() in SPEECH_VERBS:
                return True
        return False

    def given_names(self, key: str) -> set[str]:
        """Given names or initials seen right before the name ``key``."""
        out: set[str] = set()
        for unit, start in self.where(key):
            given = given_before(self.units[unit].text, start)
            if given:
                out.add(given)
        return out


_MISSING: list[tuple[Target, int]] = []


class Names(Check):
    KEYS = frozenset({"places", "people", "accept", "min_population", "max_distance", "min_length"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        people, source = people_setting(data, common.path)
        self.spec = NamesSpec(
            places=get_bool(data, "places", True),
            people=people,
            people_source=source,
            accept=get_str_list(data, "accept"),
            min_population=_non_negative(data, "min_population", 50_000),
            max_distance=_non_negative(data, "max_distance", 1),
            min_length=_non_negative(data, "min_length", 5),
        )
        if self.spec.max_distance > 3:
            raise RuleError("'max_distance' must be between 0 and 3", "max_distance")
        self.accept = None
        if self.spec.accept:
            self.accept = compile_regex(alternation(self.spec.accept, "accept"), "accept", regex.IGNORECASE)
        self._suspects: dict[str, list[tuple[Target, int]] | None] = {}
        # The spellings ``suspect`` found no suspect: most of a document's.
        self._innocent: set[str] = set()
        self._index: NameIndex | None = None
        self.words = regex.compile(WORD.format(n=max(self.spec.min_length - 1, 0)))

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            spec = self.spec
            self._index = build_index(spec.places, spec.min_population, spec.people, spec.max_distance, spec.min_length)
        return self._index

    def suspect(self, word: str) -> list[tuple[Target, int]] | None:
        """Known names near ``word``, or None when the word cannot be a
        misspelt name (too short, an acronym, English, known, accepted).
        Cached per spelling: after its first time a word costs one probe."""
        cached = self._suspects.get(word, _MISSING)
        if cached is not _MISSING:
            return cached
        result: list[tuple[Target, int]] | None = None
        key = fold(word)
        if (
            len(key) >= self.spec.min_length
            and not word.isupper()
            and key not in english_words()
            and key not in self.index.known
            and not (self.accept is not None and self.accept.fullmatch(word))
        ):
            result = self.index.lookup(key)
        if len(self._suspects) > CACHE_LIMIT:
            self._suspects.clear()
            self._innocent.clear()
        self._suspects[word] = result
        if result is None:
            self._innocent.add(word)
        return result

    # -- the check -------------------------------------------------------------
    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        vocabulary = current_vocabulary()
        accepts = vocabulary.accepts if vocabulary.accepted_terms else None
        rejects = vocabulary.rejected_pattern
        terms = self._terms(vocabulary)
        words = capital_words(doc, units, self.words)
        names = DocumentNames(units, words)
        # The suspect spellings of each folded spelling, first used first.
        suspects: dict[str, list[str]] = {}
        rejected: set[str] = set()
        cache = self._suspects
        for word in self._unsettled(words, rejects is not None):
            key = words.keys[word]
            if accepts is not None and accepts(word):
                continue
            if rejects is not None and rejects.fullmatch(word):
                rejected.add(key)
            else:
                found = cache.get(word, _MISSING)
                if found is _MISSING:
                    found = self.suspect(word)
                if found is None:
                    continue
            suspects.setdefault(key, []).append(word)
        if not suspects:
            return
        where: dict[str, list[Spot]] = {}
        for spot in words.spots({word for spellings in suspects.values() for word in spellings}):
            where.setdefault(words.keys[spot[3]], []).append(spot)
        for key, spellings in suspects.items():
            known = list(self.index.lookup(key) if key in rejected else self.suspect(spellings[0]) or [])
            if terms is not None:
                known.extend(terms.lookup(key))
            from_document = self._document_candidates(key, names)
            if rejects is not None:
                known = [(t, d) for t, d in known if not rejects.fullmatch(t.part)]
                from_document = [c for c in from_document if not rejects.fullmatch(c.suggestion)]
            if not known and not from_document:
                continue
            for unit, start, end, word in where[key]:
                block = units[unit]
                occ = Occurrence(block, start, end, word, key, sentence_initial(block.text, start))
                best = self.best_candidate(occ, known, from_document, names, key in rejected)
                if best is not None:
                    yield self.finding(block, start, end, self.message(best.suggestion), best.suggestion)

    def _unsettled(self, words: CapitalWords, rejecting: bool) -> list[str]:
        """The spellings of a document to look at, first used first: those
        not settled as no suspect by an earlier document, or all when the
        vocabulary rejects words (a rejected word is checked even when it
        is no suspect)."""
        if rejecting:
            return list(words.counts)
        innocent = self._innocent
        return [word for word in words.counts if word not in innocent]

    def _terms(self, vocabulary: Vocabulary) -> NameIndex | None:
        """The names the project vocabulary accepts, as suggestions."""
        names = vocabulary.known_names()
        if not names:
            return None
        return term_index(names, self.spec.max_distance, self.spec.min_length)

    def best_candidate(
        self,
        occ: Occurrence,
        known: Sequence[tuple[Target, int]],
        from_document: Sequence[Candidate],
        names: DocumentNames,
        rejected: bool = False,
    ) -> Candidate | None:
        """The suggestion for one occurrence of a suspect, if the evidence
        is enough; for a word the project vocabulary rejects, the best
        candidate whatever the evidence."""
        context = read_context(occ.block.text, occ.start, occ.end, self.index.given)
        candidates = list(self._known_candidates(occ, known, context, names))
        if from_document:
            given = given_before(occ.block.text, occ.start)
            candidates.extend(c for c in from_document if _same_person(given, names.given_names(c.key)))
        if not rejected:
            candidates = [c for c in candidates if self._enough_evidence(occ, c, context, names)]
        return min(candidates, key=_rank) if candidates else None

    def _known_candidates(
        self, occ: Occurrence, known: Sequence[tuple[Target, int]], context: Context, names: DocumentNames
    ) -> Iterator[Candidate]:
        text = occ.block.text
        for target, distance in known:
            multiword = len(target.words) > 1
            if multiword and not neighbours_match(target, context, text, occ.end):
                continue
            if target.kind == "place":
                if not multiword and (
                    context.title or context.given or context.speech or (context.name_after and not context.place)
                ):
                    continue
                telling = context.place or (multiword and target.notable)
            elif target.kind == "term":
                telling = context.place or context.title or context.speech or bool(context.given)
            elif target.kind == "person":
                if context.given and context.given not in target.partners:
                    continue
                if context.name_after or context.after.lower() in PLACE_NOUNS:
                    continue
                telling = context.title or context.speech or bool(context.given)
            else:
                if context.next_key not in target.partners:
                    continue
                telling = True
            in_doc = target.key in names
            yield Candidate(
                target.part, target.key, target.kind, distance, target.weight, in_doc, telling,
                target.notable, target.familiarity, target.canonical,
            )

    def _document_candidates(self, key: str, names: DocumentNames) -> list[Candidate]:
        """Names spelled otherwise elsewhere in the document, used as names
        (mid-sentence) and more often than ``key``, or as often and first."""
        max_distance = self.spec.max_distance
        limit = allowed_distance(len(key) + max_distance, max_distance)
        pool = names.keys()
        own = names.count(key)
        out: list[Candidate] = []
        for other, _, _ in process.extract(key, pool, scorer=OSA.distance, score_cutoff=limit, limit=None):
            distance = DamerauLevenshtein.distance(key, other)
            if distance == 0 or distance > allowed_distance(min(len(key), len(other)), max_distance):
                continue
            if is_derived(key, other, plural=True) or (other in english_words() and other not in self.index.single):
                continue
            count = names.count(other)
            if count < own:
                continue
            if count == own:
                # One use each: the less word-like spelling is the slip; if
                # the two look alike, the later one.
                mine, theirs = plausibility(key), plausibility(other)
                if theirs < mine or (theirs == mine and names.first(other) > names.first(key)):
                    continue
            if not names.mid_sentence(other):
                continue
            out.append(Candidate(names.spelled(other), other, "document", distance, count, True, True))
        return out

    def _enough_evidence(self, occ: Occurrence, best: Candidate, context: Context, names: DocumentNames) -> bool:
        if best.in_document:
            return True
        if best.distance > 1 and min(len(occ.key), len(best.key)) < LONG_NAME_PLAIN:
            return False
        same_start = occ.key[0] == best.key[0]
        once = names.count(occ.key) == 1
        if best.kind == "term":
            # A name the project vocabulary accepts: a near miss that keeps
            # its first letter and is used once is a slip.
            return same_start and once
        if best.telling:
            if best.kind == "person" and not context.given:
                # "Mr X" or "X said" only says X is someone: a rival
                # surname (Cowell/Powell) is no evidence of a slip.
                return same_start and once
            if best.kind == "place" and not once and not context.place_noun:
                # A spelling used again and again is meant ("a stake in
                # Yukos"), unless a place noun vouches for it.
                return False
            return same_start or best.notable
        return (
            best.kind == "place"
            and best.notable
            and same_start
            and (not occ.initial or best.weight >= BIG_PLACE)
            and not (context.next_key and names.is_person(context.next_key))
            and once
        )


def _rank(c: Candidate) -> tuple[int, int, int, int, int, int]:
    """The closer first; at one distance, the name in the document, then
    what the context asks for, then the current spelling over an older one
    (Kyiv over Kiev), then the more familiar in English, then the more
    populous."""
    return (
        c.distance,
        0 if c.in_document else 1,
        0 if c.telling else 1,
        0 if c.canonical else 1,
        -c.familiarity,
        -c.weight,
    )


# -- key parsing ----------------------------------------------------------------

def _non_negative(data: Mapping[str, Any], key: str, default: int) -> int:
    value = get_int(data, key, default)
    if value is None or value < 0:
        raise RuleError(f"'{key}' must not be negative", key)
    return value


def people_setting(data: Mapping[str, Any], rule_path: str) -> tuple[tuple[str, ...], str]:
    """The person vocabulary and where it came from."""
    value = data.get("people")
    if value is None:
        return builtin_people(), "builtin"
    if isinstance(value, str):
        path = Path(rule_path).parent / value if rule_path else Path(value)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleError(f"cannot read the people file {value!r}: {exc.strerror or exc}", "people") from None
        return tuple(read_vocabulary(text)), str(path)
    names = get_str_list(data, "people")
    return tuple(n.strip() for n in names if n.strip()), "inline"
