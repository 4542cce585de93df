"""One lead's events up to as-of: its rows, its attributes so far, when definitions happen.

LANGUAGE.md section 3, "Definitions": an event matches a definition when its ``event`` is
listed and its own fields satisfy ``where``; the definition happens at that event if the
lead's attributes so far satisfy ``require``, else at the later row that completes them.
Every matching event is one *occurrence*; a reference (a list of definitions) happens at the
first occurrence of any of them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from slakit.compile import Matcher, Ref, conditions_hold, unmet_needs
from slakit.reader.table import EventTable


@dataclass(frozen=True)
class Row:
    """One event of the lead, as read."""

    at: int
    """Its instant (epoch microseconds UTC)."""
    event: str
    """The event name (after ``source.events``)."""
    fields: Mapping[str, str]
    """The row's own non-empty cells, by canonical column name."""
    file: int
    """Index of its file in ``EventTable.files``."""
    line: int
    """Its record number in that file (header = 1)."""


@dataclass(frozen=True)
class Occurrence:
    """One time a definition happened for the lead."""

    at: int
    """The instant it happened (the completing row's instant when ``require`` came later)."""
    row: int
    """Index (in ``Lead.rows``) of the row at which it happened."""
    source: int
    """Index of the matching event's row (whose own fields ``where``/``allow`` read)."""
    name: str
    """The definition that happened."""


class Lead:
    """A lead's rows in event order, with attributes and occurrences computed on demand.

    Attributes are per column the first non-empty value in event order (LANGUAGE.md section 1).
    """

    def __init__(self, lead_id: str, rows: Sequence[Row]) -> None:
        if not rows:
            raise ValueError(f"lead {lead_id!r} has no event")
        self.id = lead_id
        self.rows: tuple[Row, ...] = tuple(rows)
        self._instants = [r.at for r in self.rows]
        so_far: list[Mapping[str, str]] = []
        current: dict[str, str] = {}
        for row in self.rows:
            added = {k: v for k, v in row.fields.items() if k not in current}
            if added:
                current = {**current, **added}
            so_far.append(MappingProxyType(current))
        self._so_far = so_far
        self._cache: dict[Matcher, tuple[Occurrence, ...]] = {}

    @property
    def first_event_at(self) -> int:
        """The instant of the lead's first event."""
        return self.rows[0].at

    @property
    def attributes(self) -> Mapping[str, str]:
        """The lead's attributes as of as-of (every row read)."""
        return self._so_far[-1]

    def attributes_through(self, row: int) -> Mapping[str, str]:
        """Attributes from the rows up to and including row index ``row``."""
        return self._so_far[row]

    def attributes_at(self, t: int) -> Mapping[str, str]:
        """Attributes from the rows at or before instant ``t`` (empty before the first)."""
        i = bisect_right(self._instants, t) - 1
        return self._so_far[i] if i >= 0 else MappingProxyType({})

    def last_value(self, column: str) -> str | None:
        """The last non-empty value of ``column`` in event order (outcome reporting)."""
        for row in reversed(self.rows):
            value = row.fields.get(column)
            if value:
                return value
        return None

    # -- definitions ---------------------------------------------------------------------------

    def matching_rows(self, m: Matcher) -> list[int]:
        """Indexes of the rows whose event and own fields match ``m`` (``require`` aside)."""
        return [
            i for i, row in enumerate(self.rows)
            if row.event in m.events and conditions_hold(m.where, row.fields)
        ]

    def completed_from(self, m: Matcher) -> int | None:
        """The first row index at which the attributes so far satisfy ``m.require``."""
        for i, attrs in enumerate(self._so_far):
            if not unmet_needs(m.require, attrs):
                return i
        return None

    def happenings(self, m: Matcher) -> tuple[Occurrence, ...]:
        """Every occurrence of one definition, in order (a matching event whose ``require``
        never holds does not occur)."""
        cached = self._cache.get(m)
        if cached is not None:
            return cached
        matches = self.matching_rows(m)
        done = self.completed_from(m) if matches else None
        result = tuple(
            Occurrence(self.rows[max(i, done)].at, max(i, done), i, m.name)
            for i in matches
        ) if done is not None else ()
        self._cache[m] = result
        return result

    def occurrences(self, ref: Ref) -> list[Occurrence]:
        """Every occurrence of any of the reference's definitions, in order of happening."""
        found = [o for m in ref.matchers for o in self.happenings(m)]
        found.sort(key=lambda o: (o.row, o.source))
        return found

    def first(self, ref: Ref) -> Occurrence | None:
        """When the reference first happened (``None``: not by as-of)."""
        found = self.occurrences(ref)
        return found[0] if found else None

    def first_at_or_after(self, ref: Ref, t: int) -> Occurrence | None:
        """The first occurrence at or after instant ``t`` (equal instants count)."""
        return next((o for o in self.occurrences(ref) if o.at >= t), None)

    def requirement_never_met(self, m: Matcher) -> bool:
        """True when an event matched ``m`` but its ``require`` never held by as-of."""
        return bool(m.require) and bool(self.matching_rows(m)) and self.completed_from(m) is None


def lead_slices(table: EventTable, as_of: int) -> list[tuple[int, int, int]]:
    """Return ``(lead index, lo, hi)`` for every lead with a row at or before ``as_of``.

    ``[lo, hi)`` are its rows in the table, cut at as-of (the table is sorted by lead, then
    instant).
    """
    n = len(table.lead_ids)
    if n == 0 or len(table) == 0:
        return []
    bounds = np.searchsorted(table.lead, np.arange(n + 1, dtype=np.int64), side="left")
    out: list[tuple[int, int, int]] = []
    for i in range(n):
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        cut = lo + int(np.searchsorted(table.ts[lo:hi], as_of, side="right"))
        if cut > lo:
            out.append((i, lo, cut))
    return out


def lead_of(table: EventTable, index: int, lo: int, hi: int) -> Lead:
    """Build the ``Lead`` of table rows ``[lo, hi)``."""
    columns = [(name, attr.codes, attr.values) for name, attr in table.attrs.items()]
    rows = []
    for j in range(lo, hi):
        fields: dict[str, str] = {}
        for name, codes, values in columns:
            code = int(codes[j])
            if code >= 0:
                fields[name] = values[code]
        rows.append(Row(
            at=int(table.ts[j]),
            event=table.event_names[int(table.event[j])],
            fields=MappingProxyType(fields),
            file=int(table.file[j]),
            line=int(table.row[j]),
        ))
    return Lead(table.lead_ids[index], rows)
