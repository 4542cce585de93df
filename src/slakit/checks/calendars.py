"""Calendars: hours that make sense, zones and holiday regions that exist."""

from __future__ import annotations

import functools
import re
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from slakit.checks.base import Issue, Path, check
from slakit.checks.walk import TWENTY_FOUR_SEVEN
from slakit.hints import suggest
from slakit.model import CalendarDef, DayRange, Document, Span
from slakit.zones import MEANT, NOT_PLACES, zone_info

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEK = 7 * 1440


@dataclass(frozen=True)
class _Placed:
    start: int
    end: int
    span: Span
    day: str
    path: Path


def _overlaps(placed: Sequence[_Placed], period: int | None) -> Iterator[tuple[_Placed, _Placed]]:
    """Yield ``(earlier-written, later-written)`` pairs of spans that share a minute."""
    pieces: list[tuple[int, int, int]] = []
    for n, p in enumerate(placed):
        if period is not None and p.end > period:
            pieces += [(p.start, period, n), (0, p.end - period, n)]
        else:
            pieces.append((p.start, p.end, n))
    seen: set[tuple[int, int]] = set()
    for a_start, a_end, a in pieces:
        for b_start, b_end, b in pieces:
            if a < b and a_start < b_end and b_start < a_end and (a, b) not in seen:
                seen.add((a, b))
                yield placed[a], placed[b]


def _weekly(name: str, calendar: CalendarDef) -> list[_Placed]:
    out = []
    for key, spans in calendar.hours.items():
        for j, span in enumerate(spans):
            path: Path = ("calendars", name, "hours", key, j)
            for day in DayRange.parse(key).days:
                start = day * 1440 + span.start
                out.append(_Placed(start, start + span.length, span, _DAY_NAMES[day], path))
    return out


def _day_spans(name: str, calendar: CalendarDef, weekly: list[_Placed], day: date,
               offset: int, overridden: frozenset[int],
               closed: Callable[[int], frozenset[int]]) -> list[_Placed]:  # fmt: skip
    """A date's spans, placed ``offset`` days from the override being checked, by the rule the
    engine uses (``day_rule``; ``overridden``: the ordinals of the override dates; ``closed``:
    year -> its closed ordinals), each with where the document wrote it."""
    from slakit.calendar.spec import day_rule

    base = offset * 1440
    rule = day_rule(day.toordinal(), overridden, closed(day.year))
    if rule == "override":
        key = day.isoformat()
        return [_Placed(base + s.start, base + s.start + s.length, s, key,
                        ("calendars", name, "overrides", key, j))
                for j, s in enumerate(calendar.overrides[day])]
    if rule == "closed":
        return []
    weekday = day.weekday() * 1440
    return [_Placed(base + p.start - weekday, base + p.end - weekday, p.span,
                    f"{p.day} {day.isoformat()}", p.path)
            for p in weekly if weekday <= p.start < weekday + 1440]


def _closed_days(name: str, calendar: CalendarDef,
                 default_zone: str) -> Callable[[int], frozenset[int]]:  # fmt: skip
    """Year -> the calendar's closed ordinals (holidays less ``exclude``, plus ``include``), as
    the engine decides them; only ``include`` when the holiday region is unknown (reported by
    its own check)."""
    from slakit.calendar import CalendarError
    from slakit.calendar.spec import rules_of

    try:
        return rules_of(calendar.spec(name, default_zone)).closed
    except CalendarError:
        include = frozenset(d.toordinal() for d in (calendar.holidays.include
                                                     if calendar.holidays else ()))
        return lambda year: include


