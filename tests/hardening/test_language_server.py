"""The language server keeps serving whatever it is sent: malformed
JSON-RPC, unknown methods, documents it never opened, positions past the
end, a thousand edits in a burst and a rule that raises. Its memory stays
flat over a long session, and it runs under the socket guard of
test_no_network: nothing it does leaves the machine.

One server serves the whole module, as one serves an editor all day; each
test ends by checking that it still answers.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardening.lsp_raw import RawServer
from hardening.support import MIB, REPO
from hardening.test_no_network import GUARD

pytestmark = pytest.mark.skipif(os.name == "nt", reason="select() on pipes, /proc")

INJECT = '''
import sys

if sys.argv[:1] == ["-m"]:
    from lint.checks import existence

    _check = existence.Existence.check

    def check(self, units, doc):
        if self.common.id == "Boom.Raise":
            raise RuntimeError("injected failure")
        return _check(self, units, doc)

    existence.Existence.check = check
'''

ARTICLE = "# Council\n\nIts past history is long, and the the council met.\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("newsroom")
    (root / "styles" / "Boom").mkdir(parents=True)
    (root / "styles" / "Boom" / "Raise.yml").write_text(
        "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [kaboom]\n", encoding="utf-8"
    )
    (root / "copydesk.toml").write_text('rule-folders = ["styles"]\n', encoding="utf-8")
    hooks = root / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(GUARD + "\n" + INJECT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[RawServer]:
    log = project / "network.log"
    env = {"PYTHONPATH": os.pathsep.join([str(project / "hooks"), str(REPO)]), "COPYDESK_NETWORK_LOG": str(log)}
    raw = RawServer(project, env)
    try:
        raw.initialize(project)
        raw.open(uri(project, "live.md"), ARTICLE)
        assert rules_of(raw.diagnostics(uri(project, "live.md"), 1)) >= {"Redundancy.Pleonasm", "News.DoubledWord"}
        yield raw
    finally:
        code = raw.close()
    assert code == 0
    assert not log.exists(), log.read_text()  # no network attempt in the whole session


def uri(project: Path, name: str) -> str:
    return (project / name).as_uri()


def rules_of(diagnostics: list[dict[str, object]]) -> set[object]:
    return {d.get("code") for d in diagnostics}


def assert_serving(server: RawServer, project: Path) -> None:
    """A hover on the open article is answered (within 30 s)."""
    answer = server.call(
        "textDocument/hover",
        {"textDocument": {"uri": uri(project, "live.md")}, "position": {"line": 2, "character": 6}},
        timeout=30,
    )
    assert "error" not in answer, answer


# -- malformed JSON-RPC --------------------------------------------------------------
MALFORMED = [
    ("not json", b"{not json"),
    ("invalid utf-8", b'{"jsonrpc": "2.0", "method": "\xff\xfe"}'),
    ("empty batch", b"[]"),
    ("batch of numbers", b"[1, 2]"),
    ("number", b"42"),
    ("string", b'"hello"'),
    ("null", b"null"),
    ("no method or id", b'{"jsonrpc": "2.0"}'),
    ("response to nothing", b'{"jsonrpc": "2.0", "id": 9999, "result": 1}'),
    ("params not an object", b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": 7}'),
    ("params of the wrong shape", b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"contentChanges": "x"}}'),
    ("deeply nested", b'{"jsonrpc": "2.0", "method": "x", "params": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
    ("huge string", b'{"jsonrpc": "2.0", "method": "x", "params": {"a": "' + b"a" * 5_000_000 + b'"}}'),
]


@pytest.mark.parametrize(("what", "body"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_message_leaves_the_server_serving(server: RawServer, project: Path, what: str, body: bytes) -> None:
    server.send(body)
    assert_serving(server, project)


BAD_REQUESTS = [
    ("wrong params", "textDocument/hover", {"textDocument": 5, "position": "x"}, -32602),
    ("missing params", "textDocument/codeAction", None, -32602),
    ("unknown method", "copydesk/noSuchThing", {}, -32601),
    ("unknown dollar method", "$/noSuchThing", {}, -32601),
]


@pytest.mark.parametrize(("what", "method", "params", "code"), BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_a_bad_request_gets_an_error_and_the_server_goes_on(
    server: RawServer, project: Path, what: str, method: str, params: object, code: int
) -> None:
    answer = server.call(method, params)
    assert answer["error"]["code"] == code
    assert_serving(server, project)


def test_unknown_notifications_and_cancellations_are_ignored(server: RawServer, project: Path) -> None:
    server.notify("copydesk/noSuchThing", {"a": 1})
    server.notify("$/noSuchThing", None)
    server.notify("$/cancelRequest", {"id": 123456})
    assert_serving(server, project)


# -- documents it never opened, positions past the end ---------------------------------
NOWHERE = "file:///nowhere/never-opened.md"
POSITION_REQUESTS = [
    ("hover on an unopened document", "textDocument/hover", {"textDocument": {"uri": NOWHERE}, "position": {"line": 0, "character": 0}}),
    ("actions on an unopened document", "textDocument/codeAction", {"textDocument": {"uri": NOWHERE}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}}),
    ("diagnostics of an unopened document", "textDocument/diagnostic", {"textDocument": {"uri": NOWHERE}}),
    ("hover far past the end", "textDocument/hover", {"textDocument": {"uri": "LIVE"}, "position": {"line": 1_000_000, "character": 1_000_000}}),
    ("hover past the end of a line", "textDocument/hover", {"textDocument": {"uri": "LIVE"}, "position": {"line": 2, "character": 10_000}}),
    ("actions past the end", "textDocument/codeAction", {"textDocument": {"uri": "LIVE"}, "range": {"start": {"line": 99, "character": 0}, "end": {"line": 500, "character": 3}}, "context": {"diagnostics": []}}),
    ("an inverted range", "textDocument/codeAction", {"textDocument": {"uri": "LIVE"}, "range": {"start": {"line": 2, "character": 9}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    ("a negative position", "textDocument/hover", {"textDocument": {"uri": "LIVE"}, "position": {"line": -1, "character": -5}}),
]


@pytest.mark.parametrize(("what", "method", "params"), POSITION_REQUESTS, ids=[p[0] for p in POSITION_REQUESTS])
def test_requests_about_nothing_are_answered(server: RawServer, project: Path, what: str, method: str, params: dict[str, object]) -> None:
    params = json.loads(json.dumps(params).replace('"LIVE"', json.dumps(uri(project, "live.md"))))
    answer = server.call(method, params)
    assert "result" in answer or answer["error"]["code"] in (-32602, -32603, -32803), answer
    assert_serving(server, project)


def test_an_edit_past_the_end_of_a_document_is_survived(server: RawServer, project: Path) -> None:
    target = uri(project, "edited.md")
    server.open(target, "Short.\n")
    server.diagnostics(target, 1)
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": target, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 40, "character": 9}, "end": {"line": 90, "character": 0}}, "text": "the the"}],
        },
    )
    server.change(target, "Now the the end.\n", 3)
    assert "News.DoubledWord" in rules_of(server.diagnostics(target, 3))
    assert_serving(server, project)


# -- bursts, failures, long sessions ------------------------------------------------------
def test_a_thousand_rapid_edits_end_in_the_diagnostics_of_the_last(server: RawServer, project: Path) -> None:
    target = uri(project, "burst.md")
    server.open(target, "Start.\n")
    server.diagnostics(target, 1)
    started = time.monotonic()
    for version in range(2, 1002):
        server.change(target, f"Edit {version}: the council met.\n", version)
    final = "Edit 1002: past history, and the the end.\n"
    server.change(target, final, 1002)
    found = server.diagnostics(target, 1002, timeout=120)
    assert rules_of(found) >= {"Redundancy.Pleonasm", "News.DoubledWord"}
    assert time.monotonic() - started < 60
    assert_serving(server, project)


def test_a_rule_that_raises_is_one_error_diagnostic(server: RawServer, project: Path) -> None:
    target = uri(project, "boom.md")
    server.open(target, "A kaboom here, and the the council met.\n")
    found = server.diagnostics(target, 1)
    failed = [d for d in found if d.get("code") == "Boom.Raise"]
    assert len(failed) == 1 and failed[0]["severity"] == 1
    assert "the rule failed: RuntimeError: injected failure" in str(failed[0]["message"])
    assert "News.DoubledWord" in rules_of(found)  # the other rules still ran
    assert_serving(server, project)


def cycle(server: RawServer, project: Path, n: int) -> None:
    """Open a new document, edit it, ask about it, close it."""
    target = uri(project, f"session/story-{n}.md")
    server.open(target, f"Story {n}: the council met on day {n}.\n")
    for version in range(2, 5):
        server.change(target, f"Story {n}, take {version}: its past history is long, the the end {n}.\n", version)
    server.diagnostics(target, 4)
    server.call("textDocument/hover", {"textDocument": {"uri": target}, "position": {"line": 0, "character": 20}})
    server.call(
        "textDocument/codeAction",
        {"textDocument": {"uri": target}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 60}}, "context": {"diagnostics": []}},
    )
    server.notify("textDocument/didClose", {"textDocument": {"uri": target}})
    server.diagnostics(target, None)  # cleared on close


# Growth of resident memory allowed once the server is warm.
FLAT = 5 * MIB


def test_memory_stays_flat_over_ten_thousand_edits(server: RawServer, project: Path) -> None:
    target = uri(project, "long-session.md")
    server.open(target, "Start.\n")
    server.diagnostics(target, 1)
    for version in range(2, 1002):
        server.change(target, f"Edit {version % 7}: the council met.\n", version)
    server.diagnostics(target, 1001, timeout=120)
    warmed = server.rss()
    for version in range(1002, 11002):
        server.change(target, f"Edit {version % 7}: the council met.\n", version)
    server.diagnostics(target, 11001, timeout=300)
    grown = server.rss() - warmed
    assert_serving(server, project)
    assert grown < FLAT, f"{grown / MIB:.1f} MiB more after 10,000 edits (warm: {warmed / MIB:.0f} MiB)"


def test_memory_stays_flat_over_a_thousand_documents(server: RawServer, project: Path) -> None:
    for n in range(100):
        cycle(server, project, n)
    warmed = server.rss()
    for n in range(100, 1100):
        cycle(server, project, n)
    grown = server.rss() - warmed
    assert_serving(server, project)
    assert grown < FLAT, f"{grown / MIB:.1f} MiB more after 1,000 documents (warm: {warmed / MIB:.0f} MiB)"
