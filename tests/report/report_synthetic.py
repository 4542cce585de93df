"""A synthetic ``Report`` with every section filled and hostile values in the data.

Built from the dataclasses directly, so report tests do not depend on the engine. Hostile
values: a lead id that is a script tag, one with a terminal escape, a segment value with ``|``
and backticks.
"""

from __future__ import annotations

from fractions import Fraction

from slakit.engine.results import STATUSES, LeadResult, Status, TargetResult
from slakit.errors import Finding
from slakit.report.charts import ElapsedHistogram, elapsed_histogram
from slakit.report.model import (
    DEFAULT_VIEWS,
    AgingRow,
    EscalationSummary,
    FindingGroup,
    InputFile,
    InputSummary,
    Misroute,
    OutcomeMix,
    Report,
    SegmentRow,
    StageSummary,
    TargetSummary,
    TrendRow,
)
from slakit.report.numbers import compliance

SCRIPT_ID = "<script>alert(1)</script>"
ESCAPE_ID = "L1\x1b[2J"
PIPE_SEGMENT = "web|`form`"
MINUTE = 60_000_000
AS_OF = 1_775_015_940_000_000  # 2026-03-31T23:59:00-04:00


def counts(**given: int) -> dict[Status, int]:
    """All statuses, zero unless given."""
    return {s: given.get(s, 0) for s in STATUSES}


def _segment(lead_type: str, channel: str, met: int, breached: int) -> SegmentRow:
    return SegmentRow((("lead_type", lead_type), ("channel", channel)),
                      counts(met=met, breached=breached), compliance(met, breached))


def _trend(rows: list[tuple[str, int, int]]) -> tuple[TrendRow, ...]:
    return tuple(TrendRow(p, m, b, compliance(m, b)) for p, m, b in rows)


SPEED = TargetSummary(
    id="speed-to-first-attempt", kind="response",
    title="First outreach within 15 business minutes",
    owners={"responsible": "inside-sales", "accountable": "sales-director"},
    counts=counts(met=412, breached=31, pending=6, at_risk=2, cancelled=9, not_applicable=40,
                  duplicate=5),
    compliance=Fraction(412, 443), objective=Fraction(95, 100), passed=False,
    elapsed_p50=7 * MINUTE, elapsed_p90=41 * MINUTE + MINUTE // 2, elapsed_max=2880 * MINUTE,
    missing_fields={}, disallowed_values={},
    segments=(
        _segment("consult_request", "form", 180, 6),
        _segment("consult_request", "phone", 120, 4),
        _segment("consult_request", PIPE_SEGMENT, 40, 12),
        _segment("referral", "", 72, 9),
    ),
    trend=_trend([("2026-W10", 98, 4), ("2026-W11", 101, 6), ("2026-W12", 97, 11),
                  ("2026-W13", 95, 7), ("2026-W14", 21, 3)]),
)
RESOLUTION = TargetSummary(
    id="time-to-resolution", kind="response",
    title="Resolved within 5 business days, clinical review excluded",
    owners={"responsible": "patient-scheduling", "accountable": "patient-services-director"},
    counts=counts(met=301, breached=12, pending=140, cancelled=2),
    compliance=Fraction(301, 313), objective=Fraction(90, 100), passed=True,
    elapsed_p50=1250 * MINUTE, elapsed_p90=2400 * MINUTE, elapsed_max=4100 * MINUTE,
    missing_fields={}, disallowed_values={},
    segments=(
        _segment("consult_request", "form", 150, 5),
        _segment("consult_request", "phone", 100, 4),
        _segment("referral", "", 51, 3),
    ),
    trend=_trend([("2026-W10", 80, 2), ("2026-W11", 85, 3), ("2026-W12", 79, 4),
                  ("2026-W13", 57, 3)]),
)
DOCUMENTED = TargetSummary(
    id="documented-outcome", kind="quality",
    title="Every resolution records its outcome and a next step or a reason",
    owners={"responsible": "inside-sales", "accountable": "compliance-lead"},
    counts=counts(met=296, breached=17, not_applicable=145),
    compliance=Fraction(296, 313), objective=Fraction(98, 100), passed=False,
    elapsed_p50=None, elapsed_p90=None, elapsed_max=None,
    missing_fields={"next_step_date|reason_code": 12, "outcome": 5},
    disallowed_values={"template": {"promo-v1": 3, "<b>bold</b>": 1}},
    segments=(), trend=(),
)
QUIET = TargetSummary(
    id="weekend-callbacks", kind="response", title="Weekend callbacks within 2 hours",
    owners={}, counts=counts(not_applicable=458), compliance=None, objective=Fraction(9, 10),
    passed=True, elapsed_p50=None, elapsed_p90=None, elapsed_max=None,
    missing_fields={}, disallowed_values={}, segments=(), trend=(),
)

TARGETS = (SPEED, RESOLUTION, DOCUMENTED, QUIET)


