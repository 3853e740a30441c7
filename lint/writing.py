"""Writing fixed files back safely.

:func:`write_fixed` replaces a file with new text atomically: the bytes go to
a temporary file in the same folder, which is flushed to disk and renamed
over the original, so a crash or ``kill -9`` leaves either the old file or
the new one, never a truncated mix. It keeps what the file was:

* the encoding and a byte-order mark (UTF-8 with or without BOM, UTF-16 LE
  or BE with BOM), read from the original bytes;
* the newline style: in a file whose line breaks are all CRLF (or all CR),
  a bare LF that a fix inserted is written as CRLF (or CR); files with mixed
  breaks are left as the fixes made them;
* whether the file ends with a newline;
* the permission bits (and owner, when allowed).

A file whose new text equals its old text is never touched (its mtime does
not change). A file that changed on disk since it was read is not
overwritten (:class:`FileChangedError`), nor is a read-only file
(:class:`WriteError`). A symbolic link stays a link: the file it points to
is replaced. Hard links are not preserved (the rename gives the path a new
inode). :func:`write_new` writes a new file (or replaces one) atomically.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass


class WriteError(Exception):
    """A file that could not be written; the message names it."""


class FileChangedError(WriteError):
    """The file changed on disk between reading and writing."""


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes and what identifies that version."""

    path: str
    data: bytes
    mtime_ns: int
    size: int
    inode: int


def snapshot(path: str | os.PathLike[str]) -> Snapshot:
    """Read a file's bytes and remember its version."""
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        raise WriteError(f"{os.fspath(path)}: cannot read: {exc.strerror or exc}") from None
    return Snapshot(os.fspath(path), data, info.st_mtime_ns, info.st_size, info.st_ino)


def encoding_of(data: bytes) -> tuple[str, bytes]:
    """(codec, BOM) of a file's bytes: the BOM is written back as it was."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", codecs.BOM_UTF8
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", codecs.BOM_UTF16_LE
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", codecs.BOM_UTF16_BE
    return "utf-8", b""


def newline_style(text: str) -> str | None:
    """The one line break ``text`` uses everywhere, or None (none, or mixed)."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    styles = [style for style, count in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if count]
    return styles[0] if len(styles) == 1 else None


def keep_layout(old: str, new: str) -> str:
    """``new`` with ``old``'s newline style and final-newline state."""
    style = newline_style(old)
    if style is not None and style != "\n":
        new = re.sub(r"\r\n|\r|\n", style, new)
    if old and new:
        had_final = old.endswith(("\n", "\r"))
        has_final = new.endswith(("\n", "\r"))
        if had_final and not has_final:
            ending = re.search(r"(\r\n|\r|\n)\Z", old)
            new += ending.group(1) if ending else "\n"
        elif has_final and not had_final:
            new = re.sub(r"(\r\n|\r|\n)+\Z", "", new)
    return new


def encode(text: str, original: bytes) -> bytes:
    codec, bom = encoding_of(original)
    return bom + text.encode(codec)


def write_fixed(before: Snapshot, old_text: str, new_text: str) -> bool:
    """Replace the file of ``before`` with ``new_text``; False when there was
    nothing to write. Raises :class:`FileChangedError` if the file is no longer
    the version ``before`` read, :class:`WriteError` if it cannot be written."""
    if new_text == old_text:
        return False
    data = encode(keep_layout(old_text, new_text), before.data)
    if data == before.data:
        return False
    target = os.path.realpath(before.path)
    try:
        info = os.stat(target)
    except OSError as exc:
        raise FileChangedError(f"{before.path}: cannot write: the file is gone ({exc.strerror or exc})") from None
    if not info.st_mode & stat.S_IWUSR:
        raise WriteError(f"{before.path}: not fixed: the file is read-only")
    _replace(before.path, target, data, info, lambda: _unchanged(before, target))
    return True


def _unchanged(before: Snapshot, target: str) -> None:
    try:
        info = os.stat(target)
        with open(target, "rb") as handle:
            current = handle.read()
    except OSError as exc:
        raise FileChangedError(f"{before.path}: not fixed: cannot re-read it ({exc.strerror or exc})") from None
    if (info.st_mtime_ns, info.st_size, info.st_ino) != (before.mtime_ns, before.size, before.inode) or current != before.data:
        raise FileChangedError(f"{before.path}: not fixed: the file changed on disk while it was being fixed")


def write_new(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, keeping the permissions
    of a file it replaces (new files get the usual ``0o666 & ~umask``)."""
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(f"{os.fspath(path)}: cannot write: {exc.strerror or exc}") from None
    _replace(os.fspath(path), target, text.encode("utf-8"), info, None)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(
    display: str, target: str, data: bytes, info: os.stat_result | None, check: Callable[[], None] | None
) -> None:
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".copydesk-tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"{display}: cannot write a temporary file beside it: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if info is not None:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):
                if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                    os.chown(temporary, info.st_uid, info.st_gid)
        else:
            os.chmod(temporary, 0o666 & ~_current_umask())
        if check is not None:
            check()
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise WriteError(f"{display}: cannot write: {exc.strerror or exc}") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort; not every platform allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["FileChangedError", "Snapshot", "WriteError", "encode", "keep_layout", "snapshot", "write_fixed", "write_new"]
