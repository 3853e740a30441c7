"""``python -m lint`` ends its process without tearing the interpreter down:
the output is complete, the exit code is main()'s and exit handlers run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO_RULES = str(REPO / "tests" / "data" / "rules")
ENV = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}


def archive(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story-{i:03d}.md"
        path.write_text(f"# Story {i}\n\nThe past history of the town. See [this](#).\n" * 20, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_the_output_is_complete_and_the_exit_code_kept(tmp_path: Path) -> None:
    archive(tmp_path / "news", 60)
    command = [sys.executable, "-m", "lint", "check", "--rules", DEMO_RULES, "--only", "Demo", "--format", "json"]
    result = subprocess.run([*command, "news"], cwd=tmp_path, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)  # all of it arrived
    assert len(data["files"]) == 60 and data["summary"]["alerts"] == 60 * 40
    clean = tmp_path / "clean.md"
    clean.write_text("# Title\n\nThe history of the town is long.\n", encoding="utf-8")
    result = subprocess.run([*command, str(clean)], cwd=tmp_path, env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 0


def test_exit_handlers_still_run(tmp_path: Path) -> None:
    (path,) = archive(tmp_path, 1)
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        f"sys.argv = ['copydesk', 'check', '--rules', {DEMO_RULES!r}, '--only', 'Demo', '--format', 'line', {path!r}]\n"
        "from lint.cli import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("handler ran")
    assert result.stdout.count("Demo.") == 40


def test_a_usage_error_still_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lint", "check", str(tmp_path / "missing.md")],
        env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "no such file" in result.stderr


def test_the_console_script_exits_the_same_way() -> None:
    """The ``copydesk`` command (the console script) runs :func:`run`, not
    a bare ``main``: the same fast exit as ``python -m lint``."""
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["copydesk"] == "lint.cli:run"
