"""Scope selectors (Vale's names): which blocks of a document a rule sees.

A selector is a list of alternatives; an alternative is terms joined by
``&``; a term is a scope name, or ``~name`` for "not in that scope".  An
alternative made only of negations applies to ``text``.  ``sentence`` is
special: it splits the selected blocks into sentences.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from lint.markup.blocks import ParsedDocument, TextBlock

KNOWN_SCOPES = frozenset(
    {
        "text",
        "heading",
        "heading.h1",
        "heading.h2",
        "heading.h3",
        "heading.h4",
        "heading.h5",
        "heading.h6",
        "paragraph",
        "sentence",
        "list",
        "blockquote",
        "table",
        "table.cell",
        "table.header",
        "link",
        "alt",
        "raw",
        "summary",
        "title",
        "caption",
    }
)

# Vale scope names we accept as synonyms.
_ALIASES = {"table": "table.cell", "summary": "text", "title": "heading.h1", "caption": "paragraph"}


@dataclass(frozen=True)
class Alternative:
    required: frozenset[str]
    excluded: frozenset[str]
    sentences: bool

    def matches(self, scopes: frozenset[str]) -> bool:
        return self.required <= scopes and not (self.excluded & scopes)


@dataclass(frozen=True)
class Selector:
    alternatives: tuple[Alternative, ...]
    source: str

    @classmethod
    def parse(cls, value: str | Sequence[str]) -> Selector:
        """Parse a scope value; raises ValueError naming an unknown scope."""
        items = [value] if isinstance(value, str) else list(value)
        if not items:
            raise ValueError("the scope list is empty; name at least one scope")
        alternatives: list[Alternative] = []
        for item in items:
            required: set[str] = set()
            excluded: set[str] = set()
            sentences = False
            for raw_term in str(item).split("&"):
                term = raw_term.strip()
                negated = term.startswith("~")
                name = term.lstrip("~").strip()
                if name not in KNOWN_SCOPES:
                    raise ValueError(
                        f"unknown scope {name!r}; known scopes: {', '.join(sorted(KNOWN_SCOPES))}"
                    )
                name = _ALIASES.get(name, name)
                if name == "sentence":
                    if negated:
                        raise ValueError("'~sentence' is not a valid scope")
                    sentences = True
                    continue
                (excluded if negated else required).add(name)
            if not required:
                required.add("text")
            alternatives.append(Alternative(frozenset(required), frozenset(excluded), sentences))
        text = value if isinstance(value, str) else ", ".join(str(v) for v in value)
        return cls(tuple(alternatives), text)

    def is_raw(self) -> bool:
        return self._raw

    @functools.cached_property
    def _raw(self) -> bool:
        """Worked out once: asked per rule and document."""
        return any("raw" in alt.required for alt in self.alternatives)

    @functools.cached_property
    def _picks(self) -> dict[frozenset[str], _Pick]:
        """What this selector takes of a block, by the block's set of
        scopes (see :meth:`_pick`)."""
        return {}

    @functools.cached_property
    def _splits_sentences(self) -> bool:
        return any(alt.sentences for alt in self.alternatives)

    def select(self, doc: ParsedDocument) -> list[TextBlock]:
        """The units this selector picks out of ``doc``, in source order."""
        picks = self._picks
        if not self._splits_sentences:  # whole blocks only: one pass in a comprehension
            pick_for = self._pick
            return [block for block in doc.blocks if (picks.get(block.scopes) or pick_for(block.scopes)) is _Pick.BLOCK]
        units: list[TextBlock] = []
        for block in doc.blocks:
            pick = picks.get(block.scopes) or self._pick(block.scopes)
            if pick is _Pick.BLOCK:
                units.append(block)
            elif pick is _Pick.SENTENCES:
                from lint.sentences import split_sentences

                scopes = block.scopes | {"sentence"}
                units.extend(block.slice(s, e, scopes) for s, e in split_sentences(block.text))
        return units

    def _pick(self, scopes: frozenset[str]) -> _Pick:
        """What this selector takes of a block in ``scopes``; worked out once
        per set of scopes (a document has a handful)."""
        picks = self._picks
        pick = picks.get(scopes)
        if pick is None:
            chosen = [alt for alt in self.alternatives if alt.matches(scopes)]
            if not chosen:
                pick = _Pick.NONE
            elif any(not alt.sentences for alt in chosen):
                pick = _Pick.BLOCK
            else:
                pick = _Pick.SENTENCES
            picks[scopes] = pick
        return pick


class _Pick(enum.Enum):
    NONE = 0
    BLOCK = 1
    SENTENCES = 2


