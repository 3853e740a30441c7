"""Harper through harper-py: news defaults, dialects, one linter per process,
and the reference article (its broken paragraph is reported, its real names
are not)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lint.engine import lint_text
from lint.grammar import harper_backend, settings
from lint.grammar.model import GrammarOptions, Spelling
from lint.rule_loading import load_rules
from tests.conftest import REFERENCE_ARTICLE, REPO
from tests.helpers import make_rule, run

harper = pytest.importorskip("harper")

RULE = """
extends: grammar
backend: harper
message: "%s"
level: warning
fix: unsafe
"""

# Every real name in the reference article.
REAL_NAMES = (
    "Abu", "Dhabi", "Valery", "Sharifulin", "TASS", "Dmitry", "Peskov", "Kyiv", "Vladimir", "Putin",
    "Donbas", "Volodymyr", "Zelensky", "PACE", "Rustem", "Umerov", "Igor", "Kostyukov", "Donald",
    "Trump", "Steve", "Witkoff", "AFP", "Kremlin",
)  # fmt: skip


def grammar_pack(*packs: str) -> list:  # type: ignore[type-arg]
    return list(load_rules([REPO / "rules"], packs=list(packs)).rules)


@pytest.fixture(scope="module")
def reference() -> str:
    if not REFERENCE_ARTICLE.is_file():
        pytest.skip(f"reference article not found: {REFERENCE_ARTICLE.name}")
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")


def test_the_reference_articles_broken_paragraph_is_reported_by_harper(reference: str) -> None:
    alerts = lint_text(reference, "markdown", grammar_pack("Grammar"))
    outright = [a for a in alerts if a.match == "outright"]
    assert [a.rule for a in outright] == ["Grammar.Harper/SentenceCapitalization"]
    assert outright[0].line == 19 and outright[0].column == 1


def test_none_of_the_reference_articles_real_names_is_reported(reference: str) -> None:
    alerts = lint_text(reference, "markdown", grammar_pack("Grammar"))
    flagged = {word for a in alerts for word in a.match.replace("'", " ").split()}
    assert not flagged & set(REAL_NAMES), [(a.rule, a.match) for a in alerts]


def test_with_the_news_pack_the_broken_paragraph_is_reported_once(reference: str) -> None:
    alerts = lint_text(reference, "markdown", grammar_pack("Grammar", "News"))
    at_outright = [a.rule for a in alerts if a.match == "outright"]
    assert at_outright == ["News.BrokenParagraph"]


def test_news_defaults_name_real_harper_rules_and_contradicting_rules_are_off() -> None:
    assert harper_backend.NEWS_OFF <= harper_backend.rule_names()
    config = harper_backend.lint_config(GrammarOptions("harper"))
    assert config["OxfordComma"] is False and config["NumericRangeEnDash"] is False
    assert config["AnA"] is None  # Harper's default (on)
    assert harper_backend.lint_config(GrammarOptions("harper", spelling=Spelling.OFF))["SpellCheck"] is False
    only = harper_backend.lint_config(GrammarOptions("harper", rules=("AnA",)))
    assert only["AnA"] is True and only["SentenceCapitalization"] is False


def test_no_oxford_comma_and_other_news_idioms_pass(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE)
    for text in (
        "Russia, Ukraine and the United States sent negotiators to the talks in Abu Dhabi.",
        "Some 200 jobs will go at the plant, the company said on Tuesday.",
        "Boeing's 777-200LR flew from Hong Kong to London in 22 hours.",
        "\"We will keep talking,\" he said. \"The doors remain open.\n\n\"Nobody wants this war to go on.\"",
    ):
        assert run(rule, text) == [], text


def test_rules_enable_and_disable_keys(tmp_path: Path) -> None:
    text = "Officials bought apples, pears and plums. The minister waited for a hour.\n"
    default = make_rule(tmp_path, RULE, "Default")
    assert [a.rule for a in run(default, text)] == ["Pack.Default/AnA"]
    oxford = make_rule(tmp_path, RULE + "enable: [OxfordComma]\ndisable: [AnA]\n", "Oxford")
    assert [a.rule for a in run(oxford, text)] == ["Pack.Oxford/OxfordComma"]
    plain = make_rule(tmp_path, RULE + "news_defaults: false\n", "Plain")
    assert "Pack.Plain/OxfordComma" in [a.rule for a in run(plain, text)]
    only = make_rule(tmp_path, RULE + "rules: [OxfordComma]\n", "Only")
    assert [a.rule for a in run(only, text)] == ["Pack.Only/OxfordComma"]
    categories = make_rule(tmp_path, RULE + "disable_categories: [Miscellaneous]\n", "Categories")
    assert [a.rule for a in run(categories, text)] == []


def test_replacements_become_unsafe_fixes(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE)
    alerts = run(rule, "The minister waited for a hour.\n")
    assert alerts[0].fix is not None
    assert alerts[0].fix.applicability.value == "unsafe"
    assert alerts[0].fix.edits[0].text == "an"


def test_dialect_follows_the_rule_then_the_configuration(tmp_path: Path) -> None:
    text = "The colour of the flag was clear.\n"
    american = make_rule(tmp_path, RULE + "spelling: all\n", "American")
    assert [a.match for a in run(american, text)] == ["colour"]
    settings.configure(dialect="en-GB")
    assert run(american, text) == []
    british = make_rule(tmp_path, RULE + "spelling: all\ndialect: en-US\n", "British")
    assert [a.match for a in run(british, text)] == ["colour"]


def test_one_linter_per_dialect_is_created_once_and_reused(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, RULE)
    run(rule, "First text.\n")
    first = harper_backend.linter("en-US")
    run(rule, "Second text.\n")
    assert harper_backend.linter("en-US") is first


def _in_child(check: Callable[[], bool]) -> bool:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read)
        try:
            ok = check()
        except BaseException:
            ok = False
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(pid, 0)
    return answer == b"1"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_lints_with_its_copy_of_the_linter() -> None:
    harper_backend.warm("en-US")
    parent = harper_backend._linters["en-US"]

    def child() -> bool:
        result = harper_backend.check("They waited for a hour.", GrammarOptions("harper"), "en-US")
        return harper_backend._linters.get("en-US") is parent and [m.rule_id for m in result.matches] == ["AnA"]

    assert _in_child(child)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_worker_forked_during_a_call_builds_its_own_linter() -> None:
    harper_backend.warm("en-US")
    lock = harper_backend._lock
    with lock:
        assert _in_child(lambda: "en-US" not in harper_backend._linters and not harper_backend._lock.locked())
    assert "en-US" in harper_backend._linters
