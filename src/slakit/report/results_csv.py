"""``--results``: one CSV row per lead x target (CLI.md), spreadsheet-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from slakit.engine.results import LeadResult
from slakit.report import safe
from slakit.report.base import Format, RenderOptions
from slakit.report.model import Report
from slakit.report.numbers import instant, minutes

COLUMNS = (
    "lead_id", "target", "status", "started_at", "stopped_at", "due_at", "elapsed_minutes",
    "wall_minutes", "team", "calendar", "duplicate_of", "detail",
)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def results_csv(leads: Iterable[LeadResult], timezone: str,
                calendars: Mapping[str, str | None] | None = None) -> str:  # fmt: skip
    """Rows sorted by lead id, then target in document order; cells defused for spreadsheets
    and terminals (``safe.spreadsheet``), so no cell holds a line break or a control character.

    ``calendar`` is the clock the row's minutes ran on: the target's own calendar
    (``calendars``, by target id) or else the lead's routed one.
    """
    own = calendars or {}
    zone = ZoneInfo(timezone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for lead in leads:
        for r in lead.targets:
            writer.writerow([
                safe.spreadsheet(lead.lead_id),
                safe.spreadsheet(r.target),
                r.status,
                instant(r.started_at, zone),
                instant(r.stopped_at, zone),
                instant(r.due_at, zone),
                _num(minutes(r.elapsed_us)),
                _num(minutes(r.wall_us)),
                safe.spreadsheet(lead.team or ""),
                safe.spreadsheet(own.get(r.target) or lead.calendar),
                safe.spreadsheet(lead.duplicate_of or ""),
                safe.spreadsheet(r.detail),
            ])
    return buffer.getvalue()


class ResultsCsvFormat(Format):
    """``--results`` (and ``-f csv``): the per-lead rows behind the report; sections do not
    apply."""

    name = "csv"
    machine = True
    needs = ("leads", "document")

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render one row per lead x target."""
        targets = () if options.document is None else options.document.document.targets
        return results_csv(options.leads, report.timezone, {t.id: t.calendar for t in targets})
