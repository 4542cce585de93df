"""Times and durations the way the explain text writes them.

>>> when(1_773_669_600_000_000, ZoneInfo("America/New_York"))
'Mon 2026-03-16 10:00'
>>> duration(9_000_000_000)
'2h 30m'
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

_US = 1_000_000


def local(us: int, zone: ZoneInfo) -> dt.datetime:
    """The instant as an aware datetime in ``zone`` (to the second)."""
    return dt.datetime.fromtimestamp(us // _US, tz=dt.UTC).astimezone(zone)


def when(us: int, zone: ZoneInfo, *, zone_name: bool = False) -> str:
    """``Mon 2026-03-16 10:00`` (seconds when not zero; ``EDT`` with ``zone_name``)."""
    t = local(us, zone)
    text = t.strftime("%a %Y-%m-%d %H:%M") + (f":{t.second:02d}" if t.second else "")
    return f"{text} {t.tzname()}" if zone_name else text


def clock_time(us: int, zone: ZoneInfo) -> str:
    """``10:00`` (``10:00:30`` when the seconds are not zero)."""
    t = local(us, zone)
    return t.strftime("%H:%M") + (f":{t.second:02d}" if t.second else "")


def same_day(a: int, b: int, zone: ZoneInfo) -> bool:
    """Tell whether two instants fall on the same local date."""
    return local(a, zone).date() == local(b, zone).date()


def until(a: int, b: int, zone: ZoneInfo) -> str:
    """``Mon 2026-03-16 10:00-10:30``, or both dates when the span crosses midnight."""
    end = clock_time(b, zone) if same_day(a, b, zone) else when(b, zone)
    return f"{when(a, zone)} - {end}"


def duration(us: int) -> str:
    """Clock time in hours, minutes and seconds, zeros left out: ``64h 53m``, ``15m 1s``.

    No days: a day of clock time would read as a calendar day.
    """
    return _parts(us, days=False)


def wall(us: int) -> str:
    """Wall time in days, hours, minutes and seconds: ``9d 4h``."""
    return _parts(us, days=True)


def _parts(us: int, *, days: bool) -> str:
    seconds = us // _US
    if seconds <= 0:
        return "0m" if us <= 0 else "under 1s"
    d, rest = divmod(seconds, 86_400) if days else (0, seconds)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{n}{unit}" for n, unit in ((d, "d"), (hours, "h"), (minutes, "m"), (secs, "s"))
             if n]
    return " ".join(parts)
