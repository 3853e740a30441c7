"""``copydesk fix`` never damages an article: a ``kill -9`` at any moment
leaves the old file or the new one (never a truncated or mixed one), a file
an editor saved meanwhile is not overwritten, read-only files are left
alone and symbolic links stay links.

Faults are injected into a real ``copydesk fix`` process by a
``sitecustomize`` module on its PYTHONPATH (copydesk itself has no test
hooks): it kills the process with SIGKILL half-way through writing the
temporary file, just before the rename or just after it, or saves the
article as an editor would while the fixes are being computed.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from hardening.support import REPO, run_cli
from lint.alerts import Applicability, Edit, Fix
from lint.fixes import apply_fixes

SITECUSTOMIZE = '''
import os, signal, sys

FAULT = os.environ.get("COPYDESK_TEST_FAULT", "")


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def temporary(path):
    return str(path).endswith(".copydesk-tmp")


if FAULT and sys.argv[:1] == ["-m"]:  # copydesk itself, not the launcher
    import lint.commands.fix

    if FAULT == "mid-write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                os.fsync(self.handle.fileno())
                die()

            def __getattr__(self, name):
                return getattr(self.handle, name)

        def fdopen(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)
            return HalfWriter(handle) if temporary(os.readlink(f"/proc/self/fd/{fd}")) else handle

        os.fdopen = fdopen
    elif FAULT in ("before-rename", "after-rename"):
        real_replace = os.replace

        def replace(src, dst, *args, **kwargs):
            if temporary(src) and FAULT == "before-rename":
                die()
            real_replace(src, dst, *args, **kwargs)
            if temporary(src):
                die()

        os.replace = replace
    elif FAULT in ("editor-writes", "editor-renames", "editor-deletes"):
        real_fixes = lint.commands.fix.apply_fixes_until_stable
        target = os.environ["COPYDESK_TEST_ARTICLE"]

        def fixes_while_an_editor_saves(*args, **kwargs):
            outcome = real_fixes(*args, **kwargs)
            if FAULT == "editor-writes":
                with open(target, "r+b") as handle:  # same inode, same size
                    handle.write(b"EDITED")
            elif FAULT == "editor-renames":
                with open(target + ".swp", "wb") as handle:
                    handle.write(b"Saved by the editor.\\n")
                os.replace(target + ".swp", target)
            else:
                os.unlink(target)
            return outcome

        lint.commands.fix.apply_fixes_until_stable = fixes_while_an_editor_saves
'''

PARAGRAPH = "Paragraph {i}: its past history is long, and the end result was {i}. Officials said nothing more.\n\n"


def article(chars: int) -> bytes:
    parts, size, i = [], 0, 0
    while size < chars:
        parts.append(PARAGRAPH.format(i=i))
        size += len(parts[-1])
        i += 1
    return "".join(parts).encode()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inject")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder


def project(tmp_path: Path, data: bytes) -> Path:
    """A project whose only pack is Redundancy (fast, with safe fixes)."""
    (tmp_path / "copydesk.toml").write_text('packs = ["Redundancy"]\n', encoding="utf-8")
    path = tmp_path / "story.md"
    path.write_bytes(data)
    return path


def fix_with(tmp_path: Path, faulty: Path, fault: str, timeout: float = 120.0):  # type: ignore[no-untyped-def]
    env = {
        "PYTHONPATH": os.pathsep.join([str(faulty), str(REPO)]),
        "COPYDESK_TEST_FAULT": fault,
        "COPYDESK_TEST_ARTICLE": str(tmp_path / "story.md"),
    }
    return run_cli(["fix", "story.md"], tmp_path, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def fixed_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """(original, fixed) bytes of a 1 MB article, from an uninterrupted run."""
    folder = tmp_path_factory.mktemp("reference")
    original = article(1_000_000)
    path = project(folder, original)
    run = run_cli(["fix", "story.md"], folder)
    assert run.returncode == 0, run.stderr
    fixed = path.read_bytes()
    assert fixed != original and b"past history" not in fixed
    return original, fixed


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in ("story.md", "copydesk.toml"))


@dataclass(frozen=True)
class Kill:
    fault: str
    survivor: str  # which version the article must be: "original" or "fixed"


KILLS = [
    Kill("mid-write", "original"),
    Kill("before-rename", "original"),
    Kill("after-rename", "fixed"),
]


@pytest.mark.parametrize("kill", KILLS, ids=lambda k: k.fault)
def test_kill_9_while_writing_leaves_a_whole_file(
    tmp_path: Path, faulty: Path, fixed_reference: tuple[bytes, bytes], kill: Kill
) -> None:
    original, fixed = fixed_reference
    path = project(tmp_path, original)
    run = fix_with(tmp_path, faulty, kill.fault)
    assert run.returncode == -9, run.stderr
    assert path.read_bytes() == (original if kill.survivor == "original" else fixed)
    # A kill -9 can leave the hidden temporary file behind; never anything else.
    assert all(name.startswith(".story.md.") and name.endswith(".copydesk-tmp") for name in leftovers(tmp_path))


def test_kill_9_at_any_moment_leaves_the_old_or_the_new_file(
    tmp_path: Path, fixed_reference: tuple[bytes, bytes]
) -> None:
    """SIGKILL at moments spread over a whole run, from start-up to the
    final report: every time, the article is byte for byte one of the two."""
    original, fixed = fixed_reference
    project(tmp_path, original)
    started = time.monotonic()
    assert run_cli(["fix", "story.md"], tmp_path).returncode == 0
    duration = time.monotonic() - started
    seen = []
    for step in range(1, 9):
        project(tmp_path, original)
        outcome = run_cli(["fix", "story.md"], tmp_path, timeout=duration * step / 8)
        data = (tmp_path / "story.md").read_bytes()
        assert data in (original, fixed), f"killed after {duration * step / 8:.2f} s: {len(data)} bytes"
        seen.append((outcome.returncode, "fixed" if data == fixed else "original"))
    assert ("original" in {s for _, s in seen}) and (-9 in {c for c, _ in seen}), seen


EDITS = [
    ("editor-writes", b"EDITED"),
    ("editor-renames", b"Saved by the editor.\n"),
]


@pytest.mark.parametrize(("fault", "start"), EDITS, ids=[e[0] for e in EDITS])
def test_an_article_saved_during_the_fix_is_not_overwritten(
    tmp_path: Path, faulty: Path, fault: str, start: bytes
) -> None:
    path = project(tmp_path, article(20_000))
    run = fix_with(tmp_path, faulty, fault)
    assert run.returncode == 1
    assert "story.md: not fixed: the file changed on disk while it was being fixed" in run.stderr
    assert path.read_bytes().startswith(start)
    assert leftovers(tmp_path) == []


def test_an_article_deleted_during_the_fix_is_not_recreated(tmp_path: Path, faulty: Path) -> None:
    path = project(tmp_path, article(20_000))
    run = fix_with(tmp_path, faulty, "editor-deletes")
    assert run.returncode == 1
    assert "story.md" in run.stderr and "the file is gone" in run.stderr
    assert not path.exists()
    assert leftovers(tmp_path) == []


def test_a_read_only_article_is_reported_and_the_others_are_fixed(tmp_path: Path) -> None:
    """Deliberate: a read-only file is someone's decision, even for root."""
    locked = project(tmp_path, b"Its past history is long.\n")
    locked.chmod(0o444)
    (tmp_path / "other.md").write_bytes(b"Its past history is long.\n")
    run = run_cli(["fix", "."], tmp_path)
    assert run.returncode == 1
    assert "story.md: not fixed: the file is read-only" in run.stderr
    assert locked.read_bytes() == b"Its past history is long.\n"
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert (tmp_path / "other.md").read_bytes() == b"Its history is long.\n"


