"""Per-lead results: what every engine produces and every report reads.

Instants are epoch microseconds UTC (``None`` when not applicable); clock and wall durations
are microseconds. Both engines (reference and columnar) must produce equal ``LeadResult``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from slakit.errors import Finding

Status = Literal[
    "met", "breached", "pending", "at_risk", "cancelled", "not_applicable", "duplicate"
]
STATUSES: tuple[Status, ...] = (
    "met", "breached", "pending", "at_risk", "cancelled", "not_applicable", "duplicate",
)
WindowState = Literal["satisfied", "excused", "missed", "open"]


@dataclass(frozen=True)
class TargetResult:
    """One lead judged against one target, as of ``--as-of``."""

    target: str
    """The target's id."""
    status: Status
    started_at: int | None = None
    """When the clock started (the ``start`` definition happened)."""
    stopped_at: int | None = None
    """The stop (response), the last counted attempt (cadence) or the ``on`` event (quality)."""
    due_at: int | None = None
    """When the budget runs out; for cadence the end of the first open window."""
    elapsed_us: int | None = None
    """Clock time used up to the stop, the cancel, or as-of while running."""
    wall_us: int | None = None
    """Wall time over the same interval (pauses and closed hours included)."""
    after_hours: bool = False
    """The start fell outside its day's open envelope, so ``after_hours`` was the budget."""
    detail: str = ""
    """Why, in a few words: "missing next_step_date|reason_code", "window 2 missed"."""
    missing: tuple[str, ...] = ()
    """Quality: the requirement terms that failed (``next_step_date|reason_code``)."""
    disallowed: tuple[tuple[str, str], ...] = ()
    """Quality ``each``/``allow``: one (field, value) per offending event and field."""
    events_checked: int = 0
    """Quality ``each``: how many matching events were checked."""
    events_offending: int = 0
    """Quality: how many of the checked events failed ``require`` or ``allow``."""
    windows: tuple[WindowState, ...] = ()
    """Cadence: the state of each window in schedule order."""
    pauses: tuple[tuple[int, int | None], ...] = ()
    """Response/cadence: the pause intervals that applied (end ``None`` while still paused)."""
    breach_stage: str | None = None
    """For breaches: the stage (``from->to``) that consumed most of the clock time."""


@dataclass(frozen=True)
class EscalationResult:
    """One escalation that fired for a lead."""

    escalation: str
    fired_at: int
    due_for_judging: bool = False
    """Its ``expect.within`` window ended by as-of (always False without ``expect``)."""
    actioned: bool = False
    """The expected event came within the window."""
    actioned_at: int | None = None


@dataclass(frozen=True)
class StageResult:
    """A stage the lead reached, and the clock time since the previous reached stage."""

    stage: str
    reached_at: int
    from_stage: str | None
    """The previous reached stage (``None`` for the first)."""
    clock_us: int | None
    """Clock time from the previous reached stage (``None`` for the first)."""


def stage_row(names: list[str], k: int) -> str:
    """The report row of the stage at list index ``k >= 1``: ``previous->stage``."""
    return f"{names[k - 1]}->{names[k]}"


def stage_indices(names: list[str], reached: tuple[StageResult, ...]) -> list[int]:
    """The list index of each reached stage (reached stages come in list order)."""
    out: list[int] = []
    k = 0
    for r in reached:
        while names[k] != r.stage:
            k += 1
        out.append(k)
        k += 1
    return out


@dataclass(frozen=True)
class LeadResult:
    """Everything the engine concluded about one lead."""

    lead_id: str
    first_event_at: int
    attributes: dict[str, str]
    """The lead's attributes (first non-empty value per column, up to as-of) the report uses:
    segment fields and ``team``; never PHI columns."""
    rule: str | None
    """The routing rule that matched (``None`` without routing or without a match)."""
    team: str | None
    calendar: str
    """The lead's clock: the routed calendar's name, or ``24x7``."""
    duplicate_of: str | None = None
    targets: tuple[TargetResult, ...] = ()
    escalations: tuple[EscalationResult, ...] = ()
    routing_actual: str | None = None
    """The team on the first ``check.on`` event; ``None`` when not checked."""
    stages: tuple[StageResult, ...] = ()
    closed_at: int | None = None
    """When ``closed`` happened (``None``: still open at as-of)."""
    outcome: str | None = None
    """The last non-empty value of ``outcomes.field``."""
    lost_reason: str | None = None
    age_us: int | None = None
    """Open leads: clock age from the first event to as-of (for aging)."""
    findings: tuple[str, ...] = field(default=())
    """Finding codes about this lead (e.g. ``requirement-never-met``)."""

    @property
    def routing_checked(self) -> bool:
        """True when the routing check found an event to compare."""
        return self.routing_actual is not None


@dataclass(frozen=True)
class EngineOutput:
    """What an engine run produces: the judged leads and the as-of accounting."""

    leads: list[LeadResult]
    """One result per judged lead, sorted by ``lead_id``."""
    as_of: int
    """The instant the leads were judged at (default: the latest timestamp in the input)."""
    after_as_of_rows: int
    """Rows later than ``as_of``: excluded from judgement and counted apart."""
    findings: list[Finding]
    """Observations about leads (``requirement-never-met``, ...); never PHI."""
