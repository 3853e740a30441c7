"""Throughput of the engine over the news corpus, in one process.

    python3 benchmarks/corpus.py [--corpus DIR] [--markup text] [--repeat N] [--per-rule]

Lints every article with every default rule and prints MB/s, articles/s and
peak memory (max RSS). The corpus is research data: it is read, never copied.
With ``--per-rule``, one more pass times each rule's check (CPU), parsing
and the engine's own work, to show where the time goes.

    python3 benchmarks/corpus.py --scale [--corpus DIR] [--repeat N]

measures what CI and pre-commit see instead: a cold ``check`` of the whole
corpus with ``--jobs 1`` and ``--jobs 2`` (in process, no cache), a warm rerun
of the ``copydesk check`` command over the unchanged corpus with its cache,
and a pre-commit-style ``copydesk check`` of 5 changed files (a fresh
process each time). The cache lives in a temporary folder. The package's
bytecode is compiled first, as an installed package's is (otherwise every
fresh process would compile the modules edited since the last import when
``PYTHONDONTWRITEBYTECODE`` is set). Each figure is the best and the median
wall time, with the mean CPU time (user and system, children included)
beside it: on a shared machine wall time also counts the waits for a core.
Two busy loops in two processes, against one, show how many cores the run
had; the --jobs 2 speed-up an idle 2-core machine would give is estimated
from CPU times (--jobs 2 is this process and one forked worker, each
linting its share: the run lasts about as long as the busier of the two).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lint.checks.limits import watched_searches  # noqa: E402
from lint.engine import lint_text  # noqa: E402
from lint.rule_loading import Rule, builtin_rules_dir, load_rules  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "news"))
    parser.add_argument("--markup", default="text")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    parser.add_argument("--scale", action="store_true", help="--jobs, cached rerun and pre-commit timings")
    parser.add_argument("--per-rule", action="store_true", help="then one more pass, timing each rule")
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
    best = best_cpu = float("inf")
    alerts = 0
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        with watched_searches():  # once for the pass, as `copydesk check` does
            alerts = sum(len(lint_text(text, args.markup, rules)) for text in texts)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        {len(texts)}")
    print(f"size            {size_mb:.2f} MB")
    print(f"rules           {len(rules)} (loaded in {load_s * 1000:.0f} ms)")
    print(f"alerts          {alerts}")
    print(f"time (best of {args.repeat}) {best:.2f} s")
    print(f"throughput      {size_mb / best:.2f} MB/s, {len(texts) / best:.0f} articles/s")
    print(f"CPU (best)      {best_cpu:.2f} s, {size_mb / best_cpu:.2f} MB/s of CPU time (steadier on a busy machine)")
    print(f"load average    {os.getloadavg()[0]:.1f}")
    print(f"peak memory     {peak_mb:.0f} MB (max RSS)")
    if args.per_rule:
        per_rule(texts, args.markup, rules)
    return 0


def per_rule(texts: list[str], markup: str, rules: Sequence[Rule]) -> None:
    """One more pass with each rule's check timed (CPU), and what is left:
    parsing, and the engine's own work (prefilter, scopes, alerts)."""
    from lint.engine import lint_document
    from lint.markup import parse

    spent = {rule.id: 0.0 for rule in rules}
    wrapped = []
    for rule in rules:
        check = rule.check
        original = check.check

        def timed_check(units: Any, doc: Any, original: Any = original, rule_id: str = rule.id) -> list[Any]:
            start = time.process_time()
            try:
                return list(original(units, doc))
            finally:
                spent[rule_id] += time.process_time() - start

        check.check = timed_check  # type: ignore[method-assign]  # an instance attribute, removed below
        wrapped.append(check)
    parsing = 0.0
    start = time.process_time()
    try:
        with watched_searches():
            for text in texts:
                began = time.process_time()
                doc = parse(text, markup)
                parsing += time.process_time() - began
                lint_document(doc, rules)
    finally:
        for check in wrapped:
            del check.check
    total = time.process_time() - start
    in_rules = sum(spent.values())
    print(f"\nCPU per rule, one more pass ({total:.2f} s in all; the timing adds a little):")
    for rule_id, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {seconds:6.3f} s  {seconds / total:5.1%}  {rule_id}")
    print(f"  {parsing:6.3f} s  {parsing / total:5.1%}  (parsing)")
    rest = total - parsing - in_rules
    print(f"  {rest:6.3f} s  {rest / total:5.1%}  (the engine: prefilter, scopes, alerts, suppressions)")


def best_of(repeat: int, action: Callable[[], object]) -> float:
    return min(timed(repeat, action)[0])