@check("overlapping-spans", "error")
def overlapping_spans(doc: Document) -> Iterator[Issue]:
    """Two open spans of a calendar overlap on the same day.

    Spans are ``[open, close)``: ``08:00-12:00`` and ``12:00-13:00`` touch but do not overlap.
    An overnight span (``22:00-06:00``) spills into the next day and must not overlap that
    day's first spans either; spans given under different keys (``mon-fri`` and ``fri``) count
    together. The same holds for the spans of one ``overrides`` date, and for them against
    the day before's spill and the day after's first spans (an override ``02:00-05:30`` on
    the Wednesday after a Tuesday ``21:00-06:00``). Merge or shorten them.
    """
    for name, calendar in doc.calendars.items():
        reported: set[tuple[Path, Path]] = set()
        for first, second in _overlaps(_weekly(name, calendar), _WEEK):
            if (first.path, second.path) in reported:
                continue
            reported.add((first.path, second.path))
            spill = " (spilling past midnight)" if first.day != second.day else ""
            yield Issue(second.path, f"{str(second.span)!r} on {second.day} overlaps "
                        f"{str(first.span)!r} on {first.day}{spill} in calendar {name!r}: "
                        "a day's spans must not overlap; merge or shorten them")
        if not calendar.overrides:
            continue
        weekly = _weekly(name, calendar)
        closed = _closed_days(name, calendar, doc.timezone)
        overridden = frozenset(d.toordinal() for d in calendar.overrides)
        for when in calendar.overrides:
            # The override's spans among themselves, then against the day before's spill and
            # the day after's first spans (each an override, closed, or the weekday's hours).
            days = [_day_spans(name, calendar, weekly, when + timedelta(days=k), k, overridden,
                               closed) for k in (-1, 0, 1)]
            for first, second in _overlaps([p for day in days for p in day], None):
                if first.path[2] != "overrides" and second.path[2] != "overrides":
                    continue  # two weekly spans: reported above
                if (first.path, second.path) in reported:
                    continue
                reported.add((first.path, second.path))
                spill = " (spilling past midnight)" if first.day != second.day else ""
                later = second if second.path[2] == "overrides" else first
                other = first if later is second else second
                yield Issue(later.path, f"{str(later.span)!r} on {later.day} overlaps "
                            f"{str(other.span)!r} on {other.day}{spill} in calendar {name!r}: "
                            "a day's spans must not overlap; merge or shorten them")


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - NOT_PLACES


