"""``--diff-base REV``: only alerts on lines changed since REV, in real git
repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint.alerts import Alert, Level
from lint.git_diff import ChangedLines, GitDiffError, changed_lines, parse_diff

REPO = Path(__file__).resolve().parent.parent
DEMO_RULES = str(REPO / "tests" / "data" / "rules")

OLD = "# Archive\n\nThe past history of the port.\n\nIt was very old.\n\nSee [the map](#).\n"


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Desk",
        "GIT_AUTHOR_EMAIL": "desk@example.org",
        "GIT_COMMITTER_NAME": "Desk",
        "GIT_COMMITTER_EMAIL": "desk@example.org",
    }
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "news" / "other.md").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "archive")
    return tmp_path


def check(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lint", "check", "--rules", DEMO_RULES, "--only", "Demo", "--no-cache",
         "--format", "line", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=False,
    )  # fmt: skip


def test_only_alerts_on_changed_lines_are_reported(repo: Path) -> None:
    article = repo / "news" / "old.md"
    article.write_text(OLD.replace("It was very old.", "It was really very old."), encoding="utf-8")
    (repo / "news" / "new.md").write_text("# New\n\nThe end result.\n", encoding="utf-8")
    everything = check(repo, "news")
    assert "news/other.md" in everything.stdout and "Demo.Placeholder" in everything.stdout
    result = check(repo, "--diff-base", "HEAD", "news")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "news/new.md:3:5:Demo.Redundant:Use 'result' instead of 'end result'.",
        "news/old.md:5:8:Demo.Hedge:Consider removing 'really'.",
        "news/old.md:5:15:Demo.Hedge:Consider removing 'very'.",
    ]


def test_pull_request_compares_with_the_merge_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "story")
    article = repo / "news" / "old.md"
    article.write_text(OLD + "\nA new paragraph, very short.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "update")
    git(repo, "checkout", "-q", "main")
    (repo / "news" / "other.md").write_text(OLD + "\nThe end result on main.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "story")
    result = check(repo, "--diff-base", "main", "news")
    # other.md differs from main's version only because main moved on: not this branch's change.
    assert result.stdout.splitlines() == ["news/old.md:9:18:Demo.Hedge:Consider removing 'very'."]


def test_json_summary_counts_only_changed_files(repo: Path) -> None:
    (repo / "news" / "other.md").write_text(OLD.replace("[the map](#)", "[the map](https://example.org)"), encoding="utf-8")
    result = check(repo, "--diff-base", "HEAD", "--format", "json", ".")
    assert result.returncode == 0, result.stderr
    assert '"files": 1' in result.stdout and '"alerts": 0' in result.stdout


def test_bad_revision_and_no_repository_are_usage_errors(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    result = check(repo, "--diff-base", "no-such-branch", ".")
    assert result.returncode == 2
    assert "--diff-base: unknown revision 'no-such-branch'" in result.stderr
    assert check(repo, "--diff-base", "--output=x", ".").returncode == 2
    outside = tmp_path_factory.mktemp("plain")
    (outside / "a.md").write_text(OLD, encoding="utf-8")
    result = check(outside, "--diff-base", "HEAD", "a.md")
    assert result.returncode == 2 and "--diff-base:" in result.stderr


def test_changed_lines_handles_renames_and_odd_names(repo: Path) -> None:
    git(repo, "mv", "news/other.md", "news/ränamed \"q\".md")
    renamed = repo / "news" / "ränamed \"q\".md"
    renamed.write_text(OLD.replace("very old", "very, very old"), encoding="utf-8")
    changed = changed_lines("HEAD", str(repo))
    assert changed.files[os.path.realpath(renamed)] == frozenset({5})
    assert not changed.touches(str(repo / "news" / "old.md"))
    with pytest.raises(GitDiffError):
        changed_lines("HEAD~5", str(repo))


def test_parse_diff() -> None:
    diff = (
        "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n"
        "@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+p\n+q\n@@ -20,2 +22,0 @@\n-gone\n-gone\n"
        "diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        'diff --git "a/t\\303\\244b\\tx.md" "b/t\\303\\244b\\tx.md"\n+++ "b/t\\303\\244b\\tx.md"\n@@ -0,0 +1 @@\n+z\n'
    )
    assert parse_diff(diff) == {"a.md": frozenset({3, 11, 12}), "täb\tx.md": frozenset({1})}


def alert(line: int, column: int, end_line: int, end_column: int) -> Alert:
    return Alert("X.Y", Level.WARNING, "m", 0, 1, line, column, end_line, end_column, "x")


def test_alert_kept_when_any_of_its_lines_changed(tmp_path: Path) -> None:
    path = str(tmp_path / "a.md")
    changed = ChangedLines({os.path.realpath(path): frozenset({4})})
    assert changed.keeps(path, alert(4, 2, 4, 5))
    assert changed.keeps(path, alert(3, 2, 5, 1))
    assert not changed.keeps(path, alert(3, 2, 4, 1))  # ends at the start of line 4
    assert not changed.keeps(path, alert(5, 1, 5, 3))
    assert not changed.keeps(str(tmp_path / "b.md"), alert(4, 2, 4, 5))
    new = ChangedLines({os.path.realpath(path): None})
    assert new.touches(path) and new.keeps(path, alert(99, 1, 99, 2))


def test_diff_line_numbers_match_alert_lines_with_crlf(repo: Path) -> None:
    article = repo / "news" / "old.md"
    article.write_bytes(OLD.replace("\n", "\r\n").encode("utf-8"))
    git(repo, "commit", "-q", "-am", "crlf")
    article.write_bytes(OLD.replace("\n", "\r\n").replace("very old", "really old").encode("utf-8"))
    result = check(repo, "--diff-base", "HEAD", "news")
    assert result.stdout.splitlines() == ["news/old.md:5:8:Demo.Hedge:Consider removing 'really'."]
