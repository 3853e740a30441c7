"""pygls' protocol with three corrections the server relies on.

* A request whose parameters do not match the protocol's types is answered
  with a JSON-RPC ``InvalidParams`` error. (pygls rejects the message before
  it reaches a handler and would otherwise leave the request unanswered, so
  the client waits forever.)
* Open documents are :class:`~lint.lsp.documents.LspTextDocument`, whose lines
  end only where the protocol says lines end.
* A future is forgotten once it is done. pygls keeps the future of every
  handler it runs in ``_request_futures`` (so that ``$/cancelRequest`` and
  ``shutdown`` can cancel it) and removes only those of requests, when it
  answers them: the futures of notifications handled by its built-in
  (generator) handlers, such as every ``didChange``, and of the handlers
  they call stayed there for good, about 2 KB per keystroke. Likewise a
  request to the editor that the server stopped waiting for (an editor that
  never answers ``workspace/configuration``) is forgotten.
"""

from __future__ import annotations

import uuid
from collections.abc import Generator
from dataclasses import dataclass
from functools import partial
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from lint.lsp.documents import LspWorkspace


@dataclass(frozen=True)
class RejectedRequest:
    """A request that could not be read; answered with ``error``."""

    id: int | str
    method: str
    error: JsonRpcException


class CopydeskProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            msg_id = data.get("id")
            method = data.get("method")
            if "jsonrpc" in data and isinstance(msg_id, (int, str)) and isinstance(method, str):
                cause = exc.__cause__ or exc
                detail = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
                error = JsonRpcInvalidParams(f"invalid params for {method}: {detail}")
                return RejectedRequest(msg_id, method, error)
            raise

    def handle_message(self, message: Any) -> None:
        if isinstance(message, RejectedRequest):
            self._send_response(message.id, None, message.error.to_response_error())
            return
        super().handle_message(message)

    def _execute_handler(self, msg_id: Any, *args: Any, **kwargs: Any) -> None:
        super()._execute_handler(msg_id, *args, **kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(partial(self._forget_future, msg_id))

    def _forget_future(self, msg_id: Any, future: Any) -> None:
        # Only this future: a client may use a request's id again once the
        # request is answered.
        if self._request_futures.get(msg_id) is future:
            self._request_futures.pop(msg_id, None)

    def send_request(self, method: str, params: Any = None, callback: Any = None, msg_id: Any = None) -> Any:
        if msg_id is None:
            msg_id = str(uuid.uuid4())
        future = super().send_request(method, params, callback, msg_id)
        future.add_done_callback(partial(self._forget_request, msg_id))
        return future

    def _forget_request(self, msg_id: Any, future: Any) -> None:
        # An answer removed it already; a request given up on (cancelled)
        # would otherwise stay.
        if self._request_futures.get(msg_id) is future:
            self._request_futures.pop(msg_id, None)
            self._result_types.pop(msg_id, None)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Generator[Any, Any, types.InitializeResult]:
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        plain = self.workspace
        self._workspace = LspWorkspace(
            plain.root_uri,
            types.TextDocumentSyncKind.Incremental,
            list(plain.folders.values()),
            plain.position_encoding,
        )
        return result
