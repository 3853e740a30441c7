"""A result cache like ruff's: a file's alerts are stored under a key made
of its content and everything else its alerts depend on.

Layout::

    .copydesk_cache/
        .gitignore          "*": the cache never shows up in git status
        CACHEDIR.TAG        backup tools skip the folder
        v1/<settings>/<ab>/<content key>.json

``<settings>`` is a digest of the rules (their files' contents, ids and
levels), the lint options, the configuration that applies and copydesk's
version and code (all by content, so a cache restored in CI still
matches); ``<content key>`` digests the file's text and markup.
Changing any of them makes a new key, so nothing is ever invalidated in
place. Entries are written to a temporary file and renamed into place, so
concurrent runs never read a half-written entry; an entry that cannot be
read or parsed is a miss. Settings folders unused for 30 days are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from lint import __version__
from lint.alerts import Alert, Applicability, Edit, Fix, Level

DEFAULT_DIR = ".copydesk_cache"
FORMAT = "v1"
STALE_SECONDS = 30 * 24 * 3600
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by copydesk; see https://bford.info/cachedir/\n"


def digest(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(paths: Iterable[str]) -> str:
    """Contents of files (rule files, configuration); a missing file counts as empty."""
    parts: list[str | bytes] = []
    for path in sorted(set(paths)):
        parts.append(path)
        try:
            parts.append(Path(path).read_bytes())
        except OSError:
            parts.append(b"")
    return digest(*parts)


_CODE_STAMP: str | None = None
STAMP_MEMO = "code-stamp.txt"


def code_stamp() -> str:
    """copydesk's version and the contents of every file of the package (its
    code and data), so an edited checkout never reuses old results while a
    cache restored on another machine (a CI cache) still matches.

    Reading and hashing the package (3 MB with its data) took about 8 ms of
    every run; the stamp is remembered in the user cache folder with the
    size and modification time of every file, and read back while they are
    all unchanged."""
    global _CODE_STAMP
    if _CODE_STAMP is None:
        root = Path(__file__).resolve().parent
        files = _package_files(root)
        signature = digest(__version__, *(f"{rel}:{size}:{mtime}" for rel, _, size, mtime in files))
        _CODE_STAMP = _remembered_stamp(signature)
        if _CODE_STAMP is None:
            parts: list[str | bytes] = [__version__]
            for rel, path, _, _ in files:
                with contextlib.suppress(OSError):
                    parts.append(rel)
                    parts.append(Path(path).read_bytes())
            _CODE_STAMP = digest(*parts)
            _remember_stamp(signature, _CODE_STAMP)
    return _CODE_STAMP


def _package_files(root: Path) -> list[tuple[str, str, int, int]]:
    """(relative path, path, size, mtime_ns) of every file of the package
    but compiled code, in a fixed order."""
    found: list[tuple[str, str, int, int]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
                size, mtime = stat.st_size, stat.st_mtime_ns
            except OSError:
                size = mtime = -1
            found.append((os.path.relpath(path, root).replace(os.sep, "/"), path, size, mtime))
    return found


def _stamp_memo() -> Path:
    from lint.rule_cache import cache_folder

    return cache_folder() / STAMP_MEMO


def _remembered_stamp(signature: str) -> str | None:
    try:
        remembered, _, stamp = _stamp_memo().read_text(encoding="ascii").strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        return None
    return stamp if remembered == signature and stamp else None


def _remember_stamp(signature: str, stamp: str) -> None:
    memo = _stamp_memo()
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=memo.parent, prefix=".code-stamp-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(f"{signature} {stamp}\n")
        os.replace(tmp, memo)
    except OSError:
        return


def alert_to_data(alert: Alert) -> list[Any]:
    fix = None
    if alert.fix is not None:
        fix = [
            alert.fix.title,
            alert.fix.applicability.value,
            [[e.offset, e.end_offset, e.text] for e in alert.fix.edits],
        ]
    return [
        alert.rule, int(alert.level), alert.message, alert.offset, alert.end_offset, alert.line,
        alert.column, alert.end_line, alert.end_column, alert.match, alert.link, fix,
    ]  # fmt: skip


def alert_from_data(data: Sequence[Any]) -> Alert:
    rule, level, message, offset, end_offset, line, column, end_line, end_column, match, link, fix = data
    parsed_fix = None
    if fix is not None:
        title, applicability, edits = fix
        parsed_fix = Fix(str(title), tuple(Edit(int(a), int(b), str(t)) for a, b, t in edits), Applicability(applicability))
    return Alert(
        str(rule), Level(int(level)), str(message), int(offset), int(end_offset), int(line), int(column),
        int(end_line), int(end_column), str(match), str(link), parsed_fix,
    )  # fmt: skip


class ResultCache:
    """Alerts by (settings, content) key in a folder. Every failure to read or
    write is silent: a cache problem must never fail a lint run."""

    def __init__(self, root: str | os.PathLike[str] = DEFAULT_DIR) -> None:
        self.root = Path(root)
        self.writable = True
        self._prepared: set[str] = set()

    def entry_path(self, settings: str, content: str) -> Path:
        return self.root / FORMAT / settings[:24] / content[:2] / f"{content}.json"

    @staticmethod
    def content_key(text: str, markup: str) -> str:
        return digest(markup, text)

    def get(self, settings: str, content: str) -> list[Alert] | None:
        try:
            raw = self.entry_path(settings, content).read_bytes()
            data = json.loads(raw)
            if data.get("settings") != settings:
                return None
            return [alert_from_data(item) for item in data["alerts"]]
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, settings: str, content: str, alerts: Sequence[Alert]) -> None:
        if not self.writable:
            return
        path = self.entry_path(settings, content)
        data = {"settings": settings, "alerts": [alert_to_data(a) for a in alerts]}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self._prepare(settings)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            self.writable = False

    def _prepare(self, settings: str) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG; mark the
        settings folder as used and prune the ones unused for long."""
        if settings in self._prepared:
            return
        self._prepared.add(settings)
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Made by copydesk.\n*\n"), ("CACHEDIR.TAG", TAG)):
            target = self.root / name
            if not target.exists():
                _write_atomically(target, text)
        folder = self.root / FORMAT / settings[:24]
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)
        self.prune()

    def prune(self, now: float | None = None) -> None:
        limit = (now if now is not None else time.time()) - STALE_SECONDS
        try:
            folders = list((self.root / FORMAT).iterdir())
        except OSError:
            return
        for folder in folders:
            with contextlib.suppress(OSError):
                if folder.is_dir() and folder.stat().st_mtime < limit:
                    _remove_tree(folder)


def _write_atomically(target: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, target)


def _remove_tree(folder: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(dirpath, name))
        for name in dirnames:
            with contextlib.suppress(OSError):
                os.rmdir(os.path.join(dirpath, name))
    with contextlib.suppress(OSError):
        os.rmdir(folder)

