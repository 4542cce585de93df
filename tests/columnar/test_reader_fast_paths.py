"""The reader's Arrow fast paths equal its general timestamp parser on large mixed batches.

Exports mix offsets, ``Z``, naive local times and the odd bad value; the fast path casts each
kind apart, chunk by chunk, and must give every value the instant and status the general
path gives it (tests/reader compares the paths on small batches).
"""

from __future__ import annotations

import random
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest

from slakit.reader.patterns import compile_patterns
from slakit.reader.timeparse import parse_timestamps

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
