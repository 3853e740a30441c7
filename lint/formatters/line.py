"""``--format line``: ``path:line:col:Rule.Id:message``, sorted (Vale's line output)."""

from __future__ import annotations

from lint.report import Report


def render(report: Report) -> str:
    rows = sorted(
        (f.path, a.line, a.column, a.rule, a.message) for f in report.files for a in f.alerts
    )
    return "".join(f"{path}:{line}:{col}:{rule}:{message}\n" for path, line, col, rule, message in rows)
