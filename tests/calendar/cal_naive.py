"""A deliberately naive business-time oracle: walk the calendar day by day with zoneinfo.

It shares no code with ``slakit.calendar``: each date's spans are rebuilt from the spec with
``datetime.combine`` (``fold=0``) and the ``holidays`` package, unioned and intersected.
Slow and obviously right, for the differential tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from slakit.calendar import CalendarSpec

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_US = timedelta(microseconds=1)
DAY = timedelta(days=1)


def us_of(dt: datetime) -> int:
    return (dt - EPOCH) // ONE_US


def dt_of(t: int, zone: ZoneInfo) -> datetime:
    return (EPOCH + t * ONE_US).astimezone(zone)


@cache
def package_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


def closed_dates(spec: CalendarSpec, year: int) -> set[date]:
    package: frozenset[date] = frozenset()
    if spec.country:
        package = package_holidays(spec.country, spec.subdivision, year)
    return (package - set(spec.exclude)) | set(spec.include)


def date_spans(spec: CalendarSpec, d: date) -> list[tuple[int, int]]:
    """The positive-length spans (instants) that belong to local date ``d``."""
    if d in spec.overrides:
        spans = spec.overrides[d]
    elif d in closed_dates(spec, d.year):
        spans = ()
    else:
        spans = spec.weekly.get(d.weekday(), ())
    zone = ZoneInfo(spec.timezone)
    out = []
    for s, e in spans:
        start = datetime.combine(d, time(s // 60, s % 60), tzinfo=zone)
        if e == 1440:
            end = datetime.combine(d + DAY, time(0), tzinfo=zone)
        elif e > s:
            end = datetime.combine(d, time(e // 60, e % 60), tzinfo=zone)
        else:
            end = datetime.combine(d + DAY, time(e // 60, e % 60), tzinfo=zone)
        if us_of(end) > us_of(start):
            out.append((us_of(start), us_of(end)))
    return out


def local_date(spec: CalendarSpec, t: int) -> date:
    return dt_of(t, ZoneInfo(spec.timezone)).date()


def raw_spans(spec: CalendarSpec, a: int, b: int) -> list[tuple[int, int, date]]:
    """Every span of every date that could touch ``[a, b)``, with its date."""
    out = []
    d = local_date(spec, a) - 2 * DAY
    last = local_date(spec, b) + DAY
    while d <= last:
        out.extend((s, e, d) for s, e in date_spans(spec, d))
        d += DAY
    return sorted(out)


def open_intervals(spec: CalendarSpec, a: int, b: int) -> list[tuple[int, int]]:
    """The union of the open spans, clipped to ``[a, b)``."""
    merged: list[list[int]] = []
    for s, e, _ in raw_spans(spec, a, b):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(max(s, a), min(e, b)) for s, e in merged if min(e, b) > max(s, a)]


def elapsed(spec: CalendarSpec, a: int, b: int) -> int:
    if b <= a:
        return 0
    return sum(e - s for s, e in open_intervals(spec, a, b))


def add(spec: CalendarSpec, a: int, us: int) -> int:
    if us == 0:
        return a
    week = 7 * 86_400 * 1_000_000
    left, lo = us, a
    for _ in range(52 * 10):
        for s, e in open_intervals(spec, lo, lo + week):
            if e - s >= left:
                return s + left
            left -= e - s
        lo += week
    raise AssertionError("no open time in ten years")


def is_open(spec: CalendarSpec, t: int) -> bool:
    return any(s <= t < e for s, e, _ in raw_spans(spec, t, t))


def next_open(spec: CalendarSpec, t: int) -> int:
    if is_open(spec, t):
        return t
    week = 7 * 86_400 * 1_000_000
    lo = t
    for _ in range(52 * 10):
        later = [s for s, _, _ in raw_spans(spec, lo, lo + week) if s > t]
        if later:
            return min(later)
        lo += week
    raise AssertionError("no opening in ten years")


def is_after_hours(spec: CalendarSpec, t: int) -> bool:
    if is_open(spec, t):
        return False
    spans = date_spans(spec, local_date(spec, t))
    if not spans:
        return True
    return t < min(s for s, _ in spans) or t >= max(e for _, e in spans)


def open_day(spec: CalendarSpec, t: int) -> date:
    """The date of the latest-starting span containing ``t``, else of the next span."""
    containing = [(s, d) for s, e, d in raw_spans(spec, t, t) if s <= t < e]
    if containing:
        return max(containing)[1]
    s = next_open(spec, t)
    return min((d for s2, _, d in raw_spans(spec, s, s) if s2 == s))


def add_business_days(spec: CalendarSpec, a: int, n: int) -> int:
    zone = ZoneInfo(spec.timezone)
    s = next_open(spec, a)
    day = open_day(spec, s)
    for _ in range(3660):
        day += DAY
        if date_spans(spec, day):
            n -= 1
            if n == 0:
                break
    spans = date_spans(spec, day)
    first, last = min(x for x, _ in spans), max(e for _, e in spans)
    clock = dt_of(s, zone).time().replace(fold=0)
    # The first instant at or after the opening whose clock reads ``clock``: its first reading,
    # else (a time the clocks repeat) its second, else the next day's.
    due = us_of(datetime.combine(day, clock, tzinfo=zone))
    if due < first:
        due = max(due, us_of(datetime.combine(day, clock.replace(fold=1), tzinfo=zone)))
    if due < first:
        due = us_of(datetime.combine(day + DAY, clock, tzinfo=zone))
    return max(min(max(due, first), last), s)
