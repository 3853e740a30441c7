"""``copydesk fix`` and ``check --fix``: apply fixes, write files, report the rest.

Every file is linted with its own settings (:mod:`lint.config`); its safe
fixes (and unsafe ones when asked) are applied by
:func:`lint.fixes.apply_fixes_until_stable` until nothing changes, the file
is written atomically (:mod:`lint.writing`), and the alerts that remain in
the fixed text are reported. With ``diff`` nothing is written: a unified
diff of each file that would change is produced instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lint.alerts import Applicability
from lint.config import FileSettings
from lint.files import SourceError, decode
from lint.fixes import apply_fixes_until_stable
from lint.report import FileReport, Report
from lint.writing import WriteError, keep_layout, snapshot, write_fixed


@dataclass(frozen=True)
class FileFix:
    """What fixing one file did."""

    path: str
    applied: int
    skipped: int
    converged: bool
    changed: bool
    diff: str = ""


@dataclass(frozen=True)
class FixResult:
    report: Report
    files: tuple[FileFix, ...]
    unsafe_available: int

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.files)

    @property
    def changed_files(self) -> int:
        return sum(f.changed for f in self.files)

    def diff(self) -> str:
        return "".join(f.diff for f in self.files)


def fix_file(path: str, settings: FileSettings, unsafe: bool = False, diff: bool = False) -> tuple[FileReport, FileFix]:
    """Fix one file. Raises SourceError (cannot read or decode) or
    WriteError (cannot write, or changed on disk meanwhile)."""
    try:
        before = snapshot(path)
    except WriteError as exc:
        raise SourceError(str(exc)) from None
    source = decode(before.data, path)
    outcome = apply_fixes_until_stable(source.text, settings.lint, unsafe=unsafe)
    fixed = keep_layout(source.text, outcome.text) if outcome.text != source.text else source.text
    changed = fixed != source.text
    patch = ""
    if changed and diff:
        patch = unified_diff(path, source.text, fixed)
    elif changed:
        changed = write_fixed(before, source.text, fixed)
    report = FileReport(path, settings.markup, fixed, tuple(settings.lint(fixed)))
    record = FileFix(path, len(outcome.applied), len(outcome.skipped), outcome.converged, changed, patch)
    return report, record


def fix_files(
    files: Sequence[str],
    settings_for: Callable[[str], FileSettings],
    unsafe: bool = False,
    diff: bool = False,
    errors: Sequence[str] = (),
) -> FixResult:
    """Fix ``files``; a file that cannot be read or written is reported in
    the result's errors and the others are still fixed."""
    reports: list[FileReport] = []
    records: list[FileFix] = []
    problems = list(errors)
    for path in files:
        settings = settings_for(path)
        try:
            report, record = fix_file(path, settings, unsafe, diff)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        except WriteError as exc:
            problems.append(str(exc))
            try:
                text = decode(snapshot(path).data, path).text
            except (SourceError, WriteError):
                continue
            report = FileReport(path, settings.markup, text, tuple(settings.lint(text)))
            record = FileFix(path, 0, 0, True, False)
        if not record.converged:
            problems.append(f"{path}: fixes did not settle after repeated passes; check the result")
        reports.append(report)
        records.append(record)
    unsafe_left = sum(
        1
        for report in reports
        for alert in report.alerts
        if alert.fix is not None and alert.fix.applicability is Applicability.UNSAFE and not unsafe
    )
    ordered = tuple(sorted(reports, key=lambda r: r.path))
    return FixResult(Report(ordered, tuple(problems)), tuple(records), unsafe_left)


def summary(result: FixResult, diff: bool) -> str:
    """One line for the terminal: what was (or would be) fixed."""
    applied, files = result.applied, result.changed_files
    noun = "problem" if applied == 1 else "problems"
    where = f"{files} file" + ("" if files == 1 else "s")
    if diff:
        line = f"Would fix {applied} {noun} in {where}." if files else "No fixes to apply."
    else:
        line = f"Fixed {applied} {noun} in {where}." if files else "No fixes applied."
    if result.unsafe_available:
        line += f" {result.unsafe_available} more with --unsafe-fixes."
    return line


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file (``patch -p0`` applies it)."""
    out: list[str] = []
    old = _LINES.findall(before)
    new = _LINES.findall(after)
    for line in difflib.unified_diff(old, new, path, path):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
