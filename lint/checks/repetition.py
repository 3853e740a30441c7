"""``extends: repetition`` — the same token twice in a row ("the the").

A unit is read as its tokens (matches of the ``tokens`` patterns, left to
right, as Vale reads them). Two neighbours that are equal (ignoring case
with ``ignorecase``) and separated by white space alone, at most one line
break, are a repetition; the alert covers both and the fix keeps the first.
``exceptions`` (Vale's key) are patterns a repeated token may match in full
to be left alone ("had had"); ``allow`` patterns are tried where the pair
starts and may read on past it ("waiting for for years", a capitalised
repeat that is a name such as "Duran Duran").

When the tokens are runs of one character class (the default ``[^\\s]+``,
or ``[\\p{L}'’]+``), a unit is cut into them by ``str.translate`` and
``str.split`` in C, and only units where two neighbours are equal are read
with the pattern: on clean copy that is almost none, so the check costs a
fraction of a pattern search over every word.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import eq
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    alternation,
    compile_regex,
    get_bool,
    get_str_list,
)
from lint.checks.existence import compile_exceptions, flags
from lint.checks.limits import bounded, finditer
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.word_chunks import SeparatorTable

# A token pattern that is one run of a single-character item: `[...]+`,
# `\S+`, `\w+`, `\p{L}+` (possessive or not). No nested sets.
_CHARACTER_RUN = regex.compile(
    r"(?P<item>\\[SwdD]|\\[pP]\{[\w=:&. -]+\}|\[\^?(?:\\.|[^\\\[\]])+\])\+\+?"
)


@dataclass(frozen=True)
class RepetitionSpec:
    tokens: tuple[str, ...]
    alpha: bool
    exceptions: tuple[str, ...]
    allow: tuple[str, ...]


class Repetition(Check):
    KEYS = frozenset({"tokens", "alpha", "exceptions", "allow"})

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = RepetitionSpec(
            tokens=get_str_list(data, "tokens") or (r"[^\s]+",),
            alpha=get_bool(data, "alpha"),
            exceptions=get_str_list(data, "exceptions"),
            allow=get_str_list(data, "allow"),
        )
        self.token = compile_regex(alternation(self.spec.tokens, "tokens"), "tokens", flags(common))
        self.exceptions = compile_exceptions(self.spec.exceptions, common)
        # Read as written: a capital in an allow pattern stays a capital.
        self.allow = compile_regex(alternation(self.spec.allow, "allow"), "allow") if self.spec.allow else None
        self.separators = _run_table(self.spec.tokens, flags(common))

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for block in units:
            if self.separators is None:
                yield from self._repetitions(block)
                continue
            equal = self._equal_neighbours(block.text)
            if equal:
                yield from self._repetitions(block, equal)

    def _equal_neighbours(self, text: str) -> set[int]:
        """Indexes of the runs equal to the run after them: the quick test,
        in C, that most units fail (an empty set). Case is folded after the
        cut, so the runs of the folded text are those of the text."""
        assert self.separators is not None
        cut = text.translate(self.separators)
        runs = cut.casefold().split() if self.common.ignorecase else cut.split()
        if not any(map(eq, runs, islice(runs, 1, None))):
            return set()
        return {i for i, same in enumerate(map(eq, runs, islice(runs, 1, None))) if same}

    def _repetitions(self, block: TextBlock, equal: set[int] | None = None) -> Iterator[Finding]:
        """The unit's repeated pairs, its tokens read one after another.
        With ``equal`` (the indexes of the runs equal to the next one), the
        other tokens are passed over unread."""
        text = block.text
        last = max(equal) + 1 if equal else None
        first: regex.Match[str] | None = None
        for index, second in enumerate(finditer(self.token, text)):
            if equal is not None and index - 1 not in equal:
                if last is not None and index > last:
                    return
                first = second
                continue
            if first is None or not self._pair(text, first, second):
                first = second
                continue
            if self._reported(text, first, second):
                word = first.group()
                yield self.finding(
                    block,
                    first.start(),
                    second.end(),
                    self.message(word),
                    replacement=word,
                    title=f"Remove the repeated '{word}'",
                )
            first = None  # the pair is read: its second token starts no other

    def _pair(self, text: str, first: regex.Match[str], second: regex.Match[str]) -> bool:
        """Neighbours with white space alone between them, equal (in any
        case, with ``ignorecase``)."""
        if not text[first.end() : second.start()].isspace():
            return False
        a, b = first.group(), second.group()
        return a == b or (self.common.ignorecase and a.casefold() == b.casefold())

    def _reported(self, text: str, first: regex.Match[str], second: regex.Match[str]) -> bool:
        """A pair is reported unless a paragraph break, ``alpha``, an
        exception or an ``allow`` pattern leaves it alone."""
        word = first.group()
        if text.count("\n", first.end(), second.start()) > 1:
            return False
        if self.spec.alpha and not any(c.isalpha() for c in word):
            return False
        if self.exceptions is not None and bounded(self.exceptions.fullmatch, word):
            return False
        if self.allow is not None:
            allowed = bounded(self.allow.match, text, first.start())
            if allowed is not None and allowed.end() >= first.end():
                return False
        return True


def _run_table(tokens: Sequence[str], rule_flags: int) -> SeparatorTable | None:
    """The translate table that cuts a text into the runs of ``tokens``,
    when they are one run of a single-character item; otherwise None
    (tokens are then found by search)."""
    if len(tokens) != 1:
        return None
    run = _CHARACTER_RUN.fullmatch(tokens[0])
    if run is None:
        return None
    return SeparatorTable(compile_regex(run.group("item"), "tokens", rule_flags))
