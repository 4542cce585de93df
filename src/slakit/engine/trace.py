"""The engine's reasoning, kept for ``slakit explain``: what happened, when, and why.

The reference engine builds these alongside every result; ``run`` drops them and
``explain_lead`` returns them as a ``LeadStory``.
"""

from __future__ import annotations

from dataclasses import dataclass

from slakit.compile import CompiledSla
from slakit.engine.clock import Clock, Interval
from slakit.engine.lead import Occurrence, Row
from slakit.engine.results import LeadResult, TargetResult, WindowState
from slakit.errors import Finding


@dataclass(frozen=True)
class Context:
    """What every judge needs besides the lead and its rule."""

    sla: CompiledSla
    as_of: int
    lead_calendar: str
    """The lead's clock: its routed calendar, or ``24x7``."""

    def clock(self, calendar: str | None) -> Clock:
        """A pause-free clock on ``calendar`` (``None``: the lead's clock)."""
        name = calendar or self.lead_calendar
        return Clock(self.sla.calendar(name), name)


@dataclass(frozen=True)
class WindowTrace:
    """One cadence window as judged."""

    index: int
    """1-based, in schedule order."""
    opens_after_us: int
    """Clock time after the start at which it opens (exclusive, except window 1 at 0)."""
    ends_after_us: int
    """Clock time after the start at which it ends (inclusive)."""
    ends_at: int | None
    """The instant the clock reaches its end (``None``: paused at as-of)."""
    state: WindowState
    attempt_at: int | None = None
    """The attempt that satisfied it."""


@dataclass(frozen=True)
class TargetTrace:
    """How one target was judged for one lead."""

    result: TargetResult
    kind: str
    clock: str | None = None
    """The calendar the target's clock ran on (``None`` when it never started)."""
    budget: str | None = None
    """The budget that applied, as written (``90m`` after hours)."""
    budget_us: int | None = None
    """That budget in clock microseconds from the start."""
    start: Occurrence | None = None
    stop: Occurrence | None = None
    cancel: Occurrence | None = None
    """The first cancel at or after the start, whether or not it counted."""
    cancel_counted: bool = False
    pauses: tuple[Interval, ...] = ()
    windows: tuple[WindowTrace, ...] = ()
    until: Occurrence | None = None
    attempts: tuple[Occurrence, ...] = ()
    checked: tuple[Occurrence, ...] = ()
    """Quality: the events checked."""
    interval: tuple[int, int] | None = None
    """For a breach: the instants whose clock time the breach consumed (stage attribution)."""
    notes: tuple[str, ...] = ()
    """Plain-language reasons, in the order they were concluded."""


@dataclass(frozen=True)
class EscalationTrace:
    """One escalation for one lead: fired or not, and why."""

    escalation: str
    fired_at: int | None
    """When it fired (``None``: it did not)."""
    would_fire_at: int | None
    """When the trigger came true, before the as-of and ``closed`` cuts."""
    expect_by: int | None = None
    """With ``expect``: when its window ends."""
    note: str = ""


@dataclass(frozen=True)
class RoutingTrace:
    """Which rule routed the lead, and what the CRM did."""

    rule: str | None
    team: str | None
    calendar: str
    check: Occurrence | None = None
    """The first ``check.on`` event compared."""
    actual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class DuplicateMatch:
    """What made a lead a duplicate of its original."""

    original_first_at: int
    """The instant of the original's first event."""
    fields: tuple[str, ...]
    """The ``duplicates.match`` fields whose normalised values the two leads share."""


@dataclass(frozen=True)
class LeadStory:
    """Everything ``slakit explain`` shows about one lead."""

    result: LeadResult
    rows: tuple[Row, ...]
    """The lead's events up to as-of, in event order."""
    as_of: int
    routing: RoutingTrace
    targets: tuple[TargetTrace, ...]
    escalations: tuple[EscalationTrace, ...]
    duplicate: DuplicateMatch | None = None
    """Why the lead is a duplicate (``None`` when it is not)."""
    judged: bool = True
    """False when the lead's first event lies outside ``--from``/``--to``."""
    findings: tuple[Finding, ...] = ()
    """Findings about the lead (``requirement-never-met``); none for a duplicate."""
    marks: tuple[Occurrence, ...] = ()
    """Every occurrence of every definition the document names (``explain_lead`` only)."""
    later_rows: int = 0
    """The lead's rows after as-of, which the story leaves out (``explain_lead`` only)."""
