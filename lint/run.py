"""Plain functions behind ``copydesk check``: read files, lint, collect.

Files are read here; their results come from the cache when nothing they
depend on changed, and the rest are linted, in worker processes when there
are enough of them (see :mod:`lint.parallel`). Reports are sorted by path,
so the output is the same whatever the number of workers.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lint.grammar.dedup import is_transient_alert
from lint.alerts import Alert
from lint.config import SettingsResolver
from lint.engine import LintOptions, lint_text
from lint.files import SourceError, collect_paths, read_source
from lint.markup import markup_for_path
from lint.report import FileReport, Report
from lint.rule_loading import Rule

if TYPE_CHECKING:
    from lint.git_diff import ChangedLines


@dataclass(frozen=True)
class CheckRequest:
    paths: tuple[str, ...]
    rules: tuple[Rule, ...]
    options: LintOptions = LintOptions()
    markup: str | None = None
    jobs: int | None = 1  # worker processes; None or 0: one per core
    cache_dir: str | None = None  # result cache folder; None: no cache
    progress: bool = False  # a progress bar on a terminal for long runs
    changed: ChangedLines | None = None  # report only alerts on these lines
    # Per-file settings from the project configuration; when set, they
    # replace rules, options and markup above and drop excluded files.
    settings: SettingsResolver | None = None


@dataclass(frozen=True)
class RulesLinter:
    """The same rules and options for every file (picklable for workers)."""

    rules: tuple[Rule, ...]
    options: LintOptions = LintOptions()
    markup: str | None = None

    def markup_for(self, path: str) -> str:
        return self.markup or markup_for_path(path)

    def lint(self, path: str, text: str) -> list[Alert]:
        return lint_text(text, self.markup_for(path), self.rules, self.options)

    @functools.cached_property
    def _settings(self) -> str:
        from lint.cache import code_stamp, digest, file_digest

        rules = [f"{r.id}:{r.level.name}:{r.spec.path}" for r in self.rules]
        paths = [r.spec.path for r in self.rules if r.spec.path]
        return digest(code_stamp(), file_digest(paths), repr(self.options), *rules)

    def fingerprint(self, path: str) -> str:
        """What this file's alerts depend on besides its text: the rules'
        files, ids and levels, the options and copydesk's code."""
        return self._settings


def lint_file(path: str, rules: Sequence[Rule], options: LintOptions, markup: str | None = None) -> FileReport:
    source = read_source(path)
    chosen = markup or markup_for_path(path)
    alerts = lint_text(source.text, chosen, rules, options)
    return FileReport(path, chosen, source.text, tuple(alerts))


def run_check(request: CheckRequest) -> Report:
    from lint.parallel import lint_all
    from lint.progress import progress_for

    if request.settings is not None:
        files, errors = request.settings.select_files(request.paths)
    else:
        files, errors = collect_paths(request.paths)
    if request.changed is not None:
        files = [path for path in files if request.changed.touches(path)]
    linter: RulesLinter | SettingsResolver = request.settings or RulesLinter(request.rules, request.options, request.markup)
    cache = None
    if request.cache_dir is not None:
        from lint.cache import ResultCache

        cache = ResultCache(request.cache_dir)
    reports: list[FileReport] = []
    todo: list[tuple[str, str]] = []
    markups: list[str] = []
    keys: list[tuple[str, str, os.stat_result | None]] = []
    for path in files:
        try:
            source = read_source(path)
        except SourceError as exc:
            errors.append(str(exc))
            continue
        text = source.text
        markup = linter.markup_for(path)
        if cache is not None:
            settings = linter.fingerprint(path)
            content, cached = cache.lookup(path, source.stat, markup, settings, text)
            if cached is not None:
                reports.append(FileReport(path, markup, text, tuple(cached)))
                continue
            keys.append((settings, content, source.stat))
        todo.append((path, text))
        markups.append(markup)
    store = None
    if cache is not None:
        results_cache = cache

        def store(number: int, alerts: list[Alert]) -> None:
            # Called as results come in, so the writes overlap the workers'
            # linting. A grammar server that was down or answered in part
            # must be asked again next time: such results are not cached.
            if not any(is_transient_alert(a) for a in alerts):
                settings, content, info = keys[number]
                results_cache.store(todo[number][0], info, markups[number], settings, content, alerts)

    progress = progress_for(len(todo), request.progress)
    try:
        results = lint_all(linter, todo, request.jobs, progress.advance, store)
    finally:
        progress.close()
    for number, ((path, text), alerts) in enumerate(zip(todo, results)):
        reports.append(FileReport(path, markups[number], text, tuple(alerts)))
    if cache is not None:
        cache.save()
    if request.changed is not None:
        changed = request.changed
        reports = [
            FileReport(r.path, r.markup, r.source, tuple(a for a in r.alerts if changed.keeps(r.path, a)))
            for r in reports
        ]
    return Report(tuple(sorted(reports, key=lambda r: r.path)), tuple(errors))
