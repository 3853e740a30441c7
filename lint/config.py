"""Project configuration: ``copydesk.toml`` or ``[tool.copydesk]``.

Discovery works as ruff's: for each file, the folders from the file's own up
to the file system root are searched, and the first of ``.copydesk.toml``,
``copydesk.toml`` or a ``pyproject.toml`` holding a ``[tool.copydesk]``
table wins (the closest configuration applies whole; ``extend = "PATH"``
builds on another file). ``--config PATH`` uses one file for every path.

Keys (all optional)::

    extend = "../copydesk.toml"        # base configuration, this file overrides it
    rule-folders = ["styles"]          # extra rule folders (relative to this file)
    packs = ["News", "Redundancy"]     # exactly these packs (default: the default-on packs)
    extend-packs = ["Opinion"]         # add opt-in packs to the selection
    min-level = "suggestion"           # report alerts at or above
    fail-level = "error"               # exit 1 on alerts at or above
    exclude = ["archive/**"]           # files never linted when folders are walked
    force-exclude = false              # also exclude files named on the command line
    vocabularies = ["styles/vocab/Newsroom"]   # accept.txt / reject.txt folders or files
    dialect = "en-GB"                  # for grammar rules that name none
    [languagetool]                     # grammar rules with backend: languagetool (nothing is
    url = "https://lt.example.internal"  # sent unless url or local is set; the
    local = false                      # COPYDESK_LANGUAGETOOL_URL variable wins)
    timeout = 20
    [rules]                            # per rule or pack: a level or "off"
    "News.DoubledWord" = "off"
    Redundancy = "suggestion"
    [markup]                           # markup per glob
    "*.txt" = "markdown"
    [[overrides]]                      # settings for some files
    files = ["opinion/**"]
    extend-packs = ["Opinion"]         # also: packs, rules, min-level, fail-level, markup, vocabularies
    rules = { "News.RepeatedModifier" = "off" }

Globs (syntax in :mod:`lint.globs`, checked when the file is read) are
relative to the configuration file's folder; a glob without ``/``
matches a file or folder name at any depth (``*.txt``, ``drafts``); a glob
matching a folder matches every file below it. Later settings win: the
top level, then each matching override in file order, then the command
line (or the language server's own settings). A rule's own setting in
``rules`` wins over its pack's.

API (the CLI and the language server use the same calls)::

    from lint.config import SettingsResolver, SettingsOverrides, ConfigError

    resolver = SettingsResolver(SettingsOverrides(min_level=None, rule_folders=()))
    settings = resolver.settings_for("news/a.md")   # FileSettings, may raise ConfigError
    alerts = settings.lint(text)                     # exactly what `copydesk check` reports
    settings.config_path                             # the file that applied, or None
    settings.watched                                 # configuration and vocabulary files it was read from
    settings.rule_folders                            # the rule folders it loaded (watch them too)
    resolver.invalidate()                            # drop every cache (rule files, vocabularies,
                                                     # a new configuration file appeared)

A configuration file that changed on disk (modification time or size) is
re-read by the next :meth:`SettingsResolver.settings_for` without any call;
rule folders and the folder-to-configuration map are cached until
:meth:`SettingsResolver.invalidate`. :func:`load_project_settings` is the
one-call form with a process-wide resolver per set of overrides.

Errors name the file, the key and what is allowed, e.g.
``copydesk.toml:3: key 'min-level': unknown level 'fatal'; expected one of:
suggestion, warning, error``.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import os
import re
import stat
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint.alerts import LEVEL_NAMES, Alert, Level
from lint.engine import LintOptions, lint_document, lint_text
from lint.files import collect_paths
from lint.globs import GlobError, compile_glob
from lint.markup import markup_for_path, normalize_markup
from lint.markup.blocks import ParsedDocument
from lint.rule_loading import (
    Rule,
    RuleFileError,
    default_rule_folders,
    discover_rule_files,
    load_rules,
    pack_enabled_by_default,
)
from lint.grammar.settings import DEFAULT_TIMEOUT, GrammarSettings, LanguageToolSettings, use_grammar_settings
from lint.vocabulary import EMPTY, Vocabulary, VocabularyError, load_vocabulary, use_vocabulary

CONFIG_FILES = (".copydesk.toml", "copydesk.toml", "pyproject.toml")
OFF = "off"
MAX_EXTEND_DEPTH = 32
MAX_CONFIG_BYTES = 2_000_000  # as for a rule file; a pyproject.toml is a few kilobytes

TOP_KEYS = (
    "extend",
    "rule-folders",
    "packs",
    "extend-packs",
    "rules",
    "min-level",
    "fail-level",
    "markup",
    "exclude",
    "force-exclude",
    "vocabularies",
    "overrides",
    "dialect",
    "languagetool",
)
LANGUAGETOOL_KEYS = ("url", "local", "timeout")
OVERRIDE_KEYS = (
    "files",
    "packs",
    "extend-packs",
    "rules",
    "min-level",
    "fail-level",
    "markup",
    "vocabularies",
)


class ConfigError(Exception):
    """An invalid configuration, located as ``path:line: key 'k': message``."""

    def __init__(self, path: str, key: str | None, message: str, line: int | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"key '{self.key}': " if self.key else ""
        return f"{where}: {what}{self.message}"


# -- globs ----------------------------------------------------------------------


def _normal_glob(pattern: str) -> str:
    """A glob as it is matched: without the slashes around it (``news/``)."""
    return pattern.strip("/") if pattern != "/" else pattern


@dataclass(frozen=True)
class Glob:
    """A glob anchored at ``root`` (the folder of the file that wrote it);
    see :mod:`lint.globs` for the syntax. Configuration globs are checked
    when the file is read, so :meth:`matches` does not raise for them."""

    pattern: str
    root: Path

    def matches(self, path: Path) -> bool:
        anchored = "/" in self.pattern.rstrip("/")
        compiled = compile_glob(_normal_glob(self.pattern))
        try:
            parts = path.relative_to(self.root).parts
        except ValueError:
            if anchored:
                return False
            parts = path.parts[-1:]
        if not anchored:
            return any(compiled.match(part) for part in parts)
        return compiled.match_prefix(parts)


# -- parsed configuration ---------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """Settings the top level and an override share. ``where`` names the
    table in error messages (``''``, ``'overrides[0].'``, ``'tool.copydesk.'``)."""

    path: str
    where: str
    packs: tuple[str, ...] | None = None
    extend_packs: tuple[str, ...] = ()
    rules: tuple[tuple[str, str], ...] = ()
    min_level: Level | None = None
    fail_level: Level | None = None
    markup: str | None = None
    vocabularies: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Override:
    files: tuple[Glob, ...]
    section: Section

    def applies(self, path: Path) -> bool:
        return any(glob.matches(path) for glob in self.files)


@dataclass(frozen=True)
class ProjectConfig:
    """One configuration file, merged with the files it extends."""

    path: Path
    sources: tuple[Path, ...]
    rule_folders: tuple[Path, ...] = ()
    base: tuple[Section, ...] = ()
    markup: tuple[tuple[Glob, str], ...] = ()
    exclude: tuple[Glob, ...] = ()
    force_exclude: bool = False
    overrides: tuple[Override, ...] = ()
    grammar: GrammarSettings | None = None

    def sections_for(self, path: Path) -> list[Section]:
        return [*self.base, *(o.section for o in self.overrides if o.applies(path))]


def find_config_file(start: Path) -> Path | None:
    """The configuration that applies to files in folder ``start``, searched
    upwards; None when there is none."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_copydesk_table(candidate)):
                return candidate
    return None


