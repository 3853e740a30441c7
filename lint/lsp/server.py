"""``copydesk lsp``: the language server. Handlers only translate protocol
messages into :class:`~lint.lsp.session.Session` calls."""

from __future__ import annotations

import logging
import sys
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from lint import __version__
from lint.lsp import startup
from lint.lsp.actions import ADD_TO_VOCABULARY
from lint.lsp.protocol import CopydeskProtocol
from lint.lsp.session import Session


class CopydeskServer(LanguageServer):
    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log unexpected errors instead of interrupting the writer with a
        pop-up; requests already answer with their error."""
        logging.getLogger(__name__).error("%s: %s", getattr(source, "__name__", source), error)
        try:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"copydesk: {error}"))
        except Exception:  # noqa: BLE001 - nowhere left to report to
            pass


def create_server() -> CopydeskServer:
    server = CopydeskServer("copydesk", __version__, protocol_cls=CopydeskProtocol)
    session = Session(server)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        session.initialize(params)
        startup.started()

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        await session.initialized()

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        session.shutdown()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        session.opened(params.text_document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        session.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        session.saved(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        session.closed(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="copydesk", inter_file_dependencies=False, workspace_diagnostics=False),
    )
    async def diagnostic(params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        return await session.pull_diagnostics(params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return await session.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        return await session.hover(params)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        session.files_changed(params.changes)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(params: types.DidChangeConfigurationParams) -> None:
        session.configuration_changed(params.settings)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders(params: types.DidChangeWorkspaceFoldersParams) -> None:
        session.folders_changed(params.event)

    @server.command(ADD_TO_VOCABULARY)
    async def add_to_vocabulary(uri: str, word: str) -> bool:
        return await session.add_to_vocabulary(uri, word)

    return server


def serve(tcp: tuple[str, int] | None = None) -> int:
    """Run the server over stdio, or over TCP at ``tcp`` (host, port)."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="copydesk lsp: %(levelname)s %(message)s")
    server = create_server()
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)
    return 0
