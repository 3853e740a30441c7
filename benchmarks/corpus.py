"""Throughput of the engine over the news corpus, in one process.

    python3 benchmarks/corpus.py [--corpus DIR] [--markup text] [--repeat N]

Lints every article with every default rule and prints MB/s, articles/s and
peak memory (max RSS). The corpus is research data: it is read, never copied.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    raise SystemExit(main())
