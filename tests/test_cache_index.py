"""The result cache's index: unchanged files are neither hashed nor looked up
one entry at a time, and the index never changes a result."""

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

REPO = Path(__file__).resolve().parent.parent
DEMO_RULES = REPO / "tests" / "data" / "rules"
ARTICLE = (REPO / "tests" / "data" / "article.md").read_text(encoding="utf-8")


def make_archive(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story-{i:03d}.md"
        extra = "The end result was very late.\n" * (i % 4)
        path.write_text(f"# Story {i}\n\n{ARTICLE}\n{extra}", encoding="utf-8")
        paths.append(path)
    return paths


class Counts:
    def __init__(self) -> None:
        self.linted: list[str] = []
        self.hashed = 0
        self.entries_read = 0


def counted_run(
    monkeypatch: pytest.MonkeyPatch, folder: Path, cache: Path, options: LintOptions = LintOptions()
) -> tuple[Counts, Report]:
    counts = Counts()
    lint, content_key, get = RulesLinter.lint, ResultCache.content_key, ResultCache.get

    def linting(self: RulesLinter, path: str, text: str) -> list[Alert]:
        counts.linted.append(path)
        return lint(self, path, text)

    def hashing(text: str, markup: str) -> str:
        counts.hashed += 1
        return content_key(text, markup)

    def reading(self: ResultCache, settings: str, content: str) -> list[Alert] | None:
        counts.entries_read += 1
        return get(self, settings, content)

    with monkeypatch.context() as patch:
        patch.setattr(RulesLinter, "lint", linting)
        patch.setattr(ResultCache, "content_key", staticmethod(hashing))
        patch.setattr(ResultCache, "get", reading)
        rules = load_rules([DEMO_RULES]).rules
        report = run_check(CheckRequest((str(folder),), rules, options, cache_dir=str(cache)))
    return counts, report


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust file status at once (files written by a test are seconds old)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def index_files(cache: Path) -> list[Path]:
    return sorted((cache / "v1" / "index").glob("*.json"))


@pytest.mark.usefixtures("settled")
def test_an_unchanged_folder_is_read_from_the_index_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 12)
    cache = tmp_path / "cache"
    counts, first = counted_run(monkeypatch, tmp_path / "news", cache)
    assert len(counts.linted) == 12 and counts.hashed == 12
    assert len(index_files(cache)) == 1
    counts, second = counted_run(monkeypatch, tmp_path / "news", cache)
    assert (counts.linted, counts.hashed, counts.entries_read) == ([], 0, 0)
    assert second == first
    written = index_files(cache)[0].stat().st_mtime_ns
    counted_run(monkeypatch, tmp_path / "news", cache)
    assert index_files(cache)[0].stat().st_mtime_ns == written  # nothing new: not rewritten


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
    assert counts.linted == [] and counts.hashed == 3 and counts.entries_read == 0


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
def test_other_settings_fall_back_to_the_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    strict = LintOptions(min_level=Level.ERROR)
    _, default = counted_run(monkeypatch, tmp_path / "news", cache)
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache, strict)
    assert len(counts.linted) == 4 and counts.hashed == 0
    counts, again = counted_run(monkeypatch, tmp_path / "news", cache)
    assert counts.linted == [] and counts.hashed == 0 and counts.entries_read == 4
    assert again == default


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "damage",
    [
        "{not json",
        "[]",
        '{"format": 99, "folder": "", "files": {}}',
        "FOLDER",
        "ENTRIES",
        "ALERTS",
    ],
)
def test_a_damaged_index_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    make_archive(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    _, first = counted_run(monkeypatch, tmp_path / "news", cache)
    index = index_files(cache)[0]
    data = json.loads(index.read_text(encoding="utf-8"))
    if damage == "FOLDER":
        data["folder"] = str(tmp_path / "elsewhere")
    elif damage == "ENTRIES":
        names = sorted(data["files"])
        data["files"][names[0]] = "not an entry"
        data["files"][names[1]] = [None, "markdown"]
        data["files"][names[2]][2] = 42  # a content key that is not a string
    elif damage == "ALERTS":
        for entry in data["files"].values():
            entry[5] = [["Demo.Rule", "not a level"]]
    text = damage if damage.startswith(("{", "[")) else json.dumps(data)
    index.write_text(text, encoding="utf-8")
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert report == first
    assert counts.linted == []  # the entries by content are still there
    counts, report = counted_run(monkeypatch, tmp_path / "news", cache)
    assert report == first and counts.entries_read == 0  # and the index is whole again


@pytest.mark.usefixtures("settled")
def test_runs_over_parts_of_a_folder_keep_each_others_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 4)
    rules = load_rules([DEMO_RULES]).rules
    cache = tmp_path / "cache"
    linter = RulesLinter(rules)
    one, two = ResultCache(cache), ResultCache(cache)
    for store, path in ((one, paths[0]), (two, paths[1])):
        text = path.read_text(encoding="utf-8")
        content, found = store.lookup(str(path), path.stat(), "markdown", linter.fingerprint(str(path)), text)
        assert found is None
        store.store(str(path), path.stat(), "markdown", linter.fingerprint(str(path)), content, linter.lint(str(path), text))
    one.save_index()
    two.save_index()  # written after the other: merges, keeping its entry
    names = set(json.loads(index_files(cache)[0].read_text(encoding="utf-8"))["files"])
    assert names == {paths[0].name, paths[1].name}
    counts, _ = counted_run(monkeypatch, tmp_path / "news", cache)
    assert sorted(counts.linted) == [str(paths[2]), str(paths[3])]


@pytest.mark.usefixtures("settled")
def test_index_entries_and_files_unused_for_a_month_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 3)
    cache = tmp_path / "cache"
    counted_run(monkeypatch, tmp_path / "news", cache)
    index = index_files(cache)[0]
    data = json.loads(index.read_text(encoding="utf-8"))
    data["files"][paths[0].name][4] -= 40  # last used 40 days ago
    data["files"]["gone.md"] = [None, "markdown", "0" * 40, "0" * 40, 1, []]
    index.write_text(json.dumps(data), encoding="utf-8")
    paths[2].write_text("# Changed\n\nThe past history.\n", encoding="utf-8")
    counted_run(monkeypatch, tmp_path / "news", cache)  # rewrites the index
    names = set(json.loads(index.read_text(encoding="utf-8"))["files"])
    assert names == {p.name for p in paths}  # used again today; the stale one is dropped

    old = time.time() - 40 * 24 * 3600
    os.utime(index, (old, old))
    ResultCache(cache).prune()
    assert not index.exists()


def test_the_index_does_not_change_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 6)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    rules = load_rules([DEMO_RULES]).rules
    outputs = set()
    for cache_dir in (None, str(tmp_path / "cache"), str(tmp_path / "cache")):
        report = run_check(CheckRequest((str(tmp_path / "news"),), rules, cache_dir=cache_dir))
        outputs.add(render_report("json", report) + render_report("sarif", report, rules))
    assert len(outputs) == 1
