"""Settings, rule and vocabulary files are reloaded when they change,
without restarting the server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path

from tests.lsp.conftest import (
    RecordingClient,
    capabilities,
    codes,
    doc_uri,
    initialize,
    open_document,
    published,
    server_config,
)
from tests.lsp.test_actions import _names_rules_available

pytestmark = pytest.mark.asyncio(loop_scope="module")

BEGOROD = "Thousands of people in Russia's Begorod region were without power.\n"


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, project: Path):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, project, caps=capabilities(configuration=True))
    yield
    await lsp_client.shutdown_session()


def file_event(path: Path, kind: types.FileChangeType) -> types.DidChangeWatchedFilesParams:
    uri = from_fs_path(str(path))
    assert uri is not None
    return types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=kind)])


async def shown(client: RecordingClient, text: str) -> None:
    for _ in range(1000):
        if any(text in m.message for m in client.messages):
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"no message with {text!r}: {[m.message for m in client.messages]}")


def save(client: RecordingClient, uri: str) -> None:
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


async def test_watches_settings_files(client: RecordingClient) -> None:
    for _ in range(500):
        if client.registrations:
            break
        await asyncio.sleep(0.01)
    [registration] = client.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = registration.register_options
    assert isinstance(options, dict)
    globs = [w["globPattern"] for w in options["watchers"]]
    assert "**/.copydesk/**" in globs and "**/*.{yml,yaml}" in globs and "**/copydesk.toml" in globs


@pytest.mark.skipif(not _names_rules_available(), reason="no shipped names rule")
async def test_vocabulary_change_silences_a_name(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "vocabulary.md")
    open_document(client, uri, BEGOROD)
    assert "News.PlaceName" in codes(await published(client, uri, 1))
    accept = project / ".copydesk" / "vocabulary" / "accept.txt"
    accept.parent.mkdir(parents=True)
    accept.write_text("# places our desk spells its own way\nBegorod\n", encoding="utf-8")
    client.workspace_did_change_watched_files(file_event(accept, types.FileChangeType.Created))
    await published(client, uri, 1, where=lambda d: "News.PlaceName" not in codes(d))

    client.published.clear()
    accept.unlink()
    client.workspace_did_change_watched_files(file_event(accept, types.FileChangeType.Deleted))
    await published(client, uri, 1, where=lambda d: "News.PlaceName" in codes(d))


async def test_rule_file_change_takes_effect(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "rules.md")
    open_document(client, uri, "It was quite late.\n")
    assert "Demo.Hedge" not in codes(await published(client, uri, 1))
    hedge = project / "rules" / "Demo" / "Hedge.yml"
    hedge.write_text(hedge.read_text(encoding="utf-8").replace("[very, really]", "[very, really, quite]"), encoding="utf-8")
    client.workspace_did_change_watched_files(file_event(hedge, types.FileChangeType.Changed))
    after = await published(client, uri, 1, where=lambda d: "Demo.Hedge" in codes(d))
    [quite] = [d for d in after if d.code == "Demo.Hedge"]
    assert (quite.range.start.character, quite.range.end.character) == (7, 12)


async def test_changes_are_noticed_on_save(client: RecordingClient, project: Path) -> None:
    # Clients that do not report file changes: the server compares the
    # files' modification times when a document is opened or saved.
    uri = doc_uri(project, "saved.md")
    open_document(client, uri, "It was somewhat late.\n")
    assert "Demo.Hedge" not in codes(await published(client, uri, 1))
    hedge = project / "rules" / "Demo" / "Hedge.yml"
    hedge.write_text(hedge.read_text(encoding="utf-8").replace("quite]", "quite, somewhat]"), encoding="utf-8")
    save(client, uri)
    await published(client, uri, 1, where=lambda d: "Demo.Hedge" in codes(d))


async def test_a_broken_rule_file_is_reported_and_the_old_rules_stay(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "broken.md")
    open_document(client, uri, "It was very late.\n")
    assert "Demo.Hedge" in codes(await published(client, uri, 1))
    broken = project / "rules" / "Demo" / "Broken.yml"
    broken.write_text("extends: existence\nmessage: 'x'\nlevel: fatal\ntokens: [x]\n", encoding="utf-8")
    client.messages.clear()
    client.workspace_did_change_watched_files(file_event(broken, types.FileChangeType.Created))
    broken_uri = from_fs_path(str(broken))
    assert broken_uri is not None
    [problem] = await published(client, broken_uri, where=bool)
    assert problem.range.start.line == 2  # the 'level' line
    assert "unknown level 'fatal'" in problem.message
    assert "Demo.Hedge" in codes(await published(client, uri, 1))
    await shown(client, "unknown level 'fatal'")

    broken.unlink()
    client.workspace_did_change_watched_files(file_event(broken, types.FileChangeType.Deleted))
    await published(client, broken_uri, where=lambda d: not d)


async def test_editor_settings_are_read_again_when_they_change(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "levels.md")
    open_document(client, uri, "It was the the very end.\n")
    assert {"Demo.Hedge", "News.DoubledWord"} <= set(codes(await published(client, uri, 1)))
    client.set_configuration({"minLevel": "error", "rules": ["rules"], "debounce": 0}, section="copydesk")
    client.published.clear()
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    after = await published(client, uri, 1)
    assert "News.DoubledWord" in codes(after)
    assert "Demo.Hedge" not in codes(after)
