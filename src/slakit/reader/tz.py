"""Naive local wall times -> UTC instants, vectorized, with zoneinfo's fold=0 rule.

A skipped local time (spring forward) takes the offset before the change, so 02:30 on a
New York spring-forward night is 07:30Z (03:30 EDT); a repeated one (fall back) takes its
first occurrence. The offset is looked up once per distinct local day present in the data;
days holding a change get the local breakpoint by bisection.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from numpy.typing import NDArray

from slakit.errors import InputError
from slakit.zones import zone_info

US = 1_000_000
DAY_US = 86_400 * US
_EPOCH = datetime(1970, 1, 1)
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"}


def zone(name: str) -> ZoneInfo:
    """Return the zone called `name`, or raise InputError."""
    try:
        return zone_info(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise InputError(f"unknown time zone {name!r} (expected an IANA name)") from e


def _offset_us(z: ZoneInfo, local_s: int) -> int:
    """Return the UTC offset in microseconds of local wall time `local_s` (seconds), fold=0."""
    dt = (_EPOCH + timedelta(seconds=local_s)).replace(tzinfo=z)
    off = dt.utcoffset()
    assert off is not None
    return (off.days * 86_400 + off.seconds) * US + off.microseconds


class _DayTable:
    """Per local day of one zone: offset at the start, at the end, and where it changes.

    Filled lazily for the days the data has and kept across batches and calls.
    """

    def __init__(self, z: ZoneInfo) -> None:
        self.z = z
        self.d0 = 0
        self.start = np.zeros(0, dtype=np.int64)
        self.end = np.zeros(0, dtype=np.int64)
        # Microsecond of the day from which `end` applies; DAY_US when nothing changes.
        self.cut = np.zeros(0, dtype=np.int64)
        self.known = np.zeros(0, dtype=np.bool_)
        self.lock = threading.Lock()

    def _cover(self, lo: int, hi: int) -> None:
        if self.known.size and lo >= self.d0 and hi < self.d0 + self.known.size:
            return
        new0 = min(lo, self.d0) if self.known.size else lo
        new1 = max(hi + 1, self.d0 + self.known.size) if self.known.size else hi + 1
        at = self.d0 - new0
        size = new1 - new0
        for name, fill in (("start", 0), ("end", 0), ("cut", DAY_US), ("known", False)):
            old = getattr(self, name)
            arr = np.full(size, fill, dtype=old.dtype)
            arr[at : at + old.size] = old
            setattr(self, name, arr)
        self.d0 = new0

    def lookup(self, days: NDArray[np.int64]) -> tuple[NDArray[np.int64], ...]:
        """Return (start, end, cut) for each day in `days`.

        Thread-safe: the reader parses times on its parsing thread while other code may
        convert on the main one, and a lookup may grow the table.
        """
        lo, hi = int(days.min()), int(days.max())
        with self.lock:
            self._cover(lo, hi)
            idx = days - self.d0
            seen = np.zeros(hi - lo + 1, dtype=np.bool_)
            seen[days - lo] = True
            known = self.known[lo - self.d0 : hi - self.d0 + 1]
            todo = np.flatnonzero(seen & ~known) + lo - self.d0
            for i in todo.tolist():
                self._fill(i)
            return self.start[idx], self.end[idx], self.cut[idx]

    def _fill(self, i: int) -> None:
        z = self.z
        day_s = (self.d0 + i) * 86_400
        a = _offset_us(z, day_s)
        b = _offset_us(z, day_s + 86_399)
        self.start[i], self.end[i], self.known[i] = a, b, True
        if a != b:
            lo, hi = 0, 86_399  # f(lo) == a, f(hi) == b: find the first second with b
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_us(z, day_s + mid) == a:
                    lo = mid
                else:
                    hi = mid
            self.cut[i] = hi * US


_TABLES: dict[str, _DayTable] = {}


def _table(z: ZoneInfo) -> _DayTable:
    """The zone's day table: one per zone, whichever thread asks first."""
    table = _TABLES.get(z.key)
    return table if table is not None else _TABLES.setdefault(z.key, _DayTable(z))


def local_to_utc(local_us: NDArray[np.int64], z: ZoneInfo) -> NDArray[np.int64]:
    """Return UTC epoch microseconds for naive local epoch microseconds in zone `z`."""
    if local_us.size == 0 or z.key in _UTC_KEYS:
        return local_us.astype(np.int64, copy=True)
    table = _table(z)
    days = local_us // DAY_US
    start, end, cut = table.lookup(days)
    tod = local_us - days * DAY_US
    utc: NDArray[np.int64] = local_us - np.where(tod >= cut, end, start)
    return utc


def forward_gaps(z: ZoneInfo, lo_us: int, hi_us: int) -> list[tuple[int, int, int]]:
    """The clock-forward changes of ``z`` that instants in ``[lo_us, hi_us]`` (UTC) may follow:
    ``(change, skipped, before)``, the change's UTC instant, the local time it skips and the
    offset before it (all microseconds). A naive time in the skipped hour is read with the
    offset before, so it lands in ``[change, change + skipped)``, as does a real time just
    after the change: ``notes.TimeNotes`` tells them apart."""
    if z.key in _UTC_KEYS or hi_us < lo_us:
        return []
    table = _table(z)
    days = np.arange(lo_us // DAY_US - 1, hi_us // DAY_US + 2, dtype=np.int64)
    start, end, cut = table.lookup(days)
    forward = np.flatnonzero(end > start)
    # The first local time after the gap (cut, at offset `end`) is the change's instant.
    return [(int(days[i] * DAY_US + cut[i] - end[i]), int(end[i] - start[i]), int(start[i]))
            for i in forward.tolist()]
