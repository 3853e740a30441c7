"""The hooks in ``.pre-commit-hooks.yaml`` through the real ``pre-commit
try-repo``: pre-commit builds copydesk into its own virtualenv (from PyPI and
this checkout) and runs it on a temporary editorial repository.

``try-repo`` on a checkout with local changes commits the tracked changes to
a shadow copy but leaves untracked files out, so on a checkout that is not
clean (a developer's work tree) the test gives ``try-repo`` a committed
snapshot of the work tree instead; on a clean clone (CI) it uses the checkout
itself. Both scenarios run at once, each with one hook environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 600

BAD = "# Council votes\n\nThe past history of the town is long. See [the report](#).\n"
CLEAN_MD = "# Council votes\n\nThe history of the town is long. See [the report](https://example.org/report).\n"
CLEAN_TXT = "The council met on Tuesday and agreed the budget.\n"
NOT_COPY = "# Not an article: the past history of this script.\n"  # .py: never passed to the hook

IDENTITY = {
    "GIT_AUTHOR_NAME": "Copy Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Copy Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
}


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **IDENTITY}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def hook_source(tmp: Path) -> Path:
    """The repository ``try-repo`` installs copydesk from."""
    try:
        status = git(REPO, "status", "--porcelain")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this copy of copydesk is not a git checkout; pre-commit needs one to install the hooks")
    if not status.strip():
        return REPO
    snapshot = tmp / "copydesk"
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot of the work tree")
    return snapshot


def has_fix_command(source: Path) -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "lint", "fix", "--help"],
        cwd=source,
        env={**os.environ, "PYTHONPATH": str(source)},
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result.returncode == 0


def editorial_repo(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    git(folder, "init", "-q")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    git(folder, "add", ".")
    return folder


@dataclass(frozen=True)
class HookRun:
    folder: Path
    code: int
    output: str


def try_repo(source: Path, folder: Path, hook: str | None) -> HookRun:
    # Nothing of this interpreter's set-up may leak into the hook's own environment.
    leaks = ("PRE_COMMIT", "GIT_", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if not k.startswith(leaks)}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(source)]
    command += [hook] if hook else []
    command += ["--all-files", "--color", "never"]
    result = subprocess.run(
        command, cwd=folder, env={**env, **IDENTITY}, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    return HookRun(folder, result.returncode, result.stdout + result.stderr)


@dataclass(frozen=True)
class Runs:
    clean: HookRun
    bad: HookRun
    fix: bool


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    tmp = tmp_path_factory.mktemp("precommit")
    source = hook_source(tmp)
    fix = has_fix_command(source)
    hook = None if fix else "copydesk"  # no hook id: every hook of the manifest
    clean = editorial_repo(tmp / "clean", {"story.md": CLEAN_MD, "brief.txt": CLEAN_TXT, "tool.py": NOT_COPY})
    bad = editorial_repo(tmp / "bad", {"story.md": BAD, "clean.md": CLEAN_MD, "tool.py": NOT_COPY})
    with ThreadPoolExecutor(2) as pool:
        clean_run, bad_run = pool.map(lambda folder: try_repo(source, folder, hook), [clean, bad])
    yield Runs(clean_run, bad_run, fix)


def test_check_hook_passes_on_clean_copy(runs: Runs) -> None:
    assert runs.clean.code == 0, runs.clean.output
    assert any(line.startswith("copydesk.") and line.endswith("Passed") for line in runs.clean.output.splitlines())
    assert "tool.py" not in runs.clean.output


def test_check_hook_fails_on_a_bad_article_with_copydesks_output(runs: Runs) -> None:
    assert runs.bad.code == 1, runs.bad.output
    lines = runs.bad.output.splitlines()
    assert any(line.startswith("copydesk.") and line.endswith("Failed") for line in lines), runs.bad.output
    assert "- hook id: copydesk\n- exit code: 1" in runs.bad.output
    assert "story.md:3:43: error News.PlaceholderLink" in runs.bad.output
    assert "story.md:3:5: warning" in runs.bad.output and "past history" in runs.bad.output
    assert "clean.md:" not in runs.bad.output and "tool.py" not in runs.bad.output


def test_fix_hook_rewrites_the_article(runs: Runs) -> None:
    if not runs.fix:
        pytest.skip("this copydesk has no 'fix' command yet; the copydesk-fix hook was not run")
    lines = runs.bad.output.splitlines()
    assert any(line.startswith("copydesk (apply safe fixes)") and line.endswith("Failed") for line in lines)
    assert "- hook id: copydesk-fix" in runs.bad.output
    assert "- files were modified by this hook" in runs.bad.output
    fixed = (runs.bad.folder / "story.md").read_text(encoding="utf-8")
    assert fixed == BAD.replace("The past history", "The history")
    assert (runs.bad.folder / "clean.md").read_text(encoding="utf-8") == CLEAN_MD
    assert any(line.startswith("copydesk (apply safe fixes)") and line.endswith("Passed") for line in runs.clean.output.splitlines())
    assert (runs.clean.folder / "story.md").read_text(encoding="utf-8") == CLEAN_MD
