"""``slakit explain SLA EVENTS... --lead ID``: one lead's story, and why it was judged so."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from slakit.cli.app import (
    AsOfOption,
    EventsArg,
    FromOption,
    PseudonymizeOption,
    ToOption,
    color_on,
    command,
    progress_bar,
    pseudonym_key,
)
from slakit.errors import UsageError

FORMAT_NAMES = ("text", "json")
"""``-f`` choices (the keys of ``slakit.story.FORMATS``, kept here so help stays fast)."""


@command()
def explain(
    sla: Annotated[Path, typer.Argument(metavar="SLA", help="The SLA document (*.sla.yaml).")],
    events: EventsArg,
    lead: Annotated[
        str,
        typer.Option("--lead", metavar="ID",
                     help="The lead to explain (with --pseudonymize: its id or its pseudonym)."),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("-f", "--format", metavar="FMT",
                     help=f"What goes to standard output: {', '.join(FORMAT_NAMES)} "
                     "(default: text)."),
    ] = None,
    as_of: AsOfOption = None,
    lead_from: FromOption = None,
    lead_to: ToOption = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="Show PHI columns (phone, email, ...) of the "
                           "events (never the default).")
    ] = False,
    pseudonymize: PseudonymizeOption = False,
) -> int:
    """Tell one lead's story: its events, routing, each target's clock and verdict, escalations.

    Times are in the zone of the lead's calendar. For each target: what started and stopped
    the clock, the open hours it ran (closed hours and pauses in between), the due time, and
    the status with its reason in one sentence. PHI columns are never shown unless --show-pii.
    Exit 0: explained; 1: the document is invalid; 2: could not run, or no such lead (the
    closest ids are suggested).

    \b
    Examples:
      slakit explain consult.sla.yaml march.csv --lead L-900010
      slakit explain consult.sla.yaml march.csv --lead L-900010 -f json
      slakit explain consult.sla.yaml march.csv --lead L-900044 --as-of 2026-04-10T16:40
      SLAKIT_PSEUDONYM_KEY=... slakit explain consult.sla.yaml march.csv --lead p-3f2a... \\
        --pseudonymize
    """
    from slakit.story import FORMATS
    from slakit.story import explain as tell

    chosen = "text" if fmt is None else fmt
    if chosen not in FORMATS:
        raise UsageError(f"-f {chosen!r}: use one of {', '.join(FORMATS)}")
    key = pseudonym_key() if pseudonymize else None
    stdin = sys.stdin.buffer if "-" in events else None
    with progress_bar():  # the whole export is read to find one lead
        story = tell(sla, events, lead, as_of=as_of, lead_from=lead_from, lead_to=lead_to,
                     show_pii=show_pii, pseudonym_key=key, stdin=stdin)
    color = chosen == "text" and color_on(sys.stdout)
    sys.stdout.write(FORMATS[chosen].render(story, color=color))
    sys.stdout.flush()
    return 0
