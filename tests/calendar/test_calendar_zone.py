"""The offset tables agree with ``zoneinfo`` (``fold=0``) in zones with unusual rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from cal_strategies import examples, us
from hypothesis import given
from hypothesis import strategies as st

from slakit.calendar.zone import DAY_US, ZoneTable, datetime_of, instant_of

ZONES = (
    "America/New_York", "Europe/Rome", "Australia/Sydney", "Asia/Kolkata",
    "America/Santiago",      # changes at midnight: some local dates start at 01:00
    "America/Havana",        # changes at midnight too
    "Australia/Lord_Howe",   # a 30-minute DST
    "Europe/Dublin",         # "negative" DST in the database
    "Pacific/Apia",          # skipped 2011-12-30 entirely
    "Asia/Kathmandu",        # +05:45
)
LO, HI = us(datetime(2005, 1, 1, tzinfo=UTC)), us(datetime(2030, 1, 1, tzinfo=UTC))
TABLES = {z: ZoneTable(z, 2004, 2031) for z in ZONES}
ONE_US = timedelta(microseconds=1)


@examples(300)
@given(st.sampled_from(ZONES), st.integers(LO, HI))
def test_local_wall_clock(zone: str, t: int) -> None:
    wall = datetime_of(t, zone).replace(tzinfo=None)
    assert TABLES[zone].local(t) == (wall - datetime(1970, 1, 1)) // ONE_US


@examples(300)
@given(st.sampled_from(ZONES), st.integers(LO // 60_000_000, HI // 60_000_000))
def test_wall_clock_to_instant_takes_fold_0(zone: str, minute: int) -> None:
    local = minute * 60_000_000
    wall = datetime(1970, 1, 1) + local * ONE_US
    expected = instant_of(wall.replace(tzinfo=ZoneInfo(zone), fold=0))
    assert TABLES[zone].instant(local) == expected


def test_near_every_change() -> None:
    # every hour around each change, both directions, against zoneinfo
    for zone, table in TABLES.items():
        tz = ZoneInfo(zone)
        t = LO
        prev = datetime_of(t, tz).utcoffset()
        while t < HI:
            t += 3_600_000_000
            off = datetime_of(t, tz).utcoffset()
            if off == prev:
                continue
            prev = off
            for dt in range(-3 * 3_600_000_000, 3 * 3_600_000_000, 15 * 60_000_000):
                x = t + dt
                wall = datetime_of(x, tz).replace(tzinfo=None)
                assert table.local(x) == (wall - datetime(1970, 1, 1)) // ONE_US, (zone, x)
                local = table.local(x) - table.local(x) % DAY_US + dt % DAY_US
                naive = datetime(1970, 1, 1) + local * ONE_US
                assert table.instant(local) == instant_of(naive.replace(tzinfo=tz, fold=0))
