"""File parts -> one EventTable: dictionary encoding, sorting, duplicates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from slakit.errors import Finding
from slakit.reader.accounting import MAX_EXAMPLES
from slakit.reader.clean import Coded
from slakit.reader.rows import FilePart
from slakit.reader.table import Attr, Codes, EventTable, FileInfo, Rows, code_type, narrow

I64 = NDArray[np.int64]
A = TypeVar("A", bound=NDArray[Any])


def encode(chunks: list[Coded]) -> tuple[Codes, list[str]]:
    """Return (codes, sorted distinct values) of coded chunks; code -1 where empty.

    The chunks' small dictionaries are encoded together once, then each chunk's codes are
    mapped through its slice of that encoding.
    """
    if not chunks:
        return np.zeros(0, dtype=np.int8), []
    merged = pa.concat_arrays([c.values for c in chunks])
    enc = pc.dictionary_encode(merged)
    dictionary = enc.dictionary
    order = pc.array_sort_indices(dictionary).to_numpy()
    rank = np.empty(len(dictionary) + 1, dtype=np.int32)
    rank[order] = np.arange(len(dictionary), dtype=np.int32)
    rank[-1] = -1  # index -1: an empty entry or an empty cell
    entry = rank[enc.indices.fill_null(-1).to_numpy(zero_copy_only=False)]
    # Each chunk's codes go through a small table (its slice of `entry`, then -1 at index -1
    # for an empty cell): one gather per chunk, in the final code type.
    codes = np.empty(sum(len(c.codes) for c in chunks), dtype=code_type(len(dictionary)))
    at = offset = 0
    for c in chunks:
        table = np.append(entry[offset:offset + len(c.values)], np.int32(-1))
        codes[at:at + len(c.codes)] = table[c.codes]
        at += len(c.codes)
        offset += len(c.values)
    # Chunk dictionaries also hold the cells of skipped rows: keep only values in use.
    used = np.zeros(len(dictionary) + 1, dtype=np.bool_)
    used[codes] = True  # an empty cell (-1) marks the extra last entry
    used = used[:-1]
    if not used.all():
        new = np.append((np.cumsum(used) - 1).astype(np.int32), np.int32(-1))
        codes = new[codes]
        order = order[used]
    values: list[str] = dictionary.take(pa.array(order)).to_pylist()
    return narrow(codes, len(values)), values


def rename(codes: Codes, names: list[str], mapping: Mapping[str, str]) -> tuple[Codes, list[str]]:
    """Return codes and sorted names after renaming values by `mapping`."""
    if not mapping:
        return codes, names
    renamed = [mapping.get(n, n) for n in names]
    final = sorted(set(renamed))
    pos = {n: i for i, n in enumerate(final)}
    remap = np.array([pos[n] for n in renamed], dtype=np.int32)
    return narrow(remap[codes], len(final)) if codes.size else codes, final


def sort_order(lead: Codes, ts: I64) -> NDArray[np.intp]:
    """Return the stable order by (lead, ts): ties keep the input order (file, row).

    Exports come grouped by lead or by time, so the lead codes are a few long ascending runs
    and a stable sort by lead alone is nearly linear. Only the leads whose rows are then out of
    time order are sorted again, by (lead, ts), in their own positions: a handful of leads,
    where one sort of all ``n`` rows on a combined key cost 2.2 s at 10M events.
    """
    if lead.size == 0:
        return np.zeros(0, dtype=np.intp)
    order = np.argsort(lead, kind="stable")
    by_lead, at = lead[order], ts[order]
    late = (by_lead[1:] == by_lead[:-1]) & (at[1:] < at[:-1])
    if not late.any():
        return order
    untidy = np.unique(by_lead[1:][late])
    flag = np.zeros(int(lead.max()) + 1, dtype=np.bool_)
    flag[untidy] = True
    pos = np.flatnonzero(flag[by_lead])  # whole leads, in lead order
    rank = np.searchsorted(untidy, by_lead[pos]).astype(np.int64)
    sub_ts = at[pos]
    t0 = int(sub_ts.min())
    span = int(sub_ts.max()) - t0 + 1
    if untidy.size * span < 2**62:
        sub = np.argsort(rank * span + (sub_ts - t0), kind="stable")
    else:
        sub = np.lexsort((sub_ts, rank))
    order[pos] = order[pos[sub]]
    return order


def duplicates(lead: Codes, ts: I64, event: Codes, attrs: list[Codes]) -> tuple[I64, I64]:
    """Return (duplicate positions, position of the row each duplicates) in sorted arrays.

    Only runs of equal (lead, ts) can hold duplicates, and within them only rows that share
    their event with another; those few are compared on every attribute, the first in input
    order being kept. (Same-instant rows are common, a date-only export is all of them, but
    same-instant rows of one event are rare: narrowing first spared a 15-key sort of 4.4M
    rows at 10M events.)
    """
    n = lead.size
    empty = np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty, empty
    same = (lead[1:] == lead[:-1]) & (ts[1:] == ts[:-1])
    if not same.any():
        return empty, empty
    in_run = np.concatenate([[False], same]) | np.concatenate([same, [False]])
    pos = np.flatnonzero(in_run)
    # A run starts at a candidate whose predecessor differs in (lead, ts).
    run = np.cumsum(~np.concatenate([[False], same])[pos])
    run_event = run * (int(event.max()) + 2) + (event[pos].astype(np.int64) + 1)
    by = np.argsort(run_event, kind="stable")
    shared = run_event[by][1:] == run_event[by][:-1]
    if not shared.any():
        return empty, empty
    kept = np.zeros(pos.size, dtype=np.bool_)
    kept[by[1:][shared]] = True
    kept[by[:-1][shared]] = True
    pos, run = pos[kept], run[kept]
    keys: list[NDArray[np.int64] | Codes] = [
        pos,
        *(a[pos] for a in reversed(attrs)),
        event[pos],
        run,
    ]
    sub = np.lexsort(keys)
    order = pos[sub]
    k = [run[sub], event[order], *(a[order] for a in attrs)]
    eq = np.ones(order.size - 1, dtype=np.bool_)
    for col in k:
        eq &= col[1:] == col[:-1]
    dup = order[1:][eq]
    # Each duplicate's original: the first row of its group of equals.
    starts = np.concatenate([[True], ~eq])
    group_first = order[np.flatnonzero(starts)]
    group_of = np.cumsum(starts) - 1
    first = group_first[group_of[1:][eq]]
    return dup.astype(np.int64), first.astype(np.int64)


def assemble(
    parts: list[FilePart],
    files: list[FileInfo],
    events: Mapping[str, str],
    attributes: tuple[str, ...],
    findings: list[Finding],
    *,
    wide: bool = False,
    compared: tuple[str, ...] | None = None,
) -> EventTable:
    """Combine file parts (in sorted file order) into the sorted, de-duplicated table.

    ``wide``: the parts come from wide exports, where a lead has one row (``_repeated_leads``).
    ``compared``: the attributes duplicate rows must also share (None: all of them).
    """
    # The parts' arrays are handed over (and dropped from the parts) as they are combined,
    # so that the per-batch chunks are freed before the next column is built.
    file: Codes = (
        np.concatenate([np.full(p.kept, i, dtype=code_type(len(parts)))
                        for i, p in enumerate(parts)])
        if parts
        else np.zeros(0, dtype=np.int8)
    )
    ts: I64 = _joined([p.ts for p in parts], np.int64)
    row: Rows = _joined([p.row for p in parts], np.int32)
    for p in parts:  # not views of ts or row: those would keep them alive after the sort
        p.ts, p.row = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    # Columns are encoded two at a time (Arrow's hashing and numpy's gathers let go of the
    # GIL); each is handed over when its turn comes, so two columns' chunks are alive at most.
    columns: list[Callable[[FilePart], list[Coded]]] = [lambda p: p.lead, lambda p: p.event]
    columns += [lambda p, a=a: p.attrs[a] for a in attributes]  # type: ignore[misc]
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="slakit-encode") as pool:
        encoded = list(pool.map(lambda chunks: encode(_handed_over(parts, chunks)), columns))
    (lead, lead_ids), (event, event_names) = encoded[0], encoded[1]
    event, event_names = rename(event, event_names, events)
    attr_codes: dict[str, tuple[Codes, list[str]]] = dict(zip(attributes, encoded[2:],
                                                              strict=True))

    order = sort_order(lead, ts)
    if not _is_identity(order):
        # One column at a time: only one old column is alive beside the new ones.
        lead = lead[order]
        ts = ts[order]
        event = event[order]
        row = row[order]
        file = file[order]
        for a, (c, v) in attr_codes.items():
            attr_codes[a] = (c[order], v)
    del order
    if wide:
        findings += _repeated_leads(lead, lead_ids, file, row, files)
    dup, first = duplicates(lead, ts, event, [c for a, (c, _) in attr_codes.items()
                                              if compared is None or a in compared])
    if dup.size:
        findings += _duplicate_findings(dup, first, file, row, files, event, event_names)
        keep = np.ones(lead.size, dtype=np.bool_)
        keep[dup] = False
        lead, ts, event, row, file = lead[keep], ts[keep], event[keep], row[keep], file[keep]
        attr_codes = {a: (c[keep], v) for a, (c, v) in attr_codes.items()}
    return EventTable(
        lead=lead,
        lead_ids=lead_ids,
        event=event,
        event_names=event_names,
        ts=ts,
        file=file,
        row=row,
        attrs={a: Attr(c, v) for a, (c, v) in attr_codes.items()},
        files=files,
        rows=sum(p.rows for p in parts),
        skipped_rows=sum(p.skipped for p in parts),
        duplicate_rows=int(dup.size),
        findings=findings,
        watched=[f for p in parts for f in p.watched],
        noted=_noted(parts),
    )


def _repeated_leads(lead: Codes, lead_ids: list[str], file: Codes, row: Rows,
                    files: list[FileInfo]) -> list[Finding]:  # fmt: skip
    """One warning when leads of a wide export have more than one row in one file: their
    milestones are read as one lead's events (a repeated time counts once, as a duplicate
    row), which is how an export with a row per update, a long one, reads as wide. A lead in
    two files (monthly exports) is not warned: one row per lead per file is the shape."""
    if lead.size == 0:
        return []
    place = lead.astype(np.int64) * len(files) + file.astype(np.int64)  # a lead in a file
    order = np.lexsort((row, place))
    at, rows = place[order], row[order]
    again = np.flatnonzero((at[1:] == at[:-1]) & (rows[1:] != rows[:-1])) + 1
    if again.size == 0:
        return []
    leads = np.unique(at[again] // len(files))
    first = int(order[again[0]])  # the first lead's second row
    n = int(leads.size)
    return [Finding(
        "wide-repeated-lead", "warning",
        f"{n} of {len(lead_ids)} leads {'has' if n == 1 else 'have'} more than one row in a "
        "file (here a second row of the first); a wide export has one row per lead: their "
        "milestones are read as one lead's events, a milestone repeated at the same time "
        "counting once (as a duplicate row). An export with a row per event or per update is "
        "a long one: read it with source.shape: long",
        file=files[int(file[first])].path, row=int(row[first]),
        lead_id=lead_ids[int(lead[first])])]


def _noted(parts: list[FilePart]) -> dict[str, dict[int, NDArray[np.int64]]]:
    """The parts' noted rows by code, then file index."""
    out: dict[str, dict[int, NDArray[np.int64]]] = {}
    for i, p in enumerate(parts):
        for code, rows in p.noted.items():
            out.setdefault(code, {})[i] = rows
    return out


