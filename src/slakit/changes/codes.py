"""Every change code ``slakit diff`` can report, with its fixed direction (docs/diff.md).

Directions are seen from the lead's side: ``tightened`` when the promise to the lead got
stronger (less time, more open hours, more leads covered, a higher objective), ``loosened``
when it got weaker, ``changed`` when it is neither or both.

Codes about named events (a target's ``stop``, a definition used as a ``stop``, ...) come from
one table of *roles*: whether matching more events makes the promise stronger or weaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["tightened", "loosened", "changed"]
DIRECTIONS: tuple[Direction, ...] = ("loosened", "tightened", "changed")
"""In the order the summary line names them."""


@dataclass(frozen=True)
class Code:
    """One kind of change."""

    name: str
    """The stable code, e.g. ``target-budget-tightened``."""
    direction: Direction
    """Always the same for a code."""
    summary: str
    """What the change means, in one sentence (docs/diff.md)."""


def _opposite(direction: Direction) -> Direction:
    if direction == "tightened":
        return "loosened"
    if direction == "loosened":
        return "tightened"
    return "changed"


@dataclass(frozen=True)
class Role:
    """A place where a document names something that happens, and what matching more means."""

    name: str
    """As it appears in codes: ``stop``, ``pause-from``, ``expect-event``."""
    key: str
    """As it is written in a document: ``stop``, ``pause.from``, ``expect.event``."""
    widened: Direction
    """The direction when it matches more events (``changed``: no direction either way)."""
    effect: str
    """What matching more events does, for messages and docs."""

    @property
    def narrowed(self) -> Direction:
        """The direction when it matches fewer events."""
        return _opposite(self.widened)


ROLES: dict[str, Role] = {
    r.name: r
    for r in (
        Role("start", "start", "changed", "the clock may start earlier, and for more leads"),
        Role("stop", "stop", "loosened", "the clock stops on more events"),
        Role("cancel", "cancel", "loosened", "more leads are cancelled instead of judged"),
        Role("pause-from", "pause.from", "loosened", "the clock pauses more"),
        Role("pause-to", "pause.to", "tightened", "paused clocks resume sooner"),
        Role("attempts", "attempts", "loosened", "more events fill a cadence window"),
        Role("until", "until", "loosened", "more cadence windows are excused"),
        Role("on", "on", "changed", "other events are checked"),
        Role("each", "each", "tightened", "more events must pass the check"),
        Role("closed", "closed", "loosened", "leads close sooner: no escalation, no aging"),
        Role("count", "count", "tightened", "the escalation counts more events, fires sooner"),
        Role("since", "since", "changed", "the escalation measures from other events"),
        Role("without", "without", "loosened", "more events prevent the escalation"),
        Role("expect-event", "expect.event", "loosened", "more events action the escalation"),
        Role("stage", "stages", "changed", "delay is attributed differently"),
        Role("check", "routing.check.on", "changed", "the routing check reads other events"),
    )
}
"""How each role's direction follows from matching more events."""

TARGET_ROLES = ("start", "stop", "cancel", "pause-from", "pause-to", "attempts", "until", "on",
                "each")
ESCALATION_ROLES = ("count", "since", "without", "expect-event")
OPTIONAL_ROLES = ("cancel", "until", "without", "closed")
"""Roles whose field may be absent: adding one matches more than nothing (``widened``)."""


def _role_codes() -> list[Code]:
    codes: list[Code] = []
    owners = [("target", r) for r in TARGET_ROLES] + [("escalation", r) for r in ESCALATION_ROLES]
    owners.append(("", "closed"))
    for owner, name in owners:
        role = ROLES[name]
        prefix = f"{owner}-{name}" if owner else name
        key = f"`{role.key}`"
        if role.widened != "changed":
            codes.append(Code(f"{prefix}-widened", role.widened,
                              f"{key} matches more events: {role.effect}"))
            codes.append(Code(f"{prefix}-narrowed", role.narrowed, f"{key} matches fewer events"))
        codes.append(Code(f"{prefix}-changed", "changed",
                          f"{key} matches other events (neither more nor fewer)"
                          if role.widened != "changed" else
                          f"{key} matches other, more or fewer events (no direction here)"))
        if name in OPTIONAL_ROLES:
            codes.append(Code(f"{prefix}-added", role.widened, f"{key} was added: {role.effect}"))
            codes.append(Code(f"{prefix}-removed", role.narrowed, f"{key} was removed"))
    for role in ROLES.values():
        if role.widened != "changed":
            key = f"`{role.key}`"
            codes.append(Code(f"definition-{role.name}-widened", role.widened,
                              f"used as {key}, it matches more events: {role.effect}"))
            codes.append(Code(f"definition-{role.name}-narrowed", role.narrowed,
                              f"used as {key}, it matches fewer events"))
    return codes