def test_symbolic_links_stay_links_and_their_target_is_fixed(tmp_path: Path) -> None:
    project(tmp_path, b"")
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "wire.md"
    target.write_bytes(b"Its past history is long.\n")
    link = tmp_path / "story.md"
    link.unlink()
    link.symlink_to(target)
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    run = run_cli(["fix", "story.md", "dangling.md"], tmp_path)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"Its history is long.\n"
    assert run.returncode == 2  # a path named on the command line does not exist
    assert "copydesk: error: dangling.md: no such file or directory" in run.stderr


def test_a_hard_link_is_not_kept(tmp_path: Path) -> None:
    """Documented: the atomic rename gives the fixed path a new inode, so
    another name for the same file keeps the old text."""
    path = project(tmp_path, b"Its past history is long.\n")
    os.link(path, tmp_path / "alias.md")
    run = run_cli(["fix", "story.md"], tmp_path)
    assert run.returncode == 0
    assert path.read_bytes() == b"Its history is long.\n"
    assert (tmp_path / "alias.md").read_bytes() == b"Its past history is long.\n"


def test_many_fixes_apply_in_linear_time() -> None:
    """60,000 fixes in one file took minutes when every fix was compared
    with every fix taken before it."""
    text = "ab " * 200_000
    fixes = [Fix("t", (Edit(i, i + 2, "AB"),), Applicability.SAFE) for i in range(0, len(text), 3)]
    started = time.monotonic()
    outcome = apply_fixes(text, fixes)
    assert len(outcome.applied) == 200_000
    assert outcome.text == "AB " * 200_000
    assert time.monotonic() - started < 20
