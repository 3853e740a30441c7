"""Cache files are written whole or not at all, with no temporary file left."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint import atomic_files
from lint.atomic_files import write_atomically


def test_writes_the_bytes_and_makes_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "store.bin"
    write_atomically(target, b"one\n")
    write_atomically(target, b"two\n")
    assert target.read_bytes() == b"two\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["store.bin"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "store.bin"
    write_atomically(target, b"old")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic_files.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["store.bin"]
