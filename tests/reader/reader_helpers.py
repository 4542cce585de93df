"""Helpers for reader tests: read synthetic exports back and check the invariants."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slakit.reader import EventTable, ReadSpec, read_events

Write = Callable[[str, str | bytes], Path]


def read(paths: list[Path] | list[str] | list[Path | str], **spec: Any) -> EventTable:
    """Read with a ReadSpec built from keyword arguments, checking the row accounting."""
    table = read_events(paths, ReadSpec(**spec))
    check(table)
    return table


def check(table: EventTable) -> None:
    """Assert the invariants every table keeps."""
    n = len(table)
    assert table.rows == n + table.skipped_rows + table.duplicate_rows
    assert sum(f.rows for f in table.files) == table.rows
    for arr in (table.lead, table.event, table.ts, table.file, table.row):
        assert arr.shape == (n,)
    assert table.lead_ids == sorted(table.lead_ids)
    assert table.event_names == sorted(table.event_names)
    assert set(table.lead.tolist()) == set(range(len(table.lead_ids)))
    keys = list(zip(table.lead.tolist(), table.ts.tolist(), strict=True))
    assert keys == sorted(keys)
    for attr in table.attrs.values():
        assert attr.codes.shape == (n,)
        assert attr.values == sorted(attr.values)
        assert set(attr.codes.tolist()) - {-1} == set(range(len(attr.values)))


def iso(us: int) -> str:
    """Return a UTC instant in microseconds as ISO 8601 with 'Z'."""
    dt = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=us)
    frac = f".{dt.microsecond:06d}" if dt.microsecond else ""
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"


def events(table: EventTable) -> list[tuple[str, str, str]]:
    """Return (lead id, event, UTC time) per event, in table order."""
    leads, evs, tss = table.lead.tolist(), table.event.tolist(), table.ts.tolist()
    return [
        (table.lead_ids[lead], table.event_names[ev], iso(ts))
        for lead, ev, ts in zip(leads, evs, tss, strict=True)
    ]


def attr(table: EventTable, name: str) -> list[str]:
    """Return an attribute per event, '' where empty."""
    a = table.attrs[name]
    return [a.values[c] if c >= 0 else "" for c in a.codes.tolist()]


def codes(table: EventTable) -> list[str]:
    """Return the finding codes in order."""
    return [f.code for f in table.findings]
