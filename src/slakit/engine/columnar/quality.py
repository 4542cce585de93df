"""Quality targets on arrays: the twin of ``slakit.engine.quality``.

Each checked event's gaps and disallowed values are found vectorized; the few leads with a
problem get their detail (which lists the problems in event order) built one by one.
"""

from __future__ import annotations

import numpy as np

from slakit.compile import QualityRule, need_text
from slakit.engine.columnar.columns import BREACHED, MET, TargetColumns
from slakit.engine.columnar.frame import I64
from slakit.engine.columnar.judging import Judging
from slakit.engine.quality import HIDDEN
from slakit.engine.results import TargetResult


def judge_quality(rule: QualityRule, j: Judging) -> TargetColumns:
    """Judge every lead against a quality target."""
    f, occ = j.frame, j.occ
    out = TargetColumns.empty(rule.id, f.count)
    applies = f.leads_hold(rule.for_)
    out.detail[~applies] = "outside for"
    if rule.on is not None:
        first = occ.first(rule.on)
        has = applies & first.found
        out.detail[applies & ~first.found] = f"{rule.on.name} never happened"
        lead = np.flatnonzero(has)
        row, source = first.row[lead], first.source[lead]
    else:
        assert rule.each is not None
        every = occ.all(rule.each)
        has_any = np.zeros(f.count, dtype=bool)
        has_any[every.lead] = True
        has = applies & has_any
        out.detail[applies & ~has_any] = f"no {rule.each.name} event"
        keep = has[every.lead]
        lead, row, source = every.lead[keep], every.row[keep], every.source[keep]
    needs = [f.need_row(need) for need in rule.require]
    gap = [need_at[lead] > row for need_at in needs]
    bad = [~f.column(name).allowed(values)[f.column(name).codes[source] + 1]
           for name, values in rule.allow]
    problem = np.zeros(lead.shape, dtype=bool)
    for mask in (*gap, *bad):
        problem |= mask
    judged = np.flatnonzero(has)
    first_at = np.full(f.count, 0, dtype=np.int64)
    # The first checked event of each lead (occurrences are sorted by lead).
    starts = np.flatnonzero(np.concatenate(([True], lead[1:] != lead[:-1]))) if lead.size \
        else np.zeros(0, dtype=np.intp)
    first_at[lead[starts]] = f.ts[row[starts]]
    checked = np.bincount(lead, minlength=f.count)
    out.status[judged] = MET
    out.started[judged] = first_at[judged]
    if rule.on is not None:
        out.stopped[judged] = first_at[judged]
    out.events_checked[judged] = checked[judged]
    flagged = np.unique(lead[problem])
    if flagged.size:
        _details(rule, j, out, flagged, lead, row, source, gap, problem)
    return out


def _details(
    rule: QualityRule, j: Judging, out: TargetColumns, flagged: I64, lead: I64, row: I64,
    source: I64, gap: list[np.ndarray], problem: np.ndarray,
) -> None:
    f = j.frame
    bounds = np.searchsorted(lead, flagged, side="left"), np.searchsorted(lead, flagged, "right")
    cols = [(name, f.column(name), values) for name, values in rule.allow]
    for k, a, b in zip(flagged.tolist(), bounds[0].tolist(), bounds[1].tolist(), strict=True):
        missing: dict[str, None] = {}
        disallowed: list[tuple[str, str]] = []
        for i in range(a, b):
            for need, g in zip(rule.require, gap, strict=True):
                if g[i]:
                    missing[need_text(need)] = None
            for name, col, values in cols:
                code = int(col.codes[source[i]])
                value = col.values[code] if code >= 0 else ""
                if value not in values:
                    disallowed.append((name, HIDDEN if j.sla.is_pii(name) else value))
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if disallowed:
            shown = dict.fromkeys(f"{n}={v}" if v else f"{n} empty" for n, v in disallowed)
            parts.append("not allowed: " + ", ".join(shown))
        at = int(f.ts[row[a]])
        out.given[k] = TargetResult(
            rule.id, "breached" if parts else "met", started_at=at,
            stopped_at=at if rule.on is not None else None, detail="; ".join(parts),
            missing=tuple(missing), disallowed=tuple(disallowed), events_checked=b - a,
            events_offending=int(np.count_nonzero(problem[a:b])),
        )
        out.status[k] = BREACHED
