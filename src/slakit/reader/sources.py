"""Open inputs: file or stdin, gzip and Parquet detection, encoding, delimiter and header."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Literal

import pyarrow as pa

from slakit.errors import Finding, InputError
from slakit.reader import windows1252

GZIP_MAGIC = b"\x1f\x8b"
PARQUET_MAGIC = b"PAR1"
BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t", "|")
_SAMPLE = 1 << 20
_MAX_HEADER = 1 << 28
_CHUNK = 1 << 24


def _read_all(read: Callable[..., bytes | str], path: str) -> bytes:
    """The whole of a stream readable once (stdin, a pipe, a device), chunk by chunk: one
    with no line break in its first 256 MiB (``/dev/zero``) is refused there, before it can
    fill the memory."""
    chunks: list[bytes] = []
    size, broken = 0, False
    while True:
        chunk = read(_CHUNK)
        if isinstance(chunk, str):  # a text stream (io.StringIO): its text as UTF-8
            chunk = chunk.encode("utf-8")
        if not isinstance(chunk, bytes):
            raise InputError("stdin takes a readable stream", file=path)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        broken = broken or b"\n" in chunk
        if size >= _MAX_HEADER and not broken:
            raise InputError("the header record is longer than 256 MiB", file=path)
_SNIFF_CHARS = 1 << 16
_SNIFF_ROWS = 50
_ENDS = re.compile(rb'["\r\n]')
_LEADING_BLANK = re.compile(rb"(?:[ \t]*\r?\n|[ \t]*\r)+")
_EXCEL_SEP = re.compile(rb"sep=([^\r\n])\r?\n", re.IGNORECASE)


@dataclass
class Source:
    """One input, opened far enough to know its format, encoding and header."""

    path: str
    """As given; '-' for standard input."""
    kind: Literal["csv", "parquet"]
    opener: Callable[[], pa.NativeFile]
    """A fresh stream of the (decompressed) bytes from the start."""
    sha256: Future[str] | str
    header: list[str] | None = None
    """Column names as in the file (trimmed); None for an empty file."""
    header_end: int = 0
    """Bytes before the first data record (BOM and header record)."""
    delimiter: str = ","
    encoding: str = "utf-8"
    findings: list[Finding] = field(default_factory=list)
    size: int | None = None
    """Bytes the opener's stream holds, as far as known (a progress bar's total): the file's
    size, a gzip member's recorded size, ``None`` for a transcoded stream."""

    def digest(self) -> str:
        """Return the sha256 of the input's bytes (waits for the background hash)."""
        return self.sha256 if isinstance(self.sha256, str) else self.sha256.result()


def _file_size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def _stream_size(path: str, data: bytes | None, gz: bool) -> int | None:
    """The bytes a source's stream will give: its size, or a gzip file's last member's
    recorded size (ISIZE, modulo 4 GiB: ``None`` when it cannot be the whole)."""
    packed = len(data) if data is not None else _file_size(path)
    if not gz or packed is None:
        return packed
    try:
        if data is not None:
            tail = data[-4:]
        else:
            with open(path, "rb") as f:
                f.seek(-4, os.SEEK_END)
                tail = f.read(4)
    except OSError:
        return None
    isize = int.from_bytes(tail, "little") if len(tail) == 4 else 0
    return isize if isize >= packed else None


def _hash_file(path: str, stop: threading.Event) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while (chunk := f.read(1 << 22)) and not stop.is_set():
            h.update(chunk)  # hashlib releases the GIL: this overlaps the parsing
    return h.hexdigest()


def _ascii_compatible(encoding: str) -> bool:
    try:
        return 'a,"\n\r;|\t'.encode(encoding) == b'a,"\n\r;|\t'
    except (LookupError, UnicodeError):
        return False


def header_end(sample: bytes, at_eof: bool) -> int | None:
    """Return the offset just past the first record of `sample`, or None if it needs more bytes."""
    in_quotes = False
    for m in _ENDS.finditer(sample):
        c = m.group()
        if c == b'"':
            in_quotes = not in_quotes
        elif not in_quotes:
            end = m.end()
            if c == b"\r" and sample[end : end + 1] == b"\n":
                end += 1
            elif c == b"\r" and end == len(sample) and not at_eof:
                return None
            return end
    return len(sample) if at_eof else None


def sniff_delimiter(text: str) -> str:
    """Return the candidate delimiter that splits the first records most consistently."""
    best = (False, 0.0, 0)
    choice = ","
    for d in DELIMITERS:
        try:
            counts = [
                len(r) for r in islice(csv.reader(io.StringIO(text), delimiter=d), _SNIFF_ROWS) if r
            ]
        except csv.Error:
            continue
        if not counts:
            continue
        n = counts[0]
        score = (n > 1, sum(c == n for c in counts) / len(counts), n)
        if score > best:
            best, choice = score, d
    return choice


