"""``--jobs``, the result cache and the progress bar, with real processes,
a real cache folder and a real pseudo-terminal."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lint.alerts import Alert, Level
from lint.cache import ResultCache, alert_from_data, alert_to_data
from lint.checks import limits
from lint.engine import LintOptions
from lint.formatters import render_report
from lint.parallel import lint_all, worker_count
from lint.progress import ProgressBar, wanted
from lint.rule_loading import load_rules
from lint.run import CheckRequest, RulesLinter, run_check

from tests.helpers import DEMO_RULES, REPO, make_archive


def demo_request(folder: Path, **kwargs: object) -> CheckRequest:
    rules = load_rules([DEMO_RULES]).rules
    return CheckRequest((str(folder),), rules, LintOptions(), None, **kwargs)  # type: ignore[arg-type]


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lint", "check", "--rules", str(DEMO_RULES), "--only", "Demo", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        check=False,
    )


# -- --jobs -------------------------------------------------------------------


_met_in_this_process = False


class PidLinter:
    """Reports the process id. Each forked worker first waits at a barrier
    for the others, so all take part however loaded the machine is."""

    def __init__(self, barrier: Any) -> None:
        self.barrier = barrier
        self.parent = os.getpid()

    def lint(self, path: str, text: str) -> list[Alert]:
        global _met_in_this_process
        if not _met_in_this_process and os.getpid() != self.parent:
            self.barrier.wait(60)
            _met_in_this_process = True
        return [Alert("T.Pid", Level.SUGGESTION, f"{os.getpid()}:{path}", 0, 0, 1, 1, 1, 1, "")]


def test_worker_count_keeps_small_runs_in_process() -> None:
    assert worker_count(4, 5) == 1
    assert worker_count(1, 1000) == 1
    assert worker_count(2, 1000) == 2
    assert worker_count(8, 40) == 5  # at least 8 files per worker


def test_workers_share_the_work_and_keep_the_order() -> None:
    items = [(f"f{i:03d}", "text") for i in range(120)]
    done: list[int] = []
    for jobs in (2, 3):
        barrier = multiprocessing.get_context("fork").Barrier(jobs - 1)
        results = lint_all(PidLinter(barrier), items, jobs=jobs, advance=done.append)
        paths = [alerts[0].message.split(":", 1)[1] for alerts in results]
        assert paths == [p for p, _ in items]
        pids = [alerts[0].message.split(":", 1)[0] for alerts in results]
        # The first file warms the rules in this process, which then lints
        # its share beside jobs - 1 forked workers.
        assert pids[0] == str(os.getpid())
        assert str(os.getpid()) in pids[1:] and len(set(pids)) == jobs
    assert sum(done) == 2 * 120


class WatchLinter:
    """Reports whether the rules' searches were watched by the interval
    timer (lint/checks/limits.py) while it linted."""

    def lint(self, path: str, text: str) -> list[Alert]:
        watched = limits._WATCHED.get()
        return [Alert("T.Watch", Level.SUGGESTION, f"{os.getpid()}:{watched}", 0, 0, 1, 1, 1, 1, "")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_file_is_linted_with_its_searches_watched(jobs: int) -> None:
    """Watched once for a run (or a chunk), not file by file; the alarm
    signal is left as it was found."""
    items = [(f"f{i:03d}", "text") for i in range(40)]
    results = lint_all(WatchLinter(), items, jobs=jobs)
    seen = {alerts[0].message for alerts in results}
    assert {message.split(":")[1] for message in seen} == {"True"}
    assert len({message.split(":")[0] for message in seen}) == jobs
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_workers_started_by_spawn_receive_the_rules_pickled(monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows start workers by spawn, which pickles the linter,
    rules and all: lazily compiled patterns (rules read from the rule
    cache) and the automata of the pattern rules must come through."""
    import lint.parallel as parallel
    from lint.checks.base import LazyPattern
    from lint.rule_loading import builtin_rules_dir

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    load_rules([builtin_rules_dir()])  # the files are now known to compile: the next load is lazy
    rules = load_rules([builtin_rules_dir()]).rules
    assert any(isinstance(getattr(rule.check, "pattern", None), LazyPattern) for rule in rules)
    linter = RulesLinter(rules, markup="text")
    pickle.loads(pickle.dumps(linter))  # fails here, not in a worker that could not start
    text = "A Russian delegation of Russian negotiators met in Begorod on February 04.\n\nOriginal url: x\n"
    items = [(f"a{i:02d}.txt", text) for i in range(2 * parallel.MIN_FILES_PER_WORKER)]
    expected = [linter.lint(path, source) for path, source in items]
    assert {a.rule for a in expected[0]} >= {"News.RepeatedModifier", "News.ScrapeResidue", "News.LeadingZeroDay"}
    assert lint_all(linter, items, jobs=2) == expected


class UnpicklableLinter(WatchLinter):
    def __reduce__(self) -> tuple[object, ...]:
        return (_refuse, ())


def _refuse() -> None:
    raise RuntimeError("this linter cannot be rebuilt")


