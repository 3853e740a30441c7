"""Edge cases of the CI formats that the golden article does not reach:
escaping, multi-line and empty ranges, wide characters, unreadable files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from lint.alerts import Alert, Applicability, Edit, Fix, Level
from lint.formatters import render_report
from lint.formatters.html import segments
from lint.report import FileReport, Report

SOURCE = "Intro <script>alert(1)</script>\nTwo 😀 lines, end\n"


def alert(rule: str, level: Level, message: str, start: int, end: int, fix: Fix | None = None) -> Alert:
    def position(offset: int) -> tuple[int, int]:
        before = SOURCE[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1

    line, column = position(start)
    end_line, end_column = position(end)
    return Alert(rule, level, message, start, end, line, column, end_line, end_column, SOURCE[start:end], "", fix)


SPAN = SOURCE.index("<script>")
EMOJI_END = SOURCE.index("lines")
ALERTS = (
    alert("A.Tag", Level.ERROR, "100% bad: a, b\nsecond line", SPAN, SPAN + 8),
    alert("A.Wide", Level.WARNING, "spans lines", SPAN + 8, EMOJI_END),
    alert("A.Point", Level.SUGGESTION, "comma?", EMOJI_END + 5, EMOJI_END + 5,
          Fix("Add a comma", (Edit(EMOJI_END + 5, EMOJI_END + 5, ","),), Applicability.UNSAFE)),
)  # fmt: skip
REPORT = Report(
    (FileReport("dir, with: odd/a.md", "markdown", SOURCE, ALERTS), FileReport("clean.md", "markdown", "ok\n", ())),
    ("broken.md:3: cannot decode as UTF-8 (invalid byte 0xff at offset 7)",),
)


def test_github_escapes_and_drops_columns_across_lines() -> None:
    lines = render_report("github", REPORT).splitlines()
    assert lines[0] == (
        "::error file=dir%2C with%3A odd/a.md,line=1,col=7,endLine=1,endColumn=14,title=A.Tag"
        "::100%25 bad: a, b%0Asecond line"
    )
    assert lines[1] == "::warning file=dir%2C with%3A odd/a.md,line=1,endLine=2,title=A.Wide::spans lines"
    assert lines[2].startswith("::notice file=dir%2C with%3A odd/a.md,line=2,col=12,endLine=2,endColumn=12,")


def test_xml_formats_parse_and_count() -> None:
    checkstyle = ET.fromstring(render_report("checkstyle", REPORT).encode("utf-8"))
    files = checkstyle.findall("file")
    assert [f.get("name") for f in files] == ["dir, with: odd/a.md", "clean.md"]
    assert [e.get("severity") for e in files[0]] == ["error", "warning", "info"]
    assert files[0][0].get("message") == "100% bad: a, b\nsecond line"
    junit = ET.fromstring(render_report("junit", REPORT).encode("utf-8"))
    assert (junit.get("tests"), junit.get("failures"), junit.get("errors")) == ("3", "1", "1")
    cases = junit.findall("testsuite/testcase")
    assert cases[0].find("failure") is not None and cases[1].find("failure") is None
    assert cases[2].find("error") is not None and cases[2].get("name") == "broken.md:3"


def test_xml_survives_characters_xml_cannot_hold() -> None:
    odd = Report((FileReport("a.md", "text", "x\x0by", (alert("A.B", Level.ERROR, "bad \x0b char", 0, 1),)),))
    for fmt in ("checkstyle", "junit"):
        ET.fromstring(render_report(fmt, odd).encode("utf-8"))


def test_rdjson_counts_columns_in_utf8_bytes() -> None:
    data = json.loads(render_report("rdjson", REPORT))
    wide = data["diagnostics"][1]["location"]["range"]
    # "Two 😀 " is 4 + 4 + 1 bytes: "lines" starts at byte column 10.
    assert wide == {"start": {"line": 1, "column": 15}, "end": {"line": 2, "column": 10}}
    point = data["diagnostics"][2]
    assert point["severity"] == "INFO"
    assert point["suggestions"] == [
        {"range": {"start": {"line": 2, "column": 15}, "end": {"line": 2, "column": 15}}, "text": ","}
    ]


def test_html_escapes_source_and_marks_overlaps_and_points() -> None:
    page = render_report("html", REPORT)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    marks = re.findall(r'<mark[^>]*data-alerts="([^"]*)"', page)
    assert marks == ["0", "1", "2"]
    assert 'class="suggestion point"' in page
    assert "broken.md:3: cannot decode" in page


def test_html_segments_cover_the_source_once() -> None:
    overlapping = (
        alert("A.One", Level.WARNING, "one", 0, 10),
        alert("A.Two", Level.ERROR, "two", 5, 20),
        alert("A.Three", Level.SUGGESTION, "three", 5, 5),
    )
    parts = segments(SOURCE, overlapping, 7)
    assert "".join(SOURCE[p.start : p.end] for p in parts) == SOURCE
    assert [(p.start, p.end, p.alerts) for p in parts[:5]] == [
        (0, 5, (7,)),
        (5, 5, (9,)),
        (5, 10, (7, 8)),
        (10, 20, (8,)),
        (20, len(SOURCE), ()),
    ]
