"""What makes the server answer ``initialize`` sooner: compiled code kept
between starts, and garbage collection while starting."""

from __future__ import annotations

import gc
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from lint.lsp import startup
from lint.lsp.startup import CodeStore, store_path

REPO = Path(__file__).resolve().parents[2]

SOURCE = "def double(x: int) -> int:\n    return 2 * x\n"


def run(source: str, store: CodeStore) -> Any:
    namespace: dict[str, Any] = {}
    exec(store.compile(source, "<generated double>", "exec"), namespace)
    return namespace["double"]


def test_code_is_compiled_once_and_then_read_from_the_store(tmp_path: Path) -> None:
    first = CodeStore(store_path(tmp_path))
    assert run(SOURCE, first)(21) == 42
    assert first.missed == 1
    first.save()
    assert store_path(tmp_path).exists()

    second = CodeStore(store_path(tmp_path))
    double = run(SOURCE, second)
    assert double(4) == 8 and double.__code__.co_filename == "<generated double>"
    assert second.missed == 0
    # Inherited from this module's ``from __future__ import annotations``,
    # as compile() would: the annotation stays a string.
    assert double.__annotations__ == {"x": "int", "return": "int"}
    # Other source, or the same source under another name, is compiled.
    run(SOURCE.replace("2 *", "3 *"), second)
    second.compile(SOURCE, "<another name>", "exec")
    assert second.missed == 2


def test_a_damaged_or_foreign_store_is_ignored(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    for content in (b"", b"\x00garbage", marshal.dumps((b"old magic", {b"k": 1})), marshal.dumps([1, 2])):
        path.write_bytes(content)
        store = CodeStore(path)
        assert run(SOURCE, store)(1) == 2
        assert store.missed == 1


def test_an_unwritable_store_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = CodeStore(store_path(blocker))
    assert run(SOURCE, store)(5) == 10
    store.save()  # no error


PROTOCOL_CHECK = """
import gc, sys, typing
if sys.argv[1] == "store":
    import attr._make
    from lint.lsp import startup
    before = gc.get_threshold()
    startup.begin()
    assert gc.get_threshold()[0] == before[0] and gc.get_threshold()[2] > before[2]
    assert "compile" in vars(typing) and "compile" in vars(attr._make)
    startup.started()  # no event loop: at once
    assert gc.get_threshold() == before
    assert "compile" not in vars(typing) and "compile" not in vars(attr._make)
from lsprotocol import types
a = types.Position(line=1, character=2)
assert a == types.Position(line=1, character=2) and a != types.Position(line=1, character=3)
location = types.Location(uri="file:///a.md", range=types.Range(start=a, end=a))
try:
    types.Position(line=1)
except TypeError as exc:
    print(exc)
print(repr(location), repr(types.Diagnostic(range=location.range, message="m")))
"""


def test_the_protocol_types_work_when_read_from_the_store(tmp_path: Path) -> None:
    """The same types and the same behaviour, as imported plainly, while
    filling the store and while reading it; the start leaves nothing
    changed behind."""
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    outputs = []
    # As imported plainly; then filling the store; then reading it.
    for how in ("plain", "store", "store"):
        done = subprocess.run(
            [sys.executable, "-c", PROTOCOL_CHECK, how], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert "missing 1 required" in outputs[0] and "Diagnostic(range=1:2-1:2, message='m'" in outputs[0]
    assert store_path(tmp_path).stat().st_size > 100_000


def test_nothing_is_changed_once_the_protocol_is_imported() -> None:
    before = gc.get_threshold()
    startup.begin()  # this process imported lsprotocol already
    assert gc.get_threshold() == before
    startup.started()
    assert gc.get_threshold() == before