def test_a_linter_workers_cannot_rebuild_fails_the_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.parallel as parallel

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    items = [(f"f{i:03d}", "text") for i in range(40)]
    with pytest.raises(RuntimeError, match="cannot be rebuilt"):
        lint_all(UnpicklableLinter(), items, jobs=2)


def test_output_is_the_same_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 48)
    rules = load_rules([DEMO_RULES]).rules
    outputs = set()
    for jobs in (1, 2, 3):
        report = run_check(demo_request(tmp_path / "news", jobs=jobs))
        assert len(report.files) == 48
        outputs.add(render_report("json", report) + render_report("sarif", report, rules))
    assert len(outputs) == 1


def test_cli_jobs_gives_identical_output(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 40)
    one = cli("--jobs", "1", "--no-cache", "--format", "line", "news", cwd=tmp_path)
    two = cli("--jobs", "2", "--no-cache", "--format", "line", "news", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 100
    assert cli("--jobs", "-1", "news", cwd=tmp_path).returncode == 2


# -- the cache ----------------------------------------------------------------


def test_alerts_round_trip_through_the_cache_format() -> None:
    report = run_check(CheckRequest((str(REPO / "tests" / "data" / "article.md"),), load_rules([DEMO_RULES]).rules))
    alerts = report.files[0].alerts
    assert any(a.fix is not None for a in alerts)
    again = [alert_from_data(json.loads(json.dumps(alert_to_data(a)))) for a in alerts]
    assert tuple(again) == alerts


def test_second_run_over_an_unchanged_archive_lints_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_archive(tmp_path / "news", 30)
    cache = tmp_path / "cache"
    first = run_check(demo_request(tmp_path / "news", cache_dir=str(cache)))
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")

    calls: list[str] = []
    original = RulesLinter.lint

    def counting(self: RulesLinter, path: str, text: str) -> list[Alert]:
        calls.append(path)
        return original(self, path, text)

    monkeypatch.setattr(RulesLinter, "lint", counting)
    second = run_check(demo_request(tmp_path / "news", cache_dir=str(cache)))
    assert calls == []
    assert second == first

    paths[3].write_text("# Changed\n\nThe past history.\n", encoding="utf-8")
    third = run_check(demo_request(tmp_path / "news", cache_dir=str(cache)))
    assert calls == [str(paths[3])]
    assert [a.rule for a in next(f for f in third.files if f.path == str(paths[3])).alerts] == ["Demo.Redundant"]


def test_cache_key_covers_rules_options_and_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "news", 3)
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEMO_RULES, rules_dir)
    cache = str(tmp_path / "cache")

    def run(**kwargs: object) -> tuple[int, str]:
        calls: list[str] = []
        original = RulesLinter.lint

        def counting(self: RulesLinter, path: str, text: str) -> list[Alert]:
            calls.append(path)
            return original(self, path, text)

        with monkeypatch.context() as patch:
            patch.setattr(RulesLinter, "lint", counting)
            options = kwargs.pop("options", LintOptions())
            request = CheckRequest(
                (str(tmp_path / "news"),), load_rules([rules_dir]).rules, options, cache_dir=cache, **kwargs  # type: ignore[arg-type]
            )
            report = run_check(request)
        return len(calls), render_report("line", report)

    assert run()[0] == 3
    assert run()[0] == 0
    assert run(options=LintOptions(min_level=Level.ERROR))[0] == 3
    assert run(markup="text")[0] == 3
    assert run()[0] == 0
    rule = rules_dir / "Demo" / "Redundant.yml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("Use '%s'", "Prefer '%s'"), encoding="utf-8")
    count, output = run()
    assert count == 3 and "Prefer 'History'" in output


def test_damaged_cache_entries_are_misses(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 4)
    cache = tmp_path / "cache"
    first = run_check(demo_request(tmp_path / "news", cache_dir=str(cache)))
    packs = sorted(cache.rglob("pack-*.json"))
    assert len(packs) == 1
    packs[0].write_text("{not json", encoding="utf-8")
    assert run_check(demo_request(tmp_path / "news", cache_dir=str(cache))) == first
    assert run_check(demo_request(tmp_path / "news", cache_dir=str(cache))) == first


def test_unwritable_cache_does_not_fail_the_run(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 2)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    report = run_check(demo_request(tmp_path / "news", cache_dir=str(blocker)))
    assert len(report.files) == 2 and not report.errors


def test_cli_cache_folder_and_no_cache(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 3)
    first = cli("news", cwd=tmp_path)
    assert (tmp_path / ".copydesk_cache" / ".gitignore").is_file()
    second = cli("news", cwd=tmp_path)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 1
    shutil.rmtree(tmp_path / ".copydesk_cache")
    third = cli("--no-cache", "news", cwd=tmp_path)
    assert third.stdout == first.stdout
    assert not (tmp_path / ".copydesk_cache").exists()
    cli("--cache-dir", str(tmp_path / "elsewhere"), "news", cwd=tmp_path)
    assert (tmp_path / "elsewhere" / "CACHEDIR.TAG").is_file()
    assert not (tmp_path / ".copydesk_cache").exists()


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 60)
    command = [sys.executable, "-m", "lint", "check", "--rules", str(DEMO_RULES), "--only", "Demo"]
    command += ["--format", "line", "--jobs", "1", "news"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1]
    assert len({out for out, _ in outputs}) == 1 and all(err == "" for _, err in outputs)
    assert not list((tmp_path / ".copydesk_cache").rglob("*.tmp"))
    warm = cli("--format", "line", "news", cwd=tmp_path)
    assert warm.stdout == outputs[0][0]


