"""Duplicates over arrays: ``slakit.engine.duplicates.find_duplicates`` in one linear pass.

Leads are taken in (first instant, file, row, lead id) order. Per ``match`` field and
normalised value only the last original matters: a lead becomes an original only when no
original it matches is still in time, so every earlier original of its values ended before it
arrived, and first instants only grow. A lead is a duplicate of the earliest of those last
originals (one per field) whose window has not ended at its first event; that is the earliest
original in time, the one ``find_duplicates`` picks.
"""

from __future__ import annotations

import numpy as np

from slakit.engine.columnar.judging import Judging
from slakit.engine.duplicates import normaliser


def duplicate_of(j: Judging) -> list[str | None]:
    """Per lead: the lead id it duplicates (``None``: an original, or no ``duplicates``)."""
    f, rule = j.frame, j.sla.duplicates
    if rule is None or f.count == 0:
        return [None] * f.count
    orig = f.orig(f.lo)
    order = np.lexsort((f.lead_index, f.table.row[orig], f.table.file[orig], f.first_ts))
    coded = []
    for name in rule.match:
        col = f.column(name)
        norm = normaliser(name)
        normal = [norm(v) for v in col.values]
        index = {v: i for i, v in enumerate(dict.fromkeys(n for n in normal if n))}
        table = np.array([index.get(n, -1) for n in normal] + [-1], dtype=np.int64)
        codes = table[col.first_code[order]]
        # A key no other lead has can neither find an original nor be found: drop it.
        seen = np.bincount(codes[codes >= 0], minlength=len(index) + 1)
        codes[(codes >= 0) & (seen[np.maximum(codes, 0)] < 2)] = -1
        if (codes >= 0).any():
            coded.append(codes)
    if not coded:
        return [None] * f.count
    # Only leads sharing a key with another lead take part: the others are all originals.
    part = np.flatnonzero(np.any(np.stack(coded) >= 0, axis=0))
    if part.size == 0:
        return [None] * f.count
    leads = order[part]
    firsts = f.first_ts[leads]
    if rule.within.bd is not None:
        ends = j.clocks.add_bd(j.lead_cal[leads], firsts, rule.within.bd).tolist()
    else:
        ends = (firsts + (rule.within.us or 0)).tolist()
    first = firsts.tolist()
    keys = [codes[part].tolist() for codes in coded]
    last = [[-1] * (int(codes.max()) + 1) for codes in coded]
    """Per field and key: the position in ``part`` of its last original (-1: none yet)."""
    found = [-1] * part.size
    for r, at in enumerate(first):
        best = -1
        for column, latest in zip(keys, last, strict=True):
            key = column[r]
            if key >= 0:
                o = latest[key]
                if o >= 0 and ends[o] >= at and (best < 0 or o < best):
                    best = o
        if best >= 0:
            found[r] = best
            continue
        for column, latest in zip(keys, last, strict=True):
            key = column[r]
            if key >= 0:
                latest[key] = r
    ids = f.table.lead_ids
    lead_id = f.lead_index[leads].tolist()
    ranked = leads.tolist()
    out: list[str | None] = [None] * f.count
    for r, o in enumerate(found):
        if o >= 0:
            out[ranked[r]] = ids[lead_id[o]]
    return out
