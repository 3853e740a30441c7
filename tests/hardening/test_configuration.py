"""Project configuration written by hand: every mistake is one error naming
the file, the line and the key (exit 2, nothing linted); globs that match
nothing change nothing; paths outside the project are allowed on purpose
(a newsroom keeps shared styles beside its repositories) and only read."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from hardening.support import run_cli
from lint.config import ConfigError, SettingsResolver, SettingsOverrides, read_config

ARTICLE = "Its past history is long.\n"


@dataclass(frozen=True)
class BadConfig:
    name: str
    text: str
    key: str | None
    message: str
    line: int | None = 1


BAD_CONFIGS = [
    BadConfig("unknown key", 'min_level = "warning"\n', "min_level", "unknown key; did you mean 'min-level'?"),
    BadConfig("unknown override key", '[[overrides]]\nfiles = ["a/**"]\nlevel = "x"\n', "overrides[0].level", "unknown key", line=None),
    BadConfig("number for a level", "min-level = 3\n", "min-level", "must be a non-empty string, not a number"),
    BadConfig("unknown level", 'fail-level = "fatal"\n', "fail-level", "unknown level 'fatal'"),
    BadConfig("string for a list", 'exclude = "drafts"\n', "exclude", "must be a list of strings (write ['drafts'])"),
    BadConfig("table for a list", "rule-folders = { a = 1 }\n", "rule-folders", "must be a list of strings, not a table"),
    BadConfig("string for a boolean", 'force-exclude = "yes"\n', "force-exclude", "must be true or false, not a string"),
    BadConfig("list for a table", 'rules = ["News.DoubledWord"]\n', "rules", "must be a table, not a list"),
    BadConfig("bad rule setting", '[rules]\n"News.DoubledWord" = "loud"\n', "rules.News.DoubledWord", "must be 'off' or a level", line=2),
    BadConfig("unknown markup", '[markup]\n"*.txt" = "docx"\n', "markup.*.txt", "unknown markup 'docx'", line=2),
    BadConfig("override without files", '[[overrides]]\nmin-level = "error"\n', "overrides[0]", "an override needs 'files'"),
    BadConfig("unbalanced braces", 'exclude = ["{a,{b}"]\n', "exclude[0]", "unbalanced braces in glob"),
    BadConfig("missing folder", 'rule-folders = ["no/such/folder"]\n', "rule-folders[0]", "folder 'no/such/folder' does not exist"),
    BadConfig("missing vocabulary", 'vocabularies = ["no-such-list"]\n', "vocabularies[0]", "vocabulary 'no-such-list' not found"),
    BadConfig("missing base", 'extend = "../nowhere.toml"\n', "extend", "file '../nowhere.toml' does not exist"),
    BadConfig("invalid TOML", "min-level = \n", None, "invalid TOML", line=None),
    BadConfig("duplicate key", 'min-level = "error"\nmin-level = "warning"\n', None, "invalid TOML", line=None),
]


@pytest.mark.parametrize("bad", BAD_CONFIGS, ids=lambda b: b.name)
def test_a_bad_configuration_is_one_error_naming_file_key_and_line(tmp_path: Path, bad: BadConfig) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(bad.text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    error = caught.value
    assert error.path == str(path)
    assert error.key == bad.key
    assert bad.message in error.message, error.message
    if bad.line is not None:
        assert error.line == bad.line
    assert "\n" not in str(error)


UNKNOWN_NAMES = [
    ('[rules]\n"No.Such" = "off"\n', "rules.No.Such", "no rule or pack named 'No.Such'"),
    ('packs = ["NoSuchPack"]\n', "packs[0]", "no pack named 'NoSuchPack'"),
    ('extend-packs = ["Opinon"]\n', "extend-packs[0]", "no pack named 'Opinon'"),
]


@pytest.mark.parametrize(("text", "key", "message"), UNKNOWN_NAMES)
def test_unknown_rule_and_pack_names_are_errors(tmp_path: Path, text: str, key: str, message: str) -> None:
    (tmp_path / "copydesk.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        SettingsResolver().settings_for(tmp_path / "a.md")
    assert caught.value.key == key
    assert message in caught.value.message


def test_the_cli_stops_with_exit_2_and_one_line(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('fail_level = "error"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = run_cli(["check", "a.md"], tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"copydesk: error: {tmp_path / 'copydesk.toml'}:1: key 'fail_level': unknown key;")


# -- globs that match nothing -------------------------------------------------
NO_MATCH = [
    'exclude = ["archive/**", "*.docx", "../outside/**", "/abs/**"]\n',
    '[[overrides]]\nfiles = ["opinion/**", "../elsewhere/*.md"]\nmin-level = "error"\n',
    '[markup]\n"*.zzz" = "html"\n"nothing/**" = "text"\n',
]


@pytest.mark.parametrize("text", NO_MATCH)
def test_a_glob_that_matches_nothing_changes_nothing(tmp_path: Path, text: str) -> None:
    """A glob may name files that do not exist yet (next year's archive):
    it is accepted without a warning, and every file is linted as before."""
    (tmp_path / "copydesk.toml").write_text(text, encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(ARTICLE, encoding="utf-8")
    resolver = SettingsResolver()
    files, errors = resolver.select_files([str(tmp_path)])
    assert (files, errors) == ([str(tmp_path / "news" / "a.md")], [])
    settings = resolver.settings_for(tmp_path / "news" / "a.md")
    assert settings.markup == "markdown"
    assert [a.rule for a in settings.lint(ARTICLE)] == ["Redundancy.Pleonasm"]
    assert resolver.warnings == []


# -- paths outside the project ----------------------------------------------------
def shared_styles(root: Path) -> Path:
    pack = root / "shared-styles" / "House"
    pack.mkdir(parents=True)
    (pack / "Hedge.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [arguably]\n", encoding="utf-8")
    return root / "shared-styles"


OUTSIDE = [
    ("relative", lambda project, styles: "../shared-styles"),
    ("absolute", lambda project, styles: str(styles)),
]


@pytest.mark.parametrize(("how", "path_of"), OUTSIDE, ids=[o[0] for o in OUTSIDE])
def test_rule_folders_outside_the_project_are_read(tmp_path: Path, how: str, path_of) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "project"
    project.mkdir()
    styles = shared_styles(tmp_path)
    (project / "copydesk.toml").write_text(f'rule-folders = ["{path_of(project, styles)}"]\n', encoding="utf-8")
    settings = SettingsResolver().settings_for(project / "a.md")
    assert "House.Hedge" in {r.id for r in settings.rules}
    assert [a.rule for a in settings.lint("It is arguably fine.\n")] == ["House.Hedge"]
    assert sorted(p.name for p in styles.rglob("*")) == ["Hedge.yml", "House"]  # nothing written there


def test_extending_a_configuration_outside_the_project(tmp_path: Path) -> None:
    (tmp_path / "newsroom.toml").write_text('min-level = "warning"\n[rules]\n"News.DoubledWord" = "off"\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "copydesk.toml").write_text('extend = "../newsroom.toml"\n', encoding="utf-8")
    settings = SettingsResolver().settings_for(project / "a.md")
    assert settings.lint("He said the the word.\n") == []
    assert [a.rule for a in settings.lint(ARTICLE)] == ["Redundancy.Pleonasm"]


def test_a_file_outside_the_project_read_as_configuration_shows_no_content(tmp_path: Path) -> None:
    secret = tmp_path / "notes.txt"
    secret.write_text("password hunter2\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "copydesk.toml").write_text('extend = "../notes.txt"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        SettingsResolver().settings_for(project / "a.md")
    assert "invalid TOML" in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_command_line_config_outside_the_project(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.toml").write_text('[rules]\n"Redundancy" = "off"\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.md").write_text(ARTICLE, encoding="utf-8")
    resolver = SettingsResolver(SettingsOverrides(config=str(tmp_path / "elsewhere.toml")))
    assert resolver.settings_for(project / "a.md").lint(ARTICLE) == []


# -- pathological configurations --------------------------------------------------
# Each was a traceback before: tomllib recurses once per level of nesting
# (RecursionError), Python refuses to read an integer of more than 4,300
# digits (ValueError), and a glob's class or braces became an invalid or
# too deeply nested regular expression (re.error, RecursionError) when the
# first file was matched against it.
DEEP_ARRAYS = "[" * 5_000 + "]" * 5_000
PATHOLOGICAL = [
    BadConfig("nested arrays", f"a = {DEEP_ARRAYS}\n", "a", "invalid TOML: arrays or inline tables nested too deeply (5,000 levels)"),
    BadConfig("nested tables", "a = " + "{b = " * 3_000 + "1" + "}" * 3_000 + "\n", "a", "nested too deeply (3,000 levels)"),
    BadConfig("nested arrays and tables", "a = " + "[{b = " * 1_000 + "1" + "}]" * 1_000 + "\n", "a", "nested too deeply (2,000 levels)"),
    BadConfig(
        "nested over lines, under a table",
        f'min-level = "error"\n# [not = a header\n[languagetool]\ntimeout = [\n  "]]]",\n  {DEEP_ARRAYS}\n]\n',
        "languagetool.timeout",
        "nested too deeply (5,001 levels)",
        line=4,
    ),
    BadConfig("a 5,000-digit number", 'min-level = "error"\nfail-level = ' + "9" * 5_000 + "\n", "fail-level", "invalid TOML: an integer of more than 4,300 digits", line=2),
    BadConfig("reversed range", 'exclude = ["[z-a].md"]\n', "exclude[0]", "invalid glob '[z-a].md': reversed range 'z-a' in class '[z-a]' (write 'a-z')"),
    BadConfig("empty class", 'exclude = ["[]"]\n', "exclude[0]", "invalid glob '[]': empty class '[]' (write '[[]' for a literal '[')"),
    BadConfig("empty negated class", 'exclude = ["drafts/[!]"]\n', "exclude[0]", "empty class '[!]'"),
    BadConfig("range down to a hyphen", 'exclude = ["[a--z]"]\n', "exclude[0]", "reversed range 'a--'"),
    BadConfig("range down to a backslash", 'exclude = ["[a-\\\\]"]\n', "exclude[0]", "reversed range 'a-\\'"),
    BadConfig("markup glob", '[markup]\n"*.md" = "markdown"\n"[b-a]*" = "text"\n', "markup.[b-a]*", "reversed range 'b-a'", line=3),
    BadConfig("override glob", '[[overrides]]\nfiles = ["news/**", "news/[9-0]*"]\nmin-level = "error"\n', "overrides[0].files[1]", "reversed range '9-0'", line=2),
    BadConfig("braces nested too deeply", 'exclude = ["' + "{" * 2_000 + "}" * 2_000 + '"]\n', "exclude[0]", "braces nested more than 10 deep"),
    BadConfig("a brace that closes nothing", 'exclude = ["a}{b"]\n', "exclude[0]", "unbalanced braces in glob 'a}{b' (a '}' closes nothing)"),
]


@pytest.mark.parametrize("bad", PATHOLOGICAL, ids=lambda b: b.name)
def test_a_pathological_configuration_is_an_error_not_a_crash(tmp_path: Path, bad: BadConfig) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(bad.text, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        SettingsResolver().select_files([str(tmp_path)])
    error = caught.value
    assert (error.path, error.key) == (str(path), bad.key)
    assert bad.message in error.message, error.message
    if bad.line is not None:
        assert error.line == bad.line
    assert "\n" not in str(error)


def test_a_deeply_nested_pyproject_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """pyproject.toml is parsed while looking for the configuration, before
    it is read as one."""
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[project]\nname = "copydesk"\n[tool.copydesk]\nexclude = {DEEP_ARRAYS}\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        SettingsResolver().select_files([str(tmp_path)])
    assert (caught.value.path, caught.value.key, caught.value.line) == (str(path), "tool.copydesk.exclude", 4)
    assert "nested too deeply" in caught.value.message


def test_a_long_chain_of_extended_configurations_is_an_error(tmp_path: Path) -> None:
    for i in range(100):
        (tmp_path / f"{i}.toml").write_text(f'extend = "{i + 1}.toml"\n', encoding="utf-8")
    (tmp_path / "100.toml").write_text('min-level = "error"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(tmp_path / "0.toml")
    assert caught.value.key == "extend"
    assert "more than 32 configuration files extend one another" in caught.value.message
    assert read_config(tmp_path / "70.toml").sources[0] == tmp_path / "100.toml"


def test_the_cli_reports_a_pathological_configuration_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text(f"exclude = {DEEP_ARRAYS}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = run_cli(["check", "a.md"], tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"copydesk: error: {tmp_path / 'copydesk.toml'}:1: key 'exclude': invalid TOML: arrays or inline tables nested too deeply")


def test_a_glob_with_many_wildcards_is_matched_in_linear_time(tmp_path: Path) -> None:
    """``*a*a*a*a*b`` made the regular expression backtrack for 8 s on a
    200-letter name; with eight wildcards it would have run for days."""
    (tmp_path / "copydesk.toml").write_text('exclude = ["*a*a*a*a*a*a*a*a*b", "**a**a**a**a**b/**"]\n', encoding="utf-8")
    deep = tmp_path / "/".join(["a" * 200] * 10)
    deep.mkdir(parents=True)
    (deep / ("a" * 200 + ".md")).write_text(ARTICLE, encoding="utf-8")
    (deep / ("a" * 200 + "b")).write_text(ARTICLE, encoding="utf-8")
    started = time.monotonic()
    files, errors = SettingsResolver().select_files([str(tmp_path)])
    assert (files, errors) == ([str(deep / ("a" * 200 + ".md"))], [])
    assert time.monotonic() - started < 5


def test_a_configuration_that_is_no_regular_file_or_too_big_is_an_error(tmp_path: Path) -> None:
    """``--config`` naming a named pipe waited for a writer, and a device
    such as /dev/zero was read until memory ran out."""
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 2_000_000 + '\nmin-level = "error"\n', encoding="utf-8")
    cases = [(fifo, "not a regular file (a named pipe)"), (tmp_path, "not a regular file (a folder)"), (big, "larger than 2,000,000 bytes")]
    if Path("/dev/zero").exists():
        cases.append((Path("/dev/zero"), "not a regular file (a device or socket)"))
    for path, message in cases:
        resolver = SettingsResolver(SettingsOverrides(config=str(path)))
        with pytest.raises(ConfigError) as caught:
            resolver.settings_for(tmp_path / "a.md")
        assert caught.value.path == str(path)
        assert message in caught.value.message, caught.value.message
    big.write_text("# " + "x" * 1_000_000 + '\r\nmin-level = "error"\r\n', encoding="utf-8")
    assert SettingsResolver(SettingsOverrides(config=str(big))).settings_for(tmp_path / "a.md").options.min_level.name == "ERROR"