def _has_copydesk_table(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return _pyproject_has_table(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=256)
def _pyproject_has_table(path: str, mtime_ns: int, size: int) -> bool:
    try:
        text = _read_text(Path(path))
    except ConfigError:
        return False
    if "copydesk" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        # Report it when the file is read as a configuration.
        return re.search(r"^\s*\[\s*tool\.copydesk\s*[\].]", text, re.MULTILINE) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "copydesk" in tool


def read_config(path: str | os.PathLike[str]) -> ProjectConfig:
    """Read and validate one configuration file (and what it extends)."""
    return _read_config(Path(path).absolute(), ())


def _read_config(path: Path, chain: tuple[Path, ...]) -> ProjectConfig:
    display = str(path)
    if path in chain:
        cycle = " -> ".join(str(p) for p in (*chain, path))
        raise ConfigError(str(chain[-1]), "extend", f"configuration files extend each other in a cycle: {cycle}")
    if len(chain) > MAX_EXTEND_DEPTH:
        raise ConfigError(str(chain[-1]), "extend", f"more than {MAX_EXTEND_DEPTH} configuration files extend one another")
    text = _read_text(path)
    data = _load_toml(text, display)
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("copydesk") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(display, "tool.copydesk", "no [tool.copydesk] table in this pyproject.toml")
        data, prefix = table, "tool.copydesk."
    return _parse(data, path, text, prefix, chain)


def _read_text(path: Path) -> str:
    """A configuration file's text, as ``read_text`` gives it (BOM dropped,
    newlines made LF), from a regular file of at most
    :data:`MAX_CONFIG_BYTES`: opened without blocking, so ``--config`` naming
    a named pipe or a device fails at once instead of waiting or reading
    forever."""
    display = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ConfigError(display, None, "configuration file not found") from None
    except OSError as exc:
        raise ConfigError(display, None, f"cannot read: {exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
            raise ConfigError(display, None, f"cannot read: not a regular file ({kind})")
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_CONFIG_BYTES:
            chunk = os.read(fd, max(info.st_size + 1 - total, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise ConfigError(display, None, f"cannot read: {exc}") from None
    finally:
        os.close(fd)
    if total > MAX_CONFIG_BYTES:
        raise ConfigError(display, None, f"cannot read: larger than {MAX_CONFIG_BYTES:,} bytes; is it a configuration file?")
    try:
        text = b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(display, None, f"cannot read: {exc}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _load_toml(text: str, display: str) -> dict[str, Any]:
    """``tomllib.loads``, with every way it can fail as a :class:`ConfigError`:
    tomllib recurses once per level of nested arrays and inline tables (a
    few hundred levels raise RecursionError), and Python refuses to convert
    an integer of more than ``sys.get_int_max_str_digits()`` digits."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(display, None, f"invalid TOML: {exc}") from None
    except RecursionError:
        depth, at = _deepest_value(text)
        where = f" ({depth:,} levels)" if depth else ""
        line, key = _key_at(text, at)
        raise ConfigError(display, key, f"invalid TOML: arrays or inline tables nested too deeply{where}", line) from None
    except ValueError as exc:
        limit = sys.get_int_max_str_digits()
        if limit and "integer string conversion" in str(exc):
            m = re.search(rf"[0-9A-Fa-f_]{{{limit},}}", text)
            line, key = _key_at(text, m.start() if m else -1)
            raise ConfigError(display, key, f"invalid TOML: an integer of more than {limit:,} digits", line) from None
        raise ConfigError(display, None, f"invalid TOML: {exc}") from None


def _deepest_value(text: str) -> tuple[int, int]:
    """How deeply arrays and inline tables nest in TOML ``text``, and where
    the outermost one around the deepest point opens (-1 if nowhere):
    brackets and braces are counted outside strings and comments."""
    depth = deepest = 0
    opened = at = -1
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            triple = text.startswith(c * 3, i)
            quote = c * 3 if triple else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if not triple and text[j] == "\n":
                    break  # an unclosed string ends with its line
                j += 2 if c == '"' and text[j] == "\\" else 1
            i = j + len(quote) if text.startswith(quote, j) else j
            continue
        if c in "[{":
            if depth == 0:
                opened = i
            depth += 1
            if depth > deepest:
                deepest, at = depth, opened
        elif c in "]}" and depth:
            depth -= 1
        i += 1
    return deepest, at


def _key_at(text: str, position: int) -> tuple[int | None, str | None]:
    """The line of ``position`` and the key assigned on that line (with the
    table header above it), as far as a simple reading finds them."""
    if position < 0:
        return None, None
    start = text.rfind("\n", 0, position) + 1
    line = text.count("\n", 0, start) + 1
    m = re.match(r"[ \t]*([\w\"' .-]+?)[ \t]*=", text[start:position])
    if m is None:
        return line, None
    key = re.sub(r"\s*\.\s*", ".", m.group(1)).replace('"', "").replace("'", "")
    headers = re.findall(r"^[ \t]*\[\[?[ \t]*([\w\"' .-]+?)[ \t]*\]", text[:start], re.MULTILINE)
    if headers:
        key = re.sub(r"\s*\.\s*", ".", headers[-1]).replace('"', "").replace("'", "") + "." + key
    return line, key


class _Reader:
    """Validation helpers that raise :class:`ConfigError` with the key and line."""

    def __init__(self, path: Path, text: str, prefix: str) -> None:
        self.path = path
        self.text = text
        self.prefix = prefix
        self.root = path.parent

    def fail(self, key: str, message: str, line: int | None = None) -> ConfigError:
        full = self.prefix + key
        return ConfigError(str(self.path), full, message, line or _find_line(self.text, full))

    def table_key_line(self, name: str) -> int | None:
        """The line of ``name = ...`` written as a key of its own (as the
        globs of ``[markup]`` are), or None."""
        written = re.escape(name)
        m = re.search(rf"""^[ \t]*(?:"{written}"|'{written}'|{written})[ \t]*=""", self.text, re.MULTILINE)
        return None if m is None else self.text.count("\n", 0, m.start()) + 1

    def keys(self, table: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key.replace("_", "-"), allowed, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise self.fail(where + key, f"unknown key; {hint}allowed keys: {', '.join(allowed)}")

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be a non-empty string, not {_type_name(value)}")
        return value

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if isinstance(value, str):
            raise self.fail(key, f"must be a list of strings (write [{value!r}])")
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of strings, not {_type_name(value)}")
        return tuple(self.string(item, f"{key}[{i}]") for i, item in enumerate(value))

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {_type_name(value)}")
        return value

    def level(self, value: Any, key: str) -> Level:
        text = self.string(value, key)
        try:
            return Level.parse(text)
        except ValueError:
            raise self.fail(key, f"unknown level {text!r}; expected one of: {', '.join(LEVEL_NAMES)}") from None

    def markup(self, value: Any, key: str) -> str:
        text = self.string(value, key)
        try:
            return normalize_markup(text)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def table(self, value: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, not {_type_name(value)}")
        return value

    def folder(self, value: str, key: str) -> Path:
        path = (self.root / os.path.expanduser(value)).absolute()
        if not path.is_dir():
            raise self.fail(key, f"folder {value!r} does not exist (relative paths start at {self.root})")
        return path

    def globs(self, value: Any, key: str) -> tuple[Glob, ...]:
        return tuple(Glob(self._glob(g, f"{key}[{i}]"), self.root) for i, g in enumerate(self.strings(value, key)))

    def _glob(self, pattern: str, key: str, line: int | None = None) -> str:
        try:
            compile_glob(_normal_glob(pattern))
        except GlobError as exc:
            message = str(exc) if "in glob" in str(exc) else f"invalid glob {pattern!r}: {exc}"
            raise self.fail(key, message, line) from None
        return pattern

    def section(self, table: Mapping[str, Any], where: str) -> Section:
        packs = None
        if "packs" in table:
            packs = self.strings(table["packs"], where + "packs")
        rules: list[tuple[str, str]] = []
        if "rules" in table:
            for name, value in self.table(table["rules"], where + "rules").items():
                key = f"{where}rules.{name}"
                setting = self.string(value, key).strip().lower()
                if setting != OFF and setting not in LEVEL_NAMES:
                    raise self.fail(key, f"must be 'off' or a level ({', '.join(LEVEL_NAMES)}), not {value!r}")
                rules.append((name, setting))
        vocabularies: list[Path] = []
        for i, item in enumerate(self.strings(table.get("vocabularies", []), where + "vocabularies")):
            candidate = (self.root / os.path.expanduser(item)).absolute()
            if not candidate.exists():
                raise self.fail(f"{where}vocabularies[{i}]", f"vocabulary {item!r} not found (a folder with accept.txt/reject.txt, or a file)")
            vocabularies.append(candidate)
        return Section(
            path=str(self.path),
            where=self.prefix + where,
            packs=packs,
            extend_packs=self.strings(table.get("extend-packs", []), where + "extend-packs"),
            rules=tuple(rules),
            min_level=self.level(table["min-level"], where + "min-level") if "min-level" in table else None,
            fail_level=self.level(table["fail-level"], where + "fail-level") if "fail-level" in table else None,
            markup=self.markup(table["markup"], where + "markup") if "markup" in table and where else None,
            vocabularies=tuple(vocabularies),
        )


def _parse(data: Mapping[str, Any], path: Path, text: str, prefix: str, chain: tuple[Path, ...]) -> ProjectConfig:
    read = _Reader(path, text, prefix)
    read.keys(data, TOP_KEYS, "")
    base: ProjectConfig | None = None
    if "extend" in data:
        target = read.string(data["extend"], "extend")
        base_path = (path.parent / os.path.expanduser(target)).absolute()
        if not base_path.is_file():
            raise read.fail("extend", f"file {target!r} does not exist (relative paths start at {path.parent})")
        base = _read_config(base_path, (*chain, path))
    folders = tuple(
        read.folder(f, f"rule-folders[{i}]") for i, f in enumerate(read.strings(data.get("rule-folders", []), "rule-folders"))
    )
    markup: list[tuple[Glob, str]] = []
    for pattern, value in read.table(data.get("markup", {}), "markup").items():
        key, line = f"markup.{pattern}", read.table_key_line(pattern)
        markup.append((Glob(read._glob(pattern, key, line), path.parent), read.markup(value, key)))
    overrides: list[Override] = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise read.fail("overrides", f"must be an array of tables ([[overrides]]), not {_type_name(raw_overrides)}")
    for i, item in enumerate(raw_overrides):
        where = f"overrides[{i}]."
        table = read.table(item, f"overrides[{i}]")
        read.keys(table, OVERRIDE_KEYS, where)
        if "files" not in table:
            raise read.fail(f"overrides[{i}]", "an override needs 'files', a list of globs")
        files = read.globs(table["files"], where + "files")
        if not files:
            raise read.fail(where + "files", "must list at least one glob")
        overrides.append(Override(files, read.section(table, where)))
    own = ProjectConfig(
        path=path,
        sources=(path,),
        grammar=_grammar_settings(read, data),
        rule_folders=folders,
        base=(read.section(data, ""),),
        markup=tuple(markup),
        exclude=read.globs(data.get("exclude", []), "exclude"),
        force_exclude=read.boolean(data["force-exclude"], "force-exclude") if "force-exclude" in data else False,
        overrides=tuple(overrides),
    )
    if base is None:
        return own
    return ProjectConfig(
        path=path,
        sources=(*base.sources, path),
        rule_folders=(*base.rule_folders, *own.rule_folders),
        base=(*base.base, *own.base),
        markup=(*base.markup, *own.markup),
        exclude=(*base.exclude, *own.exclude),
        force_exclude=own.force_exclude if "force-exclude" in data else base.force_exclude,
        overrides=(*base.overrides, *own.overrides),
        grammar=_merge_grammar(base.grammar, own.grammar),
    )


def _grammar_settings(read: _Reader, data: Mapping[str, Any]) -> GrammarSettings | None:
    """``dialect`` and ``[languagetool]`` (url, local, timeout): where grammar
    rules send text. Nothing is sent unless a url or local is set."""
    if "dialect" not in data and "languagetool" not in data:
        return None
    dialect = read.string(data["dialect"], "dialect") if "dialect" in data else ""
    table = read.table(data.get("languagetool", {}), "languagetool")
    read.keys(table, LANGUAGETOOL_KEYS, "languagetool.")
    url = read.string(table["url"], "languagetool.url").strip() if "url" in table else ""
    if url and not url.startswith(("http://", "https://")):
        raise read.fail("languagetool.url", f"must start with http:// or https://, not {url!r}")
    local = read.boolean(table["local"], "languagetool.local") if "local" in table else False
    timeout = table.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise read.fail("languagetool.timeout", "must be a positive number of seconds")
    return GrammarSettings(dialect, LanguageToolSettings(url=url, local=local, timeout=float(timeout)))


def _merge_grammar(base: GrammarSettings | None, own: GrammarSettings | None) -> GrammarSettings | None:
    if base is None or own is None:
        return own or base
    lt = own.languagetool if own.languagetool.configured else base.languagetool
    return GrammarSettings(own.dialect or base.dialect, lt)


def _find_line(text: str, key: str) -> int | None:
    """Best-effort line of a dotted key (``overrides[1].rules.X``) in TOML text."""
    position = 0
    found: int | None = None
    last = ""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if part.startswith("["):
            index = int(part[1:-1])
            header = r"^[ \t]*\[\[\s*(?:[\w-]+\.)*" + re.escape(last) + r"\s*\]\]"
            headers = list(re.finditer(header, text, re.M))
            if index < len(headers):
                found = headers[index].start()
                position = headers[index].end()
            continue
        last = part
        name = r"[\"']?(?<![\w-])" + re.escape(part) + r"[\"']?"
        m = re.compile(r"^[ \t]*\[+\s*(?:[\w\"'-]+\.)*" + name + r"\s*\]+|" + name + r"\s*=", re.M).search(text, position)
        if m is None:
            continue
        found = m.start()
        position = m.end()
    if found is None:
        return None
    return text.count("\n", 0, found) + 1


def _type_name(value: object) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


# -- settings for one file --------------------------------------------------------


@dataclass(frozen=True)
class SettingsOverrides:
    """Settings that win over every configuration file (the command line's
    options, or the language server's own settings)."""

    config: str | None = None
    isolated: bool = False
    rule_folders: tuple[str, ...] = ()
    markup: str | None = None
    min_level: Level | None = None
    fail_level: Level | None = None
    only: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FileSettings:
    """Everything that decides how one file is linted."""

    path: str
    config_path: str | None
    rules: tuple[Rule, ...]
    markup: str
    options: LintOptions
    fail_level: Level
    vocabulary: Vocabulary = EMPTY
    excluded: bool = False
    force_exclude: bool = False
    watched: tuple[str, ...] = ()
    rule_folders: tuple[str, ...] = ()
    grammar: GrammarSettings | None = None

    def lint(self, source: str) -> list[Alert]:
        """Lint ``source`` (this file's text) as ``copydesk check`` would."""
        with use_vocabulary(self.vocabulary), use_grammar_settings(self.grammar):
            return lint_text(source, self.markup, self.rules, self.options)

    def lint_document(self, doc: ParsedDocument) -> list[Alert]:
        with use_vocabulary(self.vocabulary), use_grammar_settings(self.grammar):
            return lint_document(doc, self.rules, self.options)

    def fails(self, alerts: Iterable[Alert]) -> bool:
        """True when an alert is at or above this file's fail level."""
        return any(a.level >= self.fail_level for a in alerts)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of these settings, for result caches."""
        parts = [
            self.config_path or "",
            self.markup,
            repr(self.options),
            self.fail_level.name,
            repr(self.vocabulary.accepted_terms + self.vocabulary.rejected_terms),
            repr(self.grammar),
            *(f"{r.id}:{r.level.name}:{r.spec.path}" for r in self.rules),
        ]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _stamp(paths: Iterable[Path]) -> tuple[tuple[int, int], ...]:
    out = []
    for p in paths:
        try:
            st = p.stat()
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((-1, -1))
    return tuple(out)


class SettingsResolver:
    """Finds and caches configuration; answers :meth:`settings_for` a file.

    Not thread-safe; use one per thread (or a lock)."""

    def __init__(self, overrides: SettingsOverrides | None = None) -> None:
        self.overrides = overrides or SettingsOverrides()
        self.warnings: list[str] = []
        self.invalidate()

    def invalidate(self) -> None:
        """Forget every cached configuration, rule set and vocabulary."""
        self._folder_config: dict[Path, Path | None] = {}
        self._configs: dict[Path, tuple[tuple[tuple[int, int], ...], ProjectConfig]] = {}
        self._packs: dict[tuple[Path, ...], dict[str, bool]] = {}
        self._rule_names: dict[tuple[Path, ...], frozenset[str]] = {}
        self._rulesets: dict[tuple[tuple[Path, ...], tuple[str, ...]], tuple[Rule, ...]] = {}
        self._levelled: dict[tuple[object, ...], tuple[Rule, ...]] = {}
        self._vocabularies: dict[tuple[Path, ...], Vocabulary] = {}
        self._file_stamps: dict[tuple[str, ...], str] = {}
        self._seen_warnings: set[str] = set()
        self._settings: dict[str, tuple[ProjectConfig | None, FileSettings, Path | None]] = {}
        self._folder_vale: dict[Path, bool] = {}
        self._default_folders: tuple[Path, ...] | None = None
        self._fingerprints: dict[tuple[object, ...], tuple[tuple[Rule, ...], Vocabulary, str]] = {}

    # -- lookups ----------------------------------------------------------
    def config_for(self, path: str | os.PathLike[str]) -> ProjectConfig | None:
        """The configuration that applies to ``path`` (None: defaults only)."""
        found = self._config_file(path)
        return None if found is None else self._config(found)

    def _config_file(self, path: str | os.PathLike[str]) -> Path | None:
        if self.overrides.isolated:
            return None
        if self.overrides.config is not None:
            return Path(self.overrides.config).absolute()
        folder = Path(os.path.abspath(path)).parent
        if folder not in self._folder_config:
            self._folder_config[folder] = find_config_file(folder)
        return self._folder_config[folder]

    def _config(self, path: Path) -> ProjectConfig:
        cached = self._configs.get(path)
        if cached is not None and _stamp(cached[1].sources) == cached[0]:
            return cached[1]
        config = read_config(path)
        self._configs[path] = (_stamp(config.sources), config)
        return config

    def settings_for(self, path: str | os.PathLike[str]) -> FileSettings:
        """The settings for one file (which need not exist yet).

        Remembered per path while the configuration that applies is the same
        object (an edited configuration file is re-read, so a new object);
        a Vale project or a new configuration file is picked up after
        :meth:`invalidate`.
        """
        key = os.fspath(path)
        remembered = self._settings.get(key)
        if remembered is not None:
            found = remembered[2]
            if (None if found is None else self._config(found)) is remembered[0]:
                return remembered[1]
        absolute = Path(os.path.abspath(path))
        found = self._config_file(absolute)
        config = None if found is None else self._config(found)
        settings = self._settings_for(path, absolute, config)
        self._settings[key] = (config, settings, found)
        return settings

    def _settings_for(self, path: str | os.PathLike[str], absolute: Path, config: ProjectConfig | None) -> FileSettings:
        over = self.overrides
        if config is None and not over.isolated and over.config is None:
            vale = self._vale_settings(path)
            if vale is not None:
                return vale
        if self._default_folders is None:
            self._default_folders = tuple(default_rule_folders())
        folders = self._default_folders + (config.rule_folders if config else ())
        folders += tuple(Path(f).absolute() for f in over.rule_folders)
        sections = config.sections_for(absolute) if config else []

        available = self._available_packs(folders)
        packs = {name for name, default in available.items() if default}
        levels: dict[str, str] = {}
        min_level, fail_level = Level.SUGGESTION, Level.ERROR
        markup: str | None = None
        vocabularies: list[Path] = []
        for section in sections:
            if section.packs is not None:
                self._check_packs(section, "packs", section.packs, available)
                packs = set(section.packs)
            self._check_packs(section, "extend-packs", section.extend_packs, available)
            packs.update(section.extend_packs)
            for name, setting in section.rules:
                if name not in self._known_names(folders):
                    raise _section_error(
                        section, f"rules.{name}", f"no rule or pack named {name!r} (run 'copydesk rules' to list them)"
                    )
                levels[name] = setting
            min_level = section.min_level or min_level
            fail_level = section.fail_level or fail_level
            markup = section.markup or markup
            vocabularies.extend(section.vocabularies)
        if config is not None and markup is None:
            for glob, value in config.markup:
                if glob.matches(absolute):
                    markup = value
        rules = self._rules(folders, tuple(sorted(packs)), levels)
        off = frozenset(name for name, setting in levels.items() if setting == OFF)
        options = LintOptions(
            min_level=over.min_level or min_level,
            only=over.only,
            ignore=over.ignore | off,
        )
        vocabulary = self._vocabulary(tuple(vocabularies), config)
        excluded = config is not None and any(glob.matches(absolute) for glob in config.exclude)
        watched = tuple(str(p) for p in config.sources) if config else ()
        return FileSettings(
            path=str(path),
            config_path=str(config.path) if config else None,
            rules=rules,
            markup=over.markup or markup or markup_for_path(str(path)),
            options=options,
            fail_level=over.fail_level or fail_level,
            vocabulary=vocabulary,
            excluded=excluded,
            force_exclude=config.force_exclude if config else False,
            watched=watched + tuple(vocabulary.sources),
            rule_folders=tuple(str(f) for f in folders),
            grammar=config.grammar if config else None,
        )

    def _vale_settings(self, path: str | os.PathLike[str]) -> FileSettings | None:
        """Without a copydesk configuration, a ``.vale.ini`` found walking up
        from the file applies (see lint/vale/project.py)."""
        from lint.vale.ini import ValeConfigError, find_vale_ini

        # Looked for once per folder (a new .vale.ini needs invalidate(), as
        # a new copydesk.toml does).
        absolute = Path(os.path.abspath(path))
        folder = absolute if absolute.is_dir() else absolute.parent
        found = self._folder_vale.get(folder)
        if found is None:
            found = self._folder_vale[folder] = find_vale_ini(path) is not None
        if not found:
            return None  # the Vale project and style loaders are not imported
        from lint.vale.project import vale_settings_for

        try:
            return vale_settings_for(path, self.overrides, self.warnings)
        except ValeConfigError as exc:
            raise ConfigError(exc.path, exc.key, exc.message, exc.line) from None

    # -- the linter interface of lint.run / lint.parallel ---------------------
    def markup_for(self, path: str) -> str:
        return self.settings_for(path).markup

    def lint(self, path: str, text: str) -> list[Alert]:
        """Lint ``text`` as the file at ``path`` with that file's settings."""
        return self.settings_for(path).lint(text)

    def fingerprint(self, path: str) -> str:
        """What ``path``'s alerts depend on besides its text: copydesk's code,
        the settings and the contents of their rule, configuration and
        vocabulary files (contents, not modification times, so a cache
        restored in CI onto a fresh checkout still matches). For the result
        cache."""
        from lint.cache import code_stamp, file_digest

        settings = self.settings_for(path)
        # Files with equal settings (most files of a folder) share one digest.
        # Rules and vocabularies are shared objects (see _rules, _vocabulary):
        # compared by identity, and kept alive by the entry.
        key = (
            id(settings.rules), id(settings.vocabulary), settings.config_path, settings.markup,
            settings.options, settings.fail_level, settings.watched, settings.grammar,
        )  # fmt: skip
        found = self._fingerprints.get(key)
        if found is not None and found[0] is settings.rules and found[1] is settings.vocabulary:
            return found[2]
        files = tuple(sorted({r.spec.path for r in settings.rules if r.spec.path} | set(settings.watched)))
        if files not in self._file_stamps:
            self._file_stamps[files] = file_digest(files)
        parts = (code_stamp(), settings.fingerprint, self._file_stamps[files])
        digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
        self._fingerprints[key] = (settings.rules, settings.vocabulary, digest)
        return digest

    def __getstate__(self) -> dict[str, Any]:
        # Workers rebuild the caches; only the overrides travel.
        return {"overrides": self.overrides}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.overrides = state["overrides"]
        self.warnings = []
        self.invalidate()

    def select_files(self, paths: Sequence[str]) -> tuple[list[str], list[str]]:
        """The files to lint under ``paths`` and errors for missing paths.
        Files the configuration excludes are dropped; a file named
        explicitly is kept unless its configuration sets force-exclude."""
        files, errors = collect_paths(paths)
        explicit = {p for p in paths if os.path.isfile(p)}
        kept = []
        for path in files:
            settings = self.settings_for(path)
            if settings.excluded and (path not in explicit or settings.force_exclude):
                continue
            kept.append(path)
        return kept, errors

    def available_packs(self) -> dict[str, bool]:
        """Pack names in the shipped and extra folders, with on-by-default."""
        folders = tuple(default_rule_folders()) + tuple(Path(f).absolute() for f in self.overrides.rule_folders)
        return dict(self._available_packs(folders))

    def loaded_rules(self) -> tuple[Rule, ...]:
        """Every rule loaded so far for any file, once per id (for reports
        that describe the rules, such as SARIF)."""
        seen: dict[str, Rule] = {}
        for rules in (*self._rulesets.values(), *(s.rules for _, s, _ in self._settings.values())):
            for rule in rules:
                seen.setdefault(rule.id, rule)
        return tuple(seen.values())

    def known_names(self) -> frozenset[str]:
        """Every rule id and pack name found so far (for warnings about --only)."""
        return frozenset().union(*self._rule_names.values()) if self._rule_names else frozenset()

    # -- caches -----------------------------------------------------------
    def _available_packs(self, folders: tuple[Path, ...]) -> dict[str, bool]:
        if folders not in self._packs:
            packs: dict[str, bool] = {}
            names: set[str] = set()
            for folder in folders:
                seen: dict[Path, bool] = {}
                for pack, file in discover_rule_files(folder):
                    if file.parent not in seen:
                        seen[file.parent] = pack_enabled_by_default(file.parent)
                    packs[pack] = packs.get(pack, False) or seen[file.parent]
                    names.update((pack, f"{pack}.{file.stem}"))
            self._packs[folders] = packs
            self._rule_names[folders] = frozenset(names)
        return self._packs[folders]

    def _known_names(self, folders: tuple[Path, ...]) -> frozenset[str]:
        self._available_packs(folders)
        return self._rule_names[folders]

    def _check_packs(self, section: Section, key: str, names: Sequence[str], available: Mapping[str, bool]) -> None:
        for i, name in enumerate(names):
            if name not in available:
                raise _section_error(
                    section, f"{key}[{i}]", f"no pack named {name!r}; available packs: {', '.join(sorted(available))}"
                )

    def _rules(self, folders: tuple[Path, ...], packs: tuple[str, ...], levels: Mapping[str, str]) -> tuple[Rule, ...]:
        key = (folders, packs)
        if key not in self._rulesets:
            ruleset = load_rules(folders, packs)
            for warning in ruleset.warnings:
                if warning not in self._seen_warnings:
                    self._seen_warnings.add(warning)
                    self.warnings.append(warning)
            self._rulesets[key] = ruleset.rules
        rules = self._rulesets[key]
        changed = tuple(sorted((n, s) for n, s in levels.items() if s != OFF))
        if not changed:
            return rules
        cache_key = (folders, packs, changed)
        if cache_key not in self._levelled:
            self._levelled[cache_key] = tuple(_with_level(rule, levels) for rule in rules)
        return self._levelled[cache_key]

    def _vocabulary(self, paths: tuple[Path, ...], config: ProjectConfig | None) -> Vocabulary:
        if not paths:
            return EMPTY
        if paths not in self._vocabularies:
            try:
                self._vocabularies[paths] = load_vocabulary(paths)
            except VocabularyError as exc:
                raise ConfigError(str(config.path) if config else "", "vocabularies", str(exc)) from None
        return self._vocabularies[paths]


def _with_level(rule: Rule, levels: Mapping[str, str]) -> Rule:
    setting = levels.get(rule.id) or levels.get(rule.pack)
    if setting is None or setting == OFF:
        return rule
    level = Level.parse(setting)
    if level is rule.level:
        return rule
    return Rule(dataclasses.replace(rule.spec, level=level), rule.check)


def _section_error(section: Section, key: str, message: str) -> ConfigError:
    full = section.where + key
    try:
        text = Path(section.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    return ConfigError(section.path, full, message, _find_line(text, full))


_RESOLVERS: dict[SettingsOverrides, SettingsResolver] = {}


def load_project_settings(path: str | os.PathLike[str], overrides: SettingsOverrides | None = None) -> FileSettings:
    """Settings for ``path`` from a process-wide resolver (one per overrides)."""
    key = overrides or SettingsOverrides()
    if key not in _RESOLVERS:
        _RESOLVERS[key] = SettingsResolver(key)
    return _RESOLVERS[key].settings_for(path)


def invalidate_project_settings() -> None:
    """Drop the caches behind :func:`load_project_settings`."""
    for resolver in _RESOLVERS.values():
        resolver.invalidate()


__all__ = [
    "CONFIG_FILES",
    "ConfigError",
    "FileSettings",
    "Glob",
    "ProjectConfig",
    "RuleFileError",
    "SettingsOverrides",
    "SettingsResolver",
    "find_config_file",
    "invalidate_project_settings",
    "load_project_settings",
    "read_config",
]