def _joined(arrays: list[A], dtype: type[np.signedinteger[Any]]) -> A:
    """One array of ``arrays`` (itself when there is only one: no copy)."""
    if len(arrays) == 1:
        return arrays[0]
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)  # type: ignore[return-value]


def _handed_over(parts: list[FilePart], chunks: Callable[[FilePart], list[Coded]]) -> list[Coded]:
    """Return the coded chunks of every part in order, emptying the parts' own lists."""
    out: list[Coded] = []
    for p in parts:
        mine = chunks(p)
        out.extend(mine)
        mine.clear()
    return out


def _is_identity(order: NDArray[np.intp]) -> bool:
    return bool(order.size == 0 or ((np.diff(order) == 1).all() and order[0] == 0))


def _duplicate_findings(
    dup: I64, first: I64, file: Codes, row: Rows, files: list[FileInfo], event: Codes,
    event_names: list[str],
) -> list[Finding]:
    """One finding per duplicate row in (file, row) order, naming the row it repeats; past
    ``MAX_EXAMPLES`` (over all files: duplicates are found across them) one summary stands
    for the rest."""
    which = np.argsort(file[dup].astype(np.int64) * (1 << 40) + row[dup], kind="stable")
    shown = which[:MAX_EXAMPLES]
    out = []
    for d, f in zip(dup[shown].tolist(), first[shown].tolist(), strict=True):
        same = int(file[d]) == int(file[f])
        kept = f"row {int(row[f])}" if same else f"{files[int(file[f])].path}:{int(row[f])}"
        out.append(Finding(
            "duplicate-row", "warning",
            f"duplicate of {kept} (same lead, event {event_names[int(event[d])]!r}, instant "
            "and attributes); counted once",
            file=files[int(file[d])].path, row=int(row[d]),
        ))
    n = int(dup.size)
    if n > MAX_EXAMPLES:
        out.append(Finding(
            "duplicate-row", "warning",
            f"{n - MAX_EXAMPLES} more duplicate rows counted once ({n} in all; the first "
            f"{MAX_EXAMPLES} are listed)",
            count=n - MAX_EXAMPLES,
        ))
    return out
