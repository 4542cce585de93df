"""Cell cleaning and instants for one batch column: trim, nulls, timestamps of any Arrow type."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from slakit.reader.patterns import ISO_SOURCE, Pattern
from slakit.reader.table import Codes, narrow
from slakit.reader.timeparse import EMPTY, HI_US, IMPLAUSIBLE, LO_US, OK, fast_iso, parse_timestamps
from slakit.reader.tz import DAY_US, local_to_utc

I64 = NDArray[np.int64]


@dataclass(frozen=True)
class Coded:
    """A column of one batch: codes into `values`, -1 where the cell is empty.

    `values` are the batch's distinct cells, trimmed; they may repeat after trimming.
    """

    codes: Codes
    values: pa.Array


@dataclass(frozen=True)
class Cleaner:
    """How cells become values: trimmed, and empty when blank or equal to one of `nulls`.

    A blank cell is always empty, whatever `nulls` lists: `source.nulls: [N/A]` adds a
    spelling of "empty"; it cannot make a blank lead id a lead or a blank attribute a value.
    """

    nulls: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    zone: ZoneInfo

    def strings(self, arr: pa.Array) -> pa.Array:
        """Return `arr` as trimmed strings, null where the cell is empty."""
        if not pa.types.is_string(arr.type):
            arr = arr.cast(pa.string())
        out = pc.utf8_trim_whitespace(arr)
        empty = pc.equal(pc.binary_length(out), 0)
        others = sorted({v.strip() for v in self.nulls} - {""})
        if others:
            empty = pc.or_(empty, pc.is_in(out, value_set=pa.array(others, pa.string())))
        if pc.any(empty).as_py():
            out = pc.if_else(empty, pa.scalar(None, pa.string()), out)
        return out

    def coded(self, arr: pa.Array | None, n: int) -> Coded:
        """Return a column as per-batch dictionary codes of its cleaned values."""
        if arr is None:
            return Coded(np.full(n, -1, dtype=np.int8), pa.array([], pa.string()))
        if not pa.types.is_string(arr.type):
            arr = arr.cast(pa.string())
        enc = pc.dictionary_encode(arr)
        values = self.strings(enc.dictionary)
        codes = enc.indices
        if codes.null_count:
            codes = codes.fill_null(-1)
        idx = codes.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
        if values.null_count:
            empty = np.append(values.is_null().to_numpy(zero_copy_only=False), True)
            idx = np.where(empty[idx], np.int32(-1), idx)
        return Coded(narrow(idx, len(values)), values)

    def instants(self, arr: pa.Array | None, n: int) -> tuple[I64, NDArray[np.uint8], pa.Array]:
        """Return (UTC microseconds, status, cleaned strings for messages) of a time column."""
        if arr is None:
            return np.zeros(n, np.int64), np.full(n, EMPTY, np.uint8), pa.nulls(n, pa.string())
        t = arr.type
        if pa.types.is_timestamp(t) or pa.types.is_date(t):
            return self._typed(arr)
        if not pa.types.is_string(arr.type):
            arr = arr.cast(pa.string())
        if self.fast_iso and self.nulls == ("",):
            # Arrow's cast accepts no blank or padded value: try it before trimming.
            quick = fast_iso(arr, self.zone)
            if quick is not None:
                return quick[0], quick[1], arr
        text = self.strings(arr)
        ts, status = parse_timestamps(text, self.patterns, self.zone)
        return ts, status, text

    @property
    def fast_iso(self) -> bool:
        """Whether the timestamps are ISO 8601 (Arrow's cast is tried first)."""
        return bool(self.patterns) and self.patterns[0].source == ISO_SOURCE

    def _typed(self, arr: pa.Array) -> tuple[NDArray[np.int64], NDArray[np.uint8], pa.Array]:
        t = arr.type
        tz = t.tz if pa.types.is_timestamp(t) else None
        if pa.types.is_date(t):
            days = arr.cast(pa.date32()).cast(pa.int32()).fill_null(0)
            ts = days.to_numpy(zero_copy_only=False).astype(np.int64) * DAY_US
        else:
            us = arr.cast(pa.timestamp("us", tz), safe=False).cast(pa.int64()).fill_null(0)
            ts = us.to_numpy(zero_copy_only=False).astype(np.int64)
        null = arr.is_null().to_numpy(zero_copy_only=False)
        bad = ~null & ((ts < LO_US) | (ts >= HI_US))
        status = np.where(null, EMPTY, np.where(bad, IMPLAUSIBLE, OK)).astype(np.uint8)
        good = status == OK
        if tz is None and good.any():
            ts[good] = local_to_utc(ts[good], self.zone)
        return ts, status, arr.cast(pa.string())
