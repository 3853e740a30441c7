"""The result cache's index and packs: unchanged files are neither hashed nor
linted, a run writes a few files rather than one per article, and neither
ever changes a result."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from lint import cache as cache_module
from lint.alerts import Alert, Level
from lint.cache import ResultCache
from lint.engine import LintOptions
from lint.formatters import render_report
from lint.report import Report
from lint.rule_loading import load_rules
from lint.run import CheckRequest, RulesLinter, run_check

from tests.helpers import DEMO_RULES, make_archive


class Counts:
    def __init__(self) -> None:
        self.linted: list[str] = []
        self.hashed = 0
        self.packs_read = 0


def counted_run(
    monkeypatch: pytest.MonkeyPatch, folder: Path, cache: Path, options: LintOptions = LintOptions()
) -> tuple[Counts, Report]:
    counts = Counts()
    lint, content_key, load = RulesLinter.lint, ResultCache.content_key, cache_module._Packs._load

    def linting(self: RulesLinter, path: str, text: str) -> list[Alert]:
        counts.linted.append(path)
        return lint(self, path, text)

    def hashing(text: str, markup: str) -> str:
        counts.hashed += 1
        return content_key(text, markup)

    def loading(self: cache_module._Packs) -> None:
        counts.packs_read += 1
        load(self)

    with monkeypatch.context() as patch:
        patch.setattr(RulesLinter, "lint", linting)
        patch.setattr(ResultCache, "content_key", staticmethod(hashing))
        patch.setattr(cache_module._Packs, "_load", loading)
        rules = load_rules([DEMO_RULES]).rules
        report = run_check(CheckRequest((str(folder),), rules, options, cache_dir=str(cache)))
    return counts, report


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust file status at once (files written by a test are seconds old)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def index_files(cache: Path) -> list[Path]:
    return sorted((cache / cache_module.FORMAT / "index").glob("*.json"))


def pack_files(cache: Path) -> list[Path]:
    return sorted((cache / cache_module.FORMAT).glob("*/pack-*.json"))


@pytest.mark.usefixtures("settled")
def test_an_unchanged_folder_is_neither_hashed_nor_linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 12)
    cache = tmp_path / "cache"
    counts, first = counted_run(monkeypatch, tmp_path / "news", cache)
    assert len(counts.linted) == 12 and counts.hashed == 12
    # One pack and one index, not a file per article.
    assert len(pack_files(cache)) == 1 and len(index_files(cache)) == 1
    written = sorted(p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file())
    counts, second = counted_run(monkeypatch, tmp_path / "news", cache)
    assert (counts.linted, counts.hashed, counts.packs_read) == ([], 0, 1)
    assert second == first
    assert sorted(p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()) == written  # nothing rewritten


@pytest.mark.usefixtures("settled")
def test_an_edit_that_keeps_size_and_modification_time_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 3)
    cache = tmp_path / "cache"
    counted_run(monkeypatch, tmp_path / "news", cache)
    target = paths[1]
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("# Story 1", "# Story 9")
    assert len(edited) == len(text)
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == [str(target)] and counts.hashed == 1
    assert next(f for f in report.files if f.path == str(target)).source == edited


def test_a_file_changed_just_before_the_run_is_hashed_next_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 3)
    cache = tmp_path / "cache"
    counted_run(monkeypatch, tmp_path / "news", cache)  # the files are less than two seconds old
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == [] and counts.hashed == 3


@pytest.mark.usefixtures("settled")
def test_a_replaced_or_moved_file_is_hashed_not_linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 3)
    cache = tmp_path / "cache"
    _, first = counted_run(monkeypatch, tmp_path / "news", cache)
    replacement = tmp_path / "replacement"
    replacement.write_bytes(paths[0].read_bytes())
    os.replace(replacement, paths[0])  # same content, new inode
    paths[2].rename(tmp_path / "news" / "story-moved.md")
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == [] and counts.hashed == 2
    assert [f.alerts for f in report.files] == [f.alerts for f in first.files]


@pytest.mark.usefixtures("settled")
def test_switching_settings_back_and_forth_lints_once_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    strict = LintOptions(min_level=Level.ERROR)
    _, default = counted_run(monkeypatch, tmp_path / "news", cache)
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache, strict)
    assert len(counts.linted) == 4 and counts.hashed == 0
    counts, again = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == [] and counts.hashed == 0
    assert again == default
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache, strict)
    assert counts.linted == []


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "damage",
    ["{not json", "[]", '{"format": 99, "folder": "", "files": {}}', "FOLDER", "ENTRIES"],
)
def test_a_damaged_index_means_hashing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    make_archive(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    _, first = counted_run(monkeypatch, tmp_path / "news", cache)
    index = index_files(cache)[0]
    data = json.loads(index.read_text(encoding="utf-8"))
    damaged = 4
    if damage == "FOLDER":
        data["folder"] = str(tmp_path / "elsewhere")
    elif damage == "ENTRIES":
        names = sorted(data["files"])
        data["files"][names[0]] = "not an entry"
        data["files"][names[1]] = [None, "markdown"]
        data["files"][names[2]][2] = 42  # a content key that is not a string
        damaged = 3
    text = damage if damage.startswith(("{", "[")) else json.dumps(data)
    index.write_text(text, encoding="utf-8")
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert report == first and counts.linted == [] and counts.hashed == damaged
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert report == first and counts.hashed == 0  # the index is whole again


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("damage", ["{not json", '{"format": 1, "settings": "other", "alerts": {}}', "ALERTS"])
def test_a_damaged_pack_means_linting_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    make_archive(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    _, first = counted_run(monkeypatch, tmp_path / "news", cache)
    (pack,) = pack_files(cache)
    data = json.loads(pack.read_text(encoding="utf-8"))
    relinted = 4
    if damage == "ALERTS":
        keys = sorted(data["alerts"])
        data["alerts"][keys[0]] = [["Demo.Rule", "not a level"]]
        data["alerts"][keys[1]] = "not a list"
        relinted = 2
    pack.write_text(damage if damage.startswith("{") else json.dumps(data), encoding="utf-8")
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert report == first and len(counts.linted) == relinted
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert report == first and counts.linted == []


@pytest.mark.usefixtures("settled")
def test_packs_are_merged_when_there_are_many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 3)
    cache = tmp_path / "cache"
    counted_run(monkeypatch, tmp_path / "news", cache)
    for run in range(cache_module.MAX_PACKS + 3):
        paths[run % 3].write_text(f"# Edit {run}\n\nThe past history.\n", encoding="utf-8")
        counts, _ = counted_run(monkeypatch, tmp_path / "news", cache)
        assert counts.linted == [str(paths[run % 3])]
        assert 1 <= len(pack_files(cache)) <= cache_module.MAX_PACKS
    assert len(pack_files(cache)) < cache_module.MAX_PACKS
    for number, path in enumerate(paths):  # every earlier version is still known
        path.write_text(f"# Edit {number}\n\nThe past history.\n", encoding="utf-8")
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == [] and counts.hashed == 3


@pytest.mark.usefixtures("settled")
def test_runs_over_parts_of_a_folder_keep_each_others_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 4)
    rules = load_rules([DEMO_RULES]).rules
    cache = tmp_path / "cache"
    linter = RulesLinter(rules)
    one, two = ResultCache(cache), ResultCache(cache)
    for store, path in ((one, paths[0]), (two, paths[1])):
        text = path.read_text(encoding="utf-8")
        settings = linter.fingerprint(str(path))
        content, found = store.lookup(str(path), path.stat(), "markdown", settings, text)
        assert found is None
        store.store(str(path), path.stat(), "markdown", settings, content, linter.lint(str(path), text))
    one.save()
    two.save()  # written after the other: merges, keeping its entry
    names = set(json.loads(index_files(cache)[0].read_text(encoding="utf-8"))["files"])
    assert names == {paths[0].name, paths[1].name}
    assert len(pack_files(cache)) == 2
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache)
    assert sorted(counts.linted) == [str(paths[2]), str(paths[3])] and counts.hashed == 2


@pytest.mark.usefixtures("settled")
def test_what_goes_unused_for_a_month_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 3)
    cache = tmp_path / "cache"
    counted_run(monkeypatch, tmp_path / "news", cache)
    index = index_files(cache)[0]
    data = json.loads(index.read_text(encoding="utf-8"))
    data["files"][paths[0].name][3] -= 40  # last used 40 days ago
    data["files"]["gone.md"] = [None, "markdown", "0" * 40, 1]
    index.write_text(json.dumps(data), encoding="utf-8")
    paths[2].write_text("# Changed\n\nThe past history.\n", encoding="utf-8")
    counted_run(monkeypatch, tmp_path / "news", cache)  # rewrites the index
    names = set(json.loads(index.read_text(encoding="utf-8"))["files"])
    assert names == {p.name for p in paths}  # used again today; the stale one is dropped

    old = time.time() - 40 * 24 * 3600
    (settings_folder,) = {p.parent for p in pack_files(cache)}
    earlier_format = cache / "v1" / "0123456789abcdef01234567"
    earlier_format.mkdir(parents=True)
    for path in (index, settings_folder, earlier_format.parent):
        os.utime(path, (old, old))
    ResultCache(cache).prune()
    assert not index.exists() and not settings_folder.exists() and not earlier_format.parent.exists()


def test_the_cache_does_not_change_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 6)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    rules = load_rules([DEMO_RULES]).rules
    outputs = set()
    for cache_dir in (None, str(tmp_path / "cache"), str(tmp_path / "cache")):
        report = run_check(CheckRequest((str(tmp_path / "news"),), rules, cache_dir=cache_dir))
        outputs.add(render_report("json", report) + render_report("sarif", report, rules))
    assert len(outputs) == 1


@pytest.mark.usefixtures("settled")
def test_a_file_name_that_is_not_utf8_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.md")  # a Latin-1 name: a lone surrogate in Python
    (folder / name).write_text("# Story\n\nThe past history.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    counts, first = counted_run(monkeypatch, folder, cache)
    assert counts.linted == [str(folder / name)] and len(index_files(cache)) == 1
    counts, second = counted_run(monkeypatch, folder, cache)
    assert (counts.linted, counts.hashed) == ([], 0) and second == first


@pytest.mark.usefixtures("settled")
def test_a_merged_pack_keeps_the_newest_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACK_ENTRIES", 4)
    paths = make_archive(tmp_path / "news", 2)
    cache = tmp_path / "cache"
    counted_run(monkeypatch, tmp_path / "news", cache)
    for run in range(cache_module.MAX_PACKS):  # the last run merges the packs
        paths[run % 2].write_text(f"# Edit {run}\n\nThe past history.\n", encoding="utf-8")
        counted_run(monkeypatch, tmp_path / "news", cache)
    (pack,) = pack_files(cache)
    assert len(json.loads(pack.read_text(encoding="utf-8"))["alerts"]) == 4
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == []  # the current versions are among the newest
