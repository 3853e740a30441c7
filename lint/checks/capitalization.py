"""``extends: capitalization`` — a unit (usually a heading) must follow a case
style: ``$title``, ``$sentence``, ``$lower``, ``$upper`` or a regex."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    RuleError,
    alternation,
    compile_regex,
    get_str,
    get_str_list,
    word_bounded,
)
from lint.checks.existence import flags
from lint.checks.limits import bounded, finditer
from lint.markup.blocks import ParsedDocument, TextBlock

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")

# Words a title keeps in lower case (AP: short conjunctions, articles and
# prepositions of three letters or fewer; Chicago: all prepositions).
SMALL_WORDS = {
    "AP": frozenset("a an and as at but by for if in nor of off on or per so the to up via vs yet".split()),
    "Chicago": frozenset(
        "a about above across after against along among an and around as at before behind below beneath "
        "beside between beyond but by despite down during except for from if in inside into like near nor "
        "of off on onto or outside over per past so than the through throughout to toward towards under "
        "underneath until up upon via vs with within without yet".split()
    ),
}


@dataclass(frozen=True)
class CapitalizationSpec:
    match: str
    style: str
    exceptions: tuple[str, ...]
    indicators: tuple[str, ...]
    threshold: float


class Capitalization(Check):
    KEYS = frozenset({"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"})
    DEFAULT_SCOPE = "heading"

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        threshold = data.get("threshold", 0.8)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
            raise RuleError("'threshold' must be a number between 0 and 1", "threshold")
        self.spec = CapitalizationSpec(
            match=get_str(data, "match", required=True),
            style=get_str(data, "style", "AP"),
            exceptions=get_str_list(data, "exceptions"),
            indicators=get_str_list(data, "indicators") or (":",),
            threshold=float(threshold),
        )
        if self.spec.style not in SMALL_WORDS:
            raise RuleError(f"'style' must be one of {', '.join(SMALL_WORDS)}, not {self.spec.style!r}", "style")
        self.custom = None
        if not self.spec.match.startswith("$"):
            self.custom = compile_regex(self.spec.match, "match", flags(common))
        elif self.spec.match not in ("$title", "$sentence", "$lower", "$upper"):
            raise RuleError("'match' must be $title, $sentence, $lower, $upper or a regex", "match")
        # Exceptions are regexes (as in Vale) and may span several words
        # ("New York"): every word inside an exception's match is accepted.
        self.exceptions = (
            compile_regex(word_bounded(alternation(self.spec.exceptions, "exceptions"), False), "exceptions")
            if self.spec.exceptions
            else None
        )

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for block in units:
            text = block.text
            if not self.conforms(text):
                yield self.finding(block, 0, len(text), self.message(text))

    def conforms(self, text: str) -> bool:
        excepted = self._excepted_spans(text)
        if self.custom is not None:
            if bounded(self.custom.fullmatch, text) is not None:
                return True
            return bool(excepted) and bounded(self.custom.fullmatch, _without(text, excepted)) is not None
        if self.spec.match in ("$lower", "$upper"):
            rest = _without(text, excepted)
            return rest == (rest.lower() if self.spec.match == "$lower" else rest.upper())
        words = list(WORD.finditer(text))
        if not words:
            return True
        good = 0
        for i, m in enumerate(words):
            if _inside(m.span(), excepted):
                good += 1
            elif self.spec.match == "$title":
                good += self._title_ok(m.group(), i, len(words))
            else:
                good += self._sentence_ok(text, words, i)
        return good / len(words) >= self.spec.threshold

    def _excepted_spans(self, text: str) -> list[tuple[int, int]]:
        if self.exceptions is None:
            return []
        return [m.span() for m in finditer(self.exceptions, text)]

    def _title_ok(self, word: str, index: int, count: int) -> bool:
        if not word[0].isalpha() or word.isupper():
            return True
        if word.lower() in SMALL_WORDS[self.spec.style] and 0 < index < count - 1:
            return word == word.lower()
        return word[0].isupper()

    def _sentence_ok(self, text: str, words: list[regex.Match[str]], index: int) -> bool:
        word: str = words[index].group()
        if not word[0].isalpha():
            return True
        if index == 0:
            return word[0].isupper()
        before = text[words[index - 1].end() : words[index].start()]
        if any(indicator in before for indicator in self.spec.indicators):
            return True
        return word[0].islower() or (len(word) > 1 and word.isupper()) or word == "I"


def _inside(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _without(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the excepted spans cut out."""
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(text[position:start])
        position = end
    out.append(text[position:])
    return "".join(out)
