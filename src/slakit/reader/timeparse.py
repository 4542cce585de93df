"""Parse a column of timestamp strings into UTC epoch microseconds, vectorized.

Values are grouped by shape (digits replaced by a marker): all values of a shape match a
pattern the same way (see `patterns`), so one regex match per shape gives the positions of
the fields, which numpy then reads for every value of that shape at once. Patterns are tried
in order per value: values a pattern matches but whose fields are out of range (month 13)
fall through to the next pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from slakit.reader.patterns import ISO_SOURCE, MONTHS, Pattern
from slakit.reader.tz import DAY_US, US, local_to_utc
from slakit.zones import OFFSET_HOURS

OK, EMPTY, UNPARSEABLE, IMPLAUSIBLE = 0, 1, 2, 3
MIN_YEAR, MAX_YEAR = 1900, 2199
MAX_WIDTH = 64
_DIGIT = 1  # the shape marker of a digit

I64 = NDArray[np.int64]


@dataclass
class _Fields:
    """Local wall time and offset of the values of one shape that one pattern matched."""

    local: I64
    offset: I64
    aware: bool
    year: I64
    ok: NDArray[np.bool_]


def _digits(sub: NDArray[np.uint8], a: int, b: int) -> I64:
    v = np.zeros(sub.shape[0], dtype=np.int64)
    for k in range(a, b):
        v = v * 10 + (sub[:, k].astype(np.int64) - 48)
    return v


def days_from_civil(y: I64, m: I64, d: I64) -> I64:
    """Return days since 1970-01-01 for proleptic Gregorian dates (vectorized)."""
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days: I64 = era * 146_097 + doe - 719_468
    return days


def _is_leap(y: I64) -> NDArray[np.bool_]:
    leap: NDArray[np.bool_] = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    return leap


_DIM = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _zone_offset(sub: NDArray[np.uint8], text: str, start: int) -> tuple[I64, NDArray[np.bool_]]:
    """Return offsets (us) and validity for a zone field like Z, +01, +0100, +01:00:00."""
    n = sub.shape[0]
    if text in ("Z", "z"):
        return np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.bool_)
    sign = -1 if text[0] == "-" else 1
    runs = [(m.start() + start, m.end() + start) for m in re.finditer(r"\d+", text)]
    pos = [p for a, b in runs for p in range(a, b)]
    parts = [_digits(sub, p, p + 2) for p in pos[::2]]  # hh, mm, ss two digits each
    hh = parts[0]
    mm = parts[1] if len(parts) > 1 else np.zeros(n, dtype=np.int64)
    ss = parts[2] if len(parts) > 2 else np.zeros(n, dtype=np.int64)
    ok = (hh <= 23) & (mm <= 59) & (ss <= 59)
    return sign * ((hh * 60 + mm) * 60 + ss) * US, ok


def _fields(sub: NDArray[np.uint8], m: re.Match[str]) -> _Fields:
    """Read the fields of pattern match `m` (on a sample) from every row of `sub`."""
    n = sub.shape[0]
    g = m.groupdict()
    one = np.ones(n, dtype=np.int64)
    zero = np.zeros(n, dtype=np.int64)

    def num(name: str, default: I64) -> I64:
        if g.get(name) is None:
            return default
        return _digits(sub, m.start(name), m.end(name))

    ok = np.ones(n, dtype=np.bool_)
    if g.get("Y") is not None:
        year = num("Y", zero)
    elif g.get("y") is not None:
        yy = num("y", zero)
        year = yy + np.where(yy < 69, 2000, 1900)
    else:
        year = one * 1900
    month_name = g.get("b") or g.get("B")
    if month_name is not None:
        name = month_name.lower()
        month = one * (1 + next(i for i, mn in enumerate(MONTHS) if mn.startswith(name)))
    else:
        month = num("m", one)
    day = num("d", one)
    if g.get("j") is not None and g.get("m") is None and month_name is None:
        doy = num("j", one)
        ok &= (doy >= 1) & (doy <= 365 + _is_leap(year))
        days = days_from_civil(year, one, one) + doy - 1
    else:
        ok &= (month >= 1) & (month <= 12)
        mi = np.clip(month, 1, 12) - 1
        dim = _DIM[mi] + ((mi == 1) & _is_leap(year))
        ok &= (day >= 1) & (day <= dim)
        days = days_from_civil(year, np.clip(month, 1, 12), day)
    if g.get("I") is not None:
        hour12 = num("I", zero)
        ok &= (hour12 >= 1) & (hour12 <= 12)
        pm = (g.get("p") or "").lower() == "pm"
        hour = hour12 % 12 + (12 if pm else 0)
    else:
        hour = num("H", zero)
    minute = num("M", zero)
    second = num("S", zero)
    ok &= (hour <= 23) & (minute <= 59) & (second <= 59)
    frac = zero
    if g.get("f") is not None:
        a, b = m.span("f")
        width = min(b - a, 6)
        frac = _digits(sub, a, a + width) * 10 ** (6 - width)
    local = days * DAY_US + ((hour * 60 + minute) * 60 + second) * US + frac
    offset = zero
    aware = False
    if g.get("z") is not None:
        offset, zok = _zone_offset(sub, g["z"], m.start("z"))
        ok &= zok
        aware = True
    elif g.get("Z") is not None:
        offset, zok = _abbreviation_offset(sub, m.span("Z"))
        ok &= zok
        aware = True
    return _Fields(local, offset, aware, year, ok)


def _abbreviation_offset(sub: NDArray[np.uint8], span: tuple[int, int],
                         ) -> tuple[I64, NDArray[np.bool_]]:
    """Per row: the offset (us) of its ``%Z`` abbreviation, and whether it is a known one."""
    cells = sub[:, span[0]:span[1]]
    distinct, which = np.unique(cells, axis=0, return_inverse=True)
    hours = [OFFSET_HOURS.get(bytes(row).decode("ascii", "replace").upper())
             for row in distinct]
    offset = np.array([0 if h is None else h * 3600 * US for h in hours], dtype=np.int64)
    known = np.array([h is not None for h in hours], dtype=np.bool_)
    return offset[which.reshape(-1)], known[which.reshape(-1)]


def _shape_groups(shp: NDArray[np.uint64]) -> list[NDArray[np.intp]]:
    """Return row indices grouped by equal shape rows (each row is W/8 uint64 words)."""
    n = shp.shape[0]
    if n == 0:
        return []
    if bool((shp == shp[0]).all()):
        return [np.arange(n, dtype=np.intp)]
    h = np.zeros(n, dtype=np.uint64)
    for j in range(shp.shape[1]):  # a wrapping polynomial hash of the words
        h = h * np.uint64(0x9E3779B97F4A7C15) + shp[:, j]
        h ^= h >> np.uint64(29)
    _, inverse = np.unique(h, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.flatnonzero(np.diff(inverse[order])) + 1
    groups: list[NDArray[np.intp]] = []
    for g in np.split(order, bounds):
        same = (shp[g] == shp[g[0]]).all(axis=1)
        if same.all():
            groups.append(g)
        else:  # a hash collision: split the group by direct comparison
            rest = g
            while rest.size:
                eq = (shp[rest] == shp[rest[0]]).all(axis=1)
                groups.append(rest[eq])
                rest = rest[~eq]
    return groups


def _as_matrix(values: pa.Array, width: int) -> NDArray[np.uint8]:
    padded = pc.utf8_rpad(values, width=width, padding="\x00")
    fixed = padded.cast(pa.binary(width))
    buf = fixed.buffers()[1]
    n = len(fixed)
    flat = np.frombuffer(buf, dtype=np.uint8, count=n * width, offset=fixed.offset * width)
    return flat.reshape(n, width)


_PROBE = 4096
_ZONED = re.compile(r"(?:[Zz]|[+-]\d\d(?::?\d\d)?)$")
LO_US = int(days_from_civil(np.array([MIN_YEAR]), np.array([1]), np.array([1]))[0]) * DAY_US
HI_US = int(days_from_civil(np.array([MAX_YEAR + 1]), np.array([1]), np.array([1]))[0]) * DAY_US


def fast_iso(values: pa.Array, zone: ZoneInfo) -> tuple[I64, NDArray[np.uint8]] | None:
    """Parse with Arrow's ISO 8601 cast when every value is valid, else None.

    Arrow accepts a subset of what `_fields` reads with the ISO patterns and gives the same
    instants; its aware cast takes only values with an offset or Z, its naive cast only values
    without. Values of both kinds are cast apart. Anything else (a bad value, values near the
    plausible range's edges) returns None for the general path to decide.
    """
    # A failing cast is slow: try first the kind the first value suggests.
    first = values[0].as_py() if len(values) and values[0].is_valid else ""
    kinds = [True, False] if _ZONED.search(first or "") else [False, True]
    for aware in kinds:
        parsed = _cast(values, aware)
        if parsed is not None:
            return _instants(parsed, aware, zone)
    # Large batches of both kinds go through `_by_chunks`, which also survives a bad value.
    return _mixed_iso(values, zone) if len(values) <= 2 * _PROBE else None


def _cast(values: pa.Array, aware: bool) -> pa.Array | None:
    kind = pa.timestamp("us", "UTC") if aware else pa.timestamp("us")
    try:
        # A cast fails on the whole when it fails on a prefix, and failing is slow.
        if len(values) > _PROBE:
            pc.cast(values.slice(0, _PROBE), kind)
        return pc.cast(values, kind)
    except pa.ArrowInvalid:
        return None


def _instants(parsed: pa.Array, aware: bool, zone: ZoneInfo,
              ) -> tuple[I64, NDArray[np.uint8]] | None:
    null = parsed.is_null().to_numpy(zero_copy_only=False)
    ts = parsed.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    status = np.where(null, EMPTY, OK).astype(np.uint8)
    ok = ~null
    if aware:
        # The written year is within a day of the UTC one: decide near the edges the slow way.
        if ((ts[ok] < LO_US + DAY_US) | (ts[ok] >= HI_US - DAY_US)).any():
            return None
        return ts, status
    bad = ok & ((ts < LO_US) | (ts >= HI_US))
    status[bad] = IMPLAUSIBLE
    ok &= ~bad
    if ok.all():
        return local_to_utc(ts, zone), status
    ts[ok] = local_to_utc(ts[ok], zone)
    return ts, status


def zoned(values: pa.Array) -> NDArray[np.bool_]:
    """Per value: whether it ends in ``Z`` or a UTC offset (``+HH``, ``+HHMM``, ``+HH:MM``),
    as ``_ZONED`` finds; False where null. Read off the string buffer: a regular expression
    over a million cells costs about ten times as much."""
    if not pa.types.is_string(values.type):
        found: NDArray[np.bool_] = pc.match_substring_regex(
            values.cast(pa.string()), _ZONED.pattern).fill_null(False).to_numpy(
            zero_copy_only=False)
        return found
    n = len(values)
    _, offsets_buf, data_buf = values.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int32, count=n + 1, offset=values.offset * 4)
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else \
        np.zeros(0, np.uint8)
    length = np.diff(offsets)
    padded = np.concatenate([np.zeros(6, np.uint8), data])
    end = offsets[1:].astype(np.int64) + 6

    def byte(k: int) -> NDArray[np.uint8]:  # the k-th byte from a value's end (k <= 6)
        return padded[end - k]

    def digits(*ks: int) -> NDArray[np.bool_]:
        out = np.ones(n, dtype=np.bool_)
        for k in ks:
            b = byte(k)
            out &= (b >= 48) & (b <= 57)
        return out

    def sign(k: int) -> NDArray[np.bool_]:
        b = byte(k)
        out: NDArray[np.bool_] = (b == 43) | (b == 45)
        return out

    last = byte(1)
    found = (length >= 1) & ((last == 90) | (last == 122))
    found |= (length >= 3) & sign(3) & digits(2, 1)
    found |= (length >= 5) & sign(5) & digits(4, 3, 2, 1)
    found |= (length >= 6) & sign(6) & digits(5, 4, 2, 1) & (byte(3) == 58)
    if values.null_count:
        found &= values.is_valid().to_numpy(zero_copy_only=False)
    return found


def _mixed_iso(values: pa.Array, zone: ZoneInfo) -> tuple[I64, NDArray[np.uint8]] | None:
    """Offsets mixed with naive times: each kind through its own cast, or None."""
    mask = zoned(values)
    if mask.all() or not mask.any():
        return None
    ts = np.zeros(len(values), dtype=np.int64)
    status = np.zeros(len(values), dtype=np.uint8)
    for aware, rows in ((True, np.flatnonzero(mask)), (False, np.flatnonzero(~mask))):
        parsed = _cast(values.take(pa.array(rows)), aware)
        done = None if parsed is None else _instants(parsed, aware, zone)
        if done is None:
            return None
        ts[rows], status[rows] = done
    return ts, status


def _by_chunks(values: pa.Array, patterns: tuple[Pattern, ...], zone: ZoneInfo,
               ) -> tuple[I64, NDArray[np.uint8]]:
    """Arrow's casts chunk by chunk (each kind apart), the general path for refused chunks.

    A value's result does not depend on the values beside it, so one bad value in a batch
    costs the general path for its chunk, not for the whole batch.
    """
    n = len(values)
    ts = np.zeros(n, dtype=np.int64)
    status = np.zeros(n, dtype=np.uint8)
    mask = zoned(values)
    rest: list[NDArray[np.intp]] = []
    for aware, rows in ((True, np.flatnonzero(mask)), (False, np.flatnonzero(~mask))):
        if not rows.size:
            continue
        kind = values.take(pa.array(rows))
        parsed = _cast(kind, aware)  # most batches: one cast per kind
        done = None if parsed is None else _instants(parsed, aware, zone)
        if done is not None:
            ts[rows], status[rows] = done
            continue
        for start in range(0, rows.size, _PROBE):
            chunk = rows[start:start + _PROBE]
            parsed = _cast(kind.slice(start, _PROBE), aware)
            done = None if parsed is None else _instants(parsed, aware, zone)
            if done is None:
                rest.append(chunk)
            else:
                ts[chunk], status[chunk] = done
    if rest:
        left = np.concatenate(rest)
        ts[left], status[left] = parse_timestamps(values.take(pa.array(left)), patterns, zone,
                                                  fast=False)
    return ts, status


def parse_timestamps(
    values: pa.Array, patterns: tuple[Pattern, ...], zone: ZoneInfo, *, fast: bool = True
) -> tuple[I64, NDArray[np.uint8]]:
    """Return (UTC epoch microseconds, status) per value.

    Status is OK, EMPTY, UNPARSEABLE or IMPLAUSIBLE (outside the years 1900-2199).

    `values` is a string array, null where the cell is empty. `fast=False` skips Arrow's
    ISO cast (tests compare both paths).
    """
    if fast and patterns and patterns[0].source == ISO_SOURCE:
        if len(values) > 2 * _PROBE:
            return _by_chunks(values, patterns, zone)
        quick = fast_iso(values, zone)
        if quick is not None:
            return quick
    n = len(values)
    ts = np.zeros(n, dtype=np.int64)
    status = np.full(n, UNPARSEABLE, dtype=np.uint8)
    if n == 0:
        return ts, status
    null = values.is_null().to_numpy(zero_copy_only=False)
    status[null] = EMPTY
    lengths = pc.binary_length(values).fill_null(0).to_numpy(zero_copy_only=False)
    ascii_ = pc.string_is_ascii(values).fill_null(False).to_numpy(zero_copy_only=False)
    cand = np.flatnonzero(~null & (lengths <= MAX_WIDTH) & ascii_)
    if cand.size == 0:
        return ts, status
    sub_values = values if cand.size == n else values.take(pa.array(cand))
    width = max(8, -(-int(lengths[cand].max()) // 8) * 8)
    mat = _as_matrix(sub_values, width)
    shp = np.where((mat >= 48) & (mat <= 57), np.uint8(_DIGIT), mat)
    shp64 = np.ascontiguousarray(shp).view(np.uint64)

    local = np.zeros(cand.size, dtype=np.int64)
    offset = np.zeros(cand.size, dtype=np.int64)
    aware = np.zeros(cand.size, dtype=np.bool_)
    year = np.zeros(cand.size, dtype=np.int64)
    done = np.zeros(cand.size, dtype=np.bool_)
    for rows in _shape_groups(shp64):
        r0 = int(rows[0])
        sample = mat[r0, : int(lengths[cand[r0]])].tobytes().decode("ascii")
        todo = rows
        for pat in patterns:
            m = pat.regex.fullmatch(sample)
            if m is None:
                continue
            sub = mat if todo.size == cand.size else mat[todo]
            f = _fields(sub, m)
            hit = todo[f.ok]
            local[hit] = f.local[f.ok]
            offset[hit] = f.offset[f.ok]
            aware[hit] = f.aware
            year[hit] = f.year[f.ok]
            done[hit] = True
            todo = todo[~f.ok]
            if todo.size == 0:
                break

    plausible = done & (year >= MIN_YEAR) & (year <= MAX_YEAR)
    out = np.zeros(cand.size, dtype=np.int64)
    naive = plausible & ~aware
    if naive.any():
        out[naive] = local_to_utc(local[naive], zone)
    sel = plausible & aware
    out[sel] = local[sel] - offset[sel]
    ts[cand] = out
    cand_status = np.where(plausible, OK, np.where(done, IMPLAUSIBLE, UNPARSEABLE))
    status[cand] = cand_status.astype(np.uint8)
    return ts, status
