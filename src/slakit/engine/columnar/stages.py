"""Stages and breach attribution on arrays: the twin of ``slakit.engine.stages``."""

from __future__ import annotations

import numpy as np

from slakit.engine.columnar.frame import I64, NONE, Idx
from slakit.engine.columnar.judging import Judging
from slakit.engine.columnar.pauses import PausedClock, Pauses
from slakit.engine.results import stage_row
from slakit.engine.stages import FAR


def reach_stages(j: Judging) -> tuple[list[I64], list[I64]]:
    """Per stage: when each lead reached it (``NONE``: skipped) and the lead-clock time from
    the previous reached stage."""
    f, occ = j.frame, j.occ
    prev = np.full(f.count, NONE, dtype=np.int64)
    reached: list[I64] = []
    clocks: list[I64] = []
    for stage in j.sla.stages:
        at = np.full(f.count, NONE, dtype=np.int64)
        fresh = prev == NONE
        first = occ.first(stage.ref)
        i = np.flatnonzero(fresh)
        at[i] = f.ts_at(first.row[i])
        i = np.flatnonzero(~fresh)
        at[i] = f.ts_at(occ.first_at_or_after(stage.ref, i, prev[i]).row)
        clock = np.full(f.count, NONE, dtype=np.int64)
        i = np.flatnonzero(~fresh & (at != NONE))
        clock[i] = j.clocks.elapsed(j.lead_cal[i], prev[i], at[i])
        reached.append(at)
        clocks.append(clock)
        prev = np.where(at != NONE, at, prev)
    return reached, clocks


def attribute(j: Judging, reached: list[I64], leads: Idx, cal: Idx, lo: I64, hi: I64,
              pauses: Pauses | None = None) -> list[str | None]:
    """For each breached lead with interval ``[lo, hi)`` on calendars ``cal`` (less its
    ``pauses``): the stage (its row, ``stage_row``) that consumed most of its clock time (ties:
    the earlier)."""
    names = [s.name for s in j.sla.stages]
    count = len(names)
    if not count or leads.size == 0:
        return [None] * int(leads.size)
    at = np.stack([r[leads] for r in reached], axis=1)
    got = at != NONE
    n_got = got.sum(axis=1)
    pos = np.cumsum(got, axis=1) - 1
    rat = np.full((leads.size, count), NONE, dtype=np.int64)
    ridx = np.full((leads.size, count), -1, dtype=np.int64)
    rows, cols = np.nonzero(got)
    rat[rows, pos[rows, cols]] = at[rows, cols]
    ridx[rows, pos[rows, cols]] = cols
    # The stage after the last reached one (the open interval), -1 after the last stage.
    after = np.array([*range(1, count), -1, -1], dtype=np.int64)
    best = np.zeros(leads.size, dtype=np.int64)
    best_b = np.full(leads.size, -1, dtype=np.int64)
    for p in range(count):
        has_a = p < n_got
        if not has_a.any():
            break
        a_idx = ridx[:, p]
        nxt = p + 1 < n_got
        b_idx = np.where(nxt, ridx[:, min(p + 1, count - 1)], after[a_idx])
        start = rat[:, p]
        end = np.where(nxt, rat[:, min(p + 1, count - 1)], FAR)
        valid = has_a & (b_idx >= 0)
        i = np.flatnonzero(valid)
        used = np.zeros(leads.size, dtype=np.int64)
        a, b = np.maximum(start[i], lo[i]), np.minimum(end[i], hi[i])
        if pauses is None:
            used[i] = j.clocks.elapsed(cal[i], a, b)
        else:
            used[i] = PausedClock(j.clocks, cal[i]).elapsed(pauses.rows(i), a, b)
        better = valid & (used > best)
        best = np.where(better, used, best)
        best_b = np.where(better, b_idx, best_b)
    row_names = [None, *(stage_row(names, k) for k in range(1, count))]
    return [None if b < 0 else row_names[b] for b in best_b.tolist()]
