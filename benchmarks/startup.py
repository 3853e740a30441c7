"""Wall time of ``copydesk check`` on one article, as a whole process.

    python3 benchmarks/startup.py [--article PATH] [--runs N]

Runs ``python -m lint check`` (the same code as the console script) and
reports the median and best wall time from process start to exit.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", default=str(REPO / "examples" / "article.md"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    command = [sys.executable, "-m", "lint", "check", "--format", "line", args.article]
    subprocess.run(command, capture_output=True, cwd=REPO, check=False)  # warm the OS cache
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=REPO, check=False)
        times.append(time.perf_counter() - start)
    print(f"article   {args.article}")
    print(f"runs      {args.runs}")
    print(f"median    {statistics.median(times) * 1000:.0f} ms")
    print(f"best      {min(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
