"""Alerts as protocol diagnostics.

Ranges go through :class:`~lint.lsp.documents.PositionMap` (pygls' position
codec), so UTF-16 and UTF-8 clients both get the right columns. ``code`` is
the rule id, ``codeDescription.href`` the rule's link, ``source`` is
``copydesk`` and the severity follows the rule's level. ``data`` carries what
a client or a later request needs without linting again::

    {"version": 7, "rule": "News.DoubledWord", "match": "the the",
     "fix": {"title": "...", "applicability": "safe",
             "edits": [{"range": {...}, "newText": "the"}]}}
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from lint.alerts import Alert, Fix, Level
from lint.lsp.documents import PositionMap

SOURCE = "copydesk"

SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.SUGGESTION: types.DiagnosticSeverity.Information,
}


def to_diagnostic(alert: Alert, positions: PositionMap, version: int | None) -> types.Diagnostic:
    data: dict[str, Any] = {"version": version, "rule": alert.rule, "match": alert.match}
    if alert.fix is not None:
        data["fix"] = fix_data(alert.fix, positions)
    return types.Diagnostic(
        range=positions.range(alert.offset, alert.end_offset),
        message=alert.message,
        severity=SEVERITY[alert.level],
        code=alert.rule,
        code_description=types.CodeDescription(href=alert.link) if alert.link else None,
        source=SOURCE,
        data=data,
    )


def fix_data(fix: Fix, positions: PositionMap) -> dict[str, Any]:
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [
            {"range": range_data(positions.range(e.offset, e.end_offset)), "newText": e.text} for e in fix.edits
        ],
    }


def range_data(r: types.Range) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    }


def failure_diagnostic(message: str) -> types.Diagnostic:
    """One diagnostic at the top of a document copydesk could not lint."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code="copydesk",
        source=SOURCE,
    )


def problem_diagnostic(line: int | None, message: str) -> types.Diagnostic:
    """A diagnostic on a settings or rule file that could not be used."""
    row = max((line or 1) - 1, 0)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=row, character=0), end=types.Position(line=row + 1, character=0)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code="copydesk.settings",
        source=SOURCE,
    )
