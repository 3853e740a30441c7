"""``--format rdjson``: reviewdog's diagnostic JSON (``reviewdog -f=rdjson``).

Positions follow reviewdog's definition: 1-based lines, columns counted in
UTF-8 bytes, exclusive ends. An alert's fix becomes a suggestion per edit,
so reviewdog can post it as a suggested change on the pull request.
"""

from __future__ import annotations

import json
from typing import Any

from lint.alerts import Alert, Level
from lint.positions import LineIndex
from lint.report import FileReport, Report

SEVERITIES = {Level.ERROR: "ERROR", Level.WARNING: "WARNING", Level.SUGGESTION: "INFO"}
SOURCE = {"name": "copydesk"}


class BytePositions:
    """Character offsets of one file to reviewdog positions (UTF-8 byte columns)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.index = LineIndex(source)

    def position(self, offset: int) -> dict[str, int]:
        line, column = self.index.line_col(offset)
        start = self.index.line_start(line)
        prefix = self.source[start : start + column - 1]
        return {"line": line, "column": len(prefix.encode("utf-8", "surrogatepass")) + 1}

    def range(self, offset: int, end_offset: int) -> dict[str, Any]:
        return {"start": self.position(offset), "end": self.position(end_offset)}


def diagnostic(file: FileReport, alert: Alert, positions: BytePositions) -> dict[str, Any]:
    code: dict[str, str] = {"value": alert.rule}
    if alert.link:
        code["url"] = alert.link
    result: dict[str, Any] = {
        "message": alert.message,
        "location": {"path": file.path, "range": positions.range(alert.offset, alert.end_offset)},
        "severity": SEVERITIES[alert.level],
        "source": SOURCE,
        "code": code,
    }
    if alert.fix is not None and alert.fix.edits:
        result["suggestions"] = [
            {"range": positions.range(edit.offset, edit.end_offset), "text": edit.text} for edit in alert.fix.edits
        ]
    result["original_output"] = f"{file.path}:{alert.line}:{alert.column}: {alert.severity} {alert.rule} {alert.message}"
    return result


def render(report: Report) -> str:
    diagnostics: list[dict[str, Any]] = []
    for file in report.files:
        if not file.alerts:
            continue
        positions = BytePositions(file.source)
        diagnostics.extend(diagnostic(file, alert, positions) for alert in file.alerts)
    data = {"source": SOURCE, "diagnostics": diagnostics}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
