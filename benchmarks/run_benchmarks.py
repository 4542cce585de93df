"""Run slakit, the pandas script and the pyarrow parse floor side by side; print one table.

    python benchmarks/run_benchmarks.py --sizes 100k,1M,10M --runs 5 \\
        --pandas-python /tmp/benchvenv/bin/python

For each size the export is generated once (``generate_export.py``, seed 1, kept in
``--dir``), then the commands run ``--runs`` rounds, interleaved, each as a child process; the
table gives the median wall time, events per second and the median peak RSS of the child
(``os.wait4``), with the user+system CPU time beside it (a fairer figure on a busy machine).
The pandas script's met/breached counts are compared with slakit's per segment. Nothing is
asserted: it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = {"100k": 12_500, "1M": 125_000, "10M": 1_250_000}
"""Export size -> leads (about 8.3 events per lead)."""
ONE = HERE / "one_target.sla.yaml"
CONSULT = ROOT / "examples" / "consult-follow-up" / "consult.sla.yaml"
FLOOR = """
import sys, pyarrow as pa, pyarrow.csv as c
cols = ["lead_id", "event", "timestamp", "lead_type", "channel"]
t = c.read_csv(sys.argv[1], convert_options=c.ConvertOptions(
    include_columns=cols, column_types={n: pa.string() for n in cols}))
print(t.num_rows)
"""
CONSULT_FLOOR = """
import sys
import numpy, pyarrow as pa, pyarrow.csv as c, pyarrow.compute as pc
import dateutil, holidays, pydantic, rich, typer, yaml
t = c.read_csv(sys.argv[1], convert_options=c.ConvertOptions(column_types={
    n: pa.string() for n in c.open_csv(sys.argv[1]).schema.names}))
coded = [pc.dictionary_encode(t[n]) for n in t.column_names if n != "timestamp"]
ts = pc.strptime(t["timestamp"], format="%Y-%m-%dT%H:%M:%S%z", unit="us", error_is_null=True)
print(t.num_rows, len(coded), ts.null_count)
"""
"""What any evaluate of the consult document must do before its first SLA rule: import the
dependencies, parse every column of the export (the document reads all 14) on both cores,
dictionary-code the 13 text columns and parse the times; a lower bound (it keeps the whole
text in memory and leaves the naive times unread)."""


@dataclass
class Run:
    """One child process: wall seconds, CPU seconds, peak RSS in MiB, exit code."""

    wall: float
    cpu: float
    rss: float
    code: int


def measure(cmd: list[str], out: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` once, standard output to ``out`` (or discarded)."""
    sink = open(out, "wb") if out else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if out:
            sink.close()  # type: ignore[union-attr]
    code = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def export(size: str, folder: Path) -> tuple[Path, int]:
    """The export of ``size`` (generated when missing) and its number of data rows."""
    path = folder / f"bench-{size}.csv"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate_export.py"), "--leads",
                        str(SIZES[size]), "--seed", "1", "--out", str(path)], check=True,
                       stdout=subprocess.DEVNULL)
    with open(path, "rb") as f:
        rows = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1
    return path, rows


def same_numbers(slakit_json: Path, pandas_json: Path) -> bool:
    """Whether slakit's met/breached per (lead_type, channel) equal the pandas script's."""
    try:
        target = json.loads(slakit_json.read_text())["targets"][0]
        theirs = json.loads(pandas_json.read_text())
    except (OSError, ValueError, KeyError, IndexError):
        return False
    ours = {(s["key"]["lead_type"], s["key"]["channel"]): (s["counts"]["met"],
                                                           s["counts"]["breached"])
            for s in target["segments"] if s["counts"]["met"] + s["counts"]["breached"]}
    pand = {(s["lead_type"], s["channel"]): (s["met"], s["breached"])
            for s in theirs["segments"] if s["met"] + s["breached"]}
    return ours == pand and (target["counts"]["met"], target["counts"]["breached"]) == (
        theirs["met"], theirs["breached"])


