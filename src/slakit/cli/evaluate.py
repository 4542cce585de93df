"""``slakit evaluate SLA EVENTS...``: run an SLA over event exports and report compliance."""

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
    append_summary,
    color_on,
    command,
    output_targets,
    progress_bar,
    pseudonym_key,
    refuse_overwriting,
    write_output,
)
from slakit.errors import UsageError

FORMAT_NAMES = ("text", "json", "markdown", "csv", "html", "junit", "github")
"""``-f``/``-o`` choices: ``slakit.report.FORMATS`` (kept here so that ``--help`` imports no
report module; a test keeps the two equal)."""


@command()
def evaluate(
    sla: Annotated[Path, typer.Argument(metavar="SLA", help="The SLA document (*.sla.yaml).")],
    events: EventsArg,
    fmt: Annotated[
        str | None,
        typer.Option("-f", "--format", metavar="FMT",
                     help=f"What goes to standard output: {', '.join(FORMAT_NAMES)} "
                     "(default: text)."),
    ] = None,
    outputs: Annotated[
        list[str] | None,
        typer.Option("-o", "--output", metavar="FMT=PATH",
                     help="Also write another format to a file; repeatable: "
                     "-o html=report.html -o junit=report.xml."),
    ] = None,
    as_of: AsOfOption = None,
    lead_from: FromOption = None,
    lead_to: ToOption = None,
    by: Annotated[
        list[str] | None,
        typer.Option("--by", metavar="FIELD",
                     help="Segment by this attribute (repeatable; replaces report.by)."),
    ] = None,
    view: Annotated[
        str | None,
        typer.Option("--view", metavar="NAME",
                     help="Print only that view's sections: the document's report.views, or, "
                     "when it defines none, the built-in leadership, operations, marketing."),
    ] = None,
    period: Annotated[
        str, typer.Option("--period", metavar="week|month", help="Trend granularity.")
    ] = "week",
    results: Annotated[
        Path | None,
        typer.Option("--results", metavar="PATH",
                     help="Write one CSV row per lead x target."),
    ] = None,
    fail_under: Annotated[
        str | None,
        typer.Option("--fail-under", metavar="PCT",
                     help="Override every target's objective for the gate (e.g. 90 or 92.5%)."),
    ] = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="Allow PHI columns in output (never the default).")
    ] = False,
    pseudonymize: PseudonymizeOption = False,
) -> int:
    """Run an SLA document over lead-event exports and report compliance per target.

    Exit 0: every target met its objective; 1: a target missed it (the CI gate); 2: could
    not run (bad usage, unreadable file, missing column, no usable row).

    \b
    Examples:
      slakit evaluate consult.sla.yaml march.csv
      slakit evaluate consult.sla.yaml exports/*.csv --as-of 2026-03-31T23:59:00-04:00
      slakit evaluate consult.sla.yaml march.csv -f json --results leads.csv
      slakit evaluate consult.sla.yaml march.csv --view leadership -f markdown
      slakit evaluate consult.sla.yaml march.csv -o html=report.html -o junit=report.xml
    """
    from slakit.evaluation import evaluate as run_evaluation
    from slakit.evaluation import percentage

    chosen = "text" if fmt is None else fmt
    _check_format(chosen, "-f")
    targets = output_targets(outputs or [], FORMAT_NAMES,
                             results=None if results is None else str(results))
    refuse_overwriting([p for _, p in targets] + ([str(results)] if results else []),
                       [str(sla), *events])
    threshold = None
    if fail_under is not None:
        threshold = percentage(fail_under)
    key = pseudonym_key() if pseudonymize else None
    stdin = sys.stdin.buffer if "-" in events else None
    with progress_bar():
        result = run_evaluation(
            sla, events, as_of=as_of, lead_from=lead_from, lead_to=lead_to, by=by or (),
            period=period, fail_under=threshold, stdin=stdin, pseudonym_key=key,
        )
        result.sections(view)  # an unknown view is refused before anything is written
        for target_format, path in targets:
            write_output(path, result.render(target_format, view=view))
        if results is not None:
            write_output(str(results), result.render("csv"))
        color = chosen == "text" and color_on(sys.stdout)
        shown = result.render(chosen, view=view, color=color)
    sys.stdout.write(shown)  # after the bar is gone from the terminal
    sys.stdout.flush()
    append_summary(result.render("markdown", view=view))
    return 0 if result.report.passed else 1


def _check_format(fmt: str, option: str) -> None:
    if fmt not in FORMAT_NAMES:
        raise UsageError(f"{option} {fmt!r}: use one of {', '.join(FORMAT_NAMES)}")
