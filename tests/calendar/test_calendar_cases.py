"""Hand-worked cases: each number is worked out in its comment from LANGUAGE.md section 3.

Times are local to the calendar unless a zone is named. 2026: Feb 2 is a Monday; US DST
starts Mar 8 and ends Nov 1; Rome's starts Mar 29 and ends Oct 25; Sydney's ends Apr 5.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slakit.calendar import Calendar, CalendarSpec, instant_of

MIN = 60_000_000
HOUR = 60 * MIN
WEEKDAYS = range(5)


def hm(text: str) -> tuple[int, int]:
    """``"08:00-12:00"`` -> ``(480, 720)``."""
    start, end = text.split("-")
    h1, m1 = start.split(":")
    h2, m2 = end.split(":")
    return int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)


def hours(*spans: str) -> tuple[tuple[int, int], ...]:
    return tuple(hm(s) for s in spans)


# The fixture's clinic and night calendars (shared/design/fixture/basics.sla.yaml).
CLINIC = Calendar(CalendarSpec(
    "America/Chicago", dict.fromkeys(WEEKDAYS, hours("08:00-12:00", "13:00-17:00")),
    country="US", name="clinic"))
NIGHTS = Calendar(CalendarSpec("America/Chicago", dict.fromkeys(WEEKDAYS, hours("22:00-06:00")),
                               name="nights"))
# LANGUAGE.md's call-center: split shifts, a Saturday half day, NY holidays, one-off hours.
CALL_CENTER = Calendar(CalendarSpec(
    "America/New_York",
    {**dict.fromkeys(WEEKDAYS, hours("08:00-12:00", "13:00-18:00")), 5: hours("09:00-13:00")},
    country="US", subdivision="NY", include=(date(2026, 11, 27),),
    overrides={date(2026, 12, 24): hours("08:00-12:00"), date(2026, 12, 31): ()},
    name="call-center"))
ROME = Calendar(CalendarSpec("Europe/Rome", dict.fromkeys(WEEKDAYS, hours("09:00-18:00")),
                             country="IT", name="rome"))
# Sunday-only calendars to see a whole DST night.
NY_SUNDAY_NIGHT = Calendar(CalendarSpec("America/New_York", {6: hours("00:00-06:00")}))
NY_SATURDAY_SHIFT = Calendar(CalendarSpec("America/New_York", {5: hours("22:00-06:00")}))
ROME_SUNDAY = Calendar(CalendarSpec("Europe/Rome", {6: hours("00:00-24:00")}))
NY_24X7 = Calendar.always_open("America/New_York")
KOLKATA = Calendar(CalendarSpec("Asia/Kolkata", dict.fromkeys(range(6), hours("09:30-18:30"))))


def at(cal: Calendar, text: str, zone: str | None = None) -> int:
    """The instant of local time ``"2026-02-02 11:50"`` in ``zone`` (default: the calendar's)."""
    naive = datetime.fromisoformat(text)
    return instant_of(naive.replace(tzinfo=ZoneInfo(zone or cal.timezone)))


def local(cal: Calendar, t: int) -> str:
    return cal.to_datetime(t).strftime("%Y-%m-%d %H:%M")


def minutes(cal: Calendar, a: str, b: str) -> float:
    return cal.elapsed(at(cal, a), at(cal, b)) / MIN


# -- the fixture (expected.md) ------------------------------------------------------------------

def test_fixture_quick_budgets() -> None:
    # P1: 11:50-12:00 is 10 min, lunch does not count, 13:00-13:10 is the other 10 -> 13:10
    assert local(CLINIC, CLINIC.add(at(CLINIC, "2026-02-02 11:50"), 20 * MIN)) == \
        "2026-02-02 13:10"
    # P1's elapsed to the 13:05 touch: 10 + 5 = 15
    assert minutes(CLINIC, "2026-02-02 11:50", "2026-02-02 13:05") == 15
    # P3: Mon 19:00 is after hours; 90 min from Tue 08:00 -> Tue 09:30
    assert local(CLINIC, CLINIC.add(at(CLINIC, "2026-02-02 19:00"), 90 * MIN)) == \
        "2026-02-03 09:30"


def test_fixture_night_calendar() -> None:
    # Tue 22:00-Wed 06:00 is one span; Tue 23:30 + 30 min -> Wed 00:00
    t = at(NIGHTS, "2026-02-03 23:30")
    assert local(NIGHTS, NIGHTS.add(t, 30 * MIN)) == "2026-02-04 00:00"
    assert NIGHTS.is_open(at(NIGHTS, "2026-02-04 00:10"))
    # P6 stopped at Wed 00:10: 23:30 -> 00:10 is 40 min
    assert minutes(NIGHTS, "2026-02-03 23:30", "2026-02-04 00:10") == 40
    # the span belongs to Tuesday, the date it starts on
    assert NIGHTS.open_day(at(NIGHTS, "2026-02-04 00:10")) == date(2026, 2, 3)


@pytest.mark.parametrize(("start", "due"), [
    ("2026-02-02 11:50", "2026-02-03 11:50"),  # P1: same clock, next open day
    ("2026-02-02 12:30", "2026-02-03 13:00"),  # P2: lunch start moves to 13:00
    ("2026-02-02 19:00", "2026-02-04 08:00"),  # P3: moves to Tue 08:00, Tuesday's open day
    ("2026-02-03 23:30", "2026-02-05 08:00"),  # P6: moves to Wed 08:00 -> Thu 08:00
    ("2026-02-03 06:00", "2026-02-04 08:00"),  # before opening: Tue 08:00 -> Wed 08:00
    ("2026-02-07 10:00", "2026-02-10 08:00"),  # closed Saturday: Mon 08:00 -> Tue 08:00
    ("2026-02-06 11:50", "2026-02-09 11:50"),  # Friday -> Monday, the weekend has no spans
    ("2026-02-13 10:00", "2026-02-17 10:00"),  # Fri -> Tue: Mon Feb 16 is Washington's Birthday
])
def test_fixture_next_day(start: str, due: str) -> None:
    assert local(CLINIC, CLINIC.add_business_days(at(CLINIC, start), 1)) == due


@pytest.mark.parametrize(("when", "after"), [
    ("2026-02-02 12:30", False),  # lunch gap: inside the 08:00-17:00 envelope
    ("2026-02-02 19:00", True),   # after the last close
    ("2026-02-02 07:59", True),   # before the first opening
    ("2026-02-02 08:00", False),  # at the opening
    ("2026-02-02 17:00", True),   # at the last close: [open, close) has ended
    ("2026-02-07 10:00", True),   # Saturday: a closed day
    ("2026-02-16 10:00", True),   # Washington's Birthday: a closed day
])
def test_after_hours(when: str, after: bool) -> None:
    assert CLINIC.is_after_hours(at(CLINIC, when)) is after


def test_after_hours_overnight() -> None:
    # Wed 00:10 is inside Tuesday's 22:00-06:00 span: not after hours
    assert not NIGHTS.is_after_hours(at(NIGHTS, "2026-02-04 00:10"))
    # Wed 07:00: closed; Wednesday's envelope is Wed 22:00-Thu 06:00 -> after hours
    assert NIGHTS.is_after_hours(at(NIGHTS, "2026-02-04 07:00"))


# -- weekends and holidays ------------------------------------------------------------------

def test_friday_evening_to_monday_morning() -> None:
    # clinic: Fri 16:00-17:00 = 60, weekend 0, Mon 08:00-09:00 = 60 -> 120
    assert minutes(CLINIC, "2026-02-06 16:00", "2026-02-09 09:00") == 120
    # call-center: Fri 17-18 = 60, Sat 09-13 = 240, Sun 0, Mon 08-09 = 60 -> 360
    assert minutes(CALL_CENTER, "2026-02-06 17:00", "2026-02-09 09:00") == 360


def test_thanksgiving() -> None:
    # clinic: Wed 16-17 = 60, Thanksgiving Thu 26 = 0, Fri 08-09 = 60 -> 120
    assert minutes(CLINIC, "2026-11-25 16:00", "2026-11-27 09:00") == 120
    # call-center also closes Fri 27 (include): Wed 17-18 = 1h, Thu, Fri shut, Sat 09-10 = 1h
    due = CALL_CENTER.add(at(CALL_CENTER, "2026-11-25 17:00"), 2 * HOUR)
    assert local(CALL_CENTER, due) == "2026-11-28 10:00"
    # clinic 2bd from Wed 10:00: Fri 27 is the 1st open day, Mon 30 the 2nd -> Mon 10:00
    assert local(CLINIC, CLINIC.add_business_days(at(CLINIC, "2026-11-25 10:00"), 2)) == \
        "2026-11-30 10:00"


def test_july_4_on_a_saturday_is_observed_friday() -> None:
    # clinic: Thu 16-17 = 60, Fri Jul 3 (observed) = 0, Mon 08-09 = 60 -> 120
    assert minutes(CLINIC, "2026-07-02 16:00", "2026-07-06 09:00") == 120
    # call-center: Thu 17-18 = 60, Fri observed 0, Sat Jul 4 itself 0, Mon 08-09 = 60 -> 120
    assert minutes(CALL_CENTER, "2026-07-02 17:00", "2026-07-06 09:00") == 120
    # 1bd from Thu 10:00: Fri and Sat are closed -> Mon 10:00
    assert local(CALL_CENTER, CALL_CENTER.add_business_days(at(CALL_CENTER,
                                                               "2026-07-02 10:00"), 1)) == \
        "2026-07-06 10:00"


def test_easter_monday_in_rome() -> None:
    # Fri Apr 3 17-18 = 60, Mon Apr 6 (Easter Monday) 0, Tue 09-10 = 60 -> 120
    assert minutes(ROME, "2026-04-03 17:00", "2026-04-07 10:00") == 120


def test_overrides() -> None:
    # Dec 24 08:00-12:00 only; Dec 25 holiday; Dec 31 closed
    assert minutes(CALL_CENTER, "2026-12-24 00:00", "2026-12-26 00:00") == 240
    assert minutes(CALL_CENTER, "2026-12-31 00:00", "2027-01-01 00:00") == 0


# -- DST ----------------------------------------------------------------------------------

def test_new_york_spring_forward() -> None:
    # 24x7: Sat 12:00 -> Sun 12:00 is 23 real hours (02:00 jumps to 03:00)
    assert minutes(NY_24X7, "2026-03-07 12:00", "2026-03-08 12:00") == 23 * 60
    # a span holding the change: Sun 00:00-06:00 runs 5 real hours
    assert minutes(NY_SUNDAY_NIGHT, "2026-03-08 00:00", "2026-03-09 00:00") == 5 * 60
    # ... and 6 on a Sunday without a change
    assert minutes(NY_SUNDAY_NIGHT, "2026-03-15 00:00", "2026-03-16 00:00") == 6 * 60


def test_new_york_fall_back() -> None:
    # 24x7: Sat 12:00 -> Sun 12:00 is 25 real hours (01:00-02:00 runs twice)
    assert minutes(NY_24X7, "2026-10-31 12:00", "2026-11-01 12:00") == 25 * 60
    # Sun 00:00-06:00 runs 7 real hours
    assert minutes(NY_SUNDAY_NIGHT, "2026-11-01 00:00", "2026-11-02 00:00") == 7 * 60


def test_skipped_and_repeated_span_ends() -> None:
    # 01:30-02:30 on the spring-forward Sunday: 02:30 is read as 03:30, so 01:30 EST -> 03:30
    # EDT = 1 real hour; 02:00-03:00 maps to 03:00-03:00 EDT: no open time
    spring = date(2026, 3, 8)
    skip = Calendar(CalendarSpec("America/New_York", {6: hours("01:30-02:30")}))
    empty = Calendar(CalendarSpec("America/New_York", {6: hours("02:00-03:00"),
                                                       0: hours("09:00-10:00")}))
    assert minutes(skip, f"{spring} 00:00", f"{spring} 12:00") == 60
    assert local(skip, skip.next_open(at(skip, f"{spring} 00:00"))) == "2026-03-08 01:30"
    assert minutes(empty, f"{spring} 00:00", f"{spring} 12:00") == 0
    # Sat 12:00 moves to Mon Mar 9 09:00 (Sunday's 02:00-03:00 never ran: no open day); the
    # open day after Monday is Sun Mar 15, whose 09:00 comes after its 03:00 close -> 03:00
    assert local(empty, empty.add_business_days(at(empty, "2026-03-07 12:00"), 1)) == \
        "2026-03-15 03:00"
    # 01:00-01:30 on the fall-back Sunday: both ends take the first occurrence -> 30 min
    fall = Calendar(CalendarSpec("America/New_York", {6: hours("01:00-01:30")}))
    assert minutes(fall, "2026-11-01 00:00", "2026-11-01 12:00") == 30


def test_rome_spring_forward_and_fall_back() -> None:
    # Sunday 00:00-24:00: 23 real hours on Mar 29, 25 on Oct 25, 24 on Mar 22
    assert minutes(ROME_SUNDAY, "2026-03-29 00:00", "2026-03-30 00:00") == 23 * 60
    assert minutes(ROME_SUNDAY, "2026-10-25 00:00", "2026-10-26 00:00") == 25 * 60
    assert minutes(ROME_SUNDAY, "2026-03-22 00:00", "2026-03-23 00:00") == 24 * 60
    # 8 business hours from Sun Mar 29 00:00 are due at 09:00 CEST (02:00-03:00 never ran)
    due = ROME_SUNDAY.add(at(ROME_SUNDAY, "2026-03-29 00:00"), 8 * HOUR)
    assert local(ROME_SUNDAY, due) == "2026-03-29 09:00"


def test_overnight_shift_across_dst() -> None:
    # Sat 22:00 EST -> Sun 06:00 EDT: 7 real hours; Sat 22:00 EDT -> Sun 06:00 EST: 9 hours
    assert minutes(NY_SATURDAY_SHIFT, "2026-03-07 20:00", "2026-03-08 08:00") == 7 * 60
    assert minutes(NY_SATURDAY_SHIFT, "2026-10-31 20:00", "2026-11-01 08:00") == 9 * 60
    # the whole 7 hours are due at the close, one microsecond more at next Saturday's opening
    start = at(NY_SATURDAY_SHIFT, "2026-03-07 22:00")
    assert local(NY_SATURDAY_SHIFT, NY_SATURDAY_SHIFT.add(start, 7 * HOUR)) == "2026-03-08 06:00"
    assert NY_SATURDAY_SHIFT.add(start, 7 * HOUR + 1) == \
        at(NY_SATURDAY_SHIFT, "2026-03-14 22:00") + 1


def test_24x7_business_day_across_dst() -> None:
    # 1bd on 24x7 is the same wall clock the next day: 23 real hours on the spring-forward day
    start = at(NY_24X7, "2026-03-07 12:00")
    assert local(NY_24X7, NY_24X7.add_business_days(start, 1)) == "2026-03-08 12:00"
    assert NY_24X7.add_business_days(start, 1) - start == 23 * HOUR


def test_sydney_and_kolkata() -> None:
    # Sydney's DST ends Sun Apr 5 03:00 -> 02:00: Sat 12:00 -> Sun 12:00 is 25 hours
    sydney = Calendar.always_open("Australia/Sydney")
    assert minutes(sydney, "2026-04-04 12:00", "2026-04-05 12:00") == 25 * 60
    # Kolkata (+05:30, no DST), Mon-Sat 09:30-18:30: Sat 17:30-18:30 = 60, Mon 09:30-10:30 = 60
    assert minutes(KOLKATA, "2026-02-07 17:30", "2026-02-09 10:30") == 120


# -- split shifts, short days, boundaries ---------------------------------------------------------

def test_split_shift_and_a_start_in_the_lunch_break() -> None:
    # a 12:15 start sits in lunch: the clock runs from 13:00, so 30 min are due 13:30
    start = at(CALL_CENTER, "2026-02-02 12:15")
    assert local(CALL_CENTER, CALL_CENTER.add(start, 30 * MIN)) == "2026-02-02 13:30"
    assert not CALL_CENTER.is_after_hours(start)
    assert CALL_CENTER.next_open(start) == at(CALL_CENTER, "2026-02-02 13:00")
    # 11:00 -> 14:00 is 11-12 plus 13-14: 120 min, in two open spans
    assert minutes(CALL_CENTER, "2026-02-02 11:00", "2026-02-02 14:00") == 120
    assert CALL_CENTER.open_spans(at(CALL_CENTER, "2026-02-02 11:00"),
                                  at(CALL_CENTER, "2026-02-02 14:00")) == [
        (at(CALL_CENTER, "2026-02-02 11:00"), at(CALL_CENTER, "2026-02-02 12:00")),
        (at(CALL_CENTER, "2026-02-02 13:00"), at(CALL_CENTER, "2026-02-02 14:00"))]


def test_a_budget_that_runs_out_at_a_close_is_due_at_the_close() -> None:
    # 11:00 + 60 min = 12:00, the lunch close, not the 13:00 reopening
    due = CALL_CENTER.add(at(CALL_CENTER, "2026-02-02 11:00"), 60 * MIN)
    assert local(CALL_CENTER, due) == "2026-02-02 12:00"


def test_saturday_half_day() -> None:
    # Sat 12:00 + 2h: Sat 12-13 = 1h, Sunday closed, Mon 08-09 = 1h -> Mon 09:00
    due = CALL_CENTER.add(at(CALL_CENTER, "2026-02-07 12:00"), 2 * HOUR)
    assert local(CALL_CENTER, due) == "2026-02-09 09:00"
    # 1bd from Fri 15:00 lands on the short Saturday: its clock reads 15:00 only after the
    # 13:00 close, so the last close comes first -> Sat 13:00
    start = at(CALL_CENTER, "2026-02-06 15:00")
    assert local(CALL_CENTER, CALL_CENTER.add_business_days(start, 1)) == "2026-02-07 13:00"


def test_business_day_onto_a_short_override_day() -> None:
    # Wed Dec 23 15:00, 1bd -> Thu Dec 24 (08:00-12:00 override): 12:00 comes before 15:00
    start = at(CALL_CENTER, "2026-12-23 15:00")
    assert local(CALL_CENTER, CALL_CENTER.add_business_days(start, 1)) == "2026-12-24 12:00"


def test_business_days_on_an_overnight_calendar() -> None:
    # Tue 23:30 belongs to Tuesday's span; Wednesday's span opens 22:00 -> Wed 23:30
    assert local(NIGHTS, NIGHTS.add_business_days(at(NIGHTS, "2026-02-03 23:30"), 1)) == \
        "2026-02-04 23:30"
    # Wed 00:10 also belongs to Tuesday; the first 00:10 after Wed 22:00 is Thu 00:10
    assert local(NIGHTS, NIGHTS.add_business_days(at(NIGHTS, "2026-02-04 00:10"), 1)) == \
        "2026-02-05 00:10"
    # Fri 23:00 (Friday's span) -> the next open day is Monday -> Mon 23:00
    assert local(NIGHTS, NIGHTS.add_business_days(at(NIGHTS, "2026-02-06 23:00"), 1)) == \
        "2026-02-09 23:00"


def test_leap_day() -> None:
    # Tue 2028-02-29 is an ordinary working day: Mon 17:00 -> Wed 08:00 holds its 8 hours
    assert minutes(CLINIC, "2028-02-28 17:00", "2028-03-01 08:00") == 8 * 60
    assert minutes(NY_24X7, "2028-02-28 00:00", "2028-03-01 00:00") == 48 * 60
    # 1bd from Wed 2024-02-28 10:00 -> Thu 2024-02-29 10:00
    assert local(CLINIC, CLINIC.add_business_days(at(CLINIC, "2024-02-28 10:00"), 1)) == \
        "2024-02-29 10:00"


def test_instants_in_another_zone_than_the_calendars() -> None:
    # 17:50Z = 18:50 in Rome = 11:50 in Chicago: 20 clinic minutes -> 13:10 Chicago
    for start in (at(CLINIC, "2026-02-02 17:50", "UTC"),
                  at(CLINIC, "2026-02-02 18:50", "Europe/Rome")):
        assert start == at(CLINIC, "2026-02-02 11:50")
        assert local(CLINIC, CLINIC.add(start, 20 * MIN)) == "2026-02-02 13:10"
    # the datetime forms take any aware datetime and answer in the calendar's zone
    rome = datetime(2026, 2, 2, 18, 50, tzinfo=ZoneInfo("Europe/Rome"))
    due = CLINIC.add_dt(rome, timedelta(minutes=20))
    assert due.tzinfo == ZoneInfo("America/Chicago")
    assert due.strftime("%H:%M") == "13:10"
    assert CLINIC.elapsed_dt(rome, due) == timedelta(minutes=20)
    # ... and refuse naive ones
    with pytest.raises(ValueError, match="aware"):
        CLINIC.elapsed_dt(datetime(2026, 2, 2, 12), due)


def test_day_notes_name_what_changed_a_days_hours() -> None:
    """explain names them: a holiday by the package's name, an include date, an override;
    a holiday on a day the calendar is closed anyway changes nothing and is not named."""
    cal = Calendar(CalendarSpec("America/New_York", {d: ((540, 1020),) for d in range(5)},
                                country="US", include=(date(2026, 7, 2),),
                                overrides={date(2026, 7, 6): ((540, 720),)}))
    zone = ZoneInfo("America/New_York")

    def us(*args: int) -> int:
        return int(datetime(*args, tzinfo=zone).timestamp()) * 1_000_000

    assert cal.day_notes(us(2026, 7, 1, 17), us(2026, 7, 7, 9)) == [
        (date(2026, 7, 2), "closed: an extra holiday of this calendar (its holidays include it)"),
        (date(2026, 7, 3), "Independence Day (observed)"),  # Sat 07-04 is closed anyway
        (date(2026, 7, 6), "override 09:00-12:00"),
    ]
    assert cal.day_notes(us(2026, 7, 1, 9), us(2026, 9, 30, 9)) == []  # longer than NOTE_DAYS


def test_business_day_due_at_the_second_reading_of_a_repeated_hour() -> None:
    # Sat 00:30-02:00 and Sun 01:30-12:30, New York; 1bd from Sat 2026-10-31 01:00 EDT. Sunday
    # opens at 01:30 EDT; 01:00 is read twice that night, and its second reading, 01:00 EST,
    # is the first instant at or after the opening whose clock reads 01:00 (LANGUAGE.md
    # "Durations"). It was 12:30, the last close: the first reading was before the opening.
    cal = Calendar(CalendarSpec("America/New_York", {5: hours("00:30-02:00"),
                                                     6: hours("01:30-12:30")}))
    start = instant_of(datetime(2026, 10, 31, 1, 0, tzinfo=ZoneInfo("America/New_York")))
    due = cal.add_business_days(start, 1)
    assert cal.to_datetime(due).isoformat() == "2026-11-01T01:00:00-05:00"
    assert int(cal.add_business_days_v(start, 1)) == due
