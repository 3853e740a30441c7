"""The JSON Schema for rule files ships in the package, matches the rule-type
table, and accepts every shipped rule (opt-in packs included)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from lint.rule_loading import builtin_rules_dir

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "lint" / "schemas" / "rule.schema.json").read_text(encoding="utf-8"))
RULE_FILES = sorted(p for p in builtin_rules_dir().glob("*/*.yml") if not p.name.startswith("_"))


def test_schema_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_rule_schema.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}.{p.stem}")
def test_shipped_rule_matches_schema(path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize(
    "rule",
    [
        {"message": "x", "tokens": ["a"]},  # no extends
        {"extends": "existance", "message": "x"},  # unknown type
        {"extends": "existence", "message": "x", "level": "fatal"},
        {"extends": "pattern", "message": "x", "pattern": 3},
        {"extends": "existence", "message": "x", "examples": {"ugly": ["a"]}},
    ],
)
def test_schema_rejects_what_the_loader_rejects(rule: dict[str, object]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rule, SCHEMA)
