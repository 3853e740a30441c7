"""Project configuration: discovery, keys, overrides, validation, caching."""

from __future__ import annotations

import json
import os
import textwrap
import tomllib
from pathlib import Path

import pytest

from lint.alerts import Level
from lint.config import (
    ConfigError,
    Glob,
    SettingsOverrides,
    SettingsResolver,
    find_config_file,
    load_project_settings,
    read_config,
)
from lint.cli import main

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "lint" / "schemas" / "config.schema.json"

RULES = {
    "Desk/Very.yml": "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: suggestion\nignorecase: true\ntokens: [very]\n",
    "Desk/Past.yml": (
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\nignorecase: true\n"
        "swap:\n  past history: history\nfix: safe\n"
    ),
    "Extra/_pack.yml": "default: false\n",
    "Extra/Quite.yml": "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [quite]\n",
}
TEXT = "The past history was very quite long.\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "styles", RULES)
    return tmp_path


def config(root: Path, body: str, name: str = "copydesk.toml") -> Path:
    text = 'rule-folders = ["styles"]\npacks = ["Desk"]\n' + textwrap.dedent(body)
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


def rules_found(root: Path, relative: str, text: str = TEXT, **overrides: object) -> list[tuple[str, str]]:
    settings = SettingsResolver(SettingsOverrides(**overrides)).settings_for(root / relative)  # type: ignore[arg-type]
    return [(a.rule, a.severity) for a in settings.lint(text)]


# -- discovery -------------------------------------------------------------------


def test_no_configuration_means_defaults(tmp_path: Path) -> None:
    settings = SettingsResolver().settings_for(tmp_path / "a.md")
    assert settings.config_path is None
    assert settings.markup == "markdown"
    assert settings.fail_level is Level.ERROR
    assert {r.pack for r in settings.rules} >= {"News"}


def test_found_by_walking_up(project: Path) -> None:
    path = config(project, "")
    (project / "news" / "world").mkdir(parents=True)
    assert find_config_file(project / "news" / "world") == path
    settings = SettingsResolver().settings_for(project / "news" / "world" / "a.md")
    assert settings.config_path == str(path)
    assert {r.pack for r in settings.rules} == {"Desk"}


def test_closest_configuration_wins(project: Path) -> None:
    config(project, 'min-level = "warning"\n')
    (project / "opinion").mkdir()
    (project / "opinion" / "copydesk.toml").write_text('packs = ["News"]\n', encoding="utf-8")
    assert rules_found(project, "a.md") == [("Desk.Past", "warning")]
    settings = SettingsResolver().settings_for(project / "opinion" / "b.md")
    assert {r.pack for r in settings.rules} == {"News"}
    assert settings.options.min_level is Level.SUGGESTION


def test_dot_file_wins_over_plain_name_in_one_folder(project: Path) -> None:
    config(project, "", name="copydesk.toml")
    hidden = config(project, "", name=".copydesk.toml")
    assert find_config_file(project) == hidden


def test_pyproject_table(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.copydesk]\nrule-folders = ["styles"]\npacks = ["Desk"]\nmin-level = "warning"\n',
        encoding="utf-8",
    )
    assert rules_found(project, "a.md") == [("Desk.Past", "warning")]


def test_pyproject_without_table_is_skipped(project: Path) -> None:
    outer = config(project, "")
    (project / "sub").mkdir()
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(project / "sub") == outer


def test_explicit_config_overrides_discovery(project: Path) -> None:
    config(project, 'min-level = "error"\n')
    other = project / "elsewhere" / "other.toml"
    other.parent.mkdir()
    other.write_text('rule-folders = ["../styles"]\npacks = ["Desk"]\n', encoding="utf-8")
    found = rules_found(project, "a.md", config=str(other))
    assert found == [("Desk.Past", "warning"), ("Desk.Very", "suggestion")]


def test_isolated_ignores_configuration(project: Path) -> None:
    config(project, 'packs = ["Desk"]\nmin-level = "error"\n')
    settings = SettingsResolver(SettingsOverrides(isolated=True)).settings_for(project / "a.md")
    assert settings.config_path is None


# -- settings ----------------------------------------------------------------------


