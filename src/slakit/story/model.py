"""What ``slakit explain`` shows about one lead: plain values, ready for any format.

Instants are epoch microseconds UTC (formats write them in ``Explanation.timezone``, the zone
of the lead's calendar); durations are microseconds. Values of personal-data columns are
already left out (or kept, with ``--show-pii``) and lead ids already pseudonymized when asked,
so a format only arranges what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SegmentKind = Literal["run", "closed", "paused"]


@dataclass(frozen=True)
class EventLine:
    """One event of the lead, as read (rows after as-of are not part of the story)."""

    at: int
    event: str
    """The event name after ``source.events`` renaming."""
    fields: tuple[tuple[str, str], ...]
    """The row's own non-empty cells, sorted by column; personal data as ``(hidden)``."""
    file: str
    """The export it came from, as given on the command line."""
    row: int
    """Its record number in that file (header = 1)."""
    happened: tuple[str, ...] = ()
    """Definitions that happened at this row (``first_attempt``, ``resolved``): every
    occurrence of a definition the document names, wherever it is used."""
    notes: tuple[str, ...] = ()
    """How its time was read, when worth a word: ``date-only-timestamp`` (read as 00:00),
    ``skipped-local-time`` (a naive time the zone skips, read an hour later)."""


@dataclass(frozen=True)
class Condition:
    """One ``when``/``for`` condition, and the lead's value of its field."""

    field: str
    allowed: tuple[str, ...]
    """The values the condition accepts, sorted (``""`` asks for the field empty)."""
    actual: str
    """The lead's value (``""`` when it has none; ``(hidden)`` for personal data)."""
    holds: bool


@dataclass(frozen=True)
class SkippedRule:
    """An earlier routing rule that did not match, and the conditions that failed."""

    name: str
    failed: tuple[Condition, ...]


@dataclass(frozen=True)
class Routing:
    """Which rule routed the lead, why, and what the CRM did."""

    rule: str | None
    """The matching rule's name (``None``: no routing, or no rule matched)."""
    index: int | None
    """Its 1-based position among the rules."""
    team: str | None
    calendar: str
    """The lead's clock: the rule's calendar, or ``24x7``."""
    matched: tuple[Condition, ...]
    """The matching rule's ``when`` conditions (empty for a catch-all)."""
    skipped: tuple[SkippedRule, ...]
    """The rules before it, each with why it did not match."""
    has_rules: bool
    """False when the document has no ``routing``."""
    check_at: int | None = None
    """The ``check.on`` event compared with the expected team."""
    actual: str | None = None
    """The team the CRM assigned (``None``: not checked)."""
    verdict: str = ""
    """``as expected``, ``misrouted``, ``not checked: ...`` or empty without ``check``."""


@dataclass(frozen=True)
class Segment:
    """A stretch of a target's clock: running, closed (outside open hours) or paused."""

    kind: SegmentKind
    start: int
    end: int
    note: str = ""
    """Why a day in it had other hours than its weekday's: ``Mon 05-25: Memorial Day``,
    ``Fri 03-20: override 08:00-12:00`` (``Calendar.day_notes``)."""


@dataclass(frozen=True)
class Window:
    """One cadence window as judged."""

    index: int
    label: str
    """The window as the schedule writes it: ``up to 15m``, ``15m-4h``."""
    opens_at: int | None
    """When the clock enters it (the start, or the previous window's end)."""
    ends_at: int | None
    """When the clock leaves it (``None``: paused at as-of)."""
    state: str
    """``satisfied``, ``excused``, ``missed`` or ``open``."""
    attempt_at: int | None = None
    """The attempt that satisfied it."""


@dataclass(frozen=True)
class Checked:
    """One event a quality target checked, and what it lacked."""

    at: int
    event: str
    definition: str
    missing: tuple[str, ...]
    """Requirement terms that failed (``next_step_date|reason_code``)."""
    disallowed: tuple[tuple[str, str], ...]
    """``(field, value)`` pairs outside ``allow`` (personal data shown as ``(hidden)``)."""


@dataclass(frozen=True)
class Moment:
    """A definition that happened, when."""

    name: str
    at: int


