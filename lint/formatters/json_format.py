"""``--format json``: the stable machine-readable shape (version 1)."""

from __future__ import annotations

import json
from typing import Any

from lint.alerts import Alert, Fix
from lint.report import Report

VERSION = 1


def fix_to_json(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [{"offset": e.offset, "end_offset": e.end_offset, "text": e.text} for e in fix.edits],
    }


def alert_to_json(alert: Alert) -> dict[str, Any]:
    return {
        "rule": alert.rule,
        "severity": alert.severity,
        "message": alert.message,
        "line": alert.line,
        "column": alert.column,
        "end_line": alert.end_line,
        "end_column": alert.end_column,
        "offset": alert.offset,
        "end_offset": alert.end_offset,
        "match": alert.match,
        "link": alert.link,
        "fix": fix_to_json(alert.fix),
    }


def render(report: Report) -> str:
    summary = report.summary()
    data = {
        "version": VERSION,
        "files": [
            {"path": f.path, "markup": f.markup, "alerts": [alert_to_json(a) for a in f.alerts]}
            for f in report.files
        ],
        "summary": {
            "files": summary.files,
            "alerts": summary.alerts,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "suggestions": summary.suggestions,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