def timed(repeat: int, action: Callable[[], object]) -> tuple[list[float], float]:
    """Wall times of ``repeat`` runs and their mean CPU time."""
    walls = []
    before = cpu_seconds()
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
    return walls, (cpu_seconds() - before) / repeat


def cpu_seconds() -> float:
    """User and system time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def own_and_children() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def cores_control(rounds: int = 3) -> float:
    """How much faster two busy loops run in two processes than one after
    the other (2.0 on two idle cores): the best of ``rounds``."""
    import os

    def spin() -> None:
        total = 0
        for i in range(3_000_000):
            total += i

    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        spin()
        one = time.perf_counter() - start
        start = time.perf_counter()
        children = []
        for _ in range(2):
            pid = os.fork()
            if pid == 0:
                spin()
                os._exit(0)
            children.append(pid)
        for pid in children:
            os.waitpid(pid, 0)
        best = max(best, 2 * one / (time.perf_counter() - start))
    return best


def summary(walls: list[float]) -> str:
    import statistics

    return f"best {min(walls):.2f} s, median {statistics.median(walls):.2f} s"


def scale(corpus: Path, repeat: int) -> int:
    """Cold --jobs 1 and 2, warm cached rerun, pre-commit-style run on 5 files."""
    import compileall
    import os
    import statistics
    import subprocess
    import tempfile

    from lint.run import CheckRequest, run_check

    files = sorted(corpus.glob("*.txt"))
    if not files:
        print(f"no articles found in {corpus}", file=sys.stderr)
        return 2
    compileall.compile_dir(str(REPO / "lint"), quiet=1)
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    load_before = os.getloadavg()[0]
    control = cores_control()
    rules = load_rules([builtin_rules_dir()]).rules
    run_check(CheckRequest(tuple(str(f) for f in files[:20]), rules))  # warm lazily built data
    cold: dict[int, list[float]] = {}
    split: dict[int, tuple[float, float]] = {}
    for _ in range(repeat):  # interleaved, so both see the same load
        for jobs in (1, 2):
            request = CheckRequest((str(corpus),), rules, jobs=jobs)
            own, children = own_and_children()
            start = time.perf_counter()
            run_check(request)
            cold.setdefault(jobs, []).append(time.perf_counter() - start)
            own_after, children_after = own_and_children()
            was = split.get(jobs, (0.0, 0.0))
            split[jobs] = (was[0] + (own_after - own) / repeat, was[1] + (children_after - children) / repeat)
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "lint", "check", "--format", "json"]
    with tempfile.TemporaryDirectory() as cache:
        fill = subprocess.run([*command, "--cache-dir", cache, str(corpus)], env=env, capture_output=True, check=False)
        assert fill.returncode in (0, 1), fill.stderr.decode()
        warm, warm_cpu = timed(
            max(repeat, 5),
            lambda: subprocess.run([*command, "--cache-dir", cache, str(corpus)], env=env, capture_output=True, check=False),
        )
    five = [str(f) for f in files[100:105]]
    hook = [sys.executable, "-m", "lint", "check", "--jobs=1", "--no-cache", *five]
    precommit, precommit_cpu = timed(max(repeat, 9), lambda: subprocess.run(hook, env=env, capture_output=True, check=False))
    idle, idle_cpu = timed(max(repeat, 9), lambda: subprocess.run([sys.executable, "-c", "pass"], env=env, check=False))
    print(f"articles            {len(files)} ({size_mb:.2f} MB), {len(rules)} rules, {os.cpu_count()} cores")
    print(
        f"load average        {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; two busy loops in two "
        f"processes ran {control:.2f}x as fast as in one (2.0 on two idle cores)"
    )
    for jobs, walls in cold.items():
        best = min(walls)
        own, children = split[jobs]
        print(
            f"cold --jobs {jobs}        {summary(walls)}, {len(files) / best:.0f} articles/s, "
            f"{size_mb / best:.2f} MB/s (CPU {own + children:.2f} s: this process {own:.2f} s, workers {children:.2f} s)"
        )
    one = sum(split[1])
    critical = max(split[2])
    print(
        f"speed-up --jobs 2    {min(cold[1]) / min(cold[2]):.2f}x best, "
        f"{statistics.median(cold[1]) / statistics.median(cold[2]):.2f}x median (target at least 1.8x); "
        f"from CPU times on two idle cores about {one / critical:.2f}x"
    )
    print(f"warm cached rerun   {summary(warm)} for the whole corpus, whole command (CPU {warm_cpu:.2f} s; target under 0.5 s)")
    print(
        f"pre-commit, 5 files {summary(precommit)}, whole command (CPU {precommit_cpu:.2f} s; target under 0.3 s); "
        f"'python -c pass' alone {min(idle):.3f} s (CPU {idle_cpu:.3f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
