"""Golden files for every output format. Regenerate with
``COPYDESK_UPDATE_GOLDEN=1 python3 -m pytest tests/formatters``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lint.engine import LintOptions
from lint.formatters import FORMATS, render_report, renderer
from lint.formatters.text import render as render_text
from lint.rule_loading import load_rules
from lint.run import CheckRequest, run_check

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLDEN = HERE / "golden"


def demo_rules():  # type: ignore[no-untyped-def]
    return load_rules([REPO / "tests" / "data" / "rules"]).rules


def demo_report():  # type: ignore[no-untyped-def]
    rules = demo_rules()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        return run_check(CheckRequest(("tests/data/article.md",), rules, LintOptions()))
    finally:
        os.chdir(cwd)


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("COPYDESK_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; set COPYDESK_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_format_matches_golden(fmt: str) -> None:
    compare(f"article.{fmt}", render_report(fmt, demo_report(), demo_rules()))


def test_text_with_colour_matches_golden() -> None:
    compare("article.text-colour", render_text(demo_report(), colour=True))


def test_json_shape_is_stable() -> None:
    import json

    data = json.loads(renderer("json")(demo_report()))
    assert data["version"] == 1
    assert set(data) == {"version", "files", "summary"}
    alert = data["files"][0]["alerts"][0]
    assert set(alert) == {
        "rule", "severity", "message", "line", "column", "end_line", "end_column",
        "offset", "end_offset", "match", "link", "fix",
    }
    assert set(data["summary"]) == {"files", "alerts", "errors", "warnings", "suggestions"}
    source = (REPO / "tests" / "data" / "article.md").read_text(encoding="utf-8")
    for alert in data["files"][0]["alerts"]:
        assert source[alert["offset"] : alert["end_offset"]] == alert["match"]
        if alert["fix"] is not None:
            assert set(alert["fix"]) == {"title", "applicability", "edits"}
