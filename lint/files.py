"""Finding files to lint and reading them as text. The only module of the
check path that touches the file system."""

from __future__ import annotations

import codecs
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LINTED_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".txt"})


class SourceError(Exception):
    """A path that cannot be linted; the message names the path."""


@dataclass(frozen=True)
class SourceText:
    """A decoded file. ``text`` keeps the file's newlines as they are, so
    offsets into it are offsets into the file (after a BOM, if any)."""

    path: str
    text: str
    encoding: str
    bom: bool


def collect_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand directories into lintable files.

    Returns (files, errors). Explicit files are kept whatever their suffix;
    directories are walked, skipping hidden entries and files git ignores.
    """
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in walk_directory(path):
                if found not in seen:
                    seen.add(found)
                    files.append(found)
        elif path.exists():
            if raw not in seen:
                seen.add(raw)
                files.append(raw)
        else:
            errors.append(f"{raw}: no such file or directory")
    return files, errors


def walk_directory(root: Path) -> list[str]:
    candidates: list[str] = []
    visited: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        stat = os.stat(dirpath)
        key = (stat.st_dev, stat.st_ino)
        if key in visited:  # a symlink loop
            dirnames[:] = []
            continue
        visited.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in {"node_modules", "__pycache__"})
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in LINTED_SUFFIXES:
                candidates.append(os.path.join(dirpath, name))
    ignored = git_ignored(root, candidates)
    return [c for c in candidates if c not in ignored]


def git_ignored(root: Path, candidates: Iterable[str]) -> set[str]:
    """The subset of ``candidates`` that git ignores (empty outside a repo)."""
    items = list(candidates)
    if not items:
        return set()
    try:
        result = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input="\0".join(items) + "\0",
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if result.returncode not in (0, 1):
        return set()
    return {p for p in result.stdout.split("\0") if p}


def decode(data: bytes, path: str) -> SourceText:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Binary files (NUL bytes without a UTF-16 BOM) and undecodable bytes raise
    SourceError naming the file and the byte.
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding, bom, body = "utf-8", True, data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, bom, body = "utf-16", True, data
    else:
        encoding, bom, body = "utf-8", False, data
    if encoding == "utf-8" and b"\0" in body[:8192]:
        raise SourceError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"{path}:{line}: cannot decode as {encoding.upper()} (invalid byte 0x{body[exc.start]:02x} at offset {exc.start})"
        ) from None
    if "\0" in text:
        raise SourceError(f"{path}: binary file (contains NUL characters), skipped")
    return SourceText(path, text, encoding, bom)


def read_source(path: str) -> SourceText:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path)
