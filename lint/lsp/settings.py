"""What the server lints a document with: rules, options and vocabulary.

Settings come from the same place as for ``copydesk check``: the project
configuration that applies to the document's path (``.copydesk.toml``,
``copydesk.toml`` or ``[tool.copydesk]`` in ``pyproject.toml``, found from
the document's folder upwards, see :mod:`lint.config`). The editor's own
settings (``initializationOptions`` or the ``copydesk`` section of
``workspace/configuration``, per workspace folder) win over it as command
line options do: ``minLevel``, ``rules`` (extra rule folders, relative to
the workspace folder), ``only`` and ``ignore``; ``debounce`` (milliseconds)
is the server's own.

The project vocabulary is the configuration's ``vocabularies`` plus
``.copydesk/vocabulary/`` (``accept.txt``, ``reject.txt``) at the root of the
workspace folder. "Add to the vocabulary" writes the accept list of the
first configured vocabulary, or ``.copydesk/vocabulary/accept.txt`` at the
workspace folder's root when the configuration names none.

Settings are cached per document while it is open
(:meth:`SettingsProvider.forget` drops a document's when it closes).
:meth:`SettingsProvider.refresh` drops them when a file they were read from
changed (modification time or size); :meth:`SettingsProvider.invalidate`
drops everything. A configuration or rule file that cannot be used is
reported as a :class:`Problem` naming the file and line, and the last
settings that loaded for the document stay in use.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.alerts import LEVEL_NAMES, Level
from lint.markup import markup_for_path

if TYPE_CHECKING:
    from lint.config import FileSettings, SettingsResolver
    from lint.engine import LintOptions
    from lint.grammar.settings import GrammarSettings
    from lint.rule_loading import Rule
    from lint.vocabulary import Vocabulary

DEFAULT_DEBOUNCE_MS = 150
MAX_DEBOUNCE_MS = 5_000
VOCABULARY_DIR = Path(".copydesk") / "vocabulary"
ACCEPT_FILE = "accept.txt"
UNTITLED = "untitled"

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Problem:
    """A settings file that could not be used."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ClientSettings:
    """Settings the editor sends."""

    min_level: Level | None = None
    rules: tuple[str, ...] = ()
    only: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    @classmethod
    def parse(cls, value: object, base: ClientSettings | None = None) -> tuple[ClientSettings, list[str]]:
        """Settings from a JSON object (``{"copydesk": {...}}`` is unwrapped).
        Keys it does not hold keep their value in ``base``; invalid values are
        left out and described."""
        base = base or cls()
        warnings: list[str] = []
        if value is None:
            return base, warnings
        if not isinstance(value, Mapping):
            return base, [f"settings must be an object, not {type(value).__name__}"]
        data: Mapping[str, Any] = value
        if isinstance(data.get("copydesk"), Mapping):
            data = data["copydesk"]
        min_level = base.min_level
        level = data.get("minLevel")
        if level is not None:
            if isinstance(level, str) and level.strip().lower() in LEVEL_NAMES:
                min_level = Level.parse(level)
            else:
                warnings.append(f"minLevel: expected one of {', '.join(LEVEL_NAMES)}, not {level!r}")
        rules = _strings(data, "rules", warnings)
        only = _names(data, "only", warnings)
        ignore = _names(data, "ignore", warnings)
        debounce = data.get("debounce", base.debounce_ms)
        if isinstance(debounce, bool) or not isinstance(debounce, (int, float)) or not 0 <= debounce <= MAX_DEBOUNCE_MS:
            warnings.append(f"debounce: expected milliseconds from 0 to {MAX_DEBOUNCE_MS}, not {debounce!r}")
            debounce = base.debounce_ms
        return (
            cls(
                min_level,
                base.rules if rules is None else tuple(rules),
                base.only if only is None else frozenset(only),
                base.ignore if ignore is None else frozenset(ignore),
                int(debounce),
            ),
            warnings,
        )


