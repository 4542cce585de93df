"""Clocks that stand still during pauses, for many leads at once: the twin of ``engine.clock``.

Each lead's merged pause intervals are a row of a ``(leads, P)`` matrix (``P`` the most any
lead has), padded with invalid entries; an interval still open at as-of ends at ``OPEN``.
``elapsed``, ``reach`` and ``business_days`` follow ``Clock`` step by step, one column of
intervals at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from slakit.compile import PauseRule
from slakit.engine.columnar.clocks import Clocks
from slakit.engine.columnar.frame import I64, NEVER, NONE, Bools, Idx
from slakit.engine.columnar.judging import Judging

OPEN = NEVER
"""The end of a pause still open at as-of."""


@dataclass(frozen=True)
class Pauses:
    """Sorted, disjoint pause intervals per lead (``ok`` marks the real ones)."""

    p0: I64
    p1: I64
    ok: Bools

    @property
    def width(self) -> int:
        """The most intervals any lead has."""
        return int(self.p0.shape[1])

    def rows(self, i: Idx) -> Pauses:
        """The pauses of the leads at positions ``i``."""
        return Pauses(self.p0[i], self.p1[i], self.ok[i])

    def clip(self, start: I64, end: I64) -> Pauses:
        """``clock.clip``: the parts within ``[start, end)`` (``end`` ``NONE``: as-of)."""
        p0, p1 = self.p0, self.p1
        s, e = start[:, None], end[:, None]
        bounded = e != NONE
        lo = np.maximum(p0, s)
        hi = np.where(bounded, np.where(p1 == OPEN, e, np.minimum(p1, e)), p1)
        ok = self.ok & ~((hi != OPEN) & (hi <= lo)) & ~(bounded & (lo >= e))
        return Pauses(lo, hi, ok)

    def ran(self, start: I64, end: I64) -> Pauses:
        """``clock.begun``: the parts from ``start`` on of the pauses begun before ``end``
        (``NONE``: as-of), whole."""
        p0, p1 = self.p0, self.p1
        lo = np.maximum(p0, start[:, None])
        e = end[:, None]
        ok = self.ok & ~((p1 != OPEN) & (p1 <= lo)) & ~((e != NONE) & (p0 >= e))
        return Pauses(lo, p1, ok)

    def still_open(self) -> Bools:
        """Whether each lead's last interval is open at as-of."""
        if not self.width:
            return np.zeros(self.p0.shape[0], dtype=bool)
        last = self.ok.shape[1] - 1 - np.argmax(self.ok[:, ::-1], axis=1)
        rows = np.arange(self.p0.shape[0])
        found: Bools = self.ok.any(axis=1) & (self.p1[rows, last] == OPEN)
        return found

    def tuples(self) -> list[tuple[tuple[int, int | None], ...]]:
        """Each lead's intervals as ``Clock.pauses`` holds them."""
        out = []
        for p0, p1, ok in zip(self.p0.tolist(), self.p1.tolist(), self.ok.tolist(),
                              strict=True):
            out.append(tuple((a, None if b == OPEN else b)
                             for a, b, k in zip(p0, p1, ok, strict=True) if k))
        return out


def pause_matrix(j: Judging, rule: PauseRule, leads: Idx) -> Pauses:
    """``clock.pause_intervals`` for ``leads``: each ``from`` to the next ``to``, merged."""
    f, occ = j.frame, j.occ
    every = occ.all(rule.start)
    pick = np.zeros(f.count, dtype=bool)
    pick[leads] = True
    keep = pick[every.lead]
    lead, at = every.lead[keep], f.ts[every.row[keep]]
    end = f.ts_at(occ.first_at_or_after(rule.end, lead, at).row)
    end = np.where(end == NONE, OPEN, end)
    # Pauses come by lead, then time; each ends at or after it starts. One starts a new run
    # unless it starts at or before the latest end so far in its lead (OPEN is the largest).
    n = lead.size
    if n == 0:
        nothing = np.zeros((leads.size, 0), dtype=np.int64)
        return Pauses(nothing, nothing.copy(), np.zeros((leads.size, 0), dtype=bool))
    head = np.ones(n, dtype=bool)
    head[1:] = lead[1:] != lead[:-1]
    latest = _running_max(end, np.cumsum(head) - 1)
    new = head.copy()
    new[1:] |= at[1:] > latest[:-1]
    run = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    last = np.append(starts[1:], n) - 1
    column = run[starts] - run[np.flatnonzero(head)][np.cumsum(head)[starts] - 1]
    width = int(column.max()) + 1
    row_of = np.full(f.count, -1, dtype=np.intp)
    row_of[leads] = np.arange(leads.size)
    row = row_of[lead[starts]]
    p0 = np.zeros((leads.size, width), dtype=np.int64)
    p1 = np.zeros((leads.size, width), dtype=np.int64)
    ok = np.zeros((leads.size, width), dtype=bool)
    p0[row, column] = at[starts]
    p1[row, column] = latest[last]
    ok[row, column] = True
    return Pauses(p0, p1, ok)


