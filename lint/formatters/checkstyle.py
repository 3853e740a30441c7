"""``--format checkstyle``: Checkstyle XML, read by reviewdog
(``-f=checkstyle``), Jenkins' warnings plugin and most CI dashboards.

Every linted file is listed, with one ``<error>`` per alert; levels map to
``error``, ``warning`` and ``info``; ``source`` is ``copydesk.`` plus the
rule id.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from lint.alerts import Level
from lint.report import Report

SEVERITIES = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "info"}
# Characters XML 1.0 cannot carry at all, even as references.
NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_attribute(value: str) -> str:
    """A quoted XML attribute value; characters XML forbids become U+FFFD."""
    return quoteattr(NOT_XML.sub("\ufffd", value))


def xml_text(value: str) -> str:
    return escape(NOT_XML.sub("\ufffd", value))


def render(report: Report) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', '<checkstyle version="4.3">\n']
    for file in report.files:
        if not file.alerts:
            out.append(f"  <file name={xml_attribute(file.path)}/>\n")
            continue
        out.append(f"  <file name={xml_attribute(file.path)}>\n")
        for alert in file.alerts:
            out.append(
                f"    <error line=\"{alert.line}\" column=\"{alert.column}\""
                f" severity=\"{SEVERITIES[alert.level]}\" message={xml_attribute(alert.message)}"
                f" source={xml_attribute('copydesk.' + alert.rule)}/>\n"
            )
        out.append("  </file>\n")
    out.append("</checkstyle>\n")
    return "".join(out)
