"""Which of a backend's spelling matches copydesk reports.

A backend's spell checker does not know a newsroom's words. Its matches
are dropped when the word is

* accepted by the project vocabulary (:func:`lint.vocabulary.current_vocabulary`);
* a word of a known place (the shipped gazetteer) or a known person (the
  people list the ``names`` rule uses);
* known to copydesk's own dictionary for the dialect, when it is installed
  (copydesk's spelling rule is the authority on what is a word);
* a piece of a larger token: "bn" in "$1.13bn", "ordinator" in
  "co-ordinator", "communiqu" in "communiqu&#233;" (tokeniser artefacts);
* with :attr:`Spelling.LOWERCASE`, a capitalised, all-caps or mixed-case
  word, or one with digits: names and acronyms are left to the names rule.

The word lists are loaded on first use and kept for the process.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex

from lint.grammar.model import Spelling

_WORD_SPLIT = regex.compile(r"[\s\-‐‑–—/]+")
_POSSESSIVE = regex.compile(r"(?:['’]s|['’])$")
# Characters that glue a flagged piece to its neighbours ("&" for AT&T and
# entities left in plain text: "communiqu&#233;").
_GLUE = regex.compile(r"[\p{L}\p{N}\p{M}_\-‐‑'’&]")


def word_of(text: str) -> str:
    """The flagged text without surrounding punctuation or a possessive."""
    word = text.strip().strip(".,;:!?\"“”‘()[]{}")
    stripped = _POSSESSIVE.sub("", word)
    return stripped or word


def glued(block_text: str, start: int, end: int) -> bool:
    """True when ``block_text[start:end]`` is part of a larger token.

    A possessive or contraction after the word ("Kyiv's", "isn't") does not
    glue it; a letter, digit, hyphen or apostrophe on either side does.
    """
    if start > 0 and _GLUE.fullmatch(block_text[start - 1]):
        return True
    after = end
    if after < len(block_text) and block_text[after] in ("'", "’"):
        stop = after + 1
        while stop < len(block_text) and block_text[stop].isalpha():
            stop += 1
        if 1 < stop - after <= 3:
            after = stop
    return after < len(block_text) and bool(_GLUE.fullmatch(block_text[after]))


def looks_like_name(word: str) -> bool:
    """Capitalised, all caps, mixed case or with digits: not a common word."""
    if any(c.isdigit() for c in word):
        return True
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return True
    return any(c.isupper() for c in letters)


@functools.cache
def place_words() -> frozenset[str]:
    """Every word of every place name in the shipped gazetteer."""
    try:
        from lint.gazetteer import load_gazetteer

        names = list(load_gazetteer().names())
    except (ImportError, OSError, ValueError):  # pragma: no cover - data missing
        return frozenset()
    return _words(names)


@functools.cache
def people_words() -> frozenset[str]:
    """Every word of every name in the people list the names rule uses."""
    try:
        from lint.checks.names import builtin_people

        names = list(builtin_people())
    except (ImportError, AttributeError, OSError, ValueError):  # pragma: no cover - not installed
        return frozenset()
    return _words(names)


def _words(names: list[str]) -> frozenset[str]:
    return frozenset(word for name in names for word in _WORD_SPLIT.split(name) if word)


@functools.cache
def _folded(kind: str) -> frozenset[str]:
    words = place_words() if kind == "places" else people_words()
    return frozenset(w.casefold() for w in words)


@functools.cache
def dictionary_lookup(dialect: str) -> Callable[[str], bool] | None:
    """copydesk's own dictionary for ``dialect`` (en-GB or en-US), if installed."""
    locale = "en-GB" if dialect in ("en-GB", "en-AU", "en-IN") else "en-US" if dialect in ("en-US", "en-CA") else ""
    if not locale:
        return None
    try:
        from lint.dictionary import shipped_dictionary

        dictionary = shipped_dictionary(locale)
        knows: Callable[[str], bool] = dictionary.knows
    except (ImportError, AttributeError, OSError, ValueError):
        return None
    return knows


def accepted_by_vocabulary(word: str) -> bool:
    try:
        from lint.vocabulary import current_vocabulary
    except ImportError:  # pragma: no cover - always present
        return False
    return current_vocabulary().accepts(word)


def known_word(word: str, dialect: str) -> bool:
    """True when copydesk knows ``word``: vocabulary, places, people, dictionary."""
    if accepted_by_vocabulary(word):
        return True
    if word in place_words() or word in people_words():
        return True
    if word[:1].isupper():
        # "KYIV", "Al-Qaeda" spelt with other capitals; never for a
        # lower-case word, which would let a typo match a place.
        folded = word.casefold()
        if folded in _folded("places") or folded in _folded("people"):
            return True
    knows = dictionary_lookup(dialect)
    return knows is not None and knows(word)


def keep_spelling_match(block_text: str, start: int, end: int, mode: Spelling, dialect: str) -> bool:
    """Whether a backend's spelling match on ``block_text[start:end]`` is reported."""
    if mode is Spelling.OFF:
        return False
    flagged = block_text[start:end]
    word = word_of(flagged)
    if not word:
        return False
    lead = len(flagged) - len(flagged.lstrip())
    if glued(block_text, start + lead, start + lead + len(flagged.strip())):
        return False
    if mode is Spelling.LOWERCASE and looks_like_name(word):
        return False
    return not known_word(word, dialect)
