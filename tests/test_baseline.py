"""Baselines: fingerprints that survive edits elsewhere in the article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.baseline import BaselineError, apply_baseline, fingerprints, read_baseline, sentence_at
from lint.cli import main
from lint.engine import lint_text
from lint.report import FileReport, Report
from lint.rule_loading import Rule
from tests.helpers import make_rule

HEDGE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\nignorecase: true\ntokens: [very]\n"
ARTICLE = "# Title\n\nThe talks were very long. They ended late.\n\nThe vote was very close, very close.\n"


@pytest.fixture
def rule(tmp_path: Path) -> Rule:
    return make_rule(tmp_path / "rules", HEDGE, "Hedge", pack="Desk")


def report_for(path: Path, text: str, rule: Rule) -> Report:
    return Report((FileReport(str(path), "markdown", text, tuple(lint_text(text, "markdown", [rule]))),))


def remaining(report: Report) -> list[tuple[int, str]]:
    return [(a.line, a.match) for f in report.files for a in f.alerts]


def test_sentence_at() -> None:
    text = "First one. Second\n  one here.\n\nThird."
    assert sentence_at(text, text.index("Second")) == "Second one here."
    assert sentence_at(text, text.index("here")) == "Second one here."
    assert sentence_at(text, text.index("Third")) == "Third."


def test_occurrences_count_within_one_sentence(rule: Rule) -> None:
    alerts = lint_text(ARTICLE, "markdown", [rule])
    prints = fingerprints(ARTICLE, alerts)
    assert [p.occurrence for p in prints] == [0, 0, 1]
    assert prints[1].sentence == prints[2].sentence != prints[0].sentence
    assert fingerprints(ARTICLE, list(reversed(alerts))) == list(reversed(prints))


def test_baseline_hides_known_alerts_and_survives_text_above(tmp_path: Path, rule: Rule) -> None:
    article = tmp_path / "news" / "a.md"
    baseline = str(tmp_path / "baseline.json")
    filtered, note = apply_baseline(report_for(article, ARTICLE, rule), baseline, update=True)
    assert remaining(filtered) == []
    assert note == "Recorded 3 alerts in 1 file in " + baseline + "."
    edited = ARTICLE.replace("# Title\n\n", "# Title\n\nA new first paragraph, added later.\n\nAnd another.\n\n")
    filtered, note = apply_baseline(report_for(article, edited, rule), baseline)
    assert remaining(filtered) == []
    assert note == "3 alerts hidden by the baseline " + baseline + "."


def test_new_alerts_are_reported(tmp_path: Path, rule: Rule) -> None:
    article = tmp_path / "a.md"
    baseline = str(tmp_path / "baseline.json")
    apply_baseline(report_for(article, ARTICLE, rule), baseline, update=True)
    edited = ARTICLE + "\nA very new paragraph.\n"
    filtered, _ = apply_baseline(report_for(article, edited, rule), baseline)
    assert remaining(filtered) == [(7, "very")]


def test_the_same_words_in_a_new_sentence_are_new(tmp_path: Path, rule: Rule) -> None:
    article = tmp_path / "a.md"
    baseline = str(tmp_path / "baseline.json")
    apply_baseline(report_for(article, "Very, very.\n", rule), baseline, update=True)
    filtered, _ = apply_baseline(report_for(article, "Very, very.\n\nVery, very, very.\n", rule), baseline)
    assert remaining(filtered) == [(3, "Very"), (3, "very"), (3, "very")]


def test_editing_the_sentence_brings_its_alert_back(tmp_path: Path, rule: Rule) -> None:
    article = tmp_path / "a.md"
    baseline = str(tmp_path / "baseline.json")
    apply_baseline(report_for(article, ARTICLE, rule), baseline, update=True)
    edited = ARTICLE.replace("The talks were very long.", "The talks were very long indeed.")
    filtered, _ = apply_baseline(report_for(article, edited, rule), baseline)
    assert remaining(filtered) == [(3, "very")]


def test_rewrapping_a_paragraph_changes_nothing(tmp_path: Path, rule: Rule) -> None:
    article = tmp_path / "a.md"
    baseline = str(tmp_path / "baseline.json")
    apply_baseline(report_for(article, ARTICLE, rule), baseline, update=True)
    edited = ARTICLE.replace("The vote was very close, very close.", "The vote was\nvery close,\nvery close.")
    assert remaining(apply_baseline(report_for(article, edited, rule), baseline)[0]) == []


def test_file_format_is_stable_and_relative(tmp_path: Path, rule: Rule) -> None:
    article = tmp_path / "news" / "a.md"
    baseline = tmp_path / "baseline.json"
    apply_baseline(report_for(article, ARTICLE, rule), str(baseline), update=True)
    first = baseline.read_text(encoding="utf-8")
    data = json.loads(first)
    assert data["version"] == 1
    assert list(data["files"]) == ["news/a.md"]
    assert data["files"]["news/a.md"][0] == {
        "rule": "Desk.Hedge",
        "match": "very",
        "sentence": data["files"]["news/a.md"][0]["sentence"],
        "occurrence": 0,
    }
    apply_baseline(report_for(article, ARTICLE, rule), str(baseline), update=True)
    assert baseline.read_text(encoding="utf-8") == first


def test_update_keeps_other_files_and_drops_deleted_ones(tmp_path: Path, rule: Rule) -> None:
    baseline = str(tmp_path / "baseline.json")
    kept, gone = tmp_path / "kept.md", tmp_path / "gone.md"
    kept.write_text("Very.\n", encoding="utf-8")
    gone.write_text("Very.\n", encoding="utf-8")
    both = Report((*report_for(kept, "Very.\n", rule).files, *report_for(gone, "Very.\n", rule).files))
    apply_baseline(both, baseline, update=True)
    gone.unlink()
    other = tmp_path / "other.md"
    apply_baseline(report_for(other, "Very.\n", rule), baseline, update=True)
    assert sorted(read_baseline(baseline).files) == ["kept.md", "other.md"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "invalid JSON"),
        ('{"version": 2, "files": {}}', "not a copydesk baseline"),
        ('{"version": 1, "files": {"a.md": [{"rule": "X"}]}}', "each alert needs rule, match, sentence and occurrence"),
    ],
)
def test_bad_baseline_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        read_baseline(path)


def test_missing_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="create it with --update-baseline"):
        read_baseline(tmp_path / "nope.json")


# -- through the command line -----------------------------------------------------


def write_project(tmp_path: Path) -> Path:
    (tmp_path / "styles" / "Desk").mkdir(parents=True)
    (tmp_path / "styles" / "Desk" / "Hedge.yml").write_text(HEDGE, encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text('rule-folders = ["styles"]\npacks = ["Desk"]\nfail-level = "warning"\n', encoding="utf-8")
    article = tmp_path / "news" / "a.md"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    return article


def test_cli_baseline_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write_project(tmp_path)
    baseline = str(tmp_path / "copydesk-baseline.json")
    assert main(["check", str(article)]) == 1
    capsys.readouterr()
    assert main(["check", "--baseline", baseline, "--update-baseline", str(article)]) == 0
    assert "Recorded 3 alerts in 1 file" in capsys.readouterr().err
    article.write_text("# Title\n\nNew lead paragraph.\n\n" + ARTICLE.split("\n\n", 1)[1], encoding="utf-8")
    assert main(["check", "--baseline", baseline, str(article)]) == 0
    assert "3 alerts hidden by the baseline" in capsys.readouterr().err
    article.write_text(article.read_text(encoding="utf-8") + "\nA very fresh line.\n", encoding="utf-8")
    assert main(["check", "--format", "line", "--baseline", baseline, str(article)]) == 1
    out = capsys.readouterr().out
    assert out.count("Desk.Hedge") == 1 and ":9:3:" in out


def test_cli_baseline_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write_project(tmp_path)
    assert main(["check", "--baseline", str(tmp_path / "nope.json"), str(article)]) == 2
    assert "baseline not found" in capsys.readouterr().err
    assert main(["check", "--update-baseline", str(article)]) == 2
    assert "--update-baseline needs --baseline FILE" in capsys.readouterr().err
