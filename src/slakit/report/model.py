"""The evaluation report: aggregated, typed, format-independent.

``build_report`` folds per-lead results into the numbers every format shows. It holds only
counters and the per-target lists needed for percentiles, never the events.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from slakit.engine.results import STATUSES, LeadResult, Status, TargetResult, stage_indices

if TYPE_CHECKING:
    from slakit.engine.columnar.columns import LeadColumns
from slakit.errors import Finding
from slakit.model import Document, Duration, ref_name
from slakit.report.numbers import compliance, nearest_rank

REPORT_VERSION = 1
FINDING_EXAMPLES = 100


K = TypeVar("K", str, tuple[tuple[str, str], ...])
"""A group of aged leads: a team, or a segment key."""


@dataclass(frozen=True)
class SegmentRow:
    """Counts and compliance for one combination of segment values."""

    key: tuple[tuple[str, str], ...]
    counts: dict[Status, int]
    compliance: Fraction | None


@dataclass(frozen=True)
class TrendRow:
    """Met and breached leads whose clock started in one ISO week or month."""

    period: str
    met: int
    breached: int
    compliance: Fraction | None


@dataclass(frozen=True)
class TargetSummary:
    """One target over all judged leads."""

    id: str
    kind: str
    title: str
    owners: dict[str, str]
    counts: dict[Status, int]
    compliance: Fraction | None
    objective: Fraction | None
    passed: bool
    elapsed_p50: int | None
    elapsed_p90: int | None
    elapsed_max: int | None
    missing_fields: dict[str, int]
    disallowed_values: dict[str, dict[str, int]]
    segments: tuple[SegmentRow, ...]
    trend: tuple[TrendRow, ...]
    events_checked: int | None = None
    """Quality targets: the events checked over all leads (``None`` for other kinds)."""
    events_offending: int | None = None
    """Quality targets: how many of those failed ``require`` or ``allow``."""


@dataclass(frozen=True)
class OutcomeMix:
    """How the judged leads' journeys ended."""

    won: int = 0
    open: int = 0
    lost: int = 0
    values: dict[str, int] = field(default_factory=dict)
    lost_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def unmapped(self) -> int:
        """Leads whose outcome value ``outcomes.values`` does not map (in ``values`` only)."""
        return sum(self.values.values()) - self.won - self.open - self.lost


@dataclass(frozen=True)
class AgingRow:
    """Open leads of one team per age bucket, with the oldest lead ids."""

    team: str
    counts: tuple[int, ...]
    oldest: tuple[str, ...]


@dataclass(frozen=True)
class AgingSegment:
    """Open leads of one segment (``report.by`` / ``--by``) per age bucket, with the oldest
    lead ids."""

    key: tuple[tuple[str, str], ...]
    counts: tuple[int, ...]
    oldest: tuple[str, ...]


@dataclass(frozen=True)
class Misroute:
    """A lead the CRM assigned to another team than the routing rules expect."""

    lead_id: str
    expected: str
    actual: str


@dataclass(frozen=True)
class StageSegment:
    """A stage's clock times and attributed breaches within one segment."""

    key: tuple[tuple[str, str], ...]
    p50: int | None
    p90: int | None
    breaches_attributed: int


@dataclass(frozen=True)
class StageSummary:
    """Clock time between two consecutive reached stages."""

    from_stage: str
    to_stage: str
    p50: int | None
    p90: int | None
    breaches_attributed: int
    segments: tuple[StageSegment, ...] = ()
    """Per segment (``by``), in key order; segments without a time or breach are left out."""


@dataclass(frozen=True)
class EscalationSummary:
    """How often an escalation fired and, with ``expect``, was actioned in time."""

    id: str
    action: str
    fired: int
    due_for_judging: int
    actioned: int


@dataclass(frozen=True)
class FindingGroup:
    """All findings of one code: the total and the first examples."""

    code: str
    level: str
    total: int
    examples: tuple[Finding, ...]


@dataclass(frozen=True)
class InputFile:
    """An export file and its content hash."""

    path: str
    sha256: str


@dataclass(frozen=True)
class InputSummary:
    """Row accounting: rows = used_rows + skipped_rows + duplicate_rows + after_as_of_rows."""

    files: tuple[InputFile, ...]
    rows: int
    used_rows: int
    skipped_rows: int
    duplicate_rows: int
    after_as_of_rows: int
    leads: int


