"""Vocabularies: file format, accept/reject semantics, the loader cache and
Vale's folder layouts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lint.vocabulary import (
    EMPTY,
    Vocabulary,
    VocabularyError,
    current_vocabulary,
    load_vocabulary,
    parse_terms,
    read_terms,
    use_vocabulary,
    vale_vocabulary_dirs,
)


def write(folder: Path, accept: str | None = None, reject: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if accept is not None:
        (folder / "accept.txt").write_text(accept, encoding="utf-8")
    if reject is not None:
        (folder / "reject.txt").write_text(reject, encoding="utf-8")
    return folder


def test_parse_skips_comments_and_blanks() -> None:
    terms = parse_terms("# a comment\n\nPeskov\n  Kyiv  \n(?i)tass\n").terms
    assert terms == ("Peskov", "Kyiv", "(?i)tass")


def test_invalid_regex_names_file_and_line() -> None:
    with pytest.raises(VocabularyError, match=r"v.txt:2: invalid regex"):
        parse_terms("ok\nbad(\n", "v.txt")


def test_accepts_literal_case_sensitive() -> None:
    v = Vocabulary.build(["Peskov", "Dmitry Peskov"])
    assert v.accepts("Peskov") and v.accepts("Peskov's") and v.accepts("Peskov’s")
    assert v.accepts("Dmitry")  # a word of an accepted phrase
    assert not v.accepts("peskov")


def test_accepts_case_insensitive_and_regex() -> None:
    v = Vocabulary.build(["(?i)tass", "[Gg]it[Hh]ub", r"Zelensk(?:y|yy)"])
    assert v.accepts("TASS") and v.accepts("Tass")
    assert v.accepts("GitHub") and v.accepts("github") and not v.accepts("GITHUB")
    assert v.accepts("Zelenskyy") and not v.accepts("Zelenskyyy")


def test_rejected_pattern_whole_words() -> None:
    v = Vocabulary.build(rejected=["utilize", "(?i)very unique"])
    assert v.rejected_pattern is not None
    assert v.rejected_pattern.findall("We utilize a Very Unique tool; utilized.") == ["utilize", "Very Unique"]
    assert EMPTY.rejected_pattern is None and not EMPTY


def test_accepted_form_for_terms() -> None:
    v = Vocabulary.build(["JavaScript", "(?i)tass"])
    assert v.accepted_form("javascript") == "JavaScript"
    assert v.accepted_form("JavaScript") is None
    assert v.accepted_form("Tass") is None  # case-insensitive terms have no one form


def test_known_names() -> None:
    v = Vocabulary.build(["Peskov", "wuggle", "Kostyukov", "[Tt]est"])
    assert v.known_names() == ("Peskov", "Kostyukov")


def test_load_folders_and_files(tmp_path: Path) -> None:
    a = write(tmp_path / "A", accept="Peskov\n", reject="utilize\n")
    b = write(tmp_path / "B", accept="Umerov\n")
    single = tmp_path / "names.txt"
    single.write_text("Witkoff\n", encoding="utf-8")
    v = load_vocabulary([a, b, single])
    assert v.accepted_terms == ("Peskov", "Umerov", "Witkoff")
    assert v.rejected_terms == ("utilize",)
    assert len(v.sources) == 4


def test_missing_vocabulary(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="not found"):
        load_vocabulary([tmp_path / "nope"])


def test_cache_by_mtime(tmp_path: Path) -> None:
    path = tmp_path / "accept.txt"
    path.write_text("one\n", encoding="utf-8")
    first = read_terms(path)
    assert read_terms(path) is first
    path.write_text("one\ntwo\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert read_terms(path).terms == ("one", "two")


def test_vale_layouts(tmp_path: Path) -> None:
    new = write(tmp_path / "config" / "vocabularies" / "News", accept="x\n")
    old = write(tmp_path / "Vocab" / "News", accept="y\n")
    assert vale_vocabulary_dirs(tmp_path, "News") == [new, old]
    assert vale_vocabulary_dirs(tmp_path, "Other") == []


def test_project_vocabulary_context() -> None:
    v = Vocabulary.build(["Peskov"])
    assert current_vocabulary() is EMPTY
    with use_vocabulary(v):
        assert current_vocabulary() is v
    assert current_vocabulary() is EMPTY


def test_merge() -> None:
    merged = Vocabulary.build(["A"]).merge(Vocabulary.build(["B"], ["C"]))
    assert merged.accepted_terms == ("A", "B") and merged.rejected_terms == ("C",)
