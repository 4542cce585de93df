"""``slakit evaluate SLA EVENTS...``: run an SLA over event exports and report compliance."""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager, nullcontext
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from slakit.cli.app import (
    AsOfOption,
    EventsArg,
    FromOption,
    PseudonymizeOption,
    ToOption,
    app,
    append_summary,
    output_targets,
    pseudonym_key,
    refuse_overwriting,
    write_output,
)
from slakit.errors import UsageError

if TYPE_CHECKING:
    from slakit.evaluation import Evaluation
    from slakit.report.charts.elapsed import ElapsedHistogram

FORMAT_NAMES = ("text", "json", "markdown", "csv", "html", "junit")
"""``-f``/``-o`` choices: the report formats plus ``csv`` (the per-lead results)."""


@app.command()
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
                     help="Print only that view's sections (document views, or the built-in "
                     "leadership, operations, marketing)."),
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

    chosen = fmt or "text"
    _check_format(chosen, "-f")
    if period not in ("week", "month"):
        raise UsageError(f"--period takes week or month; got {period!r}")
    targets = output_targets(outputs or [], FORMAT_NAMES,
                             results=None if results is None else str(results))
    refuse_overwriting([p for _, p in targets] + ([str(results)] if results else []),
                       [str(sla), *events])
    threshold = None
    if fail_under is not None:
        threshold = _percentage(fail_under)
    key = pseudonym_key() if pseudonymize else None
    stdin = sys.stdin.buffer if "-" in events else None
    with progress(f"evaluating {len(events)} export(s)"):
        result = run_evaluation(
            sla, events, as_of=as_of, lead_from=lead_from, lead_to=lead_to, by=by or (),
            period=period, fail_under=threshold, stdin=stdin, pseudonym_key=key,
        )
    sections = _sections(result, view)
    for target_format, path in targets:
        write_output(path, render(result, target_format, sections, color=False))
    if results is not None:
        write_output(str(results), render(result, "csv", sections, color=False))
    color = chosen == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(render(result, chosen, sections, color=color))
    sys.stdout.flush()
    append_summary(render(result, "markdown", sections, color=False))
    return 0 if result.report.passed else 1


def progress(message: str) -> AbstractContextManager[object]:
    """A spinner on a terminal's stderr; nothing in a pipe, a CI log or with NO_COLOR."""
    if not sys.stderr.isatty() or os.environ.get("CI") or "NO_COLOR" in os.environ:
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


def render(result: Evaluation, fmt: str, sections: tuple[str, ...], *, color: bool) -> str:
    """One format of an evaluation as text."""
    from slakit.report import FORMATS, RenderOptions

    if fmt == "csv":
        from slakit.report.results_csv import results_csv

        calendars = {t.id: t.calendar for t in result.sla.targets}
        return results_csv(result.leads, result.report.timezone, calendars)
    histograms: tuple[ElapsedHistogram, ...] = ()
    if fmt == "html":
        from slakit.report.charts import elapsed_histograms

        histograms = tuple(elapsed_histograms(result.loaded.document, result.leads))
    options = RenderOptions(sections=sections, color=color, histograms=histograms)
    return FORMATS[fmt].render(result.report, options)


def _sections(result: Evaluation, view: str | None) -> tuple[str, ...]:
    from slakit.report import ALL_SECTIONS

    if view is None:
        return ALL_SECTIONS
    views = result.report.views
    if view not in views:
        raise UsageError(f"--view {view!r} is not defined; views: {', '.join(sorted(views))}")
    return views[view]


def _check_format(fmt: str, option: str) -> None:
    if fmt not in FORMAT_NAMES:
        raise UsageError(f"{option} {fmt!r}: use one of {', '.join(FORMAT_NAMES)}")


def _percentage(text: str) -> Fraction:
    """``--fail-under``: ``90``, ``92.5`` or ``92.5%``, exactly, as a share of one."""
    number = text.strip().removesuffix("%").strip()
    try:
        value = Fraction(number)
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if "/" in number or not 0 <= value <= 100:
        raise UsageError(f"--fail-under takes a percentage from 0 to 100, like 90 or 92.5%; "
                         f"got {text!r}")
    if 0 < value < 1 and not text.strip().endswith("%"):
        # 0.95 is far more likely a share meant as 95% than a gate of 0.95%: ask.
        meant = f"{float(value * 100):g}%"
        raise UsageError(f"--fail-under {text.strip()} would gate at {text.strip()}%: write "
                         f"{meant} for {meant}, or {text.strip()}% if a gate under 1% is meant")
    return value / 100
