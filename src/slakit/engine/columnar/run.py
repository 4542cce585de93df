"""The columnar engine's run: every lead at once.

``run`` returns the same ``EngineOutput`` as ``slakit.engine.reference.run`` (the differential
tests require equal results); ``run_columns`` returns the arrays behind it, for the report's
fast path.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from slakit.compile import (
    ALWAYS_OPEN,
    CompiledSla,
    EscalationRule,
    QualityRule,
    ResponseRule,
    TargetRule,
    TargetTrigger,
    need_text,
)
from slakit.engine.columnar.cadence import judge_cadence
from slakit.engine.columnar.columns import (
    DUPLICATE,
    EscalationColumns,
    LeadColumns,
    TargetColumns,
)
from slakit.engine.columnar.duplicates import duplicate_of
from slakit.engine.columnar.frame import I64, NEVER, NONE, Frame, Idx
from slakit.engine.columnar.judging import Judging
from slakit.engine.columnar.pauses import Pauses
from slakit.engine.columnar.quality import judge_quality
from slakit.engine.columnar.response import Started, judge_response
from slakit.engine.columnar.stages import attribute, reach_stages
from slakit.engine.results import EngineOutput, LeadResult
from slakit.errors import Finding
from slakit.reader.table import EventTable


@dataclass
class ColumnarOutput:
    """The columnar engine's output: arrays, with ``LeadResult``s made on first use."""

    columns: LeadColumns
    as_of: int
    after_as_of_rows: int
    findings: list[Finding]

    @cached_property
    def leads(self) -> list[LeadResult]:
        """One result per judged lead, sorted by lead id."""
        return self.columns.results()

    def output(self) -> EngineOutput:
        """The ``EngineOutput`` the reference engine would return."""
        return EngineOutput(self.leads, self.as_of, self.after_as_of_rows, self.findings)


def run(
    sla: CompiledSla, table: EventTable, *, as_of: int | None = None,
    lead_from: int | None = None, lead_to: int | None = None,
) -> EngineOutput:
    """Judge every lead of ``table`` against ``sla`` (see ``reference.run``)."""
    return run_columns(sla, table, as_of=as_of, lead_from=lead_from, lead_to=lead_to).output()


def run_columns(
    sla: CompiledSla, table: EventTable, *, as_of: int | None = None,
    lead_from: int | None = None, lead_to: int | None = None,
) -> ColumnarOutput:
    """Judge every lead of ``table`` and return the results as arrays."""
    now = (int(table.ts.max()) if len(table) else 0) if as_of is None else as_of
    frame = Frame(sla, table, now)
    j = Judging(sla, frame, now)
    f, occ = frame, j.occ
    count = f.count
    judged = np.ones(count, dtype=bool)
    if lead_from is not None:
        judged &= f.first_ts >= lead_from
    if lead_to is not None:
        judged &= f.first_ts < lead_to

    closed_at = np.full(count, NONE, dtype=np.int64)
    if sla.closed is not None:
        closed_at = f.ts_at(occ.first(sla.closed).row)
    pool, parallel = _pool(sla, table)
    try:
        original, targets, escalations, reached, stage_clock = _judge_all(
            sla, j, pool, parallel, closed_at)
    finally:
        if pool is not None:  # an error (or Ctrl-C) drops what is still queued
            pool.shutdown(wait=True, cancel_futures=True)
    live = original < 0
    ids = np.array(table.lead_ids, dtype=object)[f.lead_index] if count else \
        np.zeros(0, dtype=object)
    """Per lead: its id."""

    for cols in targets:
        cols.status[~live] = DUPLICATE

    columns = LeadColumns(
        lead_ids=ids.tolist(),
        first_event_at=f.first_ts,
        attribute_values=_report_attributes(j),
        attribute_codes={c: (f.column(c).first_code, f.column(c).values)
                         for c in _report_columns(j)},
        rule=_lookup([r.name for r in sla.routing.rules] if sla.routing else [], j.route),
        team=_lookup([r.team for r in sla.routing.rules] if sla.routing else [], j.route),
        calendar=np.array(j.clocks.names, dtype=object)[j.lead_cal] if count
        else np.zeros(0, dtype=object),
        duplicate_of=_duplicate_ids(ids, original),
        closed_at=closed_at,
        routing_actual=_routing_actual(j),
        outcome=(outcome := _outcome(j))[0],
        lost_reason=outcome[1],
        age_us=_age(j, closed_at),
        findings=np.zeros(count, dtype=bool),
        stage_names=tuple(s.name for s in sla.stages),
        stage_at=reached,
        stage_clock=stage_clock,
        targets=targets,
        escalations=escalations,
        judged=np.flatnonzero(judged),
        age_bucket=_age_buckets(j, closed_at, live) if sla.aging else None,
    )
    dups = np.flatnonzero(~live)
    originals, which = np.unique(original[dups], return_inverse=True)
    note = np.array([f"duplicate of {i}: takes no further part" for i in ids[originals]],
                    dtype=object)[which]
    """Per duplicate, the same string for every target (one per original)."""
    for cols in targets:
        for k in [k for k in cols.given if not live[k]]:
            del cols.given[k]
        for k in [k for k in cols.pauses if not live[k]]:
            del cols.pauses[k]
        if dups.size:
            cols.detail[dups] = note
            cols.started[dups] = NONE
            cols.stopped[dups] = NONE
            cols.due[dups] = NONE
            cols.elapsed[dups] = NONE
            cols.wall[dups] = NONE
            cols.after_hours[dups] = False
            cols.events_checked[dups] = 0
            cols.breach_stage[dups] = None
            if cols.windows is not None:
                cols.windows[dups] = -1
    findings = _findings(j, columns, live & judged)
    return ColumnarOutput(columns, now, int(np.count_nonzero(table.ts > now)), findings)


