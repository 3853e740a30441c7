"""Rule documentation for ``copydesk rules`` and ``copydesk explain``."""

from __future__ import annotations

from collections.abc import Sequence

from lint.rule_loading import Rule


def first_line(text: str, limit: int = 90) -> str:
    """The first sentence of a description, cut to ``limit`` characters."""
    stripped = " ".join(text.split())
    end = stripped.find(": ")
    sentence_end = stripped.find(". ")
    cut = min(i for i in (end, sentence_end, len(stripped)) if i >= 0)
    first = stripped[:cut].rstrip(".")
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def list_rules(rules: Sequence[Rule], opt_in: frozenset[str] = frozenset()) -> str:
    """A table of rules; rules of opt-in packs are marked with ``*``."""
    rows = [
        (r.id + ("*" if r.pack in opt_in else ""), r.level.label, r.spec.extends, r.spec.fix.value, first_line(r.spec.description))
        for r in rules
    ]
    rows.sort()
    if not rows:
        return "No rules loaded.\n"
    widths = [max(len(row[i]) for row in rows + [("RULE", "LEVEL", "TYPE", "FIX", "")]) for i in range(4)]
    header = ("RULE", "LEVEL", "TYPE", "FIX", "DESCRIPTION")
    lines = []
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    if any(r.pack in opt_in for r in rules):
        lines.append("")
        lines.append("* in an opt-in pack: turn it on with extend-packs in copydesk.toml.")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def explain_rule(rule: Rule, opt_in: bool = False) -> str:
    spec = rule.spec
    state = ", opt-in pack" if opt_in else ""
    parts = [
        f"{spec.id}  ({spec.level.label}, extends: {spec.extends}, fix: {spec.fix.value}{state})",
        "",
        spec.description.strip() or "(no description)",
    ]
    if spec.why.strip():
        parts += ["", "Why:", indent(spec.why.strip())]
    examples = spec.examples
    if examples.bad:
        parts += ["", "Flagged:"] + [indent("- " + e) for e in examples.bad]
    if examples.good:
        parts += ["", "Not flagged:"] + [indent("- " + e) for e in examples.good]
    if examples.fixed:
        parts += ["", "After the fix:"] + [indent("- " + e) for e in examples.fixed]
    if spec.link:
        parts += ["", f"More: {spec.link}"]
    parts += ["", f"Defined in: {spec.path}"]
    return "\n".join(parts) + "\n"


def indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
