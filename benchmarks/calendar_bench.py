"""Benchmark business time: 1,000,000 vectorized ``elapsed`` and ``add`` calls, scalar calls.

Run: ``python benchmarks/calendar_bench.py [--n 1000000]``. Goals (issue 3): each vectorized
million under 1 s on a 2-core machine, a scalar call under 5 microseconds. Prints figures only;
no assertion, so a slow machine never fails a build.

The calendar is LANGUAGE.md's call-center (New York, split shifts, a Saturday half day, NY
holidays, overrides); start instants are uniform over 2026, pairs up to 30 days apart.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date

import numpy as np

from slakit.calendar import Calendar, CalendarSpec

MIN = 60_000_000
DAY = 1440 * MIN
Y2026 = 1_767_225_600_000_000  # 2026-01-01 00:00 UTC


def call_center() -> Calendar:
    weekdays = ((480, 720), (780, 1080))
    return Calendar(CalendarSpec(
        "America/New_York", {**dict.fromkeys(range(5), weekdays), 5: ((540, 780),)},
        country="US", subdivision="NY", include=(date(2026, 11, 27),),
        overrides={date(2026, 12, 24): ((480, 720),), date(2026, 12, 31): ()},
        name="call-center"))


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    """Return the best wall time of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="vectorized calls")
    parser.add_argument("--scalar", type=int, default=100_000, help="scalar calls")
    args = parser.parse_args()

    rng = np.random.default_rng(2026)
    a = Y2026 + rng.integers(0, 365 * DAY, args.n, dtype=np.int64)
    b = a + rng.integers(0, 30 * DAY, args.n, dtype=np.int64)
    budget = rng.integers(0, 5 * 8 * 60 * MIN, args.n, dtype=np.int64)  # up to five 8h days

    cal = call_center()
    t0 = time.perf_counter()
    cal.elapsed_v(a, b)
    cold = time.perf_counter() - t0

    rows = [
        ("elapsed_v, first call (builds tables)", cold, args.n),
        ("elapsed_v", best(lambda: cal.elapsed_v(a, b)), args.n),
        ("add_v", best(lambda: cal.add_v(a, budget)), args.n),
        ("add_business_days_v (3bd)", best(lambda: cal.add_business_days_v(a, 3), 3), args.n),
        ("is_after_hours_v", best(lambda: cal.is_after_hours_v(a), 3), args.n),
    ]

    k = min(args.scalar, args.n)
    al, bl, ul = a[:k].tolist(), b[:k].tolist(), budget[:k].tolist()

    def scalar_elapsed() -> None:
        elapsed = cal.elapsed
        for x, y in zip(al, bl, strict=True):
            elapsed(x, y)

    def scalar_add() -> None:
        add = cal.add
        for x, u in zip(al, ul, strict=True):
            add(x, u)

    def scalar_nbd() -> None:
        nbd = cal.add_business_days
        for x in al[: k // 10]:
            nbd(x, 3)

    rows += [
        ("elapsed (scalar)", best(scalar_elapsed, 3), k),
        ("add (scalar)", best(scalar_add, 3), k),
        ("add_business_days (scalar)", best(scalar_nbd, 3), k // 10),
    ]
    print(f"{'operation':38} {'calls':>9} {'total s':>9} {'per call':>10}")
    for name, seconds, calls in rows:
        print(f"{name:38} {calls:>9,} {seconds:>9.3f} {seconds / calls * 1e6:>8.3f}us")


if __name__ == "__main__":
    main()
