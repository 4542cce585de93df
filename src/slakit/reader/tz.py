"""Naive local wall times -> UTC instants, vectorized, with zoneinfo's fold=0 rule.

A skipped local time (spring forward) takes the offset before the change, so 02:30 on a
New York spring-forward night is 07:30Z (03:30 EDT); a repeated one (fall back) takes its
first occurrence. The offset is looked up once per distinct local day present in the data;
days holding a change get the local breakpoint by bisection.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from numpy.typing import NDArray

from slakit.errors import InputError

US = 1_000_000
DAY_US = 86_400 * US
_EPOCH = datetime(1970, 1, 1)
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"}


def zone(name: str) -> ZoneInfo:
    """Return the zone called `name`, or raise InputError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise InputError(f"unknown time zone {name!r} (expected an IANA name)") from e


def _offset_us(z: ZoneInfo, local_s: int) -> int:
    """Return the UTC offset in microseconds of local wall time `local_s` (seconds), fold=0."""
    dt = (_EPOCH + timedelta(seconds=local_s)).replace(tzinfo=z)
    off = dt.utcoffset()
    assert off is not None
    return (off.days * 86_400 + off.seconds) * US + off.microseconds


def local_to_utc(local_us: NDArray[np.int64], z: ZoneInfo) -> NDArray[np.int64]:
    """Return UTC epoch microseconds for naive local epoch microseconds in zone `z`."""
    if local_us.size == 0 or z.key in _UTC_KEYS:
        return local_us.astype(np.int64, copy=True)
    days = local_us // DAY_US
    d0 = int(days.min())
    span = int(days.max()) - d0 + 1
    present = np.flatnonzero(np.bincount(days - d0, minlength=span))
    start = np.zeros(span, dtype=np.int64)
    end = np.zeros(span, dtype=np.int64)
    # Microsecond of the day from which `end` applies; DAY_US means "never" (no change).
    cut = np.full(span, DAY_US, dtype=np.int64)
    for i in present.tolist():
        day_s = (d0 + i) * 86_400
        a = _offset_us(z, day_s)
        b = _offset_us(z, day_s + 86_399)
        start[i] = a
        end[i] = b
        if a != b:
            lo, hi = 0, 86_399  # f(lo) == a, f(hi) == b: find the first second with b
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_us(z, day_s + mid) == a:
                    lo = mid
                else:
                    hi = mid
            cut[i] = hi * US
    idx = days - d0
    tod = local_us - days * DAY_US
    off = np.where(tod >= cut[idx], end[idx], start[idx])
    return local_us - off
