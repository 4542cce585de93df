"""Duplicates over arrays: ``slakit.engine.duplicates.find_duplicates`` in one linear pass.

Leads are taken in (first instant, file, row, lead id) order. Each normalised key keeps its
originals in that order with a cursor: an original whose window ended before the current
lead's first event can never match a later lead (first instants only grow), so the cursor
skips it for good, and the first original at the cursor is the earliest one still in time.
The earliest of those over the lead's keys is the one ``find_duplicates`` picks.
"""

from __future__ import annotations

import numpy as np

from slakit.engine.columnar.judging import Judging
from slakit.engine.duplicates import normalise


def duplicate_of(j: Judging) -> list[str | None]:
    """Per lead: the lead id it duplicates (``None``: an original, or no ``duplicates``)."""
    f, rule = j.frame, j.sla.duplicates
    if rule is None or f.count == 0:
        return [None] * f.count
    ids = [f.table.lead_ids[i] for i in f.lead_index.tolist()]
    orig = f.orig(f.lo)
    order = np.lexsort((f.lead_index, f.table.row[orig], f.table.file[orig], f.first_ts))
    first = f.first_ts[order].tolist()
    if rule.within.bd is not None:
        ends = j.clocks.add_bd(j.lead_cal[order], f.first_ts[order], rule.within.bd).tolist()
    else:
        ends = (f.first_ts[order] + (rule.within.us or 0)).tolist()
    keys: list[list[int]] = []
    for name in rule.match:
        col = f.column(name)
        normal = [normalise(name, v) for v in col.values]
        index = {v: i for i, v in enumerate(dict.fromkeys(n for n in normal if n))}
        table = np.array([index.get(n, -1) for n in normal] + [-1], dtype=np.int64)
        coded = table[col.first_code[order]]
        # A key no other lead has can neither find an original nor be found: drop it.
        seen = np.bincount(coded[coded >= 0], minlength=len(index) + 1)
        coded[(coded >= 0) & (seen[np.maximum(coded, 0)] < 2)] = -1
        keys.append(coded.tolist())
    originals: list[dict[int, list[int]]] = [{} for _ in rule.match]
    cursors: list[dict[int, int]] = [{} for _ in rule.match]
    found: list[int] = [-1] * f.count
    for r in range(f.count):
        at = first[r]
        best = -1
        for c, column in enumerate(keys):
            key = column[r]
            if key < 0:
                continue
            kept = originals[c].get(key)
            if not kept:
                continue
            p = cursors[c][key]
            while p < len(kept) and ends[kept[p]] < at:
                p += 1
            cursors[c][key] = p
            if p < len(kept) and (best < 0 or kept[p] < best):
                best = kept[p]
        if best >= 0:
            found[r] = best
            continue
        for c, column in enumerate(keys):
            key = column[r]
            if key >= 0:
                if key not in originals[c]:
                    originals[c][key] = []
                    cursors[c][key] = 0
                originals[c][key].append(r)
    out: list[str | None] = [None] * f.count
    ranked = order.tolist()
    for r, o in enumerate(found):
        if o >= 0:
            out[ranked[r]] = ids[ranked[o]]
    return out
