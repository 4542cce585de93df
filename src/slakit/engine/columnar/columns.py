"""Per-lead results as arrays, and their materialization into ``LeadResult``s.

The columnar engine fills one ``TargetColumns`` per target and one ``EscalationColumns`` per
escalation; a result made whole one lead at a time (a breached quality target's detail) is in
``given``. ``LeadColumns.results()`` turns everything into the exact ``LeadResult``s the
reference engine returns (the differential tests compare them field by field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from slakit.engine.columnar.frame import I64, NONE, Bools
from slakit.engine.results import (
    STATUSES,
    EscalationResult,
    LeadResult,
    StageResult,
    TargetResult,
    WindowState,
)

Objects = NDArray[np.object_]

CODE = {s: i for i, s in enumerate(STATUSES)}
"""Status -> its code in ``TargetColumns.status``."""
MET, BREACHED, PENDING, AT_RISK, CANCELLED, NOT_APPLICABLE, DUPLICATE = range(7)
WINDOW_STATES: tuple[WindowState, ...] = ("satisfied", "excused", "missed", "open")


T = TypeVar("T")


def _fast(cls: type[T], values: dict[str, Any]) -> T:
    """Make a frozen dataclass instance without running ``__init__`` (all fields given)."""
    obj: T = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


def _opt(x: int) -> int | None:
    return None if x == NONE else x


@dataclass
class TargetColumns:
    """One target over every lead."""

    id: str
    status: NDArray[np.int8]
    detail: Objects
    started: I64
    stopped: I64
    due: I64
    elapsed: I64
    wall: I64
    after_hours: Bools
    events_checked: NDArray[np.int32]
    breach_stage: Objects
    given: dict[int, TargetResult] = field(default_factory=dict)
    """Leads whose result was made whole one by one (quality details)."""
    windows: NDArray[np.int8] | None = None
    """Cadence: per lead and window, the index of its state in ``WINDOW_STATES`` (-1: none)."""
    pauses: dict[int, tuple[tuple[int, int | None], ...]] = field(default_factory=dict)
    """The pause intervals that applied, for the leads that had any."""

    @classmethod
    def empty(cls, target_id: str, count: int) -> TargetColumns:
        """Every lead ``not_applicable`` with no detail yet."""
        def none() -> I64:
            return np.full(count, NONE, dtype=np.int64)
        return cls(
            target_id,
            np.full(count, NOT_APPLICABLE, dtype=np.int8),
            np.full(count, "", dtype=object),
            none(), none(), none(), none(), none(),
            np.zeros(count, dtype=bool),
            np.zeros(count, dtype=np.int32),
            np.full(count, None, dtype=object),
        )

    def result(self, k: int) -> TargetResult:
        """The ``TargetResult`` of lead ``k``."""
        given = self.given.get(k)
        if given is not None:
            return given
        return _fast(TargetResult, {
            "target": self.id,
            "status": STATUSES[int(self.status[k])],
            "started_at": _opt(int(self.started[k])),
            "stopped_at": _opt(int(self.stopped[k])),
            "due_at": _opt(int(self.due[k])),
            "elapsed_us": _opt(int(self.elapsed[k])),
            "wall_us": _opt(int(self.wall[k])),
            "after_hours": bool(self.after_hours[k]),
            "detail": self.detail[k],
            "missing": (),
            "disallowed": (),
            "events_checked": int(self.events_checked[k]), "events_offending": 0,
            "windows": self.window_states(k),
            "pauses": self.pauses.get(k, ()),
            "breach_stage": self.breach_stage[k],
        })

    def results(self, leads: NDArray[np.intp]) -> list[TargetResult]:
        """The ``TargetResult`` of each of ``leads`` (``result`` in bulk)."""
        none = NONE
        if self.windows is not None and self.windows.shape[1]:
            win = [() if row[0] < 0 else tuple(WINDOW_STATES[x] for x in row)
                   for row in self.windows[leads].tolist()]
        else:
            win = [()] * int(leads.size)
        out: list[TargetResult] = []
        given = self.given
        for k, st, a, b, c, d, e, ah, det, ev, bs, w in zip(
            leads.tolist(), self.status[leads].tolist(), self.started[leads].tolist(),
            self.stopped[leads].tolist(), self.due[leads].tolist(),
            self.elapsed[leads].tolist(), self.wall[leads].tolist(),
            self.after_hours[leads].tolist(), self.detail[leads].tolist(),
            self.events_checked[leads].tolist(), self.breach_stage[leads].tolist(), win,
            strict=True,
        ):
            g = given.get(k)
            if g is not None:
                out.append(g)
                continue
            out.append(_fast(TargetResult, {
                "target": self.id, "status": STATUSES[st],
                "started_at": None if a == none else a,
                "stopped_at": None if b == none else b,
                "due_at": None if c == none else c,
                "elapsed_us": None if d == none else d,
                "wall_us": None if e == none else e,
                "after_hours": ah, "detail": det, "missing": (), "disallowed": (),
                "events_checked": ev, "events_offending": 0, "windows": w,
                "pauses": self.pauses.get(k, ()),
                "breach_stage": bs,
            }))
        return out

    def window_states(self, k: int) -> tuple[WindowState, ...]:
        """Cadence window states of lead ``k`` (empty when not judged on windows)."""
        if self.windows is None or self.windows.shape[1] == 0 or self.windows[k, 0] < 0:
            return ()
        return tuple(WINDOW_STATES[int(x)] for x in self.windows[k])

    def status_of(self, k: int) -> int:
        """The status code of lead ``k`` (``given`` results included)."""
        given = self.given.get(k)
        return CODE[given.status] if given is not None else int(self.status[k])


@dataclass
class EscalationColumns:
    """One escalation over every lead: when it fired (``NONE``: it did not)."""

    id: str
    fired: I64
    due_for_judging: Bools
    actioned: Bools
    actioned_at: I64
    given: dict[int, EscalationResult | None] = field(default_factory=dict)

    @classmethod
    def empty(cls, esc_id: str, count: int) -> EscalationColumns:
        """Fired for no lead."""
        return cls(esc_id, np.full(count, NONE, np.int64), np.zeros(count, bool),
                   np.zeros(count, bool), np.full(count, NONE, np.int64))

    def result(self, k: int) -> EscalationResult | None:
        """The escalation's result for lead ``k`` (``None``: it did not fire)."""
        if k in self.given:
            return self.given[k]
        at = int(self.fired[k])
        if at == NONE:
            return None
        return _fast(EscalationResult, {
            "escalation": self.id,
            "fired_at": at,
            "due_for_judging": bool(self.due_for_judging[k]),
            "actioned": bool(self.actioned[k]),
            "actioned_at": _opt(int(self.actioned_at[k])),
        })


