"""``extends: name_variants`` — one name spelled two ways in one article
("Zelensky" and "Zelenskyy", "Belgorod" and "Begorod").

Every capitalised word of ``min_length`` letters or more is a *form*; two
forms are *variants* when they keep the same first letter and lie within
Damerau-Levenshtein distance ``max_distance`` of each other (one more when
both have eight letters or more). Both forms may be real names — Zelensky
and Zelenskyy are both in use — it is the inconsistency that is flagged,
on every occurrence of the rarer form, pointing at the other with an
unsafe fix. On a tie the form that is not a known name is flagged, else
the less word-like one by letter trigrams (as the names rule decides),
else the one that first appears later. An older spelling of a place
beside the current one ("Kharkov", "Kharkiv") is flagged however often it
is used.

A pair is left alone when it is more likely two names (or words) than one
name spelled twice:

* a plural ("Blairite"/"Blairites", "Beatle"/"Beatles") or a derived form
  ("Kenya"/"Kenyan"; but "Londo" beside "London" is a slip); a last vowel
  changed, added or dropped ("Maria"/"Marie"), unless only one of the two
  is a known name ("Indii" beside "India");
* one form is an English word that the dictionary does not also list as a
  name ("Being"/"Bening", "Contract"/"Contrack"), unless the same given
  name stands before both;
* the rarer form is a known name in its own right — a listed person, a
  notable place, a common name in the dictionary, a name the project
  vocabulary accepts — and the other is known too ("Austria"/"Australia",
  "Slovakia"/"Slovenia"); a small town or a rare dictionary name that a
  slip happens to make ("Russa", "Chian") does not count. Two spellings of
  one listed person (a surname listed twice with a given name in common,
  or listed bare) are one name;
* the article shows two people: different given names or initials before
  them ("Marcus Horan", "Shane Horgan"), different surnames after them
  ("Patrik Berger", "Patrick Vieira"), one used as a given name and the
  other as a surname ("Andy Haden", "Hayden Tanner"; "Wayne Carlisle",
  "Warne"), or one only as a bare item of a line-up ("Sheahan, Horan,
  O'Callaghan");
* one form is used as a person and the other as a place ("Robert Peston",
  "in Preston").

The project vocabulary decides first: a form it accepts is never flagged
(the other one is, however often it appears, unless the article shows two
people), a form it rejects is always the one flagged when it has a variant.

The names rule (``extends: names``) also prefers a spelling used elsewhere
in the article when it flags a word that is no known name; such a slip
("Begorod" beside "Belgorod") is reported by both rules.

Keys: ``places`` and ``people`` as for ``extends: names`` (the known names);
``accept``, names or regexes never flagged; ``max_distance`` (default 1);
``min_length`` (default 5: "Jon"/"John" are not compared). The message
receives the flagged form, the other form and how often the article uses
the other form ("3 times").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import regex
from rapidfuzz.distance import DamerauLevenshtein

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, alternation, compile_regex, get_bool, get_int, get_str_list
from lint.checks.names import (
    DERIVED_SUFFIXES,
    LONG_NAME,
    POSSESSIVE,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLURAL_SUFFIXES,
    SPEECH_VERBS,
    TITLES,
    WORD,
    CapitalWords,
    IndexData,
    english_words,
    fold,
    given_before,
    index_data,
    plausibility,
    people_setting,
    sentence_initial,
    word_after,
    capital_words,
    words_before,
)
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.vocabulary import Vocabulary, current_vocabulary

VOWELS = frozenset("aeiou")
# Trigram scores closer than this do not settle which of two forms is the slip.
PLAUSIBILITY_MARGIN = 0.3
# Dictionary names this familiar (100 minus the SCOWL level) are names in
# their own right, not a slip's accident.
FAMILIAR_NAME = 50


@dataclass(frozen=True)
class NameVariantsSpec:
    places: bool
    people: tuple[str, ...]
    people_source: str
    accept: tuple[str, ...]
    max_distance: int
    min_length: int


@dataclass(frozen=True)
class Spot:
    unit: int
    start: int
    end: int
    word: str


@dataclass
class Form:
    """One folded spelling and how the article uses it."""

    key: str
    count: int
    spellings: dict[str, int]  # each spelling with its uses, first used first
    # Forms are made only for close pairs (most words never are one):
    # NameVariants.form.
    spots: list[Spot] = field(default_factory=list)
    # How the article uses the form, read from its spots only when it is
    # one of a pair of variants: _read_uses.
    read: bool = False
    mid_sentence: bool = False
    given: set[str] = field(default_factory=set)  # given names seen before it
    after: set[str] = field(default_factory=set)  # capitalised names seen after it
    followed: int = 0  # occurrences followed by a capitalised name
    listed: int = 0  # occurrences as a bare item of a list ("Sheahan, Horan, Miller")
    as_person: bool = False  # after a title or a given name, before "said"
    as_place: bool = False  # after "in", before "region"

    @property
    def first(self) -> tuple[int, int]:
        return self.spots[0].unit, self.spots[0].start

    @property
    def spelled(self) -> str:
        return max(self.spellings, key=lambda s: (self.spellings[s], -len(s)))


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def last_vowel_only(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only in a final vowel, added,
    dropped or changed ("Maria"/"Marie", "Argentina"/"Argentine")."""
    if len(a) == len(b):
        return a[:-1] == b[:-1] and a[-1] in VOWELS and b[-1] in VOWELS
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(long) == len(short) + 1 and long.startswith(short) and long[-1] in VOWELS


