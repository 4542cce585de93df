"""Response targets: the clock from ``start`` to ``stop`` against a budget (LANGUAGE.md s. 3).

The clock starts at the first ``start``, stops at the first ``stop`` at or after it, and
stands still between a ``pause.from`` and the next ``pause.to``. A start outside its day's
envelope gets the ``after_hours`` budget. ``s``/``m``/``h``: met when the clock time used is at
most the budget; ``Nbd``: met when the stop is at or before ``due_at``. A cancel counts when it
comes at or after the start, before the stop, while a stop would still have been in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from slakit.compile import Budget, ResponseRule, conditions_hold
from slakit.engine.clock import Clock, pause_intervals
from slakit.engine.lead import Lead, Occurrence
from slakit.engine.results import Status, TargetResult
from slakit.engine.trace import Context, TargetTrace
from slakit.model import Percent


@dataclass(frozen=True)
class Running:
    """A started response clock, its stop or cancel, and its due time."""

    start: Occurrence
    budget: Budget
    """The budget that applies: ``after_hours`` for an after-hours start, else ``within``."""
    budget_us: int
    """The budget in clock microseconds from the start (``Nbd``: open time to its due)."""
    after_hours: bool
    clock: Clock
    """The target's clock as it ran (``Clock.ran``: the pauses begun before the stop or the
    counted cancel, whole; open at as-of when still paused)."""
    stop: Occurrence | None
    cancel: Occurrence | None
    """The first cancel at or after the start, counted or not."""
    cancel_counted: bool
    due_at: int | None
    """When the budget is used up (``None`` while paused at as-of)."""

    @property
    def ended_at(self) -> int | None:
        """The stop or the counted cancel (``None``: still running at as-of)."""
        if self.cancel_counted and self.cancel is not None:
            return self.cancel.at
        return self.stop.at if self.stop is not None else None


def start_clock(rule: ResponseRule, lead: Lead, ctx: Context) -> Running | None:
    """Start the target's clock for the lead (``None`` when ``start`` never happened)."""
    first = lead.first(rule.start)
    if first is None:
        return None
    start = first.at
    bare = ctx.clock(rule.calendar)
    after_hours = rule.after_hours is not None and bare.calendar.is_after_hours(start)
    budget = rule.after_hours if after_hours and rule.after_hours is not None else rule.within
    clock = Clock(bare.calendar, bare.name, pause_intervals(rule.pause, lead))
    stop = lead.first_at_or_after(rule.stop, start)
    cancel = lead.first_at_or_after(rule.cancel, start) if rule.cancel is not None else None
    counted = (
        cancel is not None
        and (stop is None or cancel.at < stop.at)
        and clock.clipped(start, cancel.at).in_time(start, budget, cancel.at)
    )
    ended = cancel.at if counted and cancel is not None else stop.at if stop is not None else None
    clock = clock.ran(start, ended)
    return Running(
        first, budget, clock.amount(start, budget), after_hours, clock, stop, cancel, counted,
        clock.due(start, budget),
    )


def not_applicable(rule_id: str, kind: str, why: str) -> TargetTrace:
    """The trace of a lead outside a target."""
    return TargetTrace(TargetResult(rule_id, "not_applicable", detail=why), kind, notes=(why,))


def judge_response(rule: ResponseRule, lead: Lead, ctx: Context) -> TargetTrace:
    """Judge one lead against a response target, as of ``ctx.as_of``."""
    if not conditions_hold(rule.for_, lead.attributes):
        return not_applicable(rule.id, rule.kind, "outside for")
    run = start_clock(rule, lead, ctx)
    if run is None:
        return not_applicable(rule.id, rule.kind, f"{rule.start.name} never happened")
    start, clock, budget = run.start.at, run.clock, run.budget
    notes = [f"the clock starts at {run.start.name} and runs on {clock.name}"]
    if run.after_hours:
        notes.append(f"the start is after hours: the budget is {budget.text}")
    if run.cancel is not None and not run.cancel_counted:
        late = run.stop is not None and run.cancel.at >= run.stop.at
        notes.append(f"{run.cancel.name} came after the "
                     f"{'stop' if late else 'budget ran out'}: it does not cancel")
    status: Status
    interval: tuple[int, int] | None = None
    if run.cancel_counted and run.cancel is not None:
        end = run.cancel.at
        status, detail = "cancelled", f"cancelled by {run.cancel.name}"
    elif run.stop is not None:
        end = run.stop.at
        met = clock.in_time(start, budget, end)
        status = "met" if met else "breached"
        detail = f"{run.stop.name} within {budget.text}" if met else \
            f"{run.stop.name} after {budget.text}"
    else:
        end = ctx.as_of
        status, detail = _running(rule, run, clock.elapsed(start, end), end)
        if clock.pauses and clock.pauses[-1][1] is None:
            detail += "; paused"
    if status == "breached":
        interval = (start, end)
    if run.after_hours:
        detail += "; after hours"
    notes.append(detail)
    result = TargetResult(
        rule.id,
        status,
        started_at=start,
        stopped_at=run.stop.at if run.stop is not None and not run.cancel_counted else None,
        due_at=run.due_at,
        elapsed_us=clock.elapsed(start, end),
        wall_us=end - start,
        after_hours=run.after_hours,
        detail=detail,
        pauses=clock.pauses,
    )
    return TargetTrace(
        result, rule.kind, clock=clock.name, budget=budget.text, budget_us=run.budget_us,
        start=run.start, stop=run.stop, cancel=run.cancel, cancel_counted=run.cancel_counted,
        pauses=clock.pauses, interval=interval, notes=tuple(notes),
    )


def _running(rule: ResponseRule, run: Running, used: int, now: int) -> tuple[Status, str]:
    """Status of a clock still running at as-of, having used ``used`` clock time: breached
    once the whole budget is used, at or after ``due_at`` (LANGUAGE.md: "still running with
    the budget used up"; "100% is the breach")."""
    budget = run.budget
    if budget.bd is None:
        over = used >= run.budget_us
    else:
        over = run.due_at is not None and now >= run.due_at
    if over:
        return "breached", f"no {rule.stop.name}; {budget.text} used up"
    warn = rule.warn
    if warn is not None and used * warn.denominator >= run.budget_us * warn.numerator:
        return "at_risk", f"running; at least {percent_text(warn)} of {budget.text} used"
    return "pending", "running"


def percent_text(share: Fraction) -> str:
    """Write a share as documents do: ``80%``, ``99.5%`` (``Percent``'s own text)."""
    return str(Percent(share))
