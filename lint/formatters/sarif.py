"""``--format sarif``: SARIF 2.1.0, one run, for code scanning dashboards.

The run lists the rules that ran (id, short and full description from the
rule's docs, help URI, default level) and one result per alert with its
region. Columns count Unicode code points (``columnKind``), like copydesk's
own; end lines and columns are exclusive, as SARIF defines them. Safe and
unsafe fixes become SARIF ``fixes``; files that could not be read become
tool notifications of the invocation.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from lint import __version__
from lint.alerts import Alert, Fix, Level
from lint.report import Report

if TYPE_CHECKING:
    from lint.rule_loading import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}
USES_RULES = True


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file URI."""
    if os.path.isabs(path):
        return PurePath(os.path.normpath(path)).as_uri()
    return quote(os.path.normpath(path).replace(os.sep, "/"))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    spec = rule.spec
    short = spec.description or spec.message
    full = " ".join(part for part in (spec.description, spec.why) if part) or short
    descriptor: dict[str, Any] = {
        "id": spec.id,
        "name": spec.id.split(".", 1)[-1],
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVELS[spec.level]},
        "properties": {"tags": [rule.pack], "fix": spec.fix.value},
    }
    if spec.why:
        descriptor["help"] = {"text": spec.why}
    if spec.link:
        descriptor["helpUri"] = spec.link
    return descriptor


def bare_descriptor(alert: Alert) -> dict[str, Any]:
    """For an alert whose rule is not in the rule list (rules not given)."""
    descriptor: dict[str, Any] = {
        "id": alert.rule,
        "name": alert.rule.split(".", 1)[-1],
        "shortDescription": {"text": alert.rule},
        "defaultConfiguration": {"level": LEVELS[alert.level]},
    }
    if alert.link:
        descriptor["helpUri"] = alert.link
    return descriptor


def region(alert: Alert, source: str) -> dict[str, Any]:
    return {
        "startLine": alert.line,
        "startColumn": alert.column,
        "endLine": alert.end_line,
        "endColumn": alert.end_column,
        "charOffset": alert.offset,
        "charLength": alert.end_offset - alert.offset,
        "snippet": {"text": source[alert.offset : alert.end_offset]},
    }


def sarif_fix(fix: Fix, uri: str) -> dict[str, Any]:
    return {
        "description": {"text": fix.title or "Apply the suggested fix"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {
                        "deletedRegion": {"charOffset": edit.offset, "charLength": edit.end_offset - edit.offset},
                        "insertedContent": {"text": edit.text},
                    }
                    for edit in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def build(report: Report, rules: Sequence[Rule] = ()) -> dict[str, Any]:
    descriptors = [rule_descriptor(rule) for rule in sorted(rules, key=lambda r: r.id)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for file in report.files:
        uri = artifact_uri(file.path)
        artifact_index = len(artifacts)
        artifacts.append({"location": {"uri": uri}, "sourceLanguage": file.markup})
        for alert in file.alerts:
            if alert.rule not in index:
                index[alert.rule] = len(descriptors)
                descriptors.append(bare_descriptor(alert))
            result: dict[str, Any] = {
                "ruleId": alert.rule,
                "ruleIndex": index[alert.rule],
                "level": LEVELS[alert.level],
                "message": {"text": alert.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "index": artifact_index},
                            "region": region(alert, file.source),
                        }
                    }
                ],
            }
            if alert.fix is not None and alert.fix.edits:
                result["fixes"] = [sarif_fix(alert.fix, uri)]
            results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error}} for error in report.errors
        ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copydesk",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, rules: Sequence[Rule] = ()) -> str:
    return json.dumps(build(report, rules), ensure_ascii=False, indent=2) + "\n"
