"""Read a Vale project: ``.vale.ini``, ``_vale.ini`` or ``vale.ini``.

The first of those names found in a file's folder or an ancestor applies.
Supported keys, as Vale documents them:

* global: ``StylesPath``, ``MinAlertLevel``, ``Vocab``, ``IgnoredScopes``,
  ``SkippedScopes``, ``Packages`` (styles must already be in ``StylesPath``);
* ``[formats]``: ``ext = format`` associations (``mdx = md``);
* glob sections (``[*]``, ``[*.md]``, ``[*.{md,txt}]``, ``[{docs,blog}/**]``):
  ``BasedOnStyles``, ``BlockIgnores``, ``TokenIgnores``, and per-rule
  settings ``Style.Rule = YES|NO|suggestion|warning|error`` (``Style = NO``
  turns a whole style off).

Every matching section applies, in file order (later settings win; styles
add up). Keys copydesk does not support produce one warning each.

:func:`load_vale_project` is the entry point: ``load_vale_project(path)``
returns the :class:`ValeProject` that applies to ``path``, or None.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lint.alerts import Level
from lint.globs import CompiledGlob, GlobError, compile_glob

INI_NAMES = (".vale.ini", "_vale.ini", "vale.ini")
LEVEL_SETTINGS = {"suggestion": Level.SUGGESTION, "warning": Level.WARNING, "error": Level.ERROR}
ON, OFF = "YES", "NO"

GLOBAL_KEYS = frozenset({"StylesPath", "MinAlertLevel", "Vocab", "IgnoredScopes", "SkippedScopes", "Packages"})
SECTION_KEYS = frozenset({"BasedOnStyles", "BlockIgnores", "TokenIgnores"})
# Known Vale keys copydesk reads but cannot honour: warned about once.
UNSUPPORTED_KEYS = frozenset(
    {
        "WordTemplate",
        "NLPEndpoint",
        "SphinxBuildPath",
        "SphinxAutoBuild",
        "IgnoredClasses",
        "Transform",
        "Lang",
        "CommentDelimiters",
        "BlockIgnores.Multiline",
    }
)
# Scopes Vale ignores or skips by default; copydesk never treats code as prose.
DEFAULT_IGNORED_SCOPES = frozenset({"code", "tt"})
DEFAULT_SKIPPED_SCOPES = frozenset({"script", "style", "pre", "figure", "code"})
# Vale's format names -> copydesk markup.
FORMAT_MARKUP = {"md": "markdown", "markdown": "markdown", "html": "html", "txt": "text", "text": "text"}


class ValeConfigError(Exception):
    """An unreadable ``.vale.ini`` or a bad value, located as ``path:line: key: message``."""

    def __init__(self, path: str, line: int | None, key: str | None, message: str) -> None:
        self.path, self.line, self.key, self.message = path, line, key, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {f'key {key!r}: ' if key else ''}{message}")


@dataclass(frozen=True)
class ValeSection:
    glob: str
    line: int
    based_on_styles: tuple[str, ...] = ()
    # (Style.Rule or Style, YES|NO|suggestion|warning|error), in file order
    rules: tuple[tuple[str, str], ...] = ()
    block_ignores: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()

    @functools.cached_property
    def _compiled(self) -> CompiledGlob:
        return compile_glob(self.glob)

    def matches(self, relative: str) -> bool:
        """Whether the section's glob matches a path relative to the project
        folder (``/`` separators). A glob without ``/`` also matches the
        file's name alone. The syntax is the configuration's
        (:mod:`lint.globs`): ``*``, ``**``, ``?``, ``[...]``, ``{a,b}``."""
        if self._compiled.match(relative):
            return True
        return "/" not in self.glob and self._compiled.match(relative.rsplit("/", 1)[-1])


@dataclass(frozen=True)
class ValeProject:
    """One ``.vale.ini`` and what it says."""

    path: Path
    styles_path: Path | None
    min_level: Level = Level.SUGGESTION
    vocab: tuple[str, ...] = ()
    sections: tuple[ValeSection, ...] = ()
    formats: tuple[tuple[str, str], ...] = ()
    ignored_scopes: tuple[str, ...] = ()
    skipped_scopes: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def root(self) -> Path:
        return self.path.parent

    def sections_for(self, file: str | os.PathLike[str]) -> list[ValeSection]:
        """The sections whose glob matches ``file``, in file order."""
        relative = _relative(Path(os.path.abspath(file)), self.root)
        return [s for s in self.sections if s.matches(relative)]

    def markup_for(self, file: str | os.PathLike[str]) -> str | None:
        """The markup a ``[formats]`` association gives ``file``, if any."""
        suffix = Path(file).suffix.lstrip(".").lower()
        for ext, fmt in self.formats:
            if ext.lower() == suffix:
                return FORMAT_MARKUP.get(fmt.lower(), "text")
        return None

    def vocabulary_dirs(self) -> list[Path]:
        from lint.vocabulary import vale_vocabulary_dirs

        if self.styles_path is None:
            return []
        out: list[Path] = []
        for name in self.vocab:
            out.extend(vale_vocabulary_dirs(self.styles_path, name))
        return out


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def find_vale_ini(start: str | os.PathLike[str]) -> Path | None:
    """The ``.vale.ini`` (or ``_vale.ini``, ``vale.ini``) that applies to a
    file or folder: the first found walking up from it."""
    here = Path(os.path.abspath(start))
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        for name in INI_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_ini(text: str) -> list[tuple[str | None, int, str, str]]:
    """(section or None, line, key, value) entries of a Vale ini file."""
    entries: list[tuple[str | None, int, str, str]] = []
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            entries.append((section, number, "", ""))
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"{number}: expected 'key = value' or '[section]', found {line!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
            value = value[1:-1]
        entries.append((section, number, key.strip(), value))
    return entries


def read_vale_ini(path: str | os.PathLike[str]) -> ValeProject:
    """Parse one ini file (cached by path and modification time)."""
    p = Path(os.path.abspath(path))
    try:
        stat = p.stat()
    except OSError as exc:
        raise ValeConfigError(str(p), None, None, f"cannot read: {exc.strerror or exc}") from None
    return _read(str(p), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int) -> ValeProject:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeConfigError(path, None, None, f"cannot read: {exc}") from None
    try:
        entries = parse_ini(text)
    except ValueError as exc:
        number, _, message = str(exc).partition(": ")
        raise ValeConfigError(path, int(number), None, message) from None
    warnings: list[str] = []
    styles_path: Path | None = None
    min_level = Level.SUGGESTION
    vocab: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    formats: list[tuple[str, str]] = []
    sections: list[ValeSection] = []
    current: dict[str, object] | None = None

    def warn(line: int, key: str, message: str) -> None:
        warnings.append(f"{path}:{line}: key '{key}': {message}")

    def close() -> None:
        if current is not None:
            sections.append(ValeSection(**current))  # type: ignore[arg-type]

    section_name: str | None = None
    for section, line, key, value in entries:
        if not key:  # a section header
            close()
            section_name = section
            if section is not None and section != "formats":
                try:
                    compile_glob(section)
                except GlobError as exc:
                    raise ValeConfigError(path, line, None, f"section [{section}]: {exc}") from None
            current = None if section == "formats" else {"glob": section, "line": line}
            continue
        if section_name is None:
            if key == "StylesPath":
                styles_path = (p.parent / value).resolve() if value else None
            elif key == "MinAlertLevel":
                if value.lower() not in LEVEL_SETTINGS:
                    raise ValeConfigError(path, line, key, f"unknown level {value!r}; expected suggestion, warning or error")
                min_level = LEVEL_SETTINGS[value.lower()]
            elif key == "Vocab":
                vocab = _split_list(value)
            elif key == "IgnoredScopes":
                ignored = _split_list(value)
                extra = set(ignored) - DEFAULT_IGNORED_SCOPES
                if extra:
                    warn(line, key, f"only code is ignored; {', '.join(sorted(extra))} are linted as prose")
            elif key == "SkippedScopes":
                skipped = _split_list(value)
                extra = set(skipped) - DEFAULT_SKIPPED_SCOPES
                if extra:
                    warn(line, key, f"only code and scripts are skipped; {', '.join(sorted(extra))} are linted")
            elif key == "Packages":
                packages = _split_list(value)
            else:
                warn(line, key, "not supported by copydesk (ignored)")
            continue
        if current is None:  # [formats]
            formats.append((key, value))
            if value.lower() not in FORMAT_MARKUP:
                warn(line, key, f"format {value!r} is linted as plain text")
            continue
        if key == "BasedOnStyles":
            current["based_on_styles"] = tuple(current.get("based_on_styles", ())) + _split_list(value)  # type: ignore[arg-type]
        elif key == "BlockIgnores":
            current["block_ignores"] = tuple(current.get("block_ignores", ())) + _split_list(value)  # type: ignore[arg-type]
        elif key == "TokenIgnores":
            current["token_ignores"] = tuple(current.get("token_ignores", ())) + _split_list(value)  # type: ignore[arg-type]
        elif key in UNSUPPORTED_KEYS or key in GLOBAL_KEYS:
            warn(line, key, "not supported in a section by copydesk (ignored)")
        elif _is_rule_key(key):
            setting = value.strip()
            normal = setting.upper() if setting.upper() in (ON, OFF) else setting.lower()
            if normal not in (ON, OFF) and normal not in LEVEL_SETTINGS:
                raise ValeConfigError(
                    path, line, key, f"unknown setting {value!r}; expected YES, NO, suggestion, warning or error"
                )
            current["rules"] = tuple(current.get("rules", ())) + ((key, normal),)  # type: ignore[arg-type]
        else:
            warn(line, key, "not supported by copydesk (ignored)")
    close()
    return ValeProject(
        path=p,
        styles_path=styles_path,
        min_level=min_level,
        vocab=vocab,
        sections=tuple(sections),
        formats=tuple(formats),
        ignored_scopes=ignored,
        skipped_scopes=skipped,
        packages=packages,
        warnings=tuple(warnings),
    )


def _is_rule_key(key: str) -> bool:
    """``Style.Rule`` or ``Style`` (a whole style switched on or off)."""
    return bool(re.fullmatch(r"[\w\-]+(?:\.[\w\-]+)?", key))


def load_vale_project(path: str | os.PathLike[str]) -> ValeProject | None:
    """The Vale project that applies to ``path`` (a file or folder), or None
    when no Vale ini file is found walking up from it."""
    found = find_vale_ini(path)
    return None if found is None else read_vale_ini(found)


def merge_settings(sections: Sequence[ValeSection]) -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """(styles, rule settings, block ignores, token ignores) of the sections
    that apply to one file, later sections winning."""
    styles: list[str] = []
    rules: dict[str, str] = {}
    blocks: list[str] = []
    tokens: list[str] = []
    for section in sections:
        for style in section.based_on_styles:
            if style not in styles:
                styles.append(style)
        rules.update(section.rules)
        blocks.extend(section.block_ignores)
        tokens.extend(section.token_ignores)
    return tuple(styles), rules, tuple(blocks), tuple(tokens)
