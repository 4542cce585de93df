"""Invalid calendars fail with a located, coded error; no search can run forever."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest
from cal_strategies import HOUR, us

from slakit.calendar import (
    Calendar,
    CalendarError,
    CalendarNeverOpens,
    CalendarRangeError,
    CalendarSpec,
    InvalidSpan,
    UnknownHolidayRegion,
    UnknownTimezone,
)
from slakit.errors import SlakitError

NINE_TO_FIVE = {0: ((540, 1020),)}
T2026 = us(datetime.fromisoformat("2026-06-01T12:00:00+00:00"))


@pytest.mark.parametrize(("spec", "error", "code", "field"), [
    (CalendarSpec("UTC", {}), CalendarNeverOpens, "calendar-never-opens", "hours"),
    (CalendarSpec("UTC", {d: () for d in range(7)}, overrides={date(2026, 1, 1): ()}),
     CalendarNeverOpens, "calendar-never-opens", "hours"),
    (CalendarSpec("Mars/Olympus_Mons", NINE_TO_FIVE), UnknownTimezone, "unknown-timezone",
     "timezone"),
    (CalendarSpec("", NINE_TO_FIVE), UnknownTimezone, "unknown-timezone", "timezone"),
    (CalendarSpec("UTC", NINE_TO_FIVE, country="ZZ"), UnknownHolidayRegion,
     "unknown-holiday-region", "holidays.country"),
    (CalendarSpec("UTC", NINE_TO_FIVE, country="US", subdivision="XX"), UnknownHolidayRegion,
     "unknown-holiday-region", "holidays.subdivision"),
    (CalendarSpec("UTC", NINE_TO_FIVE, subdivision="NY"), UnknownHolidayRegion,
     "unknown-holiday-region", "holidays.subdivision"),
    (CalendarSpec("UTC", {7: ((540, 1020),)}), InvalidSpan, "invalid-span", "hours"),
    (CalendarSpec("UTC", {0: ((1440, 60),)}), InvalidSpan, "invalid-span", "hours"),
    (CalendarSpec("UTC", {0: ((0, 0),)}), InvalidSpan, "invalid-span", "hours"),
    (CalendarSpec("UTC", {0: ((0, 1441),)}), InvalidSpan, "invalid-span", "hours"),
    (CalendarSpec("UTC", NINE_TO_FIVE, overrides={date(2026, 1, 1): ((-5, 60),)}), InvalidSpan,
     "invalid-span", "overrides"),
])
def test_invalid_calendars(spec: CalendarSpec, error: type[CalendarError], code: str,
                           field: str) -> None:
    with pytest.raises(error) as info:
        Calendar(spec)
    assert isinstance(info.value, SlakitError)
    assert info.value.code == code
    assert info.value.field == field
    assert str(info.value)


def test_unknown_subdivision_lists_the_known_ones() -> None:
    with pytest.raises(UnknownHolidayRegion, match=r"'XX'.*write one of AK, AL"):
        Calendar(CalendarSpec("UTC", NINE_TO_FIVE, country="US", subdivision="XX"))


def test_a_calendar_open_on_one_date_only_stops_searching() -> None:
    once = Calendar(CalendarSpec("UTC", {}, overrides={date(2026, 6, 1): ((540, 600),)},
                                 name="once"))
    before = T2026 - 30 * 24 * HOUR
    assert once.elapsed(before, T2026 + 24 * HOUR) == HOUR
    assert once.add(before, HOUR) == us(datetime.fromisoformat(
        "2026-06-01T10:00:00+00:00"))
    with pytest.raises(CalendarNeverOpens, match="once"):
        once.add(before, HOUR + 1)
    with pytest.raises(CalendarNeverOpens):
        once.next_open(T2026)
    with pytest.raises(CalendarNeverOpens):
        once.add_business_days(before, 1)
    with pytest.raises(CalendarNeverOpens):
        once.add_v(np.array([before, before]), np.array([0, HOUR + 1]))
    with pytest.raises(CalendarNeverOpens):
        once.next_open_v(np.array([T2026]))
    # far from its one date there is simply no open time
    far = T2026 + 3 * 366 * 24 * HOUR
    assert once.elapsed(far, far + HOUR) == 0
    assert once.elapsed_v(np.array([far]), np.array([far + HOUR])).tolist() == [0]
    assert not once.is_open(far)
    assert once.is_after_hours(far)


def test_out_of_range_instants() -> None:
    cal = Calendar(CalendarSpec("UTC", NINE_TO_FIVE))
    with pytest.raises(CalendarRangeError):
        cal.elapsed(0, 2**62)
    with pytest.raises(CalendarRangeError):
        cal.is_open(-(2**62))
    with pytest.raises(CalendarRangeError):
        cal.add(T2026, 2**62)


def test_bad_arguments() -> None:
    cal = Calendar(CalendarSpec("UTC", NINE_TO_FIVE))
    with pytest.raises(ValueError, match="negative"):
        cal.add(T2026, -1)
    with pytest.raises(ValueError, match="negative"):
        cal.add_v(np.array([T2026]), np.array([-1]))
    with pytest.raises(ValueError, match="1bd"):
        cal.add_business_days(T2026, 0)
    with pytest.raises(ValueError, match="1bd"):
        cal.add_business_days_v(np.array([T2026]), 0)


def test_empty_and_degenerate_arrays() -> None:
    cal = Calendar(CalendarSpec("UTC", NINE_TO_FIVE))
    empty = np.array([], dtype=np.int64)
    assert cal.elapsed_v(empty, empty).shape == (0,)
    assert cal.add_v(empty, empty).shape == (0,)
    assert cal.add_business_days_v(empty, 1).shape == (0,)
    assert cal.is_after_hours_v(empty).shape == (0,)
    assert cal.next_open_v(empty).shape == (0,)
    # pairs with b <= a are 0 whatever a holds (the engine's missing-value sentinels)
    sentinel = np.iinfo(np.int64).min
    assert cal.elapsed_v(np.array([T2026, T2026]), np.array([sentinel, T2026])).tolist() == [0, 0]
    assert cal.elapsed(T2026, sentinel) == 0
    assert cal.add_v(np.array([T2026]), np.array([0])).tolist() == [T2026]
    always = Calendar.always_open()
    assert always.elapsed_v(np.array([T2026]), np.array([sentinel])).tolist() == [0]