PARALLEL_MAX_ROWS = 3_000_000
"""Up to this many events, targets, escalations and duplicates are judged two at a time on two
threads (numpy releases the GIL in its loops): 2.0-2.1 s instead of 2.4-2.6 s for the consult
example at 1M events, for about 40 MiB more (one more step's temporaries alive). Larger
exports run one step at a time, so that peak memory stays one step's (10M events of the
consult example within 2 GiB), with only the duplicates found beside them (21.4 s instead of
23.6 s there). ``SLAKIT_THREADS=1`` runs one at a time always."""


def _judge_all(sla: CompiledSla, j: Judging, pool: ThreadPoolExecutor | None, parallel: bool,
               closed_at: I64) -> tuple[
        Idx, list[TargetColumns], list[EscalationColumns], list[I64], list[I64]]:
    """Duplicates, stages, every target and escalation: one step at a time, or on ``pool``
    (every step when ``parallel``; else only the duplicates, beside the others).

    Returns the duplicates' originals, the targets, the escalations, and the stages reached
    and their clock times. The watched targets' clocks (``runs``) die on return.
    """
    from slakit.engine.columnar.escalations import judge_escalation, judge_escalations

    duplicates = pool.submit(duplicate_of, j) if pool is not None else None
    reached, stage_clock = reach_stages(j) if sla.stages else ([], [])
    runs: dict[str, Started] = {}
    """The clocks of the response targets that ``target`` escalations watch (kept to judge
    them; the others are freed after their target)."""
    watched = {e.trigger.target for e in sla.escalations if isinstance(e.trigger, TargetTrigger)}
    if pool is None or not parallel:
        targets: list[TargetColumns] = []
        for rule in sla.targets:
            targets.append(_judge_target(rule, j, reached, runs if rule.id in watched else None))
            j.step_done()  # each target's arrays and cached occurrences die before the next
        escalations = judge_escalations(j, runs, closed_at)  # forgets its caches as it goes
        original = duplicate_of(j) if duplicates is None else duplicates.result()
        return original, targets, escalations, reached, stage_clock
    for rule in sla.targets:  # calendars known before the threads ask for them
        if rule.calendar is not None:
            j.clocks.code(rule.calendar)
    judging = {rule.id: pool.submit(_judge_target, rule, j, reached,
                                    runs if rule.id in watched else None)
               for rule in sla.targets}

    def escalate(esc: EscalationRule) -> EscalationColumns:
        if isinstance(esc.trigger, TargetTrigger):  # its target's clock, in ``runs``
            judging[esc.trigger.target].result()
        return judge_escalation(esc, j, runs, closed_at)

    # Queued after every target: a worker reaching one has its watched target running or
    # done, so waiting for it cannot hold up the queue.
    escalating = [pool.submit(escalate, esc) for esc in sla.escalations]
    assert duplicates is not None
    original = duplicates.result()
    targets = [x.result() for x in judging.values()]
    escalations = [x.result() for x in escalating]
    j.step_done()  # the caches lived through every step: forgotten once, at the end
    return original, targets, escalations, reached, stage_clock


