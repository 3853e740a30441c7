"""Diagnostics pushed on open and change, pulled on request, cleared on
close, with ranges in the client's UTF-16 code units."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from tests.lsp.conftest import (
    HEDGE_LINK,
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


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, project: Path):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, project)
    yield
    await lsp_client.shutdown_session()


async def test_open_publishes_exact_utf16_ranges(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "talks.md")
    # The flag is two astral code points (four UTF-16 units): "the the"
    # starts at code point 13, UTF-16 column 15.
    text = "# Talks resume 😀\n\nKyiv 🇺🇦 said the the talks would resume.\n"
    open_document(client, uri, text)
    diagnostics = await published(client, uri, 1)
    doubled = by_code(diagnostics, "News.DoubledWord")
    assert doubled.range == rng(2, 15, 2, 22)
    assert doubled.source == "copydesk"
    assert doubled.severity == types.DiagnosticSeverity.Error
    assert doubled.message == "'the' is repeated."
    assert doubled.data["version"] == 1
    fix = doubled.data["fix"]
    assert fix["applicability"] == "safe"
    assert fix["edits"] == [
        {"range": {"start": {"line": 2, "character": 15}, "end": {"line": 2, "character": 22}}, "newText": "the"}
    ]


async def test_severity_and_link_follow_the_rule(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "hedge.md")
    open_document(client, uri, "It was really late.\n")
    hedge = by_code(await published(client, uri, 1), "Demo.Hedge")
    assert hedge.range == rng(0, 7, 0, 13)
    assert hedge.severity == types.DiagnosticSeverity.Information
    assert hedge.code_description == types.CodeDescription(href=HEDGE_LINK)


async def test_edits_update_the_diagnostics(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "edit.md")
    open_document(client, uri, "It was the the end result.\n")
    first = await published(client, uri, 1)
    assert by_code(first, "News.DoubledWord").range == rng(0, 7, 0, 14)
    assert by_code(first, "Demo.Redundant").range == rng(0, 15, 0, 25)

    replace(client, uri, 2, rng(0, 7, 0, 11), "")  # "It was the end result."
    second = await published(client, uri, 2)
    assert "News.DoubledWord" not in codes(second)
    assert by_code(second, "Demo.Redundant").range == rng(0, 11, 0, 21)

    replace(client, uri, 3, rng(1, 0), "😀 It was really late.\n")
    third = await published(client, uri, 3)
    assert by_code(third, "Demo.Hedge").range == rng(1, 10, 1, 16)
    assert by_code(third, "Demo.Redundant").range == rng(0, 11, 0, 21)


async def test_lines_end_only_where_the_protocol_says(client: RecordingClient, project: Path) -> None:
    # U+2028 does not end a line for the protocol; \r\n and a lone \r do.
    uri = doc_uri(project, "separators.txt")
    text = "Quote\u2028then the the end.\r\nIt was really late.\rAnd very late.\n"
    open_document(client, uri, text, language="plaintext")
    diagnostics = await published(client, uri, 1)
    assert by_code(diagnostics, "News.DoubledWord").range == rng(0, 11, 0, 18)
    hedges = sorted((d.range.start.line, d.range.start.character) for d in diagnostics if d.code == "Demo.Hedge")
    assert hedges == [(1, 7), (2, 4)]

    replace(client, uri, 2, rng(2, 4, 2, 8), "quite")  # the edit lands on the third line
    after = await published(client, uri, 2)
    hedges = [(d.range.start.line, d.range.start.character) for d in after if d.code == "Demo.Hedge"]
    assert hedges == [(1, 7)]
    assert by_code(after, "News.DoubledWord").range == rng(0, 11, 0, 18)


async def test_close_clears_the_diagnostics(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "closing.md")
    open_document(client, uri, "It was the the end.\n")
    assert await published(client, uri, 1)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await published(client, uri, where=lambda d: not d)
    assert list(client.diagnostics[uri]) == []


async def test_pull_diagnostics(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "pulled.md")
    open_document(client, uri, "The end result was very clear.\n")
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    report = await client.text_document_diagnostic_async(params)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert {"Demo.Hedge", "Demo.Redundant"} <= set(codes(report.items))
    assert by_code(report.items, "Demo.Redundant").range == rng(0, 4, 0, 14)
    again = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id
        )
    )
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    assert again.result_id == report.result_id


async def test_documents_in_other_languages_are_left_alone(client: RecordingClient, project: Path) -> None:
    code = doc_uri(project, "script.py")
    open_document(client, code, "# the the\n", language="python")
    story = doc_uri(project, "after-script.md")
    open_document(client, story, "It was the the end.\n")
    await published(client, story, 1)
    assert all(p.uri != code for p in client.published)


async def test_pull_for_an_unknown_document_is_empty(client: RecordingClient, project: Path) -> None:
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=doc_uri(project, "nope.md")))
    report = await client.text_document_diagnostic_async(params)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert list(report.items) == []