_FIXED: tuple[tuple[str, Direction, str], ...] = (
    # document
    ("name-changed", "changed", "the document's name changed"),
    ("title-changed", "changed", "the document's title changed"),
    ("owner-changed", "changed", "the document's owner changed"),
    ("timezone-changed", "changed", "the document's time zone changed"),
    # source
    ("source-columns-changed", "changed", "a column mapping of the export changed"),
    ("source-events-changed", "changed", "a renaming of raw event values changed"),
    ("source-format-changed", "changed",
     "how the export is read changed (timestamp formats, zone, nulls, delimiter, encoding, "
     "order, shape)"),
    ("source-milestones-changed", "changed", "a milestone column of a wide export changed"),
    ("source-pii-changed", "changed", "the extra personal-data columns changed"),
    # calendars
    ("calendar-added", "changed", "a calendar was added"),
    ("calendar-removed", "changed", "a calendar was removed"),
    ("calendar-timezone-changed", "changed", "a calendar's time zone changed"),
    ("calendar-hours-added", "tightened",
     "a weekday got more open hours: the clock runs more, leads are answered sooner"),
    ("calendar-hours-reduced", "loosened",
     "a weekday got fewer open hours: the clock runs less"),
    ("calendar-hours-changed", "changed",
     "a weekday's open hours moved (some added, some removed), or changed in a document whose "
     "leads open time can move either way (Nbd durations, a cadence target, an after_hours "
     "budget shorter than within)"),
    ("override-hours-added", "tightened", "a one-off date got more open hours"),
    ("override-hours-reduced", "loosened", "a one-off date got fewer open hours"),
    ("override-hours-changed", "changed",
     "a one-off date's open hours moved, or changed in a document whose leads open time can "
     "move either way"),
    ("holiday-calendar-added", "loosened", "public holidays (country or subdivision) now close"
     " the calendar"),
    ("holiday-calendar-removed", "tightened", "public holidays no longer close the calendar"),
    ("holiday-calendar-changed", "changed", "the holiday country or subdivision changed, or "
     "was added or removed in a document whose leads open time can move either way"),
    ("holiday-added", "loosened", "an extra closed date was added"),
    ("holiday-removed", "tightened", "an extra closed date was removed"),
    ("holiday-exclusion-added", "tightened", "a public holiday is now worked as usual"),
    ("holiday-exclusion-removed", "loosened", "a public holiday worked as usual closes again"),
    ("holiday-changed", "changed", "a date closes or opens again (include or exclude), in a "
     "document whose leads open time can move either way"),
    # definitions
    ("definition-added", "changed", "an unused definition was added"),
    ("definition-removed", "changed", "an unused definition was removed"),
    ("definition-changed", "changed",
     "it matches other events, or more or fewer events have no direction where it is used"),
    # routing
    ("routing-added", "changed", "routing was added"),
    ("routing-removed", "changed", "routing was removed: every lead runs on 24x7"),
    ("routing-check-changed", "changed", "the routing check was added, removed or changed"),
    ("routing-rule-added", "changed", "a routing rule was added"),
    ("routing-rule-removed", "changed", "a routing rule was removed"),
    ("routing-rule-reordered", "changed", "a routing rule moved: the first matching rule wins"),
    ("routing-rule-condition-changed", "changed", "a routing rule's `when` changed"),
    ("routing-rule-team-changed", "changed", "a routing rule's team changed"),
    ("routing-rule-calendar-changed", "changed", "a routing rule's calendar changed"),
    # stages
    ("stage-added", "changed", "a stage was added"),
    ("stage-removed", "changed", "a stage was removed"),
    ("stage-reordered", "changed", "a stage moved"),
    # targets
    ("target-added", "tightened", "a target was added: a new promise"),
    ("target-removed", "loosened", "a target was removed: a promise dropped"),
    ("target-kind-changed", "changed", "a target's kind changed"),
    ("target-title-changed", "changed", "a target's title changed"),
    ("target-scope-widened", "tightened", "`for` covers more leads"),
    ("target-scope-narrowed", "loosened", "`for` covers fewer leads"),
    ("target-scope-changed", "changed", "`for` covers other leads"),
    ("target-calendar-changed", "changed", "a target's clock changed"),
    ("target-objective-raised", "tightened", "a target's objective went up"),
    ("target-objective-lowered", "loosened", "a target's objective went down"),
    ("target-objective-added", "tightened", "a target got an objective: it can fail the run"),
    ("target-objective-removed", "loosened", "a target lost its objective: it never fails"),
    ("target-budget-tightened", "tightened", "`within` got shorter"),
    ("target-budget-loosened", "loosened", "`within` got longer"),
    ("target-budget-changed", "changed", "`within` changed unit (clock time and business days)"),
    ("target-after-hours-tightened", "tightened", "the after-hours budget got shorter"),
    ("target-after-hours-loosened", "loosened", "the after-hours budget got longer"),
    ("target-after-hours-changed", "changed", "the after-hours budget changed unit"),
    ("target-warn-changed", "changed", "the at-risk share changed"),
    ("target-pause-added", "loosened", "a target's clock can now pause"),
    ("target-pause-removed", "tightened", "a target's clock no longer pauses"),
    ("target-schedule-tightened", "tightened", "the last cadence window ends earlier"),
    ("target-schedule-loosened", "loosened", "the last cadence window ends later"),
    ("target-schedule-window-added", "tightened", "a cadence window was added: one more attempt"),
    ("target-schedule-window-removed", "loosened", "a cadence window was removed"),
    ("target-schedule-changed", "changed",
     "the cadence windows moved so that neither schedule's windows hold the other's (a window "
     "end moved, or the units changed): an attempt can change windows and leads go either "
     "way"),
    ("target-require-tightened", "tightened", "a quality target requires more"),
    ("target-require-loosened", "loosened", "a quality target requires less"),
    ("target-require-changed", "changed", "a quality target requires other fields"),
    ("target-allow-widened", "loosened", "more values are allowed"),
    ("target-allow-narrowed", "tightened", "fewer values are allowed"),
    ("target-allow-changed", "changed", "other values are allowed"),
    # escalations
    ("escalation-added", "tightened", "an escalation was added"),
    ("escalation-removed", "loosened", "an escalation was removed"),
    ("escalation-trigger-changed", "changed", "an escalation's kind of trigger changed"),
    ("escalation-threshold-raised", "loosened",
     "an escalation fires later (`reaches`, `over`, `after` or `at` larger)"),
    ("escalation-threshold-lowered", "tightened", "an escalation fires sooner"),
    ("escalation-threshold-changed", "changed", "an escalation's threshold changed unit"),
    ("escalation-unmet-tightened", "tightened", "an `unmet` escalation requires more"),
    ("escalation-unmet-loosened", "loosened", "an `unmet` escalation requires less"),
    ("escalation-unmet-changed", "changed", "an `unmet` escalation requires other fields"),
    ("escalation-target-changed", "changed", "an escalation watches another target"),
    ("escalation-action-changed", "changed", "an escalation's action changed"),
    ("escalation-expect-added", "tightened", "an escalation must now be actioned in time"),
    ("escalation-expect-removed", "loosened", "an escalation no longer has to be actioned"),
    ("escalation-expect-tightened", "tightened", "less time to action an escalation"),
    ("escalation-expect-loosened", "loosened", "more time to action an escalation"),
    ("escalation-expect-changed", "changed", "the time to action an escalation changed unit"),
    # the rest
    ("duplicates-added", "changed", "repeat inquiries are now recognised"),
    ("duplicates-removed", "changed", "repeat inquiries are no longer recognised"),
    ("duplicates-match-changed", "changed", "the fields that make leads repeats changed"),
    ("duplicates-window-changed", "changed", "the repeat window changed"),
    ("raci-owner-changed", "changed", "who is responsible, accountable, consulted or informed"),
    ("outcomes-changed", "changed", "how outcomes are read or classified changed"),
    ("report-segments-changed", "changed", "the default segments changed"),
    ("report-aging-changed", "changed", "the aging buckets changed"),
    ("report-views-changed", "changed", "an audience view changed"),
)


def _build() -> dict[str, Code]:
    codes = [Code(n, d, s) for n, d, s in _FIXED]
    codes += _role_codes()
    registry: dict[str, Code] = {}
    for code in codes:
        if code.name in registry:
            raise AssertionError(f"duplicate change code {code.name}")
        registry[code.name] = code
    return registry


CODES: dict[str, Code] = _build()
"""The registry: code name -> ``Code``."""