@dataclass
class LeadColumns:
    """Everything the columnar engine concluded, one array entry per lead."""

    lead_ids: list[str]
    first_event_at: I64
    attribute_values: dict[str, Objects]
    """Per report attribute (segment fields and ``team``, no PHI): each lead's value or
    ``None``."""
    attribute_codes: dict[str, tuple[NDArray[np.int32], list[str]]]
    """The same as dictionary codes (-1: empty) and their distinct values."""
    rule: Objects
    team: Objects
    calendar: Objects
    duplicate_of: Objects
    closed_at: I64
    routing_actual: Objects
    outcome: Objects
    lost_reason: Objects
    age_us: I64
    findings: Bools
    stage_names: tuple[str, ...]
    stage_at: list[I64]
    """Per stage: when each lead reached it (``NONE``: skipped)."""
    stage_clock: list[I64]
    """Per stage: clock time from the previous reached stage."""
    targets: list[TargetColumns]
    escalations: list[EscalationColumns]
    judged: NDArray[np.intp]
    """The leads to report (``--from``/``--to``), ascending."""
    age_bucket: NDArray[np.int64] | None = None
    """Per lead: its aging bucket (-1: not aged); ``None`` without ``report.aging``."""

    def attributes(self, k: int) -> dict[str, str]:
        """Lead ``k``'s report attributes."""
        return {c: v[k] for c, v in self.attribute_values.items() if v[k] is not None}

    def lead(self, k: int) -> LeadResult:
        """The ``LeadResult`` of lead ``k``."""
        dup = self.duplicate_of[k]
        targets = tuple(t.result(k) for t in self.targets)
        if dup is not None:
            stages: tuple[StageResult, ...] = ()
            escalations: tuple[EscalationResult, ...] = ()
        else:
            stages = self.stages(k)
            escalations = tuple(
                e for e in (esc.result(k) for esc in self.escalations) if e is not None
            )
        live = dup is None
        return _fast(LeadResult, {
            "lead_id": self.lead_ids[k],
            "first_event_at": int(self.first_event_at[k]),
            "attributes": self.attributes(k),
            "rule": self.rule[k],
            "team": self.team[k],
            "calendar": self.calendar[k],
            "duplicate_of": dup,
            "targets": targets,
            "escalations": escalations,
            "routing_actual": self.routing_actual[k] if live else None,
            "stages": stages,
            "closed_at": _opt(int(self.closed_at[k])),
            "outcome": self.outcome[k] if live else None,
            "lost_reason": self.lost_reason[k] if live else None,
            "age_us": _opt(int(self.age_us[k])) if live else None,
            "findings": ("requirement-never-met",) if live and self.findings[k] else (),
        })

    def stages(self, k: int) -> tuple[StageResult, ...]:
        """The stages lead ``k`` reached, in order."""
        out: list[StageResult] = []
        prev: str | None = None
        for name, at, clock in zip(self.stage_names, self.stage_at, self.stage_clock,
                                   strict=True):
            when = int(at[k])
            if when == NONE:
                continue
            out.append(_fast(StageResult, {
                "stage": name, "reached_at": when, "from_stage": prev,
                "clock_us": None if prev is None else int(clock[k]),
            }))
            prev = name
        return tuple(out)

    def results(self) -> list[LeadResult]:
        """Every judged lead's ``LeadResult``, in lead-id order."""
        judged = self.judged
        per_target = [t.results(judged) for t in self.targets]
        attrs = [(c, v[judged].tolist()) for c, v in self.attribute_values.items()]
        out: list[LeadResult] = []
        none = NONE
        columns = zip(
            judged.tolist(), self.first_event_at[judged].tolist(), self.rule[judged].tolist(),
            self.team[judged].tolist(), self.calendar[judged].tolist(),
            self.duplicate_of[judged].tolist(), self.closed_at[judged].tolist(),
            self.routing_actual[judged].tolist(), self.outcome[judged].tolist(),
            self.lost_reason[judged].tolist(), self.age_us[judged].tolist(),
            self.findings[judged].tolist(), strict=True,
        )
        for i, (k, first, rule, team, cal, dup, closed, actual, outcome, reason, age,
                finding) in enumerate(columns):
            live = dup is None
            if live:
                stages = self.stages(k) if self.stage_names else ()
                escalations = tuple(
                    e for e in (esc.result(k) for esc in self.escalations) if e is not None
                )
            else:
                stages, escalations = (), ()
            out.append(_fast(LeadResult, {
                "lead_id": self.lead_ids[k],
                "first_event_at": first,
                "attributes": {c: v[i] for c, v in attrs if v[i] is not None},
                "rule": rule, "team": team, "calendar": cal, "duplicate_of": dup,
                "targets": tuple(t[i] for t in per_target),
                "escalations": escalations,
                "routing_actual": actual if live else None,
                "stages": stages,
                "closed_at": None if closed == none else closed,
                "outcome": outcome if live else None,
                "lost_reason": reason if live else None,
                "age_us": None if age == none or not live else age,
                "findings": ("requirement-never-met",) if live and finding else (),
            }))
        return out
