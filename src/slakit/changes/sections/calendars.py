"""Calendars, by name: open hours per weekday (as sets of open minutes), holidays, overrides.

More open time means the business clock runs more, so a lead's budget is used up sooner and
the lead must be answered sooner: the promise got stronger (``tightened``). Not so when open
time can move the document's leads either way (``two_way``): then a change of hours or of
closed dates is ``changed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

from slakit.calendar.spec import closed_ordinals
from slakit.changes.meaning import (
    DAY_NAMES,
    compare_coverage,
    compare_durations,
    coverage,
    spans_text,
    weekly_coverage,
)
from slakit.changes.sections.common import Pair, found, if_differs
from slakit.changes.site import Found, Site
from slakit.checks.durations import timed
from slakit.model import (
    CadenceTarget,
    CalendarDef,
    DayRange,
    Document,
    ResponseTarget,
)

_BY_ORDER = {"more": "added", "less": "reduced", "other": "changed"}


def _hours_key(calendar: CalendarDef, day: int) -> str | None:
    """The ``hours`` key that names this weekday (for its line), if any."""
    for key in calendar.hours:
        if day in DayRange.parse(key).days:
            return key
    return None


def two_way(doc: Document, *, whole_days: bool = False) -> str | None:
    """Why opening or closing time can move this document's leads either way, if it can: then
    a change of hours (``whole_days``: of closed dates) is ``changed``, not ``tightened`` or
    ``loosened``.

    * ``Nbd`` durations (a budget, a window, an escalation's time, ``duplicates.within``): an
      ``Nbd`` due time is the start's time on the Nth open day or that day's last close, so
      longer hours can move it later (the close comes later) as well as earlier (a closed
      weekday opens), and shorter hours the other way round. A date closed as a whole only
      moves it later: not a reason for ``whole_days``.
    * A cadence target: its windows end at clock times, so an attempt moves between windows,
      filling one and leaving another empty.
    * An ``after_hours`` budget shorter than ``within``: a start that opening hours move into
      or out of the day gets the other budget, larger one way and smaller the other.

    ``report.aging`` is not a promise: its ``Nbd`` buckets do not count.
    """
    nbd = (doc.duplicates is not None and doc.duplicates.within.is_business_days) or any(
        d.is_business_days for path, d, _ in timed(doc) if path[0] != "report")
    if nbd and not whole_days:
        return "Nbd durations, whose due times can then move either way"
    if any(isinstance(t, CadenceTarget) for t in doc.targets):
        return "a cadence target, whose attempts can then change windows"
    for t in doc.targets:
        # A shorter after_hours, or one in other units (business days against clock time).
        if isinstance(t, ResponseTarget) and t.after_hours is not None \
                and compare_durations(t.within, t.after_hours) not in ("more", "same"):
            return (f"an after_hours budget shorter than within, or in other units ({t.id}), "
                    "which a start then gets more or less often")
    return None


def _hours_found(what: str, order: str, reason: str | None, where: Site, old: str, new: str,
                 subject: str) -> Found:  # fmt: skip
    """``{what}-hours-added/reduced/changed``; in a document where hours move leads either
    way (``two_way``), a one-way change of hours is ``changed`` and says which way the hours
    went, and why that is no direction."""
    code = f"{what}-hours-{'changed' if reason else _BY_ORDER[order]}"
    change = found(code, where, old, new, subject)
    if reason is None or order == "other":
        return change
    way = "more" if order == "more" else "fewer"
    return replace(change, message=f"{subject}: {way} open hours, in a document with {reason}")


def _hours(site: Site, name: str, base: CalendarDef, head: CalendarDef,
           reason: str | None = None) -> Iterator[Found]:  # fmt: skip
    old, new = weekly_coverage(base), weekly_coverage(head)
    for day in range(7):
        order = compare_coverage(old[day], new[day])
        if order == "same":
            continue
        bk, hk = _hours_key(base, day), _hours_key(head, day)
        hours = site.field("hours")
        where = Site(
            f"{hours.path}.{DAY_NAMES[day]}",
            None if hours.base is None else (*hours.base, *(() if bk is None else (bk,))),
            None if hours.head is None else (*hours.head, *(() if hk is None else (hk,))),
        )
        yield _hours_found("calendar", order, reason, where, spans_text(old[day]),
                           spans_text(new[day]), f"calendar {name}, {DAY_NAMES[day]}")


def _overrides(site: Site, name: str, base: CalendarDef, head: CalendarDef,
               reason: str | None = None, days: str | None = None) -> Iterator[Found]:  # fmt: skip
    old_week, new_week = weekly_coverage(base), weekly_coverage(head)
    dates = sorted(set(base.overrides) | set(head.overrides))
    for date in dates:
        old = _day(base, date, old_week)
        new = _day(head, date, new_week)  # each side's hours that date, holidays included
        order = compare_coverage(old, new)
        if order == "same":
            continue
        where = Site(f"{site.path}.overrides.{date.isoformat()}",
                     None if site.base is None else (*site.base, "overrides",
                                                     *_key(base, date)),
                     None if site.head is None else (*site.head, "overrides",
                                                     *_key(head, date)))
        # A date closed (or opened) as a whole is a closed date, as a holiday is.
        whole = not old or not new
        yield _hours_found("override", order, days if whole else reason, where, spans_text(old),
                           spans_text(new), f"calendar {name}, {date.isoformat()}")


def _key(calendar: CalendarDef, date: dt.date) -> tuple[str, ...]:
    return (date.isoformat(),) if date in calendar.overrides else ()


def _day(calendar: CalendarDef, date: dt.date, week: dict[int, frozenset[int]]) -> frozenset[int]:
    """The open minutes of ``date`` as the calendar runs it: its override, else nothing on a
    holiday, else its weekday's hours (LANGUAGE.md: an override replaces the date's spans)."""
    if date in calendar.overrides:
        return coverage((s.start, s.end) for s in calendar.overrides[date])
    if _holiday(calendar, date):
        return frozenset()
    return week[date.weekday()]


def _holiday(calendar: CalendarDef, date: dt.date) -> bool:
    """Whether ``date`` is a holiday of the calendar: the package's, less ``exclude``, plus
    ``include``."""
    h = calendar.holidays
    if h is None:
        return False
    return date.toordinal() in closed_ordinals(
        h.country, h.subdivision, frozenset(d.toordinal() for d in h.include),
        frozenset(d.toordinal() for d in h.exclude), date.year)


def _holidays(site: Site, name: str, base: CalendarDef, head: CalendarDef,
              reason: str | None = None) -> Iterator[Found]:  # fmt: skip
    hs = site.field("holidays")
    subject = f"calendar {name}"
    b, h = base.holidays, head.holidays
    for key in ("country", "subdivision"):
        old = None if b is None or getattr(b, key) is None else str(getattr(b, key)).upper()
        new = None if h is None or getattr(h, key) is None else str(getattr(h, key)).upper()
        if old == new:
            continue
        code = ("holiday-calendar-changed" if reason or (old and new) else
                "holiday-calendar-added" if old is None else "holiday-calendar-removed")
        change = found(code, hs.field(key), old, new, subject)
        if reason and (old is None or new is None):
            way = "now closes on" if old is None else "no longer closes on"
            change = replace(change, message=f"{subject}: {way} public holidays, in a document "
                             f"with {reason}")
        yield change
    old_week, new_week = weekly_coverage(base), weekly_coverage(head)
    for key, more, fewer in (("include", "holiday-added", "holiday-removed"),
                             ("exclude", "holiday-exclusion-added", "holiday-exclusion-removed")):
        old_dates = set(getattr(b, key)) if b is not None else set()
        new_dates = set(getattr(h, key)) if h is not None else set()
        for date in sorted(old_dates ^ new_dates):
            if _day(base, date, old_week) == _day(head, date, new_week):
                continue  # a Saturday, a date already a holiday, or one an override decides
            added = date in new_dates
            change = found("holiday-changed" if reason else more if added else fewer,
                           hs.field(key), None if added else date, date if added else None,
                           subject)
            if reason:
                closes = (key == "include") == added
                change = replace(change, message=f"{subject}: {date.isoformat()} "
                                 f"{'now closes' if closes else 'opens again'}, in a document "
                                 f"with {reason}")
            yield change


def compare_calendars(pair: Pair) -> Iterator[Found]:
    """Calendars matched by name."""
    b, h = pair.base.calendars, pair.head.calendars
    root = Site.root("calendars")
    reason = two_way(pair.base) or two_way(pair.head)
    days = two_way(pair.base, whole_days=True) or two_way(pair.head, whole_days=True)
    for name in [*h, *(n for n in b if n not in h)]:
        site = root.field(name)
        base, head = b.get(name), h.get(name)
        if base is None or head is None:
            yield found("calendar-added" if base is None else "calendar-removed",
                        Site(site.path, None if base is None else site.base,
                             None if head is None else site.head),
                        None if base is None else name, None if head is None else name, "")
            continue
        if base.timezone is not None or head.timezone is not None:
            yield from if_differs("calendar-timezone-changed", site.field("timezone"),
                                  base.timezone or pair.base.timezone,
                                  head.timezone or pair.head.timezone, f"calendar {name}")
        yield from _hours(site, name, base, head, reason)
        yield from _holidays(site, name, base, head, days)
        yield from _overrides(site, name, base, head, reason, days)
