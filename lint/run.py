"""Plain functions behind ``copydesk check``: read files, lint, collect."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lint.engine import LintOptions, lint_text
from lint.files import SourceError, collect_paths, read_source
from lint.markup import markup_for_path
from lint.report import FileReport, Report
from lint.rule_loading import Rule


@dataclass(frozen=True)
class CheckRequest:
    paths: tuple[str, ...]
    rules: tuple[Rule, ...]
    options: LintOptions = LintOptions()
    markup: str | None = None


def lint_file(path: str, rules: Sequence[Rule], options: LintOptions, markup: str | None = None) -> FileReport:
    source = read_source(path)
    chosen = markup or markup_for_path(path)
    alerts = lint_text(source.text, chosen, rules, options)
    return FileReport(path, chosen, source.text, tuple(alerts))


def run_check(request: CheckRequest) -> Report:
    files, errors = collect_paths(request.paths)
    reports: list[FileReport] = []
    for path in files:
        try:
            reports.append(lint_file(path, request.rules, request.options, request.markup))
        except SourceError as exc:
            errors.append(str(exc))
    return Report(tuple(sorted(reports, key=lambda r: r.path)), tuple(errors))
