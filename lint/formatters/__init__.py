"""Output formats. ``FORMATS`` maps ``--format`` names to render functions
(``Report -> str``); each lives in its own module and is imported on use."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lint.report import Report

if TYPE_CHECKING:
    from lint.rule_loading import Rule

FORMATS: dict[str, str] = {
    "text": "lint.formatters.text",
    "json": "lint.formatters.json_format",
    "line": "lint.formatters.line",
    "github": "lint.formatters.github",
    "sarif": "lint.formatters.sarif",
    "checkstyle": "lint.formatters.checkstyle",
    "junit": "lint.formatters.junit",
    "rdjson": "lint.formatters.rdjson",
    "html": "lint.formatters.html",
    "vale-json": "lint.formatters.vale_json",
}


def renderer(name: str) -> Callable[[Report], str]:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from: {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[name])
    render: Callable[[Report], str] = module.render
    return render


def render_report(name: str, report: Report, rules: Sequence[Rule] = ()) -> str:
    """Render with the rules that ran, for formats that describe them
    (those whose module sets ``USES_RULES``)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from: {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[name])
    if getattr(module, "USES_RULES", False):
        text: str = module.render(report, rules=rules)
        return text
    return renderer(name)(report)
