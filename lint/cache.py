"""A result cache like ruff's: a file's alerts are stored under a key made
of its content and everything else its alerts depend on.

Layout::

    .copydesk_cache/
        .gitignore          "*": the cache never shows up in git status
        CACHEDIR.TAG        backup tools skip the folder
        v2/<settings>/pack-<run>.json     content key -> alerts
        v2/index/<folder>.json            file name -> status and content key

``<settings>`` is a digest of the rules (their files' contents, ids and
levels), the lint options, the configuration that applies and copydesk's
version and code (all by content, so a cache restored in CI still
matches); a content key digests the file's text and markup. Changing any
of them makes a new key, so nothing is ever invalidated in place.

Alerts are kept in packs: each run that lints files writes one pack per
settings key with the alerts of every file it linted (one file, not one per
article: creating thousands of small files cost more than linting on some
file systems). A lookup reads every pack of its settings folder once; when
a folder holds more than :data:`MAX_PACKS` packs they are merged into one.

The index, one file per folder of linted files, remembers each file's
size, modification and change times, inode and device with its content
key, so an unchanged file is not hashed again. It only ever leads to the
key the content would give: a file whose status changed is hashed, and a
file modified within two seconds of being read is hashed on the next run
too (its time stamps could hide a later edit of the same size).

Every file is written to a temporary file and renamed into place, so
concurrent runs never read a half-written one; a file that cannot be read
or parsed is a miss. Concurrent runs merge their index updates and add
their own packs; a merge racing with another run can only lose entries,
which costs a hash or a lint, never a wrong result. Settings folders, index
files and index entries unused for 30 days are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from lint import __version__
from lint.alerts import Alert, Applicability, Edit, Fix, Level
from lint.atomic_files import write_atomically

DEFAULT_DIR = ".copydesk_cache"
FORMAT = "v2"
INDEX = "index"
INDEX_FORMAT = 1
PACK_FORMAT = 1
MAX_PACKS = 16
# A merged pack keeps the newest entries up to this many (about 300 bytes
# each with their alerts): older versions of files are linted again if seen.
MAX_PACK_ENTRIES = 50_000
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
    try:
        write_atomically(_stamp_memo(), f"{signature} {stamp}\n".encode("ascii"))
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


def _read_json(path: Path) -> tuple[Any, tuple[int, int, int] | None]:
    """A JSON file and the status it was read with; (None, None) when it is
    missing or damaged."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            return json.loads(handle.read()), (info.st_mtime_ns, info.st_size, info.st_ino)
    except (OSError, ValueError, RecursionError):
        return None, None


def _dump(data: object) -> bytes:
    # ASCII, so a file name that is not valid UTF-8 (kept by Python as lone
    # surrogates) is written as an escape and read back as the same name.
    return json.dumps(data, separators=(",", ":")).encode("ascii")


class _FolderIndex:
    """The index of one folder: file name -> [status key or None, markup,
    content key, day last used]."""

    def __init__(self, path: Path, folder: str) -> None:
        self.path = path
        self.folder = folder
        self.files: dict[str, list[Any]] = {}
        self.changed: set[str] = set()
        self.loaded_as: tuple[int, int, int] | None = None
        self._load()

    def _load(self) -> None:
        data, status = _read_json(self.path)
        if (
            isinstance(data, dict)
            and data.get("format") == INDEX_FORMAT
            and data.get("folder") == self.folder
            and isinstance(data.get("files"), dict)
        ):
            self.files = data["files"]
            self.loaded_as = status

    def content(self, name: str, key: StatKey | None, markup: str, today: int) -> str | None:
        """The content key recorded for an unchanged file, else None."""
        entry = self.files.get(name)
        if key is None or not isinstance(entry, list) or len(entry) != 4:
            return None
        status, recorded_markup, content, used = entry
        if status != list(key) or recorded_markup != markup or not isinstance(content, str):
            return None
        if used != today:
            self.record(name, [status, markup, content, today])
        return content

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
        kept = {
            name: entry
            for name, entry in files.items()
            if isinstance(entry, list) and len(entry) == 4 and isinstance(entry[3], int) and entry[3] >= oldest
        }
        write_atomically(self.path, _dump({"format": INDEX_FORMAT, "folder": self.folder, "files": kept}))
        self.files = kept
        self.changed.clear()


