"""The server survives what it is sent: malformed requests get JSON-RPC
errors, a rule that times out becomes one error diagnostic, and a very long
document does not hold up requests about other documents."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from tests.lsp.conftest import (
    RecordingClient,
    by_code,
    codes,
    doc_uri,
    initialize,
    open_document,
    published,
    replace_all,
    server_config,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

SLOW_RULE = """\
extends: existence
message: "Unreachable."
level: warning
nonword: true
raw: ['(?:a|aa)+$']
"""


@pytest.fixture(scope="module")
def slow_project(project: Path) -> Path:
    (project / "slow" / "Slow").mkdir(parents=True)
    (project / "slow" / "Slow" / "Backtrack.yml").write_text(SLOW_RULE, encoding="utf-8")
    return project


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, slow_project: Path):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, slow_project, options={"rules": ["rules", "slow"], "debounce": 0})
    yield
    await lsp_client.shutdown_session()


def long_article(words: int) -> str:
    """A long, varied article (no paragraph repeats another)."""
    vocabulary = ["council", "harbour", "engineers", "residents", "report", "vote", "wall", "storm", "mayor", "cost"]
    paragraphs = []
    count = 0
    i = 0
    while count < words:
        w = [vocabulary[(i * 7 + j * 3) % len(vocabulary)] for j in range(5)]
        paragraph = (
            f"On day {i} the {w[0]} said the {w[1]} and the {w[2]} would meet the {w[3]} "
            f"about {w[4]} number {i * 13}. Officials in town {i} agreed."
        )
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        i += 1
    return "\n\n".join(paragraphs) + "\n"


async def test_unknown_method_gets_method_not_found(client: RecordingClient) -> None:
    with pytest.raises(JsonRpcException) as caught:
        await client.protocol.send_request_async("copydesk/noSuchThing", {})
    assert caught.value.code == -32601


async def test_a_rule_that_times_out_is_one_error_diagnostic(client: RecordingClient, slow_project: Path) -> None:
    uri = doc_uri(slow_project, "slow.md")
    open_document(client, uri, "It was the the end of " + "a" * 40 + "b.\n")
    diagnostics = await published(client, uri, 1)
    timed_out = by_code(diagnostics, "Slow.Backtrack")
    assert timed_out.severity == types.DiagnosticSeverity.Error
    assert "timed out" in timed_out.message
    assert "News.DoubledWord" in codes(diagnostics)  # the other rules still ran
    # ...and the server still answers.
    other = doc_uri(slow_project, "after-slow.md")
    open_document(client, other, "It was the the end.\n")
    assert "News.DoubledWord" in codes(await published(client, other, 1))


async def test_a_long_document_does_not_block_other_requests(client: RecordingClient, project: Path) -> None:
    big = doc_uri(project, "long.md")
    text = long_article(50_000)
    open_document(client, big, text)
    replace_all(client, big, 2, text + "\nIt was the the end.\n")  # version 1 is stale at once

    small = doc_uri(project, "short.md")
    open_document(client, small, "Talks will resume in in Geneva.\n")
    started = time.perf_counter()
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=small), position=types.Position(line=0, character=21))
    )
    waited = time.perf_counter() - started
    assert hover is not None
    assert not [p for p in client.published if p.uri == big], f"the long document finished first ({waited:.2f} s)"

    final = await published(client, big, 2, timeout=120)
    assert "News.DoubledWord" in codes(final)
    assert not [p for p in client.published if p.uri == big and p.version == 1]  # the stale run was dropped

