"""What ``diff_documents`` returns: frozen, typed, ready for any output format."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slakit.changes.codes import DIRECTIONS, Direction
from slakit.errors import UsageError

if TYPE_CHECKING:
    from slakit.changes.impact import Replay

FAIL_ON_CHOICES = ("loosened", "tightened", "changed", "any", "never")
"""What ``--fail-on`` accepts."""


@dataclass(frozen=True)
class Change:
    """One difference in meaning between the two documents."""

    code: str
    """Stable code from ``slakit.changes.codes.CODES`` (docs/diff.md)."""
    direction: Direction
    """Seen from the lead's side: ``tightened``, ``loosened`` or ``changed``."""
    path: str
    """Where, by ids and names: ``targets[speed-to-first-attempt].within``."""
    old: str | None
    """The base value as written in meaning (``None``: absent)."""
    new: str | None
    """The head value (``None``: absent)."""
    base_line: int | None
    """1-based line in the base document (``None``: not there or not known)."""
    head_line: int | None
    """1-based line in the head document."""
    message: str
    """One sentence saying what changed for the lead."""


@dataclass(frozen=True)
class DiffResult:
    """Every change between a base and a head document, in document order."""

    base: str
    """How the base was named (a path or ``REV:PATH``)."""
    head: str
    base_sha256: str
    head_sha256: str
    changes: tuple[Change, ...]

    def counts(self) -> dict[Direction, int]:
        """How many changes of each direction, in summary order."""
        return {d: sum(c.direction == d for c in self.changes) for d in DIRECTIONS}

    def render(self, fmt: str = "text", replay: Replay | None = None) -> str:
        """The diff as ``slakit diff -f FMT`` prints it (``text``, ``json``, ``markdown``,
        ``github``); with ``replay`` (``slakit.changes.replay_report``), as with
        ``--replay``."""
        from slakit.changes.formats import FORMATS, DiffReport

        if fmt not in FORMATS:
            raise UsageError(f"render takes one of {', '.join(FORMATS)}; got {fmt!r}")
        return FORMATS[fmt].render(DiffReport(self, replay))

    def summary(self) -> str:
        """``2 loosened, 1 tightened, 3 changed``, or ``no changes in meaning``."""
        if not self.changes:
            return "no changes in meaning"
        return ", ".join(f"{n} {d}" for d, n in self.counts().items())

    def fails(self, fail_on: str | Iterable[str]) -> bool:
        """True when a change of a direction named by ``--fail-on`` is present: ``loosened``,
        ``tightened``, ``changed`` (one, or several), ``any`` or ``never``. Raises
        ``UsageError`` for another word: a gate given a typo would never fail."""
        wanted = {fail_on} if isinstance(fail_on, str) else set(fail_on)
        unknown = [w for w in wanted if w not in FAIL_ON_CHOICES]
        if unknown:
            raise UsageError(f"fail_on takes {', '.join(FAIL_ON_CHOICES)}; got "
                             f"{', '.join(repr(w) for w in unknown)}")
        if "never" in wanted and len(wanted) == 1:
            return False
        if "any" in wanted:
            return bool(self.changes)
        return any(c.direction in wanted for c in self.changes)
