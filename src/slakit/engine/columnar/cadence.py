"""Cadence targets on arrays: the twin of ``slakit.engine.cadence``.

Window ends are clock time after the start; each distinct attempt instant at or after the
start is placed in the window holding its clock time (pauses excluded), the first one per
window satisfies it; ``until`` excuses the windows not ended when it came.
"""

from __future__ import annotations

import numpy as np

from slakit.compile import CadenceRule
from slakit.engine.columnar.columns import (
    AT_RISK,
    BREACHED,
    CANCELLED,
    MET,
    PENDING,
    TargetColumns,
)
from slakit.engine.columnar.frame import I64, NONE, Idx
from slakit.engine.columnar.judging import Judging
from slakit.engine.columnar.pauses import PausedClock, Pauses, pause_matrix

SATISFIED, EXCUSED, MISSED, OPEN = range(4)
"""Indexes into ``columns.WINDOW_STATES``."""


def judge_cadence(rule: CadenceRule, j: Judging,
                  ) -> tuple[TargetColumns, I64, I64, Idx, Pauses]:
    """Judge every lead against a cadence target.

    Returns the columns and, for breach attribution, the started leads with their starts,
    first-missed-window ends (``NONE``: no breach) and pauses.
    """
    f, occ, clocks = j.frame, j.occ, j.clocks
    out = TargetColumns.empty(rule.id, f.count)
    width = len(rule.schedule)
    out.windows = np.full((f.count, width), -1, dtype=np.int8)
    applies = f.leads_hold(rule.for_)
    first = occ.first(rule.start)
    out.detail[~applies] = "outside for"
    out.detail[applies & ~first.found] = f"{rule.start.name} never happened"
    k = np.flatnonzero(applies & first.found)
    n = k.size
    start = f.ts[first.row[k]]
    cal = j.target_calendar(rule.calendar, k)
    clock = PausedClock(clocks, cal)
    none = np.full(n, NONE, dtype=np.int64)
    if rule.pause is not None:
        pauses = pause_matrix(j, rule.pause, k).clip(start, none)
    else:
        pauses = Pauses(*(np.zeros((n, 0), dtype=t) for t in (np.int64, np.int64, bool)))
    now_at = np.full(n, j.as_of, dtype=np.int64)
    now = clock.elapsed(pauses, start, now_at)
    ends = np.zeros((n, width), dtype=np.int64)
    end_at = np.zeros((n, width), dtype=np.int64)
    for w, budget in enumerate(rule.schedule):
        if budget.bd is not None:
            ends[:, w] = clocks.elapsed(cal, start, clocks.add_bd(cal, start, budget.bd))
            end_at[:, w] = clock.business_days(pauses, start, budget.bd)
        else:
            ends[:, w] = budget.us or 0
            end_at[:, w] = clock.reach(pauses, start, ends[:, w])

    # Attempts: distinct instants at or after the start, each in the window holding it.
    slot = np.full(f.count, -1, dtype=np.int64)
    slot[k] = np.arange(n)
    every = occ.all(rule.attempts)
    s = slot[every.lead]
    at = f.ts[every.row]
    keep = s >= 0
    keep[keep] = at[keep] >= start[s[keep]]
    s, at = s[keep], at[keep]
    if s.size:
        fresh = np.concatenate(([True], (s[1:] != s[:-1]) | (at[1:] != at[:-1])))
        s, at = s[fresh], at[fresh]
    pos = clock.sub(s).elapsed(pauses.rows(s), start[s], at)
    window = np.full(s.shape, -1, dtype=np.int64)
    lower = np.full(s.shape, -1, dtype=np.int64)
    for w in range(width):
        end = ends[s, w]
        hit = (window < 0) & (lower < pos) & (pos <= end)
        window[hit] = w
        lower = np.maximum(lower, end)
    landed = window >= 0
    key = s[landed] * width + window[landed]
    uniq, first_i = np.unique(key, return_index=True)
    attempt_at = np.full((n, width), NONE, dtype=np.int64)
    attempt_at.reshape(-1)[uniq] = at[landed][first_i]
    satisfied = attempt_at != NONE

    if rule.until is not None:
        until = occ.first_at_or_after(rule.until, k, start)
        until_at = f.ts_at(until.row)
        has_until = until_at != NONE
        until_pos = np.full(n, NONE, dtype=np.int64)
        i = np.flatnonzero(has_until)
        until_pos[i] = clock.sub(i).elapsed(pauses.rows(i), start[i], until_at[i])
    else:
        has_until = np.zeros(n, dtype=bool)
        until_pos = np.full(n, NONE, dtype=np.int64)
    state = np.full((n, width), OPEN, dtype=np.int8)
    excused = has_until[:, None] & (until_pos[:, None] <= ends)
    missed = now[:, None] > ends
    state[missed] = MISSED
    state[excused] = EXCUSED
    state[satisfied] = SATISFIED

    any_missed = (state == MISSED).any(axis=1)
    first_missed = np.argmax(state == MISSED, axis=1)
    any_open = (state == OPEN).any(axis=1)
    first_open = np.argmax(state == OPEN, axis=1)
    rows = np.arange(n)
    opens = np.where(first_open > 0, ends[rows, np.maximum(first_open - 1, 0)], 0)
    span = ends[rows, first_open] - opens
    into = now - opens
    n_sat = satisfied.sum(axis=1)
    n_exc = (state == EXCUSED).sum(axis=1)
    status = np.full(n, CANCELLED, dtype=np.int8)
    status[n_sat > 0] = MET
    if rule.warn is not None:
        warn = rule.warn
        risky = (into > 0) & (into * warn.denominator >= span * warn.numerator)
    else:
        risky = np.zeros(n, dtype=bool)
    status[any_open & ~risky] = PENDING
    status[any_open & risky] = AT_RISK
    status[any_missed] = BREACHED

    stopped = np.where(satisfied, attempt_at, NONE).max(axis=1, initial=NONE) if width \
        else np.full(n, NONE, dtype=np.int64)
    running = (status == PENDING) | (status == AT_RISK)
    end_of = np.where(running, j.as_of, stopped)
    has_end = end_of != NONE
    used = np.full(n, NONE, dtype=np.int64)
    i = np.flatnonzero(has_end)
    used[i] = clock.sub(i).elapsed(pauses.rows(i), start[i], end_of[i])

    out.status[k] = status
    out.started[k] = start
    out.stopped[k] = stopped
    out.due[k] = np.where(any_open, end_at[rows, first_open], NONE)
    out.elapsed[k] = used
    out.wall[k] = np.where(has_end, end_of - start, NONE)
    out.windows[k] = state
    if pauses.width:
        held = np.flatnonzero(pauses.ok.any(axis=1))
        out.pauses.update(zip(k[held].tolist(), pauses.rows(held).tuples(), strict=True))
    detail_key = np.select(
        [any_missed, any_open & risky, any_open, n_sat > 0],
        [first_missed, width + first_open, 2 * width + first_open,
         3 * width + n_sat * (width + 1) + n_exc], -1)
    uniq_d, inverse = np.unique(detail_key, return_inverse=True)
    texts = [_detail(int(u), width) for u in uniq_d]
    if texts:
        out.detail[k] = np.array(texts, dtype=object)[inverse]
    breach_end = np.where(any_missed, end_at[rows, first_missed], NONE)
    return out, start, breach_end, k, pauses


def _detail(key: int, width: int) -> str:
    if key < 0:
        return "until came before anything was owed"
    if key < width:
        return f"window {key + 1} missed"
    if key < 2 * width:
        return f"window {key - width + 1} open, at risk"
    if key < 3 * width:
        return f"window {key - 2 * width + 1} open"
    satisfied, excused = divmod(key - 3 * width, width + 1)
    return f"{satisfied} satisfied" + (f", {excused} excused" if excused else "")
