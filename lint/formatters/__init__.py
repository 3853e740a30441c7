"""Output formats. ``FORMATS`` maps ``--format`` names to render functions
(``Report -> str``); each lives in its own module and is imported on use."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from lint.report import Report

FORMATS: dict[str, str] = {
    "text": "lint.formatters.text",
    "json": "lint.formatters.json_format",
    "line": "lint.formatters.line",
}


def renderer(name: str) -> Callable[[Report], str]:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from: {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[name])
    render: Callable[[Report], str] = module.render
    return render
