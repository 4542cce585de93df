"""The events the columnar engine judges: the table cut at as-of, with per-lead bounds.

Every array is indexed by *kept row* (``0 .. n-1``: the table's rows at or before as-of, in
table order) or by *lead* (``0 .. L-1``: the leads with a kept row, in lead-id order). A
lead's rows are ``lo[k] .. hi[k]-1``, sorted by instant, so "the first row at or after
instant t" is a vectorized binary search within each lead (``bisect_ts``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from slakit.calendar import Calendar
from slakit.compile import CompiledSla, Conditions
from slakit.reader.table import EventTable

I64 = NDArray[np.int64]
I32 = NDArray[np.int32]
Bools = NDArray[np.bool_]
Idx = NDArray[np.intp]

NONE = np.iinfo(np.int64).min
"""``None`` in an instant or duration array."""
NEVER = np.iinfo(np.int64).max
"""A row index or instant that never comes (larger than every real one)."""


@dataclass
class Column:
    """One attribute column of the kept rows: codes into ``values`` (-1 empty)."""

    codes: I32
    values: list[str]
    first_code: I32
    """Per lead: the code of its first value (-1: none)."""
    row_lead: NDArray[np.int32]
    """Per kept row: its lead (the frame's)."""
    _allowed: dict[frozenset[str], Bools] = field(default_factory=dict)

    @cached_property
    def first_row(self) -> I64:
        """Per lead: the first kept row with a value (``NEVER``: none).

        Only ``require`` asks for it, so it is made on first use: eleven columns of a
        10M-event export would otherwise hold 110 MB of it.
        """
        out = np.full(self.first_code.shape, NEVER, dtype=np.int64)
        has, first = _firsts(self.codes, self.row_lead)
        out[self.row_lead[has[first]]] = has[first]
        return out

    def allowed(self, values: frozenset[str]) -> Bools:
        """A lookup by ``code + 1`` telling whether the value is in ``values`` ("" = empty)."""
        table = self._allowed.get(values)
        if table is None:
            table = np.array([""in values, *(v in values for v in self.values)], dtype=bool)
            self._allowed[values] = table
        return table

    def row_in(self, values: frozenset[str]) -> Bools:
        """Per kept row: the row's own cell is one of ``values``."""
        return self.allowed(values)[self.codes + 1]

    def lead_in(self, values: frozenset[str]) -> Bools:
        """Per lead: the lead's attribute (first value) is one of ``values``."""
        return self.allowed(values)[self.first_code + 1]


class Frame:
    """The kept rows of one table, grouped by lead, with first-value attributes."""

    def __init__(self, sla: CompiledSla, table: EventTable, as_of: int) -> None:
        self.sla = sla
        self.table = table
        self.as_of = as_of
        keep = table.ts <= as_of
        every = bool(keep.all())
        self._kept: Idx | None = None if every else np.flatnonzero(keep)
        pick: Callable[[NDArray[np.generic]], NDArray[np.generic]] = (
            (lambda a: a) if self._kept is None else (lambda a: a[self._kept])
        )
        lead = pick(table.lead)
        self.ts: I64 = pick(table.ts)  # type: ignore[assignment]
        self.event: I32 = pick(table.event)  # type: ignore[assignment]
        self.n = int(self.ts.shape[0])
        n = self.n
        if n:
            change = np.flatnonzero(lead[1:] != lead[:-1]) + 1
            self.lo: Idx = np.concatenate(([0], change)).astype(np.intp)
        else:
            self.lo = np.zeros(0, dtype=np.intp)
        self.hi: Idx = np.append(self.lo[1:], n).astype(np.intp)
        self.count = int(self.lo.shape[0])
        self.lead_index: Idx = lead[self.lo].astype(np.intp) if n else np.zeros(0, np.intp)
        """Per lead: its index into ``table.lead_ids``."""
        self.row_lead: NDArray[np.int32] = np.repeat(
            np.arange(self.count, dtype=np.int32), self.hi - self.lo)
        """Per kept row: its lead."""
        self.first_ts: I64 = self.ts[self.lo] if n else np.zeros(0, np.int64)
        self.columns: dict[str, Column] = {}
        for name, attr in table.attrs.items():
            codes: I32 = pick(attr.codes)  # type: ignore[assignment]
            self.columns[name] = _column(codes, attr.values, self.row_lead, self.count)
        self._names = np.array(table.event_names, dtype=object)

    # -- lookups -------------------------------------------------------------------------------

    def orig(self, rows: Idx) -> Idx:
        """The table rows of kept rows ``rows``."""
        return rows if self._kept is None else self._kept[rows]

    def column(self, name: str) -> Column:
        """The column called ``name`` (all empty when no input has it)."""
        col = self.columns.get(name)
        if col is None:
            col = Column(np.full(self.n, -1, dtype=np.int8), [],
                         np.full(self.count, -1, np.int32), self.row_lead)
            self.columns[name] = col
        return col

    def events_in(self, names: frozenset[str]) -> Bools:
        """Per kept row: its event is one of ``names``."""
        table = np.array([name in names for name in self.table.event_names] + [False])
        return table[self.event] if self.n else np.zeros(0, dtype=bool)

    def rows_hold(self, conditions: Conditions) -> Bools:
        """Per kept row: its own fields satisfy ``conditions``."""
        out = np.ones(self.n, dtype=bool)
        for name, values in conditions:
            out &= self.column(name).row_in(values)
        return out

    def leads_hold(self, conditions: Conditions) -> Bools:
        """Per lead: its attributes satisfy ``conditions``."""
        out = np.ones(self.count, dtype=bool)
        for name, values in conditions:
            out &= self.column(name).lead_in(values)
        return out

    def need_row(self, need: Sequence[str]) -> I64:
        """Per lead: the first kept row at which one of ``need``'s fields has a value."""
        out = np.full(self.count, NEVER, dtype=np.int64)
        for name in need:
            np.minimum(out, self.column(name).first_row, out=out)
        return out

    def needs_row(self, needs: Sequence[Sequence[str]]) -> I64:
        """Per lead: the first kept row from which every term of ``needs`` holds (the first
        row when there is none)."""
        out = self.lo.astype(np.int64)
        for need in needs:
            np.maximum(out, self.need_row(need), out=out)
        return out

    def ts_at(self, rows: I64) -> I64:
        """Instants of kept rows (``NONE`` where ``rows`` is ``NEVER``)."""
        ok = rows != NEVER
        out = np.full(rows.shape, NONE, dtype=np.int64)
        out[ok] = self.ts[rows[ok]]
        return out

    def bisect_ts(self, leads: Idx, t: I64) -> I64:
        """Per query: the first kept row of lead ``leads[i]`` at or after instant ``t[i]``
        (``hi`` of the lead when none)."""
        lo = self.lo[leads].astype(np.int64)
        hi = self.hi[leads].astype(np.int64)
        ts = self.ts
        while True:
            open_ = lo < hi
            if not open_.any():
                return lo
            mid = (lo + hi) >> 1
            safe = np.where(open_, mid, 0)
            below = open_ & (ts[safe] < t)
            lo = np.where(below, mid + 1, lo)
            hi = np.where(open_ & ~below, mid, hi)

    def last_value_code(self, name: str) -> I32:
        """Per lead: the code of the last non-empty value of ``name`` (-1: none)."""
        col = self.column(name)
        has = np.flatnonzero(col.codes >= 0)
        out = np.full(self.count, -1, dtype=np.int32)
        if has.size:
            owner = self.row_lead[has]
            last = np.flatnonzero(np.append(owner[1:] != owner[:-1], True))
            out[owner[last]] = col.codes[has[last]]
        return out


def _column(codes: I32, values: list[str], row_lead: NDArray[np.int32], count: int) -> Column:
    first_code = np.full(count, -1, dtype=np.int32)
    has, first = _firsts(codes, row_lead)
    first_code[row_lead[has[first]]] = codes[has[first]]
    return Column(codes, values, first_code, row_lead)


def _firsts(codes: I32, row_lead: NDArray[np.int32]) -> tuple[Idx, Idx]:
    """(rows with a value, positions in them of each lead's first such row)."""
    has = np.flatnonzero(codes >= 0)
    owner = row_lead[has]
    first = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1]))) if has.size \
        else np.zeros(0, dtype=np.intp)
    return has, first


def by_calendar(
    sla: CompiledSla, names: Sequence[str], codes: Idx,
    fn: Callable[[Calendar, Idx], None],
) -> None:
    """Call ``fn(calendar, positions)`` for each calendar among ``codes`` (indices of
    ``names``), with the positions that use it."""
    if codes.size == 0:
        return
    if len(names) == 1:
        fn(sla.calendar(names[0]), np.arange(codes.size, dtype=np.intp))
        return
    for k in np.unique(codes).tolist():
        fn(sla.calendar(names[k]), np.flatnonzero(codes == k))
