"""A client that negotiates UTF-8 gets byte columns; Cyrillic and emoji
before a finding move it by their encoded length."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from tests.lsp.conftest import (
    RecordingClient,
    by_code,
    capabilities,
    doc_uri,
    initialize,
    open_document,
    published,
    replace,
    rng,
    server_config,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, project: Path):  # type: ignore[no-untyped-def]
    result = await initialize(lsp_client, project, caps=capabilities(encodings=[types.PositionEncodingKind.Utf8]))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def test_utf8_columns(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "kyiv.md")
    # "Київ" is 8 bytes, the emoji 4: "the the" starts at byte 14 (code point 7).
    open_document(client, uri, "Київ 😀 the the vote was held.\n")
    diagnostics = await published(client, uri, 1)
    assert by_code(diagnostics, "News.DoubledWord").range == rng(0, 14, 0, 21)

    # An incremental edit in bytes: drop "the " (bytes 14-18).
    replace(client, uri, 2, rng(0, 14, 0, 18), "")
    after = await published(client, uri, 2)
    assert "News.DoubledWord" not in [d.code for d in after]
