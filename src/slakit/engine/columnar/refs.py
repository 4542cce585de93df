"""When definitions happen, for every lead at once (LANGUAGE.md section 3, "Definitions").

The vectorized twin of ``slakit.engine.lead``: a matching event at kept row ``i`` of a lead
whose ``require`` first holds at row ``done`` is an occurrence at row ``max(i, done)``
(``source`` ``i``). Occurrences are ordered by ``(row, source)``, ties by the order of the
reference's definitions, exactly as ``Lead.occurrences`` orders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from slakit.compile import Matcher, Ref
from slakit.engine.columnar.frame import I64, NEVER, Bools, Frame, Idx

Which = NDArray[np.signedinteger[Any]]
"""Definition indices, two bytes each (see ``_which_type``)."""


@dataclass(frozen=True)
class Occ:
    """One occurrence per query (a lead): ``row`` is ``NEVER`` where there is none."""

    row: I64
    """The kept row at which it happened."""
    source: I64
    """The matching event's kept row (whose own fields ``where``/``allow`` read)."""
    which: Which
    """Index of the definition (in ``Ref.matchers``) that happened (-1: none)."""

    @property
    def found(self) -> Bools:
        """Where there is an occurrence."""
        found: Bools = self.row != NEVER
        return found


@dataclass(frozen=True)
class AllOcc:
    """Every occurrence of a reference, sorted by lead, row, source, definition order."""

    lead: Idx
    row: I64
    source: I64
    which: Which


@dataclass(frozen=True)
class _Match:
    rows: I64
    """The matching kept rows, ascending."""
    done: I64
    """Per lead: the row from which ``require`` holds (``NEVER``: never)."""


class Occurrences:
    """Per-matcher masks, cached, and the ``first``/``first_at_or_after``/``all`` queries."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self._matches: dict[Matcher, _Match] = {}
        self._all: dict[Ref, AllOcc] = {}
        self._first: dict[Ref, Occ] = {}

    def forget(self) -> None:
        """Drop every cached answer (they are computed again when asked for).

        The caches hold several arrays per lead and per matching event; once the targets and
        escalations are judged, freeing them lowers the peak memory of a large run.
        """
        self._matches.clear()
        self._all.clear()
        self._first.clear()

    def match(self, m: Matcher) -> _Match:
        """The rows matching ``m``'s events and ``where``, and when its ``require`` holds."""
        found = self._matches.get(m)
        if found is None:
            f = self.frame
            mask = f.events_in(m.events)
            if m.where:
                mask &= f.rows_hold(m.where)
            rows = np.flatnonzero(mask).astype(np.int64)
            done = f.needs_row(m.require) if m.require else f.lo.astype(np.int64)
            found = _Match(rows, done)
            self._matches[m] = found
        return found

    def _next(self, match: _Match, leads: Idx, at: I64) -> I64:
        """The first matching row at or after kept row ``at`` within each lead (or NEVER)."""
        rows = match.rows
        j = np.searchsorted(rows, at, side="left")
        safe = np.minimum(j, max(rows.size - 1, 0))
        q = rows[safe] if rows.size else np.zeros(at.shape, dtype=np.int64)
        ok = (j < rows.size) & (q < self.frame.hi[leads])
        return np.where(ok, q, NEVER)

    def first(self, ref: Ref, leads: Idx | None = None) -> Occ:
        """Per lead (all, or ``leads``): when ``ref`` first happened."""
        if leads is None:
            cached = self._first.get(ref)
            if cached is None:
                cached = self._first_of(ref, np.arange(self.frame.count, dtype=np.intp))
                self._first[ref] = cached
            return cached
        full = self.first(ref)
        return Occ(full.row[leads], full.source[leads], full.which[leads])

    def _first_of(self, ref: Ref, leads: Idx) -> Occ:
        f = self.frame
        return self._combine(ref, leads, f.lo[leads].astype(np.int64), None)

    def first_at_or_after(self, ref: Ref, leads: Idx, t: I64) -> Occ:
        """Per query: the first occurrence of ``ref`` in lead ``leads[i]`` at or after ``t[i]``."""
        p = self.frame.bisect_ts(leads, t)
        return self._combine(ref, leads, self.frame.lo[leads].astype(np.int64), p)

    def _combine(self, ref: Ref, leads: Idx, lo: I64, p: I64 | None) -> Occ:
        row = np.full(leads.shape, NEVER, dtype=np.int64)
        source = np.full(leads.shape, NEVER, dtype=np.int64)
        which = np.full(leads.shape, -1, dtype=_which_type(ref))
        for k, m in enumerate(ref.matchers):
            match = self.match(m)
            done = match.done[leads]
            # Occurrences before `done` all happen at `done`: when that is already at or after
            # t, the first occurrence overall is the answer, else the first match from t on.
            start = lo if p is None else np.where(done >= p, lo, p)
            q = self._next(match, leads, start)
            ok = (q != NEVER) & (done != NEVER)
            r = np.where(ok, np.maximum(q, done), NEVER)
            better = ok & ((r < row) | ((r == row) & (q < source)))
            row = np.where(better, r, row)
            source = np.where(better, q, source)
            which[better] = k
        return Occ(row, source, which)

    def all(self, ref: Ref) -> AllOcc:
        """Every occurrence of ``ref`` in every lead."""
        cached = self._all.get(ref)
        if cached is not None:
            return cached
        f = self.frame
        rows_l, src_l, which_l = [], [], []
        for k, m in enumerate(ref.matchers):
            match = self.match(m)
            src = match.rows
            lead = f.row_lead[src]
            done = match.done[lead]
            ok = done != NEVER
            src, done = src[ok], done[ok]
            rows_l.append(np.maximum(src, done))
            src_l.append(src)
            which_l.append(np.full(src.shape, k, dtype=_which_type(ref)))
        row = np.concatenate(rows_l) if rows_l else np.zeros(0, np.int64)
        source = np.concatenate(src_l) if src_l else np.zeros(0, np.int64)
        which = np.concatenate(which_l) if which_l else np.zeros(0, np.int16)
        if len(ref.matchers) > 1 or (row.size and bool((np.diff(row) < 0).any())):
            order = np.lexsort((which, source, row))
            row, source, which = row[order], source[order], which[order]
        owner: Idx = np.asarray(f.row_lead[row], dtype=np.intp)
        cached = AllOcc(owner, row, source, which)
        self._all[ref] = cached
        return cached

    def names(self, ref: Ref, which: Which) -> list[str]:
        """The names of the definitions ``which`` indexes (for details)."""
        names = [m.name for m in ref.matchers]
        return [names[int(k)] for k in which]


def _which_type(ref: Ref) -> type[np.int16] | type[np.int64]:
    """A definition index takes two bytes (eight for a union of 32,768 definitions or more)."""
    return np.int16 if len(ref.matchers) < 2**15 else np.int64
