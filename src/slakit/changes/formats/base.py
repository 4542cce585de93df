"""The interface every diff output format implements, and number formatting they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from slakit.changes.change import DiffResult
from slakit.report.numbers import instant, percent_text
from slakit.words import counted

if TYPE_CHECKING:  # the replay module brings evaluation and numpy: only --replay imports it
    from slakit.changes.impact import Replay, TargetImpact


@dataclass(frozen=True)
class DiffReport:
    """What ``slakit diff`` shows: the changes and, with ``--replay``, their impact."""

    result: DiffResult
    replay: Replay | None = None


class DiffFormat(ABC):
    """One output format: renders a whole diff report to text."""

    name: str
    machine: bool
    """Machine formats are byte-reproducible and never carry color."""

    @abstractmethod
    def render(self, report: DiffReport) -> str:
        """Return the whole document, ending with a newline."""


def points(value: Fraction | None) -> str:
    """A compliance delta in points with its sign, one decimal: ``-2.5``, ``+0.4``, ``0.0``."""
    if value is None:
        return "n/a"
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    return "0.0" if rounded == 0 else f"{rounded:+}"


def points_number(value: Fraction | None) -> float | None:
    """A compliance delta in points for JSON: rounded half-even to 2 decimals."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def as_of_text(replay: Replay) -> str:
    """The shared as-of in the base document's zone, ISO 8601 to the second."""
    return instant(replay.as_of, ZoneInfo(replay.timezone))


def lines_text(base: int | None, head: int | None, arrow: str = "->") -> str:
    """``12 -> 14``, ``12 -> -`` or ``- -> 14``."""
    return f"{'-' if base is None else base} {arrow} {'-' if head is None else head}"


def impact_text(t: TargetImpact) -> str:
    """One target's replay in words: ``93.1% -> 95.0% (+1.9 points), 12 leads changed
    status``; a target only one side has is ``removed (was ...)`` or ``added (...)``, as its
    leads did not change status, they lost or gained the target."""
    if not t.in_head:
        return (f"removed (was {percent_text(t.old_compliance)} over "
                f"{counted(t.old_judged, 'judged lead')})")
    if not t.in_base:
        return (f"added ({percent_text(t.new_compliance)} over "
                f"{counted(t.new_judged, 'judged lead')})")
    return (f"{percent_text(t.old_compliance)} -> {percent_text(t.new_compliance)} "
            f"({points(t.delta_points)} points), "
            f"{counted(t.changed_leads, 'lead')} changed status")
