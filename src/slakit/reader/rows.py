"""One file's batches -> its kept events, skipped-row accounting and findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from slakit import pii
from slakit.errors import Finding
from slakit.reader.accounting import (
    BAD_TIMESTAMP,
    BROKEN_ROW,
    MISSING_EVENT,
    MISSING_LEAD,
    UNBALANCED_QUOTE,
    Ragged,
    RowNumbers,
    Skips,
    row_findings,
)
from slakit.reader.clean import Cleaner, Coded
from slakit.reader.notes import TimeNotes
from slakit.reader.patterns import ISO_SOURCE
from slakit.reader.shapes import WHEN, time_shaped
from slakit.reader.table import Rows, narrow_rows
from slakit.reader.timeparse import EMPTY, IMPLAUSIBLE, OK

I64 = NDArray[np.int64]
Mask = NDArray[np.bool_]
Instants = tuple[I64, NDArray[np.uint8], pa.Array]
"""A time column of one batch: UTC microseconds, status, cleaned text (``Cleaner.instants``)."""


@dataclass(frozen=True)
class Prepared:
    """One batch's cells encoded and its times parsed (``FileReader.prepare``)."""

    lead: Coded
    event: Coded | None
    """None in a wide export (its events are its milestone columns)."""
    attrs: dict[str, Coded]
    times: dict[int | None, Instants]
    """The time columns by file index (None: a column the file lacks)."""


@dataclass(frozen=True)
class Plan:
    """Which column (index in the file, None if absent) holds each thing to read."""

    lead: int | None
    event: int | None
    timestamp: int | None
    attrs: dict[str, int | None]
    milestones: dict[str, int | None]
    """Wide shape: event name -> column of its timestamps."""
    milestone_headers: dict[str, str] = field(default_factory=dict)
    timestamp_header: str = "timestamp"

    def indices(self) -> list[int]:
        """Return the distinct column indices to read, ascending."""
        cols = [self.lead, self.event, self.timestamp, *self.attrs.values(),
                *self.milestones.values()]  # fmt: skip
        return sorted({c for c in cols if c is not None})


@dataclass
class FilePart:
    """What one file contributes: kept events in file order (after newest-first reversal)."""

    lead: list[Coded]
    event: list[Coded]
    attrs: dict[str, list[Coded]]
    ts: I64
    row: Rows
    rows: int
    skipped: int
    findings: list[Finding]
    watched: list[Finding] = field(default_factory=list)
    """Every skipped row of the watched lead (``read_events(watch=...)``), in row order."""
    noted: dict[str, NDArray[np.int64]] = field(default_factory=dict)
    """Rows whose time was read with a note (``TimeNotes``): code -> record numbers."""

    @property
    def kept(self) -> int:
        return int(self.ts.size)


def is_phi(header: str, personal: frozenset[str]) -> bool:
    """Return whether a file column holds personal data; ``personal`` are the folded names of
    ``slakit.pii.personal`` (LANGUAGE.md's, ``source.pii``, and ``source.columns`` pairs)."""
    return pii.key(header) in personal


def _time_message(status: int, cell: str | None, formats: str, echo: bool) -> str:
    if status == EMPTY or cell is None:
        return "no timestamp; row skipped"
    # Only a cell shaped like a time is echoed: a phone, an email or a name in the timestamp
    # column (a wrong mapping, shifted cells) or other rows carried in by a quote never are.
    echo = echo and time_shaped(cell)
    shown = repr(cell if len(cell) <= 40 else cell[:40] + "...") if echo else "value"
    if status == IMPLAUSIBLE:
        return f"timestamp {shown} is outside the years 1900-2199; row skipped"
    return f"cannot read timestamp {shown} as {formats}; row skipped"


def _take(c: Coded, where: NDArray[np.intp] | Mask | slice) -> Coded:
    return Coded(c.codes[where], c.values)


