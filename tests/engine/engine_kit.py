"""Helpers for engine tests: documents from YAML text, event tables built by hand, times.

Times are written ``"Mon 11:50"`` (the week of Monday 2026-02-02, no US holiday) or as
``"2026-02-02 11:50"``, in America/Chicago unless a zone is given.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

import numpy as np

from slakit.compile import CompiledSla, compile_document
from slakit.engine.reference import run
from slakit.engine.results import EngineOutput, LeadResult, TargetResult
from slakit.loader import load
from slakit.reader import Attr, EventTable, FileInfo

ZONE = "America/Chicago"
MINUTE = 60_000_000
HOUR = 60 * MINUTE
_DAYS = {"Mon": 2, "Tue": 3, "Wed": 4, "Thu": 5, "Fri": 6, "Sat": 7, "Sun": 8}

HEADER = """\
slakit: 1
name: test
timezone: America/Chicago
calendars:
  clinic:
    hours: {mon-fri: ["08:00-12:00", "13:00-17:00"]}
    holidays: {country: US}
"""
"""A document head: the clinic calendar of the normative fixture."""

Event = tuple[str, str, str] | tuple[str, str, str, Mapping[str, str]]
"""``(lead, event, time)`` or ``(lead, event, time, {column: value})``."""


def t(text: str, zone: str = ZONE) -> int:
    """Epoch microseconds of ``"Mon 11:50"`` or ``"2026-02-02 11:50"`` in ``zone``."""
    day, _, clock = text.partition(" ")
    if day in _DAYS:
        moment = dt.datetime.fromisoformat(f"2026-02-{_DAYS[day]:02d} {clock}")
    else:
        moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def sla_of(body: str, *, head: str = HEADER, by: Sequence[str] = ()) -> CompiledSla:
    """Compile a document: ``head`` followed by ``body`` (both YAML)."""
    text = head + textwrap.dedent(body)
    return compile_document(load(text, name="test.sla.yaml").document, by=by)


def table_of(events: Sequence[Event], columns: Sequence[str] = ()) -> EventTable:
    """Build an ``EventTable`` as the reader would: sorted by (lead, instant, row order)."""
    rows = []
    for n, ev in enumerate(events):
        fields: Mapping[str, str] = ev[3] if len(ev) == 4 else {}  # type: ignore[misc]
        rows.append((ev[0], t(ev[2]), n, ev[1], fields))
    lead_ids = sorted({r[0] for r in rows})
    names = sorted({r[3] for r in rows})
    cols = sorted(set(columns) | {c for r in rows for c in r[4]})
    rows.sort(key=lambda r: (lead_ids.index(r[0]), r[1], r[2]))
    attrs = {}
    for c in cols:
        values = sorted({r[4][c] for r in rows if r[4].get(c)})
        codes = [values.index(r[4][c]) if r[4].get(c) else -1 for r in rows]
        attrs[c] = Attr(np.array(codes, dtype=np.int32), values)
    return EventTable(
        lead=np.array([lead_ids.index(r[0]) for r in rows], dtype=np.int32),
        lead_ids=lead_ids,
        event=np.array([names.index(r[3]) for r in rows], dtype=np.int32),
        event_names=names,
        ts=np.array([r[1] for r in rows], dtype=np.int64),
        file=np.zeros(len(rows), dtype=np.int32),
        row=np.array([r[2] + 2 for r in rows], dtype=np.int64),
        attrs=attrs,
        files=[FileInfo("events.csv", "0" * 64, len(rows))],
        rows=len(rows),
        skipped_rows=0,
        duplicate_rows=0,
    )


def evaluate(
    sla: CompiledSla, events: Sequence[Event], as_of: str | None = None, **kw: int | None
) -> EngineOutput:
    """Run the reference engine on hand-made events."""
    table = table_of(events, sla.columns())
    return run(sla, table, as_of=t(as_of) if as_of else None, **kw)


def results(output: EngineOutput) -> dict[str, dict[str, TargetResult]]:
    """``{lead_id: {target id: result}}``."""
    return {lead.lead_id: {r.target: r for r in lead.targets} for lead in output.leads}


def leads(output: EngineOutput) -> dict[str, LeadResult]:
    """``{lead_id: LeadResult}``."""
    return {lead.lead_id: lead for lead in output.leads}


def one(sla: CompiledSla, events: Sequence[Event], as_of: str | None = None,
        target: str | None = None) -> TargetResult:
    """The result of the only (or the named) target for the only lead."""
    out = evaluate(sla, events, as_of)
    (lead,) = out.leads
    if target is None:
        (result,) = lead.targets
        return result
    return next(r for r in lead.targets if r.target == target)


def minutes(us: int | None) -> float | None:
    """Microseconds as minutes."""
    return None if us is None else us / MINUTE
