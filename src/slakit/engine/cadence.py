"""Cadence targets: one attempt in each window of the schedule (LANGUAGE.md section 3).

Window 1 is ``[0, s1]`` of clock time after the start, window n ``(s(n-1), sn]``. An attempt
belongs to the window holding its clock time (while closed it sits at the clock time reached
so far); attempts at the same instant count once. A window is *satisfied* (an attempt landed
in it), *excused* (``until`` happened before it ended), *missed* (it ended without either) or
*open*. ``Nbd`` window ends are the open time from the start to the ``Nbd`` due time.
"""

from __future__ import annotations

from collections.abc import Iterable

from slakit.compile import CadenceRule, conditions_hold
from slakit.engine.clock import Clock, pause_intervals
from slakit.engine.lead import Lead, Occurrence
from slakit.engine.response import not_applicable
from slakit.engine.results import Status, TargetResult, WindowState
from slakit.engine.trace import Context, TargetTrace, WindowTrace


def judge_cadence(rule: CadenceRule, lead: Lead, ctx: Context) -> TargetTrace:
    """Judge one lead against a cadence target, as of ``ctx.as_of``."""
    if not conditions_hold(rule.for_, lead.attributes):
        return not_applicable(rule.id, rule.kind, "outside for")
    first = lead.first(rule.start)
    if first is None:
        return not_applicable(rule.id, rule.kind, f"{rule.start.name} never happened")
    start = first.at
    bare = ctx.clock(rule.calendar)
    clock = Clock(bare.calendar, bare.name, pause_intervals(rule.pause, lead)).clipped(start, None)
    ends = [clock.amount(start, b) for b in rule.schedule]
    now = clock.elapsed(start, ctx.as_of)

    attempts = _distinct_instants(o for o in lead.occurrences(rule.attempts) if o.at >= start)
    landed: dict[int, Occurrence] = {}
    for attempt in attempts:
        k = _window_of(clock.elapsed(start, attempt.at), ends)
        if k is not None:
            landed.setdefault(k, attempt)
    until = lead.first_at_or_after(rule.until, start) if rule.until is not None else None
    until_pos = clock.elapsed(start, until.at) if until is not None else None

    windows: list[WindowTrace] = []
    for k, end in enumerate(ends):
        state: WindowState
        if k in landed:
            state = "satisfied"
        elif until_pos is not None and until_pos <= end:
            state = "excused"
        elif now > end:
            state = "missed"
        else:
            state = "open"
        opens = ends[k - 1] if k else 0
        windows.append(WindowTrace(
            k + 1, opens, end, _end_at(clock, start, rule, k, end), state,
            landed[k].at if k in landed else None,
        ))
    states = tuple(w.state for w in windows)
    status, detail = _status(rule, windows, now)
    counted = [w.attempt_at for w in windows if w.attempt_at is not None]
    stopped = max(counted) if counted else None
    end_at = ctx.as_of if status in ("pending", "at_risk") else stopped
    first_open = next((w for w in windows if w.state == "open"), None)
    first_missed = next((w for w in windows if w.state == "missed"), None)
    interval = None
    if first_missed is not None and first_missed.ends_at is not None:
        interval = (start, first_missed.ends_at)
    result = TargetResult(
        rule.id,
        status,
        started_at=start,
        stopped_at=stopped,
        due_at=first_open.ends_at if first_open is not None else None,
        elapsed_us=clock.elapsed(start, end_at) if end_at is not None else None,
        wall_us=end_at - start if end_at is not None else None,
        detail=detail,
        windows=states,
        pauses=clock.pauses,
    )
    notes = [f"the clock starts at {first.name} and runs on {clock.name}"]
    notes += [f"window {w.index}: {w.state}" for w in windows]
    if until is not None:
        notes.append(f"{until.name} happened")
    return TargetTrace(
        result, rule.kind, clock=clock.name, start=first, pauses=clock.pauses,
        windows=tuple(windows), until=until, attempts=tuple(attempts), interval=interval,
        notes=(*notes, detail),
    )


def _distinct_instants(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """Keep the first occurrence of each instant (attempts at one instant count once)."""
    out: list[Occurrence] = []
    for o in occurrences:
        if not out or out[-1].at != o.at:
            out.append(o)
    return out


def _window_of(position: int, ends: list[int]) -> int | None:
    """The index of the window holding clock time ``position`` (``None``: after the last)."""
    lower = -1
    for k, end in enumerate(ends):
        if lower < position <= end:
            return k
        lower = max(lower, end)
    return None


def _end_at(clock: Clock, start: int, rule: CadenceRule, k: int, end: int) -> int | None:
    budget = rule.schedule[k]
    if budget.bd is not None:
        return clock.business_days(start, budget.bd)
    return clock.reach(start, end)


def _status(rule: CadenceRule, windows: list[WindowTrace], now: int) -> tuple[Status, str]:
    missed = [w for w in windows if w.state == "missed"]
    if missed:
        return "breached", f"window {missed[0].index} missed"
    first_open = next((w for w in windows if w.state == "open"), None)
    if first_open is not None:
        warn = rule.warn
        width = first_open.ends_after_us - first_open.opens_after_us
        into = now - first_open.opens_after_us
        if warn is not None and into > 0 and into * warn.denominator >= width * warn.numerator:
            return "at_risk", f"window {first_open.index} open, at risk"
        return "pending", f"window {first_open.index} open"
    satisfied = sum(w.state == "satisfied" for w in windows)
    if satisfied:
        excused = sum(w.state == "excused" for w in windows)
        return "met", f"{satisfied} satisfied" + (f", {excused} excused" if excused else "")
    return "cancelled", "until came before anything was owed"
