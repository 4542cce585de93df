"""Errors and findings: the only vocabulary library code uses to talk about problems.

Library code raises these (never prints or exits); ``slakit.cli`` maps them to exit codes:
``DocumentError`` -> 1 (an invalid document is a failed gate), every other ``SlakitError`` -> 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    """A place in a document: 1-based line and column, as editors show them; line 0 is the
    file as a whole (a diff side read from another revision, whose lines are not the working
    tree's)."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line > 0 else self.file


@dataclass(frozen=True)
class Problem:
    """One validation result about a document.

    ``code`` is stable (see docs/checks.md); ``message`` says what is wrong and how to fix it.
    """

    code: str
    level: Level
    message: str
    location: Location


@dataclass(frozen=True)
class Finding:
    """One observation about the input data (a skipped row, a decoding fallback, ...).

    ``file`` and ``row`` are empty when the finding is about a lead rather than a row.
    ``row`` is the 1-based record number in its file, the header being row 1.
    Messages never contain PHI.
    """

    code: str
    level: Level
    message: str
    file: str = ""
    row: int | None = None
    lead_id: str = ""
    count: int = 1
    """How many occurrences this finding stands for (more than 1 for a summary of capped rows)."""


class SlakitError(Exception):
    """Base of every error slakit raises on purpose."""


class UsageError(SlakitError):
    """The command was called wrongly (exit 2)."""


class InputError(SlakitError):
    """An input file cannot be read or lacks what the document needs (exit 2)."""

    def __init__(self, message: str, *, file: str = "", row: int | None = None) -> None:
        where = file + (f":{row}" if row is not None else "")
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.row = row


@dataclass
class DocumentError(SlakitError):
    """A document is invalid: one or more problems with locations (exit 1)."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(
            f"{p.location}: {p.level} {p.code} {p.message}" for p in self.problems
        )


class DocumentReadError(SlakitError):
    """A document file cannot be read at all: missing, unreadable, not text (exit 2)."""
