"""Wall and CPU time of ``copydesk check`` on one article, as a whole process.

    python3 benchmarks/startup.py [--article PATH] [--runs N] [--no-cache]

Runs ``python -m lint check`` (the same code as the console script) and
reports the median and best wall time from process start to exit, and the
median CPU time (user + system) of the child process: on a shared, loaded
machine the CPU time is the steadier figure.

The child processes run as an installed copydesk does: with
``PYTHONDONTWRITEBYTECODE`` removed from their environment, so Python keeps
the compiled ``.pyc`` files, and after one warm-up run that writes them (and
warms the OS file cache). Without that every run would compile every module
again, which no real install does.

By default the runs after the warm-up find the article's alerts in the
result cache (``.copydesk_cache``), as a rerun on an unchanged article
does; ``--no-cache`` passes ``--no-cache`` to copydesk, so every run lints
the article, as the first run on a new or edited article does.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", default=str(REPO / "examples" / "article.md"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-cache", action="store_true", help="lint the article on every run (no result cache)")
    args = parser.parse_args()
    command = [sys.executable, "-m", "lint", "check", "--format", "line", args.article]
    if args.no_cache:
        command.insert(4, "--no-cache")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # Warm-up: writes the .pyc files and warms the OS cache.
    subprocess.run(command, capture_output=True, cwd=REPO, env=env, check=False)
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(args.runs):
        cpu_start = _children_cpu()
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=REPO, env=env, check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - cpu_start)
    print(f"article   {args.article}")
    print(f"runs      {args.runs}{' (--no-cache)' if args.no_cache else ''}")
    print(f"median    {statistics.median(times) * 1000:.0f} ms")
    print(f"best      {min(times) * 1000:.0f} ms")
    print(f"cpu       {statistics.median(cpu) * 1000:.0f} ms median, {min(cpu) * 1000:.0f} ms best (user + system)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
