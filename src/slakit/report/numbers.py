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


def percent_text(value: Fraction | None) -> str:
    """``93.1%`` (one decimal), or ``no data``."""
    if value is None:
        return "no data"
    exact = Decimal(value.numerator) / Decimal(value.denominator) * 100
    return f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_EVEN)}%"


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
