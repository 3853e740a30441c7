"""``extends: balance`` — an opening mark without its closing mark, or the
reverse, inside one unit (a paragraph): quotation marks, brackets.

``pairs`` maps each opening mark to its closing mark. A mark that is its own
partner (the straight ``"``) opens when it follows the start of the unit,
whitespace or an opening bracket or dash and comes before a visible
character, and closes otherwise. Each pair is
counted on its own, so ``("a)"`` does not confuse quotes with brackets.

``continues`` is a pattern for the start of the next unit that carries an
unclosed mark over: by news convention a quotation that runs on to the next
paragraph has no closing mark at the end of the first one, and the next
paragraph opens with a quotation mark again. ``continues_pairs`` lists the
opening marks that convention applies to (by default all of them).
``skip`` is a pattern for marks that are not delimiters when they have no
partner (an inch mark after a digit, the ``1)`` of an enumeration); it is
tried at each unpaired closing mark.
``reopens`` is a pattern for the text just before an opening mark that
starts a new quotation while one is still open: the open one is taken as
carried over (the same convention, in paragraphs that were merged).
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, compile_regex, get_str, get_str_list, get_str_map
from lint.checks.limits import bounded
from lint.markup.blocks import ParsedDocument, TextBlock

OPENING_CONTEXT = frozenset(" \t\n\r([{<‘“«—–-/:\ufffc")


@dataclass(frozen=True)
class BalanceSpec:
    pairs: tuple[tuple[str, str], ...]
    continues: str
    continues_pairs: tuple[str, ...]
    skip: str
    reopens: str


class Balance(Check):
    KEYS = frozenset({"pairs", "continues", "continues_pairs", "skip", "reopens"})
    DEFAULT_SCOPE = "paragraph"
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = BalanceSpec(
            pairs=get_str_map(data, "pairs", required=True),
            continues=get_str(data, "continues"),
            continues_pairs=get_str_list(data, "continues_pairs"),
            skip=get_str(data, "skip"),
            reopens=get_str(data, "reopens"),
        )
        if not self.spec.pairs:
            raise RuleError("'pairs' must not be empty", "pairs")
        for opening, closing in self.spec.pairs:
            if len(opening) != 1 or len(closing) != 1:
                raise RuleError(f"'pairs: {opening}' must map one character to one character", "pairs")
        unknown = set(self.spec.continues_pairs) - {o for o, _ in self.spec.pairs}
        if unknown:
            raise RuleError(f"'continues_pairs' names marks that 'pairs' does not open: {', '.join(sorted(unknown))}", "continues_pairs")
        self.continues = compile_regex(self.spec.continues, "continues") if self.spec.continues else None
        self.skip = compile_regex(self.spec.skip, "skip") if self.spec.skip else None
        self.reopens = compile_regex("(?:" + self.spec.reopens + r")\Z", "reopens") if self.spec.reopens else None
        self.mark_chars = tuple(sorted({c for pair in self.spec.pairs for c in pair}))
        self.carried = frozenset(self.spec.continues_pairs or (o for o, _ in self.spec.pairs))

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for index, block in enumerate(units):
            # Most paragraphs hold no mark at all: one substring test per
            # mark, in C, before any work per mark.
            if not any(map(block.text.__contains__, self.mark_chars)):
                continue
            nxt = units[index + 1] if index + 1 < len(units) else None
            yield from self._check_block(block, nxt)

    def _carries(self, nxt: TextBlock | None) -> bool:
        """Whether the next unit opens by carrying a quotation over."""
        return self.continues is not None and nxt is not None and bounded(self.continues.match, nxt.text) is not None

    def _check_block(self, block: TextBlock, nxt: TextBlock | None) -> Iterator[Finding]:
        text = block.text
        for opening, closing in self.spec.pairs:
            if opening == closing:
                positions = _positions(text, opening)
                # Opens after a space or an opening bracket and before a
                # visible character; closes otherwise.
                opens = [
                    (pos == 0 or text[pos - 1] in OPENING_CONTEXT) and pos + 1 < len(text) and not text[pos + 1].isspace()
                    for pos in positions
                ]
                if len(opens) % 2 == 0 and all(opens[0::2]) and not any(opens[1::2]):
                    continue  # open, close, open, close ...: all paired
            else:
                openings = _positions(text, opening)
                closings = _positions(text, closing)
                if _alternate(openings, closings):
                    continue  # the same with distinct marks
                positions = sorted(openings + closings)
                opens = [text[pos] == opening for pos in positions]
            yield from self._check_pair(block, nxt, opening, closing, positions, opens)

    def _check_pair(
        self,
        block: TextBlock,
        nxt: TextBlock | None,
        opening: str,
        closing: str,
        positions: list[int],
        opens: list[bool],
    ) -> Iterator[Finding]:
        """Pair the marks of one pair, at ``positions`` (ascending), where
        ``opens`` tells which of them open."""
        text = block.text
        stack: list[int] = []
        for pos, is_open in zip(positions, opens):
            if is_open:
                if stack and opening in self.carried and self._reopens(text, pos):
                    stack.pop()
                stack.append(pos)
            elif stack:
                stack.pop()
            elif self.skip is None or bounded(self.skip.match, text, pos) is None:
                yield self.finding(block, pos, pos + 1, self.message(text[pos], opening))
        if stack and opening in self.carried and self._carries(nxt):
            # The last opening mark runs on into the next unit.
            stack.pop()
        for pos in stack:
            yield self.finding(block, pos, pos + 1, self.message(text[pos], closing))

    def _reopens(self, text: str, pos: int) -> bool:
        return self.reopens is not None and bounded(self.reopens.search, text, max(0, pos - 40), pos) is not None


def _positions(text: str, mark: str) -> list[int]:
    """The indexes of ``mark`` in ``text``, ascending (plain string search:
    a unit holds few marks)."""
    found: list[int] = []
    at = text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def _alternate(openings: list[int], closings: list[int]) -> bool:
    """True when the marks run open, close, open, close ... and end closed:
    then every opening mark finds its partner before the next opens."""
    return (
        len(openings) == len(closings)
        and all(map(operator.lt, openings, closings))
        and all(map(operator.lt, closings, openings[1:]))
    )