def test_extend_packs_adds_an_opt_in_pack(project: Path) -> None:
    config(project, 'extend-packs = ["Extra"]\n')
    assert rules_found(project, "a.md") == [("Desk.Past", "warning"), ("Desk.Very", "suggestion"), ("Extra.Quite", "error")]


def test_rule_levels_and_off(project: Path) -> None:
    config(project, '[rules]\n"Desk.Past" = "error"\n"Desk.Very" = "off"\n')
    assert rules_found(project, "a.md") == [("Desk.Past", "error")]


def test_pack_level_and_rule_level_is_more_specific(project: Path) -> None:
    config(project, '[rules]\nDesk = "error"\n"Desk.Very" = "suggestion"\n')
    assert rules_found(project, "a.md") == [("Desk.Past", "error"), ("Desk.Very", "suggestion")]


def test_min_and_fail_level(project: Path) -> None:
    config(project, 'min-level = "warning"\nfail-level = "warning"\n')
    settings = SettingsResolver().settings_for(project / "a.md")
    assert settings.options.min_level is Level.WARNING
    assert settings.fail_level is Level.WARNING
    assert settings.fails(settings.lint(TEXT))


def test_command_line_wins_over_configuration(project: Path) -> None:
    config(project, 'min-level = "error"\nfail-level = "suggestion"\n[markup]\n"*.txt" = "html"\n')
    over = SettingsOverrides(min_level=Level.SUGGESTION, fail_level=Level.ERROR, markup="text")
    settings = SettingsResolver(over).settings_for(project / "a.txt")
    assert (settings.options.min_level, settings.fail_level, settings.markup) == (Level.SUGGESTION, Level.ERROR, "text")


def test_markup_per_glob(project: Path) -> None:
    config(project, '[markup]\n"*.txt" = "markdown"\n"raw/**" = "text"\n')
    resolver = SettingsResolver()
    assert resolver.settings_for(project / "a.txt").markup == "markdown"
    assert resolver.settings_for(project / "deep" / "b.txt").markup == "markdown"
    assert resolver.settings_for(project / "raw" / "c.md").markup == "text"
    assert resolver.settings_for(project / "d.html").markup == "html"


def test_overrides_per_glob(project: Path) -> None:
    config(
        project,
        """
        [[overrides]]
        files = ["opinion/**"]
        extend-packs = ["Extra"]
        rules = { "Desk.Past" = "off" }

        [[overrides]]
        files = ["news/**"]
        min-level = "warning"
        fail-level = "warning"
        """,
    )
    assert rules_found(project, "opinion/a.md") == [("Desk.Very", "suggestion"), ("Extra.Quite", "error")]
    assert rules_found(project, "news/a.md") == [("Desk.Past", "warning")]
    assert rules_found(project, "features/a.md") == [("Desk.Past", "warning"), ("Desk.Very", "suggestion")]


def test_later_override_wins_and_packs_replace(project: Path) -> None:
    config(
        project,
        """
        [[overrides]]
        files = ["*.md"]
        packs = ["Extra"]
        [[overrides]]
        files = ["x/*.md"]
        packs = ["Desk"]
        """,
    )
    assert rules_found(project, "a.md") == [("Extra.Quite", "error")]
    assert rules_found(project, "x/a.md") == [("Desk.Past", "warning"), ("Desk.Very", "suggestion")]


def test_extend_builds_on_another_file(project: Path) -> None:
    config(project, 'min-level = "warning"\n[rules]\n"Desk.Past" = "error"\n')
    (project / "opinion").mkdir()
    (project / "opinion" / "copydesk.toml").write_text('extend = "../copydesk.toml"\nextend-packs = ["Extra"]\n', encoding="utf-8")
    assert rules_found(project, "opinion/a.md") == [("Desk.Past", "error"), ("Extra.Quite", "error")]


def test_vocabularies(project: Path) -> None:
    vocab = project / "vocab" / "Newsroom"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("Begorodsky\n", encoding="utf-8")
    config(project, 'vocabularies = ["vocab/Newsroom"]\n')
    settings = SettingsResolver().settings_for(project / "a.md")
    assert settings.vocabulary.accepts("Begorodsky")
    assert str(vocab / "accept.txt") in settings.watched


