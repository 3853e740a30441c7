"""``--format html``: one self-contained page for editors.

The page has a summary table per file and per rule, then each article with
problems, its text shown as written with every problem highlighted inline.
Hovering a highlight shows the message, rule and suggested fix as a tooltip;
clicking it (or Enter on it) opens a card with the same details. Styles and
script are inline, and a Content-Security-Policy forbids loading anything
else, so the page works offline and can be attached to an email.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from lint import __version__
from lint.alerts import Alert, Fix, Level
from lint.report import FileReport, Report

if TYPE_CHECKING:
    from lint.rule_loading import Rule

USES_RULES = True
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
LEVELS = (Level.ERROR, Level.WARNING, Level.SUGGESTION)


@dataclass(frozen=True)
class Segment:
    """A stretch of source text and the alerts (global numbers) covering it."""

    start: int
    end: int
    alerts: tuple[int, ...]


def describe_fix(fix: Fix, source: str) -> str:
    """A fix in words: replace 'a' with 'b', delete 'c', insert 'd'."""
    parts: list[str] = []
    for edit in fix.edits:
        old = source[edit.offset : edit.end_offset]
        if not old:
            parts.append(f"insert “{edit.text}”")
        elif not edit.text:
            parts.append(f"delete “{old}”")
        else:
            parts.append(f"replace “{old}” with “{edit.text}”")
    words = "; ".join(parts) or fix.title
    return f"{words} ({fix.applicability.value} fix)"


def segments(source: str, alerts: Sequence[Alert], first: int) -> list[Segment]:
    """Cut ``source`` at every alert boundary; alerts are numbered from ``first``.

    Overlapping alerts share the segments they both cover; an empty alert
    (an insertion point) is a zero-length segment of its own.
    """
    length = len(source)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    for number, alert in enumerate(alerts, first):
        start = min(alert.offset, length)
        end = min(max(alert.end_offset, start), length)
        if start == end:
            points.setdefault(start, []).append(number)
        else:
            starts.setdefault(start, []).append(number)
            ends.setdefault(end, []).append(number)
    cuts = sorted({0, length, *starts, *ends, *points})
    active: set[int] = set()
    out: list[Segment] = []
    for cut, following in zip(cuts, cuts[1:] + [length]):
        active.difference_update(ends.get(cut, ()))
        active.update(starts.get(cut, ()))
        if cut in points:
            out.append(Segment(cut, cut, tuple(points[cut])))
        if cut < following:
            out.append(Segment(cut, following, tuple(sorted(active))))
    return out


def tooltip(alert: Alert, source: str) -> str:
    text = f"{alert.severity}: {alert.message} [{alert.rule}]"
    if alert.fix is not None and alert.fix.edits:
        text += f"\nFix: {describe_fix(alert.fix, source)}"
    return text


def highlighted_source(file: FileReport, first: int) -> str:
    out: list[str] = []
    seen: set[int] = set()
    for segment in segments(file.source, file.alerts, first):
        text = escape(file.source[segment.start : segment.end], quote=False)
        if not segment.alerts:
            out.append(text)
            continue
        alerts = [file.alerts[n - first] for n in segment.alerts]
        worst = max(a.level for a in alerts)
        anchors = [n for n in segment.alerts if n not in seen]
        seen.update(anchors)
        ident = f' id="alert-{anchors[0]}"' if anchors else ""
        extra = "".join(f'<span class="anchor" id="alert-{n}"></span>' for n in anchors[1:])
        kind = " point" if segment.start == segment.end else ""
        title = escape("\n".join(tooltip(a, file.source) for a in alerts))
        numbers = " ".join(str(n) for n in segment.alerts)
        out.append(
            f'{extra}<mark{ident} class="{worst.label}{kind}" tabindex="0" role="button" '
            f'data-alerts="{numbers}" title="{title}">{text}</mark>'
        )
    return "".join(out)


def alert_record(file: FileReport, alert: Alert) -> dict[str, str | int]:
    fix = ""
    if alert.fix is not None and alert.fix.edits:
        fix = describe_fix(alert.fix, file.source)
    return {
        "path": file.path,
        "line": alert.line,
        "column": alert.column,
        "level": alert.severity,
        "rule": alert.rule,
        "message": alert.message,
        "fix": fix,
        "link": alert.link,
    }


def counts_cells(levels: Counter[Level]) -> str:
    cells = "".join(f'<td class="num">{levels[level] or ""}</td>' for level in LEVELS)
    return cells + f'<td class="num">{sum(levels.values())}</td>'


def file_table(report: Report, anchors: dict[str, str]) -> str:
    rows: list[str] = []
    for file in report.files:
        levels = Counter(a.level for a in file.alerts)
        name = escape(file.path)
        cell = f'<a href="#{anchors[file.path]}">{name}</a>' if file.path in anchors else name
        rows.append(f"<tr><td>{cell}</td>{counts_cells(levels)}</tr>")
    for error in report.errors:
        rows.append(f'<tr class="unreadable"><td colspan="5">{escape(error)}</td></tr>')
    head = "<tr><th>File</th><th>Errors</th><th>Warnings</th><th>Suggestions</th><th>Total</th></tr>"
    return f'<table class="summary" id="by-file"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def rule_table(report: Report, rules: Sequence[Rule]) -> str:
    described = {rule.id: rule for rule in rules}
    alerts: Counter[str] = Counter()
    files: Counter[str] = Counter()
    levels: dict[str, Level] = {}
    for file in report.files:
        for rule_id in {a.rule for a in file.alerts}:
            files[rule_id] += 1
        for alert in file.alerts:
            alerts[alert.rule] += 1
            levels[alert.rule] = max(levels.get(alert.rule, alert.level), alert.level)
    rows: list[str] = []
    for rule_id in sorted(alerts, key=lambda r: (-alerts[r], r)):
        rule = described.get(rule_id)
        description = escape(rule.spec.description) if rule is not None else ""
        level = levels[rule_id].label
        rows.append(
            f'<tr><td><code>{escape(rule_id)}</code></td><td><span class="badge {level}">{level}</span></td>'
            f'<td>{description}</td><td class="num">{alerts[rule_id]}</td><td class="num">{files[rule_id]}</td></tr>'
        )
    if not rows:
        return '<p class="clean">No rule raised a problem.</p>'
    head = "<tr><th>Rule</th><th>Level</th><th>What it checks</th><th>Problems</th><th>Files</th></tr>"
    return f'<table class="summary" id="by-rule"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def alert_list(file: FileReport, first: int) -> str:
    items = "".join(
        f'<li><a href="#alert-{n}">{a.line}:{a.column}</a> <span class="badge {a.severity}">{a.severity}</span> '
        f"{escape(a.message)} <code>{escape(a.rule)}</code></li>"
        for n, a in enumerate(file.alerts, first)
    )
    return f'<ol class="alerts">{items}</ol>'


def totals(report: Report) -> str:
    s = report.summary()

    def plural(count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'}"

    if s.alerts == 0:
        return f"No problems found in {plural(s.files, 'file')}."
    return (
        f"{plural(s.alerts, 'problem')} ({plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}, "
        f"{plural(s.suggestions, 'suggestion')}) in {plural(s.files, 'file')}."
    )


def script_json(data: object) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(report: Report, rules: Sequence[Rule] = ()) -> str:
    records: list[dict[str, str | int]] = []
    articles: list[str] = []
    anchors: dict[str, str] = {}
    for number, file in enumerate(report.files):
        if not file.alerts:
            continue
        first = len(records)
        records.extend(alert_record(file, alert) for alert in file.alerts)
        anchors[file.path] = f"file-{number}"
        articles.append(
            f'<article class="file" id="file-{number}"><h3>{escape(file.path)}</h3>'
            f"{alert_list(file, first)}"
            f'<pre class="source">{highlighted_source(file, first)}</pre></article>'
        )
    body = "".join(articles) or '<p class="clean">Nothing to show: every file is clean.</p>'
    return PAGE.format(
        csp=CSP,
        totals=escape(totals(report)),
        files=file_table(report, anchors),
        rules=rule_table(report, rules),
        articles=body,
        data=script_json(records),
        version=escape(__version__),
        style=STYLE,
        script=SCRIPT,
    )


STYLE = """
:root { --error: #c62828; --error-bg: #ffd7d5; --warning: #a35c00; --warning-bg: #ffe7b0;
  --suggestion: #1f5f99; --suggestion-bg: #d4e8ff; --fg: #1b1b1b; --bg: #fff; --muted: #666; --line: #ddd; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #181a1b; --muted: #aaa; --line: #3a3a3a; --error-bg: #5c1d1a;
    --warning-bg: #5a4010; --suggestion-bg: #17385a; --error: #ff8a80; --warning: #ffcc66; --suggestion: #8cc4ff; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; color: var(--fg); background: var(--bg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: .5rem 0 0; }
.totals { color: var(--muted); margin-top: .25rem; }
table.summary { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .95rem; }
table.summary th, table.summary td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
table.summary td.num, table.summary th:nth-child(n+2) { text-align: right; }
#by-rule th:nth-child(3), #by-rule td:nth-child(3) { text-align: left; }
#by-rule th:nth-child(2) { text-align: left; }
tr.unreadable td { color: var(--error); }
a { color: inherit; }
.badge { display: inline-block; border-radius: .6rem; padding: 0 .5rem; font-size: .8rem; font-weight: 600; }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.suggestion { background: var(--suggestion-bg); color: var(--suggestion); }
article.file { border-top: 2px solid var(--line); margin-top: 2rem; }
article.file h3 { font-family: ui-monospace, monospace; font-size: 1rem; }
ol.alerts { font-size: .9rem; padding-left: 1.5rem; }
ol.alerts code, #by-rule code { font-size: .85em; color: var(--muted); }
pre.source { white-space: pre-wrap; overflow-wrap: anywhere; font: 1rem/1.7 Georgia, "Times New Roman", serif;
  border: 1px solid var(--line); border-radius: .4rem; padding: 1rem 1.25rem; }
mark { color: inherit; cursor: pointer; border-radius: 2px; border-bottom: 2px solid; }
mark.error { background: var(--error-bg); border-color: var(--error); }
mark.warning { background: var(--warning-bg); border-color: var(--warning); }
mark.suggestion { background: var(--suggestion-bg); border-color: var(--suggestion); }
mark.point { padding: 0 .2rem; }
mark.point::before { content: "\\2038"; }
mark:focus { outline: 2px solid var(--fg); }
mark.current { outline: 2px solid var(--fg); }
#card { position: absolute; z-index: 10; max-width: 28rem; background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-radius: .5rem; box-shadow: 0 4px 18px rgba(0,0,0,.25);
  padding: .6rem .8rem; font-size: .9rem; }
