"""Response targets on arrays: the vectorized twin of ``slakit.engine.response``.

Every started lead at once: start, after-hours budget, first stop and cancel at or after the
start, pause intervals (``pauses.py``), due time, elapsed clock and wall time, status and
detail.
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
from slakit.engine.columnar.pauses import PausedClock, Pauses, pause_matrix
from slakit.engine.response import percent_text


@dataclass(frozen=True)
class Started:
    """The leads whose clock started, with what ``target`` escalations need."""

    leads: Idx
    start: I64
    cal: Idx
    budget_us: I64
    due: I64
    """When the budget is used up (``NONE`` while paused at as-of)."""
    ended: I64
    """The stop or the counted cancel (``NONE``: still running)."""
    pauses: Pauses
    """The pauses on each clock as it ran (``Pauses.ran``)."""
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
    k = np.flatnonzero(applies & found)
    start = f.ts[first.row[k]]
    cal = j.target_calendar(rule.calendar, k)
    clock = PausedClock(clocks, cal)
    if rule.pause is not None:
        raw = pause_matrix(j, rule.pause, k)
    else:
        raw = Pauses(*(np.zeros((k.size, 0), dtype=t) for t in (np.int64, np.int64, bool)))
    if rule.after_hours is not None:
        ah = clocks.after_hours(cal, start)
    else:
        ah = np.zeros(k.shape, dtype=bool)
    amount = np.zeros(k.shape, dtype=np.int64)
    bd = np.zeros(k.shape, dtype=np.int64)
    """Business days of the budget (0: an ``s``/``m``/``h`` budget)."""
    budgets = [(rule.within, ~ah)]
    if rule.after_hours is not None:
        budgets.append((rule.after_hours, ah))
    for budget, sel in budgets:
        i = np.flatnonzero(sel)
        if budget.bd is not None:
            bd[i] = budget.bd
            due0 = clocks.add_bd(cal[i], start[i], budget.bd)
            amount[i] = clocks.elapsed(cal[i], start[i], due0)
        else:
            amount[i] = budget.us or 0

    def due_of(pauses: Pauses, sel: Bools) -> I64:
        """``Clock.due`` where ``sel`` (``NONE`` elsewhere and while paused at as-of)."""
        out_ = np.full(k.shape, NONE, dtype=np.int64)
        i = np.flatnonzero(sel & (bd == 0))
        if i.size:
            out_[i] = clock.sub(i).reach(pauses.rows(i), start[i], amount[i])
        for n in np.unique(bd[sel & (bd > 0)]).tolist():
            i = np.flatnonzero(sel & (bd == n))
            out_[i] = clock.sub(i).business_days(pauses.rows(i), start[i], n)
        return out_

    def in_time(pauses: Pauses, t: I64, sel: Bools) -> Bools:
        """``Clock.in_time``: would a stop at ``t`` be in time (only where ``sel``)?"""
        ok = np.zeros(k.shape, dtype=bool)
        i = np.flatnonzero(sel & (bd == 0))
        if i.size:
            used_ = clock.sub(i).elapsed(pauses.rows(i), start[i], t[i])
            ok[i] = used_ <= amount[i]
        if (sel & (bd > 0)).any():
            due_ = due_of(pauses.clip(start, t), sel & (bd > 0))
            i = np.flatnonzero(sel & (bd > 0))
            ok[i] = (due_[i] != NONE) & (t[i] <= due_[i])
        return ok

    stop = occ.first_at_or_after(rule.stop, k, start)
    has_stop = stop.found
    stop_at = f.ts_at(stop.row)
    if rule.cancel is not None:
        cancel = occ.first_at_or_after(rule.cancel, k, start)
        cancel_at = f.ts_at(cancel.row)
        maybe = cancel.found & (~has_stop | (cancel_at < stop_at))
        counted = maybe & in_time(raw.clip(start, cancel_at), cancel_at, maybe)
        cancel_which = cancel.which
    else:
        counted = np.zeros(k.shape, dtype=bool)
        cancel_at = np.full(k.shape, NONE, dtype=np.int64)
        cancel_which = np.zeros(k.shape, dtype=np.int64)
    stopping = has_stop & ~counted
    running = ~has_stop & ~counted
    ended = np.where(counted, cancel_at, np.where(stopping, stop_at, NONE))
    pauses = raw.ran(start, ended)
    due = due_of(pauses, np.ones(k.shape, dtype=bool))
    end = np.where(ended == NONE, j.as_of, ended)
    used = clock.elapsed(pauses, start, end)
    met = in_time(pauses, stop_at, stopping)
    status = np.full(k.shape, PENDING, dtype=np.int8)
    status[counted] = CANCELLED
    status[stopping & met] = MET
    status[stopping & ~met] = BREACHED
    over = np.where(bd > 0, (due != NONE) & (j.as_of >= due), used >= amount)
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
    still = running & pauses.still_open() if pauses.width else np.zeros(k.shape, bool)
    key = ((kind * _span(rule) + which) * 2 + ah) * 2 + still
    uniq, inverse = np.unique(key, return_inverse=True)
    texts = [_detail(rule, int(u)) for u in uniq]
    detail = np.array(texts, dtype=object)[inverse] if texts else np.zeros(0, dtype=object)

    out.status[k] = status
    out.detail[k] = detail
    out.started[k] = start
    out.stopped[k] = np.where(stopping, stop_at, NONE)
    out.due[k] = due
    out.elapsed[k] = used
    out.wall[k] = end - start
    out.after_hours[k] = ah
    if pauses.width:
        held = np.flatnonzero(pauses.ok.any(axis=1))
        out.pauses.update(zip(k[held].tolist(), pauses.rows(held).tuples(), strict=True))
    interval_end = np.where(status == BREACHED, end, NONE)
    return out, Started(k, start, cal, amount, due, ended, pauses, interval_end)


def _span(rule: ResponseRule) -> int:
    return len(rule.stop.matchers) + len(rule.cancel.matchers if rule.cancel else ()) + 1


def _detail(rule: ResponseRule, key: int) -> str:
    key, paused = divmod(key, 2)
    key, after_hours = divmod(key, 2)
    kind, which = divmod(key, _span(rule))
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
        text = f"running; at least {percent_text(rule.warn)} of {budget.text} used"
    else:
        text = "running"
    if paused:
        text += "; paused"
    return text + "; after hours" if after_hours else text


__all__ = ["Started", "judge_response"]
