"""The command line through ``main([...])``: exit codes, options, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli import main

REPO = Path(__file__).resolve().parent.parent
DEMO_RULES = str(REPO / "tests" / "data" / "rules")
BAD = "# Title\n\nThe past history of the town. See [this](#).\n"
CLEAN = "# Title\n\nThe history of the town is long.\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def demo(*args: str) -> list[str]:
    return ["check", "--rules", DEMO_RULES, "--only", "Demo", *args]


@pytest.mark.parametrize(
    ("text", "extra", "code"),
    [
        (CLEAN, [], 0),
        (BAD, [], 1),  # an error-level alert (placeholder link)
        (BAD, ["--fail-level", "warning"], 1),
        ("The past history.\n", [], 0),  # warning only, fail level error
        ("The past history.\n", ["--fail-level", "warning"], 1),
        ("The past history.\n", ["--fail-level", "suggestion"], 1),
        ("It was very long.\n", ["--fail-level", "warning"], 0),  # suggestion only
        (BAD, ["--ignore", "Demo.Placeholder"], 0),
        (BAD, ["--min-level", "error", "--ignore", "Demo.Placeholder"], 0),
    ],
)
def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, extra: list[str], code: int) -> None:
    path = write(tmp_path, "a.md", text)
    assert main(demo(*extra, path)) == code


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "a.md", CLEAN)
    assert main(demo(good, str(tmp_path / "nope.md"))) == 2
    err = capsys.readouterr().err
    assert "nope.md: no such file or directory" in err


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "xml"]) == 2
    assert main(["check", "--markup", "rtf", "."]) == 2
    assert main([]) == 2


def test_invalid_rule_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "rules" / "Bad"
    pack.mkdir(parents=True)
    (pack / "Broken.yml").write_text("extends: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n")
    path = write(tmp_path, "a.md", CLEAN)
    assert main(["check", "--rules", str(tmp_path / "rules"), path]) == 2
    err = capsys.readouterr().err
    assert "Broken.yml:3: key 'level': unknown level 'fatal'" in err


def test_undecodable_file_is_reported_and_others_still_linted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "latin1.md", "Caf\xe9 past history\n".encode("latin-1"))
    binary = write(tmp_path, "blob.txt", b"\x00\x01\x02binary")
    good = write(tmp_path, "b.md", "The past history.\n")
    code = main(demo("--format", "line", bad, binary, good))
    out, err = capsys.readouterr()
    assert code == 1
    assert "latin1.md:1: cannot decode as UTF-8" in err
    assert "blob.txt: binary file" in err
    assert "b.md:1:5:Demo.Redundant:" in out


def test_utf16_with_bom_is_linted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "u16.md", "The past history.\n".encode("utf-16"))
    assert main(demo("--format", "line", path)) == 0
    assert ":1:5:Demo.Redundant:" in capsys.readouterr().out


def test_markup_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "story.txt", "See [this](#).\n")
    assert main(demo(path)) == 0  # plain text: no link construct
    assert main(demo("--markup", "md", path)) == 1


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.md", BAD)
    main(demo("--format", "json", path))
    data = json.loads(capsys.readouterr().out)
    alerts = data["files"][0]["alerts"]
    assert [a["rule"] for a in alerts] == ["Demo.Redundant", "Demo.Placeholder"]
    assert data["summary"] == {"files": 1, "alerts": 2, "errors": 1, "warnings": 1, "suggestions": 0}


def test_no_colour_unless_terminal_or_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a.md", BAD)
    main(demo(path))
    assert "\x1b[" not in capsys.readouterr().out
    main(demo("--color", "always", path))
    assert "\x1b[" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(demo("--color", "auto", path))
    assert "\x1b[" not in capsys.readouterr().out


def test_directory_walk_skips_hidden_and_git_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, ".gitignore", "drafts/\n")
    write(tmp_path, "news/a.md", "The past history.\n")
    write(tmp_path, "news/b.html", "<p>The end result.</p>\n")
    write(tmp_path, "news/c.txt", "The past history.\n")
    write(tmp_path, "news/image.png", "past history")
    write(tmp_path, ".hidden/d.md", "The past history.\n")
    write(tmp_path, "drafts/e.md", "The past history.\n")
    main(demo("--format", "line", str(tmp_path)))
    out = capsys.readouterr().out
    assert "a.md:" in out and "b.html:" in out and "c.txt:" in out
    assert "d.md" not in out and "e.md" not in out and "image.png" not in out


def test_rules_explain_and_test_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--rules", DEMO_RULES]) == 0
    out = capsys.readouterr().out
    assert "Demo.Redundant" in out and "substitution" in out
    assert main(["explain", "Demo.Redundant", "--rules", DEMO_RULES]) == 0
    out = capsys.readouterr().out
    assert "Redundant phrases." in out and "Why:" in out
    assert main(["explain", "Demo.Nope", "--rules", DEMO_RULES]) == 2
    assert main(["test-rules", DEMO_RULES]) == 0
    assert "3 rules" in capsys.readouterr().out


def test_test_rules_reports_failing_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "Pack"
    pack.mkdir()
    (pack / "Rule.yml").write_text(
        "extends: existence\nmessage: x\ntokens: [foo]\nexamples:\n  bad: [no match here]\n  good: [foo is here]\n"
    )
    assert main(["test-rules", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "Pack.Rule: bad example 'no match here': no alert" in out
    assert "Pack.Rule: good example 'foo is here': unexpected alert" in out


def test_python_dash_m_lint(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", BAD)
    result = subprocess.run(
        [sys.executable, "-m", "lint", *demo("--format", "line", path)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    assert result.returncode == 1
    assert "Demo.Placeholder" in result.stdout
