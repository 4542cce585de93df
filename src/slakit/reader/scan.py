"""Stream the needed columns of one input as Arrow batches (CSV via pyarrow.csv, Parquet)."""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TypeVar, cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from slakit.errors import InputError
from slakit.reader.accounting import Ragged
from slakit.reader.sources import Source, arrow_message

T = TypeVar("T")

BLOCK_SIZE = 1 << 20
MAX_BLOCK_SIZE = 1 << 30


class NotUtf8(Exception):
    """The data is not valid UTF-8 (the caller retries as cp1252)."""


class BlockTooSmall(Exception):
    """A record is longer than the block size (the caller retries with bigger blocks)."""


class _RaggedNotUtf8:
    """Catch the UnicodeDecodeError pyarrow hits on a ragged record that is not UTF-8.

    pyarrow decodes a ragged record as UTF-8 to build the ``InvalidRow`` it hands to the
    handler; when the record is cp1252 text that error can only be reported as "unraisable"
    (Python prints "Exception ignored ... Traceback") and the read fails with a bare "CSV parse
    error". Installed around each step of the reader, this hook records it instead, so that the
    file is read again as cp1252 like any other non-UTF-8 export.
    """

    def __init__(self) -> None:
        self.seen = False
        self._previous = sys.unraisablehook

    def __enter__(self) -> None:
        self._previous = sys.unraisablehook
        sys.unraisablehook = self._hook

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        sys.unraisablehook = self._previous

    def _hook(self, unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, UnicodeDecodeError):
            self.seen = True
        else:
            self._previous(unraisable)


class _ByteCounter:
    """A stream that counts the double quotes and line ends (``\n``, ``\r\n`` or a lone
    ``\r``) passing through it (for ``CsvScan.unbalanced`` and ``CsvScan.newlines``).

    Arrow reads its blocks through ``read``; counting a block's quotes costs about as much as
    copying it once.
    """

    def __init__(self, stream: pa.NativeFile,
                 on_read: Callable[[int], None] | None = None) -> None:  # fmt: skip
        self._stream = stream
        self._on_read = on_read
        """Told the bytes read so far after each read (a progress bar)."""
        self.read_bytes = 0
        self.quotes = 0
        self.newlines = 0
        self._cr = False
        """The last block ended in ``\r``: a ``\n`` opening the next one ends the same line."""

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._stream.read(size)
        self.quotes += data.count(b'"')
        self.newlines += data.count(b"\n") - (self._cr and data[:1] == b"\n")
        cr = data.count(b"\r")  # a LF export has none: no third pass over its bytes
        if cr:
            self.newlines += cr - data.count(b"\r\n")
        if data:
            self._cr = data[-1:] == b"\r"
        if self._on_read is not None:
            self.read_bytes += len(data)
            self._on_read(self.read_bytes)
        return data

    @property
    def closed(self) -> bool:
        return bool(self._stream.closed)

    def close(self) -> None:
        self._stream.close()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False


