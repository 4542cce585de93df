"""Escalations on arrays: the twin of ``slakit.engine.escalations``.

Each trigger form gives, per lead, the instant its condition came true (``NONE``: it did
not); the rules every trigger shares (not after as-of, not at or after ``closed``, the
``expect`` window) are then applied to all of them at once. A ``target`` trigger on a lead
is judged on the target's clock, pauses included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from slakit.compile import (
    CountTrigger,
    EscalationRule,
    ResponseRule,
    SinceTrigger,
    TargetTrigger,
    UnmetTrigger,
)
from slakit.engine.columnar.columns import EscalationColumns
from slakit.engine.columnar.frame import I64, NEVER, NONE
from slakit.engine.columnar.judging import Judging
from slakit.engine.columnar.pauses import PausedClock
from slakit.engine.columnar.response import Started

Fired = I64
"""Per lead: when the trigger fired (``NONE``: not)."""


def _count(trigger: CountTrigger, j: Judging, runs: dict[str, Started]) -> Fired:
    f = j.frame
    at = np.full(f.count, NONE, dtype=np.int64)
    every = j.occ.all(trigger.count)
    if every.lead.size == 0:
        return at
    counts = np.bincount(every.lead, minlength=f.count)
    first = np.searchsorted(every.lead, np.arange(f.count), side="left")
    k = np.flatnonzero(counts >= trigger.reaches)
    at[k] = f.ts[every.row[first[k] + trigger.reaches - 1]]
    if trigger.without is not None:
        without = f.ts_at(j.occ.first(trigger.without).row)
        at[(without != NONE) & (without <= at) & (at != NONE)] = NONE
    return at


def _since(trigger: SinceTrigger, j: Judging, runs: dict[str, Started]) -> Fired:
    f = j.frame
    at = np.full(f.count, NONE, dtype=np.int64)
    since = j.occ.first(trigger.since)
    k = np.flatnonzero(since.found)
    at[k] = j.clocks.add_budget(j.lead_cal[k], f.ts[since.row[k]], trigger.over)
    without = f.ts_at(j.occ.first(trigger.without).row)
    at[(without != NONE) & (without <= at) & (at != NONE)] = NONE
    return at


def _unmet(trigger: UnmetTrigger, j: Judging, runs: dict[str, Started]) -> Fired:
    f = j.frame
    at = j.clocks.add_budget(j.lead_cal, f.first_ts, trigger.after)
    missing = np.zeros(f.count, dtype=bool)
    for need in trigger.unmet:
        row = f.need_row(need)
        when = f.ts_at(row)
        missing |= (row == NEVER) | (when > at)
    return np.where(missing, at, NONE)


def _target(trigger: TargetTrigger, j: Judging, runs: dict[str, Started]) -> Fired:
    f = j.frame
    at = np.full(f.count, NONE, dtype=np.int64)
    rule = j.sla.target(trigger.target)
    if not isinstance(rule, ResponseRule):
        return at
    run = runs[rule.id]
    share = trigger.at
    if share == 1:
        when = run.due
    else:
        amount = -(-(run.budget_us * share.numerator) // share.denominator)
        when = PausedClock(j.clocks, run.cal).reach(run.pauses, run.start, amount)
    stopped_first = (run.ended != NONE) & (when >= run.ended)
    at[run.leads] = np.where(stopped_first | (when == NONE), NONE, when)
    return at


TRIGGERS: dict[type, Callable[[Any, Judging, dict[str, Started]], Fired]] = {
    CountTrigger: _count,
    SinceTrigger: _since,
    UnmetTrigger: _unmet,
    TargetTrigger: _target,
}
"""Trigger form -> when it fires, for every lead."""


def judge_escalations(
    j: Judging, runs: dict[str, Started], closed_at: I64
) -> list[EscalationColumns]:
    """Judge every escalation for every lead."""
    out: list[EscalationColumns] = []
    for rule in j.sla.escalations:
        out.append(judge_escalation(rule, j, runs, closed_at))
        j.step_done()  # a count trigger's every-occurrence arrays are the largest cache
    return out


def judge_escalation(
    rule: EscalationRule, j: Judging, runs: dict[str, Started], closed_at: I64
) -> EscalationColumns:
    """Judge one escalation for every lead (``runs``: the clocks of the targets it watches)."""
    f = j.frame
    cols = EscalationColumns.empty(rule.id, f.count)
    at = TRIGGERS[type(rule.trigger)](rule.trigger, j, runs)
    fired = (at != NONE) & (at <= j.as_of)
    fired &= (closed_at == NONE) | (at < closed_at)
    k = np.flatnonzero(fired)
    cols.fired[k] = at[k]
    if rule.expect is not None and k.size:
        by = j.clocks.add_budget(j.lead_cal[k], at[k], rule.expect.within)
        answer = f.ts_at(j.occ.first_at_or_after(rule.expect.event, k, at[k]).row)
        ok = (answer != NONE) & (answer <= by)
        cols.due_for_judging[k] = by <= j.as_of
        cols.actioned[k] = ok
        cols.actioned_at[k] = np.where(ok, answer, NONE)
    return cols
