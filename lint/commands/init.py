"""``copydesk init``: write a commented starter ``copydesk.toml``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from lint.writing import write_new

CONFIG_NAME = "copydesk.toml"


class InitError(Exception):
    """The starter file was not written; the message says why."""


def starter_config(packs: Mapping[str, bool]) -> str:
    """The starter file's text; ``packs`` maps pack names to on-by-default."""
    default_on = ", ".join(f'"{name}"' for name, on in sorted(packs.items()) if on)
    opt_in = ", ".join(f'"{name}"' for name, on in sorted(packs.items()) if not on) or "none shipped"
    return f"""\
# copydesk configuration. Every setting is optional; remove the leading '#'
# to use one. Paths and globs are relative to this file's folder. The
# closest copydesk.toml above a file applies to it (or [tool.copydesk] in a
# pyproject.toml); `copydesk check --config FILE` picks one explicitly.

# Build on another configuration (this file's settings win):
# extend = "../copydesk.toml"

# Packs to run. Default: every pack that is on by default ({default_on}).
# packs = [{default_on}]
# Add opt-in packs to the default selection (opt-in: {opt_in}):
# extend-packs = []

# More rule folders (a folder of packs, or one pack):
# rule-folders = ["styles"]

# Report alerts at or above this level: suggestion, warning or error.
# min-level = "suggestion"
# Exit with status 1 when an alert at or above this level is reported.
# fail-level = "error"

# Files to skip when folders are walked (and, with force-exclude = true,
# also when they are named on the command line, as pre-commit does).
# exclude = ["archive/**", "drafts"]
# force-exclude = false

# Vocabularies: folders holding accept.txt and/or reject.txt, one term a line.
# vocabularies = ["styles/vocabulary/Newsroom"]

# One rule or a whole pack: a level (suggestion, warning, error) or "off".
[rules]
# "News.DoubledWord" = "off"
# Redundancy = "suggestion"

# Markup per glob: markdown, html or text (default: from the extension).
[markup]
# "*.txt" = "markdown"

# Settings for some files only; later overrides win over earlier ones.
# [[overrides]]
# files = ["opinion/**"]
# min-level = "warning"
# rules = {{ "News.RepeatedModifier" = "off" }}
"""


def write_starter(folder: str | os.PathLike[str], packs: Mapping[str, bool], force: bool = False) -> Path:
    """Write ``copydesk.toml`` in ``folder``; an existing configuration is
    kept unless ``force``."""
    target = Path(folder) / CONFIG_NAME
    if not Path(folder).is_dir():
        raise InitError(f"{folder}: no such folder")
    if not force:
        for name in (CONFIG_NAME, ".copydesk.toml"):
            existing = Path(folder) / name
            if existing.exists():
                raise InitError(f"{existing}: a configuration already exists (use --force to replace it)")
        pyproject = Path(folder) / "pyproject.toml"
        if pyproject.is_file() and "[tool.copydesk" in pyproject.read_text(encoding="utf-8", errors="replace"):
            raise InitError(f"{pyproject}: already holds [tool.copydesk] (use --force to write {CONFIG_NAME} anyway)")
    write_new(target, starter_config(packs))
    return target