def test_prune_removes_settings_unused_for_a_month(tmp_path: Path) -> None:
    from lint.cache import FORMAT

    cache = ResultCache(tmp_path / "cache")
    cache.put("a" * 40, "b" * 40, [])
    cache.put("c" * 40, "d" * 40, [])
    old = time.time() - 40 * 24 * 3600
    os.utime(tmp_path / "cache" / FORMAT / ("a" * 24), (old, old))
    cache.prune()
    assert not (tmp_path / "cache" / FORMAT / ("a" * 24)).exists()
    assert ResultCache(tmp_path / "cache").get("c" * 40, "d" * 40) == []


# -- progress -----------------------------------------------------------------


class FakeTerminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.text = ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        return None


def test_progress_is_wanted_only_for_long_runs_on_a_terminal() -> None:
    terminal = FakeTerminal(True)
    assert wanted(100, terminal, {})  # type: ignore[arg-type]
    assert not wanted(10, terminal, {})  # type: ignore[arg-type]
    assert not wanted(100, terminal, {"CI": "true"})  # type: ignore[arg-type]
    assert not wanted(100, terminal, {"TERM": "dumb"})  # type: ignore[arg-type]
    assert not wanted(100, FakeTerminal(False), {})  # type: ignore[arg-type]


def test_progress_bar_draws_and_erases_itself() -> None:
    terminal = FakeTerminal(True)
    bar = ProgressBar(50, terminal)  # type: ignore[arg-type]
    for _ in range(50):
        bar.advance()
    bar.close()
    assert "copydesk [" in terminal.text and "50/50 files" in terminal.text
    assert terminal.text.endswith("\r\x1b[2K")


def run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout piped and stderr on a real pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    assert process.stdout is not None
    process.stdout.read()
    process.wait(timeout=30)
    os.close(leader)
    return process.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_but_not_in_ci(tmp_path: Path) -> None:
    make_archive(tmp_path / "news", 45)
    args = [sys.executable, "-m", "lint", "check", "--rules", str(DEMO_RULES), "--only", "Demo", "--no-cache", "news"]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PYTHONPATH=str(REPO), TERM="xterm")
    code, terminal = run_in_terminal(args, tmp_path, env)
    assert code == 1 and "copydesk [" in terminal and "45/45 files" in terminal
    code, terminal = run_in_terminal(args, tmp_path, {**env, "CI": "true"})
    assert code == 1 and "copydesk [" not in terminal
    code, terminal = run_in_terminal([*args, "--no-progress"], tmp_path, env)
    assert code == 1 and "copydesk [" not in terminal
    piped = cli("--no-cache", "news", cwd=tmp_path, env={"CI": ""})
    assert "copydesk [" not in piped.stderr


# -- the cache with project configuration -----------------------------------------


def settings_run(project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Lint ``project/news`` with its copydesk.toml; (files linted, output)."""
    from lint.config import SettingsOverrides, SettingsResolver

    calls: list[str] = []
    original = SettingsResolver.lint

    def counting(self: SettingsResolver, path: str, text: str) -> list[Alert]:
        calls.append(path)
        return original(self, path, text)

    resolver = SettingsResolver(SettingsOverrides(only=frozenset({"Demo"})))
    with monkeypatch.context() as patch:
        patch.setattr(SettingsResolver, "lint", counting)
        request = CheckRequest((str(project / "news"),), (), cache_dir=str(cache), settings=resolver)
        report = run_check(request)
    return len(calls), render_report("line", report).replace(str(project), "")


def test_cache_key_covers_the_configuration_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "desk"
    make_archive(project / "news", 3)
    shutil.copytree(DEMO_RULES, project / "styles")
    config = project / "copydesk.toml"
    config.write_text('rule-folders = ["styles"]\nmin-level = "warning"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    assert settings_run(project, cache, monkeypatch)[0] == 3
    linted, output = settings_run(project, cache, monkeypatch)
    assert linted == 0 and "Demo.Redundant" in output and "Demo.Hedge" not in output

    # A fresh checkout of the same project (every file rewritten, new
    # modification times, as in CI with a restored cache): nothing is linted.
    later = time.time() + 100
    for file in project.rglob("*"):
        if file.is_file():
            file.write_bytes(file.read_bytes())
            os.utime(file, (later, later))
    linted, again = settings_run(project, cache, monkeypatch)
    assert linted == 0 and again == output

    # A configuration edit that keeps the size and the modification time still counts.
    stat = config.stat()
    config.write_text('rule-folders = ["styles"]\nmin-level = "error"  \n', encoding="utf-8")
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert config.stat().st_size == stat.st_size
    linted, output = settings_run(project, cache, monkeypatch)
    assert linted == 3 and "Demo.Redundant" not in output and "Demo.Placeholder" in output
