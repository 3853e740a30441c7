"""Helpers for the Vale compatibility tests: build a Vale project (ini,
styles, vocabularies) in a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from lint.vale import project as vale_project


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_project(root: Path, ini: str, rules: Mapping[str, str] = {}, files: Mapping[str, str] = {}) -> Path:
    """``rules`` maps ``Style/Rule`` to YAML; ``files`` maps paths to text."""
    write(root / ".vale.ini", ini)
    for name, body in rules.items():
        write(root / "styles" / f"{name}.yml", body)
    for name, body in files.items():
        write(root / name, body)
    return root


@pytest.fixture(autouse=True)
def _fresh_warnings() -> None:
    vale_project._WARNED.clear()
