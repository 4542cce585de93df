"""``Timeline``: a calendar's tables, built lazily for the years queries need, with bounded growth.

Every search forward (for open time, an opening, open days) grows the tables a few years at a
time and gives up with ``CalendarNeverOpens`` after ``SEARCH_YEARS`` years that added nothing,
so no query can loop forever.

The tables are numpy arrays: ``slakit.calendar.tables`` is imported by the first build, not
by this module, so a ``Timeline`` that never answers a query never imports numpy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from slakit.calendar.errors import CalendarNeverOpens, CalendarRangeError
from slakit.calendar.spec import DayRules
from slakit.calendar.zone import DAY_US, utc_year_of, utc_year_start_us

if TYPE_CHECKING:
    from slakit.calendar.tables import RawYear, Tables

MIN_YEAR, MAX_YEAR = 1800, 2500
"""Years a calendar computes; instants and due times outside raise ``CalendarRangeError``."""
SEARCH_YEARS = 8
"""A forward search that runs this many years without finding anything gives up."""
_MAX_STEP = 50


def _total(t: Tables) -> int:
    return t.total


def _open_days(t: Tables) -> int:
    return len(t.open_days)


class Timeline:
    """The tables of one calendar; ``tables(a, b)`` returns ones exact on ``[a, b]``."""

    def __init__(self, name: str, timezone: str, rules: DayRules) -> None:
        self.name, self.timezone, self.rules = name, timezone, rules
        self._years: dict[int, RawYear] = {}
        self.current: Tables | None = None

    def tables(self, a: int, b: int) -> Tables:
        """Return tables exact for instants ``a <= b`` (``lo <= a``, ``b < hi``)."""
        t = self.current
        if t is not None and t.lo <= a and b < t.hi:
            return t
        y0, y1 = _year(a - 3 * DAY_US), _year(b + DAY_US)
        if t is not None:
            y0, y1 = min(y0, t.y0), max(y1, t.y1)
        return self._build(y0, y1)

    def _build(self, y0: int, y1: int) -> Tables:
        from slakit.calendar.tables import RawYear, Tables, zone_table  # numpy: on first build

        if y0 < MIN_YEAR or y1 > MAX_YEAR:
            raise CalendarRangeError(
                f"calendar {self.name!r}: business time is computed for the years {MIN_YEAR}-"
                f"{MAX_YEAR}; this needs {max(y0, MIN_YEAR - 1)}-{min(y1, MAX_YEAR + 1)}")
        for year in range(y0, y1 + 1):
            if year not in self._years:
                self._years[year] = RawYear(self.rules, zone_table(self.timezone, year, year),
                                            year)
        t = Tables([self._years[y] for y in range(y0, y1 + 1)], y0, y1,
                   zone_table(self.timezone, y0, y1))
        self.current = t
        return t

    def grow(self, t: Tables, years: int, dry: list[int],
             measure: Callable[[Tables], int] = _open_days) -> Tables:
        """Return tables ``years`` longer; ``dry[0]`` counts the years in a row that added
        nothing to ``measure`` (open time, open days) and stops the search at eight."""
        grown = self._build(t.y0, t.y1 + years)
        if measure(grown) == measure(t):
            dry[0] += years
            if dry[0] >= SEARCH_YEARS:
                raise CalendarNeverOpens(
                    f"calendar {self.name!r} has no open time in the {dry[0]} years up to "
                    f"{grown.y1}: give it weekly hours")
        else:
            dry[0] = 0
        return grown

    def more_time(self, t: Tables, needed: int, dry: list[int]) -> Tables:
        """Return tables longer by about enough years to hold ``needed`` more open time."""
        per_year = t.total // (t.y1 - t.y0 + 1)
        step = 1 if per_year == 0 else min(max(1, -(-needed // per_year)), _MAX_STEP)
        return self.grow(t, step, dry, _total)

    def more_days(self, t: Tables, needed: int, dry: list[int]) -> Tables:
        """Return tables longer by about enough years to hold ``needed`` more open days."""
        per_year = len(t.open_days) // (t.y1 - t.y0 + 1)
        step = 1 if per_year == 0 else min(max(1, -(-needed // per_year)), _MAX_STEP)
        return self.grow(t, step, dry, _open_days)


_FIRST_US = utc_year_start_us(MIN_YEAR)
_END_US = utc_year_start_us(MAX_YEAR + 1)


def _year(t: int) -> int:
    """Return the UTC year of ``t``, clamped to just outside the computable years."""
    if t < _FIRST_US:
        return MIN_YEAR - 1
    if t >= _END_US:
        return MAX_YEAR + 1
    return utc_year_of(t)
