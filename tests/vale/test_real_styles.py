"""Real public Vale styles (``../shared/vale-styles``: Google, Microsoft,
write-good, proselint, alex, Joblint): every rule loads or is reported as
unsupported, nothing crashes, and linting the reference article with all of
them finishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.alerts import Level
from lint.engine import lint_text
from lint.vale.styles import load_styles

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT.parent / "shared" / "vale-styles"
SEED = ROOT.parent / "shared" / "seeds" / "000_3a7a772bcab281d6.txt"
EXPECTED = ("Google", "Microsoft", "write-good", "proselint", "alex", "Joblint")

pytestmark = pytest.mark.skipif(
    not STYLES.is_dir(), reason=f"public Vale styles not available (expected at {STYLES.name}/ beside the repository's parent)"
)


def available() -> list[str]:
    return [name for name in EXPECTED if (STYLES / name).is_dir()]


@pytest.mark.parametrize("style", EXPECTED)
def test_every_rule_loads_or_is_reported_unsupported(style: str) -> None:
    if not (STYLES / style).is_dir():
        pytest.skip(f"style {style} not present")
    files = sorted(p.stem for p in (STYLES / style).glob("*.yml"))
    loaded = load_styles(STYLES, [style])
    assert loaded.errors == ()
    ids = sorted([r.id.split(".", 1)[1] for r in loaded.rules] + [u.split(".", 1)[1] for u in loaded.unsupported])
    assert ids == files


def test_linting_the_reference_article_with_every_style_finishes() -> None:
    if not SEED.is_file():
        pytest.skip("reference article not available")
    loaded = load_styles(STYLES, [*available(), "Vale"])
    alerts = lint_text(SEED.read_text(encoding="utf-8"), "markdown", loaded.rules)
    failures = [a for a in alerts if a.offset == a.end_offset == 0 and a.level is Level.ERROR]
    assert failures == []  # no rule failed or timed out
    assert alerts  # the styles do have things to say about it
    assert {a.rule.split(".")[0] for a in alerts} >= {"Google", "Microsoft", "Vale"}
