"""As-you-type linting is debounced: a burst of edits is linted once, for
the last version."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from tests.lsp.conftest import (
    RecordingClient,
    by_code,
    codes,
    doc_uri,
    initialize,
    open_document,
    published,
    replace,
    rng,
    server_config,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

DEBOUNCE_MS = 2000


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, project: Path):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, project, options={"rules": ["rules"], "debounce": DEBOUNCE_MS})
    yield
    await lsp_client.shutdown_session()


async def test_a_burst_of_edits_is_linted_once(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "typing.md")
    open_document(client, uri, "It was\n")
    await published(client, uri, 1)  # opening is not debounced
    typed = " the the end."
    for version, char in enumerate(typed, start=2):
        column = 6 + version - 2
        replace(client, uri, version, rng(0, column), char)
    last = len(typed) + 1
    diagnostics = await published(client, uri, last)
    assert by_code(diagnostics, "News.DoubledWord").range == rng(0, 7, 0, 14)
    await asyncio.sleep(DEBOUNCE_MS / 1000 + 0.2)
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == [1, last]


async def test_saving_lints_without_waiting(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "saving.md")
    open_document(client, uri, "Quiet.\n")
    await published(client, uri, 1)
    replace(client, uri, 2, rng(0, 0), "The the ")
    loop = asyncio.get_running_loop()
    started = loop.time()
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert "News.DoubledWord" in codes(await published(client, uri, 2))
    assert loop.time() - started < DEBOUNCE_MS / 1000
    await asyncio.sleep(DEBOUNCE_MS / 1000 + 0.2)
    assert [p.version for p in client.published if p.uri == uri] == [1, 2]  # the debounced run was replaced