class CsvScan:
    """Read columns `indices` of a CSV source, recording the records pyarrow drops as ragged.

    Serial parsing (use_threads=False) keeps pyarrow's record numbers for dropped records;
    reading only the needed columns is what makes it fast.
    """

    def __init__(self, src: Source, indices: list[int], block_size: int, *,
                 raw: bool = False, on_read: Callable[[int], None] | None = None) -> None:
        self.src = src
        self.on_read = on_read
        """Told the bytes read after the header so far (a progress bar)."""
        self.indices = indices
        self.raw = raw
        """Read the cells as bytes, unchecked (columns the document does not read)."""
        self.block_size = block_size
        self.ragged: list[Ragged] = []
        self.unbalanced = False
        """The data held an odd number of double quotes: a quoted field that never closes
        runs to the end of the file, and the rows after it become part of one cell."""
        self.newlines = 0
        """Line ends after the header: more than the records' lines when a cell holds line
        breaks (or the file has blank lines)."""

    def _on_invalid(self, row: pcsv.InvalidRow) -> str:
        text = row.text or ""
        lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
        self.ragged.append(Ragged(row.number, row.actual_columns, lines))
        return "skip"

    def batches(self) -> Iterator[dict[int, pa.Array]]:
        """Yield batches as {column index: string array}."""
        assert self.src.header is not None
        names = [f"c{i}" for i in range(len(self.src.header))]
        wanted = [names[i] for i in self.indices]
        read = pcsv.ReadOptions(
            column_names=names,
            block_size=self.block_size,
            use_threads=False,
            encoding=self.src.encoding if self.src.encoding != "utf-8" else "utf8",
        )
        parse = pcsv.ParseOptions(
            delimiter=self.src.delimiter,
            quote_char='"',
            double_quote=True,
            escape_char=False,
            newlines_in_values=True,
            ignore_empty_lines=True,
            invalid_row_handler=self._on_invalid,
        )
        convert = pcsv.ConvertOptions(
            column_types={n: pa.binary() if self.raw else pa.string() for n in wanted},
            include_columns=wanted,
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            check_utf8=not self.raw,
        )
        ragged_not_utf8 = _RaggedNotUtf8()
        try:
            stream = self.src.opener()
            _skip(stream, self.src.header_end)
            counted = _ByteCounter(stream, self.on_read)
            with ragged_not_utf8:
                reader = pcsv.open_csv(
                    counted, read_options=read, parse_options=parse, convert_options=convert
                )
            batches = iter(reader)
            while True:
                with ragged_not_utf8:
                    batch = next(batches, None)
                if batch is None:
                    self.unbalanced = counted.quotes % 2 == 1
                    self.newlines = counted.newlines
                    return
                yield {i: batch.column(k) for k, i in enumerate(self.indices)}
        except pa.ArrowInvalid as e:
            text = str(e)
            if "invalid UTF8" in text or ragged_not_utf8.seen:
                raise NotUtf8 from e
            if "Empty CSV file" in text:
                return  # nothing after the header
            if "straddl" in text or "block size" in text:
                raise BlockTooSmall from e
            raise InputError(f"cannot parse as CSV: {arrow_message(e)}", file=self.src.path) from e
        except UnicodeDecodeError as e:
            raise InputError(
                f"cannot decode as {self.src.encoding}: {e.reason}", file=self.src.path
            ) from e
        except (pa.ArrowException, OSError) as e:
            raise InputError(f"cannot read: {arrow_message(e)}", file=self.src.path) from e


def _skip(stream: pa.NativeFile, n: int) -> None:
    if n == 0:
        return
    if stream.seekable():
        stream.seek(n)
        return
    while n > 0:
        got = len(stream.read(min(n, 1 << 20)))
        if got == 0:
            return
        n -= got


def parquet_batches(src: Source, indices: list[int]) -> Iterator[dict[int, pa.Array]]:
    """Yield batches of a Parquet source as {column index: array of its own type}."""
    import pyarrow.parquet as pq

    assert src.header is not None
    names = [src.header[i] for i in indices]
    try:
        pf = pq.ParquetFile(src.opener())
        for batch in pf.iter_batches(batch_size=1 << 16, columns=sorted(set(names))):
            cols = {n: batch.column(batch.schema.get_field_index(n)) for n in set(names)}
            yield {i: _plain(cols[src.header[i]]) for i in indices}
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"cannot read as Parquet: {arrow_message(e)}", file=src.path) from e


def _plain(arr: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(arr.type):
        arr = arr.cast(arr.type.value_type)
    if pa.types.is_timestamp(arr.type) or pa.types.is_date(arr.type):
        return arr
    if pa.types.is_floating(arr.type):
        return _float_text(arr)
    if not pa.types.is_string(arr.type):
        return arr.cast(pa.string())
    return arr


def _float_text(arr: pa.Array) -> pa.Array:
    """Floats as text, whole numbers without exponent or point: an id or a phone that pandas
    wrote as float64 (a column with a null) reads ``12345678901``, as in the CSV, not
    ``1.2345678901e+10``."""
    whole = pc.fill_null(pc.and_(pc.equal(pc.floor(arr), arr),
                                 pc.less(pc.abs(arr), float(2**53))), False)
    digits = pc.cast(pc.if_else(whole, arr, 0.0), pa.int64()).cast(pa.string())
    return pc.if_else(whole, digits, arr.cast(pa.string()))


def prefetched(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Yield ``items`` in order while a background thread produces up to ``depth`` ahead.

    Arrow parses (and gunzips) without holding the GIL, so the next blocks are parsed on the
    second core while this thread cleans and encodes the last ones. An exception in the
    producer is raised here, at the point in the sequence where it happened; when the consumer
    stops early, the producer stops after the item it is on and ``items`` is closed.
    """
    handoff: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: tuple[bool, object]) -> bool:
        while not stop.is_set():
            try:
                handoff.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        end: tuple[bool, object] = (False, None)
        try:
            for item in items:
                if not put((True, item)):
                    return
        except BaseException as e:  # handed to the consumer, raised there
            end = (False, e)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()
        put(end)

    worker = threading.Thread(target=produce, name="slakit-parse", daemon=True)
    worker.start()
    try:
        while True:
            more, value = handoff.get()
            if not more:
                if isinstance(value, BaseException):
                    raise value
                return
            yield cast(T, value)
    finally:
        stop.set()
        worker.join()
