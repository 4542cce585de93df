"""A target's clock: a calendar minus the pauses (LANGUAGE.md section 3, "Response targets").

Clock time is open time on the calendar outside the pause intervals. Budgets written in
``s``/``m``/``h`` are clock microseconds; ``Nbd`` budgets end at the calendar's ``Nbd`` due
time, pushed back by the clock time the pauses took.
"""

from __future__ import annotations

from dataclasses import dataclass

from slakit.calendar import Calendar
from slakit.compile import Budget, PauseRule
from slakit.engine.lead import Lead

Interval = tuple[int, int | None]
"""``[start, end)``; ``end`` is ``None`` while still paused at as-of."""


@dataclass(frozen=True)
class Clock:
    """Business time on ``calendar``, standing still during ``pauses``."""

    calendar: Calendar
    name: str
    """The calendar's name (``24x7``, ``clinic``)."""
    pauses: tuple[Interval, ...] = ()
    """Disjoint, sorted pause intervals (see ``pause_intervals``)."""

    def elapsed(self, a: int, b: int) -> int:
        """Clock microseconds in ``[a, b)``: open time outside the pauses."""
        if b <= a:
            return 0
        total = self.calendar.elapsed(a, b)
        for p0, p1 in self.pauses:
            lo, hi = max(a, p0), b if p1 is None else min(b, p1)
            if hi > lo:
                total -= self.calendar.elapsed(lo, hi)
        return total

    def held(self, a: int, b: int) -> int:
        """The open time in ``[a, b)`` the pauses held the clock still: from a start to its
        due time, how far the pauses pushed the due time back (LANGUAGE.md)."""
        return self.calendar.elapsed(a, b) - self.elapsed(a, b) if b > a else 0

    def reach(self, a: int, amount: int) -> int | None:
        """The earliest instant at which the clock started at ``a`` has run ``amount``.

        ``None`` when a pause still open at as-of comes first (the time is not known yet).
        """
        t, remaining = a, amount
        for p0, p1 in self.pauses:
            if p1 is not None and p1 <= t:
                continue
            if p0 > t:
                due = self.calendar.add(t, remaining)
                if due <= p0:
                    return due
                remaining -= self.calendar.elapsed(t, p0)
            if p1 is None:
                return None
            t = max(t, p1)
        return self.calendar.add(t, remaining)

    def business_days(self, a: int, n: int) -> int | None:
        """The ``Nbd`` due time from ``a``, pushed back by the clock time paused before it.

        ``None`` when a pause still open at as-of begins before the due time.
        """
        due0 = self.calendar.add_business_days(a, n)
        due = due0
        while True:
            paused = 0
            for p0, p1 in self.pauses:
                if p0 >= due:
                    break
                if p1 is None:
                    return None
                paused += self.calendar.elapsed(max(a, p0), min(due, p1))
            later = self.calendar.add(due0, paused) if paused else due0
            if later == due:
                return due
            due = later

    def amount(self, a: int, budget: Budget) -> int:
        """The budget as clock microseconds from ``a`` (``Nbd``: the open time to its due)."""
        if budget.bd is not None:
            return self.calendar.elapsed(a, self.calendar.add_business_days(a, budget.bd))
        return budget.us or 0

    def due(self, a: int, budget: Budget) -> int | None:
        """When a clock started at ``a`` has used ``budget`` (``None``: paused at as-of)."""
        if budget.bd is not None:
            return self.business_days(a, budget.bd)
        return self.reach(a, budget.us or 0)

    def in_time(self, a: int, budget: Budget, t: int) -> bool:
        """Would a stop at ``t`` be in time? ``s``/``m``/``h``: clock time used <= budget;
        ``Nbd``: ``t`` at or before the due time (pauses before ``t`` only)."""
        if budget.bd is None:
            return self.elapsed(a, t) <= (budget.us or 0)
        cut = Clock(self.calendar, self.name, clip(self.pauses, a, t))
        due = cut.business_days(a, budget.bd)
        return due is not None and t <= due

    def clipped(self, start: int, end: int | None) -> Clock:
        """This clock with its pauses clipped to ``[start, end)`` (``end`` ``None``: as-of)."""
        return Clock(self.calendar, self.name, clip(self.pauses, start, end))

    def ran(self, start: int, end: int | None) -> Clock:
        """This clock as it ran from ``start`` to ``end`` (``None``: still running): the
        pauses begun before ``end``, from ``start`` on, whole (``begun``)."""
        return Clock(self.calendar, self.name, begun(self.pauses, start, end))


def pause_intervals(rule: PauseRule | None, lead: Lead) -> tuple[Interval, ...]:
    """Return the lead's pause intervals: each ``from`` occurrence to the next ``to`` at or
    after it (``None`` when none came by as-of), overlapping ones merged."""
    if rule is None:
        return ()
    raw: list[Interval] = []
    for start in lead.occurrences(rule.start):
        end = lead.first_at_or_after(rule.end, start.at)
        raw.append((start.at, end.at if end is not None else None))
    raw.sort(key=lambda iv: iv[0])
    merged: list[Interval] = []
    for p0, p1 in raw:
        if merged:
            q0, q1 = merged[-1]
            if q1 is None or p0 <= q1:
                merged[-1] = (q0, None if q1 is None or p1 is None else max(q1, p1))
                continue
        merged.append((p0, p1))
    return tuple(merged)


def begun(pauses: tuple[Interval, ...], start: int, end: int | None) -> tuple[Interval, ...]:
    """The parts from ``start`` on of the pauses begun before ``end`` (``None``: as-of), whole.

    A stop or a counted cancel ends the clock, not a pause in force then: that pause still
    pushes ``due_at`` back to its ``pause.to`` (and leaves it unknown while open at as-of), as
    it would have without the stop. Pauses begun at or after ``end`` are ignored.
    """
    out: list[Interval] = []
    for p0, p1 in pauses:
        if end is not None and p0 >= end:
            continue
        lo = max(p0, start)
        if p1 is not None and p1 <= lo:
            continue
        out.append((lo, p1))
    return tuple(out)


def clip(pauses: tuple[Interval, ...], start: int, end: int | None) -> tuple[Interval, ...]:
    """Keep the parts of ``pauses`` within ``[start, end)``; ``end`` closes open pauses."""
    out: list[Interval] = []
    for p0, p1 in pauses:
        lo = max(p0, start)
        hi = p1 if end is None else (end if p1 is None else min(p1, end))
        if hi is not None and hi <= lo:
            continue
        if end is not None and lo >= end:
            continue
        out.append((lo, hi))
    return tuple(out)
