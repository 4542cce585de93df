"""``slakit explain -f json``: the story as a stable JSON document.

Keys come in a fixed order, times are ISO 8601 with the offset of the lead's calendar zone
(to the second), durations are minutes rounded half-even to 2 decimals; the same inputs give
the same bytes. ``explain_version`` changes when the layout breaks.
"""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from slakit.report import safe
from slakit.report.numbers import instant, minutes
from slakit.story.model import (
    Checked,
    Condition,
    EscalationStory,
    EventLine,
    Explanation,
    Moment,
    Routing,
    Segment,
    TargetStory,
    Window,
)

EXPLAIN_VERSION = 1


class JsonFormat:
    """The story as JSON (see ``docs/explain.md`` for every key)."""

    name = "json"

    def render(self, story: Explanation, *, color: bool = False) -> str:
        """Return the JSON document, ending with a newline."""
        return safe.json_text(json.dumps(as_data(story), indent=2, ensure_ascii=False)) + "\n"


def as_data(story: Explanation) -> dict[str, Any]:
    """The story as plain JSON-ready data."""
    zone = ZoneInfo(story.timezone)

    def at(us: int | None) -> str | None:
        return instant(us, zone) if us is not None else None

    def moment(m: Moment | None) -> dict[str, Any] | None:
        return {"name": m.name, "at": at(m.at)} if m is not None else None

    def condition(c: Condition) -> dict[str, Any]:
        return {"field": c.field, "allowed": list(c.allowed), "actual": c.actual,
                "holds": c.holds}

    def event(e: EventLine) -> dict[str, Any]:
        return {"at": at(e.at), "event": e.event, "fields": dict(e.fields), "file": e.file,
                "row": e.row, "happened": list(e.happened), "notes": list(e.notes)}

    def routing(r: Routing) -> dict[str, Any]:
        return {"rule": r.rule, "index": r.index, "team": r.team, "calendar": r.calendar,
                "matched": [condition(c) for c in r.matched],
                "skipped": [{"rule": s.name, "failed": [condition(c) for c in s.failed]}
                            for s in r.skipped],
                "check": {"at": at(r.check_at), "actual": r.actual, "verdict": r.verdict}
                if r.verdict else None}

    def segment(s: Segment) -> dict[str, Any]:
        return {"kind": s.kind, "from": at(s.start), "to": at(s.end),
                "minutes": minutes(s.end - s.start), "note": s.note or None}

    def window(w: Window) -> dict[str, Any]:
        return {"index": w.index, "window": w.label, "opens_at": at(w.opens_at),
                "ends_at": at(w.ends_at), "state": w.state, "attempt_at": at(w.attempt_at)}

    def checked(c: Checked) -> dict[str, Any]:
        return {"at": at(c.at), "event": c.event, "definition": c.definition,
                "missing": list(c.missing),
                "disallowed": [{"field": f, "value": v} for f, v in c.disallowed]}

    def target(t: TargetStory) -> dict[str, Any]:
        return {
            "id": t.id, "kind": t.kind, "status": t.status, "sentence": t.sentence,
            "detail": t.detail, "clock": t.clock, "budget": t.budget,
            "budget_minutes": minutes(t.budget_us), "after_hours": t.after_hours,
            "started_at": at(t.started_at), "stopped_at": at(t.stopped_at),
            "due_at": at(t.due_at), "elapsed_minutes": minutes(t.elapsed_us),
            "wall_minutes": minutes(t.wall_us), "start": moment(t.start),
            "stop": moment(t.stop),
            "cancel": {**(moment(t.cancel) or {}), "counted": t.cancel_counted}
            if t.cancel is not None else None,
            "until": moment(t.until),
            "pauses": [{"from": at(a), "to": at(b)} for a, b in t.pauses],
            "segments": [segment(s) for s in t.segments],
            "attempts": t.attempts, "windows": [window(w) for w in t.windows],
            "checked": [checked(c) for c in t.checked],
            "breach_stage": t.breach_stage, "notes": list(t.notes),
        }

    def escalation(e: EscalationStory) -> dict[str, Any]:
        expect = None
        if e.expect_event is not None:
            expect = {"event": e.expect_event, "within": e.expect_within, "by": at(e.expect_by),
                      "due_for_judging": e.due_for_judging, "actioned": e.actioned,
                      "actioned_at": at(e.actioned_at)}
        return {"id": e.id, "action": e.action, "fired": e.fired_at is not None,
                "fired_at": at(e.fired_at), "would_fire_at": at(e.would_fire_at),
                "note": e.note, "expect": expect}

    return {
        "explain_version": EXPLAIN_VERSION,
        "slakit": story.version,
        "sla": {"name": story.sla_name, "sha256": story.sla_sha256},
        "as_of": at(story.as_of),
        "timezone": story.timezone,
        "lead": {
            "id": story.lead_id, "pseudonymized": story.pseudonymized,
            "first_event_at": at(story.first_event_at), "judged": story.judged,
            "duplicate_of": story.duplicate_of,
            "duplicate_match": None if story.duplicate_since is None else {
                "fields": list(story.duplicate_fields),
                "original_first_event_at": at(story.duplicate_since),
                "within": story.duplicate_within},
            "closed_at": at(story.closed_at),
            "outcome": story.outcome, "lost_reason": story.lost_reason,
        },
        "hidden_fields": list(story.hidden),
        "events": [event(e) for e in story.events],
        "routing": routing(story.routing),
        "targets": [target(t) for t in story.targets],
        "escalations": [escalation(e) for e in story.escalations],
        "stages": [{"stage": s.stage, "at": at(s.at), "clock_minutes": minutes(s.clock_us)}
                   for s in story.stages],
        "findings": [{"code": f.code, "level": f.level, "message": f.message}
                     for f in story.findings],
        "skipped_rows": [{"file": s.file, "row": s.row, "code": s.code, "message": s.message}
                         for s in story.skipped],
        "unattributed_skipped_rows": story.unattributed,
        "later_rows": story.later_rows,
    }
