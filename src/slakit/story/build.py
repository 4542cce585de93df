"""Turn the reference engine's ``LeadStory`` into an ``Explanation`` a format can show.

Personal-data values are dropped here (kept with ``show_pii``), and lead ids replaced by
their pseudonyms when asked, so that no format can leak them by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from slakit.compile import CompiledSla
from slakit.engine.lead import Row
from slakit.engine.quality import HIDDEN
from slakit.engine.trace import LeadStory
from slakit.story.model import (
    EscalationStory,
    EventLine,
    Explanation,
    FindingLine,
    Routing,
    SkippedRow,
    SkippedRule,
    StageStory,
)
from slakit.story.targets import conditions, target_story


@dataclass(frozen=True)
class Privacy:
    """What may be shown: personal data (``--show-pii``) and raw lead ids (``--pseudonymize``)."""

    show_pii: bool = False
    rename: Callable[[str], str] | None = None
    """Lead id -> pseudonym (``None``: ids are shown as they are)."""

    def lead(self, lead_id: str) -> str:
        """The lead id as it may be shown."""
        return self.rename(lead_id) if self.rename is not None else lead_id


@dataclass(frozen=True)
class Source:
    """Where the story came from: the document's identity and the input files."""

    sla_title: str
    sla_sha256: str
    version: str
    files: tuple[str, ...]
    skipped: tuple[SkippedRow, ...] = ()
    """The lead's own skipped rows (``read_events(watch=...)``)."""
    unattributed: int = 0
    """Skipped rows of the input that name no lead."""
    noted: Mapping[str, Mapping[int, NDArray[np.int64]]] = field(default_factory=dict)
    """``EventTable.noted``: rows whose time was read with a note, by code and file index."""


def attributes_of(rows: Sequence[Row]) -> dict[str, str]:
    """The lead's attributes: per column, the first non-empty value in event order."""
    out: dict[str, str] = {}
    for row in rows:
        for k, v in row.fields.items():
            out.setdefault(k, v)
    return out


def build(story: LeadStory, sla: CompiledSla, source: Source, privacy: Privacy) -> Explanation:
    """Explain one lead: its events, routing, targets, escalations, stages and findings."""
    result = story.result
    zone = ZoneInfo(sla.calendar(story.routing.calendar).timezone)
    attributes = attributes_of(story.rows)
    # Every target names the clock its minutes run on, as --results does (the target's own
    # calendar, else the lead's), also where no clock ran (not applicable, quality).
    targets = tuple(
        replace(told, clock=told.clock or rule.calendar or story.routing.calendar)
        for rule, trace in zip(sla.targets, story.targets, strict=True)
        for told in [target_story(rule, trace, sla, story.rows, story.as_of, zone, attributes)]
    )
    hidden = () if privacy.show_pii else tuple(sorted(
        {k for row in story.rows for k in row.fields if sla.is_pii(k)}))
    raw = [result.lead_id, *([result.duplicate_of] if result.duplicate_of else [])]

    def scrub(text: str) -> str:
        if privacy.rename is None:
            return text
        for lead_id in raw:
            text = text.replace(lead_id, privacy.lead(lead_id))
        return text

    targets = tuple(replace(t, sentence=scrub(t.sentence), detail=scrub(t.detail),
                            notes=tuple(scrub(n) for n in t.notes)) for t in targets)
    outcome_hidden = sla.outcomes is not None and sla.is_pii(sla.outcomes.field) \
        and not privacy.show_pii
    return Explanation(
        lead_id=privacy.lead(result.lead_id),
        pseudonymized=privacy.rename is not None,
        sla_name=sla.name,
        sla_title=source.sla_title,
        sla_sha256=source.sla_sha256,
        version=source.version,
        as_of=story.as_of,
        timezone=zone.key,
        first_event_at=result.first_event_at,
        judged=story.judged,
        events=tuple(_events(story, sla, source, privacy)),
        hidden=hidden,
        routing=_routing(story, sla, attributes),
        targets=targets,
        escalations=tuple(_escalations(story, sla)),
        stages=tuple(StageStory(s.stage, s.reached_at, s.clock_us) for s in result.stages),
        findings=tuple(FindingLine(f.code, f.level, scrub(f.message)) for f in story.findings),
        duplicate_of=privacy.lead(result.duplicate_of) if result.duplicate_of else None,
        closed_at=result.closed_at,
        outcome=None if outcome_hidden else result.outcome,
        lost_reason=None if outcome_hidden else result.lost_reason,
        skipped=source.skipped,  # no lead id in them: they quote cells, never to be rewritten
        files=source.files,
        document_timezone=sla.document.timezone,
        duplicate_since=None if story.duplicate is None else story.duplicate.original_first_at,
        duplicate_fields=() if story.duplicate is None else story.duplicate.fields,
        duplicate_within="" if sla.document.duplicates is None else
        str(sla.document.duplicates.within),
        unattributed=source.unattributed,
        later_rows=story.later_rows,
    )


