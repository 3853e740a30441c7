"""The validated-rules cache: a file that compiled once is later built with
lazy patterns; an invalid file is never cached; a broken cache costs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks.base import LazyPattern
from lint.engine import lint_text
from lint.rule_cache import ValidatedRules
from lint.rule_loading import RuleFileError, load_rule_file

RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [really, very]\n"


def write_rule(tmp_path: Path, text: str) -> Path:
    pack = tmp_path / "Pack"
    pack.mkdir(exist_ok=True)
    path = pack / "Rule.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_second_load_defers_compilation(tmp_path: Path) -> None:
    path = write_rule(tmp_path, RULE)
    store = ValidatedRules(tmp_path / "cache")
    first, _ = load_rule_file(path, "Pack", store)
    assert not isinstance(first.check.pattern, LazyPattern)  # type: ignore[attr-defined]
    store.save()
    again = ValidatedRules(tmp_path / "cache")
    second, _ = load_rule_file(path, "Pack", again)
    assert isinstance(second.check.pattern, LazyPattern)  # type: ignore[attr-defined]
    # The lazy rule behaves exactly as the eager one.
    text = "It was very, really long."
    assert [a.match for a in lint_text(text, "text", [first])] == [a.match for a in lint_text(text, "text", [second])]


def test_changed_file_is_validated_again(tmp_path: Path) -> None:
    path = write_rule(tmp_path, RULE)
    store = ValidatedRules(tmp_path / "cache")
    load_rule_file(path, "Pack", store)
    store.save()
    path.write_text(RULE.replace("very]", "(unclosed]"), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_rule_file(path, "Pack", ValidatedRules(tmp_path / "cache"))
    assert "invalid regex" in str(error.value)


def test_invalid_file_is_never_cached(tmp_path: Path) -> None:
    path = write_rule(tmp_path, RULE.replace("very]", "(unclosed]"))
    store = ValidatedRules(tmp_path / "cache")
    for _ in range(2):
        with pytest.raises(RuleFileError):
            load_rule_file(path, "Pack", store)
    store.save()
    assert not (tmp_path / "cache" / "validated-rules.txt").exists()


def test_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    store = ValidatedRules(blocker)
    rule, _ = load_rule_file(write_rule(tmp_path, RULE), "Pack", store)
    store.save()  # must not raise
    assert lint_text("very", "text", [rule])
