"""How to read an export: column names, event names, time formats, shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class ReadSpec:
    """Everything the reader needs to know about one CRM's export (the document's `source`).

    Example: ``ReadSpec(columns={"lead_id": "Lead ID"}, attributes=("channel",))``.
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    """Canonical name -> header in the file (lead_id, event, timestamp and any attribute);
    a canonical name not mapped is looked up under its own name."""
    events: Mapping[str, str] = field(default_factory=dict)
    """Raw event value -> canonical event name; values not listed are kept as they are."""
    timestamp_formats: tuple[str, ...] = ()
    """strftime patterns tried in order per value; empty means ISO 8601 (date, optional time with
    'T' or space, fractional seconds, optional 'Z' or +hh[:mm] offset)."""
    timezone: str = "UTC"
    """Zone of naive timestamps; fold=0: a skipped local time takes the offset before the change,
    a repeated one its first occurrence."""
    nulls: tuple[str, ...] = ("",)
    """Cells equal to one of these after trimming are empty."""
    delimiter: str | None = None
    """Field delimiter; None sniffs among , ; tab |."""
    encoding: str | None = None
    """Text encoding; None means UTF-8 (BOM allowed), falling back to cp1252 with a finding."""
    order: Literal["oldest-first", "newest-first"] = "oldest-first"
    """newest-first reverses the row order within each file before anything else."""
    shape: Literal["long", "wide"] = "long"
    """long: one row per event; wide: one row per lead, one timestamp column per milestone."""
    milestones: Mapping[str, str] = field(default_factory=dict)
    """Wide shape: event name -> header of its timestamp column."""
    attributes: tuple[str, ...] = ()
    """Canonical attribute names the document uses; only these columns are read."""
    compared: tuple[str, ...] | None = None
    """The attributes rows are compared on for duplicates (besides lead, event and instant):
    the document's own columns, not ``--by`` ones; None: every attribute read."""
    pii: tuple[str, ...] = ()
    """Columns holding personal data besides LANGUAGE.md's names (``source.pii``): a cell of
    theirs that is not a time is reported without its value."""

    def header(self, name: str) -> str:
        """Return the header a canonical column name is read from."""
        return self.columns.get(name, name)
