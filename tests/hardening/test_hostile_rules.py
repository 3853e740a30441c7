"""Rule packs written by editors, not programmers, and some written to hurt:
each is a clear error naming the file, the line and the key, or a rule
error alert after a bounded time; never a hang, a crash or code execution."""

from __future__ import annotations

import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from hardening.support import MIB, run_cli
from helpers import LIMIT_WAYS, call_in
from lint.checks import limits
from lint.engine import lint_text
from lint.rule_loading import MAX_NESTING, RuleFileError, load_rule_file

HEADER = "extends: existence\nmessage: \"Avoid '%s'.\"\n"


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        previous, current = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return HEADER + "tokens: [lol]\n" + "\n".join(lines) + "\n"


@dataclass(frozen=True)
class BadFile:
    name: str
    text: str | bytes
    message: str  # a fragment of the error
    line: int | None = None
    key: str | None = None


MARKER = "/tmp/copydesk-hardening-pwned"

BAD_FILES = [
    BadFile("Malformed", HEADER + "tokens: [a, b\nlevel: warning\n", "invalid YAML", line=4),
    BadFile("BadIndent", HEADER + "tokens:\n  - a\n - b\n", "invalid YAML", line=5),
    BadFile("Tabs", HEADER + "tokens:\n\t- a\n", "invalid YAML", line=4),
    BadFile("BillionLaughs", billion_laughs(), "document expands to too many nodes (alias bomb?)", line=1),
    BadFile("DeepLists", HEADER + "tokens: " + "[" * 100_000 + "]" * 100_000 + "\n", f"nested more than {MAX_NESTING} levels", line=3),
    BadFile("DeepMaps", HEADER + "tokens: " + "{a: " * 5_000 + "b" + "}" * 5_000 + "\n", f"nested more than {MAX_NESTING} levels", line=3),
    BadFile(
        "PythonApply",
        f"extends: existence\nmessage: !!python/object/apply:os.system ['touch {MARKER}']\ntokens: [x]\n",
        "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        line=2,
    ),
    BadFile(
        "PythonName",
        HEADER + "tokens: !!python/name:os.system\n",
        "could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'",
        line=3,
    ),
    BadFile(
        "PythonNew",
        HEADER + f"tokens: !!python/object/new:subprocess.Popen [['touch', '{MARKER}']]\n",
        "could not determine a constructor",
        line=3,
    ),
    BadFile("LocalTag", HEADER + "tokens: !shell [rm -rf]\n", "could not determine a constructor for the tag '!shell'", line=3),
    BadFile("NotAMapping", "- extends\n- existence\n", "a rule file must be a YAML mapping", line=1),
    BadFile("Binary", b"extends: existence\n\xff\xfe\x00\x01", "not valid UTF-8"),
    BadFile("Oversized", HEADER + "tokens:\n" + "  - filler\n" * 200_000, "file is too large"),
    BadFile("BadRegex", HEADER + "tokens: ['(unclosed']\n", "invalid regex in 'tokens'", line=3, key="tokens"),
    BadFile(
        "RepeatBomb",
        HEADER + "tokens: ['(?:(?:a{1000}){1000}){1000}']\n",
        "counted repeats such as {1000} multiply to 1,000,000,000 copies",
        line=3,
        key="tokens",
    ),
    BadFile(
        "ExceptionRepeatBomb",
        HEADER + "tokens: [a]\nexceptions: ['(?:b{1000}){1000}']\n",
        "multiply to 1,000,000 copies",
        line=4,
        key="exceptions",
    ),
    BadFile("HugeCount", HEADER + "tokens: ['a{4294967296}']\n", "invalid regex in 'tokens'", line=3, key="tokens"),
    BadFile("DuplicateKey", HEADER + "tokens: [a]\ntokens: [b]\n", "duplicate key 'tokens'", line=4, key="tokens"),
    BadFile("WrongType", HEADER + "tokens: {a: b}\n", "'tokens' must be a list of strings", line=3, key="tokens"),
    BadFile("Unquoted", HEADER + "tokens: [yes]\n", "quote it", line=3, key="tokens"),
]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / "Hostile" / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda b: b.name)
def test_a_bad_rule_file_is_one_clear_error(tmp_path: Path, bad: BadFile) -> None:
    path = write(tmp_path, bad.name, bad.text)
    started = time.monotonic()
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path, "Hostile")
    assert time.monotonic() - started < 10
    error = caught.value
    assert error.path == str(path)
    assert bad.message in error.message, error.message
    assert error.line == bad.line
    assert error.key == bad.key
    assert "\n" not in str(error)
    assert not Path(MARKER).exists()


def test_the_cli_reports_a_bad_pack_and_stops_before_linting(tmp_path: Path) -> None:
    rules = tmp_path / "styles"
    write(rules, "PythonApply", BAD_FILES[6].text)
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    run = run_cli(["check", "--rules", "styles", "a.md"], tmp_path)
    assert run.returncode == 2
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("copydesk: error: ")
    assert "styles/Hostile/PythonApply.yml:2: invalid YAML: could not determine a constructor" in line
    assert not Path(MARKER).exists()


