"""Vectorized business time: the scalar ``Calendar`` methods over numpy ``int64`` arrays.

Each function equals its scalar twin elementwise; the tables are grown once per call for the
extreme instants, then every element is answered by a bucket-indexed search (``Sorted``).
``Calendar``'s ``_v`` methods import this module on first use (numpy with it) and only convert
their arguments.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from slakit.calendar.tables import I64, Tables
from slakit.calendar.timeline import Timeline
from slakit.calendar.zone import DAY_US, EPOCH_ORDINAL

Bools = npt.NDArray[np.bool_]


def one(x: npt.ArrayLike) -> I64:
    """Return ``x`` as an ``int64`` array."""
    return np.asarray(x, dtype=np.int64)


def pair(x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[I64, I64]:
    """Return ``x`` and ``y`` as ``int64`` arrays broadcast to one shape."""
    a, b = np.broadcast_arrays(one(x), one(y))
    return a, b


def _bounds(x: I64) -> tuple[int, int]:
    return int(x.min()), int(x.max())


def elapsed_v(line: Timeline, always: bool, a: I64, b: I64) -> I64:
    """Return the open time in each ``[a, b)`` (0 where ``b <= a``)."""
    if always:
        wall: I64 = np.where(b > a, b - a, 0)
        return wall
    out = np.zeros(a.shape, dtype=np.int64)
    m = b > a
    if not m.any():
        return out
    every = bool(m.all())
    am, bm = (a, b) if every else (a[m], b[m])
    t = line.tables(int(am.min()), int(bm.max()))
    res = t.cum_at_v(bm) - t.cum_at_v(am)
    if every:
        return res
    out[m] = res
    return out


def add_v(line: Timeline, always: bool, a: I64, us: I64) -> I64:
    """Return the due time of each budget ``us`` started at ``a``."""
    if a.size and int(us.min()) < 0:
        raise ValueError("a budget cannot be negative")
    if always:
        return a + us
    out = np.array(a, dtype=np.int64)
    m = us > 0
    if not m.any():
        return out
    every = bool(m.all())
    am, um = (a, us) if every else (a[m], us[m])
    t = line.tables(*_bounds(am))
    dry = [0]
    while True:
        target = t.cum_at_v(am) + um
        top = int(target.max())
        if top <= t.total:
            break
        t = line.more_time(t, top - t.total, dry)
    j = t.cumend_i.left(target)
    res: I64 = t.starts[j] + (target - t.cum[j])
    if every:
        return res
    out[m] = res
    return out


def _open_mask(t: Tables, x: I64) -> tuple[Bools, I64]:
    """Return which instants are open and, for each, the index of the next span start."""
    i = t.starts_i.right(x)
    if not len(t.starts):
        return np.zeros(x.shape, dtype=bool), i
    return (i > 0) & (x < t.ends[np.maximum(i - 1, 0)]), i


def is_open_v(line: Timeline, always: bool, x: I64) -> Bools:
    """Return whether each instant is inside an open span."""
    if always:
        return np.ones(x.shape, dtype=bool)
    if not x.size:
        return np.zeros(x.shape, dtype=bool)
    return _open_mask(line.tables(*_bounds(x)), x)[0]


def next_open_v(line: Timeline, always: bool, x: I64) -> I64:
    """Return each instant if open, else the next opening."""
    if always or not x.size:
        return x.copy()
    t = line.tables(*_bounds(x))
    dry = [0]
    while True:
        is_open, i = _open_mask(t, x)
        if not bool((~is_open & (i >= len(t.starts))).any()):
            break
        t = line.grow(t, 1, dry)
    return np.where(is_open, x, t.starts[np.minimum(i, len(t.starts) - 1)])


def owner_v(line: Timeline, x: I64) -> tuple[Tables | None, I64]:
    """Return tables and the open day (ordinal) each instant belongs to."""
    if not x.size:
        return None, np.zeros(x.shape, dtype=np.int64)
    t = line.tables(*_bounds(x))
    dry = [0]
    while True:
        i = t.own_ends_i.right(x)
        if int(i.max()) < len(t.own_ends):
            return t, t.own_days[i]
        t = line.grow(t, 1, dry)


def is_after_hours_v(line: Timeline, always: bool, x: I64) -> Bools:
    """Return whether each instant lies outside the envelope of its local date's spans."""
    if always or not x.size:
        return np.zeros(x.shape, dtype=bool)
    t = line.tables(*_bounds(x))
    k = t.zone.local_v(x) // DAY_US + (EPOCH_ORDINAL - t.base)
    outside = (x < t.env_lo[k]) | (x >= t.env_hi[k])
    return outside & ~_open_mask(t, x)[0]


def add_business_days_v(line: Timeline, always: bool, a: I64, n: int) -> I64:
    """Return the ``Nbd`` due time of each start."""
    s = next_open_v(line, always, a)
    t, day = owner_v(line, s)
    if t is None:
        return s
    dry = [0]
    k = t.open_days_i.left(day)
    while int(k.max()) + n >= len(t.open_days):
        t = line.more_days(t, int(k.max()) + n + 1 - len(t.open_days), dry)
        k = t.open_days_i.left(day)
    target = t.open_days[k + n]
    first, last = t.env_lo[target - t.base], t.env_hi[target - t.base]
    clock = t.zone.local_v(s) % DAY_US
    midnight = (target - EPOCH_ORDINAL) * DAY_US + clock
    due = t.zone.instant_v(midnight)
    # A time the clocks repeat: its second reading may be after the opening.
    due = np.where(due < first, t.zone.instant_last_v(midnight), due)
    due = np.where(due < first, t.zone.instant_v(midnight + DAY_US), due)
    capped: I64 = np.maximum(np.minimum(np.maximum(due, first), last), s)
    return capped
