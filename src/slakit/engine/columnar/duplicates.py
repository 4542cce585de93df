"""Duplicates over arrays: ``slakit.engine.duplicates.find_duplicates`` in one linear pass.

Leads are taken in (first instant, file, row, lead id) order. Per ``match`` field and
normalised value only the last original matters: a lead becomes an original only when no
original it matches is still in time, so every earlier original of its values ended before it
arrived, and first instants only grow. A lead is a duplicate of the earliest of those last
originals (one per field) whose window has not ended at its first event; that is the earliest
original in time, the one ``find_duplicates`` picks.

With one ``match`` field sharing values (the other fields' values, if any, are each held by a
single lead), no lead's fate depends on another field, and the loop runs on arrays
(``_one_field``): about 20 times faster on the benchmark export.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from slakit.engine.columnar.frame import I64, Idx
from slakit.engine.columnar.judging import Judging
from slakit.engine.duplicates import NORMALISERS, kind_of


def duplicate_of(j: Judging) -> Idx:
    """Per lead: the lead it duplicates (-1: an original, or no ``duplicates``)."""
    f, rule = j.frame, j.sla.duplicates
    none = np.full(f.count, -1, dtype=np.intp)
    if rule is None or f.count == 0:
        return none
    orig = f.orig(f.lo)
    order = np.lexsort((f.lead_index, f.table.row[orig], f.table.file[orig], f.first_ts))
    coded = []
    for name, header in zip(rule.match, rule.headers or rule.match, strict=True):
        col = f.column(name)
        table, n_keys = _key_table(col.values, kind_of(name, header))
        codes = table[col.first_code[order]]
        # A key no other lead has can neither find an original nor be found: drop it.
        seen = np.bincount(codes[codes >= 0], minlength=n_keys + 1)
        codes[(codes >= 0) & (seen[np.maximum(codes, 0)] < 2)] = -1
        if (codes >= 0).any():
            coded.append(codes)
    if not coded:
        return none
    # Only leads sharing a key with another lead take part: the others are all originals.
    part = np.flatnonzero(np.any(np.stack(coded) >= 0, axis=0))
    if part.size == 0:
        return none
    leads = order[part]
    firsts = f.first_ts[leads]
    if rule.within.bd is not None:
        window_end = j.clocks.add_bd(j.lead_cal[leads], firsts, rule.within.bd)
    else:
        window_end = firsts + (rule.within.us or 0)
    if len(coded) == 1:
        return _originals(f.count, leads, _one_field(coded[0][part], firsts, window_end))
    ends = window_end.tolist()
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
    return _originals(f.count, leads, np.array(found, dtype=np.int64))


def _key_table(values: list[str], kind: str) -> tuple[I64, int]:
    """Per distinct value (and a last entry for "empty"): the code of its normalised key, -1
    when it normalises to nothing; and the number of keys.

    Printable ASCII values are normalised by Arrow, as ``normaliser`` would one by one (digits only
    and a leading country code 1 dropped for phones, lower case for emails, trimmed text);
    other values go through ``NORMALISERS`` one by one.
    """
    text = pa.array(values, pa.string())
    # Printable ASCII only: Python's strip() also strips \x1c-\x1f, which Arrow keeps.
    if len(values) and not pc.any(pc.match_substring_regex(text, r"[^\x20-\x7e]")).as_py():
        if kind == "phone":
            digits = pc.replace_substring_regex(text, r"\D", "")
            drop = pc.and_(pc.equal(pc.utf8_length(digits), 11),
                           pc.starts_with(digits, "1"))
            normal = pc.if_else(drop, pc.utf8_slice_codeunits(digits, 1), digits)
        elif kind == "email":
            normal = pc.ascii_lower(pc.ascii_trim_whitespace(text))
        else:
            normal = pc.ascii_trim_whitespace(text)
    else:
        norm = NORMALISERS[kind]
        normal = pa.array([norm(v) for v in values], pa.string())
    normal = pc.if_else(pc.equal(pc.utf8_length(normal), 0), None, normal)
    enc = pc.dictionary_encode(normal)
    table = np.append(enc.indices.fill_null(-1).to_numpy(zero_copy_only=False), -1)
    return table.astype(np.int64), len(enc.dictionary)


def _originals(count: int, leads: Idx, found: I64) -> Idx:
    """Per lead: its original (``found``: position in ``leads``, -1 for none), or -1."""
    out = np.full(count, -1, dtype=np.intp)
    dup = np.flatnonzero(found >= 0)
    out[leads[dup]] = leads[found[dup]]
    return out


def _one_field(key: I64, firsts: I64, ends: I64) -> I64:
    """The loop of ``duplicate_of`` for a single ``match`` field, on arrays.

    Leads come in time order. Per key, the first lead is an original; the next original is the
    first later lead whose first event is past the window's end of the previous original, and
    every lead in between is a duplicate of it. Those "next" links are found with one
    ``searchsorted`` and followed for all keys at once (one round per original of the busiest
    key). Returns, per lead, the position of its original (-1: it is one).
    """
    m = key.size
    g = np.argsort(key, kind="stable")  # by key, then time
    key_g, first_g, end_g = key[g], firsts[g], ends[g]
    width = m + 1
    # Within a key, first instants ascend: (key, rank of first instant) sorts the leads. The
    # rank is a position in ``firsts`` (ascending): a lead is past a window's end exactly when
    # its rank is at least the count of first instants at or before that end.
    at = key_g * width + np.searchsorted(firsts, first_g)
    past = key_g * width + np.searchsorted(firsts, end_g, side="right")
    nxt = np.searchsorted(at, past, side="left")
    nxt = np.where((nxt < m) & (key_g[np.minimum(nxt, m - 1)] == key_g), nxt, -1)
    original = np.zeros(m, dtype=np.bool_)
    head = np.ones(m, dtype=np.bool_)
    head[1:] = key_g[1:] != key_g[:-1]
    cur = np.flatnonzero(head)
    while cur.size:
        original[cur] = True
        cur = nxt[cur]
        cur = cur[cur >= 0]
    governing = np.maximum.accumulate(np.where(original, np.arange(m), -1))
    found_g = np.where(original, -1, governing)
    found = np.full(m, -1, dtype=np.int64)
    found[g] = np.where(found_g >= 0, g[np.maximum(found_g, 0)], -1)
    return found
