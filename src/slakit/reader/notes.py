"""Time cells that were read, but are worth a word: a date without a time of day, a naive
time in the hour a DST change skips. One warning per file and kind, with the first row."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from slakit.errors import Finding
from slakit.reader.accounting import DATE_ONLY, SKIPPED_HOUR, RowNumbers
from slakit.reader.clean import Cleaner
from slakit.reader.patterns import ISO_SOURCE
from slakit.reader.timeparse import OK
from slakit.reader.tz import forward_gaps
from slakit.words import counted

I64 = NDArray[np.int64]
Mask = NDArray[np.bool_]

_DATE_ONLY = 10
"""The longest time cell without a time of day: ``2026-03-02``, ``03/02/2026``."""

_TIME_FIELDS = frozenset("HIMS")
"""The fields of a compiled pattern (``patterns.strftime_regex``) that hold a time of day."""

_UTC = ZoneInfo("UTC")
_PLUS_14 = ZoneInfo("Etc/GMT-14")  # +14:00: no zone's local time is that far from UTC


class TimeNotes:
    """The rows of one file whose time cell is a date alone, or a naive time the zone skips."""

    def __init__(self, path: str, cleaner: Cleaner) -> None:
        self.path = path
        self.cleaner = cleaner
        pats = cleaner.patterns
        timed = {bool(_TIME_FIELDS & p.regex.groupindex.keys()) for p in pats} \
            if pats and pats[0].source != ISO_SOURCE else set()
        self.dated_by_pattern = None if len(timed) != 1 else not timed.pop()
        """``source.timestamp_format`` decides: True when no pattern has a time of day,
        False when all have one; None: a cell's length does (ISO 8601, or a mix)."""
        self.dates: list[I64] = []
        """Data indices of kept rows whose time cell is a date without a time of day."""
        self.skipped_hour: list[I64] = []
        """Data indices of kept rows whose naive time falls in an hour the zone skips."""

    def note(self, idx: I64, cells: pa.Array | None, ts: I64, text: pa.Array,
             read: Mask) -> None:  # fmt: skip
        """Note the rows of ``read`` (kept, their time read) of one time column of a batch:
        ``cells`` as read, ``ts`` their instants, ``text`` the cleaned cells."""
        if cells is None:
            return
        self._dates(idx, cells, text, read)
        self._skipped_hour(idx, ts, text, read)

    def drop(self, carried: I64) -> None:
        """Forget rows skipped after all (records that carried others, ``broken-row``)."""
        self.dates = [d[~np.isin(d, carried)] for d in self.dates]
        self.skipped_hour = [d[~np.isin(d, carried)] for d in self.skipped_hour]

    def rows(self, numbers: RowNumbers) -> dict[str, NDArray[np.int64]]:
        """Per kind noted, the record numbers of its rows, each once (a wide record's
        milestones can note one row twice), ascending; empty kinds left out."""
        return {code: numbers.of(np.unique(np.concatenate(noted)))
                for code, noted in ((DATE_ONLY, self.dates), (SKIPPED_HOUR, self.skipped_hour))
                if noted}

    def findings(self, rows: dict[str, NDArray[np.int64]]) -> list[Finding]:
        """One warning per kind noted (``rows``, from ``rows``), naming its first row."""
        zone = self.cleaner.zone.key
        what = {
            DATE_ONLY: f"a date but no time of day, read as 00:00 in {zone}: a clock that "
                       "starts or stops on such a row runs from midnight. Export the time of "
                       "day too (or check source.timestamp_format)",
            SKIPPED_HOUR: f"a time that does not exist in {zone}: the hour its clocks skip "
                          "when they go forward. Read with the offset before the change, as an "
                          "hour later than written (02:30 as 03:30); if the export writes "
                          "times in another zone, set source.timezone",
        }
        return [Finding(code, "warning",
                        f"{counted(noted.size, 'row', thousands=True)} (the first here) "
                        f"{'has' if noted.size == 1 else 'have'} {what[code]}",
                        file=self.path, row=int(noted[0]))
                for code, noted in rows.items()]

    def _dates(self, idx: I64, cells: pa.Array, text: pa.Array, read: Mask) -> None:
        """A date alone: a Parquet column by its type (a date, not a timestamp), text by the
        patterns (``dated_by_pattern``), or by a length of ten characters or fewer
        (``2026-03-02``, ``03/02/2026``), too short for a time of day."""
        typed = pa.types.is_timestamp(cells.type) or pa.types.is_date(cells.type)
        if typed:
            dates = read if pa.types.is_date(cells.type) else read & False
        elif self.dated_by_pattern is not None:
            dates = read if self.dated_by_pattern else read & False
        else:
            short = pc.less_equal(pc.binary_length(text.cast(pa.string())), _DATE_ONLY)
            dates = read & short.fill_null(False).to_numpy(zero_copy_only=False)
        if dates.any():
            self.dates.append(idx[dates])

    def _skipped_hour(self, idx: I64, ts: I64, text: pa.Array, read: Mask) -> None:
        """A naive local time the zone skips when its clocks go forward (02:30 on the New York
        spring-forward night): read with the offset before the change (docs/calendar.md), so
        an hour later than written."""
        if not read.any() or not pa.types.is_string(text.type):
            return
        gaps = forward_gaps(self.cleaner.zone, int(ts[read].min()), int(ts[read].max()))
        near = np.zeros(ts.size, dtype=np.bool_)
        for change, skipped, _ in gaps:
            near |= (ts >= change) & (ts < change + skipped)
        cand = np.flatnonzero(near & read)
        if cand.size == 0:
            return
        # Only those rows, read again as if written in UTC and at +14:00: a naive cell gives
        # its wall time, shifted by 14 hours between the two; a cell with an offset the same
        # instant. A naive time before the change is its instant plus the offset before it.
        cells = text.take(pa.array(cand))
        wall, ok, _ = replace(self.cleaner, zone=_UTC).instants(cells, cand.size)
        far, _, _ = replace(self.cleaner, zone=_PLUS_14).instants(cells, cand.size)
        before = np.zeros(cand.size, dtype=np.int64)
        for change, skipped, offset in gaps:
            at = (ts[cand] >= change) & (ts[cand] < change + skipped)
            before[at] = offset
        found = (ok == OK) & (wall != far) & (wall - ts[cand] == before)
        if found.any():
            self.skipped_hour.append(idx[cand[found]])