def test_a_huge_token_list_loads_and_lints_in_bounded_time(tmp_path: Path) -> None:
    """100,000 tokens: the loader checks only tokens with regex syntax one by
    one, then compiles one alternation (linear, about 10 s here)."""
    tokens = "".join(f"  - word{i}\n" for i in range(100_000))
    path = write(tmp_path, "Huge", HEADER + "tokens:\n" + tokens)
    started = time.monotonic()
    rule, _ = load_rule_file(path, "Hostile")
    loaded = time.monotonic() - started
    text = "The council met. " * 50_000 + "Then word99999 appeared.\n"
    alerts = lint_text(text, "markdown", [rule])
    assert [a.match for a in alerts] == ["word99999"]
    assert loaded < 90, f"loading took {loaded:.0f} s"
    assert time.monotonic() - started - loaded < 30


# -- rules that load but misbehave on text -------------------------------------
@dataclass(frozen=True)
class Misbehaving:
    name: str
    rule: str
    text: str
    markup: str = "markdown"


TIMED_OUT = "a regular expression took too long (timed out)"

SLOW_RULES = [
    Misbehaving("backtracking token", "nonword: true\ntokens: ['(a|aa)+$']\n", "a" * 40 + "!\n"),
    Misbehaving("backtracking raw", "nonword: true\nraw: ['(\\w+\\s?)+$']\n", "word " * 3_000 + "!\n"),
    Misbehaving("backtracking exception", "tokens: ['a+']\nexceptions: ['(a|a)+b']\n", "a" * 40 + "\n"),
    Misbehaving("slow on every paragraph", "nonword: true\ntokens: ['(a+)+$']\n", ("a" * 400 + "!\n\n") * 60),
]


@pytest.mark.parametrize("way", LIMIT_WAYS)
@pytest.mark.parametrize("case", SLOW_RULES, ids=lambda c: c.name)
def test_a_pathological_regex_is_one_error_alert_in_bounded_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Misbehaving, way: str
) -> None:
    """Each search is limited to REGEX_TIMEOUT and all the searches of one
    rule on one document to RULE_TIME_BUDGET (shortened here); the regex
    module checks its clock coarsely, so allow it twice the time."""
    monkeypatch.setattr(limits, "RULE_TIME_BUDGET", 4.0)
    path = write(tmp_path, "Slow", HEADER + case.rule)
    rule, _ = load_rule_file(path, "Hostile")
    started = time.monotonic()
    alerts = call_in(way, lint_text, case.text, case.markup, [rule])
    elapsed = time.monotonic() - started
    assert [(a.rule, a.message, a.level.label, a.offset) for a in alerts] == [("Hostile.Slow", TIMED_OUT, "error", 0)]
    assert elapsed < 2 * (limits.RULE_TIME_BUDGET + limits.REGEX_TIMEOUT) + 2, f"{elapsed:.1f} s"


EMPTY_MATCHES = ["a*", "", "(?=x)", "\\b", "x?", "(?:)"]


@pytest.mark.parametrize("token", EMPTY_MATCHES)
def test_a_regex_that_matches_the_empty_string_reports_nothing_empty(tmp_path: Path, token: str) -> None:
    path = write(tmp_path, "Empty", HEADER + f"nonword: true\ntokens: ['{token}']\n")
    rule, _ = load_rule_file(path, "Hostile")
    text = "The council met on Tuesday. " * 40_000  # 1.1 MB, an empty match at every position
    started = time.monotonic()
    alerts = lint_text(text, "markdown", [rule])
    assert all(a.end_offset > a.offset for a in alerts)
    assert all(text[a.offset : a.end_offset] == a.match for a in alerts)
    assert time.monotonic() - started < 30


MESSAGES = [
    ("%d %s %(x)s %", "%d cat %(x)s %"),
    ("%s %s %s", "cat  "),
    ("100%", "100%"),
    ("%", "%"),
    ("%%s is %s", "%s is cat"),
    ("{0} {x} %s", "{0} {x} cat"),
    ("%.3f%-5s%c", "%.3f%-5s%c"),
]


@pytest.mark.parametrize(("template", "shown"), MESSAGES)
def test_bad_percent_formatting_never_raises(tmp_path: Path, template: str, shown: str) -> None:
    quoted = template.replace("'", "''")
    path = write(tmp_path, "Format", f"extends: existence\nmessage: '{quoted}'\ntokens: [cat]\n")
    rule, _ = load_rule_file(path, "Hostile")
    [alert] = lint_text("The cat sat.\n", "markdown", [rule])
    assert alert.message == shown


def test_one_bad_rule_does_not_stop_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "RULE_TIME_BUDGET", 2.0)
    slow = load_rule_file(write(tmp_path, "Slow", HEADER + "nonword: true\ntokens: ['(a|aa)+$']\n"), "Hostile")[0]
    good = load_rule_file(write(tmp_path, "Good", HEADER + "tokens: [cat]\n"), "Hostile")[0]
    text = textwrap.dedent(
        """\
        The cat sat.

        """
    ) + "a" * 40 + "!\n"
    alerts = lint_text(text, "markdown", [slow, good])
    assert sorted((a.rule, a.message) for a in alerts) == [
        ("Hostile.Good", "Avoid 'cat'."),
        ("Hostile.Slow", TIMED_OUT),
    ]


def test_loading_a_repeat_bomb_needs_no_memory(tmp_path: Path) -> None:
    """Refused before compiling: compiling it would need tens of gigabytes."""
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    write(tmp_path / "styles", "Bomb", HEADER + "tokens: ['(?:(?:a{1000}){1000}){1000}']\n")
    run = run_cli(["check", "--rules", "styles", "a.md"], tmp_path)
    assert run.returncode == 2
    assert "styles/Hostile/Bomb.yml:3: key 'tokens': invalid regex in 'tokens': counted repeats" in run.stderr, run.stderr
    assert run.max_rss < 400 * MIB