class FileReader:
    """Accumulate the batches of one file (long or wide shape)."""

    def __init__(self, path: str, plan: Plan, cleaner: Cleaner, *, wide: bool,
                 first_row: int, pii_columns: tuple[str, ...] = (), delimiter: str = ",",
                 columns: dict[str, str] | None = None, fields: int = 0,
                 watch: Callable[[str], bool] | None = None) -> None:  # fmt: skip
        self.path = path
        self.watch = watch
        """Which lead's skipped rows are all kept, for ``explain`` (``Skips.watched``): a test
        of a lead id (its own id, or its pseudonym's)."""
        self.fields = fields
        """The header's number of fields (0: not a delimited file)."""
        self.personal = pii.personal(pii_columns, columns)
        """Folded names of the file's personal-data columns (``slakit.pii``)."""
        self.delimiter = delimiter
        self.plan = plan
        times = [c for c in (plan.timestamp, *plan.milestones.values()) if c is not None]
        self.time_col = min(times) if times else None
        """The first column of times: a carried record's start holds a time there."""
        self.cleaner = cleaner
        self.wide = wide
        self.first_row = first_row
        pats = cleaner.patterns
        self.formats = (
            ISO_SOURCE
            if pats and pats[0].source == ISO_SOURCE
            else " or ".join(repr(p.source) for p in pats)
        )
        self.start = 0
        self.rows = 0
        self.skips = Skips(path)
        self.notes = TimeNotes(path, cleaner)
        """Time cells read, but worth a word: dates alone, times in a skipped hour."""
        self.lead: list[Coded] = []
        self.event: list[Coded] = []
        self.attrs: dict[str, list[Coded]] = {a: [] for a in plan.attrs}
        self.ts: list[I64] = []
        self.idx: list[I64 | tuple[int, int]] = []
        """Data indices of kept rows per batch; (start, count) when a batch kept every row."""

    def prepare(self, cols: dict[int, pa.Array], n: int) -> Prepared:
        """Encode the batch's cells and parse its times, ahead of ``add``: the CSV reader
        calls it on a thread of its own, so that it runs beside the parsing of the next
        batches and the bookkeeping of the last ones (Arrow's kernels let go of the GIL)."""
        clean = self.cleaner
        times = self.plan.milestones.values() if self.wide else (self.plan.timestamp,)
        return Prepared(
            clean.coded(_get(cols, self.plan.lead), n),
            None if self.wide else clean.coded(_get(cols, self.plan.event), n),
            {a: clean.coded(_get(cols, i), n) for a, i in self.plan.attrs.items()},
            {i: clean.instants(_get(cols, i), n) for i in times},
        )

    def add(self, cols: dict[int, pa.Array], n: int, prepared: Prepared | None = None) -> None:
        """Take one batch of `n` well-formed records (columns by file index), with its cells
        encoded by ``prepare`` (encoded here when not given)."""
        if n == 0:
            return
        if prepared is None:
            prepared = self.prepare(cols, n)
        first = self.start
        idx = np.arange(first, first + n, dtype=np.int64)
        self.start += n
        lead, attrs, times = prepared.lead, prepared.attrs, prepared.times
        if self.watch is not None:
            self.skips.watch(idx[_is_value(lead, self.watch)])
        broken = _line_breaks(lead)
        for a, v in attrs.items():
            broken |= self._holds_records(v, self.plan.attrs[a])
        no_lead = (lead.codes < 0) | broken
        if self.wide:
            self._add_wide(cols, n, idx, lead, no_lead, broken, attrs, times)
            return
        self.rows += n
        event = prepared.event
        assert event is not None
        broken_event = ~no_lead & _line_breaks(event)
        broken |= broken_event
        no_lead |= broken_event
        no_event = ~no_lead & (event.codes < 0)
        ts, status, text = times[self.plan.timestamp]
        bad = ~no_lead & ~no_event & (status != OK)
        self.notes.note(idx, _get(cols, self.plan.timestamp), ts, text,
                        ~no_lead & ~no_event & (status == OK))
        if no_lead.any() or no_event.any() or bad.any():
            self._skip_leads(idx, no_lead, broken)
            self.skips.add(MISSING_EVENT, idx[no_event], message="no event; row skipped")
            phi = is_phi(self.plan.timestamp_header, self.personal)
            self._add_bad_times(idx, np.flatnonzero(bad), status, text, "", phi)
            keep = ~(no_lead | no_event | bad)
            lead, event, ts, idx = _take(lead, keep), _take(event, keep), ts[keep], idx[keep]
            attrs = {a: _take(v, keep) for a, v in attrs.items()}
            self._keep(lead, event, attrs, ts, idx)
        else:
            self._keep(lead, event, attrs, ts, (first, n))

    def _holds_records(self, coded: Coded, column: int | None) -> Mask:
        """Per row: whether its cell (in file column ``column``) holds later lines shaped like
        records of the file (``_record_shaped``): quotes that opened in this cell and closed
        rows later carried those rows, names and phones included, into it. A multi-line note
        ("call back\nMon, Tue, or Wed") is not such a line."""
        breaks = _line_breaks(coded)
        if self.fields < 2 or not breaks.any():
            return breaks & False
        entry = np.array([self._record_shaped(v, column) for v in coded.values.to_pylist()]
                         + [False])
        found: Mask = entry[coded.codes]
        return found

    def _record_shaped(self, value: str | None, column: int | None) -> bool:
        """Whether a line after the first of ``value`` (a cell of file column ``column``) is
        shaped like a record of the file: a whole one (as many delimiters as a record has,
        and a date or a time, as every record of an export has), or, as the last line, the
        start of one up to this column, whose time cell the file's own formats read (the
        record where the quote closed: ``A2,call,2026-03-02T10:00,closed"``)."""
        if value is None or ("\n" not in value and "\r" not in value):
            return False
        lines = value.splitlines()[1:]
        if any(line.count(self.delimiter) >= self.fields - 1 and WHEN.search(line)
               for line in lines):
            return True
        at = self.time_col
        if not lines or column is None or at is None or at >= column:
            return False
        cells = lines[-1].split(self.delimiter)
        if len(cells) <= column or WHEN.search(cells[at]) is None:
            return False
        when = pa.array([cells[at].strip().strip('"')], pa.string())
        return int(self.cleaner.instants(when, 1)[1][0]) == OK  # a time the file would read

    def carriers(self, cells: pa.Array, column: int) -> Mask:
        """Per row of a batch of a column the document does not read (text or bytes): whether
        its cell holds lines shaped like other records (``_holds_records``, on the raw cells:
        such a column is often free text, with few repeats)."""
        n = len(cells)
        found = np.zeros(n, dtype=np.bool_)
        if self.fields < 2:
            return found
        hit = pc.match_substring_regex(cells, r"[\r\n]").fill_null(False)
        where = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
        if where.size:
            values = cells.take(pa.array(where)).to_pylist()
            found[where] = [self._record_shaped(
                v.decode("utf-8", "replace") if isinstance(v, bytes) else v, column)
                for v in values]
        return found

    def drop_carriers(self, carried: I64) -> None:
        """Skip the kept records with these data indices as ``broken-row``: a cell of theirs
        that the document does not read holds lines shaped like other records (a quote left
        open in a free-text column carried those rows into it, and shifted the cells after it)."""
        if carried.size == 0:
            return
        gone: list[I64] = []
        weights: list[I64] = []
        for b, part in enumerate(self.idx):
            idx = np.arange(part[0], part[0] + part[1], dtype=np.int64) \
                if isinstance(part, tuple) else part
            hit = np.isin(idx, carried)
            if not hit.any():
                continue
            which, events = np.unique(idx[hit], return_counts=True)
            gone.append(which)
            weights.append(events.astype(np.int64))
            keep = ~hit
            self.lead[b], self.event[b] = _take(self.lead[b], keep), _take(self.event[b], keep)
            for chunks in self.attrs.values():
                chunks[b] = _take(chunks[b], keep)
            self.ts[b], self.idx[b] = self.ts[b][keep], idx[keep]
        if gone:
            self.skips.add(BROKEN_ROW, np.concatenate(gone), message=BROKEN_MESSAGE,
                           weight=np.concatenate(weights))
            self.notes.drop(carried)

    def _skip_leads(self, idx: I64, no_lead: Mask, broken: Mask,
                    weight: I64 | None = None) -> None:  # fmt: skip
        """Record the rows skipped for their lead id (empty) or a line break in their lead id
        or event."""
        empty = no_lead & ~broken
        self.skips.add(MISSING_LEAD, idx[empty], message="no lead id; row skipped",
                       weight=None if weight is None else weight[empty])  # fmt: skip
        self.skips.add(BROKEN_ROW, idx[broken], message=BROKEN_MESSAGE,
                       weight=None if weight is None else weight[broken])  # fmt: skip

    def _add_bad_times(self, idx: I64, where: NDArray[np.intp], status: NDArray[np.uint8],
                       text: pa.Array, what: str, phi: bool) -> None:  # fmt: skip
        if where.size == 0:
            return
        # Messages for the listed examples, and for every row of the watched lead.
        said = np.zeros(where.size, dtype=np.bool_)
        said[: self.skips.room(BAD_TIMESTAMP)] = True
        if self.skips.watched.size:
            said |= np.isin(idx[where], self.skips.watched)
        shown = where[said]
        cells = text.take(pa.array(shown)).to_pylist() if shown.size else []
        told = [
            what + _time_message(int(status[i]), c, self.formats, not phi)
            for i, c in zip(shown.tolist(), cells, strict=True)
        ]
        if self.wide:  # one milestone cell is one event: the record's other cells still count
            told = [m.removesuffix("; row skipped") + "; this milestone skipped, the "
                    "record's other cells are read" for m in told]
        messages = [""] * where.size
        for k, m in zip(np.flatnonzero(said).tolist(), told, strict=True):
            messages[k] = m
        self.skips.add(BAD_TIMESTAMP, idx[where], messages=messages)

    def _keep(self, lead: Coded, event: Coded, attrs: dict[str, Coded], ts: I64,
              idx: I64 | tuple[int, int]) -> None:  # fmt: skip
        if ts.size == 0:
            return
        self.lead.append(lead)
        self.event.append(event)
        for a, v in attrs.items():
            self.attrs[a].append(v)
        self.ts.append(ts)
        self.idx.append(idx)

    def _add_wide(self, cols: dict[int, pa.Array], n: int, idx: I64, lead: Coded,
                  no_lead: Mask, broken: Mask, attrs: dict[str, Coded],
                  times: dict[int | None, Instants]) -> None:  # fmt: skip
        names = list(self.plan.milestones)
        cells = np.zeros(n, dtype=np.int64)
        parsed: list[Instants] = []
        for name in names:
            parsed.append(times[self.plan.milestones[name]])
            self.notes.note(idx, _get(cols, self.plan.milestones[name]), parsed[-1][0],
                            parsed[-1][2], ~no_lead & (parsed[-1][1] == OK))
            cells += parsed[-1][1] != EMPTY
        weight = np.maximum(cells, 1)
        self.rows += int(weight.sum())
        has_lead = ~no_lead
        no_cells = has_lead & (cells == 0)
        self._skip_leads(idx, no_lead, broken, weight)
        self.skips.add(MISSING_EVENT, idx[no_cells],
                       message="no milestone timestamp (wide export); row skipped")  # fmt: skip
        rows_k: list[NDArray[np.intp]] = []
        ms_k: list[NDArray[np.int32]] = []
        ts_k: list[I64] = []
        for j, (ts, status, text) in enumerate(parsed):
            header = self.plan.milestone_headers.get(names[j], names[j])
            bad = has_lead & (status != OK) & (status != EMPTY)
            phi = is_phi(header, self.personal)
            self._add_bad_times(idx, np.flatnonzero(bad), status, text, f"{header!r}: ", phi)
            good = np.flatnonzero(has_lead & (status == OK))
            rows_k.append(good)
            ms_k.append(np.full(good.size, j, dtype=np.int32))
            ts_k.append(ts[good])
        rows = np.concatenate(rows_k)
        ms = np.concatenate(ms_k)
        order = np.lexsort((ms, rows))
        rows = rows[order]
        event = Coded(ms[order], pa.array(names, pa.string()))
        self._keep(_take(lead, rows), event, {a: _take(v, rows) for a, v in attrs.items()},
                   np.concatenate(ts_k)[order], idx[rows])  # fmt: skip

    def _runaway(self, numbers: RowNumbers, ragged: list[Ragged]) -> list[Finding]:
        """The last record holds a quote that never closes: every later line is in one of its
        cells. The warning names it; when that cell is one slakit reads and holds what looks
        like other records, ``add`` has skipped the record already (``broken-row``), so other
        rows' text (names, phones) is never shown as its value. (An odd quote count can also
        be a literal quote in an unquoted cell.)"""
        last = self.start - 1
        if last < 0:
            return []
        row = int(numbers.of(np.array([last], dtype=np.int64))[0])
        final = ragged[-1] if ragged else None
        if final is not None and final.number is not None:
            at = numbers.of_ragged(final.number)
            if at > row:  # the runaway record was dropped as ragged
                return [] if final.lines > 1 else [  # its finding counts the lines it took
                    Finding(UNBALANCED_QUOTE, "warning", _runaway_text(at), file=self.path, row=at)]
        return [Finding(UNBALANCED_QUOTE, "warning", _runaway_text(row), file=self.path, row=row)]

    def finish(self, ragged: list[Ragged], fields: int, newest_first: bool,
               unbalanced: bool = False) -> FilePart:  # fmt: skip
        """Return the file's part; `ragged` are the records pyarrow dropped (number, fields).

        `unbalanced`: the file holds an odd number of double quotes, so its last record ran on
        to the end of the file (``_runaway``).
        """
        numbers = RowNumbers([r.number for r in ragged if r.number is not None], self.first_row)
        notes = self._runaway(numbers, ragged) if unbalanced else []
        noted = self.notes.rows(numbers)
        findings = row_findings(self.path, self.skips, numbers, ragged, fields) + notes \
            + self.notes.findings(noted)
        ts = np.concatenate(self.ts) if self.ts else np.zeros(0, dtype=np.int64)
        self.ts = []  # the batches' arrays are freed before the next copy is made
        row = narrow_rows(numbers.of(_indices(self.idx, ts.size)))
        self.idx = []
        lead, event, attrs = self.lead, self.event, self.attrs
        if newest_first:
            ts, row = ts[::-1].copy(), row[::-1].copy()
            lead, event = _reversed(lead), _reversed(event)
            attrs = {a: _reversed(v) for a, v in attrs.items()}
        watched = self.skips.watched_skips
        at = numbers.of(np.array([i for i, _, _ in watched], dtype=np.int64)).tolist()
        mine = sorted(((r, code, msg) for r, (_, code, msg) in zip(at, watched, strict=True)),
                      key=lambda w: w[0])
        return FilePart(lead, event, attrs, ts, row, self.rows + len(ragged),
                        self.skips.total + len(ragged), findings,
                        [Finding(code, "warning", msg, file=self.path, row=r)
                         for r, code, msg in mine],
                        {} if self.watch is None else noted)  # explain marks them


