"""The compiler: references resolved, budgets, calendars, read spec, personal data."""

from __future__ import annotations

from fractions import Fraction

import pytest
from engine_kit import HOUR, MINUTE, sla_of

from slakit.compile import (
    Budget,
    CadenceRule,
    CompileError,
    CountTrigger,
    Matcher,
    QualityRule,
    ResponseRule,
    TargetTrigger,
    UnmetTrigger,
)

SLA = sla_of("""
    source:
      columns: {lead_id: Lead ID, service_line: Service Line}
      events: {"Web Form": inquiry}
      timestamp_format: "%m/%d/%Y %H:%M"
      nulls: ["", "N/A"]
      pii: [Member Number]
    definitions:
      in: {event: inquiry, require: [phone|email]}
      touch: {event: [call, sms]}
      done: {event: outcome, where: {outcome: [booked, declined]}}
    closed: done
    routing:
      check: {on: assigned, field: team}
      rules:
        - {name: heart, when: {service_line: cardio}, team: h, calendar: clinic}
        - {name: rest, team: r}
    stages: [in, touch, {event: outcome}]
    targets:
      - {id: quick, for: {channel: web}, start: in, stop: [touch, talk], cancel: done,
         within: 15m, after_hours: 1h, warn: 80%, objective: 95%}
      - {id: cad, kind: cadence, start: in, attempts: touch, schedule: [15m, 2bd], until: done}
      - {id: doc, kind: quality, on: done, require: [outcome, next_step|reason]}
      - {id: msg, kind: quality, each: {event: sms, where: {dir: out}}, allow: {template: [a]}}
    escalations:
      - {id: e1, when: {count: touch, reaches: 3, without: talk}, action: x,
         expect: {event: review, within: 4h}}
      - {id: e2, when: {unmet: [phone|email], after: 1h}, action: y}
      - {id: e3, when: {target: quick, at: 80%}, action: z}
    duplicates: {match: [phone, email], within: 30d}
    outcomes: {field: outcome, values: {booked: won}, reason: reason}
    report: {by: [channel], aging: [1bd, 3bd]}
""")


def test_a_name_is_a_definition_else_a_raw_event() -> None:
    quick = SLA.target("quick")
    assert isinstance(quick, ResponseRule)
    assert quick.start.matchers == (Matcher("in", frozenset({"inquiry"}), (),
                                            (("phone", "email"),)),)
    assert [m.name for m in quick.stop.matchers] == ["touch", "talk"]
    assert quick.stop.matchers[1].events == frozenset({"talk"})
    assert quick.cancel is not None
    assert quick.cancel.matchers[0].where == (("outcome", frozenset({"booked", "declined"})),)


def test_inline_definitions_are_anonymous_matchers() -> None:
    msg = SLA.target("msg")
    assert isinstance(msg, QualityRule) and msg.each is not None
    (m,) = msg.each.matchers
    assert (m.name, m.events, m.where) == ("sms", frozenset({"sms"}),
                                            (("dir", frozenset({"out"})),))
    assert [s.name for s in SLA.stages] == ["in", "touch", "outcome"]


def test_budgets_and_shares() -> None:
    quick = SLA.target("quick")
    assert isinstance(quick, ResponseRule)
    assert quick.within == Budget("15m", us=15 * MINUTE)
    assert quick.after_hours == Budget("1h", us=HOUR)
    assert (quick.warn, quick.objective) == (Fraction(4, 5), Fraction(19, 20))
    cad = SLA.target("cad")
    assert isinstance(cad, CadenceRule)
    assert cad.schedule[1] == Budget("2bd", bd=2)
    assert SLA.duplicates is not None and SLA.duplicates.within.us == 30 * 24 * HOUR


def test_escalation_triggers() -> None:
    e1, e2, e3 = (e.trigger for e in SLA.escalations)
    assert isinstance(e1, CountTrigger) and e1.reaches == 3 and e1.without is not None
    assert isinstance(e2, UnmetTrigger) and e2.unmet == (("phone", "email"),)
    assert isinstance(e3, TargetTrigger) and e3.at == Fraction(4, 5)
    assert SLA.escalations[0].expect is not None


def test_calendars_and_routing() -> None:
    assert set(SLA.calendars) == {"24x7", "clinic"}
    assert SLA.calendar("clinic").timezone == "America/Chicago"
    assert SLA.routing is not None
    assert [(r.name, r.team, r.calendar) for r in SLA.routing.rules] == [
        ("heart", "h", "clinic"), ("rest", "r", "24x7")]
    assert SLA.routing.check_field == "team"


def test_read_spec_names_every_column_the_document_uses() -> None:
    spec = SLA.read_spec()
    assert spec.attributes == (
        "channel", "dir", "email", "next_step", "outcome", "phone", "reason", "service_line",
        "team", "template",
    )
    assert spec.columns == {"lead_id": "Lead ID", "service_line": "Service Line"}
    assert spec.events == {"Web Form": "inquiry"}
    assert spec.timestamp_formats == ("%m/%d/%Y %H:%M",)
    assert (spec.timezone, spec.nulls) == ("America/Chicago", ("", "N/A"))


def test_by_replaces_report_by() -> None:
    sla = sla_of("""
        report: {by: [channel]}
        targets: [{id: q, start: a, stop: b, within: 1h}]
    """, by=["region"])
    assert sla.report_by == ("region",)
    assert "region" in sla.columns() and "channel" not in sla.columns()


@pytest.mark.parametrize(("column", "pii"), [
    ("phone", True), ("Phone", True), ("E_mail", True), ("email", True),
    ("First Name", True), ("first_name", True), ("FIRSTNAME", True), ("patient name", True),
    ("Date_Of_Birth", True), ("MRN", True), ("member number", True), ("Member_Number", True),
    ("channel", False), ("phone_type", False),
])
def test_is_pii(column: str, pii: bool) -> None:
    assert SLA.is_pii(column) is pii


def test_dangling_references_raise() -> None:
    with pytest.raises(CompileError):
        sla_of("targets: [{id: q, start: a, stop: b, within: 1h, calendar: nowhere}]")
    with pytest.raises(CompileError):
        sla_of("""
            targets: [{id: q, start: a, stop: b, within: 1h}]
            escalations: [{id: e, when: {target: nope, at: 50%}, action: x}]
        """)


def test_matchers_lists_each_definition_once() -> None:
    names = [m.name for m in SLA.matchers()]
    assert len(names) == len(set(names)) or len(set(SLA.matchers())) == len(names)
    assert {"in", "touch", "done", "talk", "review", "assigned"} <= set(names)
