"""Write every machine output slakit makes of one set of inputs into a folder.

Usage (from the folder holding the inputs, so that paths in the outputs are the same on every
run): ``python outputs.py OUT``. The determinism tests run it in subprocesses under different
hash seeds, locales and time zones and compare the folders byte for byte.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from slakit.cli import run

SLA = "consult.sla.yaml"
HEAD = "consult-head.sla.yaml"
EVENTS = ("events-1.csv", "events-2.csv", "events-3.csv.gz")


def commands(out: Path) -> dict[str, list[str]]:
    """Each output file and the command that prints it (others are written with -o)."""
    evaluate = ["evaluate", SLA, *EVENTS, "-f", "json", "--results", str(out / "results.csv")]
    evaluate += [a for fmt in ("markdown", "html", "junit", "csv")
                 for a in ("-o", f"{fmt}={out / ('evaluate.' + fmt)}")]
    return {
        "evaluate.json": evaluate,
        "evaluate-view.json": ["evaluate", SLA, *EVENTS, "-f", "json", "--view", "operations",
                               "--by", "channel", "--period", "month"],
        "validate.json": ["validate", SLA, HEAD, "-f", "json"],
        "validate.github": ["validate", SLA, HEAD, "-f", "github"],
        "diff.json": ["diff", SLA, HEAD, *EVENTS, "--replay", "-f", "json"],
        "diff.md": ["diff", SLA, HEAD, *EVENTS, "--replay", "-f", "markdown"],
        "explain.json": ["explain", SLA, *EVENTS, "--lead", "L-900010", "-f", "json"],
    }


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, argv in commands(out).items():
        buffer, errors = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(errors):
            code = run(argv)
        if code not in (0, 1):
            raise SystemExit(f"slakit {' '.join(argv)} exited {code}: {errors.getvalue()}")
        (out / name).write_bytes(buffer.getvalue().encode("utf-8"))


if __name__ == "__main__":
    main()
