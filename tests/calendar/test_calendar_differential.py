"""Differential test: the fast calendar against the naive day-by-day oracle (``cal_naive``).

2,500 random pairs (50 seeded random calendars x 50 pairs up to 30 days apart, half of them
near a DST change), each compared on every operation; then a Hypothesis-driven round.
"""

from __future__ import annotations

import random

import cal_naive as naive
import numpy as np
import pytest
from cal_strategies import DAY, HOUR, calendars, examples, instants, random_instant, random_spec
from hypothesis import given
from hypothesis import strategies as st

from slakit.calendar import Calendar, CalendarSpec

CALENDARS, PAIRS = 50, 50


def compare(spec: CalendarSpec, cal: Calendar, a: int, b: int, budget: int, n: int) -> None:
    where = f"{spec!r} a={a} b={b}"
    assert cal.elapsed(a, b) == naive.elapsed(spec, a, b), where
    assert cal.open_spans(a, b) == naive.open_intervals(spec, a, b), where
    assert cal.add(a, budget) == naive.add(spec, a, budget), f"{where} budget={budget}"
    assert cal.is_open(a) == naive.is_open(spec, a), where
    assert cal.next_open(a) == naive.next_open(spec, a), where
    assert cal.is_after_hours(a) == naive.is_after_hours(spec, a), where
    assert cal.open_day(a) == naive.open_day(spec, a), where
    assert cal.add_business_days(a, n) == naive.add_business_days(spec, a, n), f"{where} n={n}"


@pytest.mark.parametrize("seed", range(CALENDARS))
def test_matches_the_naive_oracle(seed: int) -> None:
    rng = random.Random(seed)
    spec = random_spec(rng)
    cal = Calendar(spec)
    starts, ends, budgets = [], [], []
    for _ in range(PAIRS):
        a = random_instant(rng, spec.timezone)
        b = a + rng.choice([rng.randint(0, 30 * DAY), rng.randint(0, 12 * HOUR)])
        budget = rng.choice([0, 1, rng.randint(1, 10 * HOUR), rng.randint(0, 5 * DAY)])
        compare(spec, cal, a, b, budget, rng.randint(1, 3))
        starts.append(a)
        ends.append(b)
        budgets.append(budget)
    # the vectorized forms on the same pairs, against the oracle too
    a_v, b_v = np.array(starts), np.array(ends)
    assert cal.elapsed_v(a_v, b_v).tolist() == [naive.elapsed(spec, a, b)
                                                for a, b in zip(starts, ends, strict=True)]
    assert cal.add_v(a_v, np.array(budgets)).tolist() == [
        naive.add(spec, a, u) for a, u in zip(starts, budgets, strict=True)]


@examples(25)
@given(calendars(), st.data())
def test_matches_the_naive_oracle_hypothesis(case: tuple[CalendarSpec, Calendar],
                                             data: st.DataObject) -> None:
    spec, cal = case
    for _ in range(4):
        a = data.draw(instants(spec.timezone))
        b = a + data.draw(st.integers(0, 30 * DAY))
        compare(spec, cal, a, b, data.draw(st.integers(0, 3 * DAY)), data.draw(st.integers(1, 3)))
