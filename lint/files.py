"""Finding files to lint and reading them as text. The only module of the
check path that touches the file system.

Only regular files are read: a FIFO, a socket or a device named like an
article is reported, never opened for a blocking read. Files larger than
:func:`max_file_bytes` (10 MiB unless ``COPYDESK_MAX_FILE_SIZE`` says
otherwise) are reported and not read at all, so one huge export cannot
stall a run or exhaust memory.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LINTED_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".txt"})

# Files above this size are not linted (with the default packs a megabyte of
# prose takes about ten seconds and 70 MB of memory). The environment variable
# takes a number of bytes with an optional K, M or G suffix (powers of 1024);
# 0 means no limit.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_ENV = "COPYDESK_MAX_FILE_SIZE"
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"(\d+)\s*([kmgKMG]?)(?:i?[bB])?")


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
    # The file's status when it was read (None when decoded from bytes a
    # caller read itself); the result cache recognises unchanged files by it.
    stat: os.stat_result | None = field(default=None, compare=False, repr=False)


def max_file_bytes() -> int | None:
    """The size limit in bytes (None: no limit); SourceError for a bad setting."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return MAX_FILE_BYTES
    m = _SIZE.fullmatch(raw)
    if m is None:
        raise SourceError(f"{MAX_FILE_ENV}={raw!r}: expected a number of bytes, such as 20000000 or 20M (0: no limit)")
    limit = int(m.group(1)) * _UNITS[m.group(2).lower()]
    return limit or None


def collect_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand directories into lintable files.

    Returns (files, errors). Explicit files are kept whatever their suffix;
    directories are walked, skipping hidden entries and files git ignores;
    a folder that cannot be listed is reported in the errors.
    """
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in walk_directory(path, errors):
                if found not in seen:
                    seen.add(found)
                    files.append(found)
        elif path.exists():
            special = _special_file(raw)
            if special is not None:
                errors.append(special)
            elif raw not in seen:
                seen.add(raw)
                files.append(raw)
        else:
            errors.append(f"{raw}: no such file or directory")
    return files, errors


def walk_directory(root: Path, errors: list[str] | None = None) -> list[str]:
    """Lintable files under ``root``. Symbolic links to folders are followed,
    each real folder once (a link loop ends there). Folders that cannot be
    read are reported in ``errors`` when given."""
    candidates: list[tuple[str, bool]] = []  # (path, known to be a regular file)
    visited: set[tuple[int, int]] = set()

    def unreadable(exc: OSError, folder: str) -> None:
        if errors is not None:
            errors.append(f"{exc.filename or folder}: cannot read folder: {exc.strerror or exc}")

    # Depth first, each folder's files before its subfolders, names sorted:
    # the order os.walk gave, from the directory entries' types, so a
    # regular file costs no stat call of its own.
    stack = [os.fspath(root)]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            unreadable(exc, folder)
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:  # a symlink loop
            continue
        visited.add(key)
        subfolders: list[str] = []
        found: list[tuple[str, bool]] = []
        for entry in entries:
            name = entry.name
            try:
                is_folder = entry.is_dir()  # follows symbolic links
            except OSError:
                is_folder = False
            if is_folder:
                if not name.startswith(".") and name not in {"node_modules", "__pycache__"}:
                    subfolders.append(name)
            elif not name.startswith(".") and os.path.splitext(name)[1].lower() in LINTED_SUFFIXES:
                try:
                    regular = entry.is_file(follow_symlinks=False)
                except OSError:
                    regular = False
                found.append((os.path.join(folder, name), regular))
        found.sort()
        candidates.extend(found)
        stack.extend(os.path.join(folder, name) for name in sorted(subfolders, reverse=True))
    ignored = git_ignored(root, [path for path, _ in candidates])
    kept: list[str] = []
    for candidate, regular in candidates:
        if candidate in ignored:
            continue
        special = None if regular else _special_file(candidate)
        if special is None:
            kept.append(candidate)
        elif errors is not None:
            errors.append(special)
    return kept


def _special_file(path: str) -> str | None:
    """The error for a FIFO, socket or device (reading one could block
    forever), else None; a path that cannot be examined is left to the reader."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{path}: not a regular file ({_kind(mode)}), skipped"


def in_git_work_tree(folder: Path) -> bool:
    """Whether git could find a repository from ``folder`` (a ``.git`` in it
    or a folder above it, or git told where one is by the environment)."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return True
    here = os.path.realpath(folder)
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return True
        parent = os.path.dirname(here)
        if parent == here:
            return False
        here = parent


def git_ignored(root: Path, candidates: Iterable[str]) -> set[str]:
    """The subset of ``candidates`` that git ignores (empty outside a repo)."""
    items = list(candidates)
    if not items or not in_git_work_tree(root):
        return set()
    import subprocess  # here: most runs name files and never ask git

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


def decode(data: bytes, path: str, stat: os.stat_result | None = None) -> SourceText:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Binary files (NUL bytes without a UTF-16 BOM) and undecodable bytes raise
    SourceError naming the file and the byte, and so does data over the size
    limit (a caller that read the bytes itself, such as ``copydesk fix``).
    """
    limit = max_file_bytes()
    if limit is not None and len(data) > limit:
        raise SourceError(_too_large(path, len(data), limit))
    return _decode(data, path, stat)


def _decode(data: bytes, path: str, stat: os.stat_result | None) -> SourceText:
    if data.startswith(codecs.BOM_UTF8):
        encoding, bom, body = "utf-8", True, data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, bom, body = "utf-16", True, data
    else:
        encoding, bom, body = "utf-8", False, data
    if encoding == "utf-8" and body.find(b"\0", 0, 8192) >= 0:
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
    return SourceText(path, text, encoding, bom, stat)


def read_source(path: str) -> SourceText:
    """Read and decode a regular file no larger than :func:`max_file_bytes`.

    The file is opened without blocking and checked before anything is read:
    a FIFO or a device fails at once instead of waiting for a writer, and a
    file over the limit is never loaded into memory.
    """
    limit = max_file_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"{path}: not a regular file ({_kind(info.st_mode)}), skipped")
        if limit is not None and info.st_size > limit:
            raise SourceError(_too_large(path, info.st_size, limit))
        data = _read_all(fd, info.st_size, limit)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:  # it grew while being read
        raise SourceError(_too_large(path, len(data), limit))
    return _decode(data, path, info)


def _read_all(fd: int, size: int, limit: int | None) -> bytes:
    """The bytes of an open file, read with plain system calls sized by its
    status (a buffered read of ``limit + 1`` bytes allocated the whole limit
    for every file), stopping once more than ``limit`` bytes came in."""
    chunks: list[bytes] = []
    total = 0
    want = size + 1  # one more, so a file that did not grow ends in one call
    while limit is None or total <= limit:
        if limit is not None:
            want = min(want, limit + 1 - total)
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if len(chunk) < want:  # the end of a regular file; confirm it
            want = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _too_large(path: str, size: int, limit: int) -> str:
    return (
        f"{path}: file too large ({_size(size)}; the limit is {_size(limit)}, "
        f"set {MAX_FILE_ENV} to change it), skipped"
    )


def _size(count: int) -> str:
    if count >= 1024**2 and count % 1024**2 == 0:
        return f"{count // 1024**2} MiB"
    if count >= 1024**2:
        return f"{count / 1024**2:.1f} MiB"
    return f"{count} bytes"
