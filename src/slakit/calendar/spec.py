"""What a calendar is made of (``CalendarSpec``) and its checked, normalised form."""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slakit.calendar import regions
from slakit.calendar.errors import (
    CalendarNeverOpens,
    InvalidSpan,
    UnknownHolidayRegion,
    UnknownTimezone,
)
from slakit.zones import zone_info

Span = tuple[int, int]
"""``(start_min, end_min)`` from local midnight; an end <= start spills into the next day."""

DAY_MIN = 1440


@dataclass(frozen=True)
class CalendarSpec:
    """One ``calendars`` entry of a document, in plain values.

    Example: a clinic open 08:00-12:00 and 13:00-17:00 on weekdays, closed on US holidays::

        CalendarSpec("America/Chicago", {d: ((480, 720), (780, 1020)) for d in range(5)},
                     country="US")
    """

    timezone: str
    """IANA zone the spans are read in, e.g. ``America/New_York``."""
    weekly: Mapping[int, tuple[Span, ...]]
    """Weekday (0 = Monday .. 6 = Sunday) -> its spans; a missing weekday is closed.
    ``(start, end)`` in minutes from local midnight, start 0..1439, end 1..1440 (1440 is
    ``24:00``); an end at or before the start ends on the next day."""
    country: str | None = None
    """Country code for the ``holidays`` package (``US``); ``None``: no public holidays."""
    subdivision: str | None = None
    """Subdivision code for the ``holidays`` package (``NY``)."""
    include: tuple[date, ...] = ()
    """Extra closed dates."""
    exclude: tuple[date, ...] = ()
    """Dates that stay open even if the ``holidays`` package lists them."""
    overrides: Mapping[date, tuple[Span, ...]] = field(default_factory=dict)
    """Date -> spans replacing the weekly ones that day; ``()`` closes it. Wins over holidays."""
    name: str = ""
    """The calendar's name in the document, for messages."""


@dataclass(frozen=True)
class DayRules:
    """A checked spec, ready to produce the spans of any date.

    ``spans_of`` follows LANGUAGE.md: an override replaces the date's spans; a closed date
    (a package holiday not in ``exclude``, or an ``include`` date) has none.
    """

    weekly: tuple[tuple[Span, ...], ...]
    overrides: Mapping[int, tuple[Span, ...]]
    closed: Callable[[int], frozenset[int]]
    """Year -> ordinals of its closed dates: package holidays less ``exclude``, plus ``include``."""

    def spans_of(self, ordinal: int, closed: frozenset[int]) -> tuple[Span, ...]:
        """Return the spans of the date with this proleptic ordinal."""
        rule = day_rule(ordinal, self.overrides, closed)
        if rule == "override":
            return self.overrides[ordinal]
        return () if rule == "closed" else self.weekly[(ordinal - 1) % 7]


DayRule = Literal["override", "closed", "weekly"]


def day_rule(ordinal: int, overrides: Container[int], closed: Container[int]) -> DayRule:
    """Which rule gives a date its spans (LANGUAGE.md): its override, which wins over
    holidays; else none on a closed date; else its weekday's hours."""
    if ordinal in overrides:
        return "override"
    return "closed" if ordinal in closed else "weekly"


def _check_spans(spans: tuple[Span, ...], where: str, field_name: str) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in spans:
        try:
            start, end = (int(v) for v in span)
        except (TypeError, ValueError) as e:
            raise InvalidSpan(f"{where}: a span is a (start, end) pair of minutes, got {span!r}",
                              field=field_name) from e
        if not 0 <= start < DAY_MIN:
            raise InvalidSpan(f"{where}: a span starts between 00:00 and 23:59, got minute {start}",
                              field=field_name)
        if not 0 < end <= DAY_MIN:
            raise InvalidSpan(f"{where}: a span ends between 00:01 and 24:00, got minute {end}",
                              field=field_name)
        out.append((start, end))
    return tuple(sorted(out))


def zone_of(key: str) -> ZoneInfo:
    """Return the zone named ``key`` or raise ``UnknownTimezone``."""
    try:
        return zone_info(key)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as e:
        raise UnknownTimezone(f"unknown time zone {key!r} (use an IANA name such as "
                              "'America/New_York')") from e


@functools.lru_cache(maxsize=4096)
def holiday_ordinals(country: str, subdivision: str | None, year: int) -> frozenset[int]:
    """Return the ordinals of ``year``'s holidays (observed days included) from the package."""
    return frozenset(d.toordinal() for d in _holidays(country, subdivision, year))


def holiday_name(country: str, subdivision: str | None, day: date) -> str | None:
    """The ``holidays`` package's name for ``day`` in the region, or None."""
    return _holidays(country, subdivision, day.year).get(day)


@functools.lru_cache(maxsize=4096)
def _holidays(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """``year``'s holidays of the region and their names, read once. The country's class is
    loaded by itself (``regions.region``), not every country module."""
    table = regions.region(country, subdivision, year)
    return {d: str(n) for d, n in table.items() if d.year == year}


def closed_ordinals(country: str | None, subdivision: str | None, include: frozenset[int],
                    exclude: frozenset[int], year: int) -> frozenset[int]:  # fmt: skip
    """The holiday ordinals of ``year``: the package's for the region, less ``exclude``,
    plus ``include`` (ordinals of any year)."""
    base = holiday_ordinals(country, subdivision, year) if country else frozenset()
    return (base - exclude) | include


def check_region(country: str | None, subdivision: str | None) -> None:
    """Raise ``UnknownHolidayRegion`` unless the ``holidays`` package knows the region."""
    found = regions.problem(country, subdivision)
    if found is not None:
        field, message = found
        raise UnknownHolidayRegion(message, field=f"holidays.{field}")


def rules_of(spec: CalendarSpec) -> DayRules:
    """Check ``spec`` and return its ``DayRules``; raise a ``CalendarError`` when it is unusable."""
    label = f"calendar {spec.name!r}" if spec.name else "calendar"
    weekly: list[tuple[Span, ...]] = [() for _ in range(7)]
    for day, spans in spec.weekly.items():
        if day not in range(7):
            raise InvalidSpan(f"{label}: weekday must be 0 (Monday) .. 6 (Sunday), got {day!r}")
        weekly[day] = _check_spans(tuple(spans), label, "hours")
    overrides = {d.toordinal(): _check_spans(tuple(s), f"{label} on {d}", "overrides")
                 for d, s in spec.overrides.items()}
    if not any(weekly) and not any(overrides.values()):
        raise CalendarNeverOpens(f"{label} never opens: give it hours on at least one day")
    check_region(spec.country, spec.subdivision)
    include = frozenset(d.toordinal() for d in spec.include)
    exclude = frozenset(d.toordinal() for d in spec.exclude)
    country, subdivision = spec.country, spec.subdivision

    def closed(year: int) -> frozenset[int]:
        return closed_ordinals(country, subdivision, include, exclude, year)

    return DayRules(tuple(weekly), overrides, functools.lru_cache(maxsize=None)(closed))
