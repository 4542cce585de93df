"""Benchmark the export reader: a 1,000,000-row, 14-column CSV -> EventTable.

Run: ``python benchmarks/reader_bench.py [--rows 1000000] [--repeat 3] [--keep PATH]``.
Goal: ~0.3-0.5 s for 1M events / ~150 MB on a 2-core machine, reading only the needed
columns (lead_id, event, timestamp, channel, lead_type). Prints figures only; no assertion.

The CSV is generated in a temporary directory (seeded, vectorized) by a child process, and each
read runs in a fresh child process, so the peak RSS (``resource.getrusage``) is the reader's
alone; the figure after imports is printed too.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVENTS = [
    "lead_received",
    "assigned",
    "call_attempt",
    "sms_sent",
    "email_sent",
    "contacted",
    "outcome",
]


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """Write a synthetic export: ~8 events per lead, grouped by lead, ISO times with offsets."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pcsv

    rng = np.random.default_rng(seed)
    leads = max(1, rows // 8)
    lead = np.sort(rng.integers(0, leads, rows))
    ts = np.datetime64("2026-01-01T05:00:00", "s") + rng.integers(0, 90 * 86_400, rows)
    ts = ts[np.lexsort((ts, lead))]

    def pick(values: list[str]) -> pa.Array:
        return pa.array(np.array(values)[rng.integers(0, len(values), rows)])

    ids = np.char.add("L", np.char.zfill(lead.astype(str), 7))
    stamps = np.char.add(np.datetime_as_string(ts - np.timedelta64(5, "h")), "-05:00")
    last2 = np.char.zfill((lead % 100).astype(str), 2)
    table = pa.table({
        "lead_id": pa.array(ids),
        "event": pick(EVENTS),
        "timestamp": pa.array(stamps),
        "channel": pick(["form", "phone", "chat", "referral"]),
        "lead_type": pick(["consult_request", "referral", "info_request"]),
        "service_line": pick(["cardiology", "oncology", "orthopedics", "dermatology"]),
        "region": pick(["west", "east", "north", "south"]),
        "team": pick(["inside-sales", "west-cardio", "nurse-navigators"]),
        "outcome": pick(["", "consult_booked", "not_interested", "callback_scheduled"]),
        "template": pick(["consult-intro-v3", "consult-followup-v2", "promo-v1"]),
        "phone": pa.array(np.char.add("312-555-01", last2)),
        "email": pa.array(np.char.add(np.char.add("lead", lead.astype(str)), "@example.org")),
        "reason_code": pick(["", "RC1", "RC2", "RC3"]),
        "next_step_date": pick(["", "2026-04-01", "2026-04-15"]),
    })  # fmt: skip
    pcsv.write_csv(table, path, pcsv.WriteOptions(quoting_style="none"))


def read_once(path: str) -> dict[str, float]:
    """Read `path` once in this process; return timings and peak RSS."""
    from slakit.reader import ReadSpec, read_events

    after_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    table = read_events([path], ReadSpec(attributes=("channel", "lead_type")))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert table.rows == len(table) + table.skipped_rows + table.duplicate_rows
    return {
        "wall": wall,
        "cpu": cpu,
        "events": len(table),
        "rows": table.rows,
        "rss_import": after_import,
        "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the CSV here (reused if it exists)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--generate", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(read_once(args.child)))
        return
    if args.generate:
        generate(Path(args.generate), args.rows)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "export.csv"
        if not path.exists():
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, __file__, "--generate", str(path), "--rows", str(args.rows)],
                check=True,
            )
            print(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f} s")
        size = path.stat().st_size / 1e6
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            runs.append(json.loads(out))
    wall = [r["wall"] for r in runs]
    cpu = [r["cpu"] for r in runs]
    best = min(wall)
    print(f"file: {size:.0f} MB, {runs[0]['rows']:,} rows -> {runs[0]['events']:,} events")
    print(f"read wall: best {best:.3f} s, median {statistics.median(wall):.3f} s "
          f"({runs[0]['rows'] / best / 1e6:.2f} M rows/s, {size / best:.0f} MB/s)")  # fmt: skip
    print(f"read cpu:  best {min(cpu):.3f} s")
    print(f"peak RSS:  {max(r['rss_peak'] for r in runs):.0f} MiB "
          f"(after imports {runs[0]['rss_import']:.0f} MiB)")  # fmt: skip


if __name__ == "__main__":
    main()
