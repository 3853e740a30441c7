"""Hovering a finding explains the rule: description, why, an example."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from tests.lsp.conftest import RecordingClient, doc_uri, initialize, open_document, published, rng, server_config

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, project: Path):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, project)
    yield
    await lsp_client.shutdown_session()


def hover_params(uri: str, line: int, character: int) -> types.HoverParams:
    return types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
    )


async def test_hover_explains_the_rule(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "hover.md")
    open_document(client, uri, "A quiet day.\n\n😀 Talks will resume in in Geneva.\n")
    await published(client, uri, 1)
    # "in in" is at code points 20-25, UTF-16 21-26.
    result = await client.text_document_hover_async(hover_params(uri, 2, 22))
    assert result is not None
    assert result.range == rng(2, 21, 2, 26)
    assert isinstance(result.contents, types.MarkupContent)
    assert result.contents.kind == types.MarkupKind.Markdown
    text = result.contents.value
    assert "News.DoubledWord" in text
    assert "'in' is repeated." in text
    assert "Flags a word written twice in a row" in text  # description
    assert "Why it matters:" in text and "spell checkers do not catch it" in text  # why
    assert "The the ministry said on Friday." in text  # a bad example
    assert "The ministry said on Friday." in text.split("Better")[1]  # its fixed form


async def test_no_hover_away_from_findings(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "hover-none.md")
    open_document(client, uri, "A quiet day in Geneva.\n")
    await published(client, uri, 1)
    assert await client.text_document_hover_async(hover_params(uri, 0, 3)) is None


async def test_hover_on_a_document_that_is_not_open(client: RecordingClient, project: Path) -> None:
    assert await client.text_document_hover_async(hover_params(doc_uri(project, "closed.md"), 0, 0)) is None
