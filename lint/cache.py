"""A result cache like ruff's: a file's alerts are stored under a key made
of its content and everything else its alerts depend on.

Layout::

    .copydesk_cache/
        .gitignore          "*": the cache never shows up in git status
        CACHEDIR.TAG        backup tools skip the folder
        v1/<settings>/<ab>/<content key>.json
        v1/index/<folder>.json

``<settings>`` is a digest of the rules (their files' contents, ids and
levels), the lint options, the configuration that applies and copydesk's
version and code (all by content, so a cache restored in CI still
matches); ``<content key>`` digests the file's text and markup.
Changing any of them makes a new key, so nothing is ever invalidated in
place. Entries are written to a temporary file and renamed into place, so
concurrent runs never read a half-written entry; an entry that cannot be
read or parsed is a miss. Settings folders unused for 30 days are removed.

The index is a shortcut over those entries, one file per folder of linted
files: for each file, its size, modification and change times, inode and
device when it was last linted, its content key, and the settings key and
alerts of its last run. A file whose status is unchanged is not hashed
again, and a run whose settings key is the same takes its alerts from the
index, so a rerun over an unchanged folder reads one file instead of one
entry per article. The index only ever leads to the key the file's content
would give: a file whose status changed is hashed, and a file modified
within two seconds of being read is always hashed on the next run (its
time stamp could hide a later edit of the same size). Concurrent runs
merge their index updates; one lost to a race costs a hash, never a wrong
result. Index entries unused for 30 days are dropped.
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
INDEX = "index"
INDEX_FORMAT = 1
STALE_SECONDS = 30 * 24 * 3600
# A file changed this recently may change again within the same time stamp
# (some file systems count in seconds, FAT in two): its status is not trusted.
RACY_NS = 2_000_000_000
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


StatKey = tuple[int, int, int, int, int]


def stat_key(info: os.stat_result) -> StatKey:
    """What identifies an unchanged file without reading it: size,
    modification and change times (a change of content or of the
    modification time moves the change time), inode and device."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _today() -> int:
    return int(time.time() // 86400)


class _FolderIndex:
    """The index of one folder: file name -> [status key or None, markup,
    content key, settings key, day last used, alerts data or None]."""

    def __init__(self, path: Path, folder: str) -> None:
        self.path = path
        self.folder = folder
        self.files: dict[str, list[Any]] = {}
        self.changed: set[str] = set()
        self.loaded_as: tuple[int, int, int] | None = None
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                info = os.fstat(handle.fileno())
                data = json.loads(handle.read())
        except (OSError, ValueError):
            return
        if (
            isinstance(data, dict)
            and data.get("format") == INDEX_FORMAT
            and data.get("folder") == self.folder
            and isinstance(data.get("files"), dict)
        ):
            self.files = data["files"]
            self.loaded_as = (info.st_mtime_ns, info.st_size, info.st_ino)

    def entry(self, name: str) -> list[Any] | None:
        entry = self.files.get(name)
        return entry if isinstance(entry, list) and len(entry) == 6 else None

    def record(self, name: str, entry: list[Any]) -> None:
        self.files[name] = entry
        self.changed.add(name)

    def save(self) -> None:
        """Write the index, keeping what a concurrent run wrote meanwhile for
        the files this run did not update."""
        files = self.files
        try:
            info = os.stat(self.path)
            on_disk: tuple[int, int, int] | None = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            on_disk = None
        if on_disk is not None and on_disk != self.loaded_as:
            mine = {name: files[name] for name in self.changed}
            self._load()
            files = {**self.files, **mine}
        oldest = _today() - STALE_SECONDS // 86400
        kept = {name: e for name, e in files.items() if isinstance(e, list) and len(e) == 6 and _day(e[4]) >= oldest}
        data = {"format": INDEX_FORMAT, "folder": self.folder, "files": kept}
        _write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        self.files = kept
        self.changed.clear()


def _day(value: object) -> int:
    return value if isinstance(value, int) else 0


class ResultCache:
    """Alerts by (settings, content) key in a folder. Every failure to read or
    write is silent: a cache problem must never fail a lint run."""

    def __init__(self, root: str | os.PathLike[str] = DEFAULT_DIR) -> None:
        self.root = Path(root)
        self.writable = True
        self._prepared: set[str] = set()
        self._root_ready = False
        self._indexes: dict[str, _FolderIndex] = {}

    def entry_path(self, settings: str, content: str) -> Path:
        return self.root / FORMAT / settings[:24] / content[:2] / f"{content}.json"

    def index_path(self, folder: str) -> Path:
        return self.root / FORMAT / INDEX / f"{digest(folder)[:32]}.json"

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

    # -- by file, through the index -------------------------------------------
    def lookup(
        self, path: str, info: os.stat_result | None, markup: str, settings: str, text: str
    ) -> tuple[str, list[Alert] | None]:
        """The content key of ``path`` (whose text is ``text``, read when its
        status was ``info``) and its cached alerts under ``settings``, or None
        when it has to be linted. Whatever is found is remembered in the index
        for the next run (see :meth:`save_index`)."""
        folder, name = os.path.split(os.path.abspath(path))
        index = self._index(folder)
        entry = index.entry(name)
        key = stat_key(info) if info is not None else None
        content = None
        if entry is not None and key is not None and entry[0] == list(key) and entry[1] == markup:
            content = entry[2]
        if not isinstance(content, str):
            content = self.content_key(text, markup)
        alerts = None
        if entry is not None and entry[2] == content and entry[3] == settings and isinstance(entry[5], list):
            with contextlib.suppress(ValueError, TypeError):
                alerts = [alert_from_data(item) for item in entry[5]]
        if alerts is not None and entry is not None:
            if entry[0] != self._trusted(key) or entry[4] != _today():
                index.record(name, [self._trusted(key), markup, content, settings, _today(), entry[5]])
            return content, alerts
        alerts = self.get(settings, content)
        if alerts is not None:
            self.remember(path, info, markup, settings, content, alerts)
        return content, alerts

    def store(
        self, path: str, info: os.stat_result | None, markup: str, settings: str, content: str, alerts: Sequence[Alert]
    ) -> None:
        """Keep the alerts of a file just linted, by key and in the index."""
        self.put(settings, content, alerts)
        self.remember(path, info, markup, settings, content, alerts)

    def remember(
        self, path: str, info: os.stat_result | None, markup: str, settings: str, content: str, alerts: Sequence[Alert]
    ) -> None:
        folder, name = os.path.split(os.path.abspath(path))
        key = self._trusted(stat_key(info) if info is not None else None)
        self._index(folder).record(name, [key, markup, content, settings, _today(), [alert_to_data(a) for a in alerts]])

    def save_index(self) -> None:
        """Write the index files this run changed."""
        for index in self._indexes.values():
            if not index.changed or not self.writable:
                continue
            try:
                self._prepare_root()
                index.path.parent.mkdir(parents=True, exist_ok=True)
                index.save()
            except OSError:
                self.writable = False

    @staticmethod
    def _trusted(key: StatKey | None) -> list[int] | None:
        """The status key to record, or None when the file changed too
        recently for its time stamps to tell a later edit apart."""
        if key is None or time.time_ns() - max(key[1], key[2]) < RACY_NS:
            return None
        return list(key)

    def _index(self, folder: str) -> _FolderIndex:
        index = self._indexes.get(folder)
        if index is None:
            index = self._indexes[folder] = _FolderIndex(self.index_path(folder), folder)
        return index

    def _prepare_root(self) -> None:
        if self._root_ready:
            return
        self._root_ready = True
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Made by copydesk.\n*\n"), ("CACHEDIR.TAG", TAG)):
            target = self.root / name
            if not target.exists():
                _write_atomically(target, text)

    def _prepare(self, settings: str) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG; mark the
        settings folder as used and prune the ones unused for long."""
        if settings in self._prepared:
            return
        self._prepare_root()
        self._prepared.add(settings)
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
                if folder.name == INDEX:
                    for index in folder.iterdir():
                        if index.stat().st_mtime < limit:
                            index.unlink()
                elif folder.is_dir() and folder.stat().st_mtime < limit:
                    _remove_tree(folder)


def _write_atomically(target: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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

