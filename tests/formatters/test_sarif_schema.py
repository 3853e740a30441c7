"""SARIF output against the official OASIS SARIF 2.1.0 JSON Schema.

The schema is not copied into the project (its OASIS notice does not grant
redistribution here); it is read from ``../shared/schemas`` and the tests
skip, saying so, when it is absent.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from lint.alerts import Alert, Applicability, Edit, Fix, Level
from lint.engine import LintOptions
from lint.formatters import render_report
from lint.report import FileReport, Report
from lint.rule_loading import Rule, load_rules
from lint.run import CheckRequest, run_check

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parent.parent.parent
SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def demo_rules() -> tuple[Rule, ...]:
    return load_rules([REPO / "tests" / "data" / "rules"]).rules


def demo_report() -> Report:
    article = str(REPO / "tests" / "data" / "article.md")
    return run_check(CheckRequest((article,), demo_rules(), LintOptions()))


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not available at ../shared/schemas/{SCHEMA.name}; SARIF output not validated")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        # This copy keeps the log's own shape under definitions/Root; validate
        # against it, or every document would pass.
        schema = {**schema, "$ref": "#/definitions/Root"}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(validator: Any, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_demo_report_is_valid_sarif(validator: Any) -> None:
    document = json.loads(render_report("sarif", demo_report(), demo_rules()))
    assert errors(validator, document) == []
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["Demo.Hedge", "Demo.Placeholder", "Demo.Redundant"]
    assert len(run["results"]) == 4
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 1, 13)


def test_validation_is_not_vacuous(validator: Any) -> None:
    document = json.loads(render_report("sarif", demo_report(), demo_rules()))
    broken = copy.deepcopy(document)
    broken["version"] = "2.0.0"
    assert errors(validator, broken)
    broken = copy.deepcopy(document)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert errors(validator, broken)
    broken = copy.deepcopy(document)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert errors(validator, broken)


def test_edge_cases_are_valid_sarif(validator: Any) -> None:
    """Empty regions, absolute paths, links, rules not given, unreadable files."""
    insertion = Fix("Insert a comma", (Edit(5, 5, ","),), Applicability.UNSAFE)
    alerts = (
        Alert("X.Point", Level.ERROR, "a rule failed", 0, 0, 1, 1, 1, 1, "", "https://example.org/rules#x", None),
        Alert("X.Comma", Level.SUGGESTION, "comma?", 5, 5, 1, 6, 1, 6, "", "", insertion),
        Alert("X.Span", Level.WARNING, "two lines", 3, 9, 1, 4, 2, 3, "lo\nwor", "", None),
    )
    report = Report(
        (FileReport("/tmp/abs path/ä.md", "markdown", "hello\nworld\n", alerts), FileReport("clean.txt", "text", "", ())),
        ("bad.md:1: cannot decode as UTF-8",),
    )
    document = json.loads(render_report("sarif", report))
    assert errors(validator, document) == []
    run = document["runs"][0]
    assert run["artifacts"][0]["location"]["uri"] == "file:///tmp/abs%20path/%C3%A4.md"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"X.Point", "X.Comma", "X.Span"}
