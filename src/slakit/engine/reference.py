"""The reference engine: one lead at a time, in the words of LANGUAGE.md section 3.

This is the readable oracle the fast engine is checked against, and what ``slakit explain``
shows: ``run`` judges every lead, ``explain_lead`` returns one lead's whole story.

>>> output = run(compile_document(doc), read_events(["march.csv"], spec))   # doctest: +SKIP
>>> [t.status for t in output.leads[0].targets]                               # doctest: +SKIP
['met', 'breached']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from slakit.compile import (
    ALWAYS_OPEN,
    CadenceRule,
    CompiledSla,
    QualityRule,
    ResponseRule,
    RouteRule,
    conditions_hold,
    need_text,
    unmet_needs,
)
from slakit.engine.cadence import judge_cadence
from slakit.engine.clock import Clock
from slakit.engine.duplicates import Inquiry, find_duplicates, normaliser
from slakit.engine.escalations import judge_escalation
from slakit.engine.lead import Lead, lead_of, lead_slices
from slakit.engine.quality import judge_quality
from slakit.engine.response import judge_response
from slakit.engine.results import (
    EngineOutput,
    EscalationResult,
    LeadResult,
    StageResult,
    TargetResult,
)
from slakit.engine.stages import attribute_breach, reach_stages
from slakit.engine.trace import (
    Context,
    DuplicateMatch,
    EscalationTrace,
    LeadStory,
    RoutingTrace,
    TargetTrace,
)
from slakit.errors import Finding, UsageError
from slakit.reader.table import EventTable

JUDGES: dict[type, Callable[[Any, Lead, Context], TargetTrace]] = {
    ResponseRule: judge_response,
    CadenceRule: judge_cadence,
    QualityRule: judge_quality,
}
"""Target kind -> its judge."""

def default_as_of(table: EventTable) -> int:
    """The latest timestamp in the input (never the wall clock); 0 for an empty table."""
    return int(table.ts.max()) if len(table) else 0


def run(
    sla: CompiledSla,
    table: EventTable,
    *,
    as_of: int | None = None,
    lead_from: int | None = None,
    lead_to: int | None = None,
) -> EngineOutput:
    """Judge every lead of ``table`` against ``sla`` as of ``as_of``.

    Rows after as-of are left out (and counted); only leads whose first event is in
    ``[lead_from, lead_to)`` are judged, but every lead counts as a possible original of a
    duplicate.
    """
    now = default_as_of(table) if as_of is None else as_of
    slices = lead_slices(table, now)
    duplicates = _duplicates(sla, table, slices)
    leads: list[LeadResult] = []
    findings: list[Finding] = []
    for index, lo, hi in slices:
        first = int(table.ts[lo])
        if not _in_range(first, lead_from, lead_to):
            continue
        lead = lead_of(table, index, lo, hi)
        story = judge_lead(sla, lead, now, duplicates.get(lead.id))
        leads.append(story.result)
        findings.extend(story.findings)
    return EngineOutput(
        leads=leads,
        as_of=now,
        after_as_of_rows=int(np.count_nonzero(table.ts > now)),
        findings=findings,
    )


def explain_lead(
    sla: CompiledSla,
    table: EventTable,
    lead_id: str,
    *,
    as_of: int | None = None,
    lead_from: int | None = None,
    lead_to: int | None = None,
) -> LeadStory:
    """Return the whole story of one lead: rows, routing, every target's and escalation's
    reasoning. Raises ``UsageError`` for a lead the input does not have by as-of."""
    now = default_as_of(table) if as_of is None else as_of
    slices = lead_slices(table, now)
    for index, lo, hi in slices:
        if table.lead_ids[index] == lead_id:
            lead = lead_of(table, index, lo, hi)
            original = _duplicates(sla, table, slices).get(lead_id)
            story = judge_lead(sla, lead, now, original)
            judged = _in_range(lead.first_event_at, lead_from, lead_to)
            why = None if original is None else _why_duplicate(sla, table, slices, lead, original)
            # Every row that is an occurrence of a definition the document names: what a
            # reader looks for in the events, whichever target, escalation or stage used it.
            marks = tuple(o for m in sla.matchers() for o in lead.happenings(m))
            end = int(np.searchsorted(table.lead, index, side="right"))
            return replace(story, judged=judged, duplicate=why, marks=marks,
                           later_rows=end - hi)
    raise UsageError(f"no lead {lead_id!r} in the input (by as-of)")


def _why_duplicate(sla: CompiledSla, table: EventTable, slices: list[tuple[int, int, int]],
                   lead: Lead, original_id: str) -> DuplicateMatch:  # fmt: skip
    """The original's first event and the match fields the two leads share."""
    rule = sla.duplicates
    assert rule is not None
    index, lo, hi = next(s for s in slices if table.lead_ids[s[0]] == original_id)
    original = lead_of(table, index, lo, hi)
    headers = rule.headers or rule.match
    shared = tuple(
        c for c, h in zip(rule.match, headers, strict=True)
        if (same := normaliser(c, h)(lead.attributes.get(c, "")))
        and same == normaliser(c, h)(original.attributes.get(c, ""))
    )
    return DuplicateMatch(original.first_event_at, shared)


