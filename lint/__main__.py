"""``python -m lint``: the same entry point as the ``copydesk`` command."""

from __future__ import annotations

import sys

from lint.cli import main

if __name__ == "__main__":
    sys.exit(main())
