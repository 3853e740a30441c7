"""What a run of ``copydesk check`` avoids once its caches are warm: parsing
rule YAML (the parsed-rules store), hashing the package (the code stamp
memo), and importing modules only some configurations need (rule types no
loaded rule uses among them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cache
from lint.rule_cache import ParsedRules
from lint.rule_loading import RuleFileError, read_yaml

REPO = Path(__file__).resolve().parent.parent
RULE = "extends: existence\nmessage: '%s'\ntokens:\n  - foo\n  - bar\n"


def test_parsed_rules_come_back_from_a_new_store(tmp_path: Path) -> None:
    first = ParsedRules(lambda: "parser 1", tmp_path)
    parsed = ({"extends": "existence", "tokens": ["foo", "bar"]}, {"extends": 1, "tokens": 3})
    assert first.get(RULE) is None
    first.remember(RULE, parsed)
    first.save()
    again = ParsedRules(lambda: "parser 1", tmp_path)
    assert again.get(RULE) == parsed
    assert again.get(RULE) is not again.get(RULE)  # new objects each time
    assert ParsedRules(lambda: "parser 2", tmp_path).get(RULE) is None
    (tmp_path / "parsed-rules.bin").write_bytes(b"\0garbage")
    assert ParsedRules(lambda: "parser 1", tmp_path).get(RULE) is None


def test_data_marshal_cannot_store_is_parsed_each_time(tmp_path: Path) -> None:
    import datetime

    store = ParsedRules(lambda: "p", tmp_path)
    store.remember("when: 2024-01-01\n", ({"when": datetime.date(2024, 1, 1)}, {"when": 1}))
    store.save()
    assert not (tmp_path / "parsed-rules.bin").exists()


def test_read_yaml_gives_the_same_data_cached(tmp_path: Path) -> None:
    path = tmp_path / "Rule.yml"
    path.write_text(RULE + "when: 2024-01-01\n", encoding="utf-8")
    assert read_yaml(path) == read_yaml(path)
    data, lines = read_yaml(path)
    assert data["tokens"] == ["foo", "bar"] and lines["tokens"] == 3
    path.write_text("extends: existence\nextends: substitution\n", encoding="utf-8")
    for _ in range(2):  # an error is never remembered
        with pytest.raises(RuleFileError, match="duplicate key"):
            read_yaml(path)


def test_code_stamp_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_CODE_STAMP", None)
    stamp = cache.code_stamp()
    memo = tmp_path / cache.STAMP_MEMO
    signature, stamp_written = memo.read_text(encoding="ascii").split()
    assert stamp_written == stamp
    monkeypatch.setattr(cache, "_CODE_STAMP", None)
    assert cache.code_stamp() == stamp
    memo.write_text(f"{signature} not-the-stamp\n", encoding="ascii")
    monkeypatch.setattr(cache, "_CODE_STAMP", None)
    assert cache.code_stamp() == "not-the-stamp"  # read back while the files are unchanged
    memo.write_text("another-signature not-the-stamp\n", encoding="ascii")
    monkeypatch.setattr(cache, "_CODE_STAMP", None)
    assert cache.code_stamp() == stamp  # recomputed


PROBE = """
import json, sys
from lint.cli import main
main(["check", "--no-cache", "--format", "line", sys.argv[1]])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
NOT_NEEDED = [
    "yaml",
    "lint.grammar.backends",
    "urllib.request",
    "lint.vale.project",
    "lint.hunspell",
    "lint.baseline",
    "subprocess",
    # rule types no rule of the default packs uses
    "lint.checks.grammar",
    "lint.checks.metric",
    "lint.checks.readability",
]


def test_a_warm_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(tmp_path / "cache")}
    article = tmp_path / "article.md"
    article.write_text("The goverment said so.\n", encoding="utf-8")
    runs = [
        subprocess.run([sys.executable, "-c", PROBE, str(article)], capture_output=True, text=True, env=env, cwd=tmp_path)
        for _ in range(2)
    ]
    assert "goverment" in runs[1].stdout
    modules = set(json.loads(runs[1].stderr.strip().splitlines()[-1]))
    assert [m for m in NOT_NEEDED if m in modules] == []
