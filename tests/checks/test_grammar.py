"""extends: grammar — the rule type: its YAML keys and their validation,
sub-rule ids, fixes, notices, and the shipped opt-in Grammar pack."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from lint.cli import main
from lint.engine import lint_text
from lint.grammar import languagetool_backend, settings
from lint.grammar.backends import BACKENDS
from lint.rule_loading import RuleFileError, load_rule_file, load_rules
from lint.rule_tests import check_all_examples
from tests.conftest import REPO
from tests.grammar.conftest import FakeBackend, fake_backend  # noqa: F401 - the fixture
from tests.helpers import make_rule, run, write_rule

HARPER = """
extends: grammar
backend: harper
message: "%s"
level: warning
"""

FAKE = """
extends: grammar
backend: fake
message: "%s"
level: warning
"""

needs_harper = pytest.mark.skipif(not BACKENDS["harper"].available(), reason="harper-py is not installed")


@pytest.fixture(autouse=True)
def _no_languagetool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.ENV_URL, raising=False)
    settings.reset()
    languagetool_backend.forget()


def load_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(RuleFileError) as info:
        make_rule(tmp_path, text)
    return str(info.value)


# -- validation ------------------------------------------------------------------


def test_backend_is_required_and_must_be_known(tmp_path: Path) -> None:
    assert "missing required key 'backend'" in load_error(tmp_path, FAKE.replace("backend: fake\n", ""))
    message = load_error(tmp_path, FAKE.replace("fake", "grammarly"))
    assert "key 'backend'" in message and "unknown backend 'grammarly'" in message
    assert "harper, languagetool" in message


def test_a_backend_that_is_not_installed_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(BACKENDS, "harper", dataclasses.replace(BACKENDS["harper"], available=lambda: False))
    message = load_error(tmp_path, HARPER)
    assert "not installed" in message and "pip install 'copydesk[grammar]'" in message


@needs_harper
@pytest.mark.parametrize(
    ("extra", "key", "expected"),
    [
        ("disable: [oxfordcomma]", "disable", "Harper has no rule named 'oxfordcomma' (did you mean 'OxfordComma'?)"),
        ("rules: [NoSuchRule]", "rules", "Harper has no rule named 'NoSuchRule'"),
        ("dialect: en-NZ", "dialect", "Harper knows en-US, en-GB, en-AU, en-CA, en-IN, not 'en-NZ'"),
        ("picky: true", "picky", "only the languagetool backend has a picky level"),
        ("fix: safe", "fix", "use 'fix: unsafe' or 'none'"),
        ("spelling: sometimes", "spelling", "'spelling' must be one of off, lowercase, all, not 'sometimes'"),
        ("news_defaults: 'yes'", "news_defaults", "must be true or false"),
    ],
)
def test_invalid_options_name_the_key(tmp_path: Path, extra: str, key: str, expected: str) -> None:
    message = load_error(tmp_path, HARPER + extra + "\n")
    assert f"key '{key}'" in message and expected in message, message


def test_languagetool_options_are_checked_without_a_server(tmp_path: Path) -> None:
    pytest.importorskip("language_tool_python")
    text = HARPER.replace("harper", "languagetool")
    assert "is not a language code" in load_error(tmp_path, text + "dialect: english\n")
    make_rule(tmp_path, text + "dialect: de-DE\npicky: true\nrules: [ANY_RULE_ID]\n")


def test_unquoted_off_means_no_spelling(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.spelling = frozenset({"teh"})
    assert run(make_rule(tmp_path, FAKE + "spelling: off\n"), "We saw teh cat.\n") == []


def test_unknown_keys_are_warnings(tmp_path: Path, fake_backend: FakeBackend) -> None:
    path = write_rule(tmp_path, FAKE + "url: http://example.com\n")
    _rule, warnings = load_rule_file(path, "Pack")
    assert any("key 'url'" in w for w in warnings)


# -- findings ------------------------------------------------------------------------


def test_alerts_carry_the_backend_rule_and_the_rule_level(tmp_path: Path, fake_backend: FakeBackend) -> None:
    rule = make_rule(tmp_path, FAKE.replace("warning", "suggestion"))
    alerts = run(rule, "We saw teh cat.\n")
    assert [(a.rule, a.severity, a.message) for a in alerts] == [("Pack.Rule/FakeRule", "suggestion", "Fake: 'teh'")]


def test_category_allow_and_deny_lists(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.spelling = frozenset({"recieve"})
    source = "We saw teh cat and recieve mail.\n"
    allow = make_rule(tmp_path, FAKE + "categories: [grammar]\n", "Allow")
    deny = make_rule(tmp_path, FAKE + "disable_categories: [Grammar]\n", "Deny")
    assert [a.match for a in run(allow, source)] == ["teh"]
    assert [a.match for a in run(deny, source)] == ["recieve"]


def test_a_backend_failure_is_a_notice_and_the_run_goes_on(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.error = "the backend is down; this file was not checked"
    rule = make_rule(tmp_path, FAKE, "Grammar")
    other = make_rule(tmp_path, "extends: existence\nmessage: \"'%s'\"\ntokens: [cat]\n", "Other")
    alerts = run([rule, other], "Intro.\n\nWe saw teh cat.\n")
    assert [(a.rule, a.line, a.column, a.severity) for a in alerts] == [
        ("Pack.Grammar/unchecked", 1, 1, "warning"),
        ("Pack.Other", 3, 12, "suggestion"),
    ]
    assert alerts[0].message == "the backend is down; this file was not checked"


def test_rules_survive_pickling_for_worker_processes(tmp_path: Path, fake_backend: FakeBackend) -> None:
    rule = make_rule(tmp_path, FAKE)
    copy = pickle.loads(pickle.dumps(rule))
    assert [a.rule for a in lint_text("We saw teh cat.\n", "markdown", [copy])] == ["Pack.Rule/FakeRule"]


# -- the shipped Grammar pack -----------------------------------------------------------


def test_the_grammar_pack_is_opt_in() -> None:
    assert load_rules([REPO / "rules" / "Grammar"]).rules == ()
    assert [r.id for r in load_rules([REPO / "rules" / "Grammar"], packs=["Grammar"]).rules] == ["Grammar.Harper"]


@needs_harper
def test_the_grammar_packs_examples_hold() -> None:
    rules = load_rules([REPO / "rules"], packs=["Grammar"]).rules
    assert [r.id for r in rules] == ["Grammar.Harper"]
    for rule in rules:
        assert rule.spec.description and rule.spec.why
        assert len(rule.spec.examples.bad) >= 3 and len(rule.spec.examples.good) >= 3
    assert check_all_examples(rules) == []


@needs_harper
def test_test_rules_runs_opt_in_packs_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test-rules", str(REPO / "rules" / "Grammar")]) == 0
    assert capsys.readouterr().out.strip().endswith("1 rules, 17 examples, 0 failures")
