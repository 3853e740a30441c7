"""Bad input files: each is either linted correctly or reported with one
line naming it, the other files are still linted, the exit code says so,
and memory stays bounded.

The table drives three layers: reading (``read_source``), linting with the
default packs in process, and one ``copydesk check`` run over a folder
holding every case at once (the run a newsroom would make).
"""

from __future__ import annotations

import codecs
import os
import socket
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hardening.support import MIB, assert_json_contract, line_col, run_cli
from lint import files
from lint.engine import lint_text
from lint.files import SourceError, collect_paths, read_source, walk_directory
from lint.markup import markup_for_path
from lint.rule_loading import Rule

# Peak memory of one ``copydesk check`` run (default packs, one process) over
# the small files below, and over a folder where a 100 MB file is refused.
SMALL_RUN_MAX_RSS = 300 * MIB
REFUSED_RUN_MAX_RSS = 300 * MIB

PLEONASM = "Redundancy.Pleonasm"


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    # Either an error message fragment (the file is reported) or the
    # (rule, match) pairs the file must produce among its alerts.
    error: str = ""
    alerts: tuple[tuple[str, str], ...] = ()

    @property
    def linted(self) -> bool:
        return not self.error


def utf16(text: str, codec: str) -> bytes:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    return bom + text.encode(codec)