def test_exclude_and_select_files(project: Path) -> None:
    config(project, 'exclude = ["archive", "*.draft.md"]\n')
    write(project, {"news/a.md": "x", "archive/2004/b.md": "x", "news/c.draft.md": "x"})
    resolver = SettingsResolver()
    files, errors = resolver.select_files([str(project)])
    assert [Path(f).relative_to(project).as_posix() for f in files] == ["news/a.md"]
    assert errors == []
    explicit = str(project / "archive" / "2004" / "b.md")
    assert resolver.select_files([explicit])[0] == [explicit]


def test_force_exclude_applies_to_named_files(project: Path) -> None:
    config(project, 'exclude = ["archive/**"]\nforce-exclude = true\n')
    write(project, {"archive/b.md": "x"})
    assert SettingsResolver().select_files([str(project / "archive" / "b.md")])[0] == []


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.txt", "a.txt", True),
        ("*.txt", "x/y/a.txt", True),
        ("*.txt", "a.md", False),
        ("news/**", "news/a.md", True),
        ("news/**", "news/x/a.md", True),
        ("news/**", "opinion/news/a.md", False),
        ("news", "news/x/a.md", True),
        ("news/", "news/a.md", True),
        ("news/*.md", "news/x/a.md", False),
        ("**/drafts/*.md", "a/b/drafts/c.md", True),
        ("**/drafts/*.md", "drafts/c.md", True),
        ("{news,opinion}/*.md", "opinion/a.md", True),
        ("[ab].md", "b.md", True),
        ("[!ab].md", "b.md", False),
        ("?.md", "ab.md", False),
        # Classes are read literally: no nested sets or set operations.
        ("[a&&b].md", "&.md", True),
        ("[[:alpha:]].md", ":].md", True),
        ("[[]draft].md", "[draft].md", True),
        ("[a-c-].md", "-.md", True),
        ("[^a-c].md", "b.md", False),
        ("story [draft].md", "story d.md", True),
        ("story [draft.md", "story [draft.md", True),
        # A class, like ?, never matches a slash.
        ("a[!x]b/c.md", "a/b/c.md", False),
        ("a[/]b", "a/b", False),
        ("a?b", "a/b", False),
        ("{news,opinion/2024}/*.md", "opinion/2024/a.md", True),
        ("{news,{opin,edit}ion}/*.md", "editorial/a.md", False),
        # More than two wildcards: matched without backtracking, same answers.
        ("**/archive/**/*.md", "x/archive/2020/05/a.md", True),
        ("**/archive/**/*.md", "archive/a.md", True),
        ("**/archive/**/*.md", "x/archives/a.md", False),
        ("**/archive/**/*.md", "archive/a.txt", False),
        ("*a*b*c*", "xaybzc.md", True),
        ("*a*b*c*", "xcybza.md", False),
        ("*a*b*c*", "xay/bzc.md", False),
        ("**/*a*b*", "x/y/ab", True),
        ("{a*,b*}{*c,*d}", "bxd", True),
        ("{a*,b*}{*c,*d}", "cxd", False),
    ],
)
def test_globs(tmp_path: Path, pattern: str, path: str, expected: bool) -> None:
    assert Glob(pattern, tmp_path).matches(tmp_path / path) is expected


