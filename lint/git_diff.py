"""Lines changed since a git revision, for ``--diff-base REV``.

The base is the merge base of REV and ``HEAD`` (what a pull request is
compared with), and the comparison is with the files as they are on disk,
so uncommitted edits count as changed. Lines that were added or rewritten
count; pure deletions add no line. Untracked files (not ignored) are new:
every line of them counts. Renamed files count only their edited lines.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lint.alerts import Alert

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
TIMEOUT = 120


class GitDiffError(Exception):
    """git could not answer (not a repository, unknown revision, no git)."""


@dataclass(frozen=True)
class ChangedLines:
    """Changed lines per file, by absolute path; ``None`` means every line."""

    files: Mapping[str, frozenset[int] | None] = field(default_factory=dict)

    def _lines(self, path: str) -> frozenset[int] | None | bool:
        key = os.path.realpath(path)
        if key not in self.files:
            return False
        return self.files[key]

    def touches(self, path: str) -> bool:
        """True when ``path`` has at least one changed line."""
        return self._lines(path) is not False

    def keeps(self, path: str, alert: Alert) -> bool:
        """True when the alert covers a changed line of ``path``."""
        lines = self._lines(path)
        if lines is None:
            return True
        if lines is False:
            return False
        assert isinstance(lines, frozenset)
        last = alert.end_line
        if last > alert.line and alert.end_column == 1:
            last -= 1  # the alert ends with a line break: the next line is not part of it
        return any(line in lines for line in range(alert.line, last + 1))


def _git(args: Iterable[str], cwd: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitDiffError("git is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitDiffError(f"git failed: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise GitDiffError(message[-1] if message else f"git {' '.join(args)} failed")
    return result.stdout


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """New-side line numbers per path from ``git diff --unified=0`` output."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            if target.endswith("\t"):
                target = target[:-1]  # git adds a tab after a name with spaces
            if target == "/dev/null":
                current = None
            else:
                name = _unquote(target)
                current = changed.setdefault(name[2:] if name.startswith("b/") else name, set())
            continue
        match = HUNK.match(line)
        if match and current is not None:
            start = int(match.group(1))
            count = int(match.group(2)) if match.group(2) is not None else 1
            current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(name: str) -> str:
    """git quotes paths with unusual characters as C strings (octal bytes)."""
    if not (len(name) >= 2 and name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            following = body[i + 1]
            if following in ESCAPES:
                out.append(ESCAPES[following])
                i += 2
                continue
            if body[i + 1 : i + 4].isdigit() and len(body[i + 1 : i + 4]) == 3:
                out.append(int(body[i + 1 : i + 4], 8) & 0xFF)
                i += 4
                continue
        out.extend(char.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def changed_lines(rev: str, cwd: str = ".") -> ChangedLines:
    """Lines changed in the work tree of the repository at ``cwd`` since ``rev``."""
    if rev.startswith("-"):
        raise GitDiffError(f"invalid revision {rev!r}")
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd)
    except GitDiffError:
        raise GitDiffError(f"unknown revision {rev!r}") from None
    try:
        base = _git(["merge-base", "--end-of-options", rev, "HEAD"], cwd).strip()
    except GitDiffError:
        base = rev  # no common history (or no HEAD yet): compare with REV itself
    diff = _git(
        ["-c", "core.quotepath=off", "diff", "--unified=0", "--no-color", "--no-ext-diff", "--find-renames",
         "--diff-filter=AMRC", "--src-prefix=a/", "--dst-prefix=b/", base, "--"],
        top,
    )  # fmt: skip
    files: dict[str, frozenset[int] | None] = {
        os.path.realpath(os.path.join(top, path)): lines for path, lines in parse_diff(diff).items()
    }
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    for path in untracked.split("\0"):
        if path:
            files[os.path.realpath(os.path.join(top, path))] = None
    return ChangedLines(files)
