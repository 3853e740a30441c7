"""The reference article (a scraped news story with the problems a copy desk
catches) run through the default packs as Markdown: each problem is found
by the rule meant for it, at its line, and nothing else is flagged at
warning or error level except on the lines that hold a real problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.alerts import Level
from lint.engine import lint_text
from lint.rule_loading import builtin_rules_dir, load_rules

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO.parent / "shared" / "seeds" / "000_3a7a772bcab281d6.txt"

# (rule, line): each problem in the article and the rule meant for it.
EXPECTED = {
    ("News.LeadingZeroDay", 5),  # "February 04, 2026"
    ("News.RepeatedModifier", 9),  # "A Russian delegation of Russian negotiators"
    ("News.PhotoCredit", 9),  # "**Valery Sharifulin / TASS**"
    ("News.PlaceholderLink", 13),  # "[told](#)"
    ("News.BrokenParagraph", 19),  # "...the idea" / "outright despite..."
    ("News.PlaceholderLink", 21),  # "[Russia's Opposition ...](#)"
    ("News.ScrapeResidue", 21),  # "Related article:"
    ("News.ScrapeResidue", 35),  # "Original url:"
}

# Lines that hold a real problem: another rule may also speak there (the
# scrape residue "Original url:" is not a word a dictionary knows, and the
# URL under it belongs to the same residue).
PROBLEM_LINES = {5, 9, 13, 17, 19, 21, 35, 37}

pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason=f"reference article not found at {ARTICLE}")


@pytest.fixture(scope="module")
def alerts():  # type: ignore[no-untyped-def]
    rules = load_rules([builtin_rules_dir()]).rules
    return lint_text(ARTICLE.read_text(encoding="utf-8"), "markdown", rules), {r.id for r in rules}


def test_each_problem_is_found_by_its_rule(alerts) -> None:  # type: ignore[no-untyped-def]
    found, _ = alerts
    got = {(a.rule, a.line) for a in found}
    missing = sorted(EXPECTED - got)
    assert not missing, f"not found: {missing}; alerts: {sorted(got)}"


def test_misspelt_place_name_when_that_rule_is_loaded(alerts) -> None:  # type: ignore[no-untyped-def]
    found, loaded = alerts
    if "News.PlaceName" not in loaded:
        pytest.skip("News.PlaceName is not among the loaded rules")
    text = ARTICLE.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "Begorod" in row)
    assert any(a.rule == "News.PlaceName" and a.line == line and a.match == "Begorod" for a in found)


def test_nothing_else_is_flagged(alerts) -> None:  # type: ignore[no-untyped-def]
    found, _ = alerts
    text = ARTICLE.read_text(encoding="utf-8")
    place_line = next(i for i, row in enumerate(text.splitlines(), start=1) if "Begorod" in row)
    allowed_lines = PROBLEM_LINES | {place_line}
    extra = [
        f"{a.line}:{a.column} {a.rule} {a.match!r}: {a.message}"
        for a in found
        if a.level >= Level.WARNING and (a.rule, a.line) not in EXPECTED and a.line not in allowed_lines
    ]
    assert not extra, "unexpected alerts:\n" + "\n".join(extra)


def test_quoted_speech_and_attribution_are_clean(alerts) -> None:  # type: ignore[no-untyped-def]
    """Lines 11, 15 and 33 are clean copy: quotes, "U.S.", "AFP contributed
    reporting" must raise nothing at all, not even suggestions."""
    found, _ = alerts
    noisy = [f"{a.line} {a.rule}: {a.message}" for a in found if a.line in {3, 11, 15, 23, 27, 29, 31, 33}]
    assert not noisy, "\n".join(noisy)