def findings() -> tuple[FindingGroup, ...]:
    """Two codes; one with more examples than any format shows."""
    bad = tuple(
        Finding("bad-timestamp", "warning", f"unparseable timestamp in column at (row {i})",
                file="march.csv", row=17 + i)
        for i in range(25)
    )
    never = (
        Finding("requirement-never-met", "warning", "lead_received never had phone|email",
                lead_id=SCRIPT_ID),
        Finding("requirement-never-met", "warning", "lead_received never had phone|email",
                lead_id=ESCAPE_ID),
    )
    return (FindingGroup("bad-timestamp", "warning", 31, bad),
            FindingGroup("requirement-never-met", "warning", 2, never))


def synthetic_report(**changes: object) -> Report:
    """The synthetic report; keyword arguments replace fields."""
    values: dict[str, object] = dict(
        version="0.1.0",
        sla_name="consult-follow-up",
        sla_title="Consult request follow-up",
        sla_sha256="3f" * 32,
        timezone="America/New_York",
        as_of=AS_OF,
        input=InputSummary(
            files=(InputFile("march.csv", "ab" * 32), InputFile("april.csv.gz", "cd" * 32)),
            rows=5210, used_rows=5150, skipped_rows=31, duplicate_rows=29, after_as_of_rows=0,
            leads=458),
        environment={"holidays": "0.108"},
        passed=False,
        by=("lead_type", "channel"),
        period="week",
        targets=TARGETS,
        outcomes_overall=OutcomeMix(
            won=120, open=210, lost=98,
            values={"consult_booked": 120, "not_interested": 60, "not_qualified": 38},
            lost_reasons={"RC2 price": 41, "RC7 chose another provider": 30, "RC1": 17,
                          SCRIPT_ID: 10}),
        outcomes_segments=(
            ((("lead_type", "consult_request"), ("channel", "form")),
             OutcomeMix(won=70, open=90, lost=30)),
            ((("lead_type", "consult_request"), ("channel", PIPE_SEGMENT)),
             OutcomeMix(won=10, open=30, lost=28)),
            ((("lead_type", "referral"), ("channel", "")), OutcomeMix(won=40, open=90, lost=40)),
        ),
        aging_buckets=("0-1bd", "1bd-3bd", "3bd-7bd", "7bd+"),
        aging=(
            AgingRow("inside-sales", (52, 31, 12, 4), ("L-900013", SCRIPT_ID, ESCAPE_ID)),
            AgingRow("nurse-navigators", (20, 6, 0, 0), ("L-900210",)),
            AgingRow("", (3, 0, 0, 1), ("L-900999",)),
        ),
        routing_checked=420,
        routing_matched=407,
        misrouted=(
            Misroute(SCRIPT_ID, "west-cardio", "inside-sales"),
            Misroute(ESCAPE_ID, "nurse-navigators", "inside-sales"),
            *(Misroute(f"L-9001{i:02d}", "inside-sales", "night-desk") for i in range(22)),
        ),
        stages=(
            StageSummary("lead_received", "first_attempt", 7 * MINUTE, 41 * MINUTE, 22),
            StageSummary("first_attempt", "contact_made", 95 * MINUTE, 610 * MINUTE, 6),
            StageSummary("contact_made", "resolved", 1100 * MINUTE, 2300 * MINUTE, 3),
        ),
        escalations=(
            EscalationSummary("unreached-after-3", "supervisor-review", 37, 33, 25),
            EscalationSummary("stalled-before-first-attempt", "reassign", 4, 0, 0),
            EscalationSummary("near-breach", "notify-team-lead", 58, 0, 0),
        ),
        findings=findings(),
        has_routing_check=True,
        has_outcomes=True,
        views=dict(DEFAULT_VIEWS),
    )
    values.update(changes)
    return Report(**values)  # type: ignore[arg-type]


def synthetic_leads() -> list[LeadResult]:
    """Leads whose elapsed times give the histograms something to show."""
    leads = []
    for i in range(120):
        minutes_used = (i * 37) % 50 + (300 if i % 40 == 0 else 0)
        status: Status = "met" if minutes_used <= 15 else "breached"
        leads.append(LeadResult(
            lead_id=SCRIPT_ID if i == 0 else f"L-{900000 + i}",
            first_event_at=AS_OF - (i + 1) * 3_600_000_000,
            attributes={}, rule=None, team="inside-sales", calendar="call-center",
            targets=(
                TargetResult("speed-to-first-attempt", status, started_at=AS_OF - 1,
                             stopped_at=AS_OF, elapsed_us=minutes_used * MINUTE),
                TargetResult("time-to-resolution", "met" if i % 9 else "breached",
                             started_at=AS_OF - 1, stopped_at=AS_OF,
                             elapsed_us=(i * 53 % 3000) * MINUTE),
            ),
        ))
    return leads


def synthetic_histograms() -> tuple[ElapsedHistogram, ...]:
    """The histograms of ``synthetic_leads`` (the speed target with its two budgets)."""
    leads = synthetic_leads()
    return (
        elapsed_histogram(leads, "speed-to-first-attempt", budget_us=15 * MINUTE,
                          after_hours_us=30 * MINUTE),
        elapsed_histogram(leads, "time-to-resolution"),
    )