def _running_max(values: I64, group: Idx) -> I64:
    """The running maximum of ``values`` within each group (contiguous, numbered from 0)."""
    if values.size == 0:
        return values.copy()
    distinct, rank = np.unique(values, return_inverse=True)
    key = group.astype(np.int64) * distinct.size + rank
    result: I64 = distinct[np.maximum.accumulate(key) - group * distinct.size]
    return result


class PausedClock:
    """``Clock`` arithmetic over arrays: calendars by code, minus the pauses."""

    def __init__(self, clocks: Clocks, cal: Idx) -> None:
        self.clocks = clocks
        self.cal = cal

    def sub(self, i: Idx) -> PausedClock:
        """The clock of the leads at positions ``i``."""
        return PausedClock(self.clocks, self.cal[i])

    def _sub(self, i: Idx) -> PausedClock:
        return PausedClock(self.clocks, self.cal[i])

    def elapsed(self, pauses: Pauses, a: I64, b: I64) -> I64:
        """``Clock.elapsed``: open time in ``[a, b)`` outside the pauses."""
        total = self.clocks.elapsed(self.cal, a, b)
        for c in range(pauses.width):
            p0, p1 = pauses.p0[:, c], pauses.p1[:, c]
            lo = np.maximum(a, p0)
            hi = np.where(p1 == OPEN, b, np.minimum(b, p1))
            i = np.flatnonzero(pauses.ok[:, c] & (b > a) & (hi > lo))
            if i.size:
                total[i] -= self.clocks.elapsed(self.cal[i], lo[i], hi[i])
        return total

    def reach(self, pauses: Pauses, a: I64, amount: I64) -> I64:
        """``Clock.reach``: when the clock started at ``a`` has run ``amount`` (``NONE``:
        a pause open at as-of comes first)."""
        t, remaining = a.copy(), amount.copy()
        out = np.full(a.shape, NONE, dtype=np.int64)
        busy = np.ones(a.shape, dtype=bool)
        for c in range(pauses.width):
            p0, p1 = pauses.p0[:, c], pauses.p1[:, c]
            act = busy & pauses.ok[:, c] & ~((p1 != OPEN) & (p1 <= t))
            before = np.flatnonzero(act & (p0 > t))
            if before.size:
                due = self.clocks.add(self.cal[before], t[before], remaining[before])
                done = due <= p0[before]
                out[before[done]] = due[done]
                busy[before[done]] = False
                act[before[done]] = False
                rest = before[~done]
                remaining[rest] -= self.clocks.elapsed(self.cal[rest], t[rest], p0[rest])
            stuck = act & (p1 == OPEN)
            busy[stuck] = False
            move = act & ~stuck
            t[move] = np.maximum(t[move], p1[move])
        i = np.flatnonzero(busy)
        out[i] = self.clocks.add(self.cal[i], t[i], remaining[i])
        return out

    def business_days(self, pauses: Pauses, a: I64, n: int) -> I64:
        """``Clock.business_days``: the ``Nbd`` due time pushed back by the clock time paused
        before it (``NONE``: a pause open at as-of begins before it)."""
        due0 = self.clocks.add_bd(self.cal, a, n)
        due = due0.copy()
        out = np.full(a.shape, NONE, dtype=np.int64)
        busy = np.ones(a.shape, dtype=bool)
        while busy.any():
            i = np.flatnonzero(busy)
            sub = self._sub(i)
            paused = np.zeros(i.size, dtype=np.int64)
            stuck = np.zeros(i.size, dtype=bool)
            for c in range(pauses.width):
                p0, p1 = pauses.p0[i, c], pauses.p1[i, c]
                counts = pauses.ok[i, c] & (p0 < due[i])
                stuck |= counts & (p1 == OPEN)
                m = np.flatnonzero(counts & (p1 != OPEN))
                if m.size:
                    paused[m] += sub.clocks.elapsed(
                        sub.cal[m], np.maximum(a[i][m], p0[m]), np.minimum(due[i][m], p1[m]))
            busy[i[stuck]] = False
            live = ~stuck
            later = due0[i].copy()
            grow = np.flatnonzero(live & (paused > 0))
            later[grow] = sub.clocks.add(sub.cal[grow], due0[i][grow], paused[grow])
            settled = live & (later == due[i])
            out[i[settled]] = due[i][settled]
            busy[i[settled]] = False
            moving = live & ~settled
            due[i[moving]] = later[moving]
        return out
