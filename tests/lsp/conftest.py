"""Helpers for the language server's end-to-end tests: a test client that
records every publishDiagnostics (with its version), a project folder with
the demo rules, and small functions to drive documents."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Union

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
DEMO_RULES = REPO / "tests" / "data" / "rules" / "Demo"
TIMEOUT = 30.0
HEDGE_LINK = "https://style.example.org/hedging"


class RecordingClient(LanguageClient):
    """A pytest-lsp client that keeps every diagnostics notification and
    every capability the server registers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []


def _publish(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _register(client: RecordingClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def _command_or_action(converter: Any) -> Callable[[Any, Any], types.Command | types.CodeAction]:
    """lsprotocol reads any code action that has a ``command`` as a Command;
    a Command's ``command`` is a string, a CodeAction's an object."""

    def structure(value: Any, _: Any) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)  # type: ignore[no-any-return]
        return converter.structure(value, types.CodeAction)  # type: ignore[no-any-return]

    return structure


def _converter() -> Any:
    converter = default_converter()
    converter.register_structure_hook(
        Union[types.Command, types.CodeAction], _command_or_action(converter)  # noqa: UP007 - the hook's key
    )
    return converter


def make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _publish
    features[types.CLIENT_REGISTER_CAPABILITY] = _register
    register_lsp_features(client, features)
    return client


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def server_config() -> ClientServerConfig:
    return ClientServerConfig(
        server_command=[sys.executable, "-m", "lint", "lsp"],
        client_factory=make_client,
        server_env=server_env(),
    )


def make_project(root: Path) -> Path:
    """A workspace folder with a copy of the demo rules in ``rules/Demo``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEMO_RULES, root / "rules" / "Demo")
    hedge = root / "rules" / "Demo" / "Hedge.yml"
    hedge.write_text(hedge.read_text(encoding="utf-8") + f"link: {HEDGE_LINK}\n", encoding="utf-8")
    return root


def capabilities(
    encodings: Sequence[str] = (types.PositionEncodingKind.Utf16,),
    pull: bool = False,
    versioned: bool = False,
    configuration: bool = False,
) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=list(encodings)),
        text_document=types.TextDocumentClientCapabilities(
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            code_action=types.CodeActionClientCapabilities(),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=versioned),
            configuration=configuration,
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            did_change_configuration=types.DidChangeConfigurationClientCapabilities(),
        ),
    )


async def initialize(
    client: LanguageClient,
    project: Path,
    options: dict[str, Any] | None = None,
    caps: types.ClientCapabilities | None = None,
) -> types.InitializeResult:
    uri = from_fs_path(str(project))
    assert uri is not None
    params = types.InitializeParams(
        capabilities=caps or capabilities(),
        root_uri=uri,
        workspace_folders=[types.WorkspaceFolder(uri=uri, name=project.name)],
        initialization_options={"rules": ["rules"], "debounce": 0} if options is None else options,
    )
    return await client.initialize_session(params)


def doc_uri(project: Path, name: str) -> str:
    uri = from_fs_path(str(project / name))
    assert uri is not None
    return uri


def open_document(client: LanguageClient, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def replace(client: LanguageClient, uri: str, version: int, edit_range: types.Range, text: str) -> None:
    """An incremental change."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=edit_range, text=text)],
        )
    )


def replace_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def published(
    client: RecordingClient,
    uri: str,
    version: int | None = None,
    where: Callable[[Sequence[types.Diagnostic]], bool] = lambda _: True,
    timeout: float = TIMEOUT,
) -> list[types.Diagnostic]:
    """The first diagnostics published for ``uri`` (at ``version``) that satisfy ``where``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in client.published:
            if params.uri == uri and (version is None or params.version == version) and where(params.diagnostics):
                return list(params.diagnostics)
        if asyncio.get_running_loop().time() > deadline:
            got = [(p.version, [d.code for d in p.diagnostics]) for p in client.published if p.uri == uri]
            raise AssertionError(f"no matching diagnostics for {uri} (version {version}); got {got}")
        await asyncio.sleep(0.01)


def rng(line: int, start: int, end_line: int | None = None, end: int | None = None) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line if end_line is None else end_line, character=start if end is None else end),
    )


def codes(diagnostics: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def by_code(diagnostics: Sequence[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, f"expected one {code}, got {[(d.code, d.range) for d in diagnostics]}"
    return found[0]


def utf16_to_index(line: str, units: int) -> int:
    """Code point index of a UTF-16 column (the test's own oracle)."""
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply UTF-16 text edits to ``text`` as an editor would (lines end at
    \\n, \\r\\n or \\r)."""
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        line = lines[position.line].rstrip("\r\n")
        return starts[position.line] + utf16_to_index(line, position.character)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def split_lines(text: str) -> list[str]:
    """Lines with their endings (\n, \r\n or a lone \r)."""
    lines: list[str] = []
    current = ""
    index = 0
    while index < len(text):
        char = text[index]
        current += char
        if char == "\r" and text[index + 1 : index + 2] == "\n":
            current += "\n"
            index += 1
        if char in "\r\n":
            lines.append(current)
            current = ""
        index += 1
    if current:
        lines.append(current)
    return lines


def edits_of(edit: types.WorkspaceEdit | None, uri: str) -> list[types.TextEdit]:
    assert edit is not None
    if edit.document_changes:
        out: list[types.TextEdit] = []
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            out.extend(e for e in change.edits if isinstance(e, types.TextEdit))
        return out
    assert edit.changes is not None
    return list(edit.changes[uri])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("newsroom"))