@dataclass(frozen=True)
class TargetStory:
    """How one target was judged for the lead."""

    id: str
    kind: str
    status: str
    sentence: str
    """The status and the reason, in one sentence."""
    detail: str
    """The engine's few words (the ``detail`` column of ``--results``)."""
    clock: str | None = None
    """The calendar its clock ran on."""
    budget: str | None = None
    """The budget that applied, as written (the ``after_hours`` one after hours)."""
    budget_us: int | None = None
    after_hours: bool = False
    started_at: int | None = None
    stopped_at: int | None = None
    due_at: int | None = None
    elapsed_us: int | None = None
    wall_us: int | None = None
    start: Moment | None = None
    stop: Moment | None = None
    cancel: Moment | None = None
    cancel_counted: bool = False
    until: Moment | None = None
    pauses: tuple[tuple[int, int | None], ...] = ()
    """Pause intervals that applied (end ``None``: still paused at as-of)."""
    pause_rule: tuple[str, str] | None = None
    """The ``pause`` as written: its ``from`` and ``to`` references."""
    segments: tuple[Segment, ...] = ()
    """The clock from its start: runs (open spans used), closed hours and pauses."""
    windows: tuple[Window, ...] = ()
    attempts: str | None = None
    """Cadence: the reference whose occurrences count as attempts."""
    checked: tuple[Checked, ...] = ()
    breach_stage: str | None = None
    notes: tuple[str, ...] = ()
    """The engine's reasoning, in the order it concluded it."""


@dataclass(frozen=True)
class EscalationStory:
    """One escalation for the lead: fired or not, and whether it was actioned."""

    id: str
    action: str
    fired_at: int | None
    note: str
    """Why it fired, or why not."""
    would_fire_at: int | None = None
    """When its trigger came true, when that was cut by as-of or the lead's closing."""
    expect_event: str | None = None
    expect_within: str | None = None
    expect_by: int | None = None
    due_for_judging: bool = False
    actioned: bool = False
    actioned_at: int | None = None


@dataclass(frozen=True)
class StageStory:
    """A stage the lead reached, and the clock time since the previous one."""

    stage: str
    at: int
    clock_us: int | None


@dataclass(frozen=True)
class FindingLine:
    """A finding about the lead (``requirement-never-met``)."""

    code: str
    level: str
    message: str


@dataclass(frozen=True)
class SkippedRow:
    """A row of the lead that the reader skipped (a bad time, no event, a broken record):
    not part of the story, and named so that a dispute can find it."""

    file: str
    row: int | None
    code: str
    message: str


@dataclass(frozen=True)
class Explanation:
    """One lead's whole story, ready for a format."""

    lead_id: str
    """The lead id as shown (the pseudonym with ``--pseudonymize``)."""
    pseudonymized: bool
    sla_name: str
    sla_title: str
    sla_sha256: str
    version: str
    as_of: int
    timezone: str
    """The zone of the lead's calendar: every time is written in it."""
    first_event_at: int
    judged: bool
    """False when the first event lies outside ``--from``/``--to``."""
    events: tuple[EventLine, ...]
    hidden: tuple[str, ...]
    """Personal-data columns the lead has that were left out (empty with ``--show-pii``)."""
    routing: Routing
    targets: tuple[TargetStory, ...]
    escalations: tuple[EscalationStory, ...]
    stages: tuple[StageStory, ...]
    findings: tuple[FindingLine, ...]
    duplicate_of: str | None = None
    closed_at: int | None = None
    outcome: str | None = None
    lost_reason: str | None = None
    skipped: tuple[SkippedRow, ...] = ()
    """The lead's own rows that were skipped, in file and row order."""
    files: tuple[str, ...] = ()
    """The input files, as given (events name theirs when there are several)."""
    duplicate_since: int | None = None
    """A duplicate: its original's first event."""
    duplicate_fields: tuple[str, ...] = ()
    """A duplicate: the ``duplicates.match`` fields it shares with its original."""
    duplicate_within: str = ""
    """A duplicate: the ``duplicates.within`` window, as written."""
    document_timezone: str = ""
    """The document's ``timezone`` (``--results`` and reports write times in it)."""
    unattributed: int = 0
    """Skipped rows of the input that name no lead (no lead id, a record with the wrong
    number of fields, a quote that never closes): one of them may have been the lead's."""
    later_rows: int = 0
    """The lead's rows after as-of: not part of the story, which is told as of as-of."""

    def __repr__(self) -> str:
        # Not the fields: the events hold the export's cells (personal data with show_pii).
        return (f"Explanation(lead={self.lead_id!r}, sla={self.sla_name!r}, "
                f"events={len(self.events)}, targets={len(self.targets)}, "
                f"judged={self.judged})")
