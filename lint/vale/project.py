"""Per-file settings from a Vale project (used when no copydesk
configuration applies to a file).

:func:`vale_settings_for` answers with the same :class:`lint.config.FileSettings`
the copydesk configuration gives, built from the ``.vale.ini`` that applies:
the styles of every matching section, per-rule levels and switches,
``MinAlertLevel``, the ``Vocab`` vocabularies, ``[formats]`` markup, and
``BlockIgnores``/``TokenIgnores`` (alerts inside their matches are dropped).
Only the Vale styles run: copydesk's own packs do not, as with Vale.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterable
from pathlib import Path

import regex

from lint.alerts import Alert, Level
from lint.config import FileSettings, SettingsOverrides
from lint.engine import LintOptions
from lint.markup import markup_for_path
from lint.markup.blocks import ParsedDocument
from lint.rule_loading import Rule
from lint.vale.ini import OFF, ON, ValeConfigError, ValeProject, load_vale_project, merge_settings
from lint.vale.regex_translate import translate
from lint.vale.styles import StyleLoad, load_styles, with_level
from lint.vocabulary import EMPTY, Vocabulary, VocabularyError, load_vocabulary, vale_vocabulary_dirs

_WARNED: set[str] = set()


@dataclasses.dataclass(frozen=True)
class ValeFileSettings(FileSettings):
    """:class:`FileSettings` that also drops alerts inside ``BlockIgnores``
    and ``TokenIgnores`` matches."""

    ignores: tuple[str, ...] = ()

    def lint(self, source: str) -> list[Alert]:
        return self._drop_ignored(source, super().lint(source))

    def lint_document(self, doc: ParsedDocument) -> list[Alert]:
        return self._drop_ignored(doc.source, super().lint_document(doc))

    def _drop_ignored(self, source: str, alerts: list[Alert]) -> list[Alert]:
        if not self.ignores or not alerts:
            return alerts
        spans = ignored_spans(source, self.ignores)
        if not spans:
            return alerts
        return [a for a in alerts if not any(s <= a.offset and a.end_offset <= e for s, e in spans)]


def ignored_spans(source: str, patterns: Iterable[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        compiled = _compile(pattern)
        if compiled is None:
            continue
        try:
            for m in compiled.finditer(source, timeout=2.0):
                spans.append(m.span())
        except TimeoutError:
            continue
    return spans


@functools.lru_cache(maxsize=128)
def _compile(pattern: str) -> regex.Pattern[str] | None:
    try:
        return regex.compile(translate(pattern).pattern, regex.MULTILINE)
    except regex.error:
        return None


@functools.lru_cache(maxsize=32)
def _styles(styles_path: str | None, names: tuple[str, ...], stamp: tuple[float, ...]) -> StyleLoad:
    return load_styles(styles_path, names)


def _stamp(styles_path: Path | None, names: Iterable[str]) -> tuple[float, ...]:
    if styles_path is None:
        return ()
    out = []
    for name in names:
        folder = styles_path / name
        try:
            out.append(max((p.stat().st_mtime for p in folder.iterdir()), default=0.0))
        except OSError:
            out.append(-1.0)
    return tuple(out)


@functools.lru_cache(maxsize=32)
def _vocabulary(dirs: tuple[Path, ...]) -> Vocabulary:
    return load_vocabulary(dirs) if dirs else EMPTY


def _warn_once(messages: Iterable[str], sink: list[str] | None) -> None:
    for message in messages:
        if message not in _WARNED:
            _WARNED.add(message)
            if sink is not None:
                sink.append(message)


def project_rules(project: ValeProject, file: str | os.PathLike[str], warnings: list[str] | None = None) -> tuple[
    tuple[Rule, ...], tuple[str, ...]
]:
    """The rules a file gets from a Vale project, with its ignore patterns."""
    styles, settings, blocks, tokens = merge_settings(project.sections_for(file))
    # Styles named only through a per-rule switch still load that rule.
    named = list(styles)
    for key, value in settings.items():
        style = key.split(".", 1)[0]
        if value != OFF and style not in named and "." in key:
            named.append(style)
    load = _styles(
        str(project.styles_path) if project.styles_path else None,
        tuple(named),
        _stamp(project.styles_path, named),
    )
    _warn_once(project.warnings + load.warnings + load.errors, warnings)
    rules: list[Rule] = []
    for rule in load.rules:
        style = rule.pack
        setting = settings.get(rule.id)
        style_setting = settings.get(style)
        if setting == OFF or (setting is None and style_setting == OFF):
            continue
        if style not in styles and setting is None:
            continue  # loaded for another rule of the same style
        if setting not in (None, ON, OFF):
            rule = with_level(rule, setting)
        rules.append(rule)
    return tuple(rules), blocks + tokens


def vale_settings_for(
    path: str | os.PathLike[str], overrides: SettingsOverrides | None = None, warnings: list[str] | None = None
) -> FileSettings | None:
    """Settings for ``path`` from the Vale project that applies to it, or
    None when there is none. Raises :class:`ValeConfigError`."""
    project = load_vale_project(path)
    if project is None:
        return None
    over = overrides or SettingsOverrides()
    rules, ignores = project_rules(project, path, warnings)
    try:
        vocabulary = _vocabulary(tuple(project.vocabulary_dirs()))
    except VocabularyError as exc:
        raise ValeConfigError(str(project.path), None, "Vocab", str(exc)) from None
    missing = [
        name
        for name in project.vocab
        if project.styles_path is None or not vale_vocabulary_dirs(project.styles_path, name)
    ]
    if missing:
        _warn_once(
            [f"{project.path}: key 'Vocab': vocabulary {name!r} not found under StylesPath" for name in missing], warnings
        )
    options = LintOptions(min_level=over.min_level or project.min_level, only=over.only, ignore=over.ignore)
    markup = over.markup or project.markup_for(path) or markup_for_path(str(path))
    return ValeFileSettings(
        path=str(path),
        config_path=str(project.path),
        rules=rules,
        markup=markup,
        options=options,
        fail_level=over.fail_level or Level.ERROR,
        vocabulary=vocabulary,
        watched=(str(project.path), *vocabulary.sources),
        rule_folders=tuple(str(project.styles_path / s) for s in _style_names(rules) if project.styles_path),
        ignores=ignores,
    )


def _style_names(rules: Iterable[Rule]) -> list[str]:
    return sorted({r.pack for r in rules if r.pack != "Vale"})


__all__ = ["ValeFileSettings", "ignored_spans", "project_rules", "vale_settings_for"]
