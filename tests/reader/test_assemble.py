"""The reader's assembly steps against their plain definitions: the stable sort by (lead,
instant) and the exact-duplicate rows."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slakit.reader.assemble import duplicates, sort_order

YEAR_US = 366 * 86_400_000_000
instants = st.one_of(
    st.integers(0, 5),  # many ties
    st.integers(-YEAR_US, YEAR_US),
    st.sampled_from([-(2**62), 2**62]),  # spans too wide for one combined key
)
rows = st.lists(st.tuples(st.integers(0, 6), instants), max_size=60)


@given(rows)
def test_equals_stable_lexsort(pairs: list[tuple[int, int]]) -> None:
    lead = np.array([p[0] for p in pairs], dtype=np.int32)
    ts = np.array([p[1] for p in pairs], dtype=np.int64)
    assert sort_order(lead, ts).tolist() == np.lexsort((ts, lead)).tolist()


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 3)), max_size=60))
def test_grouped_exports(pairs: list[tuple[int, int]]) -> None:
    """Rows grouped by lead with a few out of time order: the common shape of an export."""
    pairs.sort(key=lambda p: p[0])
    lead = np.array([p[0] for p in pairs], dtype=np.int32)
    ts = np.array([p[1] for p in pairs], dtype=np.int64)
    assert sort_order(lead, ts).tolist() == np.lexsort((ts, lead)).tolist()


def test_large_grouped_export() -> None:
    """Many leads over a year (the combined key would overflow), a few rows swapped."""
    rng = np.random.default_rng(1)
    n_leads = 200_000
    lead = np.repeat(np.arange(n_leads, dtype=np.int32), 8)
    ts = np.sort(rng.integers(0, YEAR_US, lead.size))
    swap = rng.choice(lead.size - 1, 500, replace=False)
    ts[swap], ts[swap + 1] = ts[swap + 1], ts[swap].copy()
    assert np.array_equal(sort_order(lead, ts), np.lexsort((ts, lead)))


codes = st.integers(-1, 2)
table = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), codes, codes, codes), max_size=40)


@given(table)
def test_duplicates_are_earlier_equal_rows(rows: list[tuple[int, int, int, int, int]]) -> None:
    """A row is a duplicate when an earlier row has its lead, instant, event and attributes;
    it names the first of them."""
    rows.sort(key=lambda r: (r[0], r[1]))  # the function takes rows sorted by (lead, ts)
    cols = [np.array(c, dtype=np.int64) for c in zip(*rows, strict=True)] if rows else \
        [np.zeros(0, dtype=np.int64)] * 5
    lead, ts, event, a, b = cols
    dup, first = duplicates(lead.astype(np.int32), ts, event.astype(np.int32),
                            [a.astype(np.int32), b.astype(np.int32)])
    want: dict[int, int] = {}
    for i, r in enumerate(rows):
        earlier = [j for j in range(i) if rows[j] == r]
        if earlier:
            want[i] = earlier[0]
    assert dict(zip(dup.tolist(), first.tolist(), strict=True)) == want
    assert len(set(dup.tolist())) == dup.size
