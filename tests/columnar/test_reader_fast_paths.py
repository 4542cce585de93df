"""The reader's Arrow fast paths equal its general timestamp parser on large mixed batches.

Exports mix offsets, ``Z``, naive local times and the odd bad value; the fast path casts each
kind apart, chunk by chunk, and must give every value the instant and status the general
path gives it (tests/reader compares the paths on small batches).
"""

from __future__ import annotations

import random
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slakit.reader.patterns import compile_patterns
from slakit.reader.timeparse import _ZONED, parse_timestamps, zoned

ZONE = ZoneInfo("America/New_York")


def _values(n: int, seed: int, bad_every: int) -> list[str | None]:
    rng = random.Random(seed)
    out: list[str | None] = []
    for i in range(n):
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        text = f"2026-{month:02d}-{day:02d}T{clock}"
        kind = rng.random()
        if kind < 0.5:
            text += rng.choice(["-05:00", "-04:00", "+01:00"])
        elif kind < 0.6:
            text += "Z"
        elif kind < 0.62:
            text = "2026-03-08T02:30:00"  # a skipped local time
        if bad_every and i % bad_every == bad_every - 1:
            text = rng.choice(["2026-02-30T10:00:00Z", "not a time", "1850-01-01T00:00:00",
                               "2026-13-01T00:00:00-05:00"])
        out.append(None if rng.random() < 0.01 else text)
    return out


@pytest.mark.parametrize(("n", "seed", "bad_every"), [
    (20_000, 1, 0), (20_000, 2, 7_001), (9_000, 3, 97), (30_000, 4, 25_000),
])
def test_fast_paths_equal_the_general_parser(n: int, seed: int, bad_every: int) -> None:
    values = pa.array(_values(n, seed, bad_every), pa.string())
    patterns = compile_patterns(())
    fast_ts, fast_status = parse_timestamps(values, patterns, ZONE)
    slow_ts, slow_status = parse_timestamps(values, patterns, ZONE, fast=False)
    assert fast_status.tolist() == slow_status.tolist()
    ok = slow_status == 0
    assert (fast_ts[ok] == slow_ts[ok]).all()


_ENDINGS = st.text(alphabet="0123456789+-:Zz T\u0661é", max_size=9)


@given(st.lists(st.none() | _ENDINGS, max_size=30), st.integers(0, 5))
def test_zoned_reads_the_buffer_as_the_regex_does(cells: list[str | None], skip: int) -> None:
    """``zoned`` (bytes off the string buffer, a slice's offset honoured) equals ``_ZONED``."""
    values = pa.array(["2026-03-02T10:00:00+05:00", *cells], pa.string()).slice(skip)
    expected = pc.match_substring_regex(values, _ZONED.pattern).fill_null(False)
    assert zoned(values).tolist() == expected.to_pylist()
