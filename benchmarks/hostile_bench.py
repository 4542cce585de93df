"""Benchmark slakit on hostile inputs: refusals must be instant, big exports must stream.

Run: ``python benchmarks/hostile_bench.py [--export-gb 2] [--notes-bytes 900] [--keep DIR]``
(``--export-gb 0`` skips the export). Prints figures only; nothing is asserted, and nothing
here runs in the test suite (tests/hostile checks what is refused and why, not how fast).

* **Refusals** (the goal: well under 1 s each, interpreter start included): a "billion laughs"
  document (10 levels of 10 aliases: 10^10 values once expanded), a 100 MB document (real
  bytes, given as a file and on standard input), a document nested 100,000 levels deep. Each
  is timed in-process (``slakit.load``, what a library user pays) and as a whole
  ``slakit validate`` process, and the message is printed.
* **Streaming**: a generated export of ``--export-gb`` GB (default 2) whose bulk is a free-text
  ``notes`` column the document never reads (as CRM exports carry), evaluated by
  ``slakit evaluate benchmarks/one_target.sla.yaml`` in a child process, and read by
  ``read_events`` alone in another; peak RSS (``ru_maxrss`` of the child) against file size
  shows that the file is streamed in blocks and only the needed columns are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = "slakit: 1\nname: bench\ntargets:\n  - {id: t, start: lead_received, stop: call_attempt, " \
    "within: 1h}\n"


def billion_laughs() -> bytes:
    """Ten levels of ten aliases each: 10^10 values once expanded, 1 kB on disk."""
    lines = ["slakit: 1", "name: lol", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    lines.append("targets: *a9")
    return ("\n".join(lines) + "\n").encode()


def huge_document(megabytes: int) -> bytes:
    """A document padded to ``megabytes`` MB with real (non-sparse) YAML comment lines."""
    line = b"# " + b"x" * 97 + b"\n"
    return DOC.encode() + line * (megabytes * 1024 * 1024 // len(line))


def deep_document(depth: int) -> bytes:
    return (DOC + "report: " + "[" * depth + "]" * depth + "\n").encode()


def in_process(data: bytes) -> tuple[float, str]:
    """Time ``slakit.load`` refusing ``data``; return seconds and the first problem."""
    import slakit
    from slakit.errors import DocumentError, SlakitError

    started = time.perf_counter()
    try:
        slakit.load(data, name="doc.sla.yaml")
        message = "accepted (!)"
    except DocumentError as e:
        message = f"{e.problems[0].code}: {e.problems[0].message}"
    except SlakitError as e:
        message = str(e)
    return time.perf_counter() - started, message


def whole_process(argv: list[str], stdin: bytes | None = None) -> tuple[float, int, str]:
    """Time a ``slakit`` process (interpreter start included); return seconds, code, output."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "slakit", *argv], input=stdin,
                          capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    text = (done.stdout + done.stderr).decode("utf-8", "replace").strip().splitlines()
    return elapsed, done.returncode, text[0] if text else ""


def refusals(folder: Path) -> None:
    print("refusals (goal: < 1 s each; the process figure includes interpreter start)")
    in_process(DOC.encode())  # warm up: imports are not part of a refusal
    baseline, _, _ = whole_process(["--version"])
    print(f"  {'slakit --version (start-up alone)':38} process {baseline:6.3f} s")
    cases = {
        "billion laughs (10^10 values)": billion_laughs(),
        "100 MB document": huge_document(100),
        "nesting 100,000 deep": deep_document(100_000),
    }
    for name, data in cases.items():
        path = folder / "doc.sla.yaml"
        path.write_bytes(data)
        seconds, message = in_process(data)
        process, code, line = whole_process(["validate", str(path)])
        print(f"  {name:38} load {seconds:7.4f} s   process {process:6.3f} s  exit {code}")
        print(f"      {message[:110]}")
        if name.startswith("100 MB"):
            piped, code, _ = whole_process(["validate", "-"], stdin=data)
            print(f"  {'100 MB document on standard input':38} {'':18}process {piped:6.3f} s"
                  f"  exit {code}")
        if name.startswith("billion"):
            (folder / "e.csv").write_text("lead_id,event,timestamp\nL1,a,2026-03-02\n")
            process, code, line = whole_process(["evaluate", str(path), str(folder / "e.csv")])
            print(f"  {'billion laughs given to evaluate':38} {'':18}process {process:6.3f} s"
                  f"  exit {code}: {line[:60]}")


