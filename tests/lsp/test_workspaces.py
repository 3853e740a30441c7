"""Several workspace folders, each with its own settings, at once."""

from __future__ import annotations

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
    make_project,
    open_document,
    published,
    server_config,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("desks")
    news = make_project(root / "news")
    features = make_project(root / "features")
    return news, features


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, folders: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    news, features = folders
    news_uri, features_uri = from_fs_path(str(news)), from_fs_path(str(features))
    assert news_uri is not None and features_uri is not None
    # The features desk ignores the Demo pack in its folder settings.
    lsp_client.set_configuration({"rules": ["rules"], "debounce": 0}, section="copydesk")
    lsp_client.set_configuration(
        {"rules": ["rules"], "debounce": 0, "ignore": ["Demo"]}, section="copydesk", scope_uri=features_uri
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(configuration=True),
            workspace_folders=[
                types.WorkspaceFolder(uri=news_uri, name="news"),
                types.WorkspaceFolder(uri=features_uri, name="features"),
            ],
            initialization_options={"rules": ["rules"], "debounce": 0},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_each_folder_has_its_own_settings(client: RecordingClient, folders: tuple[Path, Path]) -> None:
    news, features = folders
    text = "It was very much the the end.\n"
    in_news = doc_uri(news, "story.md")
    in_features = doc_uri(features, "story.md")
    open_document(client, in_news, text)
    open_document(client, in_features, text)
    assert {"Demo.Hedge", "News.DoubledWord"} <= set(codes(await published(client, in_news, 1)))
    features_codes = codes(await published(client, in_features, 1))
    assert "News.DoubledWord" in features_codes
    assert "Demo.Hedge" not in features_codes


async def test_a_project_vocabulary_applies_to_its_folder_only(
    client: RecordingClient, folders: tuple[Path, Path]
) -> None:
    from tests.lsp.test_actions import _names_rules_available

    if not _names_rules_available():
        pytest.skip("no shipped names rule")
    news, features = folders
    accept = features / ".copydesk" / "vocabulary" / "accept.txt"
    accept.parent.mkdir(parents=True)
    accept.write_text("Begorod\n", encoding="utf-8")
    accept_uri = from_fs_path(str(accept))
    assert accept_uri is not None
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=accept_uri, type=types.FileChangeType.Created)])
    )
    text = "Thousands of people in Russia's Begorod region were without power.\n"
    in_news = doc_uri(news, "begorod.md")
    in_features = doc_uri(features, "begorod.md")
    open_document(client, in_news, text)
    open_document(client, in_features, text)
    assert "News.PlaceName" in codes(await published(client, in_news, 1))
    assert "News.PlaceName" not in codes(await published(client, in_features, 1))


async def test_a_broken_configuration_in_one_folder_stays_reported(
    client: RecordingClient, folders: tuple[Path, Path]
) -> None:
    news, features = folders
    config = features / "copydesk.toml"
    config.write_text('min-level = "loud"\n', encoding="utf-8")
    config_uri = from_fs_path(str(config))
    assert config_uri is not None
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config_uri, type=types.FileChangeType.Created)])
    )
    in_features = doc_uri(features, "loud.md")
    open_document(client, in_features, "It was the the end.\n")
    assert "News.DoubledWord" in codes(await published(client, in_features, 1))
    await published(client, config_uri, where=bool)
    # Documents in the other folder do not clear it.
    in_news = doc_uri(news, "quiet.md")
    open_document(client, in_news, "It was the the end.\n")
    await published(client, in_news, 1)
    assert client.diagnostics[config_uri]
    assert sum("loud" in m.message for m in client.messages) == 1
