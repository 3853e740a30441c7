"""``--format junit``: JUnit XML, one test case per file, for CI test
dashboards (GitLab's ``artifacts:reports:junit``, Jenkins).

A file with alerts is a failed test case whose failure text lists them as
``line:col: level Rule.Id message``; a clean file passes. Which alerts count
is chosen with ``--min-level``. Files that could not be read are test cases
with an ``<error>``.
"""

from __future__ import annotations

from lint.formatters.checkstyle import xml_attribute, xml_text
from lint.report import FileReport, Report

SUITE = "copydesk"


def failure_text(file: FileReport) -> str:
    return "".join(
        f"{file.path}:{a.line}:{a.column}: {a.severity} {a.rule} {a.message}\n" for a in file.alerts
    )


def test_case(file: FileReport) -> str:
    name = xml_attribute(file.path)
    head = f'    <testcase classname="{SUITE}" name={name} file={name}'
    if not file.alerts:
        return head + "/>\n"
    count = len(file.alerts)
    message = xml_attribute(f"{count} problem{'' if count == 1 else 's'}")
    return (
        head
        + ">\n"
        + f'      <failure type="{SUITE}" message={message}>{xml_text(failure_text(file))}</failure>\n'
        + "    </testcase>\n"
    )


def error_case(error: str) -> str:
    where = error.split(": ", 1)[0]
    return (
        f'    <testcase classname="{SUITE}" name={xml_attribute(where)}>\n'
        f'      <error type="unreadable" message={xml_attribute(error)}/>\n'
        "    </testcase>\n"
    )


def render(report: Report) -> str:
    tests = len(report.files) + len(report.errors)
    failures = sum(1 for f in report.files if f.alerts)
    errors = len(report.errors)
    counts = f'tests="{tests}" failures="{failures}" errors="{errors}"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<testsuites name="{SUITE}" {counts}>\n',
        f'  <testsuite name="{SUITE}" {counts} skipped="0">\n',
    ]
    out.extend(test_case(file) for file in report.files)
    out.extend(error_case(error) for error in report.errors)
    out.append("  </testsuite>\n</testsuites>\n")
    return "".join(out)
