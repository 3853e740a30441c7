"""The project configuration applies in the editor as on the command line,
and changes to it take effect without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path

from tests.lsp.conftest import (
    RecordingClient,
    codes,
    doc_uri,
    initialize,
    open_document,
    published,
    server_config,
)
from tests.lsp.test_actions import _names_rules_available

pytestmark = pytest.mark.asyncio(loop_scope="module")

CONFIG = """\
rule-folders = ["rules"]
vocabularies = ["styles/vocab"]

[rules]
"Demo.Hedge" = "off"
"""


@pytest.fixture(scope="module")
def configured(project: Path) -> Path:
    (project / "copydesk.toml").write_text(CONFIG, encoding="utf-8")
    (project / "styles" / "vocab").mkdir(parents=True)  # an empty vocabulary, for now
    return project


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, configured: Path):  # type: ignore[no-untyped-def]
    # No editor rule folders: the configuration names them.
    await initialize(lsp_client, configured, options={"debounce": 0})
    yield
    await lsp_client.shutdown_session()


def changed(client: RecordingClient, path: Path) -> None:
    uri = from_fs_path(str(path))
    assert uri is not None
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=types.FileChangeType.Changed)])
    )


async def test_the_configuration_applies(client: RecordingClient, configured: Path) -> None:
    uri = doc_uri(configured, "desk/story.md")
    open_document(client, uri, "It was very much the end result.\n")
    found = codes(await published(client, uri, 1))
    assert "Demo.Redundant" in found  # from the configuration's rule folder
    assert "Demo.Hedge" not in found  # turned off by the configuration


async def test_an_invalid_configuration_is_reported_on_the_file(client: RecordingClient, configured: Path) -> None:
    uri = doc_uri(configured, "desk/invalid.md")
    open_document(client, uri, "It was very much the end result.\n")
    await published(client, uri, 1)
    config = configured / "copydesk.toml"
    config.write_text('min-level = "fatal"\n' + CONFIG, encoding="utf-8")
    changed(client, config)
    config_uri = from_fs_path(str(config))
    assert config_uri is not None
    [problem] = await published(client, config_uri, where=bool)
    assert "min-level" in problem.message and "unknown level 'fatal'" in problem.message
    assert problem.range.start.line == 0
    # The settings that loaded last stay in use meanwhile.
    after = codes(await published(client, uri, 1))
    assert "Demo.Redundant" in after and "Demo.Hedge" not in after

    config.write_text(CONFIG.replace('"Demo.Hedge" = "off"\n', ""), encoding="utf-8")
    changed(client, config)
    await published(client, config_uri, where=lambda d: not d)
    await published(client, uri, 1, where=lambda d: "Demo.Hedge" in codes(d))


@pytest.mark.skipif(not _names_rules_available(), reason="no shipped names rule")
async def test_words_go_to_the_configured_vocabulary(client: RecordingClient, configured: Path) -> None:
    uri = doc_uri(configured, "desk/begorod.md")
    open_document(client, uri, "Thousands of people in Russia's Begorod region were without power.\n")
    place = [d for d in await published(client, uri, 1) if d.code == "News.PlaceName"]
    assert place
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=place[0].range,
            context=types.CodeActionContext(diagnostics=place),
        )
    )
    assert result is not None
    [add] = [a for a in result if a.title == "Add 'Begorod' to the vocabulary"]
    assert isinstance(add, types.CodeAction) and add.command is not None
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=add.command.command, arguments=add.command.arguments)
    )
    assert (configured / "styles" / "vocab" / "accept.txt").read_text(encoding="utf-8") == "Begorod\n"
    assert not (configured / ".copydesk").exists()
    await published(client, uri, 1, where=lambda d: "News.PlaceName" not in codes(d))