def _strings(data: Mapping[str, Any], key: str, warnings: list[str]) -> list[str] | None:
    """The list of strings under ``key``; None when absent or invalid."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    warnings.append(f"{key}: expected a list of strings")
    return None


def _names(data: Mapping[str, Any], key: str, warnings: list[str]) -> list[str] | None:
    values = _strings(data, key, warnings)
    if values is None:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


@dataclass(frozen=True)
class DocumentSettings:
    """Everything one lint of one document needs."""

    rules: tuple[Rule, ...]
    options: LintOptions
    vocabulary: Vocabulary
    accept_path: Path | None
    # The markup the configuration sets for this file; None: the document's own.
    markup: str | None = None
    # The configuration excludes the file even when it is named (force-exclude).
    excluded: bool = False
    problems: tuple[Problem, ...] = ()
    watched: tuple[str, ...] = ()
    # The configuration's grammar settings (dialect, LanguageTool server), as
    # the command line applies them around a lint; None: the defaults.
    grammar: GrammarSettings | None = None
    _by_id: dict[str, Rule] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {rule.id: rule for rule in self.rules})

    def rule(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    @classmethod
    def empty(cls) -> DocumentSettings:
        """No rules at all (used when settings cannot be loaded)."""
        from lint.engine import LintOptions
        from lint.vocabulary import EMPTY

        return cls((), LintOptions(), EMPTY, None)


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def fingerprint(paths: Iterable[str | Path]) -> Fingerprint:
    """Modification time and size of each path; a missing path counts too,
    so creating it changes the fingerprint."""
    out: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            out.append((str(path), -1, -1))
            continue
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def rule_folder_entries(folders: Iterable[Path]) -> list[Path]:
    """Rule folders and their pack folders: adding or removing a rule file
    changes their modification times."""
    found: list[Path] = []
    for folder in folders:
        found.append(folder)
        try:
            found.extend(sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")))
        except OSError:
            continue
    return found


@dataclass
class _Cached:
    stamp: Fingerprint
    settings: DocumentSettings


class SettingsProvider:
    """Loads and caches :class:`DocumentSettings`; safe to call from threads."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._folders: list[Path] = []
        self._client: dict[Path | None, ClientSettings] = {None: ClientSettings()}
        self._resolvers: dict[Path | None, SettingsResolver] = {}
        self._documents: dict[Path | None, _Cached] = {}
        self._last_good: dict[Path | None, DocumentSettings] = {}
        self._last_good_in: dict[Path | None, DocumentSettings] = {}  # per workspace folder
        self.generation = 0

    # -- editor settings ---------------------------------------------------
    def set_folders(self, folders: Iterable[Path]) -> None:
        with self._lock:
            self._folders = list(folders)
            self._resolvers.clear()
            self._bump()

    def set_client_settings(self, settings: ClientSettings, folder: Path | None = None) -> None:
        with self._lock:
            if self._client.get(folder) != settings:
                self._client[folder] = settings
                self._resolvers.clear()
                self._bump()

    def folder_of(self, path: Path | None) -> Path | None:
        """The innermost workspace folder holding ``path``."""
        if path is None:
            return None
        containing = [f for f in self._folders if _is_within(path, f)]
        return max(containing, key=lambda f: len(f.parts)) if containing else None

    def client_settings(self, folder: Path | None = None) -> ClientSettings:
        """The editor's settings for a workspace folder (None: the global ones)."""
        return self._client.get(folder) or self._client[None]

    # -- cache -------------------------------------------------------------
    def _bump(self) -> None:
        self._documents.clear()
        self.generation += 1

    def invalidate(self) -> None:
        """Forget everything loaded; the next lint reads every file again."""
        with self._lock:
            for resolver in self._resolvers.values():
                resolver.invalidate()
            self._bump()

    def refresh(self) -> bool:
        """Drop everything when a file some settings were read from changed;
        True when something was dropped."""
        with self._lock:
            if all(fingerprint(c.settings.watched) == c.stamp for c in self._documents.values()):
                return False
        self.invalidate()
        return True

    def forget(self, path: Path | None) -> None:
        """Drop what is kept for the document at ``path`` (it was closed)."""
        with self._lock:
            self._documents.pop(path, None)
            self._last_good.pop(path, None)

    # -- loading -----------------------------------------------------------
    def for_document(self, path: Path | None) -> DocumentSettings:
        """The settings for a document at ``path`` (None: not a file)."""
        with self._lock:
            cached = self._documents.get(path)
            if cached is None:
                settings = self._load(path)
                cached = _Cached(fingerprint(settings.watched), settings)
                self._documents[path] = cached
            return cached.settings

    def _resolver(self, folder: Path | None) -> SettingsResolver:
        from lint.config import SettingsOverrides, SettingsResolver

        resolver = self._resolvers.get(folder)
        if resolver is None:
            client = self.client_settings(folder)
            base = folder or (self._folders[0] if self._folders else None)
            overrides = SettingsOverrides(
                rule_folders=tuple(str(_resolve(p, base)) for p in client.rules),
                min_level=client.min_level,
                only=client.only,
                ignore=client.ignore,
            )
            resolver = SettingsResolver(overrides)
            self._resolvers[folder] = resolver
        return resolver

    def _load(self, path: Path | None) -> DocumentSettings:
        from lint.config import ConfigError
        from lint.rule_loading import RuleFileError
        from lint.vocabulary import VocabularyError

        folder = self.folder_of(path)
        resolver = self._resolver(folder)
        where = path or (self._folders[0] if self._folders else Path.cwd()) / UNTITLED
        try:
            file_settings = resolver.settings_for(where)
            settings = self._document_settings(resolver, file_settings, where, folder, path is not None)
        except (ConfigError, RuleFileError, VocabularyError) as exc:
            problem = _problem(exc)
            fallback = self._last_good.get(path) or self._last_good_in.get(folder) or self._defaults(folder)
            return _with_problem(fallback, problem)
        self._last_good[path] = settings
        self._last_good_in[folder] = settings
        return settings

    def _document_settings(
        self, resolver: SettingsResolver, file_settings: FileSettings, path: Path, folder: Path | None, is_file: bool
    ) -> DocumentSettings:
        from lint.vocabulary import load_vocabulary

        vocabulary = file_settings.vocabulary
        default_dir = folder / VOCABULARY_DIR if folder is not None else None
        if default_dir is not None and default_dir.is_dir():
            vocabulary = vocabulary.merge(load_vocabulary([default_dir]))
        accept_path = self._accept_path(resolver, path, default_dir)
        markup = file_settings.markup if is_file and file_settings.markup != markup_for_path(str(path)) else None
        config_folders = resolver.config_for(path)
        rule_folders = [Path(f) for f in resolver.overrides.rule_folders]
        if config_folders is not None:
            rule_folders.extend(config_folders.rule_folders)
        watched = [
            *file_settings.watched,
            *(r.spec.path for r in file_settings.rules if r.spec.path),
            *(str(p) for p in rule_folder_entries(rule_folders)),
            *self._config_candidates(path),
        ]
        if default_dir is not None:
            watched += [str(default_dir), str(default_dir / ACCEPT_FILE), str(default_dir / "reject.txt")]
        return DocumentSettings(
            rules=file_settings.rules,
            options=file_settings.options,
            vocabulary=vocabulary,
            accept_path=accept_path,
            markup=markup,
            excluded=file_settings.excluded and file_settings.force_exclude,
            watched=tuple(dict.fromkeys(watched)),
            grammar=file_settings.grammar,
        )

    def _config_candidates(self, path: Path) -> list[str]:
        """Where a configuration could appear between the document and its
        workspace folder (a new one there changes which applies)."""
        from lint.config import CONFIG_FILES

        folder = self.folder_of(path)
        out: list[str] = []
        for parent in path.parents:
            out.extend(str(parent / name) for name in CONFIG_FILES)
            if folder is None or parent == folder:
                break
        return out

    def _accept_path(self, resolver: SettingsResolver, path: Path, default_dir: Path | None) -> Path | None:
        config = resolver.config_for(path)
        if config is not None:
            for section in config.sections_for(path):
                for vocabulary in section.vocabularies:
                    if vocabulary.is_dir() or not vocabulary.suffix:
                        return vocabulary / ACCEPT_FILE
                    if not vocabulary.name.lower().startswith("reject"):
                        return vocabulary
        return default_dir / ACCEPT_FILE if default_dir is not None else None

    def _defaults(self, folder: Path | None) -> DocumentSettings:
        """Settings without any configuration file (when it cannot be read)."""
        from lint.config import SettingsOverrides, SettingsResolver

        resolver = self._resolver(folder)
        isolated = SettingsResolver(SettingsOverrides(**{**_fields(resolver.overrides), "isolated": True}))
        try:
            file_settings = isolated.settings_for(Path.cwd() / UNTITLED)
        except Exception:  # noqa: BLE001 - an extra rule folder may be the problem
            return DocumentSettings.empty()
        return DocumentSettings(file_settings.rules, file_settings.options, file_settings.vocabulary, None)


def _fields(overrides: Any) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(overrides, f.name) for f in dataclasses.fields(overrides)}


def _problem(exc: Exception) -> Problem:
    path = getattr(exc, "path", "") or ""
    line = getattr(exc, "line", None)
    message = str(exc)
    prefix = f"{path}:{line}: " if line else f"{path}: "
    if path and message.startswith(prefix):
        message = message[len(prefix) :]
    return Problem(str(path), line if isinstance(line, int) else None, message)


def _with_problem(settings: DocumentSettings, problem: Problem) -> DocumentSettings:
    watched = (*settings.watched, problem.path) if problem.path else settings.watched
    return DocumentSettings(
        settings.rules,
        settings.options,
        settings.vocabulary,
        settings.accept_path,
        settings.markup,
        settings.excluded,
        (*settings.problems, problem),
        watched,
        settings.grammar,
    )


def _resolve(value: str, base: Path | None) -> Path:
    path = Path(os.path.expanduser(value))
    if not path.is_absolute() and base is not None:
        path = base / path
    return path
