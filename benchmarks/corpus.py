"""Throughput of the engine over the news corpus, in one process.

    python3 benchmarks/corpus.py [--corpus DIR] [--markup text] [--repeat N]

Lints every article with every default rule and prints MB/s, articles/s and
peak memory (max RSS). The corpus is research data: it is read, never copied.

    python3 benchmarks/corpus.py --scale [--corpus DIR] [--repeat N]

measures what CI and pre-commit see instead: a cold ``check`` of the whole
corpus with ``--jobs 1`` and ``--jobs 2`` (in process, no cache), a warm rerun
of the ``copydesk check`` command over the unchanged corpus with its cache,
and a pre-commit-style ``copydesk check`` of 5 changed files (a fresh
process each time, wall clock). The cache lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lint.engine import lint_text  # noqa: E402
from lint.rule_loading import builtin_rules_dir, load_rules  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "news"))
    parser.add_argument("--markup", default="text")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    parser.add_argument("--scale", action="store_true", help="--jobs, cached rerun and pre-commit timings")
    args = parser.parse_args()
    if args.scale:
        return scale(Path(args.corpus), args.repeat)
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no articles found in {args.corpus}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    rules = load_rules([builtin_rules_dir()]).rules
    load_s = time.perf_counter() - t0
    best = float("inf")
    alerts = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        alerts = sum(len(lint_text(text, args.markup, rules)) for text in texts)
        best = min(best, time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        {len(texts)}")
    print(f"size            {size_mb:.2f} MB")
    print(f"rules           {len(rules)} (loaded in {load_s * 1000:.0f} ms)")
    print(f"alerts          {alerts}")
    print(f"time (best of {args.repeat}) {best:.2f} s")
    print(f"throughput      {size_mb / best:.2f} MB/s, {len(texts) / best:.0f} articles/s")
    print(f"peak memory     {peak_mb:.0f} MB (max RSS)")
    return 0


def best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def cpu_seconds() -> float:
    """User and system time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def scale(corpus: Path, repeat: int) -> int:
    """Cold --jobs 1 and 2, warm cached rerun, pre-commit-style run on 5 files."""
    import os
    import subprocess
    import tempfile

    from lint.run import CheckRequest, run_check

    files = sorted(corpus.glob("*.txt"))
    if not files:
        print(f"no articles found in {corpus}", file=sys.stderr)
        return 2
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    rules = load_rules([builtin_rules_dir()]).rules
    run_check(CheckRequest(tuple(str(f) for f in files[:20]), rules))  # warm lazily built data
    cold = {}
    cpu = {}
    for jobs in (1, 2):
        request = CheckRequest((str(corpus),), rules, jobs=jobs)
        before = cpu_seconds()
        cold[jobs] = best_of(repeat, lambda request=request: run_check(request))  # type: ignore[misc]
        cpu[jobs] = (cpu_seconds() - before) / repeat
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "lint", "check", "--format", "json"]
    with tempfile.TemporaryDirectory() as cache:
        fill = subprocess.run([*command, "--cache-dir", cache, str(corpus)], env=env, capture_output=True, check=False)
        assert fill.returncode in (0, 1), fill.stderr.decode()
        before = cpu_seconds()
        warm = best_of(
            repeat,
            lambda: subprocess.run([*command, "--cache-dir", cache, str(corpus)], env=env, capture_output=True, check=False),
        )
        warm_cpu = (cpu_seconds() - before) / repeat
    five = [str(f) for f in files[100:105]]
    hook = [sys.executable, "-m", "lint", "check", "--jobs=1", "--no-cache", *five]
    before = cpu_seconds()
    precommit = best_of(max(repeat, 5), lambda: subprocess.run(hook, env=env, capture_output=True, check=False))
    precommit_cpu = (cpu_seconds() - before) / max(repeat, 5)
    print(f"articles            {len(files)} ({size_mb:.2f} MB), {len(rules)} rules, {os.cpu_count()} cores")
    print(f"load average        {os.getloadavg()[0]:.1f} (figures are wall clock; other work slows them)")
    for jobs, seconds in cold.items():
        print(
            f"cold --jobs {jobs}        {seconds:.2f} s, {len(files) / seconds:.0f} articles/s, "
            f"{size_mb / seconds:.2f} MB/s (CPU {cpu[jobs]:.2f} s)"
        )
    print(f"speed-up --jobs 2    {cold[1] / cold[2]:.2f}x (target at least 1.8x)")
    print(f"warm cached rerun   {warm:.2f} s for the whole corpus, whole command (CPU {warm_cpu:.2f} s; target under 0.5 s)")
    print(f"pre-commit, 5 files {precommit * 1000:.0f} ms wall, whole command (CPU {precommit_cpu * 1000:.0f} ms; target under 300 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
