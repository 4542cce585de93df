"""``Sorted``, the bucket-indexed search under the vectorized calendar, equals np.searchsorted."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from slakit.calendar.tables import Sorted

I64 = np.iinfo(np.int64)
instants = st.integers(-(10**16), 10**16)
needles = st.one_of(instants, st.sampled_from([I64.max, I64.min, 0]))


@settings(max_examples=500)
@given(st.lists(instants, max_size=60), st.lists(needles, min_size=1, max_size=60))
def test_equals_searchsorted(keys: list[int], xs: list[int]) -> None:
    k = np.sort(np.array(keys, dtype=np.int64))
    x = np.array(xs, dtype=np.int64)
    index = Sorted(k)
    assert index.right(x).tolist() == np.searchsorted(k, x, side="right").tolist()
    assert index.left(x).tolist() == np.searchsorted(k, x, side="left").tolist()


@given(st.lists(st.integers(0, 50), min_size=1, max_size=30), st.integers(1, 5))
def test_clustered_keys_and_every_key_as_needle(gaps: list[int], repeat: int) -> None:
    # Clusters (equal keys, keys one apart) are where a bucket holds several keys.
    k = np.repeat(np.cumsum(np.array(gaps, dtype=np.int64)) * 10**9, repeat)
    x = np.concatenate([k - 1, k, k + 1])
    index = Sorted(k)
    assert index.right(x).tolist() == np.searchsorted(k, x, side="right").tolist()
    assert index.left(x).tolist() == np.searchsorted(k, x, side="left").tolist()


def test_bunched_keys_fall_back_to_searchsorted() -> None:
    # A zone's transitions after a far-past placeholder all land in one bucket.
    keys = np.array([-(2**62), *range(10**15, 10**15 + 40 * 10**9, 10**9)], dtype=np.int64)
    index = Sorted(keys)
    x = np.array([-(2**63) + 1, -(2**62), 0, 10**15 + 5 * 10**9, 2**63 - 1], dtype=np.int64)
    assert index.right(x).tolist() == np.searchsorted(keys, x, side="right").tolist()
    assert index.left(x).tolist() == np.searchsorted(keys, x, side="left").tolist()


def test_a_single_instant_is_answered_as_a_scalar() -> None:
    keys = np.array([10, 20, 30], dtype=np.int64)
    assert int(Sorted(keys).right(np.asarray(20))) == 2
    assert int(Sorted(keys).left(np.asarray(20))) == 1


def test_the_vectorized_calendar_takes_a_single_instant() -> None:
    from slakit.calendar import Calendar, CalendarSpec

    cal = Calendar(CalendarSpec("America/New_York", {d: ((480, 1020),) for d in range(5)}))
    monday_9 = 1770040800000000  # 2026-02-02 09:00 -05:00
    assert bool(cal.is_open_v(monday_9)) and not bool(cal.is_after_hours_v(monday_9))
    assert int(cal.elapsed_v(monday_9, monday_9 + 3_600_000_000)) == 3_600_000_000
    assert int(cal.add_business_days_v(monday_9, 1)) == cal.add_business_days(monday_9, 1)
    assert int(cal.next_open_v(monday_9)) == monday_9
