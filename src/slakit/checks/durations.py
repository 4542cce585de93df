"""Durations and shares: units that mean something on their clock, windows that grow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from slakit.checks.base import Issue, Path, check
from slakit.checks.walk import TWENTY_FOUR_SEVEN, lead_clocks, target_clocks
from slakit.model import (
    CadenceTarget,
    Document,
    Duration,
    ResponseTarget,
    SinceTrigger,
    UnmetTrigger,
)


def _business(clocks: Sequence[str]) -> str | None:
    """Return the first clock that is not 24x7 (a business clock), if any."""
    return next((c for c in clocks if c != TWENTY_FOUR_SEVEN), None)


def timed(doc: Document) -> Iterator[tuple[Path, Duration, list[str]]]:
    """Yield every duration measured on a clock, with the clocks it may run on."""
    for i, target in enumerate(doc.targets):
        clocks = target_clocks(doc, target)
        if isinstance(target, ResponseTarget):
            yield ("targets", i, "within"), target.within, clocks
            if target.after_hours is not None:
                yield ("targets", i, "after_hours"), target.after_hours, clocks
        elif isinstance(target, CadenceTarget):
            for j, window in enumerate(target.schedule):
                yield ("targets", i, "schedule", j), window, clocks
    leads = lead_clocks(doc)
    for i, escalation in enumerate(doc.escalations):
        trigger = escalation.when
        if isinstance(trigger, SinceTrigger):
            yield ("escalations", i, "when", "over"), trigger.over, leads
        elif isinstance(trigger, UnmetTrigger):
            yield ("escalations", i, "when", "after"), trigger.after, leads
        if escalation.expect is not None:
            yield ("escalations", i, "expect", "within"), escalation.expect.within, leads
    for j, bucket in enumerate(doc.report.aging):
        yield ("report", "aging", j), bucket, leads


@check("bare-day-on-business-clock", "error")
def bare_day_on_business_clock(doc: Document) -> Iterator[Issue]:
    """A duration in days (``2d``) is measured on a business clock.

    On a calendar with opening hours "2 days" is ambiguous: two business days (``2bd``) or 48
    hours of open time (``48h``, about five working days on a 9-hour calendar)? Write one of
    them. ``d`` is allowed where the clock is ``24x7`` (a target with ``calendar: 24x7``, or a
    document without routing) and in ``duplicates.within``, where it is wall time.
    """
    for path, duration, clocks in timed(doc):
        business = _business(clocks)
        if duration.unit == "d" and business is not None:
            n = duration.amount
            yield Issue(path, f"{str(duration)!r} on the business clock {business!r} is "
                        f"ambiguous: write '{n}bd' for {n} business day{'s' if n > 1 else ''} "
                        f"or '{24 * n}h' for {24 * n} hours of open time")


def _not_increasing(values: Sequence[Duration]) -> tuple[int, int] | None:
    """Return ``(j, k)``: the first value ``j`` not above ``k``, the last earlier value of its
    kind (``bd`` or clock units: open days against open hours depend on the calendar, so each
    kind is compared among its own, across the other's entries: ``[2h, 1bd, 1h]`` is caught)."""
    last: dict[bool, int] = {}
    for j, now in enumerate(values):
        k = last.get(now.is_business_days)
        if k is not None:
            before = values[k]
            if (now.amount <= before.amount if now.is_business_days
                    else now.microseconds <= before.microseconds):
                return j, k
        last[now.is_business_days] = j
    return None


@check("schedule-not-increasing", "warning")
def schedule_not_increasing(doc: Document) -> Iterator[Issue]:
    """A cadence ``schedule`` is not increasing.

    Each entry is the end of a window measured from the start (``[15m, 4h, 1bd]``: by 15
    minutes, then by 4 hours, ...), not the length of a window; a later end at or before an
    earlier one leaves an empty window that can never be satisfied. Entries in ``bd`` and in
    clock units are compared only among themselves (``[2h, 1bd, 1h]``: ``1h`` is not after
    ``2h``): how many open hours a business day holds depends on the calendar.
    """
    for i, target in enumerate(doc.targets):
        if isinstance(target, CadenceTarget):
            found = _not_increasing(target.schedule)
            if found is not None:
                j, k = found
                yield Issue(("targets", i, "schedule", j),
                            f"window end {str(target.schedule[j])!r} is not after "
                            f"{str(target.schedule[k])!r}: schedule entries are cumulative "
                            "ends measured from the start, so they must increase")


@check("aging-not-increasing", "warning")
def aging_not_increasing(doc: Document) -> Iterator[Issue]:
    """``report.aging`` bucket bounds are not increasing.

    Buckets are ``[0, a)``, ``[a, b)``, ...; a bound at or below the previous one makes an empty
    or backwards bucket. Sort the bounds.
    """
    found = _not_increasing(doc.report.aging)
    if found is not None:
        j, k = found
        yield Issue(("report", "aging", j), f"aging bound {str(doc.report.aging[j])!r} is not "
                    f"after {str(doc.report.aging[k])!r}: list the bounds in increasing order")


@check("warn-too-high", "error")
def warn_too_high(doc: Document) -> Iterator[Issue]:
    """A target's ``warn`` is 100%.

    ``warn`` is the share of the budget from which a running lead is ``at_risk``; at 100% the
    budget is used up, which is already a breach, so no lead could ever be at risk. Use a
    share below 100%, like 80%, or remove ``warn``.
    """
    for i, target in enumerate(doc.targets):
        warn = getattr(target, "warn", None)
        if warn is not None and warn.value >= 1:
            yield Issue(("targets", i, "warn"), f"warn {warn} can never be reached before the "
                        "breach: use a share below 100%, like 80%")


CHECKS = (bare_day_on_business_clock, schedule_not_increasing, aging_not_increasing,
          warn_too_high)
