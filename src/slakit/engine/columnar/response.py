"""Response targets on arrays: the vectorized twin of ``slakit.engine.response``.

Leads with a pause occurrence are left to the reference engine (``Started.fallback``); every
other started lead is judged here: start, after-hours budget, first stop and cancel at or
after the start, due time, elapsed clock and wall time, status and detail.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from slakit.compile import ResponseRule
from slakit.engine.columnar.columns import (
    AT_RISK,
    BREACHED,
    CANCELLED,
    MET,
    PENDING,
    TargetColumns,
)
from slakit.engine.columnar.frame import I64, NONE, Bools, Idx
from slakit.engine.columnar.judging import Judging
from slakit.engine.response import percent_text


@dataclass(frozen=True)
class Started:
    """The leads whose clock started and was judged here, with what triggers need."""

    leads: Idx
    start: I64
    cal: Idx
    budget_us: I64
    due: I64
    ended: I64
    """The stop or the counted cancel (``NONE``: still running)."""
    fallback: Idx
    """Started leads with a pause: judged by the reference engine."""
    interval_end: I64
    """For breached leads: the end of the breach interval (``NONE`` otherwise)."""


def judge_response(rule: ResponseRule, j: Judging) -> tuple[TargetColumns, Started]:
    """Judge every lead against a response target."""
    f, occ, clocks = j.frame, j.occ, j.clocks
    out = TargetColumns.empty(rule.id, f.count)
    applies = f.leads_hold(rule.for_)
    first = occ.first(rule.start)
    found = first.found
    out.detail[~applies] = "outside for"
    out.detail[applies & ~found] = f"{rule.start.name} never happened"
    started = applies & found
    if rule.pause is not None:
        paused = j.has_any(rule.pause.start)
        fallback = np.flatnonzero(started & paused)
        started &= ~paused
    else:
        fallback = np.zeros(0, dtype=np.intp)
    k = np.flatnonzero(started)
    start = f.ts[first.row[k]]
    cal = j.target_calendar(rule.calendar, k)
    if rule.after_hours is not None:
        ah = clocks.after_hours(cal, start)
    else:
        ah = np.zeros(k.shape, dtype=bool)
    due = np.zeros(k.shape, dtype=np.int64)
    amount = np.zeros(k.shape, dtype=np.int64)
    bd = np.zeros(k.shape, dtype=bool)
    budgets = [(rule.within, ~ah)]
    if rule.after_hours is not None:
        budgets.append((rule.after_hours, ah))
    for budget, sel in budgets:
        i = np.flatnonzero(sel)
        if budget.bd is not None:
            due[i] = clocks.add_bd(cal[i], start[i], budget.bd)
            amount[i] = clocks.elapsed(cal[i], start[i], due[i])
            bd[i] = True
        else:
            us = budget.us or 0
            amount[i] = us
            due[i] = clocks.add(cal[i], start[i], np.full(i.shape, us, dtype=np.int64))

    def in_time(t: I64, sel: Bools) -> Bools:
        """Would a stop at ``t`` be in time (only where ``sel``; False elsewhere)?"""
        ok = np.zeros(k.shape, dtype=bool)
        i = np.flatnonzero(sel & ~bd)
        ok[i] = clocks.elapsed(cal[i], start[i], t[i]) <= amount[i]
        i = np.flatnonzero(sel & bd)
        ok[i] = t[i] <= due[i]
        return ok

    stop = occ.first_at_or_after(rule.stop, k, start)
    has_stop = stop.found
    stop_at = f.ts_at(stop.row)
    if rule.cancel is not None:
        cancel = occ.first_at_or_after(rule.cancel, k, start)
        cancel_at = f.ts_at(cancel.row)
        maybe = cancel.found & (~has_stop | (cancel_at < stop_at))
        counted = maybe & in_time(cancel_at, maybe)
        cancel_which = cancel.which
    else:
        counted = np.zeros(k.shape, dtype=bool)
        cancel_at = np.full(k.shape, NONE, dtype=np.int64)
        cancel_which = np.zeros(k.shape, dtype=np.int64)
    stopping = has_stop & ~counted
    running = ~has_stop & ~counted
    end = np.where(counted, cancel_at, np.where(stopping, stop_at, j.as_of))
    used = clocks.elapsed(cal, start, end)
    met = in_time(stop_at, stopping)
    status = np.full(k.shape, PENDING, dtype=np.int8)
    status[counted] = CANCELLED
    status[stopping & met] = MET
    status[stopping & ~met] = BREACHED
    over = np.where(bd, j.as_of > due, used > amount)
    status[running & over] = BREACHED
    if rule.warn is not None:
        warn = rule.warn
        risky = running & ~over & (used * warn.denominator >= amount * warn.numerator)
        status[risky] = AT_RISK

    # The detail: what happened, by which definition, against which budget.
    kind = np.select(
        [counted, stopping & met, stopping & ~met, running & over, status == AT_RISK],
        [0, 1, 2, 3, 4], 5,
    )
    which = np.where(counted, cancel_which, np.where(stopping, stop.which, 0))
    key = (kind * (len(rule.stop.matchers) + len(rule.cancel.matchers if rule.cancel else ())
                   + 1) + which) * 2 + ah
    uniq, inverse = np.unique(key, return_inverse=True)
    texts = [_detail(rule, int(u), bool(u % 2)) for u in uniq]
    detail = np.array(texts, dtype=object)[inverse] if texts else np.zeros(0, dtype=object)

    out.status[k] = status
    out.detail[k] = detail
    out.started[k] = start
    out.stopped[k] = np.where(stopping, stop_at, NONE)
    out.due[k] = due
    out.elapsed[k] = used
    out.wall[k] = end - start
    out.after_hours[k] = ah
    breached = status == BREACHED
    interval_end = np.where(breached, end, NONE)
    ended = np.where(running, NONE, end)
    return out, Started(k, start, cal, amount, due, ended, fallback, interval_end)


def _detail(rule: ResponseRule, key: int, after_hours: bool) -> str:
    span = len(rule.stop.matchers) + len(rule.cancel.matchers if rule.cancel else ()) + 1
    kind, which = divmod(key // 2, span)
    budget = rule.after_hours if after_hours and rule.after_hours is not None else rule.within
    if kind == 0:
        assert rule.cancel is not None
        text = f"cancelled by {rule.cancel.matchers[which].name}"
    elif kind in (1, 2):
        name = rule.stop.matchers[which].name
        text = f"{name} within {budget.text}" if kind == 1 else f"{name} after {budget.text}"
    elif kind == 3:
        text = f"no {rule.stop.name}; {budget.text} used up"
    elif kind == 4:
        assert rule.warn is not None
        text = f"running; {percent_text(rule.warn)} of {budget.text} used"
    else:
        text = "running"
    return text + "; after hours" if after_hours else text


__all__ = ["Started", "judge_response"]
