"""Records that flow out of the engine: levels, fixes and alerts."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.IntEnum):
    """Alert severity, ordered so that comparisons mean 'at least'."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Level:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown level {value!r}; expected one of: suggestion, warning, error"
            ) from None


LEVEL_NAMES = ("suggestion", "warning", "error")


class Applicability(str, enum.Enum):
    """How far a fix can be trusted (ruff's Applicability)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True)
class Edit:
    """Replace the half-open source range [offset, end_offset) with text."""

    offset: int
    end_offset: int
    text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability


@dataclass(frozen=True)
class Finding:
    """What a check reports: a source range, a message and an optional fix.

    Offsets are character offsets into the source file, taken from a block's
    offset map (never from searching the source). ``rule_suffix`` names a
    sub-rule (a grammar backend's rule): the alert's rule id becomes
    ``Pack.Rule/suffix``.
    """

    offset: int
    end_offset: int
    message: str
    fix: Fix | None = None
    rule_suffix: str = ""


@dataclass(frozen=True)
class Alert:
    """A finding placed in its file: rule, level and 1-based positions.

    Columns and offsets count characters; ``end_line``/``end_column`` are
    exclusive, like ``end_offset``.
    """

    rule: str
    level: Level
    message: str
    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    link: str = ""
    fix: Fix | None = None

    @property
    def severity(self) -> str:
        return self.level.label

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.offset, self.end_offset, self.rule, self.message)
