"""Records shared by the grammar backends and the ``grammar`` rule type."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Spelling(str, enum.Enum):
    """Which of a backend's spelling matches are reported.

    ``lowercase`` leaves capitalised words, acronyms and mixed-case words
    alone: names are the ``names`` rule's business, and a generic spell
    checker flags every foreign name. Accepted vocabulary, known places and
    known people are never reported, whatever the mode.
    """

    OFF = "off"
    LOWERCASE = "lowercase"
    ALL = "all"


@dataclass(frozen=True)
class GrammarOptions:
    """A rule's backend options, as written in its YAML file.

    ``rules`` is an allow list (only these backend rules run and are
    reported), ``enable`` turns on rules that are off by default, ``disable``
    is a deny list; ``categories``/``disable_categories`` do the same for
    the backend's categories. ``dialect`` is empty when the rule leaves it
    to the configuration.
    """

    backend: str
    dialect: str = ""
    rules: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    disable_categories: tuple[str, ...] = ()
    spelling: Spelling = Spelling.LOWERCASE
    news_defaults: bool = True
    picky: bool = False


@dataclass(frozen=True)
class BackendMatch:
    """One problem a backend found, in code points of the text it was given."""

    start: int
    end: int
    rule_id: str
    category: str
    message: str
    replacements: tuple[str, ...] = ()
    spelling: bool = False


@dataclass(frozen=True)
class BackendResult:
    """A backend's matches, plus notices for the reader (partial results)."""

    matches: tuple[BackendMatch, ...]
    notices: tuple[str, ...] = ()


class BackendError(Exception):
    """The backend could not check the text. The message is written for the
    person running copydesk: what happened and what to do about it."""


class BackendUnavailable(BackendError):
    """The backend is not installed or not configured."""
