"""Markup parsers: turn a source file into prose blocks with an offset map."""

from __future__ import annotations

import os

from lint.markup.blocks import ParsedDocument

MARKUPS = ("markdown", "html", "text")

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
}

_ALIASES = {
    "md": "markdown",
    "markdown": "markdown",
    "html": "html",
    "htm": "html",
    "text": "text",
    "txt": "text",
    "plain": "text",
}


def markup_for_path(path: str) -> str:
    """The markup of a file, judged by its extension (``text`` by default)."""
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")


def normalize_markup(name: str) -> str:
    """The canonical markup name for ``name`` or one of its aliases."""
    key = name.strip().lower()
    if key not in _ALIASES:
        valid = ", ".join(sorted(_ALIASES))
        raise ValueError(f"unknown markup {name!r}; expected one of: {valid}")
    return _ALIASES[key]


def parse(source: str, markup: str) -> ParsedDocument:
    """Parse ``source`` as ``markup`` (a name or alias)."""
    kind = normalize_markup(markup)
    if kind == "markdown":
        from lint.markup.markdown import parse_markdown

        return parse_markdown(source)
    if kind == "html":
        from lint.markup.html import parse_html

        return parse_html(source)
    from lint.markup.text import parse_text

    return parse_text(source)


__all__ = ["MARKUPS", "ParsedDocument", "markup_for_path", "normalize_markup", "parse"]
