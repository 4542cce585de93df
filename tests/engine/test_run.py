"""Whole runs: as-of, --from/--to, row order, routing, outcomes, aging, findings, explain."""

from __future__ import annotations

import pytest
from engine_kit import HOUR, evaluate, leads, one, results, sla_of, t, table_of

from slakit.engine.reference import explain_lead, run
from slakit.errors import UsageError

SLA = sla_of("""
    definitions:
      in: {event: inquiry, require: [phone|email]}
    closed: done
    routing:
      check: {on: assigned, field: team}
      rules:
        - {name: cardio, when: {service: cardio}, team: heart, calendar: clinic}
        - {name: rest, when: {service: other}, team: desk, calendar: clinic}
    outcomes:
      field: outcome
      values: {booked: won, later: open, no: lost}
      reason: reason_code
    report: {by: [channel], aging: [1bd, 3bd]}
    targets:
      - {id: quick, start: in, stop: touch, within: 20m}
""")


def test_as_of_defaults_to_the_latest_timestamp() -> None:
    out = evaluate(SLA, [("A", "inquiry", "Mon 09:00", {"phone": "1"}),
                         ("B", "inquiry", "Tue 09:00", {"phone": "2"})])
    assert out.as_of == t("Tue 09:00")


def test_rows_after_as_of_are_excluded_and_counted() -> None:
    out = evaluate(SLA, [("A", "inquiry", "Mon 09:00", {"phone": "1"}),
                         ("A", "touch", "Mon 09:30"),
                         ("B", "inquiry", "Mon 10:00", {"phone": "2"})], as_of="Mon 09:10")
    assert out.after_as_of_rows == 2
    assert [x.lead_id for x in out.leads] == ["A"]
    assert results(out)["A"]["quick"].status == "pending"


def test_from_to_judges_leads_by_their_first_event() -> None:
    events = [("A", "inquiry", "Mon 09:00", {"phone": "1"}), ("A", "touch", "Wed 09:00"),
              ("B", "inquiry", "Tue 09:00", {"phone": "2"}),
              ("C", "inquiry", "Wed 09:00", {"phone": "3"})]
    out = evaluate(SLA, events, "Fri 17:00", lead_from=t("Tue 00:00"), lead_to=t("Wed 09:00"))
    assert [x.lead_id for x in out.leads] == ["B"]
    out = evaluate(SLA, events, "Fri 17:00", lead_to=t("Tue 00:00"))
    assert [x.lead_id for x in out.leads] == ["A"]
    assert results(out)["A"]["quick"].stopped_at == t("Wed 09:00")  # later events still count


def test_equal_timestamps_keep_row_order() -> None:
    out = leads(evaluate(SLA, [
        ("A", "inquiry", "Mon 09:00", {"phone": "1", "channel": "web"}),
        ("A", "note", "Mon 09:00", {"channel": "phone", "service": "cardio"}),
        ("A", "note", "Mon 09:00", {"service": "other"}),
    ]))
    assert out["A"].attributes == {"channel": "web"}
    assert (out["A"].rule, out["A"].team) == ("cardio", "heart")


def test_routing_check_and_the_24x7_default() -> None:
    out = leads(evaluate(SLA, [
        ("A", "inquiry", "Mon 09:00", {"phone": "1", "service": "cardio"}),
        ("A", "assigned", "Mon 09:01", {"team": "desk"}),
        ("A", "assigned", "Mon 09:02", {"team": "heart"}),
        ("B", "inquiry", "Mon 09:00", {"phone": "2", "service": "other"}),
        ("B", "assigned", "Mon 09:01", {"team": "desk"}),
        ("C", "inquiry", "Mon 09:00", {"phone": "3", "service": "other"}),
        ("D", "inquiry", "Mon 09:00", {"phone": "4"}),
        ("D", "assigned", "Mon 09:01"),
    ]))
    assert [(out[x].team, out[x].routing_actual) for x in "ABCD"] == [
        ("heart", "desk"), ("desk", "desk"), ("desk", None), (None, None)]
    assert (out["D"].rule, out["D"].calendar) == (None, "24x7")