# -- validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key", "fragment", "line"),
    [
        ('min_level = "warning"\n', "min_level", "did you mean 'min-level'", 3),
        ('min-level = "fatal"\n', "min-level", "expected one of: suggestion, warning, error", 3),
        ("fail-level = 3\n", "fail-level", "must be a non-empty string, not a number", 3),
        ('exclude = "archive"\n', "exclude", "must be a list of strings", 3),
        ('force-exclude = "yes"\n', "force-exclude", "must be true or false", 3),
        ('[markup]\n"*.txt" = "word"\n', "markup.*.txt", "unknown markup 'word'", None),
        ('[rules]\n"Desk.Very" = "loud"\n', "rules.Desk.Very", "must be 'off' or a level", 4),
        ('[rules]\n"Desk.Nope" = "off"\n', "rules.Desk.Nope", "no rule or pack named 'Desk.Nope'", 4),
        ('extend-packs = ["Nope"]\n', "extend-packs[0]", "no pack named 'Nope'; available packs: Desk, Extra", 3),
        ('vocabularies = ["missing"]\n', "vocabularies[0]", "vocabulary 'missing' not found", 3),
        ("[[overrides]]\nmin-level = \"warning\"\n", "overrides[0]", "needs 'files'", 3),
        ('[[overrides]]\nfiles = ["a"]\nexclude = ["b"]\n', "overrides[0].exclude", "unknown key", 5),
        ('[[overrides]]\nfiles = ["a"]\n[[overrides]]\nfiles = ["b"]\nmin-level = "x"\n', "overrides[1].min-level", "unknown level", 7),
        ('extend = "nope.toml"\n', "extend", "does not exist", 3),
    ],
)
def test_errors_name_file_key_and_what_is_allowed(
    project: Path, body: str, key: str, fragment: str, line: int | None
) -> None:
    path = config(project, body)
    with pytest.raises(ConfigError) as caught:
        SettingsResolver().settings_for(project / "a.md")
    error = caught.value
    assert error.path == str(path)
    assert error.key == key
    assert fragment in error.message
    if line is not None:
        assert error.line == line
        assert str(error).startswith(f"{path}:{line}: key '{key}': ")