class NameVariants(Check):
    KEYS = frozenset({"places", "people", "accept", "max_distance", "min_length"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        people, source = people_setting(data, common.path)
        max_distance = get_int(data, "max_distance", 1)
        min_length = get_int(data, "min_length", 5)
        assert max_distance is not None and min_length is not None
        if not 0 <= max_distance <= 3:
            raise RuleError("'max_distance' must be between 0 and 3", "max_distance")
        if min_length < 2:
            raise RuleError("'min_length' must be 2 or more", "min_length")
        self.spec = NameVariantsSpec(
            places=get_bool(data, "places", True),
            people=people,
            people_source=source,
            accept=get_str_list(data, "accept"),
            max_distance=max_distance,
            min_length=min_length,
        )
        self.accept = None
        if self.spec.accept:
            self.accept = compile_regex(alternation(self.spec.accept, "accept"), "accept", regex.IGNORECASE)
        self.words = regex.compile(WORD.format(n=min_length - 1))
        self._notable: frozenset[str] | None = None
        self._places: frozenset[str] | None = None

    @property
    def index(self) -> IndexData:
        """The known names (with the names rule's defaults, so that both
        rules share them)."""
        return index_data(self.spec.places, 50_000, self.spec.people, 5)

    # -- reading the article -------------------------------------------------
    def close_pairs(self, words: CapitalWords) -> Iterator[tuple[str, str]]:
        """Pairs of folded spellings (all-caps words are acronyms, not
        forms) with the same first letter within the allowed distance, the
        shorter first; among spellings of one length, the one used first
        comes first. Spellings are compared, not uses: an article has a
        few dozen, and fewer than one pair in thirty is close."""
        keys = list(dict.fromkeys([key for word, key in words.keys.items() if not word.isupper()]))
        # Two stable sorts with keys in C: by first letter, then length,
        # then first use.
        keys.sort(key=len)
        keys.sort(key=itemgetter(0))
        reach = self.spec.max_distance + 1
        count = len(keys)
        for i in range(count - 1):
            a = keys[i]
            first, longest = a[0], len(a) + reach
            limit = self.spec.max_distance + (1 if len(a) >= LONG_NAME else 0)
            j = i + 1
            while j < count and keys[j][0] == first and len(keys[j]) <= longest:
                b = keys[j]
                if 0 < DamerauLevenshtein.distance(a, b, score_cutoff=limit) <= limit:
                    yield a, b
                j += 1

    @staticmethod
    def form(key: str, words: CapitalWords, forms: dict[str, Form]) -> Form:
        """The form of ``key`` (made once per article): its spellings,
        first used first, and how often they are used."""
        found = forms.get(key)
        if found is None:
            counts = words.counts
            spellings = {w: counts[w] for w, k in words.keys.items() if k == key and not w.isupper()}
            found = forms[key] = Form(key, sum(spellings.values()), spellings)
            found.spots = [Spot(*spot) for spot in words.spots(spellings)]
        return found

    @classmethod
    def _read_uses(cls, form: Form, units: Sequence[TextBlock]) -> None:
        if form.read:
            return
        form.read = True
        for spot in form.spots:
            cls._read_use(form, units[spot.unit].text, spot.start, spot.end)

    @staticmethod
    def _read_use(form: Form, text: str, start: int, end: int) -> None:
        english = english_words()
        if not sentence_initial(text, start):
            form.mid_sentence = True
        before = words_before(text, start, 1)
        prev = before[0] if before else ""
        prev_key = fold(prev).rstrip(".")
        after = word_after(text, end)
        after_lower = after.lower()
        given = given_before(text, start)
        if given and (len(given) == 1 or not english.is_word(given)):
            form.given.add(given)
            form.as_person = True
        if prev_key in TITLES or after_lower in SPEECH_VERBS:
            form.as_person = True
        if prev_key in PLACE_PREPOSITIONS or after_lower in PLACE_NOUNS or prev.endswith(POSSESSIVE):
            form.as_place = True
        if _list_item(text, start, end):
            form.listed += 1
        after_key = fold(after)
        if after[:1].isupper() and not after.isupper() and after_key not in PLACE_NOUNS and not english.is_common_word(after_key):
            form.after.add(after_key)
            form.followed += 1

    # -- judging pairs ---------------------------------------------------------
    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        words = capital_words(doc, units, self.words)
        forms: dict[str, Form] = {}
        vocabulary = current_vocabulary()
        partner: dict[str, Form] = {}
        for x, y in self.close_pairs(words):
            a, b = self.form(x, words, forms), self.form(y, words, forms)
            if not self._variants(a, b, vocabulary):
                continue
            self._read_uses(a, units)
            self._read_uses(b, units)
            pair = self._flag(a, b, vocabulary)
            if pair is None:
                continue
            flagged, other = pair
            best = partner.get(flagged.key)
            if best is None or other.count > best.count:
                partner[flagged.key] = other
        findings: list[Finding] = []
        for key, other in partner.items():
            form = forms[key]
            seen = {key}
            while other.key in partner and other.key not in seen:
                # A rare spelling of a rare spelling: point at the end of the chain.
                seen.add(other.key)
                other = partner[other.key]
            suggestion = other.spelled
            for spot in form.spots:
                block = units[spot.unit]
                message = self.message(spot.word, suggestion, times(other.count))
                findings.append(self.finding(block, spot.start, spot.end, message, suggestion))
        findings.sort(key=lambda f: f.offset)
        yield from findings

    def _variants(self, a: Form, b: Form, vocabulary: Vocabulary) -> bool:
        """Whether two close forms (see :meth:`close_pairs`) are variants
        of one name, not a derived form or two names."""
        x, y = a.key, b.key
        if last_vowel_only(x, y) and self._known(a, vocabulary) == self._known(b, vocabulary):
            return False  # "Maria", "Marie"; but "Indii" beside "India" is a slip
        short, long = (a, b) if len(x) < len(y) else (b, a)
        if long.key.startswith(short.key):
            suffix = long.key[len(short.key) :]
            if suffix in PLURAL_SUFFIXES:
                return False  # "Blairite", "Blairites"; "Beatle", "Beatles"
            if suffix in DERIVED_SUFFIXES:
                # "Kenyan" from "Kenya"; but "London" beside "Londo" is a
                # known name beside a slip.
                return not self._known(short, vocabulary) and self._known(long, vocabulary)
        return True

    def _flag(self, a: Form, b: Form, vocabulary: Vocabulary) -> tuple[Form, Form] | None:
        """(the form to flag, the other) for a pair of variants (their uses
        read), or None."""
        accepted_a, accepted_b = self._accepted(a, vocabulary), self._accepted(b, vocabulary)
        if accepted_a and accepted_b:
            return None
        rejected_a, rejected_b = self._rejected(a, vocabulary), self._rejected(b, vocabulary)
        if rejected_a != rejected_b:
            return (a, b) if rejected_a else (b, a)
        if rejected_a:
            return None
        if accepted_a != accepted_b:
            # The vocabulary names the right spelling: known names do not
            # argue for two names, only given names can.
            rare, common = (b, a) if accepted_a else (a, b)
            return (rare, common) if self._one_person(rare, common) else None
        older = self._older_spelling(a, b)
        if older is not None:
            return older
        rare, common = self._rarer(a, b, vocabulary)
        if not self._one_name(rare, common, vocabulary):
            return None
        return rare, common

    def _rarer(self, a: Form, b: Form, vocabulary: Vocabulary) -> tuple[Form, Form]:
        """The rarer form first; on a tie the one that is not a known name,
        else the less word-like (by letter trigrams, as the names rule
        decides), else the later."""
        if a.count != b.count:
            return (a, b) if a.count < b.count else (b, a)
        known_a, known_b = self._known(a, vocabulary), self._known(b, vocabulary)
        if known_a != known_b:
            return (b, a) if known_a else (a, b)
        word_a, word_b = plausibility(a.key), plausibility(b.key)
        if abs(word_a - word_b) > PLAUSIBILITY_MARGIN:
            return (a, b) if word_a < word_b else (b, a)
        return (a, b) if a.first > b.first else (b, a)

    def _older_spelling(self, a: Form, b: Form) -> tuple[Form, Form] | None:
        """(older, current) when one form is an older spelling of the other
        place in the gazetteer ("Kharkov", "Kharkiv")."""
        aliases = self.index.aliases
        if b.key in aliases.get(a.key, ()):
            return a, b
        if a.key in aliases.get(b.key, ()):
            return b, a
        return None

    def _one_name(self, rare: Form, common: Form, vocabulary: Vocabulary) -> bool:
        """False when the two forms are more likely two names (or words)."""
        if self._plain_word(rare, vocabulary) or self._plain_word(common, vocabulary):
            # A word that is no name is a word unless the article clearly
            # uses it as the other form's name: the same given name before both.
            return bool(rare.given and common.given and _shared_given(rare.given, common.given))
        if not self._one_person(rare, common):
            return False
        # Two known names are two things ("Austria", "Australia") when the
        # rarer is a name in its own right, not a small town or a rare
        # dictionary name that a slip happens to make ("Russa", "Chian").
        if self._known(common, vocabulary) and self._established(rare, vocabulary):
            return self._same_known_person(rare.key, common.key)
        return True

    def _one_person(self, rare: Form, common: Form) -> bool:
        """False when the way the article uses the two forms shows two
        people, or a person and a place."""
        if rare.given and common.given and not _shared_given(rare.given, common.given):
            return False  # Marcus Horan, Shane Horgan
        if (rare.as_person and not rare.as_place and common.as_place and not common.as_person) or (
            common.as_person and not common.as_place and rare.as_place and not rare.as_person
        ):
            return False  # Robert Peston, in Preston
        if self._place(rare) or self._place(common):
            return True
        # People's names: how the article strings them together.
        if (rare.listed == rare.count and not rare.given) or (common.listed == common.count and not common.given):
            return False  # line-ups: "Sheahan, Horan, O'Callaghan" beside "Shane Horgan"
        if rare.after and common.after and not (rare.after & common.after):
            return False  # Patrik Berger, Patrick Vieira
        if _given_name_only(rare) != _given_name_only(common) and not (rare.after & common.after):
            return False  # Wayne Carlisle, Shane Warne
        if (rare.given and common.after and not common.given) or (common.given and rare.after and not rare.given):
            return False  # Andy Haden, Hayden Tanner
        return True

    def _place(self, form: Form) -> bool:
        """A place the rule could suggest (50,000 people or more, countries,
        states, regions)."""
        if self._places is None:
            self._places = frozenset(row[1] for row in self.index.rows if row[4] == "place" and len(row[2]) == 1)
        return form.key in self._places

    def _plain_word(self, form: Form, vocabulary: Vocabulary) -> bool:
        """An English word the dictionary does not also list as a name
        ("Being", "Contract"; not "China" or "Turkey")."""
        english = english_words()
        return (
            english.is_word(form.key)
            and not english.is_name(form.key)
            and not any(english.spelled(word) for word in form.spellings)
            and form.key not in self.index.known
            and not any(fold(name) == form.key for name in vocabulary.known_names())
        )

    def _known(self, form: Form, vocabulary: Vocabulary) -> bool:
        """A place, a listed person, a name in the dictionary or one the
        project vocabulary accepts."""
        english = english_words()
        return (
            form.key in self.index.known
            or form.key in english
            or any(english.spelled(word) for word in form.spellings)
            or any(fold(name) == form.key for name in vocabulary.known_names())
        )

    def _established(self, form: Form, vocabulary: Vocabulary) -> bool:
        """A listed person or given name, a notable place (a country, a
        state, a big city), a common name in the dictionary, or a name the
        project vocabulary accepts; or the plural of one ("Argentines")."""
        key = form.key
        stems = [key] + [key[: -len(s)] for s in PLURAL_SUFFIXES if key.endswith(s) and len(key) > len(s) + 2]
        english = english_words()
        accepted = {fold(name) for name in vocabulary.known_names()}
        return any(
            stem in self.index.surname_given
            or stem in self.index.given
            or stem in self._notable_places()
            or (english.is_name(stem) and english.get(stem) >= FAMILIAR_NAME)
            or stem in accepted
            for stem in stems
        )

    def _notable_places(self) -> frozenset[str]:
        if self._notable is None:
            self._notable = frozenset(
                row[1] for row in self.index.rows if row[4] == "place" and row[7] and len(row[2]) == 1
            )
        return self._notable

    def _same_known_person(self, a: str, b: str) -> bool:
        """True when the people list holds both surnames with a given name
        in common, or one of them bare (a second spelling of one person)."""
        given = self.index.surname_given
        if a not in given or b not in given:
            return False
        ga, gb = given[a], given[b]
        return not ga or not gb or bool(ga & gb)

    def _accepted(self, form: Form, vocabulary: Vocabulary) -> bool:
        return any(
            vocabulary.accepts(word) or (self.accept is not None and self.accept.fullmatch(word) is not None)
            for word in form.spellings
        )

    @staticmethod
    def _rejected(form: Form, vocabulary: Vocabulary) -> bool:
        pattern = vocabulary.rejected_pattern
        return pattern is not None and any(pattern.fullmatch(word) is not None for word in form.spellings)


def _list_item(text: str, start: int, end: int) -> bool:
    """True when the word stands alone between list separators."""
    # Scans only the blanks next to the word: slicing the text before and
    # after it made every word cost the length of its paragraph.
    i, j = start, end
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    while j < len(text) and text[j] in " \t":
        j += 1
    before, after = text[i - 1 : i] if i else "", text[j : j + 1]
    return before in (",", ";") and after in (",", ";", ".")


def _given_name_only(form: Form) -> bool:
    """True when every use of the form is followed by a surname."""
    return form.followed == form.count


def _shared_given(a: set[str], b: set[str]) -> bool:
    """True when a given name (or an initial) before one form could be the
    same person's as one before the other."""
    for x in a:
        for y in b:
            fx, fy = fold(x).rstrip("."), fold(y).rstrip(".")
            if fx == fy or (min(len(fx), len(fy)) == 1 and fx[0] == fy[0]):
                return True
    return False