def _events(story: LeadStory, sla: CompiledSla, source: Source,
            privacy: Privacy) -> Iterator[EventLine]:
    happened: dict[int, dict[str, None]] = {}
    # Every occurrence of every named definition (the targets' and the routing check's are
    # among them).
    for o in sorted(story.marks, key=lambda o: (o.row, o.name)):
        happened.setdefault(o.row, {})[o.name] = None
    for i, row in enumerate(story.rows):
        # A personal-data cell is named, not shown: which row had a phone can decide a
        # `require` (``phone|email``), and saying so reveals nothing.
        fields = tuple(sorted(
            (k, v if privacy.show_pii or not sla.is_pii(k) else HIDDEN)
            for k, v in row.fields.items()))
        notes = tuple(code for code, by_file in source.noted.items()
                      if _holds(by_file.get(row.file), row.line))
        yield EventLine(row.at, row.event, fields, source.files[row.file], row.line,
                        tuple(happened.get(i, {})), notes)


def _holds(rows: NDArray[np.int64] | None, row: int) -> bool:
    """Whether ascending ``rows`` hold ``row``."""
    if rows is None or rows.size == 0:
        return False
    i = int(np.searchsorted(rows, row))
    return i < rows.size and int(rows[i]) == row


def _routing(story: LeadStory, sla: CompiledSla, attributes: Mapping[str, str]) -> Routing:
    trace = story.routing
    rules = sla.routing.rules if sla.routing is not None else ()
    index = next((i for i, r in enumerate(rules) if r.name == trace.rule), None)
    skipped = tuple(
        SkippedRule(r.name, tuple(c for c in conditions(r.when, sla, attributes) if not c.holds))
        for r in rules[: len(rules) if index is None else index]
    )
    matched = conditions(rules[index].when, sla, attributes) if index is not None else ()
    verdict = ""
    check = sla.routing.check_on if sla.routing is not None else None
    if check is not None and sla.routing is not None:
        if story.result.duplicate_of is not None:
            verdict = "not checked: a duplicate takes no part"
        elif trace.actual is not None:
            verdict = "as expected" if trace.actual == trace.team else "misrouted"
        elif trace.check is None:
            verdict = f"not checked: no {check.name} event"
        else:
            verdict = f"not checked: the {check.name} event has no {sla.routing.check_field}"
    return Routing(
        rule=trace.rule, index=index + 1 if index is not None else None, team=trace.team,
        calendar=trace.calendar, matched=matched, skipped=skipped, has_rules=bool(rules),
        check_at=trace.check.at if trace.check is not None else None, actual=trace.actual,
        verdict=verdict,
    )


def _escalations(story: LeadStory, sla: CompiledSla) -> Iterator[EscalationStory]:
    fired = {e.escalation: e for e in story.result.escalations}
    rules = {e.id: e for e in sla.escalations}
    for trace in story.escalations:
        rule = rules[trace.escalation]
        result = fired.get(trace.escalation)
        expect = rule.expect
        yield EscalationStory(
            id=trace.escalation,
            action=rule.action,
            fired_at=trace.fired_at,
            note=trace.note,
            would_fire_at=trace.would_fire_at if trace.fired_at is None else None,
            expect_event=expect.event.name if expect is not None else None,
            expect_within=expect.within.text if expect is not None else None,
            expect_by=trace.expect_by,
            due_for_judging=result.due_for_judging if result is not None else False,
            actioned=result.actioned if result is not None else False,
            actioned_at=result.actioned_at if result is not None else None,
        )
