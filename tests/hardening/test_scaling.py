"""Long lines, long words and large files: time and memory grow with the
size of the text, not with its square.

Every default rule is timed on a long single-line paragraph and on one
eight times longer: a rule that rescans its paragraph for each word shows
up as a ratio near 64 instead of 8.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hardening.support import MIB, assert_json_contract, run_cli
from lint.engine import lint_document
from lint.markup import parse
from lint.markup.blocks import ParsedDocument
from lint.rule_loading import Rule, builtin_rules_dir, discover_rule_files, pack_enabled_by_default

PLACES = ["Belgorod", "Kharkiv", "Tromsø", "Łódź", "Aberdeen", "Nairobi", "Cusco"]
NAMES = ["Ann Smith", "Kofi Mensah", "Li Wei", "Ana Souza", "Olu Adeyemi"]


def long_line(chars: int) -> str:
    """Varied prose on a single line (no paragraph break, no newline)."""
    parts: list[str] = []
    size, i = 0, 0
    while size < chars:
        sentence = (
            f"The council met on day {i} in {PLACES[i % len(PLACES)]} to discuss the past history of "
            f"bridge {i * 7 % 1000}, said Mayor {NAMES[i % len(NAMES)]}, and \"nothing\" was decided. "
        )
        parts.append(sentence)
        size += len(sentence)
        i += 1
    return "".join(parts)[:chars]


def default_rule_ids() -> list[str]:
    root = builtin_rules_dir()
    return sorted(
        f"{pack}.{path.stem}" for pack, path in discover_rule_files(root) if pack_enabled_by_default(path.parent)
    )


@pytest.fixture(scope="module")
def documents() -> tuple[ParsedDocument, ParsedDocument]:
    return parse(long_line(60_000), "markdown"), parse(long_line(480_000), "markdown")


def best_time(doc: ParsedDocument, rule: Rule, runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        lint_document(doc, [rule])
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize("rule_id", default_rule_ids())
def test_rule_time_is_linear_in_the_length_of_a_line(
    default_rules: tuple[Rule, ...], documents: tuple[ParsedDocument, ParsedDocument], rule_id: str
) -> None:
    [rule] = [r for r in default_rules if r.id == rule_id]
    small, large = documents
    lint_document(small, [rule])  # warm caches and lazily loaded data
    short, long = best_time(small, rule), best_time(large, rule)
    if long < 0.2:
        return  # too fast to tell anything from
    assert long / max(short, 1e-3) < 24, f"{rule_id}: {short:.3f} s -> {long:.3f} s for 8x the text"


# Peak memory of one run over a 5 MB single line with the default packs.
LONG_LINE_MAX_RSS = 800 * MIB
LONG_WORD_CAP_MIB = 1536


def test_a_5_mb_single_line_is_linted_with_bounded_memory(tmp_path: Path) -> None:
    """About 20 s and 450 MiB here."""
    text = long_line(5_000_000)
    (tmp_path / "wire.md").write_text(text, encoding="utf-8")
    run = run_cli(["check", "--format", "json", "wire.md"], tmp_path, timeout=900)
    assert run.returncode in (0, 1), run.stderr
    [report] = run.json()["files"]
    alerts = report["alerts"]
    assert sum(a["rule"] == "Redundancy.Pleonasm" for a in alerts) > 10_000
    assert_json_contract(text, alerts)
    assert not [a for a in alerts if "the rule failed" in a["message"] or "timed out" in a["message"]]
    assert run.max_rss < LONG_LINE_MAX_RSS, f"{run.max_rss_mib:.0f} MiB"


def test_a_20000_letter_word_needs_no_more_memory(tmp_path: Path) -> None:
    """A token with no break in it (a pasted hash, a stretched scream) is
    linted within a 1.5 GiB address space like any other text."""
    (tmp_path / "scream.md").write_text("The scream went " + "a" * 20_000 + "h all night.\n", encoding="utf-8")
    run = run_cli(["check", "--format", "json", "scream.md"], tmp_path, memory_cap_mib=LONG_WORD_CAP_MIB)
    assert run.returncode in (0, 1), run.stderr
    [report] = run.json()["files"]
    failed = [a["rule"] + ": " + a["message"] for a in report["alerts"] if "the rule failed" in a["message"]]
    assert failed == []


def test_the_grammar_pack_survives_a_huge_token(tmp_path: Path) -> None:
    """Harper's spelling suggestions would abort the process on this token
    (Rust's 'memory allocation failed' cannot be caught): the grammar adapter
    blanks tokens longer than 100 characters before Harper sees them."""
    pytest.importorskip("harper")
    (tmp_path / "copydesk.toml").write_text('extend-packs = ["Grammar"]\n', encoding="utf-8")
    (tmp_path / "blob.txt").write_text("a" * 200_000 + "\n", encoding="utf-8")
    run = run_cli(["check", "--format", "json", "blob.txt"], tmp_path, memory_cap_mib=4096, timeout=600)
    assert run.returncode in (0, 1), run.stderr[-500:]
