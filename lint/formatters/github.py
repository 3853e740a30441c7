"""``--format github``: GitHub Actions workflow commands, one per alert.

Each alert becomes an annotation on the pull request::

    ::error file=a.md,line=3,col=1,endLine=3,endColumn=12,title=News.Redundant::Use 'history' ...

Levels map to ``error``, ``warning`` and ``notice``. GitHub accepts columns
only when an annotation starts and ends on the same line, so multi-line
alerts carry lines alone; ``endColumn`` is the column of the last character
(inclusive). Values are escaped as the Actions toolkit does.
"""

from __future__ import annotations

import os

from lint.alerts import Alert, Level
from lint.report import Report

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def annotation(path: str, alert: Alert) -> str:
    props = [("file", display_path(path)), ("line", str(alert.line))]
    if alert.end_line == alert.line:
        props.append(("col", str(alert.column)))
        props.append(("endLine", str(alert.end_line)))
        props.append(("endColumn", str(max(alert.column, alert.end_column - 1))))
    else:
        last_line = alert.end_line - 1 if alert.end_column == 1 else alert.end_line
        props.append(("endLine", str(max(alert.line, last_line))))
    props.append(("title", alert.rule))
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[alert.level]} {fields}::{escape_data(alert.message)}\n"


def render(report: Report) -> str:
    return "".join(annotation(file.path, alert) for file in report.files for alert in file.alerts)
