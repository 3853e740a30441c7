"""The language server: copydesk's findings in the editor as you type.

``copydesk lsp`` runs it over stdio (``--tcp HOST:PORT`` for TCP). It needs
the ``lsp`` extra (``pip install 'copydesk[lsp]'``: pygls and lsprotocol),
which nothing else imports, so ``copydesk check`` stays as light as before.

Modules: :mod:`~lint.lsp.server` (handlers), :mod:`~lint.lsp.session` (state
and answers), :mod:`~lint.lsp.scheduler` (debounced linting off the event
loop), :mod:`~lint.lsp.linting` (one lint of one version),
:mod:`~lint.lsp.settings` (rules, options and vocabulary per document),
:mod:`~lint.lsp.documents` (lines and positions as the protocol counts
them), :mod:`~lint.lsp.diagnostics`, :mod:`~lint.lsp.actions`,
:mod:`~lint.lsp.hover`, :mod:`~lint.lsp.accept`,
:mod:`~lint.lsp.protocol` and :mod:`~lint.lsp.startup` (answering
``initialize`` sooner).
"""

from __future__ import annotations

MISSING_EXTRA = (
    "the language server needs the 'lsp' extra; install it with: python3 -m pip install 'copydesk[lsp]'"
)


def available() -> bool:
    """Whether pygls and lsprotocol can be imported."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("pygls", "lsprotocol"))


def serve(tcp: tuple[str, int] | None = None) -> int:
    """Run the server over stdio, or over TCP at ``tcp`` (host, port)."""
    from lint.lsp import startup

    startup.begin()
    from lint.lsp.server import serve as run

    return run(tcp)