class Opened:
    """Turn paths into `Source`s; hashes files on `executor` in the background."""

    def __init__(
        self,
        executor: Executor,
        stdin: BinaryIO | bytes | None,
        delimiter: str | None,
        encoding: str | None,
    ) -> None:
        self.executor = executor
        self.stop = threading.Event()
        """Set to abandon background hashing (the read failed)."""
        self.stdin = stdin
        self.delimiter = delimiter
        self.encoding = encoding
        if encoding is not None:
            try:
                name = codecs.lookup(encoding).name
            except LookupError as e:
                raise InputError(f"unknown encoding {encoding!r}") from e
            # A UTF-8 BOM is skipped whatever the encoding: utf-8-sig is plain utf-8 here.
            # cp1252 (windows-1252) is read as detection reads it, as browsers do: the five
            # bytes Python leaves undefined decode too, so naming it never fails a file that
            # the fallback would have read.
            self.encoding = ("utf-8" if name in ("utf-8", "utf-8-sig") else
                             windows1252.NAME if name == "cp1252" else name)
        self._stdin_used = False

    def open(self, path: str) -> Source:
        """Return the input at `path` ('-' for standard input) with its header read."""
        data: bytes | None = None
        """The whole input, for one that can be read only once (stdin, a pipe)."""
        if path == "-":
            if self._stdin_used:
                raise InputError("standard input ('-') is given more than once")
            self._stdin_used = True
            stream = self.stdin if self.stdin is not None else sys.stdin.buffer
            read = getattr(stream, "read", None)
            if isinstance(stream, bytes | bytearray):  # the library's data, given whole
                data = bytes(stream)
            elif read is None:
                raise InputError("standard input ('-'): stdin takes bytes or a readable stream")
            else:
                data = _read_all(read, "-")
        else:
            p = Path(path)
            try:
                if not p.exists():
                    raise InputError("no such file", file=path)
                if p.is_dir():
                    raise InputError("is a directory, not an export file", file=path)
                with open(p, "rb") as f:
                    # A named pipe or <(zcat x.gz) is readable once, like stdin.
                    data = None if p.is_file() else _read_all(f.read, path)
                    magic = f.read(4) if data is None else b""
            except OSError as e:
                raise InputError(f"cannot read: {e.strerror or e}", file=path) from e
        sha: Future[str] | str
        if data is None:
            sha = self.executor.submit(_hash_file, path, self.stop)
        else:
            magic, sha = data[:4], hashlib.sha256(data).hexdigest()
        if magic == PARQUET_MAGIC:
            return self._parquet(path, data, sha)
        if magic == b"PK\x03\x04":  # a zip: an Excel workbook (.xlsx) or a zipped export
            raise InputError("a zip file (an Excel workbook?), not a CSV: save the sheet as "
                             "CSV UTF-8, or unzip the export", file=path)
        if path.lower().endswith(".parquet"):
            raise InputError("not a Parquet file (no PAR1 magic bytes)", file=path)
        gz = magic[:2] == GZIP_MAGIC

        def opener() -> pa.NativeFile:
            raw = pa.BufferReader(data) if data is not None else _os_file(path)
            return pa.CompressedInputStream(raw, "gzip") if gz else raw

        if gz and _gzipped_twice(opener):
            raise InputError("gzip-compressed twice: decompress it once (gunzip) and read "
                             "the .csv.gz that is left", file=path)
        size = _stream_size(path, data, gz)
        encoding = self.encoding
        utf16 = encoding is None and not gz and magic[:2] in (b"\xff\xfe", b"\xfe\xff")
        if utf16:  # Excel's "Unicode text" export: a byte-order mark says UTF-16
            encoding = "utf-16"
        if encoding is not None and not _ascii_compatible(encoding):
            opener = self._transcoded(path, opener, encoding)
            src = Source(path, "csv", opener, sha, encoding="utf-8")  # size: not known
            if utf16:
                src.findings.append(Finding(
                    "decoded-utf16", "warning", "read as UTF-16 (its byte-order mark says so). "
                    "Set source.encoding: utf-16 to silence this.", file=path))
        else:
            src = Source(path, "csv", opener, sha, encoding=self.encoding or "utf-8",
                         size=size)
        self._read_header(src)
        return src

    def _parquet(self, path: str, data: bytes | None, sha: Future[str] | str) -> Source:
        import pyarrow.parquet as pq

        def opener() -> pa.NativeFile:
            return pa.BufferReader(data) if data is not None else _os_file(path)

        try:
            schema = pq.read_schema(opener())
        except (pa.ArrowException, OSError) as e:
            raise InputError(f"cannot read as Parquet: {arrow_message(e)}", file=path) from e
        return Source(path, "parquet", opener, sha, header=[str(n) for n in schema.names],
                      size=len(data) if data is not None else _file_size(path))

    @staticmethod
    def _transcoded(
        path: str, opener: Callable[[], pa.NativeFile], encoding: str
    ) -> Callable[[], pa.NativeFile]:
        try:
            with opener() as f:
                text = f.read().decode(encoding)
        except UnicodeError as e:
            raise InputError(f"cannot decode as {encoding}", file=path) from e
        except (pa.ArrowException, OSError) as e:
            raise InputError(f"cannot read: {arrow_message(e)}", file=path) from e
        utf8 = text.encode("utf-8")
        return lambda: pa.BufferReader(utf8)

    def _read_header(self, src: Source) -> None:
        size = _SAMPLE
        while True:
            try:
                with src.opener() as f:
                    sample = _read_upto(f, size)
            except (pa.ArrowException, OSError) as e:
                raise InputError(f"cannot read: {arrow_message(e)}", file=src.path) from e
            at_eof = len(sample) < size
            start = len(BOM) if sample.startswith(BOM) else 0
            blank = _LEADING_BLANK.match(sample, start)
            start = blank.end() if blank else start  # blank lines before the header
            excel = _EXCEL_SEP.match(sample, start)  # Excel's "sep=;" line names the delimiter
            if excel is not None:
                sep = excel.group(1).decode("latin-1")
                start = excel.end()
            end = header_end(sample[start:], at_eof)
            if end is not None:
                break
            if size >= _MAX_HEADER:
                raise InputError("the header record is longer than 256 MiB", file=src.path)
            size *= 4
        head = sample[start : start + end]
        if not head.strip():
            src.header = None
            return
        src.header_end = start + end
        body = sample[start:]
        sniff = body[: max(end, _SNIFF_CHARS)]
        if len(sniff) < len(body) or not at_eof:
            sniff = sniff[: max(sniff.rfind(b"\n") + 1, end)]
        if self.encoding is None:
            # The header alone decides here: a body byte that is not UTF-8 switches the file to
            # Windows-1252 only when a column slakit reads holds it (``read._read_csv``), so
            # one in a column it never reads cannot garble the UTF-8 of those it does.
            try:
                head.decode("utf-8")
            except UnicodeDecodeError:
                src.encoding = windows1252.NAME
                src.findings.append(cp1252_finding(src.path))
        try:
            text = sniff.decode(src.encoding, errors="replace")
            header_text = head.decode(src.encoding)
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode the header as {src.encoding}", file=src.path) from e
        src.delimiter = self.delimiter or (sep if excel is not None else sniff_delimiter(text))
        try:
            rows = list(islice(csv.reader(io.StringIO(header_text), delimiter=src.delimiter), 1))
        except csv.Error as e:
            raise InputError(f"cannot parse the header: {e}", file=src.path) from e
        src.header = [h.strip() for h in rows[0]] if rows else None


