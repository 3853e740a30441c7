"""``--format text``: for people. Each alert as ``path:line:col: level
Rule.Id message``, then the source line with a caret span; grouped by file;
a one-line summary. Colour only when asked (the CLI decides: TTY, NO_COLOR)."""

from __future__ import annotations

import unicodedata

from lint.alerts import Alert, Level
from lint.positions import LineIndex
from lint.report import FileReport, Report

COLOURS = {Level.ERROR: "31", Level.WARNING: "33", Level.SUGGESTION: "36"}
MAX_SNIPPET = 160
# Characters from the linted file that must not reach the terminal as they
# are: control characters (an escape sequence could rewrite the screen or
# the window title) and bidirectional controls (they reorder what is shown,
# so the caret would point at the wrong words). Each becomes U+FFFD, one
# column wide like the character it replaces, so carets stay aligned.
_UNSAFE = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
    "\ufffd",
)


def render(report: Report, colour: bool = False) -> str:
    out: list[str] = []
    for file in report.files:
        if file.alerts:
            out.append(render_file(file, colour))
    out.append(summary_line(report, colour))
    return "".join(out)


def render_file(file: FileReport, colour: bool) -> str:
    index = LineIndex(file.source)
    lines: list[str] = []
    for alert in file.alerts:
        level = alert.level.label
        if colour:
            level = f"\x1b[{COLOURS[alert.level]}m{level}\x1b[0m"
            rule = f"\x1b[2m{alert.rule}\x1b[0m"
        else:
            rule = alert.rule
        lines.append(f"{visible(file.path)}:{alert.line}:{alert.column}: {level} {rule} {visible(alert.message)}\n")
        lines.extend(snippet(file.source, index, alert, colour))
    lines.append("\n")
    return "".join(lines)


def snippet(source: str, index: LineIndex, alert: Alert, colour: bool) -> list[str]:
    start = index.line_start(alert.line)
    end = index.line_start(alert.line + 1) if alert.line < index.line_count() else len(source)
    text = source[start:end].rstrip("\r\n")
    col0 = alert.column - 1
    span_end = alert.end_column - 1 if alert.end_line == alert.line else len(text)
    span_end = max(span_end, col0 + 1)
    # Keep long lines readable: show a window around the span.
    left = 0
    if display_width(text[:col0]) > MAX_SNIPPET // 2:
        left = max(0, col0 - 40)
    shown = text[left : left + MAX_SNIPPET]
    prefix = "…" if left else ""
    suffix = "…" if left + MAX_SNIPPET < len(text) else ""
    pad = display_width(prefix + text[left:col0])
    width = max(1, display_width(text[col0:span_end]))
    gutter = f"{alert.line:>5} | "
    caret = "^" * width
    if colour:
        caret = f"\x1b[{COLOURS[alert.level]}m{caret}\x1b[0m"
    return [
        f"{gutter}{prefix}{visible(expand(shown))}{suffix}\n",
        f"{' ' * (len(gutter) - 2)}| {' ' * pad}{caret}\n",
    ]


def expand(text: str) -> str:
    return text.replace("\t", " ")


def visible(text: str) -> str:
    """``text`` with control and bidirectional characters made harmless."""
    return text.translate(_UNSAFE)


def display_width(text: str) -> int:
    """Terminal columns: wide and emoji characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufeff":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def summary_line(report: Report, colour: bool) -> str:
    s = report.summary()
    if s.alerts == 0:
        text = f"No problems found in {plural(s.files, 'file')}."
    else:
        text = (
            f"{plural(s.alerts, 'problem')} ({plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}, "
            f"{plural(s.suggestions, 'suggestion')}) in {plural(s.files, 'file')}."
        )
    if report.errors:
        text += f" {plural(len(report.errors), 'file')} could not be linted."
    return text + "\n"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
