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


def _not_increasing(values: Sequence[Duration]) -> int | None:
    """Return the index of the first value not above the previous comparable one."""
    for j in range(1, len(values)):
        before, now = values[j - 1], values[j]
        if before.is_business_days != now.is_business_days:
            continue  # open hours vs open days depend on the calendar: not comparable here
        if now.is_business_days:
            if now.amount <= before.amount:
                return j
        elif now.microseconds <= before.microseconds:
            return j
    return None


@check("schedule-not-increasing", "warning")
def schedule_not_increasing(doc: Document) -> Iterator[Issue]:
    """A cadence ``schedule`` is not increasing.

    Each entry is the end of a window measured from the start (``[15m, 4h, 1bd]``: by 15
    minutes, then by 4 hours, ...), not the length of a window; a later end at or before an
    earlier one leaves an empty window that can never be satisfied. Entries in ``bd`` and in
    clock units are compared only among themselves.
    """
    for i, target in enumerate(doc.targets):
        if isinstance(target, CadenceTarget):
            j = _not_increasing(target.schedule)
            if j is not None:
                yield Issue(("targets", i, "schedule", j),
                            f"window end {str(target.schedule[j])!r} is not after "
                            f"{str(target.schedule[j - 1])!r}: schedule entries are cumulative "
                            "ends measured from the start, so they must increase")


@check("aging-not-increasing", "warning")
def aging_not_increasing(doc: Document) -> Iterator[Issue]:
    """``report.aging`` bucket bounds are not increasing.

    Buckets are ``[0, a)``, ``[a, b)``, ...; a bound at or below the previous one makes an empty
    or backwards bucket. Sort the bounds.
    """
    j = _not_increasing(doc.report.aging)
    if j is not None:
        yield Issue(("report", "aging", j), f"aging bound {str(doc.report.aging[j])!r} is not "
                    f"after {str(doc.report.aging[j - 1])!r}: list the bounds in increasing order")


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
