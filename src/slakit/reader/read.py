"""read_events: export files -> one EventTable, with every row accounted for."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from slakit import progress
from slakit.delimiters import delimiter_char
from slakit.errors import Finding, InputError
from slakit.reader import windows1252
from slakit.reader.accounting import BAD_TIMESTAMP, SKIP_CODES
from slakit.reader.assemble import assemble
from slakit.reader.clean import Cleaner, Coded
from slakit.reader.columns import plan_columns
from slakit.reader.patterns import compile_patterns
from slakit.reader.rows import FilePart, FileReader, Plan, Prepared
from slakit.reader.scan import (
    BLOCK_SIZE,
    MAX_BLOCK_SIZE,
    BlockTooSmall,
    CsvScan,
    NotUtf8,
    parquet_batches,
    prefetched,
)
from slakit.reader.sources import Opened, Source, cp1252_finding
from slakit.reader.spec import ReadSpec
from slakit.reader.table import EventTable, FileInfo
from slakit.reader.tz import zone
from slakit.words import counted

BATCH_ROWS = 1 << 16
"""Rows processed together: small enough for the cache, large enough to amortize calls."""


def _delimiter(spec: ReadSpec) -> str | None:
    if spec.delimiter is None:
        return None
    try:
        return delimiter_char(spec.delimiter)
    except ValueError as e:
        raise InputError(f"source.delimiter: {e}") from None


def _check_spec(spec: ReadSpec) -> None:
    _delimiter(spec)
    if spec.shape == "wide" and not spec.milestones:
        raise InputError("a wide export needs source.milestones (event -> timestamp column)")
    if spec.order not in ("oldest-first", "newest-first"):
        raise InputError(f"source.order must be oldest-first or newest-first, not {spec.order!r}")


def read_events(
    paths: Sequence[str | Path], spec: ReadSpec, *, stdin: BinaryIO | bytes | None = None,
    watch: Callable[[str], bool] | None = None,
) -> EventTable:
    """Read exports (CSV, CSV.gz, Parquet; '-' is standard input) into one sorted EventTable.

    Files are read in sorted path order whatever the argument order. Rows without a lead id,
    event or plausible time, and ragged records, are skipped with a finding; duplicates are
    counted once; always ``rows == len(table) + skipped_rows + duplicate_rows``.

    ``watch``: which lead's skipped rows to list, all of them, in ``EventTable.watched`` (the
    findings list at most 100 per file and reason), for ``explain``: a test of a lead id.

    Raises InputError for a missing or unreadable file, a needed column no input has, or no
    usable row at all.
    """
    _check_spec(spec)
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputError("no input files given")
    cleaner = Cleaner(spec.nulls, compile_patterns(spec.timestamp_formats), zone(spec.timezone))
    given = [str(p) for p in paths]
    # Sorted by the file each path names, not its spelling: "b.csv", "./b.csv" and
    # "/data/b.csv" are one file, in one place in the order (LANGUAGE.md: the result does not
    # depend on how the files were listed).
    spelled: dict[str, str] = {}
    for p in sorted(given):  # the least spelling names the file, whatever the argument order
        spelled.setdefault(_identity(p), p)
    ordered = [spelled[k] for k in sorted(spelled)]
    named = Counter(_identity(p) for p in given)
    findings: list[Finding] = [
        Finding("repeated-input", "warning", "given more than once; read once", file=p)
        for p in ordered
        if named[_identity(p)] > 1
    ]
    with ThreadPoolExecutor(max_workers=1) as executor:
        opened = Opened(executor, stdin, _delimiter(spec), spec.encoding)
        try:
            sources = [opened.open(p) for p in ordered]
            plans = plan_columns(sources, spec)
            sizes = [s.size for s in sources]
            progress.step(f"reading {counted(len(sources), 'export')}",
                          None if None in sizes else sum(s or 0 for s in sizes))
            parts: list[FilePart] = []
            done = 0
            for src, plan in zip(sources, plans, strict=True):
                part = _read_source(src, plan, cleaner, spec, watch, done)
                findings.extend(part.findings)
                parts.append(part)
                done += src.size or 0
                progress.advance(done)
        except BaseException:
            opened.stop.set()
            raise
        files = [FileInfo(s.path, s.digest(), p.rows) for s, p in zip(sources, parts, strict=True)]
    table = assemble(parts, files, spec.events, spec.attributes, findings,
                     wide=spec.shape == "wide", compared=spec.compared)
    if len(table) == 0:
        raise InputError(_no_usable_row(table, spec.timestamp_formats))
    return table


def _identity(path: str) -> str:
    """The key files are sorted and told apart by: the absolute, resolved path ('-' as is)."""
    return path if path == "-" else os.path.realpath(path)


def _no_usable_row(table: EventTable, formats: Sequence[str] = ()) -> str:
    """The error when nothing is left: counts, the first skipped rows (their findings never
    quote personal data) and, for unreadable times, where to say how they are written."""
    skipped = [f for f in table.findings if f.code in SKIP_CODES]
    why = sorted({f.code for f in skipped})
    text = (f"no usable row in {counted(len(table.files), 'input file')}: "
            f"{counted(table.rows, 'row')} read, "
            f"{table.skipped_rows} skipped" + (f" ({', '.join(why)})" if why else ""))
    for f in skipped[:3]:
        where = f"{f.file}:{f.row}" if f.row is not None else f.file
        text += f"\n  {where}: {f.message}"
    if BAD_TIMESTAMP in why and formats:
        given = " or ".join(repr(f) for f in formats)
        text += (f"\n  source.timestamp_format ({given}) does not read these cells: compare it "
                 "with them, field by field (fractions of a second need .%f, a UTC offset "
                 "%z, a 12-hour clock %I with %p)")
    elif BAD_TIMESTAMP in why:
        text += ("\n  timestamps are read as ISO 8601 unless source.timestamp_format says how "
                 "they are written (e.g. \"%m/%d/%Y %I:%M %p\")")
    return text


def _read_source(src: Source, plan: Plan | None, cleaner: Cleaner, spec: ReadSpec,
                 watch: Callable[[str], bool] | None = None, before: int = 0) -> FilePart:
    """Read one input; ``before``: the bytes of the inputs read before it (progress)."""
    wide = spec.shape == "wide"
    newest_first = spec.order == "newest-first"
    if plan is None or src.header is None:
        empty = Finding("empty-file", "warning", "empty file; no rows", file=src.path)
        nothing = np.zeros(0, dtype=np.int64)
        attrs: dict[str, list[Coded]] = {a: [] for a in spec.attributes}
        return FilePart([], [], attrs, nothing, nothing, 0, 0, [*src.findings, empty])
    indices = plan.indices() or [0]
    if src.kind == "parquet":
        reader = FileReader(src.path, plan, cleaner, wide=wide, first_row=1, pii_columns=spec.pii,
                            columns=dict(spec.columns), watch=watch)
        for cols in parquet_batches(src, indices):
            reader.add(cols, len(cols[indices[0]]))
        part = reader.finish([], len(src.header), newest_first)
    else:
        part = _read_csv(src, plan, cleaner, spec, watch, before)
    part.findings = [*src.findings, *part.findings]
    if part.rows == 0:
        part.findings.append(
            Finding("empty-file", "warning", "no data rows (header only)", file=src.path)
        )
    return part


def _read_csv(src: Source, plan: Plan, cleaner: Cleaner, spec: ReadSpec,
              watch: Callable[[str], bool] | None = None, before: int = 0) -> FilePart:
    """Read a CSV source; retry as cp1252 on bad UTF-8, with bigger blocks for huge records."""
    assert src.header is not None
    indices = plan.indices() or [0]
    block = BLOCK_SIZE
    start = before + src.header_end
    on_read = (lambda n: progress.advance(start + n)) if progress.active() else None
    while True:
        reader = FileReader(src.path, plan, cleaner, wide=spec.shape == "wide", first_row=2,
                            pii_columns=spec.pii, delimiter=src.delimiter or ",",
                            columns=dict(spec.columns), fields=len(src.header), watch=watch)
        scan = CsvScan(src, indices, block, on_read=on_read)
        try:
            # Three stages on two cores: parse, encode, keep (``FileReader.prepare``).
            parsed = prefetched(_coalesced(scan.batches(), indices[0]))
            for cols, prepared in prefetched(_prepared(reader, parsed, indices[0])):
                reader.add(cols, len(cols[indices[0]]), prepared)
        except NotUtf8 as e:
            if src.encoding != "utf-8" or spec.encoding is not None:
                raise InputError(f"cannot decode as {src.encoding}", file=src.path) from e
            src.encoding = windows1252.NAME
            src.findings.append(cp1252_finding(src.path))
            continue
        except BlockTooSmall as e:
            if block >= MAX_BLOCK_SIZE:
                raise InputError("a record is longer than 1 GiB", file=src.path) from e
            block *= 4
            continue
        reader.drop_carriers(_carriers(src, reader, scan, indices, block))
        return reader.finish(scan.ragged, len(src.header), spec.order == "newest-first",
                             scan.unbalanced)


def _carriers(src: Source, reader: FileReader, scan: CsvScan, indices: list[int],
              block: int) -> NDArray[np.int64]:  # fmt: skip
    """Data indices of the records whose cells in columns the document does not read hold
    lines shaped like other records (``FileReader.carriers``).

    A quote opened in such a column (a free-text note) and closed rows later carries those
    rows into one cell: they are not records, and would be lost without a word. Those columns
    are read, in a second pass, only when the file has more line ends than its records have
    lines: some cell holds a line break (or a line is blank).
    """
    assert src.header is not None
    nothing = np.zeros(0, dtype=np.int64)
    lines = reader.start + sum(r.lines for r in scan.ragged)
    unread = sorted(set(range(len(src.header))) - set(indices))
    if scan.newlines <= lines or not unread:
        return nothing
    found: list[NDArray[np.int64]] = []
    start = 0
    again = CsvScan(src, unread, block, raw=True)  # bytes: unread cells need not decode
    try:
        for cols in prefetched(_coalesced(again.batches(), unread[0])):
            n = len(cols[unread[0]])
            hit = np.zeros(n, dtype=np.bool_)
            for column, cells in cols.items():
                hit |= reader.carriers(cells, column)
            found.append(np.flatnonzero(hit) + start)
            start += n
    except (NotUtf8, BlockTooSmall):  # the first pass decoded and sized it: a guard only
        return nothing
    return np.concatenate(found) if found else nothing


def _prepared(reader: FileReader, batches: Iterator[dict[int, pa.Array]], key: int,
              ) -> Iterator[tuple[dict[int, pa.Array], Prepared]]:
    """Batches with their cells encoded and times parsed (``FileReader.prepare``)."""
    try:
        for cols in batches:
            yield cols, reader.prepare(cols, len(cols[key]))
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()


def _coalesced(
    batches: Iterator[dict[int, pa.Array]], key: int, rows: int = BATCH_ROWS
) -> Iterator[dict[int, pa.Array]]:
    """Join small batches into ones of at least `rows` rows: fewer, larger vectorized steps."""
    pending: list[dict[int, pa.Array]] = []
    count = 0
    for cols in batches:
        pending.append(cols)
        count += len(cols[key])
        if count >= rows:
            yield _concat(pending)
            pending, count = [], 0
    if pending:
        yield _concat(pending)


def _concat(parts: list[dict[int, pa.Array]]) -> dict[int, pa.Array]:
    if len(parts) == 1:
        return parts[0]
    return {i: pa.concat_arrays([p[i] for p in parts]) for i in parts[0]}