def _read_upto(f: pa.NativeFile, size: int) -> bytes:
    """Return the first `size` bytes of `f` (fewer only at the end of the stream)."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = f.read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def arrow_message(e: BaseException) -> str:
    """Return the first clause of a pyarrow error: never row contents."""
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return msg.split(": ")[0][:120]


def _gzipped_twice(opener: Callable[[], pa.NativeFile]) -> bool:
    """Whether a gzip file holds another gzip file (its first decompressed bytes)."""
    try:
        with opener() as f:
            return bytes(f.read(2)) == GZIP_MAGIC
    except (pa.ArrowException, OSError):
        return False  # a broken gzip: the reader reports it


def _os_file(path: str) -> pa.NativeFile:
    """Open ``path`` for pyarrow, passing a file name that is not UTF-8 as its own bytes.

    pyarrow encodes str paths as strict UTF-8; Python holds such a name with surrogate escapes
    (``\\udcff``), so it failed with an internal error.
    """
    return pa.OSFile(os.fsencode(path))


def cp1252_finding(path: str) -> Finding:
    """Return the finding that a file was not UTF-8 and was read as cp1252."""
    return Finding(
        "decoded-cp1252",
        "warning",
        "not valid UTF-8; read as cp1252 (Windows-1252). Set source.encoding to silence this.",
        file=path,
    )
