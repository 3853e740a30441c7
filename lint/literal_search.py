"""Which of many strings a text contains, found in one pass.

The engine skips a rule on a document that holds none of the rule's
required literals (see lint/prefilter.py). With a dozen rules and a few
hundred literals, testing them one ``in`` at a time scans each document a
few hundred times; an Aho-Corasick automaton (pyahocorasick, in C) over all
of them finds every one present, overlapping ones included, in one scan.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

import ahocorasick

_SECOND = operator.itemgetter(1)


class LiteralSearch:
    """The literals of ``literals`` that occur in a text (case as given:
    the engine passes case-folded literals and case-folded text)."""

    def __init__(self, literals: Iterable[str]) -> None:
        automaton = ahocorasick.Automaton()
        for literal in set(literals):
            if literal:
                automaton.add_word(literal, literal)
        self._empty = len(automaton) == 0
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def found_in(self, text: str) -> set[str]:
        if self._empty:
            return set()
        # Each match is (end, literal); the set is built in C.
        return set(map(_SECOND, self._automaton.iter(text)))


LiteralSets = tuple[frozenset[str] | None, ...]
_SEARCHES: dict[LiteralSets, LiteralSearch] = {}
# Distinct literal sets kept (a run usually has one; the language server one
# per set of project settings).
_SEARCHES_LIMIT = 16


def literal_search(literal_sets: LiteralSets) -> LiteralSearch:
    """The search for every literal of ``literal_sets`` (the rules' sets as
    the engine asks them for each document; None: a rule without), built
    once per distinct sets."""
    search = _SEARCHES.get(literal_sets)
    if search is None:
        if len(_SEARCHES) >= _SEARCHES_LIMIT:
            _SEARCHES.clear()
        literals = {literal for literals in literal_sets if literals for literal in literals}
        search = _SEARCHES[literal_sets] = LiteralSearch(literals)
    return search