def test_outcome_is_the_last_non_empty_value_and_lost_reason() -> None:
    out = leads(evaluate(SLA, [
        ("A", "inquiry", "Mon 09:00", {"phone": "1", "reason_code": "R0"}),
        ("A", "done", "Mon 10:00", {"outcome": "later"}),
        ("A", "done", "Mon 11:00", {"outcome": "no", "reason_code": "R2"}),
        ("A", "note", "Mon 12:00"),
        ("B", "inquiry", "Mon 09:00", {"phone": "2", "reason_code": "R9"}),
        ("B", "done", "Mon 10:00", {"outcome": "booked"}),
    ]))
    assert (out["A"].outcome, out["A"].lost_reason) == ("no", "R2")
    assert (out["B"].outcome, out["B"].lost_reason) == ("booked", None)
    assert out["A"].closed_at == t("Mon 10:00")


def test_aging_of_open_leads_on_the_lead_clock() -> None:
    out = evaluate(SLA, [
        ("A", "inquiry", "Mon 09:00", {"phone": "1", "service": "cardio"}),
        ("B", "inquiry", "Mon 09:00", {"phone": "2"}),
        ("C", "inquiry", "Mon 09:00", {"phone": "3", "service": "cardio"}),
        ("C", "done", "Mon 09:30"),
    ], as_of="Wed 10:00")
    by = leads(out)
    assert by["A"].age_us == 7 * HOUR + 8 * HOUR + 2 * HOUR  # clinic: Mon 7h, Tue 8h, Wed 2h
    assert by["B"].age_us == 49 * HOUR  # no routing rule: 24x7
    assert by["C"].age_us is None
    assert [SLA.age_bucket(by[x], out.as_of) for x in "ABC"] == [1, 1, None]
    assert SLA.age_bucket(by["A"], t("Thu 09:00")) == 2
    assert SLA.age_bucket(by["A"], t("Tue 08:59")) == 0


def test_requirement_never_met_is_a_finding_without_phi() -> None:
    out = evaluate(SLA, [("A", "inquiry", "Mon 09:00"), ("A", "touch", "Mon 09:05"),
                         ("B", "inquiry", "Mon 09:00", {"phone": "312-555-0199"})])
    assert [(f.code, f.lead_id) for f in out.findings] == [("requirement-never-met", "A")]
    assert "phone|email" in out.findings[0].message
    assert leads(out)["A"].findings == ("requirement-never-met",)
    assert results(out)["A"]["quick"].status == "not_applicable"


def test_attributes_never_hold_phi() -> None:
    sla = sla_of("""
        source: {pii: [member_no]}
        report: {by: [channel, member_no]}
        targets: [{id: q, start: in, stop: touch, within: 1h}]
    """)
    out = evaluate(sla, [("A", "in", "Mon 09:00", {"channel": "web", "member_no": "77"})])
    assert leads(out)["A"].attributes == {"channel": "web"}


def test_leads_are_sorted_by_id() -> None:
    out = evaluate(SLA, [("b", "inquiry", "Mon 09:00"), ("B", "inquiry", "Mon 08:00"),
                         ("a", "inquiry", "Mon 10:00")])
    assert [x.lead_id for x in out.leads] == ["B", "a", "b"]


def test_explain_lead_tells_the_story() -> None:
    events = [("A", "inquiry", "Mon 09:00", {"phone": "1", "service": "cardio"}),
              ("A", "touch", "Mon 09:30")]
    table = table_of(events, SLA.columns())
    story = explain_lead(SLA, table, "A", as_of=t("Fri 17:00"))
    assert story.routing.rule == "cardio"
    (quick,) = story.targets
    assert quick.result.status == "breached"
    assert (quick.start.at, quick.stop.at) == (t("Mon 09:00"), t("Mon 09:30"))  # type: ignore[union-attr]
    assert quick.clock == "clinic" and quick.budget == "20m"
    assert len(story.rows) == 2 and story.judged
    assert story.result == run(SLA, table, as_of=t("Fri 17:00")).leads[0]
    with pytest.raises(UsageError):
        explain_lead(SLA, table, "nobody")


def test_require_completed_by_a_later_row() -> None:
    r = one(SLA, [("A", "inquiry", "Mon 09:00"), ("A", "update", "Mon 09:30", {"email": "e"}),
                  ("A", "touch", "Mon 09:40")])
    assert (r.started_at, r.status) == (t("Mon 09:30"), "met")