def test_missing_rule_folder(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('rule-folders = ["nope"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"copydesk.toml:1: key 'rule-folders\[0\]': folder 'nope' does not exist"):
        read_config(tmp_path / "copydesk.toml")


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("min-level = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"copydesk.toml: invalid TOML: .*line 1"):
        read_config(tmp_path / "copydesk.toml")


def test_pyproject_errors_name_the_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk]\nmin-level = "loud"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        SettingsResolver().settings_for(tmp_path / "a.md")
    assert caught.value.key == "tool.copydesk.min-level"
    assert caught.value.line == 2


def test_extend_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extend = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extend = "a.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="cycle"):
        read_config(tmp_path / "a.toml")


# -- caching -----------------------------------------------------------------------


def test_changed_configuration_is_reread(project: Path) -> None:
    path = config(project, 'min-level = "error"\n')
    resolver = SettingsResolver()
    assert resolver.settings_for(project / "a.md").options.min_level is Level.ERROR
    path.write_text(path.read_text(encoding="utf-8").replace('"error"', '"warning"'), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock
    assert resolver.settings_for(project / "a.md").options.min_level is Level.WARNING


def test_new_configuration_file_needs_invalidate(project: Path) -> None:
    resolver = SettingsResolver()
    assert resolver.settings_for(project / "a.md").config_path is None
    path = config(project, "")
    assert resolver.settings_for(project / "a.md").config_path is None
    resolver.invalidate()
    assert resolver.settings_for(project / "a.md").config_path == str(path)


def test_rules_are_shared_between_files(project: Path) -> None:
    config(project, "")
    resolver = SettingsResolver()
    assert resolver.settings_for(project / "a.md").rules is resolver.settings_for(project / "b" / "c.md").rules


def test_load_project_settings_and_fingerprint(project: Path) -> None:
    config(project, "")
    settings = load_project_settings(project / "a.md")
    assert settings.config_path == str(project / "copydesk.toml")
    resolver = SettingsResolver()
    before = resolver.fingerprint(str(project / "a.md"))
    assert before == resolver.fingerprint(str(project / "b.md"))
    (project / "copydesk.toml").write_text('rule-folders = ["styles"]\npacks = ["Desk"]\nmin-level = "error"\n', encoding="utf-8")
    os.utime(project / "copydesk.toml", ns=(2, 2))
    assert resolver.fingerprint(str(project / "a.md")) != before


def test_resolver_pickles_without_its_caches(project: Path) -> None:
    import pickle

    config(project, "")
    resolver = SettingsResolver(SettingsOverrides(min_level=Level.WARNING))
    resolver.settings_for(project / "a.md")
    copy = pickle.loads(pickle.dumps(resolver))
    assert copy.overrides == resolver.overrides
    assert [a.rule for a in copy.lint(str(project / "a.md"), TEXT)] == ["Desk.Past"]


# -- the JSON Schema agrees with the validator ---------------------------------------------


GOOD = [
    'packs = ["News"]\nextend-packs = ["Redundancy"]\nmin-level = "warning"\nfail-level = "error"\n',
    'exclude = ["archive/**"]\nforce-exclude = true\n[rules]\n"News.DoubledWord" = "off"\nNews = "suggestion"\n',
    '[markup]\n"*.txt" = "md"\n[[overrides]]\nfiles = ["opinion/**"]\nmarkup = "html"\nrules = { News = "off" }\n',
]
BAD = [
    'min_level = "warning"\n',
    'min-level = "fatal"\n',
    'exclude = "archive"\n',
    '[rules]\nX = "loud"\n',
    "[[overrides]]\nmin-level = \"warning\"\n",
    '[[overrides]]\nfiles = ["a"]\nexclude = []\n',
    '[markup]\n"*.txt" = "word"\n',
]


@pytest.mark.parametrize("text", GOOD)
def test_schema_accepts_valid_configuration(text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(tomllib.loads(text), json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("text", BAD)
def test_schema_rejects_what_the_validator_rejects(tmp_path: Path, text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomllib.loads(text), json.loads(SCHEMA.read_text(encoding="utf-8")))
    (tmp_path / "copydesk.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        SettingsResolver().settings_for(tmp_path / "a.md")


def test_schema_is_a_valid_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    from lint.config import TOP_KEYS

    assert set(schema["properties"]) == set(TOP_KEYS)


# -- through the command line --------------------------------------------------------------


def test_check_uses_the_configuration(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config(project, 'fail-level = "warning"\n[markup]\n"*.txt" = "markdown"\n')
    article = project / "a.txt"
    article.write_text("The [past history](#) was long.\n", encoding="utf-8")
    assert main(["check", "--format", "json", str(article)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["files"][0]["markup"] == "markdown"
    assert [a["rule"] for a in data["files"][0]["alerts"]] == ["Desk.Past"]
    assert main(["check", "--fail-level", "error", str(article)]) == 0


def test_check_reports_configuration_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(project, 'min-level = "fatal"\n')
    (project / "a.md").write_text("Text.\n", encoding="utf-8")
    assert main(["check", str(project / "a.md")]) == 2
    assert f"{path}:3: key 'min-level': unknown level 'fatal'" in capsys.readouterr().err


def test_check_with_explicit_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = project / "strict.toml"
    other.write_text('rule-folders = ["styles"]\npacks = ["Desk"]\nfail-level = "suggestion"\n', encoding="utf-8")
    (project / "a.md").write_text("It was very long.\n", encoding="utf-8")
    assert main(["check", "--config", str(other), str(project / "a.md")]) == 1
    assert main(["check", "--config", str(project / "nope.toml"), str(project / "a.md")]) == 2
    assert "nope.toml: configuration file not found" in capsys.readouterr().err


# -- grammar settings ([languagetool], dialect) --------------------------------


def test_languagetool_and_dialect_reach_the_lint(tmp_path: Path) -> None:
    from lint.config import SettingsResolver
    from lint.grammar import settings as grammar_settings

    (tmp_path / "copydesk.toml").write_text(
        'dialect = "en-GB"\n[languagetool]\nurl = "http://127.0.0.1:9/"\ntimeout = 5\n', encoding="utf-8"
    )
    settings = SettingsResolver().settings_for(tmp_path / "a.md")
    assert settings.grammar is not None
    assert settings.grammar.dialect == "en-GB"
    assert settings.grammar.languagetool.url == "http://127.0.0.1:9/"
    assert settings.grammar.languagetool.timeout == 5.0
    with grammar_settings.use_grammar_settings(settings.grammar):  # as FileSettings.lint does
        assert grammar_settings.current().dialect == "en-GB"
        assert grammar_settings.current().languagetool.url == "http://127.0.0.1:9/"
    assert grammar_settings.current().languagetool.url != "http://127.0.0.1:9/"  # only during the lint


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[languagetool]\nurl = "ftp://x"\n', "languagetool.url"),
        ("[languagetool]\ntimeout = -1\n", "languagetool.timeout"),
        ('[languagetool]\nport = 8081\n', "languagetool.port"),
        ("dialect = 3\n", "dialect"),
    ],
)
def test_bad_grammar_settings_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    from lint.config import ConfigError, read_config

    path = tmp_path / "copydesk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        read_config(path)
    assert key in str(error.value)
