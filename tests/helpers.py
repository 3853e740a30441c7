"""Shared helpers for the rule-type tests: write a rule file, load it, run it,
and check the offset contract of the alerts it produces."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from lint.alerts import Alert
from lint.engine import LintOptions, lint_text
from lint.markup import parse
from lint.markup.blocks import BlockBuilder, ParsedDocument
from lint.rule_loading import Rule, load_rule_file

T = TypeVar("T")

MARKUPS = ("markdown", "html", "text")


def write_rule(tmp_path: Path, yaml_text: str, name: str = "Rule", pack: str = "Pack") -> Path:
    folder = tmp_path / pack
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
    return path


def make_rule(tmp_path: Path, yaml_text: str, name: str = "Rule", pack: str = "Pack") -> Rule:
    """Load ``yaml_text`` as ``Pack/<name>.yml``."""
    path = write_rule(tmp_path, yaml_text, name, pack)
    rule, _warnings = load_rule_file(path, pack)
    return rule


def run(
    rule: Rule | Sequence[Rule],
    source: str,
    markup: str = "markdown",
    options: LintOptions | None = None,
) -> list[Alert]:
    rules = [rule] if isinstance(rule, Rule) else list(rule)
    alerts = lint_text(source, markup, rules, options)
    assert_contract(source, alerts)
    return alerts


def unfiltered(rule: Rule, source: str, markup: str = "text") -> list[tuple[int, int, str]]:
    """(offset, end offset, message) of what ``rule`` finds when its check
    reads every unit of its scope: what the engine must find too, having
    skipped the documents and units its prefilter rules out."""
    doc = parse(source, markup)
    findings = rule.check.check(rule.spec.scope.select(doc), doc)
    return sorted({(f.offset, f.end_offset, f.message) for f in findings})


def spans(alerts: Sequence[Alert]) -> list[tuple[int, int, str]]:
    return sorted((a.offset, a.end_offset, a.message) for a in alerts)


def matches(alerts: Sequence[Alert]) -> list[str]:
    return [a.match for a in alerts]


def line_col(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, counted independently of the
    engine: a line ends after ``\\r\\n``, ``\\n`` or a lone ``\\r``."""
    line, start, i = 1, 0, 0
    while i < offset:
        c = source[i]
        if c == "\r" and i + 1 < len(source) and source[i + 1] == "\n":
            if i + 1 >= offset:
                break
            i += 2
            line, start = line + 1, i
            continue
        i += 1
        if c in "\r\n":
            line, start = line + 1, i
    return line, offset - start + 1


def assert_contract(source: str, alerts: Sequence[Alert]) -> None:
    """Every alert's offsets slice out its match, and its line and column
    agree with its offsets."""
    for a in alerts:
        assert 0 <= a.offset <= a.end_offset <= len(source), a
        assert source[a.offset : a.end_offset] == a.match, a
        assert (a.line, a.column) == line_col(source, a.offset), a
        assert (a.end_line, a.end_column) == line_col(source, a.end_offset), a


def found(alerts: Sequence[Alert]) -> list[tuple[str, str]]:
    """(match, message) of each alert, in order."""
    return [(a.match, a.message) for a in alerts]


def fixed(source: str, alerts: Sequence[Alert]) -> str:
    """``source`` with every alert's fix applied (safe and unsafe)."""
    from lint.fixes import apply_fixes

    return apply_fixes(source, [a.fix for a in alerts if a.fix is not None]).text


REPO = Path(__file__).resolve().parent.parent
DEMO_RULES = REPO / "tests" / "data" / "rules"
ARTICLE = (REPO / "tests" / "data" / "article.md").read_text(encoding="utf-8")


def make_archive(folder: Path, count: int) -> list[Path]:
    """``count`` Markdown stories made of the test article, some with an
    extra line, in ``folder`` (an archive for the cache and --jobs tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story-{i:03d}.md"
        extra = "The end result was very late.\n" * (i % 4)
        path.write_text(f"# Story {i}\n\n{ARTICLE}\n{extra}", encoding="utf-8")
        paths.append(path)
    return paths


def check_document(doc: ParsedDocument, source: str) -> None:
    """Offset maps cover each block's text in order, stay inside the source,
    and a verbatim segment is a copy of the source it maps to."""
    assert doc.source == source
    for item in (*doc.constructs, *doc.comments):
        assert 0 <= item.offset <= item.end_offset <= len(source), item
    for block in doc.blocks:
        position = 0
        for seg in block.segments:
            assert seg.text_start == position and seg.text_start <= seg.text_end, block
            assert 0 <= seg.source_start <= seg.source_end <= len(source), seg
            if seg.verbatim:
                assert source[seg.source_start : seg.source_end] == block.text[seg.text_start : seg.text_end], seg
            position = seg.text_end
        assert position == len(block.text), block
        for start in range(0, len(block.text) + 1, 3):
            for end in (start, min(start + 4, len(block.text)), len(block.text)):
                lo, hi = block.source_span(start, end)
                assert 0 <= lo <= hi <= len(source)
                if block.is_verbatim(start, end) and end > start:
                    assert source[lo:hi] == block.text[start:end]


def check_alerts(source: str, alerts: list[Alert]) -> None:
    """The offset contract (:func:`assert_contract`) for alerts in order,
    none of them a rule's failure, every fix edit inside the source."""
    assert alerts == sorted(alerts, key=Alert.sort_key)
    assert_contract(source, alerts)
    for a in alerts:
        assert not a.message.startswith(("the rule failed", "a regular expression took too long")), a
        if a.fix is not None:
            assert all(0 <= e.offset <= e.end_offset <= len(source) for e in a.fix.edits), a


def paragraph_document(source: str) -> ParsedDocument:
    """Plain text: one block per paragraph, every character verbatim."""
    blocks = []
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", source):
        builder = BlockBuilder(frozenset({"text", "paragraph"}))
        builder.add(para.group(), para.start(), para.end())
        block = builder.build()
        if block is not None:
            blocks.append(block)
    return ParsedDocument(source, "text", tuple(blocks))


# The two ways rules' searches are kept within their time limits
# (lint/checks/limits.py): an interval timer in the main thread, the regex
# module's own limit in any other thread.
LIMIT_WAYS = ["main thread", "worker thread"]


def call_in(way: str, function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` in the main thread or in a worker thread."""
    if way == "main thread":
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()
