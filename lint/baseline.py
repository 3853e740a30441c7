"""A baseline: alerts already known, not reported again.

A newsroom adopting copydesk records the alerts its archive already has
(``copydesk check --update-baseline --baseline FILE``); later runs with
``--baseline FILE`` report only alerts that are not in it.

Each alert is recorded by a fingerprint that does not mention lines or
columns: the rule, the matched text, a hash of the sentence around the
match, and an occurrence index (the n-th alert with that rule, text and
sentence in the file). Adding lines above an old alert, or editing another
paragraph, leaves its fingerprint as it was; editing the sentence itself
brings the alert back. Whitespace is normalised, so re-wrapping a paragraph
changes nothing either.

The file is JSON, sorted, one entry per alert, with paths relative to the
baseline file's folder so it can be committed::

    {"version": 1, "files": {"news/a.md": [
        {"rule": "News.LeadingZeroDay", "match": "March 07", "sentence": "5f0c...", "occurrence": 0}]}}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint.alerts import Alert
from lint.report import FileReport, Report
from lint.sentences import split_sentences

VERSION = 1
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it."""


@dataclass(frozen=True, order=True)
class Fingerprint:
    rule: str
    match: str
    sentence: str
    occurrence: int

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _normal(text: str) -> str:
    return " ".join(text.split())


def sentence_at(source: str, offset: int) -> str:
    """The sentence of ``source`` holding ``offset`` (whitespace normalised)."""
    offset = max(0, min(offset, len(source)))
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(source, 0, offset):
        start = m.end()
    following = _PARAGRAPH_BREAK.search(source, offset)
    end = following.start() if following else len(source)
    paragraph = source[start:end]
    position = offset - start
    chosen = paragraph
    for s, e in split_sentences(paragraph):
        if s <= position:
            chosen = paragraph[s:e]
        else:
            break
    return _normal(chosen)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def fingerprints(source: str, alerts: Sequence[Alert]) -> list[Fingerprint]:
    """One fingerprint per alert, in the order of ``alerts``; occurrences
    count in source order."""
    counts: dict[tuple[str, str, str], int] = {}
    sentences: dict[int, str] = {}
    result: list[Fingerprint] = [Fingerprint("", "", "", 0)] * len(alerts)
    for i in sorted(range(len(alerts)), key=lambda i: alerts[i].sort_key()):
        alert = alerts[i]
        if alert.offset not in sentences:
            sentences[alert.offset] = _digest(sentence_at(source, alert.offset))
        key = (alert.rule, _normal(alert.match), sentences[alert.offset])
        occurrence = counts.get(key, 0)
        counts[key] = occurrence + 1
        result[i] = Fingerprint(*key, occurrence)
    return result


@dataclass(frozen=True)
class Baseline:
    """Fingerprints per file; ``root`` is the folder paths are relative to."""

    root: Path
    files: Mapping[str, frozenset[Fingerprint]]

    def key(self, path: str) -> str:
        return _relative(path, self.root)

    def known(self, path: str) -> frozenset[Fingerprint]:
        return self.files.get(self.key(path), frozenset())

    def count(self) -> int:
        return sum(len(v) for v in self.files.values())


def _relative(path: str, root: Path) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, root)).as_posix()
    except ValueError:  # another drive
        return Path(absolute).as_posix()


def read_baseline(path: str | os.PathLike[str]) -> Baseline:
    display = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{display}: baseline not found (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{display}: cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{display}:{exc.lineno}: not a valid baseline (invalid JSON: {exc.msg})") from None
    root = Path(os.path.abspath(path)).parent
    return Baseline(root, _parse(data, display))


def _parse(data: Any, display: str) -> dict[str, frozenset[Fingerprint]]:
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        raise BaselineError(f"{display}: not a copydesk baseline (expected version {VERSION} and 'files')")
    files: dict[str, frozenset[Fingerprint]] = {}
    for name, entries in data["files"].items():
        if not isinstance(entries, list):
            raise BaselineError(f"{display}: files.{name}: expected a list of alerts")
        prints = set()
        for entry in entries:
            try:
                prints.add(Fingerprint(str(entry["rule"]), str(entry["match"]), str(entry["sentence"]), int(entry["occurrence"])))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(
                    f"{display}: files.{name}: each alert needs rule, match, sentence and occurrence"
                ) from None
        files[name] = frozenset(prints)
    return files


def filter_file(report: FileReport, known: frozenset[Fingerprint]) -> FileReport:
    """``report`` without the alerts recorded in ``known``."""
    if not known or not report.alerts:
        return report
    prints = fingerprints(report.source, report.alerts)
    kept = tuple(a for a, p in zip(report.alerts, prints) if p not in known)
    return dataclasses.replace(report, alerts=kept)


def filter_report(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """The report without baseline alerts, and how many were hidden."""
    files = tuple(filter_file(f, baseline.known(f.path)) for f in report.files)
    hidden = sum(len(a.alerts) - len(b.alerts) for a, b in zip(report.files, files))
    return dataclasses.replace(report, files=files), hidden


def updated(report: Report, root: Path, previous: Baseline | None = None) -> Baseline:
    """A baseline recording every alert in ``report``. Entries of
    ``previous`` for files this run did not lint are kept if the files
    still exist."""
    files: dict[str, frozenset[Fingerprint]] = {}
    if previous is not None:
        for name, prints in previous.files.items():
            if (previous.root / name).exists():
                files[_relative(str(previous.root / name), root)] = prints
    for file in report.files:
        key = _relative(file.path, root)
        prints = frozenset(fingerprints(file.source, file.alerts))
        if prints:
            files[key] = prints
        else:
            files.pop(key, None)
    return Baseline(root, files)


def render(baseline: Baseline) -> str:
    data = {
        "version": VERSION,
        "files": {name: [p.to_json() for p in sorted(prints)] for name, prints in sorted(baseline.files.items()) if prints},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def apply_baseline(report: Report, path: str, update: bool = False) -> tuple[Report, str]:
    """Filter ``report`` through the baseline at ``path``; with ``update``,
    first record every alert of ``report`` there. Returns the filtered
    report and a line for the terminal."""
    from lint.writing import write_new

    if update:
        previous = read_baseline(path) if os.path.exists(path) else None
        baseline = updated(report, Path(os.path.abspath(path)).parent, previous)
        write_new(path, render(baseline))
        count = baseline.count()
        note = f"Recorded {count} alert{'' if count == 1 else 's'} in {len(baseline.files)} file{'' if len(baseline.files) == 1 else 's'} in {path}."
        return filter_report(report, baseline)[0], note
    baseline = read_baseline(path)
    filtered, hidden = filter_report(report, baseline)
    note = f"{hidden} alert{'' if hidden == 1 else 's'} hidden by the baseline {path}." if hidden else ""
    return filtered, note