def _zone_ok(name: str) -> bool:
    try:
        zone_info(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _zones_of(doc: Document) -> list[tuple[Path, str]]:
    zones: list[tuple[Path, str]] = [(("timezone",), doc.timezone)]
    if doc.source.timezone is not None:
        zones.append((("source", "timezone"), doc.source.timezone))
    zones += [(("calendars", name, "timezone"), c.timezone)
              for name, c in doc.calendars.items() if c.timezone is not None]
    return zones


@check("unknown-timezone", "error")
def unknown_timezone(doc: Document) -> Iterator[Issue]:
    """A ``timezone`` (of the document, a calendar or ``source``) is not an IANA zone.

    Write zones as in the IANA database: ``America/New_York``, ``Europe/Berlin``, ``UTC``
    (not ``EST`` offsets or city names alone). The message suggests the closest zone; for a
    US abbreviation (``CST``), the zone it stands for (``America/Chicago``). The files beside
    the zones that are no place are refused too: ``localtime`` (it follows the machine, so the
    same document would give other numbers on another host), ``posixrules``, ``Factory``, and
    the ``right/`` (leap seconds counted, times 27 s off) and ``posix/`` copies.
    """
    for path, zone in _zones_of(doc):
        if not _zone_ok(zone):
            meant = MEANT.get(zone.upper())
            hint = f" (did you mean {meant!r}?)" if meant else suggest(zone, sorted(_zones()))
            yield Issue(path, f"unknown time zone {zone!r}{hint}: write an IANA zone like "
                        "America/New_York")


_ETC_GMT = re.compile(r"Etc/GMT[+-]\d{1,2}")


@check("fixed-offset-timezone", "warning")
def fixed_offset_timezone(doc: Document) -> Iterator[Issue]:
    """A ``timezone`` is a legacy abbreviation (``EST``) or a fixed offset (``Etc/GMT+5``).

    ``Etc/GMT+5`` is UTC-5 (POSIX reverses the sign). The abbreviations are IANA names, but
    fixed offsets too: ``EST`` is UTC-5 all year, with no daylight
    saving, so from March to November every New York time would be an hour off (``EST5EDT``
    keeps daylight saving but ignores the rules before 1967). Write the place:
    ``America/New_York``, ``America/Denver``, ``Pacific/Honolulu`` (which has no daylight
    saving indeed).
    """
    for path, zone in _zones_of(doc):
        meant = MEANT.get(zone.upper())
        if meant is not None and _zone_ok(zone):
            yield Issue(path, f"{zone!r} is a fixed-offset or legacy zone: write the place, "
                        f"{meant!r}, so that daylight saving and its history apply")
        elif _ETC_GMT.fullmatch(zone) and _zone_ok(zone):
            sign, hours = zone[7], zone[8:]
            real = f"UTC{'-' if sign == '+' else '+'}{hours}"
            yield Issue(path, f"{zone!r} is a fixed offset, {real} all year (POSIX reverses "
                        "the sign), with no daylight saving: write the place, such as "
                        "'America/New_York', or 'UTC' for a clock that never changes")


@check("unknown-holiday-region", "error")
def unknown_holiday_region(doc: Document) -> Iterator[Issue]:
    """``holidays.country`` or ``holidays.subdivision`` is unknown to the ``holidays`` package.

    Countries are ISO codes (``US``, ``CA``, ``NO``; upper case), subdivisions the package's
    codes for that country (``NY``, ``ON``). A subdivision needs a country. Write the code; the
    message suggests the closest one.
    """
    from slakit.calendar import regions

    for name, calendar in doc.calendars.items():
        spec = calendar.holidays
        if spec is None:
            continue
        found = regions.problem(spec.country, spec.subdivision)
        if found is not None:
            field, message = found
            yield Issue(("calendars", name, "holidays", field), message)


@check("calendar-never-opens", "error")
def calendar_never_opens(doc: Document) -> Iterator[Issue]:
    """A calendar has no open span on any weekday.

    Business time on it would never pass, so nothing on it could ever be due. Overrides alone
    do not make it open: they open their own dates, and after the last of them the clock
    would stand still for ever (``evaluate`` stops when it finds no open time for 8 years).
    Give it weekly hours, like ``mon-fri: "09:00-17:00"``.
    """
    for name, calendar in doc.calendars.items():
        if not any(calendar.weekly().values()):
            only = " (overrides alone open only their own dates)" \
                if any(calendar.overrides.values()) else ""
            yield Issue(("calendars", name, "hours"), f"calendar {name!r} never opens{only}: "
                        "give it weekly hours, like mon-fri: \"09:00-17:00\"")


@check("calendar-name-reserved", "error")
def calendar_name_reserved(doc: Document) -> Iterator[Issue]:
    """A calendar is called ``24x7``, the name of the built-in always-open calendar.

    Rules and targets naming ``24x7`` would be ambiguous. Give the calendar another name.
    """
    if TWENTY_FOUR_SEVEN in doc.calendars:
        yield Issue(("calendars", TWENTY_FOUR_SEVEN), "'24x7' is the built-in always-open "
                    "calendar: give this calendar another name", key=True)


_COVERED = frozenset({"calendar-never-opens", "unknown-timezone", "unknown-holiday-region"})


@check("calendar-invalid", "error")
def calendar_invalid(doc: Document) -> Iterator[Issue]:
    """The calendar engine refuses a calendar for a reason no other check names.

    A safety net: every calendar is built exactly as ``slakit evaluate`` builds it, so a
    document that validates never fails later on its calendars. The message says what the
    calendar engine found; fix that entry.
    """
    from slakit.calendar import Calendar, CalendarError

    for name, calendar in doc.calendars.items():
        spec = calendar.spec(name, doc.timezone)
        try:
            Calendar(spec)
        except CalendarError as e:
            if e.code not in _COVERED:
                yield Issue(("calendars", name, *e.field.split(".")), f"{e.message} ({e.code})")


CHECKS = (overlapping_spans, unknown_timezone, fixed_offset_timezone, unknown_holiday_region,
          calendar_never_opens, calendar_name_reserved, calendar_invalid)
