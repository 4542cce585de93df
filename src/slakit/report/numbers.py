"""Rounding and formatting rules shared by every report format (CLI.md)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

_US_PER_MINUTE = 60_000_000


def minutes(us: int | None) -> float | None:
    """Microseconds as minutes, rounded half-even to 2 decimals."""
    if us is None:
        return None
    value = Decimal(us) / Decimal(_US_PER_MINUTE)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def share(value: Fraction | None) -> float | None:
    """An exact share rounded half-even to 4 decimals for output."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN))


def percent_text(value: Fraction | None, decimals: int = 1) -> str:
    """``93.1%`` (one decimal unless asked for more), rounded half-even from the exact value,
    or ``no data``."""
    if value is None:
        return "no data"
    units = round(value * 100 * 10**decimals)  # round() of a Fraction is exact, half-even
    if decimals == 0:
        return f"{units}%"
    digits = str(abs(units)).rjust(decimals + 1, "0")
    return f"{'-' * (units < 0)}{digits[:-decimals]}.{digits[-decimals:]}%"


GOAL_DECIMALS = 12
"""An objective that no decimal writes exactly (``--fail-under`` given as a fraction, 2/3) is
shown with this many."""


def _goal_decimals(goal: Fraction | None) -> int:
    """The fewest decimals (at least 1) that write an objective exactly: 1 for 95%, 2 for
    88.11%, 5 for 86.66666%."""
    if goal is None:
        return 1
    return next((d for d in range(1, GOAL_DECIMALS) if (goal * 100 * 10**d).denominator == 1),
                GOAL_DECIMALS)


def objective_text(goal: Fraction | None) -> str:
    """An objective as it was written: ``95.0%``, ``88.11%`` (never rounded to ``88.1%``;
    one no decimal writes exactly, to ``GOAL_DECIMALS``)."""
    return percent_text(goal, _goal_decimals(goal))


def percent_pair(value: Fraction | None, goal: Fraction | None,
                 most: int = 4) -> tuple[str, str]:  # fmt: skip
    """``percent_text`` of a compliance and its goal, with as many decimals (up to ``most``)
    as it takes to show them apart when they differ: 0.62% against a 0.63% goal, not 0.6% and
    0.6%; and at least as many as write the goal exactly (``objective_text``)."""
    for decimals in range(_goal_decimals(goal), max(most, _goal_decimals(goal)) + 1):
        a, b = percent_text(value, decimals), percent_text(goal, decimals)
        if value is None or goal is None or value == goal or a != b:
            return a, b
    return a, b


def nearest_rank(values: Sequence[int], pct: int) -> int | None:
    """The nearest-rank percentile of ``values`` (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct * len(ordered) / 100))
    return ordered[rank - 1]


def instant(us: int | None, zone: ZoneInfo) -> str:
    """ISO 8601 with the offset of ``zone``, to the second; empty for None."""
    if us is None:
        return ""
    moment = dt.datetime.fromtimestamp(us // 1_000_000, tz=dt.UTC).astimezone(zone)
    return moment.isoformat(timespec="seconds")


def compliance(met: int, breached: int) -> Fraction | None:
    """met / (met + breached), exact; None when there is nothing to judge."""
    judged = met + breached
    return Fraction(met, judged) if judged else None


