"""``extends: phrases`` — ``substitution`` for long lists of literal phrases
("past history" -> "history"). Keys are plain text, not patterns: a space in
a key matches one space or line break, and a key matches only as whole
words. Matching does not slow down as the list grows: the engine's
prefilter passes the rule only the units that hold two neighbouring words
of some key (see :func:`required_strings`), the keys are indexed by their
first word, and only keys whose first word occurs in a unit are searched
for, with plain string search. ``ignorecase`` compares in lower
case; the first capital of the match carries over to the replacement. A
match of several words that all start with a capital ("Advance Warning")
is taken for a name or a title and left alone."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, get_str_map
from lint.checks.substitution import match_case
from lint.markup.blocks import ParsedDocument, TextBlock

# A word as split on whitespace may carry punctuation on either side.
LEADING = ("", "(", "[", '"', "'", "“", "‘")
# Two opening marks ('("', "('") only before a bare word, to keep the index small.
LEADING_PAIRS = ('("', "('", "(“", "(‘", "[\"", '"\'', "“‘")
TRAILING = ("", ".", ",", ";", ":", "!", "?", ")", "]", '"', "'", "’", "”", "'s", "’s", '."', ',"', ".”", ",”", ".'", ",'")


# What a space in a key also matches: each is read as a space.
KEY_SPACES = "\n\t\r"


def as_spaces(text: str) -> str:
    """Line breaks and tabs as spaces, so that a key's spaces match them;
    every index stays where it was."""
    for c in KEY_SPACES:
        if c in text:
            text = text.replace(c, " ")
    return text


def fold(text: str, ignorecase: bool) -> str:
    """``text`` as keys are looked up in it: in lower case with
    ``ignorecase`` (as written when lower case would change its length, so
    that every index stays where it was), line breaks and tabs as spaces.
    The ``variants`` rule type reads text the same way."""
    folded = text.lower() if ignorecase else text
    if len(folded) != len(text):
        folded = text  # a case mapping that changes length: compare as written
    return as_spaces(folded)


@dataclass(frozen=True)
class PhrasesSpec:
    swap: tuple[tuple[str, str], ...]


class Phrases(Check):
    KEYS = frozenset({"swap"})
    BLOCK_LOCAL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = PhrasesSpec(swap=get_str_map(data, "swap", required=True))
        if not self.spec.swap:
            raise RuleError("'swap' must not be empty", "swap")
        # first word (as split on whitespace, with punctuation around it)
        # -> [(key as searched, replacement)]
        self.index: dict[str, list[tuple[str, str]]] = {}
        seen: set[str] = set()
        for key, replacement in self.spec.swap:
            phrase = " ".join(key.split())
            if not phrase:
                raise RuleError(f"'swap: {key}' must not be blank", "swap")
            if common.ignorecase:
                phrase = phrase.lower()
            if phrase in seen:
                raise RuleError(f"'swap: {key}' is listed twice", "swap")
            seen.add(phrase)
            first, _, rest = phrase.partition(" ")
            # A key of one word may end a sentence; the first word of a
            # longer key is followed by a space, so takes no punctuation.
            variants = itertools.product(LEADING, TRAILING if not rest else ("",))
            for token in itertools.chain((a + first + b for a, b in variants), (a + first for a in LEADING_PAIRS)):
                self.index.setdefault(token, []).append((phrase, replacement))
        self.first_words = frozenset(self.index)
        self.prefilter = frozenset(literal for phrase in seen for literal in required_strings(phrase))

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        # Unit by unit: a key is searched for only in the units that hold
        # its first word, which is cheaper than one search of the whole
        # document for every key whose first word it holds.
        for block in units:
            folded = fold(block.text, self.common.ignorecase)
            yield from self._findings(block, self._hits(folded, self._candidates(folded)))

    def _candidates(self, folded: str) -> set[tuple[str, str]]:
        """(key, replacement) of every key whose first word occurs in ``folded``."""
        candidates: set[tuple[str, str]] = set()
        for word in self.first_words.intersection(folded.split()):
            candidates.update(self.index[word])
        return candidates

    def _hits(self, folded: str, candidates: set[tuple[str, str]]) -> list[tuple[int, int, str]]:
        """(start, end, replacement) of each whole-word occurrence of a candidate key."""
        hits: list[tuple[int, int, str]] = []
        for phrase, replacement in candidates:
            start = folded.find(phrase)
            while start >= 0:
                end = start + len(phrase)
                if _bounded(folded, start, end):
                    hits.append((start, end, replacement))
                start = folded.find(phrase, start + 1)
        return hits

    def _findings(self, block: TextBlock, hits: list[tuple[int, int, str]]) -> Iterator[Finding]:
        """Findings for a unit's hits (in its text): the longest match at each
        place, names and titles left alone."""
        text = block.text
        hits.sort(key=lambda h: (h[0], -h[1]))
        taken_end = -1
        for start, end, replacement in hits:
            if start < taken_end:
                continue  # inside a longer match already reported
            taken_end = end
            matched = text[start:end]
            if " " in matched and all(w[:1].isupper() for w in matched.split()):
                continue  # Every word capitalised: a name or a title.
            options = [match_case(matched, r.strip()) for r in replacement.split("|")]
            if matched in options:
                continue
            fix_text = options[0] if len(options) == 1 else None
            yield self.finding(
                block,
                start,
                end,
                self.message("' or '".join(options), matched),
                fix_text,
                title=f"Replace '{matched}' with '{fix_text}'" if fix_text is not None else None,
            )


def required_strings(phrase: str) -> tuple[str, ...]:
    """Case-folded strings one of which a unit holding ``phrase`` (as keys
    are matched: a space stands for one space, line break or tab) holds:
    two neighbouring words of it (the pair whose shorter word is longest,
    "present time" rather than "at the" in "at the present time") with
    each space, line break or tab that may stand between them; a key of
    one word: the word. The engine then passes the rule only the units
    that hold one, a few in a thousand."""
    words = phrase.split(" ")
    if len(words) == 1:
        return (phrase.casefold(),)
    first, second = max(zip(words, words[1:]), key=lambda pair: (min(map(len, pair)), sum(map(len, pair))))
    return tuple(f"{first}{space}{second}".casefold() for space in " " + KEY_SPACES)


def _bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word."""
    if start > 0 and _word_char(text[start - 1]) and _word_char(text[start]):
        return False
    return not (end < len(text) and _word_char(text[end]) and _word_char(text[end - 1]))


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
