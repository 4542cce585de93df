"""A zone's UTC offsets as sorted arrays: wall clock <-> instant, one at a time or in bulk.

Instants are epoch microseconds UTC; a *local* value is the wall clock read as if it were UTC
(``local = instant + offset``), so ``local // DAY_US`` is the local date's day number.
Local times become instants by the zone's rules with ``fold=0``: a skipped time takes the offset
before the change (02:30 on a spring-forward night is 03:30), a repeated one its first occurrence.

This module does not import numpy (``slakit validate`` builds calendars through it): the bulk
twins of ``ZoneTable`` are ``tables.ZoneArrays``.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

US = 1_000_000
DAY_US = 86_400 * US
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
FAR_PAST = -(2**62)
_SAMPLE_S = 6 * 3600


def utc_year_start_us(year: int) -> int:
    """Return the instant of ``year``-01-01 00:00 UTC."""
    return (date(year, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY_US


def utc_year_of(t: int) -> int:
    """Return the UTC calendar year of instant ``t``."""
    return date.fromordinal(t // DAY_US + EPOCH_ORDINAL).year


def _offset_s(tz: ZoneInfo, s: int) -> int:
    off = datetime.fromtimestamp(s, tz).utcoffset()
    assert off is not None
    return off.days * 86_400 + off.seconds


@functools.lru_cache(maxsize=4096)
def year_changes(key: str, year: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Return the offset at the start of UTC ``year`` and its changes ``(instant_s, offset_s)``.

    Found by sampling every 6 hours and bisecting to the second (zone rules change on whole
    seconds); two changes within one 6-hour window that cancel out would be missed, which the
    IANA database has no example of after 1900.
    """
    tz = ZoneInfo(key)
    start = utc_year_start_us(year) // US
    end = utc_year_start_us(year + 1) // US
    first = _offset_s(tz, start)
    changes: list[tuple[int, int]] = []
    lo, lo_off = start, first
    while lo < end:
        hi = min(lo + _SAMPLE_S, end)
        hi_off = _offset_s(tz, hi)
        while hi_off != lo_off:
            a, b = lo, hi
            while b - a > 1:
                mid = (a + b) // 2
                if _offset_s(tz, mid) == lo_off:
                    a = mid
                else:
                    b = mid
            lo, lo_off = b, _offset_s(tz, b)
            changes.append((lo, lo_off))
        lo = hi
    return first, tuple(changes)


class ZoneTable:
    """Offsets of zone ``key`` for instants of UTC years ``y0`` .. ``y1`` (the first and last
    offsets hold beyond them)."""

    __slots__ = ("_off", "_thr", "_thr_last", "_trans", "key")

    def __init__(self, key: str, y0: int, y1: int) -> None:
        self.key = key
        first, _ = year_changes(key, y0)
        trans = [FAR_PAST]
        offs = [first * US]
        for year in range(y0, y1 + 1):
            for s, off in year_changes(key, year)[1]:
                trans.append(s * US)
                offs.append(off * US)
        # A local value maps through the offset before a change until the later of the two
        # readings of the change: a skipped or repeated wall time takes the earlier offset.
        pairs = list(zip(trans[1:], offs[:-1], offs[1:], strict=True))
        thr = [FAR_PAST] + [t + max(o0, o1) for t, o0, o1 in pairs]
        # The second reading of a repeated wall time maps through the offset after the change.
        self._thr_last = [FAR_PAST] + [t + min(o0, o1) for t, o0, o1 in pairs]
        self._trans, self._off, self._thr = trans, offs, thr

    def local(self, t: int) -> int:
        """Return the wall clock at instant ``t`` (as microseconds since 1970-01-01 00:00)."""
        return t + self._off[bisect_right(self._trans, t) - 1]

    def instant(self, local: int) -> int:
        """Return the instant at which the wall clock reads ``local`` (``fold=0``)."""
        return local - self._off[bisect_right(self._thr, local) - 1]

    def instant_last(self, local: int) -> int:
        """Return the last instant at which the wall clock reads ``local``: the second reading
        of a time the clocks repeat (``fold=1``), else the same as ``instant``."""
        return max(self.instant(local), local - self._off[bisect_right(self._thr_last, local) - 1])


def instant_of(dt: datetime) -> int:
    """Return the epoch microseconds of an aware datetime.

    >>> instant_of(datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC))
    1000000
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("an instant needs an aware datetime (with tzinfo)")
    return (dt - _EPOCH) // _ONE_US


def datetime_of(t: int, tz: ZoneInfo | str = "UTC") -> datetime:
    """Return instant ``t`` as an aware datetime in ``tz``."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return (_EPOCH + t * _ONE_US).astimezone(zone)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = datetime.resolution