ARTICLE = "Its past history is long.\n"
CASES = [
    Case("invalid-utf8.md", b"Fine first line.\nBroken \xff\xfe here.\n", error="invalid-utf8.md:2: cannot decode as UTF-8 (invalid byte 0xff"),
    Case("windows-1252.md", b"The caf\xe9 opened.\n", error="windows-1252.md:1: cannot decode as UTF-8 (invalid byte 0xe9"),
    Case("utf16-le.md", utf16(ARTICLE, "utf-16-le"), alerts=((PLEONASM, "past history"),)),
    Case("utf16-be.md", utf16(ARTICLE, "utf-16-be"), alerts=((PLEONASM, "past history"),)),
    Case("utf16-no-bom.md", ARTICLE.encode("utf-16-le"), error="utf16-no-bom.md: binary file"),
    Case("utf8-bom.md", codecs.BOM_UTF8 + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("truncated-utf16.md", utf16(ARTICLE, "utf-16-le")[:-1], error="truncated-utf16.md:1: cannot decode as UTF-16"),
    Case("nul-byte.md", b"Its past\x00history.\n", error="nul-byte.md: binary file"),
    Case("late-nul.md", b"word " * 4000 + b"\x00", error="late-nul.md: binary file"),
    Case("empty.md", b""),
    Case("bom-only.md", codecs.BOM_UTF8),
    Case("blank.txt", b" \n\r\n\t\n"),
    Case(
        "mixed-newlines.txt",
        b"One line.\rIts past history.\r\nAnd the the end.\n",
        alerts=((PLEONASM, "past history"), ("News.DoubledWord", "the the")),
    ),
    Case(
        "invisible.md",
        "Past\u200b history. \u202eIts past history\u202c is long. \u2066The the\u2069 end.\ufeff\n".encode(),
        alerts=((PLEONASM, "past history"), ("News.DoubledWord", "The the")),
    ),
    Case("unclosed.html", b"<p>Unclosed <b>past history\n<div><p>more <a href='x", alerts=((PLEONASM, "past history"),)),
    Case("unclosed-script.html", b"<p>Its past history.</p><script>if (a < b) { past history", alerts=((PLEONASM, "past history"),)),
    Case("deep-quotes.md", b"> " * 10_000 + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("deep-lists.md", b"- " * 10_000 + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("deep-ordered.md", b"1. " * 10_000 + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("deep-quote-lines.md", b"".join(b">" * i + b" line\n" for i in range(1, 1500)) + b"\n" + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("deep.html", b"<blockquote>" * 10_000 + b"<p>" + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("brackets.md", b"[" * 20_000 + b"\n\n" + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("angles.html", b"<" * 50_000 + b"<p>" + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
    Case("long-line.md", (b"The council met on Tuesday. " * 20_000) + ARTICLE.encode(), alerts=((PLEONASM, "past history"),)),
]
BY_NAME = {case.name: case for case in CASES}


def write_cases(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.data)


def decoded(case: Case) -> str:
    return files.decode(case.data, case.name).text


# -- reading ---------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_reading_decodes_or_names_the_file(tmp_path: Path, case: Case) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data)
    if case.error:
        with pytest.raises(SourceError) as error:
            read_source(str(path))
        message = str(error.value)
        assert message.startswith(str(tmp_path)), message
        assert case.error in message
        assert "\n" not in message
    else:
        source = read_source(str(path))
        assert source.text == decoded(case)
        assert "\ufeff" not in source.text[:1]


# -- linting in process ----------------------------------------------------
LINTED = [case for case in CASES if case.linted]


@pytest.mark.parametrize("case", LINTED, ids=lambda c: c.name)
def test_linting_keeps_the_offset_contract(default_rules: tuple[Rule, ...], case: Case) -> None:
    text = decoded(case)
    alerts = lint_text(text, markup_for_path(case.name), default_rules)
    for a in alerts:
        assert 0 <= a.offset <= a.end_offset <= len(text)
        assert text[a.offset : a.end_offset] == a.match
        assert (a.line, a.column) == line_col(text, a.offset)
        assert "failed" not in a.message and "timed out" not in a.message, a
    found = {(a.rule, a.match.lower()) for a in alerts}
    for rule, match in case.alerts:
        assert (rule, match.lower()) in found, sorted(found)


def test_mixed_newlines_count_lines_as_editors_do(default_rules: tuple[Rule, ...]) -> None:
    text = decoded(BY_NAME["mixed-newlines.txt"])
    positions = {(a.rule, a.line, a.column) for a in lint_text(text, "text", default_rules)}
    assert (PLEONASM, 2, 5) in positions  # after a lone CR
    assert ("News.DoubledWord", 3, 5) in positions  # after a CRLF


# -- special files -----------------------------------------------------------
def special_files(folder: Path) -> dict[str, str]:
    """Create files that cannot be read as articles; name -> expected error."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.md")
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    (folder / "loop-a.md").symlink_to(folder / "loop-b.md")
    (folder / "loop-b.md").symlink_to(folder / "loop-a.md")
    expected = {
        "pipe.md": "pipe.md: not a regular file (a named pipe), skipped",
        "dangling.md": "dangling.md: cannot read: No such file or directory",
        "loop-a.md": "loop-a.md: cannot read: Too many levels of symbolic links",
        "loop-b.md": "loop-b.md: cannot read: Too many levels of symbolic links",
    }
    if len(str(folder / "sock.md")) < 100:  # AF_UNIX paths are short
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(folder / "sock.md"))
        expected["sock.md"] = "sock.md: not a regular file (a socket), skipped"
    return expected


def test_a_fifo_is_reported_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "story.md"
    os.mkfifo(fifo)
    files_found, errors = collect_paths([str(fifo)])
    assert files_found == []
    assert errors == [f"{fifo}: not a regular file (a named pipe), skipped"]
    with pytest.raises(SourceError, match="not a regular file"):
        read_source(str(fifo))  # opened without blocking, then refused


def test_a_folder_named_like_an_article_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "story.md"
    folder.mkdir()
    (folder / "inside.md").write_text(ARTICLE, encoding="utf-8")
    assert collect_paths([str(folder)]) == ([str(folder / "inside.md")], [])
    with pytest.raises(SourceError, match="is a directory"):
        read_source(str(folder))


def test_a_symlink_loop_of_folders_ends(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news")
    (tmp_path / "news" / "up").symlink_to(tmp_path)
    found, errors = collect_paths([str(tmp_path)])
    assert found == [str(tmp_path / "news" / "a.md")]
    assert errors == []


@dataclass(frozen=True)
class Denied:
    what: str
    patch: Callable[[pytest.MonkeyPatch, Path], None]
    expected: str


def _deny_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    real = os.open

    def fake(name: str, flags: int, *args: int) -> int:
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args)

    monkeypatch.setattr(files.os, "open", fake)


def _deny_read(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    real = os.fstat
    target = os.path.realpath(path)

    def fake(fd: int) -> os.stat_result:
        # Only this file's descriptor fails: the patch is process-wide, and
        # the test runner's own fstat calls must keep working.
        if os.path.realpath(f"/proc/self/fd/{fd}") == target:
            raise OSError(5, "Input/output error")
        return real(fd)

    monkeypatch.setattr(files.os, "fstat", fake)


DENIED = [
    Denied("open", _deny_open, "cannot read: Permission denied"),
    Denied("read", _deny_read, "cannot read: Input/output error"),
]


@pytest.mark.parametrize("denied", DENIED, ids=lambda d: d.what)
def test_an_unreadable_file_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, denied: Denied) -> None:
    """Tests run as root, where chmod 000 does not stop a read: the system
    call fails here instead, as it does for any other user."""
    path = tmp_path / "locked.md"
    path.write_text(ARTICLE, encoding="utf-8")
    denied.patch(monkeypatch, path)
    with pytest.raises(SourceError) as error:
        read_source(str(path))
    assert str(error.value) == f"{path}: {denied.expected}"


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_text(ARTICLE, encoding="utf-8")
    real = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list[str] = []
    assert walk_directory(tmp_path, errors) == [str(tmp_path / "open" / "a.md")]
    assert errors == [f"{tmp_path / 'locked'}: cannot read folder: Permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; the mocked tests above cover it")
def test_chmod_000_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(SourceError, match="cannot read: Permission denied"):
            read_source(str(path))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


# -- size limit --------------------------------------------------------------
LIMITS = [
    ("", 10 * MIB),
    ("0", None),
    ("20M", 20 * MIB),
    ("64 KiB", 64 * 1024),
    ("123", 123),
]


@pytest.mark.parametrize(("setting", "limit"), LIMITS)
def test_size_limit_setting(monkeypatch: pytest.MonkeyPatch, setting: str, limit: int | None) -> None:
    monkeypatch.setenv(files.MAX_FILE_ENV, setting)
    assert files.max_file_bytes() == limit


@pytest.mark.parametrize("setting", ["ten", "-1", "1.5M", "5T"])
def test_a_bad_size_limit_is_named(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv(files.MAX_FILE_ENV, setting)
    with pytest.raises(SourceError, match=f"{files.MAX_FILE_ENV}="):
        files.max_file_bytes()


def test_a_file_over_the_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(files.MAX_FILE_ENV, "1K")
    path = tmp_path / "export.html"
    path.write_bytes(b"<p>word</p>" * 100)
    with pytest.raises(SourceError) as error:
        read_source(str(path))
    assert str(error.value) == (
        f"{path}: file too large (1100 bytes; the limit is 1024 bytes, set COPYDESK_MAX_FILE_SIZE to change it), skipped"
    )
    with pytest.raises(SourceError, match="file too large"):
        files.decode(path.read_bytes(), str(path))  # the path 'copydesk fix' takes
    monkeypatch.setenv(files.MAX_FILE_ENV, "0")
    assert read_source(str(path)).text.startswith("<p>word</p>")


# -- the whole run -------------------------------------------------------------
def test_one_run_over_every_bad_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_cases(folder)
    specials = special_files(folder / "special")
    (folder / "loop").mkdir()
    (folder / "loop" / "back").symlink_to(folder)
    run = run_cli(["check", "--format", "json", "in"], tmp_path, timeout=240)

    assert run.returncode == 1, run.stderr  # files could not be linted
    errors = run.error_lines()
    expected_errors = [f"in/{c.name}" for c in CASES if c.error] + [f"in/special/{n}" for n in specials]
    assert len(errors) == len(expected_errors), errors
    for case in CASES:
        if case.error:
            assert any(line.startswith(f"copydesk: error: in/{case.name}") and case.error in line for line in errors), case
    for name, message in specials.items():
        assert any(line.startswith("copydesk: error: in/special/") and line.endswith(message) for line in errors), name

    report = run.json()
    by_path = {f["path"]: f for f in report["files"]}
    assert sorted(by_path) == sorted(f"in/{c.name}" for c in CASES if c.linted)  # each once, loop or not
    for case in LINTED:
        alerts = by_path[f"in/{case.name}"]["alerts"]
        assert_json_contract(decoded(case), alerts)
        found = {(a["rule"], a["match"].lower()) for a in alerts}
        assert {(r, m.lower()) for r, m in case.alerts} <= found, case.name
    assert run.max_rss < SMALL_RUN_MAX_RSS, f"{run.max_rss_mib:.0f} MiB"


def test_a_huge_file_is_refused_quickly_and_the_rest_is_linted(tmp_path: Path) -> None:
    """100 MB would take minutes and gigabytes to lint; it is refused before
    a byte is read, and the run goes on."""
    chunk = (ARTICLE * 4000).encode()
    with open(tmp_path / "archive.md", "wb") as out:
        while out.tell() < 100 * 1000 * 1000:
            out.write(chunk)
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    run = run_cli(["check", "--format", "json", "--fail-level", "warning", "."], tmp_path)
    assert run.returncode == 1
    assert run.error_lines() == [
        "copydesk: error: ./archive.md: file too large (95.4 MiB; the limit is 10 MiB, "
        "set COPYDESK_MAX_FILE_SIZE to change it), skipped"
    ]
    [story] = run.json()["files"]
    assert story["path"] == "./story.md" and story["alerts"][0]["rule"] == PLEONASM
    assert run.max_rss < REFUSED_RUN_MAX_RSS, f"{run.max_rss_mib:.0f} MiB"


def test_fix_refuses_a_huge_file_and_leaves_it_alone(tmp_path: Path) -> None:
    data = (ARTICLE * 4_100_000).encode()  # 106 MB of fixable text
    path = tmp_path / "archive.md"
    path.write_bytes(data)
    run = run_cli(["fix", "archive.md"], tmp_path)
    assert run.returncode == 1
    assert "archive.md: file too large" in run.stderr
    assert path.read_bytes() == data
    # 'fix' reads the bytes to compare them before writing: one copy of the file.
    assert run.max_rss < REFUSED_RUN_MAX_RSS + len(data), f"{run.max_rss_mib:.0f} MiB"