def _package_dir(py: str) -> Path:
    """The directory of the slakit package that ``py`` imports."""
    out = subprocess.run([py, "-c", "import slakit, os; print(os.path.dirname(slakit.__file__))"],
                         check=True, capture_output=True, text=True)
    return Path(out.stdout.strip())


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks and print the table (markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "slakit-bench"))
    parser.add_argument("--pandas-python", default="/tmp/benchvenv/bin/python")
    parser.add_argument("--reference-up-to", default="1M",
                        help="largest size the (slow) reference engine runs on")
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    # An installed package has its bytecode compiled (pip does it); an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would compile every module from source on every run (~0.1-0.2 s).
    subprocess.run([py, "-m", "compileall", "-q", str(_package_dir(py))], check=True)
    slakit = [py, "-m", "slakit", "evaluate"]
    env_ref = {**os.environ, "SLAKIT_ENGINE": "reference"}
    env_col = {k: v for k, v in os.environ.items() if k != "SLAKIT_ENGINE"}
    sizes = args.sizes.split(",")
    limit = list(SIZES).index(args.reference_up_to)
    print(f"load average before: {os.getloadavg()[0]:.2f}; runs per command: {args.runs}\n")
    print("| events | command | wall s (median) | events/s | CPU s | peak RSS MiB | note |")
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        path, rows = export(size, folder)
        runs = args.runs if size != "10M" else max(1, min(args.runs, 3))
        jobs: list[tuple[str, list[str], dict[str, str] | None, Path | None]] = [
            ("pyarrow parse floor (5 columns)", [py, "-c", FLOOR, str(path)], None, None),
            ("consult floor (imports, 14 columns coded and timed, no rules)",
             [py, "-c", CONSULT_FLOOR, str(path)], None, None),
        ]
        if Path(args.pandas_python).exists():
            jobs.append(("pandas script", [args.pandas_python,
                         str(HERE / "pandas_speed_to_first_attempt.py"), str(path)], None,
                         folder / f"pandas-{size}.json"))
        jobs.append(("slakit one-target (columnar)", [*slakit, str(ONE), str(path), "-f", "json"],
                     env_col, folder / f"one-{size}.json"))
        jobs.append(("slakit consult (columnar)", [*slakit, str(CONSULT), str(path), "-f", "json"],
                     env_col, None))
        if list(SIZES).index(size) <= limit:
            jobs.append(("slakit one-target (reference)", [*slakit, str(ONE), str(path), "-f",
                                                           "json"], env_ref, None))
            jobs.append(("slakit consult (reference)", [*slakit, str(CONSULT), str(path), "-f",
                                                        "json"], env_ref, None))
        # Rounds interleave the commands, so that a busy spell hits all of them alike.
        done: dict[str, list[Run]] = {name: [] for name, *_ in jobs}
        for round_ in range(runs):
            for name, cmd, env, out in jobs:
                if "reference" in name and size != "100k" and round_ > 0:
                    continue
                done[name].append(measure(cmd, out, env))
        for name, _cmd, _env, out in jobs:
            med = Run(statistics.median(r.wall for r in done[name]),
                      statistics.median(r.cpu for r in done[name]),
                      statistics.median(r.rss for r in done[name]),
                      max(r.code for r in done[name]))
            note = "" if med.code in (0, 1) else f"exit {med.code}"
            if name.startswith("slakit one-target (columnar)") and out is not None:
                pandas_out = folder / f"pandas-{size}.json"
                if pandas_out.exists():
                    note = "same counts as pandas" if same_numbers(out, pandas_out) else \
                        "COUNTS DIFFER from pandas"
            print(f"| {rows:,} | {name} | {med.wall:.2f} | {rows / med.wall:,.0f} | "
                  f"{med.cpu:.2f} | {med.rss:.0f} | {note} |", flush=True)
    helps = [measure([py, "-m", "slakit", "--help"]).wall for _ in range(9)]
    print(f"\n`python -m slakit --help`: median {statistics.median(helps):.3f} s over 9 runs; "
          f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
