"""``extends: metric`` — a formula over document statistics (readability
scores and the like) compared with a ``condition`` such as ``> 8``."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec, RuleError, get_str
from lint.markup.blocks import ParsedDocument, TextBlock

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
VOWEL_GROUPS = regex.compile(r"[aeiouy]+")

VARIABLES = frozenset(
    {
        "words",
        "sentences",
        "syllables",
        "characters",
        "complex_words",
        "long_words",
        "polysyllabic_words",
        "paragraphs",
        "pre",
        "list",
        "blockquote",
        "heading_h1",
        "heading_h2",
        "heading_h3",
        "heading_h4",
        "heading_h5",
        "heading_h6",
    }
)
FUNCTIONS: dict[str, Callable[..., float]] = {"sqrt": math.sqrt, "abs": abs, "min": min, "max": max}
# (fewest, most) arguments each function takes; None is "any number".
ARITY: dict[str, tuple[int, int | None]] = {"sqrt": (1, 1), "abs": (1, 1), "min": (2, None), "max": (2, None)}
BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}


@dataclass(frozen=True)
class MetricSpec:
    formula: str
    condition: str


class Metric(Check):
    KEYS = frozenset({"formula", "condition"})
    DOCUMENT_LEVEL = True

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.spec = MetricSpec(
            formula=get_str(data, "formula", required=True),
            condition=get_str(data, "condition", required=True),
        )
        self.expression = parse_formula(self.spec.formula)
        self.compare, self.threshold = parse_condition(self.spec.condition)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        if not units:
            return
        stats = document_statistics(units, doc)
        if stats["words"] == 0:
            return
        try:
            value = float(evaluate(self.expression, stats))
        except (ZeroDivisionError, ValueError, OverflowError):
            return
        if self.compare(value, self.threshold):
            first = units[0]
            word = WORD.search(first.text)
            start, end = (word.span() if word else (0, len(first.text)))
            yield self.finding(first, start, end, self.message(f"{value:.2f}"))


def parse_formula(formula: str) -> ast.expr:
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        raise RuleError(f"invalid formula: {exc.msg}", "formula") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in VARIABLES and node.id not in FUNCTIONS:
                raise RuleError(
                    f"unknown variable {node.id!r} in formula; known: {', '.join(sorted(VARIABLES))}",
                    "formula",
                )
        elif not isinstance(
            node,
            (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Call, ast.Load, ast.USub, ast.UAdd, *BINARY),
        ):
            raise RuleError(f"unsupported syntax in formula: {type(node).__name__}", "formula")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise RuleError("formula constants must be numbers", "formula")
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
                raise RuleError(f"only these functions are allowed: {', '.join(FUNCTIONS)}", "formula")
            fewest, most = ARITY[node.func.id]
            if len(node.args) < fewest or (most is not None and len(node.args) > most):
                raise RuleError(f"wrong number of arguments to {node.func.id}()", "formula")
        elif isinstance(node, ast.Name) and node.id in FUNCTIONS:
            if not any(isinstance(p, ast.Call) and p.func is node for p in ast.walk(tree)):
                raise RuleError(f"{node.id!r} is a function; call it, e.g. {node.id}(words)", "formula")
    return tree.body


def parse_condition(condition: str) -> tuple[Callable[[float, float], bool], float]:
    text = condition.strip()
    for symbol, function in COMPARISONS.items():
        if text.startswith(symbol):
            try:
                return function, float(text[len(symbol) :])
            except ValueError:
                break
    raise RuleError(f"'condition' must look like '> 8' (operators: {' '.join(COMPARISONS)})", "condition")


def evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(values[node.id])
    if isinstance(node, ast.UnaryOp):
        operand = evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = evaluate(node.left, values), evaluate(node.right, values)
        if isinstance(node.op, ast.Pow) and abs(right) > 10:
            raise ValueError("exponent too large")
        return BINARY[type(node.op)](left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return float(FUNCTIONS[node.func.id](*(evaluate(a, values) for a in node.args)))
    raise ValueError("unsupported expression")


def syllables(word: str) -> int:
    lowered = word.lower()
    count = len(VOWEL_GROUPS.findall(lowered))
    if lowered.endswith("e") and not lowered.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def document_statistics(units: Sequence[TextBlock], doc: ParsedDocument) -> dict[str, float]:
    from lint.sentences import split_sentences

    stats: dict[str, float] = {name: 0.0 for name in VARIABLES}
    for block in units:
        words = WORD.findall(block.text)
        stats["words"] += len(words)
        stats["sentences"] += max(len(split_sentences(block.text)), 1)
        stats["characters"] += sum(len(w) for w in words)
        for word in words:
            count = syllables(word)
            stats["syllables"] += count
            if count >= 3:
                stats["polysyllabic_words"] += 1
                if not word[0].isupper() and not word.endswith(("es", "ed", "ing")):
                    stats["complex_words"] += 1
            if len(word) > 6:
                stats["long_words"] += 1
    for block in doc.blocks:
        scopes = block.scopes
        if "paragraph" in scopes:
            stats["paragraphs"] += 1
        for name in ("list", "blockquote"):
            if name in scopes:
                stats[name] += 1
        for level in range(1, 7):
            if f"heading.h{level}" in scopes:
                stats[f"heading_h{level}"] += 1
    return stats
