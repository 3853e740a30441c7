"""Running copydesk the way a newsroom does, in a child process, and
measuring what it costs: exit code, output, wall time and peak memory.

Peak memory is measured by a small launcher process: it starts copydesk,
waits for it and reads ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``.
Linux counts the memory of the process a child was forked from in the
child's peak, so a child forked straight from the test session would
report the session's size, not its own.
"""

from __future__ import annotations

import bisect
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import line_col

REPO = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss: int  # bytes

    @property
    def max_rss_mib(self) -> float:
        return self.max_rss / MIB

    def json(self) -> dict[str, Any]:
        data = json.loads(self.stdout)
        assert isinstance(data, dict)
        return data

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("copydesk: error: ")]


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["CI"] = "1"  # no progress bar
    env["NO_COLOR"] = "1"
    env.pop("COPYDESK_MAX_FILE_SIZE", None)
    env.update(extra or {})
    return env


# argv: result file, then the command. Writes "returncode max_rss_kb".
LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(f"{code} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
"""


def run_python(
    args: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
) -> Run:
    """``python3 args...`` in ``cwd``; killed after ``timeout`` seconds (the
    run then has returncode -9)."""
    with tempfile.TemporaryDirectory() as scratch:
        result = Path(scratch) / "result"
        out_path, err_path = Path(scratch) / "out", Path(scratch) / "err"
        started = time.monotonic()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, str(result), sys.executable, *args],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=child_env(env),
                start_new_session=True,
            )
            timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, 9))
            timer.start()
            try:
                proc.wait()
            finally:
                timer.cancel()
        seconds = time.monotonic() - started
        stdout = out_path.read_bytes().decode("utf-8", "replace")
        stderr = err_path.read_bytes().decode("utf-8", "replace")
        code, rss = result.read_text().split() if result.exists() else ("-9", "0")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return Run(int(code), stdout, stderr, seconds, int(rss) * scale)


# Runs copydesk with its address space capped at argv[1] MiB: a rule that
# wants more gets a MemoryError (an error alert) instead of the machine.
CAPPED = """
import resource, runpy, sys
cap = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
sys.argv = ["copydesk", *sys.argv[2:]]
runpy.run_module("lint", run_name="__main__")
"""


def run_cli(
    args: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
    memory_cap_mib: int | None = None,
) -> Run:
    """``copydesk args...`` with the default packs, one process, no cache."""
    command, *rest = args
    options = ["--no-cache", "--jobs", "1", "--no-progress"] if command in ("check", "fix") else []
    if memory_cap_mib is None:
        return run_python(["-m", "lint", command, *options, *rest], cwd, env, timeout)
    return run_python(["-c", CAPPED, str(memory_cap_mib), command, *options, *rest], cwd, env, timeout)


def line_starts(source: str) -> list[int]:
    """Offsets where lines start, counted as :func:`line_col` counts them."""
    starts = [0]
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\r" and i + 1 < n and source[i + 1] == "\n":
            i += 2
            starts.append(i)
            continue
        i += 1
        if c in "\r\n":
            starts.append(i)
    return starts


def assert_json_contract(source: str, alerts: Sequence[Mapping[str, Any]]) -> None:
    """The offset contract on JSON alerts: each span lies in the source, slices
    out its match, and its line and column agree with its offsets."""
    starts = line_starts(source)

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    for a in alerts:
        assert 0 <= a["offset"] <= a["end_offset"] <= len(source), a
        assert source[a["offset"] : a["end_offset"]] == a["match"], a
        assert (a["line"], a["column"]) == position(a["offset"]), a
        assert (a["end_line"], a["end_column"]) == position(a["end_offset"]), a
