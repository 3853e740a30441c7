"""``--format vale-json``: Vale's ``--output=JSON`` shape, for tools built on it.

An object from file path to a list of alerts, each with ``Action``
(``Name``/``Params``), ``Span`` (1-based first and last column of the match
on its first line, inclusive), ``Check``, ``Description``, ``Link``,
``Message``, ``Severity``, ``Match`` and ``Line``. Files without alerts are
left out, as Vale does.
"""

from __future__ import annotations

import json
from typing import Any

from lint.alerts import Alert
from lint.report import Report


def _action(alert: Alert) -> dict[str, Any]:
    fix = alert.fix
    if fix is None or len(fix.edits) != 1:
        return {"Name": "", "Params": None}
    text = fix.edits[0].text
    if text == "":
        return {"Name": "remove", "Params": None}
    return {"Name": "replace", "Params": [text]}


def _span(alert: Alert) -> list[int]:
    if alert.end_line == alert.line:
        last = max(alert.end_column - 1, alert.column)
    else:
        first_line = alert.match.split("\n", 1)[0].rstrip("\r")
        last = alert.column + max(len(first_line), 1) - 1
    return [alert.column, last]


def vale_alert(alert: Alert) -> dict[str, Any]:
    return {
        "Action": _action(alert),
        "Span": _span(alert),
        "Check": alert.rule,
        "Description": "",
        "Link": alert.link,
        "Message": alert.message,
        "Severity": alert.level.label,
        "Match": alert.match,
        "Line": alert.line,
    }


def render(report: Report) -> str:
    out: dict[str, list[dict[str, Any]]] = {}
    for file in report.files:
        if file.alerts:
            alerts = sorted(file.alerts, key=lambda a: (a.line, a.column, a.rule))
            out[file.path] = [vale_alert(a) for a in alerts]
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
