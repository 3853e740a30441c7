"""Benchmark of the ``names`` and ``name_variants`` rule types (the shipped
``News.PlaceName`` and ``News.NameVariants`` rules).

Measures, on a corpus of published plain-text articles (one per file):

* false alarms per 1,000 words, for each rule: published copy is taken as
  correct, so nearly every alert counts against the rule (``--show`` lists
  them, to find the few real slips);
* recall on synthetic errors: in each article, place names of the gazetteer
  with a population over 200,000 and people's surnames used twice or more
  (after a title, "Mr Blair", or from the people list) get one random edit
  (drop, swap or substitute a letter; seeded) at one occurrence, and the
  article is linted again. A hit is an alert on exactly the edited word that
  suggests the original spelling. Edits that make an English word, a known
  name or a word shorter than ``min_length`` cannot be caught by the names
  rule type and are reported apart. ``name_variants`` can only catch a slip
  when the article still spells the name right elsewhere (the name was used
  twice or more) and the slip keeps the first letter and is not an English
  word; its recall is reported on those cases, and the recall of the two
  rules together on every case;
* time: the one-off setup (the English word list, which the spelling rule
  loads too; the known names, built and cached on a first run, loaded from
  the cache afterwards) and the time to lint the whole corpus with each
  rule on a first pass, in wall-clock and CPU seconds (CPU time is the
  steadier figure on a shared machine). Markup parsing is not included.

Usage: ``python3 benchmarks/names.py [--corpus DIR] [--seed N] [--show]``.
The corpus is read, never copied: no corpus text is written anywhere.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lint.checks import names as names_module  # noqa: E402
from lint.checks.name_variants import NameVariants  # noqa: E402
from lint.checks.names import Names, english_words, fold  # noqa: E402
from lint.engine import lint_document  # noqa: E402
from lint.gazetteer import load_gazetteer  # noqa: E402
from lint.markup import parse  # noqa: E402
from lint.rule_loading import Rule, load_rule_file  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "news"
RULE_FILE = REPO / "rules" / "News" / "PlaceName.yml"
VARIANTS_FILE = REPO / "rules" / "News" / "NameVariants.yml"
PLACE_POPULATION = 200_000
WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_'’-])\p{Lu}[\p{L}\p{M}]+(?![\p{L}\p{M}\p{N}_-])")
TITLED = regex.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|President|Prime Minister) (\p{Lu}[\p{L}\p{M}]+)")


@dataclass(frozen=True)
class Case:
    file: str
    kind: str  # "place" or "person"
    original: str
    typo: str
    edit: str
    offset: int


def load_corpus(folder: Path) -> list[tuple[str, str]]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {folder}")
    return [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files]


def lint(rule: Rule, text: str) -> list[tuple[int, int, str, str]]:
    doc = parse(text, "text")
    return [
        (a.offset, a.end_offset, a.match, a.fix.edits[0].text if a.fix else "")
        for a in lint_document(doc, [rule])
    ]


def mutate(word: str, rng: random.Random) -> tuple[str, str]:
    """One random edit: drop, swap two neighbours, or substitute a letter."""
    for _ in range(20):
        op = rng.choice(("drop", "swap", "substitute"))
        i = rng.randrange(len(word))
        if op == "drop":
            new = word[:i] + word[i + 1 :]
        elif op == "swap":
            if i == len(word) - 1 or word[i].lower() == word[i + 1].lower():
                continue
            a, b = word[i], word[i + 1]
            if i == 0:
                a, b = b.upper(), a.lower()
            new = word[:i] + b + a + word[i + 2 :]
        else:
            letter = rng.choice(string.ascii_lowercase)
            if letter == word[i].lower():
                continue
            new = word[:i] + (letter.upper() if i == 0 else letter) + word[i + 1 :]
        if new and new[0].isupper() and new != word:
            return new, f"{op}@{i}"
    return word, "none"


def names_in(text: str, people: frozenset[str]) -> Iterator[tuple[str, str, list[int]]]:
    """(kind, name, offsets) for the recall set of one article."""
    gazetteer = load_gazetteer()
    english = english_words()
    where: dict[str, list[int]] = {}
    for m in WORD.finditer(text):
        where.setdefault(m.group(), []).append(m.start())
    titled = {m.group(1) for m in TITLED.finditer(text)}
    for name, offsets in where.items():
        place = gazetteer.get(name)
        if place is not None and place.kind != "alias" and place.population > PLACE_POPULATION:
            yield "place", name, offsets
        elif len(offsets) >= 2 and (name in titled or fold(name) in people) and fold(name) not in english:
            yield "person", name, offsets


def build_cases(corpus: Sequence[tuple[str, str]], rule: Rule, seed: int) -> list[Case]:
    rng = random.Random(seed)
    check = rule.check
    assert isinstance(check, Names)
    people = frozenset(fold(n.split()[-1]) for n in check.spec.people)
    cases: list[Case] = []
    for name, text in corpus:
        for kind, original, offsets in names_in(text, people):
            typo, edit = mutate(original, rng)
            if typo == original:
                continue
            cases.append(Case(name, kind, original, typo, edit, rng.choice(offsets)))
    return cases


def detectable(case: Case, rule: Rule) -> bool:
    check = rule.check
    assert isinstance(check, Names)
    key = fold(case.typo)
    return (
        len(key) >= check.spec.min_length
        and key not in english_words()
        and key not in check.index.known
    )


def variant_detectable(case: Case, text: str, rule: Rule) -> bool:
    """Whether ``name_variants`` can see the slip: the article spells the
    name right elsewhere, and the slip keeps the first letter, is long
    enough and is not an English word."""
    check = rule.check
    assert isinstance(check, NameVariants)
    key = fold(case.typo)
    uses = regex.findall(r"(?<![\p{L}\p{M}\p{N}_])" + regex.escape(case.original) + r"(?![\p{L}\p{M}\p{N}_])", text)
    return (
        len(uses) >= 2
        and key[:1] == fold(case.original)[:1]
        and len(key) >= check.spec.min_length
        and not (english_words().is_word(key) and not english_words().is_name(key))
    )


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def seconds(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.3f} s wall, {pair[1]:.3f} s CPU"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the names and name_variants rule types.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--rule", type=Path, default=RULE_FILE, help="names rule file to measure")
    parser.add_argument("--variants-rule", type=Path, default=VARIANTS_FILE, help="name_variants rule file to measure")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="list the alerts and the missed cases")
    args = parser.parse_args(argv)

    corpus = load_corpus(args.corpus)
    start = clock()
    rule, _ = load_rule_file(args.rule, args.rule.parent.name)
    variants, _ = load_rule_file(args.variants_rule, args.variants_rule.parent.name)
    check = rule.check
    assert isinstance(check, Names)
    load_rules = since(start)
    start = clock()
    english_words()
    load_words = since(start)
    spec = check.spec
    config = (spec.places, spec.min_population, spec.people, spec.min_length)
    path, stamp = names_module._cache_file(*config)
    start = clock()
    data = names_module._build_data(*config)
    names_module._write_cached(path, stamp, data)
    build_names = since(start)
    start = clock()
    cached = names_module._read_cached(path, stamp)
    load_names = since(start)
    assert cached == data
    check.index  # noqa: B018 - the index the rule uses, from the cache

    docs = [parse(text, "text") for _, text in corpus]
    start = clock()
    alerts = [lint_document(doc, [rule]) for doc in docs]
    elapsed = since(start)
    start = clock()
    variant_alerts = [lint_document(doc, [variants]) for doc in docs]
    variant_elapsed = since(start)
    words = sum(len(text.split()) for _, text in corpus)
    false_alarms = sum(len(a) for a in alerts)
    variant_false_alarms = sum(len(a) for a in variant_alerts)

    cases = build_cases(corpus, rule, args.seed)
    texts = dict(corpus)
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    either: Counter[str] = Counter()
    variant_hits = variant_total = 0
    missed: list[Case] = []
    variant_missed: list[Case] = []
    for case in cases:
        group = case.kind if detectable(case, rule) else f"{case.kind}, undetectable"
        totals[group] += 1
        text = texts[case.file]
        mutated = text[: case.offset] + case.typo + text[case.offset + len(case.original) :]
        span = (case.offset, case.offset + len(case.typo))
        found = any((s, e) == span and fix == case.original for s, e, _, fix in lint(rule, mutated))
        variant_found = any((s, e) == span and fix == case.original for s, e, _, fix in lint(variants, mutated))
        if found:
            hits[group] += 1
        elif "undetectable" not in group:
            missed.append(case)
        if variant_detectable(case, text, variants):
            variant_total += 1
            variant_hits += variant_found
            if not variant_found:
                variant_missed.append(case)
        if found or variant_found:
            either[group] += 1

    def pct(group: str) -> str:
        return f"{100 * hits[group] / totals[group]:.1f}% ({hits[group]}/{totals[group]})" if totals[group] else "-"

    def share(hit: int, total: int) -> str:
        return f"{100 * hit / max(total, 1):.1f}% ({hit}/{total})"

    det = ("place", "person")
    all_hits = sum(hits[g] for g in det)
    all_total = sum(totals[g] for g in det)
    every_hit = sum(hits.values())
    every_total = sum(totals.values())
    rows = [
        ("articles", f"{len(corpus):,}", ""),
        ("words", f"{words:,}", ""),
        ("names: alerts on published copy", f"{false_alarms}", ""),
        ("names: false alarms per 1,000 words", f"{1000 * false_alarms / words:.3f}", "<= 0.3"),
        ("names: recall, places (pop > 200k)", pct("place"), ">= 90%"),
        ("names: recall, people (surname x2+)", pct("person"), ">= 90%"),
        ("names: recall, detectable edits", share(all_hits, all_total), ">= 90%"),
        ("names: recall, all edits", share(every_hit, every_total), ""),
        ("  of which undetectable", f"{every_total - all_total} (English word, known name or too short)", ""),
        ("name_variants: alerts on published copy", f"{variant_false_alarms}", ""),
        ("name_variants: false alarms per 1,000 words", f"{1000 * variant_false_alarms / words:.3f}", "<= 0.3"),
        ("name_variants: recall, name spelled right elsewhere", share(variant_hits, variant_total), ""),
        ("both rules: recall, places (pop > 200k)", share(either["place"], totals["place"]), ">= 90%"),
        ("both rules: recall, people (surname x2+)", share(either["person"], totals["person"]), ">= 90%"),
        ("both rules: recall, detectable edits", share(sum(either[g] for g in det), all_total), ">= 90%"),
        ("both rules: recall, all edits", share(sum(either.values()), every_total), ""),
        ("setup: load both rule files", seconds(load_rules), ""),
        ("setup: English word list (shared with spelling)", seconds(load_words), ""),
        ("setup: known names, first run (built, cached)", seconds(build_names), ""),
        ("setup: known names, later runs (from the cache)", seconds(load_names), ""),
        ("names: lint corpus (cold)", seconds(elapsed), "< 1 s"),
        ("name_variants: lint corpus", seconds(variant_elapsed), ""),
    ]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"{'measure':<{width}}  {'value':<{vwidth}}  target")
    print(f"{'-' * width}  {'-' * vwidth}  ------")
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:<{vwidth}}  {target}")
    if args.show:
        for title, per_doc in (("names", alerts), ("name_variants", variant_alerts)):
            print(f"\n{title}: alerts on published copy:")
            for (name, _), doc_alerts in zip(corpus, per_doc):
                for a in doc_alerts:
                    print(f"  {name}:{a.line}:{a.column}  {a.match}  {a.message}")
        for title, cases_missed in (("names", missed), ("name_variants", variant_missed)):
            print(f"\n{title}: missed synthetic errors:")
            for case in cases_missed:
                print(f"  {case.file}  {case.kind}  {case.original} -> {case.typo} ({case.edit})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