def _in_range(first: int, lead_from: int | None, lead_to: int | None) -> bool:
    return (lead_from is None or first >= lead_from) and (lead_to is None or first < lead_to)


# -- one lead --------------------------------------------------------------------------------


def route(sla: CompiledSla, lead: Lead) -> RouteRule | None:
    """The first routing rule whose ``when`` matches the lead's attributes."""
    if sla.routing is None:
        return None
    return next((r for r in sla.routing.rules if conditions_hold(r.when, lead.attributes)), None)


def judge_lead(sla: CompiledSla, lead: Lead, as_of: int, duplicate_of: str | None) -> LeadStory:
    """Judge one lead (its rows already cut at as-of) against every rule of ``sla``."""
    rule = route(sla, lead)
    calendar = rule.calendar if rule is not None else ALWAYS_OPEN
    ctx = Context(sla, as_of, calendar)
    lead_clock = ctx.clock(None)
    closed = lead.first(sla.closed) if sla.closed is not None else None
    closed_at = closed.at if closed is not None else None
    routing = RoutingTrace(
        rule.name if rule else None, rule.team if rule else None, calendar,
        note=f"rule {rule.name!r} matched" if rule else "no routing rule matched: 24x7",
    )
    base = LeadResult(
        lead_id=lead.id,
        first_event_at=lead.first_event_at,
        attributes=_report_attributes(sla, lead),
        rule=rule.name if rule else None,
        team=rule.team if rule else None,
        calendar=calendar,
        duplicate_of=duplicate_of,
        closed_at=closed_at,
    )
    if duplicate_of is not None:
        note = f"duplicate of {duplicate_of}: takes no further part"
        traces = tuple(
            TargetTrace(TargetResult(t.id, "duplicate", detail=note), t.kind, notes=(note,))
            for t in sla.targets
        )
        result = replace(base, targets=tuple(t.result for t in traces))
        return LeadStory(result, lead.rows, as_of, routing, traces, ())

    traces = tuple(JUDGES[type(t)](t, lead, ctx) for t in sla.targets)
    stages = reach_stages(sla.stages, lead, lead_clock)
    traces = tuple(_attributed(sla, t, stages) for t in traces)
    fired: list[EscalationResult] = []
    esc_traces: list[EscalationTrace] = []
    for esc in sla.escalations:
        result_e, trace_e = judge_escalation(esc, lead, ctx, closed_at)
        esc_traces.append(trace_e)
        if result_e is not None:
            fired.append(result_e)
    routing = _check_routing(sla, lead, routing)
    outcome, lost_reason = _outcome(sla, lead)
    findings = _findings(sla, lead)
    result = replace(
        base,
        targets=tuple(t.result for t in traces),
        escalations=tuple(fired),
        routing_actual=routing.actual,
        stages=stages,
        outcome=outcome,
        lost_reason=lost_reason,
        age_us=lead_clock.elapsed(lead.first_event_at, as_of) if closed_at is None else None,
        findings=tuple(dict.fromkeys(f.code for f in findings)),
    )
    return LeadStory(result, lead.rows, as_of, routing, traces, tuple(esc_traces),
                     findings=tuple(findings))