def _pool(sla: CompiledSla, table: EventTable) -> tuple[ThreadPoolExecutor | None, bool]:
    """The worker threads, and whether every step runs on them (``PARALLEL_MAX_ROWS``).

    With two cores and more events than that, one worker finds the duplicates beside the
    other steps: its arrays are per lead and die early, before the run's peak."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
    wanted = os.environ.get("SLAKIT_THREADS", "").strip()
    threads = min(cores, 2) if not wanted.isdigit() else min(int(wanted), 2)
    if threads < 2:
        return None, False
    if len(table) > PARALLEL_MAX_ROWS or len(sla.targets) < 2:
        if sla.duplicates is None:
            return None, False
        return ThreadPoolExecutor(1, thread_name_prefix="slakit-duplicates"), False
    return ThreadPoolExecutor(threads, thread_name_prefix="slakit-target"), True


def _judge_target(rule: TargetRule, j: Judging, reached: list[I64],
                  runs: dict[str, Started] | None) -> TargetColumns:  # fmt: skip
    """Judge one target for every lead (its clock kept in ``runs`` when given)."""
    if isinstance(rule, ResponseRule):
        cols, started = judge_response(rule, j)
        if runs is not None:
            runs[rule.id] = started
        _attribute_breaches(j, cols, reached, started.leads, started.cal, started.start,
                            started.interval_end, started.pauses)
    elif isinstance(rule, QualityRule):
        cols = judge_quality(rule, j)
    else:
        cols, start, breach_end, leads, pauses = judge_cadence(rule, j)
        _attribute_breaches(j, cols, reached, leads, j.target_calendar(rule.calendar, leads),
                            start, breach_end, pauses)
    return cols


def _duplicate_ids(ids: np.ndarray, original: Idx) -> np.ndarray:
    """Per lead: the id of the lead it duplicates (``None``: an original)."""
    out = np.full(original.size, None, dtype=object)
    dups = np.flatnonzero(original >= 0)
    out[dups] = ids[original[dups]]
    return out


def _lookup(values: Sequence[str], index: Idx) -> np.ndarray:
    table = np.array([*values, None], dtype=object)
    return table[np.where(index < 0, len(values), index)]


def _attribute_breaches(j: Judging, cols: TargetColumns, reached: list[I64], leads: Idx,
                        cal: Idx, start: I64, end: I64, pauses: Pauses | None = None) -> None:
    if not j.sla.stages:
        return
    b = np.flatnonzero(end != NONE)
    if b.size == 0:
        return
    names = attribute(j, reached, leads[b], cal[b], start[b], end[b],
                      None if pauses is None or not pauses.width else pauses.rows(b))
    cols.breach_stage[leads[b]] = np.array(names, dtype=object)


def _report_columns(j: Judging) -> list[str]:
    """The attributes a lead result carries: segment fields and ``team``, never PHI."""
    f, sla = j.frame, j.sla
    return [c for c in dict.fromkeys((*sla.report_by, "team"))
            if c in f.table.attrs and not sla.is_pii(c)]


def _report_attributes(j: Judging) -> dict[str, np.ndarray]:
    """Each report attribute's value per lead (``None``: empty)."""
    f = j.frame
    out: dict[str, np.ndarray] = {}
    for c in _report_columns(j):
        col = f.column(c)
        out[c] = np.array([*col.values, None], dtype=object)[col.first_code]
    return out


