"""Harper through copydesk: start-up, cost per article, JFLEG and false alarms.

    python3 benchmarks/grammar.py                     # everything
    python3 benchmarks/grammar.py --only jfleg        # startup | cost | jfleg | precision
    python3 benchmarks/grammar.py --sample 300        # every 7th article or so, for a quick look

* startup: ``import harper`` and ``harper.Linter()`` in a fresh process
  (the cost a CLI run or a parallel worker pays once), and its first lint.
* cost: the shipped ``Grammar.Harper`` rule through the engine, per article
  of the news corpus (plain text), in CPU time and wall time.
* jfleg: ``../shared/corpus/errors/jfleg`` (dev and test). Its sentences are
  tokenised with spaces before punctuation ("do n't", "world ." ): they are
  rejoined first. Reported: how many source sentences (which have errors)
  get at least one alert, and how many corrected references get none.
* precision: alerts per 1,000 words on the published news corpus, by
  backend rule. The corpus is edited copy, so these are mostly false alarms
  (it also holds reader comments with real slips).

Two configurations are measured: the shipped rule (news defaults, spelling
of lower-case words only) and Harper's own defaults (every rule Harper turns
on, spelling of every word; copydesk's filters for known names and token
fragments still apply) for comparison; JFLEG also runs the shipped rule
without spelling. The corpus text is read in place and
never printed beyond single words.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.engine import lint_text  # noqa: E402
from lint.rule_loading import Rule, load_rule_file, load_rules  # noqa: E402

SHARED = ROOT.parent / "shared"
NEWS = SHARED / "corpus" / "news"
JFLEG = SHARED / "corpus" / "errors" / "jfleg"
REFERENCE = SHARED / "seeds" / "000_3a7a772bcab281d6.txt"

HARPER_DEFAULTS = """
extends: grammar
backend: harper
message: "%s"
level: warning
scope: [paragraph, list]
spelling: all
news_defaults: false
"""


# -- configurations -----------------------------------------------------------


def shipped_rule(dialect: str) -> Rule:
    rules = load_rules([ROOT / "rules" / "Grammar"], packs=["Grammar"]).rules
    (rule,) = rules
    return _with_dialect(rule, dialect)


def harper_defaults_rule(dialect: str) -> Rule:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "HarperDefaults.yml"
        path.write_text(HARPER_DEFAULTS + f"dialect: {dialect}\n", encoding="utf-8")
        rule, _ = load_rule_file(path, "Bench")
    return rule


def shipped_without_spelling_rule(dialect: str) -> Rule:
    text = (ROOT / "rules" / "Grammar" / "Harper.yml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "NoSpelling.yml"
        path.write_text(text.replace("spelling: lowercase", "spelling: 'off'"), encoding="utf-8")
        rule, _ = load_rule_file(path, "Bench")
    return _with_dialect(rule, dialect)


def _with_dialect(rule: Rule, dialect: str) -> Rule:
    from lint.grammar import settings

    settings.configure(dialect=dialect)
    return rule


# -- JFLEG --------------------------------------------------------------------

_CONTRACTIONS = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|’s)\b", re.IGNORECASE)
_BEFORE = re.compile(r" ([.,!?;:%)\]}])")
_AFTER = re.compile(r"([(\[{$]) ")
_QUOTED = re.compile(r'" ([^"]*?) "')


def detokenize(line: str) -> str:
    """Rejoin a tokenised JFLEG sentence: "It 's a test ." -> "It's a test."."""
    text = " ".join(line.split())
    text = _CONTRACTIONS.sub(r"\1", text)
    text = _QUOTED.sub(r'"\1"', text)
    text = _BEFORE.sub(r"\1", text)
    text = _AFTER.sub(r"\1", text)
    return text.replace(" - ", " - ").strip()


def jfleg_split(split: str) -> tuple[list[str], list[list[str]]]:
    folder = JFLEG / split
    sources = [detokenize(s) for s in (folder / f"{split}.src").read_text(encoding="utf-8").splitlines()]
    refs = [
        [detokenize(s) for s in (folder / f"{split}.ref{i}").read_text(encoding="utf-8").splitlines()] for i in range(4)
    ]
    return sources, refs


def flagged(rule: Rule, text: str) -> bool:
    return bool(lint_text(text, "text", [rule]))


def jfleg(rule: Rule) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for split in ("dev", "test"):
        sources, refs = jfleg_split(split)
        hit = sum(1 for s in sources if s and flagged(rule, s))
        clean = [sum(1 for r in ref if r and not flagged(rule, r)) for ref in refs]
        total_refs = sum(len([r for r in ref if r]) for ref in refs)
        out[split] = {
            "sources": len(sources),
            "sources_flagged": hit,
            "references": total_refs,
            "references_clean": sum(clean),
        }
    return out


# -- cost and precision on the news corpus ----------------------------------------


def corpus_files(sample: int | None) -> list[Path]:
    files = sorted(NEWS.glob("*.txt"))
    if sample and sample < len(files):
        step = len(files) / sample
        files = [files[int(i * step)] for i in range(sample)]
    return files


def cost_and_precision(rule: Rule, files: Sequence[Path]) -> dict[str, object]:
    """Each article is linted twice: the first run is the cost of new text
    (what ``copydesk check`` pays); the second shows Harper's own cache of
    unchanged text (what the language server pays for a re-lint)."""
    # Load Harper and the word lists the spelling filter uses before timing.
    lint_text("Zhovkvanenko warmed up the goverment linter before timing anything.", "text", [rule])
    cpu_ms: list[float] = []
    wall_ms: list[float] = []
    again_ms: list[float] = []
    words = 0
    by_rule: Counter[str] = Counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        wall = time.perf_counter()
        cpu = time.process_time()
        alerts = lint_text(text, "text", [rule])
        cpu_ms.append((time.process_time() - cpu) * 1000)
        wall_ms.append((time.perf_counter() - wall) * 1000)
        cpu = time.process_time()
        lint_text(text, "text", [rule])
        again_ms.append((time.process_time() - cpu) * 1000)
        by_rule.update(a.rule.split("/", 1)[-1] for a in alerts)
    total = sum(by_rule.values())
    return {
        "articles": len(files),
        "words": words,
        "cpu_ms_mean": statistics.fmean(cpu_ms),
        "cpu_ms_median": statistics.median(cpu_ms),
        "cpu_ms_p95": sorted(cpu_ms)[int(0.95 * (len(cpu_ms) - 1))],
        "wall_ms_median": statistics.median(wall_ms),
        "again_ms_median": statistics.median(again_ms),
        "words_per_cpu_second": words / (sum(cpu_ms) / 1000),
        "alerts": total,
        "alerts_per_1000_words": total * 1000 / words,
        "top_rules": by_rule.most_common(12),
    }


# -- start-up ----------------------------------------------------------------------

_STARTUP = """
import json, time
wall = time.perf_counter(); cpu = time.process_time()
import harper
linter = harper.Linter(harper.Dialect.AMERICAN)
built = (time.perf_counter() - wall, time.process_time() - cpu)
wall = time.perf_counter()
linter.lint("The minister waited for a hour before speaking to reporters.", language="plaintext")
first = time.perf_counter() - wall
# Harper builds its spelling-suggestion index on the first long unknown word.
wall = time.perf_counter(); cpu = time.process_time()
linter.lint("Zhovkvanenko spoke to reporters.", language="plaintext")
suggest = (time.perf_counter() - wall, time.process_time() - cpu)
print(json.dumps({"wall": built[0], "cpu": built[1], "first_lint": first, "suggest_wall": suggest[0], "suggest_cpu": suggest[1]}))
"""


def startup(runs: int = 5) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True)
        samples.append(json.loads(out.stdout))
    return {
        "wall_min_ms": min(s["wall"] for s in samples) * 1000,
        "wall_median_ms": statistics.median(s["wall"] for s in samples) * 1000,
        "cpu_median_ms": statistics.median(s["cpu"] for s in samples) * 1000,
        "first_lint_median_ms": statistics.median(s["first_lint"] for s in samples) * 1000,
        "suggest_wall_median_ms": statistics.median(s["suggest_wall"] for s in samples) * 1000,
        "suggest_cpu_median_ms": statistics.median(s["suggest_cpu"] for s in samples) * 1000,
    }


# -- output --------------------------------------------------------------------------


def pct(part: float, whole: float) -> str:
    return f"{part:,.0f} / {whole:,.0f} ({100 * part / whole:.1f}%)" if whole else "-"


def report_jfleg(name: str, results: dict[str, dict[str, float]]) -> None:
    print(f"\nJFLEG, {name}")
    print("| split | source sentences with an alert | corrected references with none |")
    print("| --- | --- | --- |")
    total = Counter[str]()
    for split, r in results.items():
        total.update({k: int(v) for k, v in r.items()})
        print(f"| {split} | {pct(r['sources_flagged'], r['sources'])} | {pct(r['references_clean'], r['references'])} |")
    print(
        f"| both | {pct(total['sources_flagged'], total['sources'])} | "
        f"{pct(total['references_clean'], total['references'])} |"
    )


def report_corpus(name: str, r: dict[str, object]) -> None:
    print(f"\nNews corpus, {name}: {r['articles']} articles, {r['words']:,} words")
    print(
        f"  cost per article: CPU mean {r['cpu_ms_mean']:.1f} ms, median {r['cpu_ms_median']:.1f} ms, "
        f"p95 {r['cpu_ms_p95']:.1f} ms; wall median {r['wall_ms_median']:.1f} ms; "
        f"{r['words_per_cpu_second']:,.0f} words per CPU second; "
        f"the same article again: CPU median {r['again_ms_median']:.1f} ms"
    )
    print(f"  alerts: {r['alerts']} = {r['alerts_per_1000_words']:.2f} per 1,000 words")
    print("  by rule: " + ", ".join(f"{rule} {count}" for rule, count in r["top_rules"]))  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["startup", "cost", "jfleg", "precision"], action="append")
    parser.add_argument("--sample", type=int, help="articles of the news corpus to use (default: all)")
    parser.add_argument("--dialect", default="en-GB", help="dialect for the news corpus (BBC: en-GB)")
    args = parser.parse_args(argv)
    parts = set(args.only or ["startup", "cost", "jfleg", "precision"])
    configs: list[tuple[str, Callable[[str], Rule]]] = [
        ("shipped Grammar.Harper", shipped_rule),
        ("Harper's own defaults", harper_defaults_rule),
    ]
    if "startup" in parts:
        s = startup()
        print(
            f"Harper start-up (import + Linter(), fresh process, 5 runs): wall min {s['wall_min_ms']:.0f} ms, "
            f"median {s['wall_median_ms']:.0f} ms, CPU median {s['cpu_median_ms']:.0f} ms; "
            f"first lint {s['first_lint_median_ms']:.1f} ms; first unknown long word (builds the suggestion "
            f"index) wall median {s['suggest_wall_median_ms']:.0f} ms, CPU median {s['suggest_cpu_median_ms']:.0f} ms"
        )
    if REFERENCE.is_file() and "cost" in parts:
        rule = shipped_rule("en-US")
        text = REFERENCE.read_text(encoding="utf-8")
        lint_text("Zhovkvanenko warmed up the goverment linter before timing anything.", "markdown", [rule])
        cpu = time.process_time()
        lint_text(text, "markdown", [rule])
        first = (time.process_time() - cpu) * 1000
        cpu = time.process_time()
        for _ in range(20):
            lint_text(text, "markdown", [rule])
        again = (time.process_time() - cpu) / 20 * 1000
        print(f"Reference article, shipped rule: {first:.1f} ms CPU, then {again:.1f} ms for the unchanged text")
    if "jfleg" in parts:
        for name, make in [*configs[:1], ("shipped Grammar.Harper without spelling", shipped_without_spelling_rule), *configs[1:]]:
            report_jfleg(name, jfleg(make("en-US")))
    if parts & {"cost", "precision"}:
        files = corpus_files(args.sample)
        for name, make in configs:
            report_corpus(f"{name}, {args.dialect}", cost_and_precision(make(args.dialect), files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