@dataclass(frozen=True)
class Report:
    """Everything ``slakit evaluate`` reports; every format renders this."""

    version: str
    sla_name: str
    sla_title: str
    sla_sha256: str
    timezone: str
    as_of: int
    input: InputSummary
    environment: dict[str, str]
    passed: bool
    by: tuple[str, ...]
    period: str
    targets: tuple[TargetSummary, ...]
    outcomes_overall: OutcomeMix | None
    outcomes_segments: tuple[tuple[tuple[tuple[str, str], ...], OutcomeMix], ...]
    aging_buckets: tuple[str, ...]
    aging: tuple[AgingRow, ...]
    routing_checked: int
    routing_matched: int
    misrouted: tuple[Misroute, ...]
    stages: tuple[StageSummary, ...]
    escalations: tuple[EscalationSummary, ...]
    findings: tuple[FindingGroup, ...]
    has_routing_check: bool
    has_outcomes: bool
    views: dict[str, tuple[str, ...]]
    aging_segments: tuple[AgingSegment, ...] = ()
    """Aging per segment of ``by`` (empty without segments)."""

    @property
    def routing_accuracy(self) -> Fraction | None:
        """matched / checked, exact; None when nothing was checked."""
        if not self.routing_checked:
            return None
        return Fraction(self.routing_matched, self.routing_checked)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report as plain data: what ``slakit evaluate -f json`` prints (CLI.md)."""
        from slakit.report.json_format import report_dict

        return report_dict(self)


def period_of(us: int, zone: ZoneInfo, period: str) -> str:
    """The trend period (``2026-W10``, ``2026-03``) of an instant, in ``zone``."""
    moment = dt.datetime.fromtimestamp(us // 1_000_000, tz=dt.UTC).astimezone(zone)
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    year, week, _ = moment.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _counts(results: Iterable[TargetResult]) -> dict[Status, int]:
    tally = Counter(r.status for r in results)
    return {s: tally.get(s, 0) for s in STATUSES}


def _segment_key(lead: LeadResult, by: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((f, lead.attributes.get(f, "")) for f in by)


def _aging_bucket_labels(aging: Sequence[Duration]) -> tuple[str, ...]:
    if not aging:
        return ()
    labels = [f"0-{aging[0]}"]
    labels += [f"{a}-{b}" for a, b in itertools.pairwise(aging)]
    labels.append(f"{aging[-1]}+")
    return tuple(labels)


DEFAULT_VIEWS: dict[str, tuple[str, ...]] = {
    "leadership": ("targets", "outcomes", "aging", "trend"),
    "operations": ("routing", "stages", "escalations", "findings"),
    "marketing": ("segments", "targets", "trend"),
}


AgeBucketer = Callable[[LeadResult, int], int | None]
"""Given an open lead and as-of, the index of its aging bucket (None: not aged)."""


def build_report(
    doc: Document,
    leads: Sequence[LeadResult],
    *,
    as_of: int,
    input_summary: InputSummary,
    findings: Iterable[Finding],
    sla_sha256: str,
    version: str,
    environment: Mapping[str, str],
    by: Sequence[str] | None = None,
    period: str = "week",
    fail_under: Fraction | None = None,
    age_bucket: AgeBucketer | None = None,
    columns: LeadColumns | None = None,
) -> Report:
    """Aggregate per-lead results into a ``Report``.

    With ``columns`` (the columnar engine's arrays) ``leads`` is ignored and the same report
    is computed on the arrays (``slakit.report.columnar``), without a ``LeadResult`` per lead.
    """
    if columns is not None:
        from slakit.report.columnar import build_report_columns

        return build_report_columns(
            doc, columns, as_of=as_of, input_summary=input_summary, findings=findings,
            sla_sha256=sla_sha256, version=version, environment=environment, by=by,
            period=period, fail_under=fail_under,
        )
    zone = ZoneInfo(doc.timezone)
    by = tuple(by) if by else tuple(doc.report.by)
    targets = tuple(
        _summarise_target(doc, t.id, leads, by, zone, period, fail_under) for t in doc.targets
    )
    live = [lead for lead in leads if lead.duplicate_of is None]
    outcomes_overall, outcome_segments = _outcomes(doc, live, by)
    buckets = _aging_bucket_labels(doc.report.aging)
    aging = tuple(AgingRow(*row) for row in _aging(
        live, as_of, len(buckets), age_bucket, lambda lead: lead.team or "")) if buckets else ()
    aging_segments = tuple(AgingSegment(*row) for row in _aging(
        live, as_of, len(buckets), age_bucket,
        lambda lead: _segment_key(lead, by))) if buckets and by else ()
    checked = [lead for lead in live if lead.routing_actual is not None]
    matched = [lead for lead in checked if lead.routing_actual == lead.team]
    misrouted = tuple(
        Misroute(lead.lead_id, lead.team or "", lead.routing_actual or "")
        for lead in checked
        if lead.routing_actual != lead.team
    )
    return assemble_report(
        doc,
        targets,
        version=version,
        sla_sha256=sla_sha256,
        as_of=as_of,
        input=input_summary,
        environment=dict(environment),
        by=by,
        period=period,
        outcomes_overall=outcomes_overall,
        outcomes_segments=outcome_segments,
        aging_buckets=buckets,
        aging=aging,
        aging_segments=aging_segments,
        routing_checked=len(checked),
        routing_matched=len(matched),
        misrouted=misrouted,
        stages=_stages(doc, live, by),
        escalations=_escalations(doc, live),
        findings=_group_findings(findings),
    )


def assemble_report(doc: Document, targets: tuple[TargetSummary, ...], **computed: Any) -> Report:
    """The ``Report`` with what follows from the document filled in; ``computed`` holds the
    aggregates (both the per-lead and the columnar aggregation end here)."""
    return Report(
        sla_name=doc.name,
        sla_title=doc.title or doc.name,
        timezone=doc.timezone,
        passed=all(t.passed for t in targets),
        targets=targets,
        has_routing_check=doc.routing is not None and doc.routing.check is not None,
        has_outcomes=doc.outcomes is not None,
        views={k: tuple(v) for k, v in doc.report.views.items()} or dict(DEFAULT_VIEWS),
        **computed,
    )


def _summarise_target(
    doc: Document,
    target_id: str,
    leads: Sequence[LeadResult],
    by: Sequence[str],
    zone: ZoneInfo,
    period: str,
    fail_under: Fraction | None,
) -> TargetSummary:
    target = next(t for t in doc.targets if t.id == target_id)
    pairs = [(lead, r) for lead in leads for r in lead.targets if r.target == target_id]
    results = [r for _, r in pairs]
    counts = _counts(results)
    share = compliance(counts["met"], counts["breached"])
    objective = fail_under if fail_under is not None else (
        target.objective.value if target.objective else None
    )
    passed = share is None or objective is None or share >= objective
    stopped = [
        r.elapsed_us
        for r in results
        if r.status in ("met", "breached") and r.stopped_at is not None and r.elapsed_us is not None
    ]
    missing: Counter[str] = Counter(m for r in results for m in r.missing)
    disallowed: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        for fld, value in r.disallowed:
            disallowed[fld][value] += 1
    segments: dict[tuple[tuple[str, str], ...], list[TargetResult]] = defaultdict(list)
    trend: dict[str, Counter[str]] = defaultdict(Counter)
    for lead, r in pairs:
        if by:
            segments[_segment_key(lead, by)].append(r)
        if r.started_at is not None and r.status in ("met", "breached"):
            trend[period_of(r.started_at, zone, period)][r.status] += 1
    raci = doc.raci.get(target_id)
    owners = {}
    if raci is not None:
        owners = {k: v for k, v in (("responsible", raci.responsible),
                                    ("accountable", raci.accountable)) if v}
    return TargetSummary(
        id=target_id,
        kind=target.kind,
        title=target.title or target_id,
        owners=owners,
        counts=counts,
        compliance=share,
        objective=objective,
        passed=passed,
        elapsed_p50=nearest_rank(stopped, 50),
        elapsed_p90=nearest_rank(stopped, 90),
        elapsed_max=max(stopped) if stopped else None,
        missing_fields=dict(sorted(missing.items())),
        disallowed_values={f: dict(sorted(c.items())) for f, c in sorted(disallowed.items())},
        segments=tuple(
            SegmentRow(key, (c := _counts(rs)), compliance(c["met"], c["breached"]))
            for key, rs in sorted(segments.items())
        ),
        trend=tuple(
            TrendRow(p, c["met"], c["breached"], compliance(c["met"], c["breached"]))
            for p, c in sorted(trend.items())
        ),
        events_checked=sum(r.events_checked for r in results) if target.kind == "quality"
        else None,
        events_offending=sum(r.events_offending for r in results) if target.kind == "quality"
        else None,
    )


def _mix(doc: Document, leads: Iterable[LeadResult]) -> OutcomeMix:
    assert doc.outcomes is not None
    classes: Counter[str] = Counter()
    values: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for lead in leads:
        if lead.outcome is None:
            continue
        values[lead.outcome] += 1
        cls = doc.outcomes.values.get(lead.outcome)
        if cls is not None:
            classes[cls] += 1
        if cls == "lost" and lead.lost_reason:
            reasons[lead.lost_reason] += 1
    return OutcomeMix(
        won=classes["won"],
        open=classes["open"],
        lost=classes["lost"],
        values=dict(sorted(values.items())),
        lost_reasons=dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _outcomes(
    doc: Document, leads: Sequence[LeadResult], by: Sequence[str]
) -> tuple[OutcomeMix | None, tuple[tuple[tuple[tuple[str, str], ...], OutcomeMix], ...]]:
    if doc.outcomes is None:
        return None, ()
    groups: dict[tuple[tuple[str, str], ...], list[LeadResult]] = defaultdict(list)
    for lead in leads:
        if by:
            groups[_segment_key(lead, by)].append(lead)
    return _mix(doc, leads), tuple((k, _mix(doc, v)) for k, v in sorted(groups.items()))


def _aging(
    leads: Sequence[LeadResult], as_of: int, n_buckets: int, age_bucket: AgeBucketer | None,
    group: Callable[[LeadResult], K],
) -> list[tuple[K, tuple[int, ...], tuple[str, ...]]]:
    """Per group (a team, a segment key), in order: open leads per age bucket and the five
    oldest lead ids (oldest first, lead id breaking ties)."""
    if age_bucket is None:
        return []
    per_group: dict[K, list[int]] = defaultdict(lambda: [0] * n_buckets)
    ages: dict[K, list[tuple[int, str]]] = defaultdict(list)
    for lead in leads:
        if lead.closed_at is not None:
            continue
        bucket = age_bucket(lead, as_of)
        if bucket is None:
            continue
        key = group(lead)
        per_group[key][bucket] += 1
        ages[key].append((lead.first_event_at, lead.lead_id))
    return [(key, tuple(per_group[key]), tuple(i for _, i in sorted(ages[key])[:5]))
            for key in sorted(per_group)]


def _stages(doc: Document, leads: Sequence[LeadResult],
            by: Sequence[str] = ()) -> tuple[StageSummary, ...]:  # fmt: skip
    """Per stage: p50/p90 of its clock times and the breaches attributed to it, overall and
    per segment (LANGUAGE.md: "p50/p90 per stage and segment")."""
    groups: dict[tuple[tuple[str, str], ...], list[LeadResult]] = defaultdict(list)
    for lead in leads if by else ():
        groups[_segment_key(lead, by)].append(lead)
    per_key = [(key, _stage_times(doc, group)) for key, group in sorted(groups.items())]
    return tuple(
        StageSummary(a, b, p50, p90, n, stage_segments(
            [(key, times[i]) for key, times in per_key]))
        for i, (a, b, p50, p90, n) in enumerate(_stage_times(doc, leads))
    )


def stage_segments(rows: Sequence[tuple[tuple[tuple[str, str], ...],
                                        tuple[str, str, int | None, int | None, int]]],
                   ) -> tuple[StageSegment, ...]:
    """The segments of one stage that have a clock time or an attributed breach."""
    return tuple(StageSegment(key, p50, p90, n) for key, (_, _, p50, p90, n) in rows
                 if p50 is not None or n)


def _stage_times(doc: Document, leads: Sequence[LeadResult],
                 ) -> list[tuple[str, str, int | None, int | None, int]]:
    names = [ref_name(s) for s in doc.stages]
    spans: dict[tuple[str, str], list[int]] = defaultdict(list)
    for lead in leads:
        for stage, k in zip(lead.stages, stage_indices(names, lead.stages), strict=True):
            if stage.clock_us is not None:  # a skipped stage's time goes to the next reached
                spans[(names[k - 1], names[k])].append(stage.clock_us)
    attributed: Counter[str] = Counter(
        r.breach_stage for lead in leads for r in lead.targets if r.breach_stage
    )
    return [
        (a, b, nearest_rank(spans[(a, b)], 50), nearest_rank(spans[(a, b)], 90),
         attributed.get(f"{a}->{b}", 0))
        for a, b in dict.fromkeys(itertools.pairwise(names))
    ]


def _escalations(doc: Document, leads: Sequence[LeadResult]) -> tuple[EscalationSummary, ...]:
    rows = []
    for esc in doc.escalations:
        fired = [e for lead in leads for e in lead.escalations if e.escalation == esc.id]
        rows.append(
            EscalationSummary(
                esc.id,
                esc.action,
                len(fired),
                sum(e.due_for_judging for e in fired),
                sum(e.due_for_judging and e.actioned for e in fired),
            )
        )
    return tuple(rows)


def _group_findings(findings: Iterable[Finding]) -> tuple[FindingGroup, ...]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.code].append(f)
    out = []
    for code in sorted(groups):
        items = groups[code]
        level = "warning" if any(f.level == "warning" for f in items) else items[0].level
        if any(f.level == "error" for f in items):
            level = "error"
        total = sum(f.count for f in items)
        examples = tuple(f for f in items if f.count == 1)[:FINDING_EXAMPLES]
        out.append(FindingGroup(code, level, total, examples))
    return tuple(out)


aging_labels = _aging_bucket_labels
group_findings = _group_findings
