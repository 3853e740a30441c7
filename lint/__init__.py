"""copydesk: an editorial linter for newsrooms."""

from __future__ import annotations

__version__ = "0.1.0"
