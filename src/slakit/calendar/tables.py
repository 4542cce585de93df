"""The spans of a range of years as sorted arrays, with cumulative open time: the fast core.

``Tables`` is immutable and exact for instants in ``[lo, hi)``; ``Calendar`` swaps in a wider
one when a query leaves that range. Spans of the dates of UTC years ``y0 .. y1`` are built:
spans of an earlier date end before ``lo`` and those of a later date start after ``hi``.

This module and ``vector`` are the calendar's numpy half. ``Timeline`` imports this one when
the first query builds tables, so constructing a ``Calendar`` (what ``slakit validate`` does)
imports no numpy; see ``slakit.calendar.core``.
"""

from __future__ import annotations

import functools
import heapq
import itertools
from datetime import date

import numpy as np
import numpy.typing as npt

from slakit.calendar.spec import DayRules
from slakit.calendar.zone import DAY_US, EPOCH_ORDINAL, US, ZoneTable, utc_year_start_us

I64 = npt.NDArray[np.int64]

MIN_US = 60 * US
_NONE = np.iinfo(np.int64).max
_BUCKETS_PER_KEY = 8
_MAX_BUCKETS = 1 << 20
_MAX_STEPS = 4


class Sorted:
    """A sorted ``int64`` array with a bucket index: ``right``/``left`` equal
    ``np.searchsorted(keys, x, side)`` and are several times faster on large unsorted ``x``.

    The keys' range is cut into equal buckets (about 16 per key); each bucket stores how many
    keys lie before it, so a query gathers that count and then steps over the few keys inside
    its bucket (at most ``steps``), past a sentinel pad that ends every walk. Calendar spans
    are nearly periodic, so ``steps`` is 1 or 2. Keys that bunch up (a zone's transitions after
    a far-past placeholder) would need many steps: then it is ``np.searchsorted`` after all.
    """

    __slots__ = ("_base", "_lo", "_nb", "_pad", "_width", "keys", "steps")

    def __init__(self, keys: I64) -> None:
        self.keys = keys
        n = len(keys)
        self._lo = int(keys[0]) if n else 0
        span = int(keys[-1]) - self._lo + 1 if n else 1
        buckets = max(1, min(n * _BUCKETS_PER_KEY, _MAX_BUCKETS))
        self._width = -(-span // buckets)
        self._nb = -(-span // self._width)
        edges = self._lo + np.arange(self._nb, dtype=np.int64) * self._width
        base = np.searchsorted(keys, edges, side="left")
        inside = np.diff(np.append(base, n)) if n else np.zeros(1, dtype=np.int64)
        self.steps = int(inside.max())
        self._base = base.astype(np.int32) if n < 2**31 else base
        self._pad = np.append(keys, np.full(self.steps + 1, _NONE, dtype=np.int64))
        if self.steps > _MAX_STEPS:
            self._base = self._pad = np.zeros(0, dtype=np.int64)  # not used: see right/left

    def _start(self, x: I64) -> I64:
        # Clipping first keeps sentinels such as the int64 extremes from overflowing.
        k = np.clip(x, self._lo, self._lo + self._nb * self._width - 1) - self._lo
        k //= self._width
        start: I64 = self._base[k].astype(np.int64)
        return start

    def right(self, x: I64) -> I64:
        """Return, for each ``x``, how many keys are ``<= x``."""
        if self.steps > _MAX_STEPS:
            found: I64 = np.searchsorted(self.keys, x, side="right")
            return found
        i = self._start(x)
        for _ in range(self.steps):
            i = i + (self._pad[i] <= x)
        # Only x == int64 max walks onto the sentinel pad.
        return np.minimum(i, len(self.keys)) if self.steps else i

    def left(self, x: I64) -> I64:
        """Return, for each ``x``, how many keys are ``< x``."""
        if self.steps > _MAX_STEPS:
            found: I64 = np.searchsorted(self.keys, x, side="left")
            return found
        i = self._start(x)
        for _ in range(self.steps):
            i = i + (self._pad[i] < x)
        return i


class ZoneArrays(ZoneTable):
    """A ``ZoneTable`` with its offsets as ``int64`` arrays too, for the vectorized twins."""

    __slots__ = ("_off_v", "_thr_last_v", "_thr_v", "_trans_v")

    def __init__(self, key: str, y0: int, y1: int) -> None:
        super().__init__(key, y0, y1)
        self._trans_v = Sorted(np.array(self._trans, dtype=np.int64))
        self._off_v = np.array(self._off, dtype=np.int64)
        self._thr_v = Sorted(np.array(self._thr, dtype=np.int64))
        self._thr_last_v = Sorted(np.array(self._thr_last, dtype=np.int64))

    def local_v(self, t: I64) -> I64:
        """Vectorized ``local``."""
        return t + self._off_v[self._trans_v.right(t) - 1]

    def instant_v(self, local: I64) -> I64:
        """Vectorized ``instant``."""
        return local - self._off_v[self._thr_v.right(local) - 1]

    def instant_last_v(self, local: I64) -> I64:
        """Vectorized ``instant_last``."""
        last: I64 = np.maximum(self.instant_v(local),
                               local - self._off_v[self._thr_last_v.right(local) - 1])
        return last


class RawYear:
    """Positive-length spans of the local dates of one year, in start order, with their date."""

    __slots__ = ("days", "ends", "starts")

    def __init__(self, rules: DayRules, zone: ZoneArrays, year: int) -> None:
        closed = rules.closed(year)
        first = date(year, 1, 1).toordinal()
        days: list[int] = []
        lstarts: list[int] = []
        lends: list[int] = []
        for ordinal in range(first, date(year + 1, 1, 1).toordinal()):
            midnight = (ordinal - EPOCH_ORDINAL) * DAY_US
            for start, end in rules.spans_of(ordinal, closed):
                days.append(ordinal)
                lstarts.append(midnight + start * MIN_US)
                lends.append(midnight + (end if end > start else end + 1440) * MIN_US)
        starts = zone.instant_v(np.array(lstarts, dtype=np.int64))
        ends = zone.instant_v(np.array(lends, dtype=np.int64))
        # A span inside a skipped hour (02:00-03:00 on a spring-forward day) has no length.
        keep = ends > starts
        order = np.argsort(starts[keep], kind="stable")
        self.starts: I64 = starts[keep][order]
        self.ends: I64 = ends[keep][order]
        self.days: I64 = np.array(days, dtype=np.int64)[keep][order]


def _ownership(starts: I64, ends: I64, days: I64) -> tuple[I64, I64]:
    """Return piece ends and owner dates: the instants before ``piece_end[i]`` (and at or after
    the previous one) belong to open day ``owner[i]``.

    An open instant belongs to the date of the span it is in (the latest-starting one if spans
    of two dates overlap), a closed one to the date of the next span.
    """
    if len(starts) < 2 or bool(np.all(starts[1:] >= ends[:-1])):
        return ends, days
    points = sorted(set(starts.tolist()) | set(ends.tolist()))
    s, e, d = starts.tolist(), ends.tolist(), days.tolist()
    heap: list[tuple[int, int]] = []
    piece_end: list[int] = []
    owner: list[int] = []
    j = 0
    for p, nxt in itertools.pairwise(points):
        while j < len(s) and s[j] <= p:
            heapq.heappush(heap, (-s[j], -j))
            j += 1
        while heap and e[-heap[0][1]] <= p:
            heapq.heappop(heap)
        who = d[-heap[0][1]] if heap else d[j]
        if owner and owner[-1] == who:
            piece_end[-1] = nxt
        else:
            piece_end.append(nxt)
            owner.append(who)
    return np.array(piece_end, dtype=np.int64), np.array(owner, dtype=np.int64)


class Tables:
    """Merged open spans, cumulative open time, ownership and day envelopes for ``y0 .. y1``.

    Each array has a list twin for the scalar path (``bisect`` on a list beats numpy there).
    """

    def __init__(self, years: list[RawYear], y0: int, y1: int, zone: ZoneArrays) -> None:
        self.y0, self.y1, self.zone = y0, y1, zone
        self.lo = utc_year_start_us(y0) + 3 * DAY_US
        self.hi = utc_year_start_us(y1 + 1) - DAY_US
        raw_s = np.concatenate([y.starts for y in years])
        raw_e = np.concatenate([y.ends for y in years])
        raw_d = np.concatenate([y.days for y in years])
        order = np.argsort(raw_s, kind="stable")
        raw_s, raw_e, raw_d = raw_s[order], raw_e[order], raw_d[order]

        # Merge overlapping and touching spans: business time is their union.
        if len(raw_s):
            reach = np.maximum.accumulate(raw_e)
            new = np.ones(len(raw_s), dtype=bool)
            new[1:] = raw_s[1:] > reach[:-1]
            first = np.flatnonzero(new)
            last = np.append(first[1:], len(raw_s)) - 1
            starts, ends = raw_s[first], reach[last]
        else:
            starts = ends = np.zeros(0, dtype=np.int64)
        lengths = ends - starts
        cumend = np.cumsum(lengths)
        self.starts, self.ends, self.lengths = starts, ends, lengths
        self.cum, self.cumend = cumend - lengths, cumend
        self.total = int(cumend[-1]) if len(cumend) else 0

        self.own_ends, self.own_days = _ownership(raw_s, raw_e, raw_d)
        self.open_days = np.unique(raw_d)

        self.base = date(y0, 1, 1).toordinal()
        ndays = date(y1 + 1, 1, 1).toordinal() - self.base
        env_lo = np.full(ndays, _NONE, dtype=np.int64)
        env_hi = np.full(ndays, -_NONE, dtype=np.int64)
        np.minimum.at(env_lo, raw_d - self.base, raw_s)
        np.maximum.at(env_hi, raw_d - self.base, raw_e)
        self.env_lo, self.env_hi = env_lo, env_hi

        self.starts_l: list[int] = starts.tolist()
        self.ends_l: list[int] = ends.tolist()
        self.cum_l: list[int] = self.cum.tolist()
        self.cumend_l: list[int] = cumend.tolist()
        self.own_ends_l: list[int] = self.own_ends.tolist()
        self.own_days_l: list[int] = self.own_days.tolist()
        self.open_days_l: list[int] = self.open_days.tolist()
        self.env_lo_l: list[int] = env_lo.tolist()
        self.env_hi_l: list[int] = env_hi.tolist()
        # The same arrays with a bucket index, for the vectorized queries.
        self.starts_i, self.cumend_i = Sorted(starts), Sorted(cumend)
        self.own_ends_i, self.open_days_i = Sorted(self.own_ends), Sorted(self.open_days)

    def covers(self, a: int, b: int) -> bool:
        """Tell whether instants ``a <= b`` both lie in the exact range ``[lo, hi)``."""
        return self.lo <= a and b < self.hi

    def cum_at_v(self, t: I64) -> I64:
        """Return the open time from the first span up to each instant of ``t``."""
        if not len(self.starts):
            return np.zeros(np.shape(t), dtype=np.int64)
        i = np.maximum(self.starts_i.right(t) - 1, 0)
        out: I64 = self.cum[i] + np.clip(t - self.starts[i], 0, self.lengths[i])
        return out


@functools.lru_cache(maxsize=64)
def zone_table(key: str, y0: int, y1: int) -> ZoneArrays:
    """Return the (shared) offset table of zone ``key`` around years ``y0 .. y1``."""
    return ZoneArrays(key, y0 - 1, y1 + 1)