def _age_buckets(j: Judging, closed_at: I64, live: np.ndarray) -> np.ndarray:
    """Per lead: the aging bucket (``CompiledSla.age_bucket``), -1 for leads not aged."""
    f = j.frame
    out = np.full(f.count, -1, dtype=np.int64)
    k = np.flatnonzero((closed_at == NONE) & live)
    cal, start = j.lead_cal[k], f.first_ts[k]
    now = np.full(k.size, j.as_of, dtype=np.int64)
    age = j.clocks.elapsed(cal, start, now)
    bucket = np.zeros(k.size, dtype=np.int64)
    going = np.ones(k.size, dtype=bool)
    for bound in j.sla.aging:
        if bound.bd is not None:
            reached = now >= j.clocks.add_bd(cal, start, bound.bd)
        else:
            reached = age >= (bound.us or 0)
        going &= reached
        bucket += going
    out[k] = bucket
    return out


def _routing_actual(j: Judging) -> np.ndarray:
    f, sla = j.frame, j.sla
    out = np.full(f.count, None, dtype=object)
    rules = sla.routing
    if rules is None or rules.check_on is None or rules.check_field is None:
        return out
    first = j.occ.first(rules.check_on)
    k = np.flatnonzero(first.found)
    col = f.column(rules.check_field)
    codes = col.codes[first.source[k]]
    out[k] = np.array([*col.values, None], dtype=object)[codes]
    return out


def _outcome(j: Judging) -> tuple[np.ndarray, np.ndarray]:
    f, rule = j.frame, j.sla.outcomes
    none = np.full(f.count, None, dtype=object)
    if rule is None:
        return none, none.copy()
    col = f.column(rule.field)
    outcome = np.array([*col.values, None], dtype=object)[f.last_value_code(rule.field)]
    reason = none.copy()
    if rule.reason:
        lost = np.array([rule.values.get(v) == "lost" for v in col.values] + [False])
        code = f.last_value_code(rule.field)
        k = np.flatnonzero(lost[code])
        rcol = f.column(rule.reason)
        reason[k] = np.array([*rcol.values, None], dtype=object)[
            f.last_value_code(rule.reason)[k]]
    return outcome, reason


def _age(j: Judging, closed_at: I64) -> I64:
    f = j.frame
    out = np.full(f.count, NONE, dtype=np.int64)
    k = np.flatnonzero(closed_at == NONE)
    out[k] = j.clocks.elapsed(j.lead_cal[k], f.first_ts[k], np.full(k.size, j.as_of, np.int64))
    return out


def _findings(j: Judging, columns: LeadColumns, judged: np.ndarray) -> list[Finding]:
    """``requirement-never-met`` per lead and definition, in lead then definition order."""
    f, occ = j.frame, j.occ
    per: list[tuple[int, int, str]] = []
    for order, m in enumerate(j.sla.matchers()):
        if not m.require:
            continue
        match = occ.match(m)
        has = np.zeros(f.count, dtype=bool)
        has[f.row_lead[match.rows]] = True
        never = np.flatnonzero(has & (match.done == NEVER) & judged)
        if never.size == 0:
            continue
        rows = [f.need_row(need)[never] for need in m.require]
        for i, k in enumerate(never.tolist()):
            gaps = ", ".join(need_text(n) for n, r in zip(m.require, rows, strict=True)
                             if r[i] == NEVER)
            per.append((k, order, f"{m.name}: an event matched but {gaps} never held by as-of"))
    per.sort(key=lambda x: (x[0], x[1]))
    out = []
    for k, _, message in per:
        columns.findings[k] = True
        out.append(Finding("requirement-never-met", "warning", message,
                           lead_id=columns.lead_ids[k]))
    return out


__all__ = ["ALWAYS_OPEN", "ColumnarOutput", "run", "run_columns"]
