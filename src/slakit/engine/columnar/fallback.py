"""The reference engine, one lead at a time, for what the columnar engine leaves to it.

A lead goes here only for the targets and escalations that need it (a pause that happened,
a cadence target); its ``Lead`` is built once from the table and judged by the very functions
``slakit.engine.reference`` uses, so results agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from types import MappingProxyType

import numpy as np

from slakit.engine.columnar.columns import EscalationColumns, TargetColumns
from slakit.engine.columnar.frame import I64, NONE, Idx
from slakit.engine.columnar.judging import Judging
from slakit.engine.escalations import judge_escalation
from slakit.engine.lead import Lead, Row
from slakit.engine.reference import JUDGES
from slakit.engine.results import StageResult
from slakit.engine.stages import attribute_breach
from slakit.engine.trace import Context, TargetTrace


def run_fallback(
    j: Judging,
    targets: list[TargetColumns],
    escalations: list[EscalationColumns],
    todo: dict[int, Idx],
    esc_todo: dict[int, Idx],
    reached: list[I64],
    stage_clock: list[I64],
    closed_at: I64,
) -> int:
    """Judge the listed (target, leads) and (escalation, leads) with the reference engine.

    Returns how many (lead, target or escalation) pairs it judged.
    """
    work: dict[int, tuple[list[int], list[int]]] = {}
    for t, leads in todo.items():
        for k in leads.tolist():
            work.setdefault(k, ([], []))[0].append(t)
    for e, leads in esc_todo.items():
        for k in leads.tolist():
            work.setdefault(k, ([], []))[1].append(e)
    if not work:
        return 0
    sla = j.sla
    names = j.clocks.names
    stage_names = [s.name for s in sla.stages]
    used = 0
    ordered = sorted(work)
    for k, lead in zip(ordered, _leads(j, ordered), strict=True):
        t_list, e_list = work[k]
        ctx = Context(sla, j.as_of, names[int(j.lead_cal[k])])
        stages = _stages(stage_names, reached, stage_clock, k)
        for t in t_list:
            rule = sla.targets[t]
            trace = JUDGES[type(rule)](rule, lead, ctx)
            targets[t].given[k] = _attributed(j, trace, stages).result
            used += 1
        closed = int(closed_at[k])
        for e in e_list:
            result, _ = judge_escalation(sla.escalations[e], lead, ctx,
                                         None if closed == NONE else closed)
            escalations[e].given[k] = result
            used += 1
    return used


def _leads(j: Judging, leads: list[int]) -> Iterator[Lead]:
    """The ``Lead`` of each of ``leads`` (as ``lead_of`` builds it), made from bulk lists."""
    f = j.frame
    table = f.table
    lo = f.orig[f.lo[leads]]
    count = (f.hi[leads] - f.lo[leads]).astype(np.intp)
    rows = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
    ts = table.ts[rows].tolist()
    names = np.array(table.event_names, dtype=object)[table.event[rows]].tolist()
    files = table.file[rows].tolist()
    lines = table.row[rows].tolist()
    cols = [(name, np.array([*attr.values, None], dtype=object)[attr.codes[rows]].tolist())
            for name, attr in table.attrs.items()]
    at = 0
    for k, n in zip(leads, count.tolist(), strict=True):
        out = []
        for i in range(at, at + n):
            fields = {name: values[i] for name, values in cols if values[i] is not None}
            out.append(Row(ts[i], names[i], MappingProxyType(fields), files[i], lines[i]))
        at += n
        yield Lead(table.lead_ids[int(f.lead_index[k])], out)


def _stages(names: list[str], reached: list[I64], clock: list[I64], k: int,
            ) -> tuple[StageResult, ...]:
    out: list[StageResult] = []
    prev: str | None = None
    for name, at, c in zip(names, reached, clock, strict=True):
        when = int(at[k])
        if when == NONE:
            continue
        out.append(StageResult(name, when, prev, None if prev is None else int(c[k])))
        prev = name
    return tuple(out)


def _attributed(j: Judging, trace: TargetTrace, stages: tuple[StageResult, ...]) -> TargetTrace:
    """The reference engine's breach attribution (``reference._attributed``)."""
    sla = j.sla
    if trace.interval is None or trace.clock is None or not sla.stages:
        return trace
    from slakit.engine.clock import Clock

    clock = Clock(sla.calendar(trace.clock), trace.clock, trace.pauses)
    stage = attribute_breach(sla.stages, stages, trace.interval, clock)
    if stage is None:
        return trace
    return replace(trace, result=replace(trace.result, breach_stage=stage))


__all__ = ["run_fallback"]
