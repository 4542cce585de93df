"""``Calendar``: business time on epoch microseconds, one instant at a time or in numpy bulk.

Business time is a monotone function of the instant, ``cum(t)``: the open time from a fixed
origin. ``elapsed`` is ``cum(b) - cum(a)`` (two binary searches) and ``add`` its inverse.
The arrays behind ``cum`` are built lazily for the years the queries need and cached.

numpy is imported on first use, not with this package. Constructing a ``Calendar`` checks the
spec (``spec``, ``zone``, ``timeline``: plain Python), which is all ``slakit validate`` does, so
validating a document imports no numpy. The numpy half is two modules: ``tables``, imported
by ``Timeline`` when the first query (scalar or vectorized) builds the tables, which the
scalar methods then read as lists with ``bisect``; and ``vector``, imported by the ``_v``
methods below.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from slakit.calendar.spec import CalendarSpec, holiday_name, rules_of, zone_of
from slakit.calendar.timeline import Timeline
from slakit.calendar.zone import DAY_US, EPOCH_ORDINAL, datetime_of, instant_of

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from numpy.typing import ArrayLike

    from slakit.calendar.tables import I64, Tables


NOTE_DAYS = 62
"""``day_notes`` looks at spans of at most this many days (a closed stretch is short)."""


def _span_text(span: tuple[int, int]) -> str:
    """Minutes from midnight as ``08:00-12:00``."""
    (h0, m0), (h1, m1) = divmod(span[0], 60), divmod(span[1], 60)
    return f"{h0:02d}:{m0:02d}-{h1:02d}:{m1:02d}"


class Calendar:
    """Business time of one calendar (see ``docs/calendar.md``).

    Instants are ``int`` epoch microseconds UTC, durations ``int`` microseconds; each scalar
    method has a ``_v`` twin over numpy ``int64`` arrays that equals it elementwise.

    >>> cal = Calendar(CalendarSpec("UTC", {0: ((540, 1020),)}))   # Mondays 09:00-17:00
    >>> monday_9 = 1_768_208_400_000_000                             # 2026-01-12 09:00 UTC
    >>> cal.elapsed(monday_9 - 3_600_000_000, monday_9 + 3_600_000_000) // 60_000_000
    60
    """

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        self.timezone = spec.timezone
        self.name = spec.name
        self._zone = zone_of(spec.timezone)
        rules = rules_of(spec)
        self._line = Timeline(spec.name, spec.timezone, rules)
        whole_days = [any(e == s or (s, e) == (0, 1440) for s, e in day) for day in rules.weekly]
        self.is_24x7: bool = (all(whole_days) and not spec.country and not spec.include
                              and not spec.overrides)
        """Open at every instant, so elapsed is wall time (the built-in ``24x7`` is such)."""

    @classmethod
    def always_open(cls, timezone: str = "UTC") -> Calendar:
        """Return the built-in ``24x7`` calendar (its zone matters only to ``Nbd`` and dates)."""
        return cls(CalendarSpec(timezone, dict.fromkeys(range(7), ((0, 1440),)), name="24x7"))

    def __repr__(self) -> str:
        return f"Calendar({self.name or '<unnamed>'!r}, {self.timezone!r})"

    # -- scalar core ----------------------------------------------------------------------------

    def elapsed(self, a: int, b: int) -> int:
        """Return the open microseconds in ``[a, b)`` (0 when ``b <= a``)."""
        if b <= a:
            return 0
        if self.is_24x7:
            return b - a
        t = self._line.current
        if t is None or a < t.lo or b >= t.hi:
            t = self._line.tables(a, b)
        starts, ends = t.starts_l, t.ends_l
        i = bisect_right(starts, b) - 1
        if i < 0:
            return 0
        cb = t.cum_l[i] + (b - starts[i] if b < ends[i] else ends[i] - starts[i])
        i = bisect_right(starts, a) - 1
        if i < 0:
            return cb
        return cb - t.cum_l[i] - (a - starts[i] if a < ends[i] else ends[i] - starts[i])

    def add(self, a: int, us: int) -> int:
        """Return the earliest instant ``t >= a`` with ``elapsed(a, t) == us``: the due time.

        A budget that runs out exactly at a close is due at the close, not at the next opening.
        """
        if us <= 0:
            if us < 0:
                raise ValueError(f"a budget cannot be negative: {us}")
            return a
        if self.is_24x7:
            return a + us
        t = self._line.tables(a, a)
        dry = [0]
        while True:
            target = _cum(t, a) + us
            if target <= t.total:
                break
            t = self._line.more_time(t, target - t.total, dry)
        j = bisect_left(t.cumend_l, target)
        return t.starts_l[j] + (target - t.cum_l[j])

    def is_open(self, t: int) -> bool:
        """Tell whether instant ``t`` is inside an open span."""
        if self.is_24x7:
            return True
        tb = self._line.tables(t, t)
        i = bisect_right(tb.starts_l, t) - 1
        return i >= 0 and t < tb.ends_l[i]

    def next_open(self, t: int) -> int:
        """Return ``t`` if open, else the next opening instant."""
        if self.is_24x7:
            return t
        tb = self._line.tables(t, t)
        dry = [0]
        while True:
            i = bisect_right(tb.starts_l, t) - 1
            if i >= 0 and t < tb.ends_l[i]:
                return t
            if i + 1 < len(tb.starts_l):
                return tb.starts_l[i + 1]
            tb = self._line.grow(tb, 1, dry)

    def _owner(self, t: int) -> tuple[Tables, int]:
        """Return tables and the ordinal of the open day instant ``t`` belongs to."""
        tb = self._line.tables(t, t)
        dry = [0]
        while True:
            i = bisect_right(tb.own_ends_l, t)
            if i < len(tb.own_ends_l):
                return tb, tb.own_days_l[i]
            tb = self._line.grow(tb, 1, dry)

    def open_day(self, t: int) -> date:
        """Return the open day of the span ``t`` is in, or while closed, of the next span."""
        return date.fromordinal(self._owner(t)[1])

    def is_after_hours(self, t: int) -> bool:
        """Tell whether ``t`` is outside the envelope of its local date's spans.

        That is before the date's first opening, at or after its last close, or on a closed
        date. An instant inside any open span (an overnight span begun the day before) is not
        after hours, nor is a gap between the date's spans (lunch).
        """
        if self.is_24x7:
            return False
        tb = self._line.tables(t, t)
        i = bisect_right(tb.starts_l, t) - 1
        if i >= 0 and t < tb.ends_l[i]:
            return False
        k = tb.zone.local(t) // DAY_US + EPOCH_ORDINAL - tb.base
        return t < tb.env_lo_l[k] or t >= tb.env_hi_l[k]

    def add_business_days(self, a: int, n: int) -> int:
        """Return the due time of an ``Nbd`` budget started at ``a`` (LANGUAGE.md "Durations").

        A closed start moves to the next opening ``s``. With ``D`` the open day of ``s`` and
        ``E`` the ``n``-th open day after ``D``, the due time is the first instant at or after
        ``E``'s first opening whose wall clock reads that of ``s``, or ``E``'s last close if that
        comes first; never before ``s``.
        """
        if n < 1:
            raise ValueError(f"a business-day budget is at least 1bd, got {n}")
        s = self.next_open(a)
        t, day = self._owner(s)
        dry = [0]
        k = bisect_left(t.open_days_l, day)
        while k + n >= len(t.open_days_l):
            t = self._line.more_days(t, k + n + 1 - len(t.open_days_l), dry)
            k = bisect_left(t.open_days_l, day)
        target = t.open_days_l[k + n]
        first, last = t.env_lo_l[target - t.base], t.env_hi_l[target - t.base]
        clock = t.zone.local(s) % DAY_US
        midnight = (target - EPOCH_ORDINAL) * DAY_US
        due = t.zone.instant(midnight + clock)
        if due < first:  # a time the clocks repeat: its second reading may be after opening
            due = t.zone.instant_last(midnight + clock)
        if due < first:
            due = t.zone.instant(midnight + DAY_US + clock)
        # Only spans that overlap across midnight can put that day's last close before ``s``.
        return max(min(max(due, first), last), s)

    def day_notes(self, a: int, b: int) -> list[tuple[date, str]]:
        """The local dates from ``a``'s to ``b``'s whose hours are not their weekday's, and
        why: a public holiday (the ``holidays`` package's name), an ``include`` date, or an
        override (its spans). For ``explain``, to name what closed or shortened a day."""
        first, last = self.to_datetime(a).date(), self.to_datetime(b).date()
        if last < first or (last - first).days > NOTE_DAYS:
            return []
        rules = self._line.rules
        out: list[tuple[date, str]] = []
        day = first
        while day <= last:
            ordinal = day.toordinal()
            override = rules.overrides.get(ordinal)
            if override is not None:
                hours = ", ".join(_span_text(s) for s in override) if override else "closed"
                out.append((day, f"override {hours}"))
            elif ordinal in rules.closed(day.year) and rules.weekly[day.weekday()]:
                out.append((day, self._closed_because(day)))
            day += timedelta(days=1)
        return out

    def _closed_because(self, day: date) -> str:
        if self.spec.country:
            name = holiday_name(self.spec.country, self.spec.subdivision, day)
            if name is not None:
                return name
        return "closed: an extra holiday of this calendar (its holidays include it)"

    def open_spans(self, a: int, b: int) -> list[tuple[int, int]]:
        """Return the open intervals ``[start, end)`` within ``[a, b)``, in order."""
        if b <= a:
            return []
        if self.is_24x7:
            return [(a, b)]
        t = self._line.tables(a, b)
        lo = bisect_right(t.ends_l, a)
        hi = bisect_left(t.starts_l, b)
        return [(max(s, a), min(e, b))
                for s, e in zip(t.starts_l[lo:hi], t.ends_l[lo:hi], strict=True)]

    # -- vectorized twins: each imports ``vector`` (and numpy) on first use ---------------------

    def elapsed_v(self, a: ArrayLike, b: ArrayLike) -> I64:
        """Vectorized ``elapsed`` (arrays broadcast, scalars too)."""
        from slakit.calendar import vector

        return vector.elapsed_v(self._line, self.is_24x7, *vector.pair(a, b))

    def add_v(self, a: ArrayLike, us: ArrayLike) -> I64:
        """Vectorized ``add``."""
        from slakit.calendar import vector

        return vector.add_v(self._line, self.is_24x7, *vector.pair(a, us))

    def is_open_v(self, t: ArrayLike) -> npt.NDArray[np.bool_]:
        """Vectorized ``is_open``."""
        from slakit.calendar import vector

        return vector.is_open_v(self._line, self.is_24x7, vector.one(t))

    def next_open_v(self, t: ArrayLike) -> I64:
        """Vectorized ``next_open``."""
        from slakit.calendar import vector

        return vector.next_open_v(self._line, self.is_24x7, vector.one(t))

    def open_day_v(self, t: ArrayLike) -> I64:
        """Vectorized ``open_day``, as proleptic ordinals (``date.fromordinal`` reads them)."""
        from slakit.calendar import vector

        return vector.owner_v(self._line, vector.one(t))[1]

    def is_after_hours_v(self, t: ArrayLike) -> npt.NDArray[np.bool_]:
        """Vectorized ``is_after_hours``."""
        from slakit.calendar import vector

        return vector.is_after_hours_v(self._line, self.is_24x7, vector.one(t))

    def add_business_days_v(self, a: ArrayLike, n: int) -> I64:
        """Vectorized ``add_business_days``."""
        if n < 1:
            raise ValueError(f"a business-day budget is at least 1bd, got {n}")
        from slakit.calendar import vector

        return vector.add_business_days_v(self._line, self.is_24x7, vector.one(a), n)

    # -- datetime conveniences ------------------------------------------------------------------

    def elapsed_dt(self, a: datetime, b: datetime) -> timedelta:
        """Return the open time between two aware datetimes."""
        return timedelta(microseconds=self.elapsed(instant_of(a), instant_of(b)))

    def add_dt(self, a: datetime, d: timedelta) -> datetime:
        """Return the due time of budget ``d`` started at ``a``, in the calendar's zone."""
        return datetime_of(self.add(instant_of(a), d // timedelta(microseconds=1)), self._zone)

    def add_business_days_dt(self, a: datetime, n: int) -> datetime:
        """Return the ``Nbd`` due time started at ``a``, in the calendar's zone."""
        return datetime_of(self.add_business_days(instant_of(a), n), self._zone)

    def open_spans_dt(self, a: datetime, b: datetime) -> list[tuple[datetime, datetime]]:
        """Return ``open_spans`` as datetimes in the calendar's zone."""
        return [(datetime_of(s, self._zone), datetime_of(e, self._zone))
                for s, e in self.open_spans(instant_of(a), instant_of(b))]

    def to_datetime(self, t: int) -> datetime:
        """Return instant ``t`` as an aware datetime in the calendar's zone."""
        return datetime_of(t, self._zone)


def _cum(t: Tables, x: int) -> int:
    """Return the open time from the tables' first span up to instant ``x``."""
    i = bisect_right(t.starts_l, x) - 1
    if i < 0:
        return 0
    s, e = t.starts_l[i], t.ends_l[i]
    return t.cum_l[i] + (x - s if x < e else e - s)
