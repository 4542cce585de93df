"""``slakit init [DIR]``: write a starter document and a sample export that evaluate cleanly."""

from __future__ import annotations

import os
import shlex
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer

from slakit.cli.app import command
from slakit.errors import SlakitError, UsageError

STARTER_FILES = ("starter.sla.yaml", "starter-events.csv")
"""What ``init`` writes, from the package's ``slakit/data`` folder."""
EXAMPLE_LEAD = "S-0007"
"""A lead of the sample export worth explaining: its first attempt came late."""


@command()
def init(
    folder: Annotated[
        str,
        typer.Argument(metavar="[DIR]", help="Where to write the files (created if missing).",
                       show_default=False),
    ] = ".",
) -> int:
    """Write a commented starter SLA document and a small synthetic export into DIR.

    The document uses a business-hours calendar, routing with a catch-all rule, a response
    target, a cadence and an escalation; the export holds 20 fictional leads. Together they
    validate without warnings and evaluate with exit 0. Existing files are never overwritten
    (exit 2, naming them).

    \b
    Examples:
      slakit init                 # into the current folder
      slakit init my-sla/
    """
    if not folder.strip():  # an unset shell variable: not the current folder by accident
        raise UsageError("DIR is empty: name a folder, or leave it out for the current one")
    directory = Path(folder)
    targets = [directory / name for name in STARTER_FILES]
    existing = [str(p) for p in targets if p.exists() or p.is_symlink()]
    if existing:
        raise UsageError(f"not overwriting {', '.join(existing)}: move them away or choose "
                         "another folder (slakit init DIR)")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, target in zip(STARTER_FILES, targets, strict=True):
            data = files("slakit").joinpath("data", name).read_bytes()
            with open(target, "xb") as handle:
                handle.write(data)
    except FileExistsError as e:
        raise UsageError(f"not overwriting {e.filename}: it appeared while writing") from e
    except OSError as e:
        raise SlakitError(f"cannot write into {directory}: {e.strerror or e}") from e
    sla, events = (shlex.quote(os.path.normpath(p)) for p in targets)
    typer.echo(f"Wrote {sla} (a starter SLA document) and {events} (20 synthetic leads).")
    typer.echo("Next steps:")
    typer.echo(f"  slakit validate {sla}")
    typer.echo(f"  slakit evaluate {sla} {events}")
    typer.echo(f"  slakit explain {sla} {events} --lead {EXAMPLE_LEAD}")
    typer.echo("Then edit the document to say what your team promises (docs/language.md), and "
               "run it on your own CRM export.")
    return 0