#card[hidden] { display: none; }
#card .item + .item { border-top: 1px solid var(--line); margin-top: .5rem; padding-top: .5rem; }
#card .rule { font-family: ui-monospace, monospace; color: var(--muted); }
#card .fix { margin-top: .25rem; }
#card button { float: right; border: 0; background: none; color: inherit; font-size: 1.1rem; cursor: pointer; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print { mark { border-bottom-width: 1px; } #card { display: none; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var alerts = JSON.parse(document.getElementById("alert-data").textContent);
  var card = document.getElementById("card");
  var current = null;
  function line(cls, text) {
    var el = document.createElement("div");
    el.className = cls;
    el.textContent = text;
    return el;
  }
  function close() {
    card.hidden = true;
    if (current) { current.classList.remove("current"); current = null; }
  }
  function open(mark) {
    close();
    var body = document.createElement("div");
    mark.getAttribute("data-alerts").split(" ").forEach(function (n) {
      var a = alerts[Number(n)];
      if (!a) { return; }
      var item = document.createElement("div");
      item.className = "item";
      var head = line("head", "");
      var badge = document.createElement("span");
      badge.className = "badge " + a.level;
      badge.textContent = a.level;
      head.appendChild(badge);
      head.appendChild(document.createTextNode(" " + a.message));
      item.appendChild(head);
      item.appendChild(line("rule", a.rule + " \\u00b7 line " + a.line + ", column " + a.column));
      if (a.fix) { item.appendChild(line("fix", "Suggested fix: " + a.fix)); }
      body.appendChild(item);
    });
    var shut = document.createElement("button");
    shut.type = "button";
    shut.setAttribute("aria-label", "Close");
    shut.textContent = "\\u00d7";
    shut.addEventListener("click", close);
    card.replaceChildren(shut, body);
    var box = mark.getBoundingClientRect();
    card.style.left = Math.max(8, box.left + window.scrollX) + "px";
    card.style.top = (box.bottom + window.scrollY + 6) + "px";
    card.hidden = false;
    current = mark;
    mark.classList.add("current");
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-alerts]") : null;
    if (mark) { open(mark); event.preventDefault(); return; }
    if (!card.contains(event.target)) { close(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); return; }
    var mark = document.activeElement;
    if ((event.key === "Enter" || event.key === " ") && mark && mark.matches("mark[data-alerts]")) {
      open(mark);
      event.preventDefault();
    }
  });
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="copydesk {version}">
<title>copydesk report</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>copydesk report</h1>
<p class="totals">{totals}</p>
</header>
<main>
<h2>Files</h2>
{files}
<h2>Rules</h2>
{rules}
<h2>Articles</h2>
{articles}
</main>
<div id="card" role="dialog" aria-live="polite" hidden></div>
<footer>Made by copydesk {version}. Hover a highlight for its message; click it for the rule and the suggested fix.</footer>
<script type="application/json" id="alert-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
