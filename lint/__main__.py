"""``python -m lint``: the same entry point as the ``copydesk`` command."""

from __future__ import annotations

from lint.cli import run

if __name__ == "__main__":
    run()
