"""``extends: capitalization`` — a unit (usually a heading) must follow a case
style: ``$title``, ``$sentence``, ``$lower``, ``$upper`` or a regex."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, compile_regex, get_str, get_str_list
from lint.markup.blocks import ParsedDocument, TextBlock

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")

# Words a title keeps in lower case (AP: short conjunctions, articles and
# prepositions of three letters or fewer; Chicago: all prepositions).
SMALL_WORDS = {
    "AP": frozenset("a an and as at but by for if in nor of off on or per so the to up via vs yet".split()),
    "Chicago": frozenset(
        "a an and as at but by down for from if in into like near nor of off on onto or over per past "
        "so than the to up upon via vs with yet".split()
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
            self.custom = compile_regex(self.spec.match, "match")
        elif self.spec.match not in ("$title", "$sentence", "$lower", "$upper"):
            raise RuleError("'match' must be $title, $sentence, $lower, $upper or a regex", "match")
        self.exceptions = frozenset(self.spec.exceptions)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        for block in units:
            text = block.text
            if not self.conforms(text):
                yield self.finding(block, 0, len(text), self.message(text))

    def conforms(self, text: str) -> bool:
        if self.custom is not None:
            return self.custom.fullmatch(text, timeout=2.0) is not None
        if self.spec.match == "$lower":
            return text == text.lower()
        if self.spec.match == "$upper":
            return text == text.upper()
        words = list(WORD.finditer(text))
        if not words:
            return True
        if self.spec.match == "$title":
            good = sum(self._title_ok(m.group(), i, len(words)) for i, m in enumerate(words))
        else:
            good = sum(self._sentence_ok(text, words, i) for i in range(len(words)))
        return good / len(words) >= self.spec.threshold

    def _title_ok(self, word: str, index: int, count: int) -> bool:
        if word in self.exceptions or not word[0].isalpha() or word.isupper():
            return True
        if word.lower() in SMALL_WORDS[self.spec.style] and 0 < index < count - 1:
            return word == word.lower()
        return word[0].isupper()

    def _sentence_ok(self, text: str, words: list[regex.Match[str]], index: int) -> bool:
        word = words[index].group()
        if word in self.exceptions or not word[0].isalpha():
            return True
        if index == 0:
            return word[0].isupper()
        before = text[words[index - 1].end() : words[index].start()]
        if any(indicator in before for indicator in self.spec.indicators):
            return True
        return word[0].islower() or (len(word) > 1 and word.isupper()) or word == "I"