class _Packs:
    """The alerts stored under one settings key: every pack in its folder,
    read once, and the entries of this run waiting to be written."""

    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = folder
        self.settings = settings
        self.entries: dict[str, Any] = {}
        self.pending: dict[str, list[Any]] = {}
        self.names: list[str] = []  # the packs read, oldest first, for merging
        self._loaded: list[dict[str, Any]] = []
        self._load()

    def _load(self) -> None:
        try:
            listing = os.scandir(self.folder)
        except OSError:
            return
        with listing:
            names = sorted(e.name for e in listing if e.name.startswith("pack-") and e.name.endswith(".json"))
        for name in names:
            data, _ = _read_json(self.folder / name)
            if (
                isinstance(data, dict)
                and data.get("format") == PACK_FORMAT
                and data.get("settings") == self.settings
                and isinstance(data.get("alerts"), dict)
            ):
                self.entries.update(data["alerts"])
                self.names.append(name)
                self._loaded.append(data["alerts"])
        # Reading marks the folder as used, as writing does (once a day).
        with contextlib.suppress(OSError):
            if names and time.time() - self.folder.stat().st_mtime > 86400:
                os.utime(self.folder)

    def get(self, content: str) -> list[Alert] | None:
        data = self.entries.get(content)
        if not isinstance(data, list):
            return None
        try:
            return [alert_from_data(item) for item in data]
        except (ValueError, TypeError, KeyError):
            return None

    def add(self, content: str, alerts: Sequence[Alert]) -> None:
        data = [alert_to_data(a) for a in alerts]
        self.entries[content] = data
        self.pending[content] = data

    def save(self) -> None:
        """Write this run's entries as a new pack; merge the packs when there
        are too many. A merged pack is written before the packs it replaces
        are removed, so a concurrent reader misses entries at worst."""
        if not self.pending:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        os.utime(self.folder)
        merge = len(self.names) + 1 > MAX_PACKS
        entries = self._merged() if merge else self.pending
        name = f"pack-{time.time_ns():x}-{os.getpid()}-{os.urandom(4).hex()}.json"
        data = {"format": PACK_FORMAT, "settings": self.settings, "alerts": entries}
        write_atomically(self.folder / name, _dump(data))
        if merge:
            for old in self.names:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / old)
            self.names, self._loaded = [name], [entries]
        else:
            self.names.append(name)
            self._loaded.append(entries)
        self.pending = {}

    def _merged(self) -> dict[str, Any]:
        """Every entry, newest first, up to MAX_PACK_ENTRIES."""
        merged: dict[str, Any] = {}
        for entries in (self.pending, *reversed(self._loaded)):
            for content, data in entries.items():
                if len(merged) >= MAX_PACK_ENTRIES:
                    return merged
                merged.setdefault(content, data)
        return merged


class ResultCache:
    """Alerts by (settings, content) key in a folder. Every failure to read or
    write is silent: a cache problem must never fail a lint run. Entries are
    kept in memory until :meth:`save`."""

    def __init__(self, root: str | os.PathLike[str] = DEFAULT_DIR) -> None:
        self.root = Path(root)
        self.writable = True
        self._root_ready = False
        self._pruned = False
        self._indexes: dict[str, _FolderIndex] = {}
        self._packs: dict[str, _Packs] = {}
        self._today = _today()

    def settings_folder(self, settings: str) -> Path:
        return self.root / FORMAT / settings[:24]

    def index_path(self, folder: str) -> Path:
        return self.root / FORMAT / INDEX / f"{digest(folder)[:32]}.json"

    @staticmethod
    def content_key(text: str, markup: str) -> str:
        return digest(markup, text)

    def get(self, settings: str, content: str) -> list[Alert] | None:
        return self._settings(settings).get(content)

    def put(self, settings: str, content: str, alerts: Sequence[Alert]) -> None:
        """Store alerts by key and write them out at once (for many files,
        :meth:`store` them and :meth:`save` once)."""
        self._settings(settings).add(content, alerts)
        self.save()

    # -- by file, through the index -------------------------------------------
    def lookup(
        self, path: str, info: os.stat_result | None, markup: str, settings: str, text: str
    ) -> tuple[str, list[Alert] | None]:
        """The content key of ``path`` (whose text is ``text``, read when its
        status was ``info``) and its cached alerts under ``settings``, or None
        when it has to be linted."""
        folder, name = os.path.split(os.path.abspath(path))
        index = self._index(folder)
        key = stat_key(info) if info is not None else None
        content = index.content(name, key, markup, self._today)
        if content is None:
            content = self.content_key(text, markup)
            entry = [self._trusted(key), markup, content, self._today]
            if index.files.get(name) != entry:
                index.record(name, entry)
        return content, self.get(settings, content)

    def store(
        self, path: str, info: os.stat_result | None, markup: str, settings: str, content: str, alerts: Sequence[Alert]
    ) -> None:
        """Keep the alerts of a file just linted, until :meth:`save`."""
        self._settings(settings).add(content, alerts)
        folder, name = os.path.split(os.path.abspath(path))
        self._index(folder).record(name, [self._trusted(stat_key(info) if info else None), markup, content, self._today])

    def save(self) -> None:
        """Write the packs and index files this run changed."""
        if not self.writable:
            return
        try:
            for packs in self._packs.values():
                if packs.pending:
                    self._prepare()
                    packs.save()
            for index in self._indexes.values():
                if index.changed:
                    self._prepare()
                    index.path.parent.mkdir(parents=True, exist_ok=True)
                    index.save()
        except (OSError, ValueError):
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

    def _settings(self, settings: str) -> _Packs:
        packs = self._packs.get(settings)
        if packs is None:
            packs = self._packs[settings] = _Packs(self.settings_folder(settings), settings)
        return packs

    def _prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG, and prune
        what went unused for long, once per run that writes."""
        if self._root_ready:
            return
        self._root_ready = True
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Made by copydesk.\n*\n"), ("CACHEDIR.TAG", TAG)):
            target = self.root / name
            if not target.exists():
                write_atomically(target, text.encode("utf-8"))
        self.prune()

    def prune(self, now: float | None = None) -> None:
        """Remove settings folders and index files unused for 30 days, and
        the folders of older cache formats."""
        limit = (now if now is not None else time.time()) - STALE_SECONDS
        with contextlib.suppress(OSError):
            for old in self.root.iterdir():
                if old.name != FORMAT and old.name[:1] == "v" and old.name[1:].isdigit() and old.stat().st_mtime < limit:
                    _remove_tree(old)
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

