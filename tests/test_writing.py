"""Atomic writes that keep a file's encoding, BOM, newlines and permissions."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from lint.files import decode
from lint.writing import FileChangedError, WriteError, keep_layout, newline_style, snapshot, write_fixed, write_new


def fix(path: Path, old: str, new: str) -> bool:
    before = snapshot(path)
    text = decode(before.data, str(path)).text
    return write_fixed(before, text, text.replace(old, new))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"The past history.\r\nNext line.\r\n", b"The history.\r\nNext line.\r\n"),
        (b"The past history.\nNext line.\n", b"The history.\nNext line.\n"),
        (b"The past history.\rNext line.\r", b"The history.\rNext line.\r"),
        (b"The past history.\nNo final newline", b"The history.\nNo final newline"),
        (codecs.BOM_UTF8 + "The past history £.\n".encode(), codecs.BOM_UTF8 + "The history £.\n".encode()),
        (codecs.BOM_UTF16_LE + "The past history.\n".encode("utf-16-le"), codecs.BOM_UTF16_LE + "The history.\n".encode("utf-16-le")),
        (codecs.BOM_UTF16_BE + "The past history.\n".encode("utf-16-be"), codecs.BOM_UTF16_BE + "The history.\n".encode("utf-16-be")),
    ],
    ids=["crlf", "lf", "cr", "no-final-newline", "utf8-bom", "utf16-le", "utf16-be"],
)
def test_layout_and_encoding_are_kept(tmp_path: Path, data: bytes, expected: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(data)
    assert fix(path, "past history", "history")
    assert path.read_bytes() == expected


def test_inserted_newline_follows_a_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"One.\r\nTwo three.\r\n")
    assert fix(path, "Two three.", "Two.\n\nThree.")
    assert path.read_bytes() == b"One.\r\nTwo.\r\n\r\nThree.\r\n"


def test_mixed_newlines_are_left_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"One.\r\nTwo.\nThree old.\n")
    assert fix(path, "old", "new")
    assert path.read_bytes() == b"One.\r\nTwo.\nThree new.\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a\n", "b", "b\n"),
        ("a\r\n", "b", "b\r\n"),
        ("a", "b\n", "b"),
        ("a\r\nb\r\n", "a b\n", "a b\r\n"),
        ("", "x", "x"),
    ],
)
def test_keep_layout(old: str, new: str, expected: str) -> None:
    assert keep_layout(old, new) == expected


def test_newline_style() -> None:
    assert newline_style("a\r\nb\r\n") == "\r\n"
    assert newline_style("a\nb") == "\n"
    assert newline_style("a\r\nb\n") is None
    assert newline_style("ab") is None


def test_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")
    os.chmod(path, 0o640)
    assert fix(path, "past history", "history")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_executable_bit_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")
    os.chmod(path, 0o755)
    assert fix(path, "past history", "history")
    assert stat.S_IMODE(path.stat().st_mode) == 0o755


def test_unchanged_file_is_never_touched(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Clean copy.\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    assert not fix(path, "nothing to find", "x")
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.stat().st_ino == inode


def test_write_replaces_the_file_atomically(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")
    inode = path.stat().st_ino
    assert fix(path, "past history", "history")
    assert path.stat().st_ino != inode  # renamed over, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temporary left


def test_file_changed_between_read_and_write_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")
    before = snapshot(path)
    path.write_text("Someone else's edit, past history.\n", encoding="utf-8")
    with pytest.raises(FileChangedError, match="changed on disk"):
        write_fixed(before, "The past history.\n", "The history.\n")
    assert path.read_text(encoding="utf-8") == "Someone else's edit, past history.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_deleted_file_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")
    before = snapshot(path)
    path.unlink()
    with pytest.raises(FileChangedError):
        write_fixed(before, "The past history.\n", "The history.\n")
    assert not path.exists()


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    # Judged by the mode bits, so it holds for every user, root included.
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")
    os.chmod(path, 0o444)
    try:
        with pytest.raises(WriteError, match="read-only"):
            fix(path, "past history", "history")
        assert path.read_text(encoding="utf-8") == "The past history.\n"
    finally:
        os.chmod(path, 0o644)


def test_symlink_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("The past history.\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert fix(link, "past history", "history")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "The history.\n"


def test_write_new_creates_with_umask_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_new(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.json").read_text(encoding="utf-8") == "{}\n"
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_write_new_keeps_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o600)
    write_new(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_failed_write_leaves_the_original_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text("The past history.\n", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(WriteError, match="No space left"):
        fix(path, "past history", "history")
    assert path.read_text(encoding="utf-8") == "The past history.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