def _report_attributes(sla: CompiledSla, lead: Lead) -> dict[str, str]:
    """Segment fields and ``team``, never personal data."""
    wanted = dict.fromkeys((*sla.report_by, "team"))
    return {
        c: lead.attributes[c] for c in wanted if c in lead.attributes and not sla.is_pii(c)
    }


def _attributed(
    sla: CompiledSla, trace: TargetTrace, stages: tuple[StageResult, ...]
) -> TargetTrace:
    if trace.interval is None or trace.clock is None or not sla.stages:
        return trace
    clock = Clock(sla.calendar(trace.clock), trace.clock, trace.pauses)
    stage = attribute_breach(sla.stages, stages, trace.interval, clock)
    if stage is None:
        return trace
    return replace(trace, result=replace(trace.result, breach_stage=stage),
                   notes=(*trace.notes, f"most of the breach was spent in {stage}"))


def _check_routing(sla: CompiledSla, lead: Lead, routing: RoutingTrace) -> RoutingTrace:
    if sla.routing is None or sla.routing.check_on is None or sla.routing.check_field is None:
        return routing
    event = lead.first(sla.routing.check_on)
    if event is None:
        return replace(routing, note=f"{routing.note}; no "
                                f"{sla.routing.check_on.name} event: not checked")
    actual = lead.rows[event.source].fields.get(sla.routing.check_field)
    if actual is None:
        return replace(routing, check=event, note=f"{routing.note}; the "
                                f"{sla.routing.check_on.name} event has no "
                                f"{sla.routing.check_field}: not checked")
    verdict = "as expected" if actual == routing.team else "misrouted"
    return replace(routing, check=event, actual=actual,
                            note=f"{routing.note}; the CRM assigned {actual}: {verdict}")


def _outcome(sla: CompiledSla, lead: Lead) -> tuple[str | None, str | None]:
    if sla.outcomes is None:
        return None, None
    outcome = lead.last_value(sla.outcomes.field)
    reason = None
    if outcome is not None and sla.outcomes.values.get(outcome) == "lost" and sla.outcomes.reason:
        reason = lead.last_value(sla.outcomes.reason)
    return outcome, reason


def _findings(sla: CompiledSla, lead: Lead) -> list[Finding]:
    out = []
    for m in sla.matchers():
        if lead.requirement_never_met(m):
            gaps = ", ".join(need_text(n) for n in unmet_needs(m.require, lead.attributes))
            out.append(Finding(
                "requirement-never-met",
                "warning",
                f"{m.name}: an event matched but {gaps} never held by as-of",
                lead_id=lead.id,
            ))
    return out


# -- duplicates ------------------------------------------------------------------------------


def _duplicates(
    sla: CompiledSla, table: EventTable, slices: list[tuple[int, int, int]]
) -> dict[str, str]:
    """Find the duplicate leads over the whole input (every lead can be an original)."""
    rule = sla.duplicates
    if rule is None:
        return {}
    inquiries: list[Inquiry] = []
    calendars: dict[str, str] = {}
    for index, lo, hi in slices:
        lead = lead_of(table, index, lo, hi)
        first = lead.rows[0]
        inquiries.append(Inquiry(
            lead.id, first.at, (first.file, first.line),
            {c: lead.attributes[c] for c in rule.match if c in lead.attributes},
        ))
        if rule.within.bd is not None:
            routed = route(sla, lead)
            calendars[lead.id] = routed.calendar if routed is not None else ALWAYS_OPEN

    def window_end(original: Inquiry) -> int:
        if rule.within.bd is not None:
            cal = sla.calendar(calendars[original.lead_id])
            return cal.add_business_days(original.first_at, rule.within.bd)
        return original.first_at + (rule.within.us or 0)

    return find_duplicates(rule, inquiries, window_end)
