"""False-alarm rate of the shipped rule packs on published news copy.

Runs the packs that are on by default (or the packs named with ``--packs``)
over a folder of published, edited articles, linted as plain text, and
prints alerts per 1,000 words for every rule and in total, split into alerts
the corpus really deserves (listed in ``TRUE_FINDINGS`` after a manual
check) and the rest, which are false alarms.

    python3 benchmarks/precision.py                 # default packs
    python3 benchmarks/precision.py --packs StyleBook --show StyleBook.Numerals
    python3 benchmarks/precision.py --check         # exit 1 over the targets

Targets for the default packs, counting warning and error alerts: at most
0.5 per 1,000 words in total and 0.2 for any single rule. ``--check``
applies them to the false alarms only when ``--strict`` is not given, and to
every alert with ``--strict``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.alerts import Level  # noqa: E402
from lint.engine import lint_text  # noqa: E402
from lint.rule_loading import builtin_rules_dir, load_rules, pack_enabled_by_default  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news"
TOTAL_TARGET = 0.5
RULE_TARGET = 0.2

# Alerts checked by hand and found to be real flaws in the corpus text, as
# (file, line, rule). They are counted, and reported apart from false alarms.
# Line numbers are those of the corpus files as shipped.
TRUE_FINDINGS: frozenset[tuple[str, int, str]] = frozenset(
    {
        # Mechanics.DoubleSpace
        ("0701.txt", 11, "Mechanics.DoubleSpace"), ("0956.txt", 1, "Mechanics.DoubleSpace"),
        # Mechanics.InconsistentSpelling
        ("0420.txt", 9, "Mechanics.InconsistentSpelling"), ("0671.txt", 7, "Mechanics.InconsistentSpelling"),
        ("0838.txt", 9, "Mechanics.InconsistentSpelling"), ("0881.txt", 11, "Mechanics.InconsistentSpelling"),
        ("1781.txt", 17, "Mechanics.InconsistentSpelling"),
        # Mechanics.MissingSpace
        ("0749.txt", 103, "Mechanics.MissingSpace"), ("0840.txt", 59, "Mechanics.MissingSpace"),
        ("1159.txt", 47, "Mechanics.MissingSpace"), ("1161.txt", 65, "Mechanics.MissingSpace"),
        ("1346.txt", 13, "Mechanics.MissingSpace"), ("2058.txt", 11, "Mechanics.MissingSpace"),
        # Mechanics.OrdinalDate
        ("0266.txt", 7, "Mechanics.OrdinalDate"),
        # Mechanics.SpaceBeforePunctuation
        ("0040.txt", 5, "Mechanics.SpaceBeforePunctuation"), ("0097.txt", 9, "Mechanics.SpaceBeforePunctuation"),
        ("0131.txt", 9, "Mechanics.SpaceBeforePunctuation"), ("0256.txt", 11, "Mechanics.SpaceBeforePunctuation"),
        ("0306.txt", 5, "Mechanics.SpaceBeforePunctuation"), ("0377.txt", 9, "Mechanics.SpaceBeforePunctuation"),
        ("0502.txt", 11, "Mechanics.SpaceBeforePunctuation"), ("0548.txt", 7, "Mechanics.SpaceBeforePunctuation"),
        ("0559.txt", 7, "Mechanics.SpaceBeforePunctuation"), ("0566.txt", 9, "Mechanics.SpaceBeforePunctuation"),
        ("0575.txt", 7, "Mechanics.SpaceBeforePunctuation"), ("0678.txt", 5, "Mechanics.SpaceBeforePunctuation"),
        ("0749.txt", 145, "Mechanics.SpaceBeforePunctuation"),
        ("0752.txt", 61, "Mechanics.SpaceBeforePunctuation"),
        ("0840.txt", 61, "Mechanics.SpaceBeforePunctuation"), ("0913.txt", 7, "Mechanics.SpaceBeforePunctuation"),
        ("1049.txt", 9, "Mechanics.SpaceBeforePunctuation"), ("1101.txt", 13, "Mechanics.SpaceBeforePunctuation"),
        ("1159.txt", 15, "Mechanics.SpaceBeforePunctuation"),
        ("1159.txt", 43, "Mechanics.SpaceBeforePunctuation"),
        ("1213.txt", 15, "Mechanics.SpaceBeforePunctuation"),
        ("1224.txt", 11, "Mechanics.SpaceBeforePunctuation"),
        ("1231.txt", 13, "Mechanics.SpaceBeforePunctuation"), ("1410.txt", 7, "Mechanics.SpaceBeforePunctuation"),
        ("1492.txt", 9, "Mechanics.SpaceBeforePunctuation"), ("1682.txt", 5, "Mechanics.SpaceBeforePunctuation"),
        ("1769.txt", 5, "Mechanics.SpaceBeforePunctuation"), ("1784.txt", 7, "Mechanics.SpaceBeforePunctuation"),
        ("1784.txt", 9, "Mechanics.SpaceBeforePunctuation"), ("1789.txt", 25, "Mechanics.SpaceBeforePunctuation"),
        ("1789.txt", 31, "Mechanics.SpaceBeforePunctuation"),
        ("1953.txt", 11, "Mechanics.SpaceBeforePunctuation"),
        ("1958.txt", 19, "Mechanics.SpaceBeforePunctuation"),
        ("2060.txt", 13, "Mechanics.SpaceBeforePunctuation"),
        ("2111.txt", 43, "Mechanics.SpaceBeforePunctuation"),
        ("2111.txt", 49, "Mechanics.SpaceBeforePunctuation"),
        ("2127.txt", 37, "Mechanics.SpaceBeforePunctuation"),
        ("2127.txt", 89, "Mechanics.SpaceBeforePunctuation"),
        # Mechanics.UnbalancedBrackets
        ("1159.txt", 55, "Mechanics.UnbalancedBrackets"), ("1334.txt", 7, "Mechanics.UnbalancedBrackets"),
        ("1581.txt", 11, "Mechanics.UnbalancedBrackets"), ("1604.txt", 9, "Mechanics.UnbalancedBrackets"),
        # Mechanics.UnbalancedQuotes
        ("0041.txt", 7, "Mechanics.UnbalancedQuotes"), ("0202.txt", 7, "Mechanics.UnbalancedQuotes"),
        ("0440.txt", 9, "Mechanics.UnbalancedQuotes"), ("0473.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("0551.txt", 5, "Mechanics.UnbalancedQuotes"), ("0702.txt", 5, "Mechanics.UnbalancedQuotes"),
        ("0771.txt", 9, "Mechanics.UnbalancedQuotes"), ("0842.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("0912.txt", 13, "Mechanics.UnbalancedQuotes"), ("0942.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("0982.txt", 13, "Mechanics.UnbalancedQuotes"), ("0989.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("0996.txt", 5, "Mechanics.UnbalancedQuotes"), ("1049.txt", 11, "Mechanics.UnbalancedQuotes"),
        ("1049.txt", 15, "Mechanics.UnbalancedQuotes"), ("1082.txt", 7, "Mechanics.UnbalancedQuotes"),
        ("1106.txt", 11, "Mechanics.UnbalancedQuotes"), ("1126.txt", 15, "Mechanics.UnbalancedQuotes"),
        ("1209.txt", 15, "Mechanics.UnbalancedQuotes"), ("1213.txt", 21, "Mechanics.UnbalancedQuotes"),
        ("1213.txt", 25, "Mechanics.UnbalancedQuotes"), ("1225.txt", 13, "Mechanics.UnbalancedQuotes"),
        ("1244.txt", 7, "Mechanics.UnbalancedQuotes"), ("1543.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("1621.txt", 5, "Mechanics.UnbalancedQuotes"), ("1633.txt", 5, "Mechanics.UnbalancedQuotes"),
        ("1720.txt", 5, "Mechanics.UnbalancedQuotes"), ("1753.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("1765.txt", 7, "Mechanics.UnbalancedQuotes"), ("1781.txt", 17, "Mechanics.UnbalancedQuotes"),
        ("1784.txt", 5, "Mechanics.UnbalancedQuotes"), ("1843.txt", 9, "Mechanics.UnbalancedQuotes"),
        ("1860.txt", 11, "Mechanics.UnbalancedQuotes"), ("1878.txt", 7, "Mechanics.UnbalancedQuotes"),
        ("1976.txt", 7, "Mechanics.UnbalancedQuotes"), ("2100.txt", 11, "Mechanics.UnbalancedQuotes"),
        ("2111.txt", 27, "Mechanics.UnbalancedQuotes"),
        # News.BrokenParagraph
        ("0497.txt", 9, "News.BrokenParagraph"), ("0840.txt", 15, "News.BrokenParagraph"),
        ("0840.txt", 19, "News.BrokenParagraph"), ("1049.txt", 13, "News.BrokenParagraph"),
        ("1049.txt", 15, "News.BrokenParagraph"), ("1213.txt", 25, "News.BrokenParagraph"),
        ("1284.txt", 9, "News.BrokenParagraph"), ("1284.txt", 13, "News.BrokenParagraph"),
        ("1284.txt", 15, "News.BrokenParagraph"), ("1293.txt", 7, "News.BrokenParagraph"),
        ("1293.txt", 9, "News.BrokenParagraph"), ("1293.txt", 11, "News.BrokenParagraph"),
        ("1332.txt", 7, "News.BrokenParagraph"), ("1332.txt", 13, "News.BrokenParagraph"),
        ("1332.txt", 17, "News.BrokenParagraph"), ("1332.txt", 19, "News.BrokenParagraph"),
        ("1332.txt", 25, "News.BrokenParagraph"), ("1332.txt", 29, "News.BrokenParagraph"),
        ("1332.txt", 33, "News.BrokenParagraph"), ("1335.txt", 7, "News.BrokenParagraph"),
        ("1335.txt", 11, "News.BrokenParagraph"), ("1335.txt", 15, "News.BrokenParagraph"),
        ("1335.txt", 21, "News.BrokenParagraph"), ("1335.txt", 23, "News.BrokenParagraph"),
        ("1335.txt", 29, "News.BrokenParagraph"), ("1343.txt", 7, "News.BrokenParagraph"),
        ("1343.txt", 9, "News.BrokenParagraph"), ("1343.txt", 13, "News.BrokenParagraph"),
        ("1343.txt", 17, "News.BrokenParagraph"), ("1343.txt", 23, "News.BrokenParagraph"),
        ("1343.txt", 25, "News.BrokenParagraph"), ("1343.txt", 29, "News.BrokenParagraph"),
        ("1343.txt", 31, "News.BrokenParagraph"), ("1343.txt", 33, "News.BrokenParagraph"),
        ("1343.txt", 35, "News.BrokenParagraph"), ("1349.txt", 9, "News.BrokenParagraph"),
        ("1349.txt", 11, "News.BrokenParagraph"), ("1349.txt", 13, "News.BrokenParagraph"),
        ("1349.txt", 21, "News.BrokenParagraph"), ("1349.txt", 23, "News.BrokenParagraph"),
        ("1349.txt", 25, "News.BrokenParagraph"), ("1349.txt", 27, "News.BrokenParagraph"),
        ("1349.txt", 31, "News.BrokenParagraph"), ("1385.txt", 11, "News.BrokenParagraph"),
        ("1385.txt", 13, "News.BrokenParagraph"), ("1394.txt", 11, "News.BrokenParagraph"),
        ("1394.txt", 13, "News.BrokenParagraph"), ("1492.txt", 7, "News.BrokenParagraph"),
        ("1492.txt", 9, "News.BrokenParagraph"), ("1510.txt", 9, "News.BrokenParagraph"),
        ("1510.txt", 19, "News.BrokenParagraph"), ("1639.txt", 23, "News.BrokenParagraph"),
        ("1639.txt", 27, "News.BrokenParagraph"), ("1666.txt", 11, "News.BrokenParagraph"),
        ("1666.txt", 13, "News.BrokenParagraph"), ("1715.txt", 7, "News.BrokenParagraph"),
        ("1715.txt", 15, "News.BrokenParagraph"), ("1715.txt", 17, "News.BrokenParagraph"),
        ("1715.txt", 19, "News.BrokenParagraph"), ("1749.txt", 7, "News.BrokenParagraph"),
        ("1749.txt", 15, "News.BrokenParagraph"), ("1749.txt", 17, "News.BrokenParagraph"),
        # News.DoubledWord
        ("0095.txt", 7, "News.DoubledWord"), ("0354.txt", 13, "News.DoubledWord"),
        ("0709.txt", 5, "News.DoubledWord"),
        ("0752.txt", 39, "News.DoubledWord"), ("0862.txt", 7, "News.DoubledWord"),
        ("0881.txt", 9, "News.DoubledWord"), ("1191.txt", 5, "News.DoubledWord"),
        ("1364.txt", 7, "News.DoubledWord"), ("1413.txt", 7, "News.DoubledWord"),
        ("1428.txt", 7, "News.DoubledWord"), ("1477.txt", 5, "News.DoubledWord"),
        ("1512.txt", 5, "News.DoubledWord"), ("1647.txt", 7, "News.DoubledWord"),
        ("1714.txt", 7, "News.DoubledWord"), ("2127.txt", 43, "News.DoubledWord"),
        # News.RepeatedText
        ("2058.txt", 29, "News.RepeatedText"),
    }
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="folder of .txt articles")
    parser.add_argument("--packs", action="append", default=[], help="also run these packs (opt-in ones too)")
    parser.add_argument("--only-packs", action="store_true", help="run only the packs named with --packs")
    parser.add_argument("--ignore", action="append", default=[], metavar="RULE", help="leave this rule out")
    parser.add_argument("--show", action="append", default=[], metavar="RULE", help="print this rule's alerts")
    parser.add_argument("--show-false", action="store_true", help="print every alert not in TRUE_FINDINGS")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--strict", action="store_true", help="apply the targets to all alerts, true findings too")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser.parse_args(argv)


def packs_to_run(extra: list[str], only: bool) -> list[str]:
    folder = builtin_rules_dir()
    names = [] if only else [p.name for p in sorted(folder.iterdir()) if p.is_dir() and pack_enabled_by_default(p)]
    return names + [p for p in extra if p not in names]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = Path(args.corpus)
    files = sorted(corpus.glob("*.txt"))
    if not files:
        print(f"precision: no .txt files in {corpus}", file=sys.stderr)
        return 2
    packs = packs_to_run(args.packs, args.only_packs)
    rules = tuple(r for r in load_rules([builtin_rules_dir()], packs=packs).rules if r.id not in args.ignore)

    words = 0
    size = 0
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    shown: list[str] = []
    elapsed = 0.0
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        size += len(text.encode("utf-8"))
        start = time.process_time()
        alerts = lint_text(text, "text", rules)
        elapsed += time.process_time() - start
        for alert in alerts:
            true = (path.name, alert.line, alert.rule) in TRUE_FINDINGS
            counts[alert.rule]["true" if true else "false"] += 1
            if alert.rule in args.show or (args.show_false and not true and alert.level >= Level.WARNING):
                mark = "TRUE " if true else "FALSE"
                shown.append(f"{mark} {path.name}:{alert.line}:{alert.column} {alert.rule}: {alert.match!r} {alert.message}")

    for line in shown:
        print(line)
    if shown:
        print()

    per_k = 1000.0 / words
    levels = {r.id: r.level for r in rules}
    rows: list[tuple[str, str, int, int, int]] = []
    for rule in sorted(levels):
        c = counts.get(rule, Counter())
        rows.append((rule, levels[rule].label, c["true"] + c["false"], c["true"], c["false"]))

    def rate(n: int) -> str:
        return f"{n * per_k:.3f}"

    loud = [r for r in rows if levels[r[0]] >= Level.WARNING]
    total_all = sum(r[2] for r in loud)
    total_false = sum(r[4] for r in loud)
    header = ("rule", "level", "alerts", "true", "false", "per 1k (all)", "per 1k (false)")
    body = [(r[0], r[1], str(r[2]), str(r[3]), str(r[4]), rate(r[2]), rate(r[4])) for r in rows]
    footer = ("total at warning/error", "", str(total_all), str(total_all - total_false), str(total_false), rate(total_all), rate(total_false))
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in [*body, footer]:
            name = f"`{row[0]}`" if "." in row[0] else row[0]
            print("| " + " | ".join((name, *row[1:])) + " |")
    else:
        widths = [max(len(row[i]) for row in [header, *body, footer]) for i in range(len(header))]
        for row in [header, *body, footer]:
            print("  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
    print()
    print(f"{len(files)} files, {words:,} words, {size:,} bytes; packs: {', '.join(packs)}")
    print(f"lint CPU time {elapsed:.2f} s ({size / elapsed / 1e6:.2f} MB/s in one process, parsing included)")

    if not args.check:
        return 0
    def counted(row: tuple[str, str, int, int, int]) -> int:
        return row[2] if args.strict else row[4]

    failed = False
    total = sum(counted(r) for r in loud) * per_k
    if total > TOTAL_TARGET:
        print(f"FAIL total {total:.3f} per 1k words > {TOTAL_TARGET}")
        failed = True
    for r in loud:
        if counted(r) * per_k > RULE_TARGET:
            print(f"FAIL {r[0]} {counted(r) * per_k:.3f} per 1k words > {RULE_TARGET}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
