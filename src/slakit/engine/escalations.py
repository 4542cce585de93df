"""Escalations: when each trigger fires, and whether its ``expect`` was actioned.

Each trigger form is one small function in ``TRIGGERS``; it returns the instant its condition
came true (on the lead's clock) and a note. ``judge_escalation`` then applies the rules every
trigger shares: never at or after the lead's ``closed`` time, never after as-of.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from slakit.compile import (
    Budget,
    CountTrigger,
    EscalationRule,
    ResponseRule,
    SinceTrigger,
    TargetTrigger,
    UnmetTrigger,
    conditions_hold,
    need_text,
    unmet_needs,
)
from slakit.engine.clock import Clock
from slakit.engine.lead import Lead
from slakit.engine.response import percent_text, start_clock
from slakit.engine.results import EscalationResult
from slakit.engine.trace import Context, EscalationTrace

Fire = tuple[int | None, str]
"""When the trigger's condition came true (``None``: it did not by as-of), and why."""


def add_budget(clock: Clock, start: int, budget: Budget) -> int:
    """The instant ``budget`` of the clock after ``start`` (``Nbd``: the ``Nbd`` due time)."""
    if budget.bd is not None:
        return clock.calendar.add_business_days(start, budget.bd)
    return clock.calendar.add(start, budget.us or 0)


def _count(trigger: CountTrigger, lead: Lead, ctx: Context) -> Fire:
    found = lead.occurrences(trigger.count)
    if len(found) < trigger.reaches:
        return None, f"{trigger.count.name} happened {len(found)} of {trigger.reaches} times"
    nth = found[trigger.reaches - 1].at
    if trigger.without is not None:
        without = lead.first(trigger.without)
        if without is not None and without.at <= nth:
            return None, f"{trigger.without.name} happened by the {_ordinal(trigger.reaches)} " \
                f"{trigger.count.name}"
    return nth, f"{_ordinal(trigger.reaches)} {trigger.count.name}"


def _since(trigger: SinceTrigger, lead: Lead, ctx: Context) -> Fire:
    since = lead.first(trigger.since)
    if since is None:
        return None, f"{trigger.since.name} never happened"
    at = add_budget(ctx.clock(None), since.at, trigger.over)
    without = lead.first(trigger.without)
    if without is not None and without.at <= at:
        if without.at < since.at:
            return None, f"{trigger.without.name} happened before {trigger.since.name}"
        return None, f"{trigger.without.name} happened within {trigger.over.text}"
    return at, f"{trigger.over.text} after {trigger.since.name} without {trigger.without.name}"


def _unmet(trigger: UnmetTrigger, lead: Lead, ctx: Context) -> Fire:
    at = add_budget(ctx.clock(None), lead.first_event_at, trigger.after)
    gaps = unmet_needs(trigger.unmet, lead.attributes_at(at))
    if not gaps:
        return None, f"requirement met within {trigger.after.text}"
    return at, "still missing " + ", ".join(need_text(g) for g in gaps) + \
        f" {trigger.after.text} after the first event"


def _target(trigger: TargetTrigger, lead: Lead, ctx: Context) -> Fire:
    rule = ctx.sla.target(trigger.target)
    if not isinstance(rule, ResponseRule):
        return None, f"{trigger.target} is not a response target"
    if not conditions_hold(rule.for_, lead.attributes):
        return None, f"the lead is outside {trigger.target}"
    run = start_clock(rule, lead, ctx)
    if run is None:
        return None, f"{trigger.target} never started"
    share = trigger.at
    if share == 1:
        at = run.due_at
    else:
        amount = math.ceil(run.budget_us * share)
        at = run.clock.reach(run.start.at, amount)
    if at is None:
        return None, f"{trigger.target} is paused"
    if run.ended_at is not None and at >= run.ended_at:
        cancelled = run.cancel_counted and run.cancel is not None
        return None, f"{trigger.target} {'was cancelled' if cancelled else 'stopped'} first"
    return at, f"{trigger.target} reached {percent_text(share)} of {run.budget.text}"


TRIGGERS: dict[type, Callable[[Any, Lead, Context], Fire]] = {
    CountTrigger: _count,
    SinceTrigger: _since,
    UnmetTrigger: _unmet,
    TargetTrigger: _target,
}
"""Trigger form -> when it fires."""


def judge_escalation(
    rule: EscalationRule, lead: Lead, ctx: Context, closed_at: int | None
) -> tuple[EscalationResult | None, EscalationTrace]:
    """Decide whether ``rule`` fired for the lead; with ``expect``, judge the follow-up."""
    at, note = TRIGGERS[type(rule.trigger)](rule.trigger, lead, ctx)
    if at is None:
        return None, EscalationTrace(rule.id, None, None, note=note)
    if at > ctx.as_of:
        return None, EscalationTrace(rule.id, None, at, note=f"{note}: after as-of")
    if closed_at is not None and at >= closed_at:
        return None, EscalationTrace(rule.id, None, at, note=f"{note}: the lead was closed")
    if rule.expect is None:
        return EscalationResult(rule.id, at), EscalationTrace(rule.id, at, at, note=note)
    by = add_budget(ctx.clock(None), at, rule.expect.within)
    answer = next(
        (o for o in lead.occurrences(rule.expect.event) if at <= o.at <= by), None
    )
    result = EscalationResult(
        rule.id,
        at,
        due_for_judging=by <= ctx.as_of,
        actioned=answer is not None,
        actioned_at=answer.at if answer is not None else None,
    )
    outcome = f"{rule.expect.event.name} came" if answer is not None else \
        f"no {rule.expect.event.name} yet" if by > ctx.as_of else \
        f"no {rule.expect.event.name} within {rule.expect.within.text}"
    return result, EscalationTrace(rule.id, at, at, expect_by=by, note=f"{note}; {outcome}")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