def _runaway_text(row: int | None) -> str:
    return (f"a quoted cell never closes: the last record (row {row}) runs on to the end of "
            "the file, and the rows after it are lost in that cell; find the stray '\"' in "
            "the export (or ignore this if a cell holds a literal quote outside quotes)")


def _indices(parts: list[I64 | tuple[int, int]], n: int) -> I64:
    if all(isinstance(p, tuple) for p in parts):
        return np.arange(n, dtype=np.int64)  # every batch kept every row
    return np.concatenate(
        [np.arange(p[0], p[0] + p[1], dtype=np.int64) if isinstance(p, tuple) else p for p in parts]
    )


BROKEN_MESSAGE = (
    "lead id or event holds a line break, or a cell holds lines shaped like other records (a "
    "quote left open can carry other rows into a cell); row skipped"
)
"""Never quotes the value: it may hold the text of other rows, personal data included."""


def _line_breaks(coded: Coded) -> Mask:
    """Per row: whether its value holds a line break (found on the batch's distinct values)."""
    if not len(coded.values):
        return np.zeros(coded.codes.shape, dtype=np.bool_)
    hit = pc.match_substring_regex(coded.values, r"[\r\n]").fill_null(False)
    if not pc.any(hit).as_py():
        return np.zeros(coded.codes.shape, dtype=np.bool_)
    entry = np.append(hit.to_numpy(zero_copy_only=False), False)
    broken: Mask = entry[coded.codes]
    return broken


def _is_value(coded: Coded, wanted: Callable[[str], bool]) -> Mask:
    """Per row: whether its cleaned cell is one ``wanted`` accepts (asked once per value)."""
    same = [v is not None and wanted(v) for v in coded.values.to_pylist()]
    return np.array([*same, False], dtype=np.bool_)[coded.codes]  # -1 (empty) takes the last


def _get(cols: dict[int, pa.Array], index: int | None) -> pa.Array | None:
    return None if index is None else cols[index]


def _reversed(chunks: list[Coded]) -> list[Coded]:
    return [Coded(c.codes[::-1].copy(), c.values) for c in reversed(chunks)]