def many_rules(folder: Path, n: int) -> None:
    """Time validate and diff on a document with ``n`` routing rules (once quadratic)."""
    rules = "\n".join(f"    - {{name: r{i}, when: {{channel: c{i}}}, team: t{i}}}"
                      for i in range(n))
    text = DOC + f"routing:\n  rules:\n{rules}\n"
    (folder / "rules.sla.yaml").write_text(text)
    (folder / "rules2.sla.yaml").write_text(text.replace("team: t5}", "team: t5x}"))
    print(f"a document with {n:,} routing rules ({len(text) / 1e6:.1f} MB)")
    for argv in (["validate", str(folder / "rules.sla.yaml")],
                 ["diff", str(folder / "rules.sla.yaml"), str(folder / "rules2.sla.yaml")]):
        seconds, code, _ = whole_process(argv)
        print(f"  slakit {argv[0]:31} {'':18}process {seconds:6.3f} s  exit {code}")


def generate_export(path: Path, gigabytes: float, notes_bytes: int) -> int:
    """Write about ``gigabytes`` GB of events (8 per lead) with a wide ``notes`` column."""
    events = ("lead_received", "assigned", "call_attempt", "sms_sent", "email_sent",
              "contacted", "call_attempt", "outcome")
    notes = "patient asked for a call back about the consult; " * (notes_bytes // 50 + 1)
    target = int(gigabytes * 1024**3)
    written = rows = lead = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        header = "lead_id,event,timestamp,channel,lead_type,notes\n"
        f.write(header)
        written += len(header)
        while written < target:
            chunk = []
            for _ in range(4096):
                lead += 1
                day, minute = 1 + lead % 28, lead % 480
                for k, event in enumerate(events):
                    at = minute + 7 * k
                    chunk.append(
                        f"L{lead:08d},{event},2026-03-{day:02d}T{8 + at // 60:02d}:{at % 60:02d}"
                        f":00-05:00,{('form', 'phone', 'chat')[lead % 3]},"
                        f"{('consult_request', 'referral')[lead % 2]},\"{notes[:notes_bytes]}\"\n")
            text = "".join(chunk)
            f.write(text)
            written += len(text)
            rows += len(chunk)
    return rows


def child_peak(argv: list[str]) -> tuple[float, float, str]:
    """Run ``argv`` in a child; return its wall seconds, peak RSS in MiB and last line."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "tail = (done.stdout + done.stderr).strip().splitlines()\n"
        "print(json.dumps([wall, peak, done.returncode, tail[-1] if tail else '']))\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *argv], capture_output=True,
                         text=True, check=True).stdout
    wall, peak, code, tail = json.loads(out)
    return wall, peak, f"exit {code}: {tail[:80]}"


READ_ONLY = (
    "import sys\n"
    "from slakit.reader import ReadSpec, read_events\n"
    "t = read_events([sys.argv[1]], ReadSpec(attributes=('channel', 'lead_type')))\n"
    "print(f'{t.rows} rows, {len(t)} events kept')\n"
)


def streaming(folder: Path, gigabytes: float, notes_bytes: int) -> None:
    path = folder / "big.csv"
    if not path.exists():
        started = time.perf_counter()
        rows = generate_export(path, gigabytes, notes_bytes)
        print(f"generated {path.stat().st_size / 1e9:.2f} GB, {rows:,} rows in "
              f"{time.perf_counter() - started:.0f} s")
    size = path.stat().st_size / 1024**2
    print(f"streaming a {size / 1024:.2f} GiB export (notes column unread)")
    wall, peak, tail = child_peak([sys.executable, "-c", READ_ONLY, str(path)])
    print(f"  read_events alone      {wall:7.1f} s  peak RSS {peak:7.0f} MiB "
          f"({100 * peak / size:.1f}% of the file)  {tail}")
    evaluate = [sys.executable, "-m", "slakit", "evaluate", str(HERE / "one_target.sla.yaml"),
                str(path), "-f", "json"]
    for name, extra in (("slakit evaluate", []),
                        ("  + --results (per lead)", ["--results", str(folder / "r.csv")])):
        wall, peak, tail = child_peak([*evaluate, *extra])
        print(f"  {name:22} {wall:7.1f} s  peak RSS {peak:7.0f} MiB "
              f"({100 * peak / size:.1f}% of the file)  {tail}")
    _, base, _ = child_peak([sys.executable, "-c", "import slakit.evaluation"])
    print(f"  (python + slakit imports alone: {base:.0f} MiB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--export-gb", type=float, default=2.0, help="size of the export (0: skip)")
    ap.add_argument("--notes-bytes", type=int, default=900, help="bytes of notes per row")
    ap.add_argument("--keep", type=Path, help="folder for the generated files (reused)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"slakit hostile benchmark: python {sys.version.split()[0]}, {os.cpu_count()} CPUs,"
              f" RLIMIT_AS {resource.getrlimit(resource.RLIMIT_AS)[0]}")
        refusals(folder)
        many_rules(folder, 8_000)
        if args.export_gb > 0:
            streaming(folder, args.export_gb, args.notes_bytes)


if __name__ == "__main__":
    main()
