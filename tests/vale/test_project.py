"""``.vale.ini`` projects: discovery, every supported config key, warnings
for unsupported keys, and the CLI's Vale-compatible output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.alerts import Level
from lint.cli import main
from lint.config import ConfigError, SettingsResolver
from lint.globs import compile_glob
from lint.vale.ini import find_vale_ini, read_vale_ini

from .conftest import make_project, write

VERY = """
extends: existence
message: "Avoid '%s'."
level: warning
tokens: [very]
"""
THE = """
extends: existence
message: "Article '%s'."
level: suggestion
tokens: [the]
"""
SHOUT = """
extends: existence
message: "Shouting '%s'."
level: error
tokens: [LOUD]
"""


def lint_file(path: Path) -> list[tuple[str, str, str]]:
    settings = SettingsResolver().settings_for(path)
    alerts = settings.lint(path.read_text(encoding="utf-8"))
    return [(a.rule, a.match, a.level.label) for a in alerts]


@pytest.mark.parametrize("name", [".vale.ini", "_vale.ini", "vale.ini"])
def test_discovery_walks_up(tmp_path: Path, name: str) -> None:
    write(tmp_path / name, "StylesPath = styles\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_vale_ini(deep / "x.md") == tmp_path / name


def test_styles_path_based_on_styles_and_rule_switches(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        """
        StylesPath = styles
        [*]
        BasedOnStyles = Demo
        Demo.The = NO
        Demo.Loud = warning
        """,
        {"Demo/Very": VERY, "Demo/The": THE, "Demo/Loud": SHOUT},
        {"a.md": "The very LOUD cat saw the dog.\n"},
    )
    assert lint_file(tmp_path / "a.md") == [("Demo.Very", "very", "warning"), ("Demo.Loud", "LOUD", "warning")]


def test_min_alert_level(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        "StylesPath = styles\nMinAlertLevel = warning\n[*]\nBasedOnStyles = Demo\n",
        {"Demo/Very": VERY, "Demo/The": THE},
        {"a.md": "The very cat.\n"},
    )
    assert lint_file(tmp_path / "a.md") == [("Demo.Very", "very", "warning")]


def test_glob_sections_apply_in_order(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        """
        StylesPath = styles
        [*]
        BasedOnStyles = Demo
        [*.md]
        Demo.Very = NO
        [{docs,blog}/**]
        BasedOnStyles = Other
        [*.{txt,html}]
        Demo.Very = error
        """,
        {"Demo/Very": VERY, "Other/Loud": SHOUT},
        {"a.md": "very LOUD\n", "a.txt": "very LOUD\n", "docs/x/b.md": "very LOUD\n", "c.rst": "very LOUD\n"},
    )
    assert lint_file(tmp_path / "a.md") == []
    assert lint_file(tmp_path / "a.txt") == [("Demo.Very", "very", "error")]
    assert lint_file(tmp_path / "docs" / "x" / "b.md") == [("Other.Loud", "LOUD", "error")]
    assert lint_file(tmp_path / "c.rst") == [("Demo.Very", "very", "warning")]


def test_style_switched_off_and_single_rule_switched_on(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        "StylesPath = styles\n[*]\nBasedOnStyles = Demo\nDemo = NO\nOther.Loud = YES\n",
        {"Demo/Very": VERY, "Other/Loud": SHOUT, "Other/The": THE},
        {"a.md": "The very LOUD cat.\n"},
    )
    assert lint_file(tmp_path / "a.md") == [("Other.Loud", "LOUD", "error")]


@pytest.mark.parametrize("layout", ["config/vocabularies/News", "Vocab/News"])
def test_vocab_layouts_and_builtins(tmp_path: Path, layout: str) -> None:
    make_project(
        tmp_path,
        "StylesPath = styles\nVocab = News\n[*]\nBasedOnStyles = Vale\n",
        files={
            f"styles/{layout}/accept.txt": "Peskov\nJavaScript\n",
            f"styles/{layout}/reject.txt": "utilize\n",
            "a.md": "Peskov wrote javascript to utilize the the Pesckov file.\n",
        },
    )
    found = lint_file(tmp_path / "a.md")
    assert ("Vale.Terms", "javascript", "error") in found
    assert ("Vale.Avoid", "utilize", "error") in found
    assert ("Vale.Repetition", "the the", "error") in found
    assert ("Vale.Spelling", "Pesckov", "error") in found
    assert not any(m == "Peskov" for _, m, _ in found)


def test_block_and_token_ignores(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        """
        StylesPath = styles
        [*.md]
        BasedOnStyles = Demo
        TokenIgnores = (\\$[^\\n$]+\\$)
        BlockIgnores = (?s) *(\\{% raw %\\}.*?\\{% endraw %\\})
        """,
        {"Demo/Very": VERY},
        {"a.md": "A $very$ x.\n\n{% raw %}\nvery\n{% endraw %}\n\nvery end.\n"},
    )
    assert [m for _, m, _ in lint_file(tmp_path / "a.md")] == ["very"]
    settings = SettingsResolver().settings_for(tmp_path / "a.md")
    assert settings.lint((tmp_path / "a.md").read_text())[0].line == 7


def test_formats_association(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        "StylesPath = styles\n[formats]\nmdx = md\n[*]\nBasedOnStyles = Demo\n",
        {"Demo/Very": VERY},
        {"a.mdx": "`very` is code, very is not.\n"},
    )
    settings = SettingsResolver().settings_for(tmp_path / "a.mdx")
    assert settings.markup == "markdown"
    assert [m for _, m, _ in lint_file(tmp_path / "a.mdx")] == ["very"]


def test_scopes_and_unsupported_keys_warn_once(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        """
        StylesPath = styles
        WordTemplate = \\b(?:%s)\\b
        IgnoredScopes = code, tt
        SkippedScopes = script, style, pre, figure
        [*]
        BasedOnStyles = Demo
        Transform = x.xsl
        """,
        {"Demo/Very": VERY},
        {"a.md": "very\n", "b.md": "very\n"},
    )
    resolver = SettingsResolver()
    resolver.settings_for(tmp_path / "a.md")
    resolver.settings_for(tmp_path / "b.md")
    keys = sorted(w.split("key '")[1].split("'")[0] for w in resolver.warnings)
    assert keys == ["Transform", "WordTemplate"]
    project = read_vale_ini(tmp_path / ".vale.ini")
    assert project.ignored_scopes == ("code", "tt") and project.min_level is Level.SUGGESTION


def test_bad_values_are_errors_naming_file_line_key(tmp_path: Path) -> None:
    make_project(tmp_path, "StylesPath = styles\nMinAlertLevel = fatal\n", files={"a.md": "x\n"})
    with pytest.raises(ConfigError, match=r"\.vale\.ini:2: key 'MinAlertLevel'"):
        SettingsResolver().settings_for(tmp_path / "a.md")
    make_project(tmp_path, "StylesPath = styles\n[*]\nDemo.Very = maybe\n", files={"a.md": "x\n"})
    with pytest.raises(ConfigError, match=r"\.vale\.ini:3: key 'Demo.Very'"):
        SettingsResolver().settings_for(tmp_path / "a.md")


@pytest.mark.parametrize("section", ["[z-a].md", "*.{md", "docs/}*.md", "[]"])
def test_a_section_glob_that_cannot_be_read_is_an_error_naming_file_and_line(tmp_path: Path, section: str) -> None:
    """The section globs are read as the configuration's globs are: a bad
    one is one error (a reversed range was a re.error traceback)."""
    make_project(tmp_path, f"StylesPath = styles\n\n[{section}]\nBasedOnStyles = Vale\n", files={"a.md": "x\n"})
    with pytest.raises(ConfigError, match=r"\.vale\.ini:3: section \["):
        SettingsResolver().settings_for(tmp_path / "a.md")


def test_copydesk_configuration_wins(tmp_path: Path) -> None:
    make_project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n", {"Demo/Very": VERY}, {"a.md": "very\n"})
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    settings = SettingsResolver().settings_for(tmp_path / "a.md")
    assert not any(r.id.startswith("Demo.") for r in settings.rules)


@pytest.mark.parametrize(
    ("pattern", "path", "ok"),
    [
        ("*", "a/b.md", True),
        ("*.md", "docs/a.md", True),
        ("*.{md,txt}", "a.txt", True),
        ("{docs,blog}/**", "blog/2024/a.md", True),
        ("{docs,blog}/**", "src/a.md", False),
        ("docs/*.md", "docs/x/a.md", False),
        ("docs/**/*.md", "docs/a.md", True),
    ],
)
def test_glob_semantics(pattern: str, path: str, ok: bool) -> None:
    from lint.vale.ini import ValeSection

    assert ValeSection(pattern, 1).matches(path) is ok
    assert compile_glob(pattern) is not None


def test_cli_line_output_vale_json_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(
        tmp_path,
        "StylesPath = styles\n[*]\nBasedOnStyles = Demo\n",
        {"Demo/Very": VERY, "Demo/Loud": SHOUT},
        {"b.md": "very LOUD\n", "a.md": "It is very good.\n"},
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--format", "line", "a.md", "b.md"]) == 1  # an error-level alert
    assert capsys.readouterr().out.splitlines() == [
        "a.md:1:7:Demo.Very:Avoid 'very'.",
        "b.md:1:1:Demo.Very:Avoid 'very'.",
        "b.md:1:6:Demo.Loud:Shouting 'LOUD'.",
    ]
    assert main(["check", "--no-cache", "--format", "vale-json", "a.md"]) == 0  # warnings only
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "a.md": [
            {
                "Action": {"Name": "", "Params": None},
                "Span": [7, 10],
                "Check": "Demo.Very",
                "Description": "",
                "Link": "",
                "Message": "Avoid 'very'.",
                "Severity": "warning",
                "Match": "very",
                "Line": 1,
            }
        ]
    }
