"""Replay: both versions on the same export, at the same as-of, compared lead by lead."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest

from slakit.changes import diff_documents, replay, replay_report
from slakit.engine.results import LeadResult
from slakit.evaluation import evaluate
from slakit.loader import load

DOC = """slakit: 1
name: r
timezone: America/New_York
{source}targets:
  - {{id: fast, start: lead_received, stop: call_attempt, within: {within}}}
  - {{id: other, start: lead_received, stop: outcome, within: 1h}}
"""
EVENTS = """lead_id,event,timestamp,channel
L1,lead_received,2026-03-02T10:00:00,form
L1,call_attempt,2026-03-02T10:05:00,
L2,lead_received,2026-03-02T10:00:00,phone
L2,call_attempt,2026-03-02T10:12:00,
L3,lead_received,2026-03-02T10:00:00,form
L3,call_attempt,2026-03-02T10:30:00,
L4,lead_received,2026-03-02T11:00:00,form
"""


def doc(within: str, source: str = "", name: str = "x.sla.yaml") -> object:
    return load(DOC.format(within=within, source=source), name=name)


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(EVENTS)
    return path


def test_budget_tightened(events: Path) -> None:
    [fast, other] = replay(doc("15m"), doc("10m"), [events])  # type: ignore[arg-type]
    assert (fast.target, fast.old_compliance, fast.new_compliance) == (
        "fast", Fraction(2, 3), Fraction(1, 3))
    assert fast.delta_points == Fraction(-100, 3)
    assert (fast.changed_leads, fast.examples) == (1, ("L2",))
    assert fast.transitions == (("met", "breached", 1),)
    # No outcome came, and by as-of (11:00) L1-L3 have used their whole hour: breached on
    # both sides (LANGUAGE.md: "still running with the budget used up"), nothing changed.
    assert (other.changed_leads, other.old_compliance, other.delta_points) == (0, 0, 0)


def test_segments_with_by(events: Path) -> None:
    [fast, _] = replay(doc("15m"), doc("10m"), [events], by=["channel"])  # type: ignore[arg-type]
    assert [(dict(s.key), s.old_compliance, s.new_compliance) for s in fast.segments] == [
        ({"channel": "form"}, Fraction(1, 2), Fraction(1, 2)),
        ({"channel": "phone"}, Fraction(1), Fraction(0)),
    ]


def test_from_to_pass_through(events: Path) -> None:
    [fast, _] = replay(doc("15m"), doc("10m"), [events],  # type: ignore[arg-type]
                       lead_from="2026-03-02T10:30:00", lead_to="2026-03-03")
    assert (fast.old_judged, fast.new_judged, fast.changed_leads) == (0, 0, 0)


def test_target_added_counts_leads_it_now_judges(events: Path) -> None:
    base = load("slakit: 1\nname: r\ntargets: [{id: other, start: lead_received, stop: outcome,"
                " within: 1h}]\n")
    impacts = {i.target: i for i in replay(base, doc("15m"), [events])}
    fast = impacts["fast"]
    assert (fast.in_base, fast.in_head, fast.old_compliance) == (False, True, None)
    assert fast.delta_points is None
    assert fast.changed_leads == 4
    assert ("absent", "met", 2) in fast.transitions


def test_both_sides_share_one_as_of(tmp_path: Path) -> None:
    """The head reads a row the base skips: both are judged at the later instant."""
    path = tmp_path / "events.csv"
    path.write_text(EVENTS + "L5,lead_received,03/02/2026 18:00,form\n")
    source = "source: {timestamp_format: ['%Y-%m-%dT%H:%M:%S', '%m/%d/%Y %H:%M']}\n"
    base, head = doc("15m"), doc("15m", source)
    alone = evaluate(base, [path]).report.as_of  # type: ignore[arg-type]
    result = replay_report(base, head, [path])  # type: ignore[arg-type]
    assert result.as_of > alone
    assert result.as_of == evaluate(head, [path]).report.as_of  # type: ignore[arg-type]
    [fast, _] = result.targets
    # L4 is judged at the same later instant on both sides, so only the lead the head alone
    # reads changes.
    assert fast.transitions == (("absent", "pending", 1),)
    assert fast.examples == ("L5",)


def test_given_as_of_is_used_for_both(events: Path) -> None:
    result = replay_report(doc("15m"), doc("10m"), [events],  # type: ignore[arg-type]
                           as_of="2026-03-02T11:05:00")
    [fast, _] = result.targets
    assert fast.transitions == (("met", "breached", 1),)
    assert result.leads == 4


# -- acceptance: the consult example -----------------------------------------------------------

EXAMPLE = Path(__file__).parents[2] / "examples" / "consult-follow-up"


def _statuses(leads: list[LeadResult], target: str) -> dict[str, str]:
    return {lead.lead_id: r.status for lead in leads for r in lead.targets if r.target == target}


@pytest.mark.skipif(not (EXAMPLE / "events.csv").exists(), reason="example export not there")
def test_consult_example_tightened_budget_replay() -> None:
    """15m -> 10m on speed-to-first-attempt, checked against the per-lead results of both sides.

    The drop equals the leads met before and not after, over the judged leads; a lead still
    running at as-of can also cross its (now shorter) budget and become breached, which changes
    the judged count, so the identity is checked with both terms.
    """
    text = (EXAMPLE / "consult.sla.yaml").read_text()
    assert "within: 15m " in text
    base = load(text, name="base")
    head = load(text.replace("within: 15m ", "within: 10m ", 1), name="head")
    changes = diff_documents(base, head).changes
    assert [(c.code, c.path) for c in changes] == [
        ("target-budget-tightened", "targets[speed-to-first-attempt].within")]

    events = [EXAMPLE / "events.csv"]
    result = replay_report(base, head, events)
    impact = next(t for t in result.targets if t.target == "speed-to-first-attempt")
    old_eval = evaluate(base, events, as_of=result.as_of)
    new_eval = evaluate(head, events, as_of=result.as_of)
    before = _statuses(old_eval.leads, "speed-to-first-attempt")
    after = _statuses(new_eval.leads, "speed-to-first-attempt")

    met_lost = {lead for lead, s in before.items() if s == "met" and after.get(lead) != "met"}
    newly_judged = {lead for lead, s in before.items()
                    if s in ("pending", "at_risk") and after.get(lead) == "breached"}
    flipped = {lead for lead in set(before) | set(after) if before.get(lead) != after.get(lead)}
    assert met_lost, "tightening the budget must cost some met leads"
    assert flipped == met_lost | newly_judged
    assert impact.changed_leads == len(flipped)
    assert impact.examples == tuple(sorted(flipped)[:10])

    counts = Counter(before.values())
    met, judged = counts["met"], counts["met"] + counts["breached"]
    assert impact.old_compliance == Fraction(met, judged)
    assert impact.new_compliance == Fraction(met - len(met_lost), judged + len(newly_judged))
    assert impact.delta_points == (impact.new_compliance - impact.old_compliance) * 100
    if not newly_judged:
        assert impact.delta_points == Fraction(-100 * len(met_lost), judged)
        assert impact.changed_leads == len(met_lost)
    for other in result.targets:
        if other.target != "speed-to-first-attempt":
            assert other.changed_leads == 0 or other.target == "outreach-cadence"


def test_a_removed_or_added_target_is_said_so_not_counted_as_status_changes() -> None:
    from fractions import Fraction

    from slakit.changes.formats.base import impact_text
    from slakit.changes.impact import TargetImpact

    removed = TargetImpact("t", True, False, Fraction(39, 40), None, 40, 0, 432, (),
                           (("met", "absent", 39), ("not_applicable", "absent", 392)))
    assert impact_text(removed) == "removed (was 97.5% over 40 judged leads)"
    added = TargetImpact("t", False, True, None, Fraction(1, 2), 0, 10, 432, (), ())
    assert impact_text(added) == "added (50.0% over 10 judged leads)"
    one = TargetImpact("t", False, True, None, Fraction(1), 0, 1, 432, (), ())
    assert impact_text(one) == "added (100.0% over 1 judged lead)"
    kept = TargetImpact("t", True, True, Fraction(1, 2), Fraction(3, 4), 4, 4, 1, ("L1",), ())
    assert impact_text(kept) == "50.0% -> 75.0% (+25.0 points), 1 lead changed status"


def test_every_format_says_a_removed_target_is_removed(tmp_path: Path) -> None:
    from slakit.changes import FORMATS, DiffReport

    (tmp_path / "e.csv").write_text(EVENTS)
    base = load(DOC.format(source="", within="15m"), name="base")
    head = load(DOC.format(source="", within="15m").replace(
        "  - {id: other, start: lead_received, stop: outcome, within: 1h}\n", ""), name="head")
    report = DiffReport(diff_documents(base, head), replay_report(base, head,
                                                                  [tmp_path / "e.csv"]))
    text = FORMATS["text"].render(report)
    assert "  other: removed (was " in text and "changed status" in text  # fast: unchanged
    markdown = FORMATS["markdown"].render(report)
    assert "| other | " in markdown and "| (removed) |" in markdown
    assert "replay other: removed (was " in FORMATS["github"].render(report)
