"""What a run produced, handed to the formatters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lint.alerts import Alert, Level


@dataclass(frozen=True)
class FileReport:
    path: str
    markup: str
    source: str
    alerts: tuple[Alert, ...]


@dataclass(frozen=True)
class Summary:
    files: int
    alerts: int
    errors: int
    warnings: int
    suggestions: int


@dataclass(frozen=True)
class Report:
    files: tuple[FileReport, ...]
    errors: tuple[str, ...] = ()

    def summary(self) -> Summary:
        alerts = [a for f in self.files for a in f.alerts]
        return Summary(
            files=len(self.files),
            alerts=len(alerts),
            errors=sum(a.level is Level.ERROR for a in alerts),
            warnings=sum(a.level is Level.WARNING for a in alerts),
            suggestions=sum(a.level is Level.SUGGESTION for a in alerts),
        )

    def worst_level(self) -> Level | None:
        levels: Sequence[Level] = [a.level for f in self.files for a in f.alerts]
        return max(levels) if levels else None
