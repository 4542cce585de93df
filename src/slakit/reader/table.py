"""The reader's result: events as numpy arrays, with the row accounting and findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
from numpy.typing import NDArray

from slakit.errors import Finding

if TYPE_CHECKING:
    from slakit.reader.spec import ReadSpec


@dataclass(frozen=True)
class FileInfo:
    """One input file as read."""

    path: str
    """The path as given ('-' for standard input)."""
    sha256: str
    """Hex digest of the file's bytes as stored (compressed bytes for .gz)."""
    rows: int
    """Rows this file contributed to `EventTable.rows` (data records; wide shape: see `rows`)."""


Codes = NDArray[np.int8] | NDArray[np.int16] | NDArray[np.int32]
"""Dictionary codes (-1: empty) in the narrowest type that holds them (see `narrow`)."""


def narrow(codes: NDArray[np.signedinteger[Any]], values: int) -> Codes:
    """Return `codes` (into `values` distinct values, -1 empty) in the narrowest signed type.

    A code plus one must still fit (lookups index a table by ``code + 1``), so int8 holds up
    to 127 values and int16 up to 32,767. At 10M events the eleven attribute columns of the
    consult example take 18 bytes per event instead of 44.
    """
    return codes.astype(code_type(values), copy=False)  # type: ignore[return-value]


def code_type(values: int) -> type[np.int8] | type[np.int16] | type[np.int32]:
    """The narrowest code type for `values` distinct values (see `narrow`)."""
    return np.int8 if values < 128 else np.int16 if values < 32_768 else np.int32


Rows = NDArray[np.int32] | NDArray[np.int64]
"""Record numbers: four bytes each unless a file has 2**31 records or more (see `narrow_rows`)."""


def narrow_rows(rows: NDArray[np.int64]) -> Rows:
    """Return record numbers as int32 when they fit (they nearly always do)."""
    if rows.size == 0 or int(rows.max()) < 2**31:
        return rows.astype(np.int32)
    return rows


@dataclass(frozen=True, repr=False)
class Attr:
    """One attribute column, dictionary-encoded (its values are never in its repr: they may
    be personal data)."""

    codes: Codes
    """Per event: index into `values`, -1 where the cell is empty (narrowest type)."""
    values: list[str]
    """Distinct non-empty values, sorted ascending (so code order is string order)."""

    def __repr__(self) -> str:
        return f"Attr({len(self.codes)} cells, {len(self.values)} distinct values)"


@dataclass
class EventTable:
    """All kept events of all inputs, sorted by (lead id, instant, file, row).

    Ties on equal instants keep file order, then row order within a file (reversed row
    order for `order: newest-first`).
    """

    lead: Codes
    """Per event: index into `lead_ids` (narrowest type)."""
    lead_ids: list[str]
    """Distinct lead ids sorted ascending, so index order is string order."""
    event: Codes
    """Per event: index into `event_names` (after `ReadSpec.events` renaming; narrowest type)."""
    event_names: list[str]
    """Distinct event names, sorted ascending."""
    ts: NDArray[np.int64]
    """Per event: the instant, epoch microseconds UTC."""
    file: Codes
    """Per event: index into `files` (narrowest type)."""
    row: Rows
    """Per event: record number in its file, the header being row 1 (CSV). Records are counted,
    not physical lines: a quoted field holding a newline does not add a row, and blank lines
    are not records. Parquet rows are numbered from 1."""
    attrs: dict[str, Attr]
    """Per attribute in `ReadSpec.attributes`: the event's own cell."""
    files: list[FileInfo]
    """Inputs in the order read (sorted path order)."""
    rows: int
    """Data rows in all inputs: always rows == len(ts) + skipped_rows + duplicate_rows.
    Wide shape: each non-empty milestone cell counts as one row, a record without any as one."""
    skipped_rows: int
    """Rows dropped for a missing lead id or event, a bad time or a wrong field count."""
    duplicate_rows: int
    """Rows equal to an earlier one in lead, event, instant and every attribute read."""
    findings: list[Finding] = field(default_factory=list)
    """Observations about the data, in file and row order, then table-wide ones."""
    noted: dict[str, dict[int, NDArray[np.int64]]] = field(default_factory=dict)
    """Rows read with a note (``date-only-timestamp``, ``skipped-local-time``): code -> file
    index -> record numbers, ascending; ``explain`` marks the lead's events with them (kept
    only when ``read_events`` watches a lead: evaluate needs no more than the findings)."""
    watched: list[Finding] = field(default_factory=list)
    """Every skipped row of the lead ``read_events(watch=...)`` asked about, in file and row
    order (``findings`` list at most 100 per file and reason)."""

    def __len__(self) -> int:
        return int(self.ts.shape[0])

    def __repr__(self) -> str:
        # The cells hold personal data (phones, emails): a notebook printing the table shows
        # its shape, never its values.
        return (f"EventTable({len(self)} events, {len(self.lead_ids)} leads, "
                f"{len(self.files)} file(s), attributes {sorted(self.attrs)})")

    __str__ = __repr__


def read_events(
    paths: Sequence[str | Path], spec: ReadSpec, *, stdin: BinaryIO | bytes | None = None,
    watch: Callable[[str], bool] | None = None,
) -> EventTable:
    """Read exports into one `EventTable` (see `slakit.reader.read.read_events`)."""
    from slakit.reader.read import read_events as _read

    return _read(paths, spec, stdin=stdin, watch=watch)
