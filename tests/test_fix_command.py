"""``copydesk fix`` and ``check --fix``/``--diff``/``--unsafe-fixes``, and ``copydesk init``."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from lint.alerts import Alert, Applicability, Edit, Fix, Level
from lint.cli import main
from lint.commands.fix import fix_file, unified_diff
from lint.commands.init import starter_config
from lint.config import SettingsOverrides, SettingsResolver, read_config
from lint.engine import lint_text
from lint.fixes import apply_fixes_until_stable
from lint.rule_loading import builtin_rules_dir, load_rules
from lint.rule_tests import check_rule_examples
from tests.helpers import make_rule

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_3a7a772bcab281d6.txt"

RULES = {
    "Past.yml": (
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\nignorecase: true\n"
        "swap:\n  past history: history\n  end result: result\nfix: safe\n"
    ),
    "Name.yml": (
        "extends: substitution\nmessage: \"Did you mean '%s'?\"\nlevel: error\n"
        "swap:\n  Begorod: Belgorod\nfix: unsafe\n"
    ),
    "Very.yml": "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: suggestion\nignorecase: true\ntokens: [very]\n",
}
ARTICLE = "Past history matters.\n\nThe end result in Begorod was very bad.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "styles" / "Desk"
    folder.mkdir(parents=True)
    for name, text in RULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text('rule-folders = ["styles"]\npacks = ["Desk"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


# -- the fix function ------------------------------------------------------------------


def test_capitalisation_is_matched(project: Path) -> None:
    settings = SettingsResolver().settings_for(project / "a.md")
    outcome = apply_fixes_until_stable(ARTICLE, settings.lint)
    assert outcome.text == "History matters.\n\nThe result in Begorod was very bad.\n"


def test_second_run_applies_nothing(project: Path) -> None:
    settings = SettingsResolver().settings_for(project / "a.md")
    first = apply_fixes_until_stable(ARTICLE, settings.lint, unsafe=True)
    second = apply_fixes_until_stable(first.text, settings.lint, unsafe=True)
    assert second.text == first.text and second.applied == () and second.converged


def test_overlapping_fixes_converge_over_passes(tmp_path: Path) -> None:
    # "end end result": both "end end" (doubled) and "end result" claim the
    # second "end"; one pass takes one, the next pass the other.
    doubled = make_rule(tmp_path, "extends: substitution\nmessage: x\nswap:\n  end end: end\nfix: safe\n", "Doubled")
    redundant = make_rule(tmp_path, "extends: substitution\nmessage: x\nswap:\n  end result: result\nfix: safe\n", "Result")
    outcome = apply_fixes_until_stable("The end end result.", lambda t: lint_text(t, "text", [doubled, redundant]))
    assert outcome.text == "The result."
    assert len(outcome.applied) == 2 and outcome.skipped == () and outcome.converged


def test_fixes_that_never_settle_are_reported() -> None:
    def flip(text: str) -> list[Alert]:
        fix = Fix("flip", (Edit(0, 1, "b" if text[0] == "a" else "a"),), Applicability.SAFE)
        return [Alert("X.Flip", Level.WARNING, "m", 0, 1, 1, 1, 1, 2, text[0], fix=fix)]

    outcome = apply_fixes_until_stable("a", flip, max_passes=3)
    assert not outcome.converged


# -- one file ---------------------------------------------------------------------------


def test_fix_file_writes_safe_fixes_and_reports_the_rest(project: Path) -> None:
    path = project / "a.md"
    report, record = fix_file(str(path), SettingsResolver().settings_for(path))
    assert path.read_text(encoding="utf-8") == "History matters.\n\nThe result in Begorod was very bad.\n"
    assert (record.applied, record.changed) == (2, True)
    assert [a.rule for a in report.alerts] == ["Desk.Name", "Desk.Very"]
    assert report.source == path.read_text(encoding="utf-8")


def test_unsafe_fixes_only_when_asked(project: Path) -> None:
    path = project / "a.md"
    fix_file(str(path), SettingsResolver().settings_for(path), unsafe=True)
    assert path.read_text(encoding="utf-8") == "History matters.\n\nThe result in Belgorod was very bad.\n"


def test_nothing_to_fix_leaves_the_file_untouched(project: Path) -> None:
    path = project / "clean.md"
    path.write_text("Clean copy, very clean.\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    report, record = fix_file(str(path), SettingsResolver().settings_for(path))
    assert not record.changed
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert [a.rule for a in report.alerts] == ["Desk.Very"]


def test_diff_writes_nothing(project: Path) -> None:
    path = project / "a.md"
    report, record = fix_file(str(path), SettingsResolver().settings_for(path), diff=True)
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert record.changed
    assert record.diff.splitlines()[:4] == [f"--- {path}", f"+++ {path}", "@@ -1,3 +1,3 @@", "-Past history matters."]


def test_crlf_and_bom_survive_a_fix(project: Path) -> None:
    path = project / "b.md"
    path.write_bytes(b"\xef\xbb\xbfPast history matters.\r\n\r\nEnd result.\r\n")
    fix_file(str(path), SettingsResolver().settings_for(path))
    assert path.read_bytes() == b"\xef\xbb\xbfHistory matters.\r\n\r\nResult.\r\n"


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff("a.md", "one\ntwo", "one\n2")
    assert diff.endswith("-two\n\\ No newline at end of file\n+2\n\\ No newline at end of file\n")


# -- the command line ------------------------------------------------------------------------


def test_fix_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "a.md"
    assert main(["fix", "--format", "line", str(path)]) == 1  # an error-level alert remains
    out, err = capsys.readouterr()
    assert path.read_text(encoding="utf-8").startswith("History matters.")
    assert out.splitlines() == [
        f"{path}:3:15:Desk.Name:Did you mean 'Belgorod'?",
        f"{path}:3:27:Desk.Very:Avoid 'very'.",
    ]
    assert "Fixed 2 problems in 1 file. 1 more with --unsafe-fixes." in err
    assert main(["fix", str(path)]) == 1
    assert "No fixes applied." in capsys.readouterr().err


def test_check_fix_with_unsafe_fixes_exits_by_what_remains(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "a.md"
    assert main(["check", "--fix", "--unsafe-fixes", str(path)]) == 0  # only a suggestion remains
    assert path.read_text(encoding="utf-8") == "History matters.\n\nThe result in Belgorod was very bad.\n"
    assert "Fixed 3 problems in 1 file." in capsys.readouterr().err


def test_check_without_fix_writes_nothing(project: Path) -> None:
    assert main(["check", str(project / "a.md")]) == 1
    assert (project / "a.md").read_text(encoding="utf-8") == ARTICLE


def test_diff_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "a.md"
    assert main(["check", "--diff", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "-Past history matters.\n+History matters.\n" in out
    assert "Would fix 2 problems in 1 file." in err
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert main(["fix", "--diff", "--unsafe-fixes", str(path)]) == 1
    assert "+The result in Belgorod was very bad." in capsys.readouterr().out
    clean = project / "clean.md"
    clean.write_text("Clean.\n", encoding="utf-8")
    assert main(["fix", "--diff", str(clean)]) == 0
    assert capsys.readouterr().out == ""


def test_fix_walks_folders_and_skips_excluded_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "copydesk.toml").write_text(
        'rule-folders = ["styles"]\npacks = ["Desk"]\nexclude = ["archive"]\n', encoding="utf-8"
    )
    (project / "archive").mkdir()
    (project / "archive" / "old.md").write_text(ARTICLE, encoding="utf-8")
    main(["fix", str(project)])
    assert (project / "archive" / "old.md").read_text(encoding="utf-8") == ARTICLE
    assert (project / "a.md").read_text(encoding="utf-8") != ARTICLE


def test_fix_reports_a_read_only_file_and_goes_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = project / "locked.md"
    locked.write_text(ARTICLE, encoding="utf-8")
    os.chmod(locked, 0o444)
    try:
        assert main(["fix", str(project / "a.md"), str(locked)]) == 1
    finally:
        os.chmod(locked, 0o644)
    assert f"{locked}: not fixed: the file is read-only" in capsys.readouterr().err
    assert locked.read_text(encoding="utf-8") == ARTICLE
    assert (project / "a.md").read_text(encoding="utf-8") != ARTICLE


def test_fix_honours_suppressions(project: Path) -> None:
    path = project / "a.md"
    path.write_text("<!-- copydesk-disable-next-line Desk.Past -->\nPast history matters.\n", encoding="utf-8")
    main(["fix", str(path)])
    assert "Past history" in path.read_text(encoding="utf-8")


def test_reference_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"reference article not found at {REFERENCE} (the shared folder beside the project)")
    copy = tmp_path / "article.txt"
    shutil.copyfile(REFERENCE, copy)
    os.chmod(copy, 0o644)  # the original is read-only; its copy must be writable
    original = copy.read_text(encoding="utf-8")
    resolver = SettingsResolver(SettingsOverrides(markup="markdown", isolated=True))
    before = resolver.settings_for(copy).lint(original)
    assert main(["fix", "--markup", "md", "--format", "line", str(copy)]) == 1
    fixed = copy.read_text(encoding="utf-8")
    assert "February 4, 2026" in fixed and "February 04" not in fixed
    # Every safe fix was applied: nothing that remains has one.
    after = resolver.settings_for(copy).lint(fixed)
    assert not [a for a in after if a.fix is not None and a.fix.applicability is Applicability.SAFE]
    assert "News.LeadingZeroDay" in {a.rule for a in before if a.fix and a.fix.applicability is Applicability.SAFE}
    # Unsafe ones are left alone.
    assert "A Russian delegation of Russian negotiators" in fixed
    assert "rejected the idea\n\noutright" in fixed
    assert "Begorod" in fixed
    assert {"News.RepeatedModifier", "News.BrokenParagraph"} <= {a.rule for a in after}
    # Nothing else changed: only the lines with safe fixes differ.
    changed = [(a, b) for a, b in zip(original.splitlines(), fixed.splitlines()) if a != b]
    assert ("February 04, 2026", "February 4, 2026") in changed
    assert len(original.splitlines()) == len(fixed.splitlines())
    capsys.readouterr()
    # A second run has nothing to do.
    mtime = copy.stat().st_mtime_ns
    main(["fix", "--markup", "md", str(copy)])
    assert copy.stat().st_mtime_ns == mtime
    assert "No fixes applied." in capsys.readouterr().err
    # With --unsafe-fixes the repeated modifier and the broken paragraph go too.
    main(["fix", "--markup", "md", "--unsafe-fixes", str(copy)])
    unsafe = copy.read_text(encoding="utf-8")
    assert "A Russian delegation of negotiators" in unsafe
    assert "rejected the idea outright despite" in unsafe


# -- rule examples -----------------------------------------------------------------------------


def test_fixed_examples_are_checked(tmp_path: Path) -> None:
    rule = make_rule(
        tmp_path,
        "extends: substitution\nmessage: x\nignorecase: true\nswap:\n  past history: history\nfix: safe\n"
        "examples:\n  bad: ['Past history.']\n  fixed: ['Past.']\n",
    )
    failures = check_rule_examples(rule)
    assert [(f.kind, f.problem) for f in failures] == [("fixed", "fix gives 'History.', expected 'Past.'")]


def test_shipped_fixed_examples_hold() -> None:
    rules = load_rules([builtin_rules_dir()]).rules
    failures = [f for rule in rules for f in check_rule_examples(rule) if f.kind == "fixed"]
    assert failures == []


# -- init --------------------------------------------------------------------------------------------


def test_init_writes_a_valid_commented_starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    path = tmp_path / "copydesk.toml"
    text = path.read_text(encoding="utf-8")
    assert "# min-level" in text and "[[overrides]]" in text and "News" in text
    assert stat.S_IMODE(path.stat().st_mode) & 0o644 == 0o644
    read_config(path)  # valid as written
    assert "Wrote" in capsys.readouterr().out


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "copydesk.toml").write_text("# mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "copydesk.toml").read_text(encoding="utf-8") == "# mine\n"
    assert main(["init", "--force", str(tmp_path)]) == 0
    assert (tmp_path / "copydesk.toml").read_text(encoding="utf-8") != "# mine\n"


def test_init_respects_a_pyproject_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.copydesk]\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "already holds [tool.copydesk]" in capsys.readouterr().err


def test_starter_lists_opt_in_packs() -> None:
    text = starter_config({"News": True, "Opinion": False})
    assert 'packs = ["News"]' in text and 'opt-in: "Opinion"' in text
