"""Hypothesis properties of business time over random calendars, zones, holidays and instants."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np
from cal_strategies import HOUR, calendars, durations, examples, instants, specs, us
from hypothesis import given
from hypothesis import strategies as st

from slakit.calendar import Calendar, CalendarSpec

FAST = examples(60)


@st.composite
def cal_and_instants(draw: st.DrawFn, k: int, overnight: bool = True
                     ) -> tuple[CalendarSpec, Calendar, list[int]]:
    spec, cal = draw(calendars(overnight=overnight))
    ts = draw(st.lists(instants(spec.timezone), min_size=k, max_size=k))
    return spec, cal, ts


@FAST
@given(cal_and_instants(3))
def test_elapsed_is_additive_over_any_split(case: tuple[CalendarSpec, Calendar, list[int]]
                                            ) -> None:
    _, cal, ts = case
    a, m, b = sorted(ts)
    assert cal.elapsed(a, b) == cal.elapsed(a, m) + cal.elapsed(m, b)


@FAST
@given(cal_and_instants(1), durations)
def test_add_is_the_inverse_of_elapsed(case: tuple[CalendarSpec, Calendar, list[int]],
                                       budget: int) -> None:
    _, cal, (a,) = case
    due = cal.add(a, budget)
    assert due >= a
    assert cal.elapsed(a, due) == budget
    # earliest: one microsecond before the due time, the budget is not yet used up
    if budget:
        assert cal.elapsed(a, due - 1) == budget - 1
        assert cal.is_open(due - 1)


@FAST
@given(cal_and_instants(2), durations, durations)
def test_add_is_monotone(case: tuple[CalendarSpec, Calendar, list[int]], d1: int, d2: int
                         ) -> None:
    _, cal, ts = case
    a, b = sorted(ts)
    small, big = sorted((d1, d2))
    assert cal.add(a, small) <= cal.add(a, big)
    assert cal.add(a, small) <= cal.add(b, small)


@FAST
@given(cal_and_instants(2))
def test_elapsed_is_at_most_wall_time(case: tuple[CalendarSpec, Calendar, list[int]]) -> None:
    _, cal, ts = case
    a, b = sorted(ts)
    assert 0 <= cal.elapsed(a, b) <= b - a
    assert cal.elapsed(b, a) == 0
    spans = cal.open_spans(a, b)
    assert sum(e - s for s, e in spans) == cal.elapsed(a, b)
    assert all(a <= s < e <= b for s, e in spans)
    assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(spans))


@FAST
@given(st.sampled_from(["America/New_York", "America/Los_Angeles", "Europe/Rome",
                        "Australia/Sydney", "Asia/Kolkata"]), st.data())
def test_24x7_elapsed_is_wall_time_across_dst(zone: str, data: st.DataObject) -> None:
    built_in = Calendar.always_open(zone)
    spelled_out = Calendar(CalendarSpec(zone, dict.fromkeys(range(7), ((0, 1440),))))
    # the same hours as spans on every day, without the fast path: still wall time
    generic = Calendar(CalendarSpec(zone, dict.fromkeys(range(7), ((0, 1440),)),
                                    overrides={date(1999, 1, 1): ((0, 1440),)}))
    assert built_in.is_24x7 and spelled_out.is_24x7 and not generic.is_24x7
    a, b = sorted(data.draw(st.lists(instants(zone), min_size=2, max_size=2)))
    for cal in (built_in, spelled_out, generic):
        assert cal.elapsed(a, b) == b - a
        assert cal.add(a, b - a) == b
        assert not cal.is_after_hours(a)


@examples(40)
@given(specs(overnight=False, country=True), st.data())
def test_a_holiday_contributes_nothing(spec: CalendarSpec, data: st.DataObject) -> None:
    year = data.draw(st.integers(2023, 2027))
    table = holidays.country_holidays(spec.country, subdiv=spec.subdivision, years=year)
    closed = sorted(set(table) - set(spec.exclude) - set(spec.overrides))
    if not closed:
        return
    day = data.draw(st.sampled_from(closed))
    zone = ZoneInfo(spec.timezone)
    start = us(datetime.combine(day, time(0), tzinfo=zone))
    end = us(datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone))
    cal = Calendar(spec)
    assert cal.elapsed(start, end) == 0
    assert cal.open_spans(start, end) == []
    # ... and the same date made a working day opens exactly its weekly spans
    opened = Calendar(CalendarSpec(spec.timezone, spec.weekly, spec.country, spec.subdivision,
                                   spec.include, (*spec.exclude, day), spec.overrides))
    if day not in spec.include:
        weekly = spec.weekly.get(day.weekday(), ())
        expected = sum(_wall(zone, day, s, e) for s, e in weekly)
        assert opened.elapsed(start, end) == expected


def _wall(zone: ZoneInfo, day: date, s: int, e: int) -> int:
    """Real length of the span ``s``-``e`` (``e > s``) on ``day``."""
    def at(m: int) -> int:
        d = day + timedelta(days=m // 1440)
        return us(datetime.combine(d, time((m % 1440) // 60, m % 60), tzinfo=zone))
    return max(0, at(e) - at(s))


@examples(60)
@given(cal_and_instants(40), st.lists(durations, min_size=40, max_size=40),
       st.integers(1, 4))
def test_vectorized_forms_equal_scalar_ones(case: tuple[CalendarSpec, Calendar, list[int]],
                                            budgets: list[int], n: int) -> None:
    _, cal, ts = case
    a = np.array(ts, dtype=np.int64)
    b = np.roll(a, 1)
    us_ = np.array(budgets, dtype=np.int64)
    assert cal.elapsed_v(a, b).tolist() == [cal.elapsed(x, y) for x, y in zip(ts, b.tolist(),
                                                                              strict=True)]
    assert cal.add_v(a, us_).tolist() == [cal.add(x, d) for x, d in zip(ts, budgets,
                                                                        strict=True)]
    assert cal.add_business_days_v(a, n).tolist() == [cal.add_business_days(x, n) for x in ts]
    assert cal.is_after_hours_v(a).tolist() == [cal.is_after_hours(x) for x in ts]
    assert cal.is_open_v(a).tolist() == [cal.is_open(x) for x in ts]
    assert cal.next_open_v(a).tolist() == [cal.next_open(x) for x in ts]
    assert cal.open_day_v(a).tolist() == [cal.open_day(x).toordinal() for x in ts]
    # broadcasting a scalar
    assert cal.elapsed_v(ts[0], b).tolist() == [cal.elapsed(ts[0], y) for y in b.tolist()]
    assert cal.add_v(a, HOUR).tolist() == [cal.add(x, HOUR) for x in ts]


@FAST
@given(cal_and_instants(1), st.integers(1, 5))
def test_business_days_never_end_before_the_start(
        case: tuple[CalendarSpec, Calendar, list[int]], n: int) -> None:
    _, cal, (a,) = case
    assert cal.add_business_days(a, n) >= cal.next_open(a)


@FAST
@given(cal_and_instants(1, overnight=False), st.integers(1, 5))
def test_business_days_grow_with_n(case: tuple[CalendarSpec, Calendar, list[int]],
                                   n: int) -> None:
    _, cal, (a,) = case
    due = cal.add_business_days(a, n)
    assert cal.next_open(a) < due <= cal.add_business_days(a, n + 1)
