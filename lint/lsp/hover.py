"""Hover text for a finding: the message, what the rule is about, why it
matters, and an example of copy it flags next to copy it accepts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from lint.alerts import Alert

if TYPE_CHECKING:
    from lint.rule_loading import Rule


def hover_text(findings: Sequence[tuple[Alert, Rule | None]], markdown: bool) -> str:
    return ("\n\n---\n\n" if markdown else "\n\n").join(_one(alert, rule, markdown) for alert, rule in findings)


def _one(alert: Alert, rule: Rule | None, markdown: bool) -> str:
    parts: list[str] = []
    head = f"{alert.rule} ({alert.level.label})"
    parts.append(f"**{_escape(head, markdown)}** {_escape(alert.message, markdown)}" if markdown else f"{head}: {alert.message}")
    if rule is not None:
        spec = rule.spec
        if spec.description.strip():
            parts.append(_escape(_flow(spec.description), markdown))
        if spec.why.strip():
            why = _escape(_flow(spec.why), markdown)
            parts.append(f"*Why it matters:* {why}" if markdown else f"Why it matters: {why}")
        bad = spec.examples.bad[0] if spec.examples.bad else None
        good = spec.examples.fixed[0] if spec.examples.fixed else spec.examples.good[0] if spec.examples.good else None
        if bad is not None:
            parts.append(_example("Flagged", bad, markdown))
        if good is not None:
            parts.append(_example("Better" if spec.examples.fixed else "Fine", good, markdown))
    if alert.fix is not None:
        parts.append(f"Fix: {_escape(alert.fix.title, markdown)} ({alert.fix.applicability.value})")
    if alert.link:
        parts.append(f"[More about {_escape(alert.rule, markdown)}]({alert.link})" if markdown else f"More: {alert.link}")
    return "\n\n".join(parts)


def _example(label: str, text: str, markdown: bool) -> str:
    flowed = _flow(text)
    if not markdown:
        return f"{label}: {flowed}"
    return f"{label}:\n\n> {_escape(flowed, markdown)}"


def _flow(text: str) -> str:
    return " ".join(text.split())


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _escape(text: str, markdown: bool) -> str:
    return text.translate(_MARKDOWN_SPECIAL) if markdown else text


def hover(findings: Sequence[tuple[Alert, Rule | None]], markdown: bool, range_: types.Range) -> types.Hover:
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=hover_text(findings, markdown)), range=range_)
