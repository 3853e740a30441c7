"""``extends: readability`` — Vale's grade-level check over a document.

``metrics`` lists any of ``Flesch-Kincaid``, ``Gunning Fog``,
``Coleman-Liau``, ``SMOG`` and ``Automated Readability``; their grades are
averaged and, when the average is above ``grade``, one alert is reported on
the first line of the selected text. The message's ``%s`` is the average,
with two decimals (as Vale prints it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, get_str_list
from lint.checks.metric import document_statistics
from lint.markup.blocks import ParsedDocument, TextBlock

Stats = Mapping[str, float]


def _flesch_kincaid(s: Stats) -> float:
    return 0.39 * s["words"] / s["sentences"] + 11.8 * s["syllables"] / s["words"] - 15.59


def _gunning_fog(s: Stats) -> float:
    return 0.4 * (s["words"] / s["sentences"] + 100 * s["complex_words"] / s["words"])


def _coleman_liau(s: Stats) -> float:
    letters = 100 * s["characters"] / s["words"]
    sentences = 100 * s["sentences"] / s["words"]
    return 0.0588 * letters - 0.296 * sentences - 15.8


def _smog(s: Stats) -> float:
    return 1.0430 * math.sqrt(s["polysyllabic_words"] * 30 / s["sentences"]) + 3.1291


def _automated_readability(s: Stats) -> float:
    return 4.71 * s["characters"] / s["words"] + 0.5 * s["words"] / s["sentences"] - 21.43


METRICS: dict[str, Callable[[Stats], float]] = {
    "flesch-kincaid": _flesch_kincaid,
    "gunning fog": _gunning_fog,
    "coleman-liau": _coleman_liau,
    "smog": _smog,
    "automated readability": _automated_readability,
}


@dataclass(frozen=True)
class ReadabilitySpec:
    metrics: tuple[str, ...]
    grade: float


class Readability(Check):
    KEYS = frozenset({"metrics", "grade"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        metrics = get_str_list(data, "metrics", required=True)
        for name in metrics:
            if name.lower() not in METRICS:
                raise RuleError(
                    f"unknown metric {name!r}; expected some of: Flesch-Kincaid, Gunning Fog, Coleman-Liau, "
                    "SMOG, Automated Readability",
                    "metrics",
                )
        grade = data.get("grade", 8)
        if isinstance(grade, bool) or not isinstance(grade, (int, float)):
            raise RuleError(f"'grade' must be a number, not {grade!r}", "grade")
        self.spec = ReadabilitySpec(tuple(m.lower() for m in metrics), float(grade))

    def score(self, units: Sequence[TextBlock], doc: ParsedDocument) -> float | None:
        stats = document_statistics(units, doc)
        if not stats["words"] or not stats["sentences"]:
            return None
        return sum(METRICS[m](stats) for m in self.spec.metrics) / len(self.spec.metrics)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        if not units:
            return
        value = self.score(units, doc)
        if value is None or value <= self.spec.grade:
            return
        first = units[0]
        end = first.text.find("\n")
        yield self.finding(first, 0, len(first.text) if end < 0 else end, self.message(f"{value:.2f}"))
