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
