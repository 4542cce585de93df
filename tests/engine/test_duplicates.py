"""Duplicates: normalisation, the original, the window, no chaining, no further part."""

from __future__ import annotations

import pytest
from engine_kit import evaluate, leads, sla_of

from slakit.engine.duplicates import normalise, normaliser

SLA = sla_of("""
    closed: done
    routing:
      check: {on: assigned, field: team}
      rules: [{name: all, team: a, calendar: clinic}]
    outcomes: {field: outcome, values: {won: won}}
    targets:
      - {id: q, start: in, stop: touch, within: 20m}
    escalations:
      - id: idle
        when: {since: in, without: touch, over: 1h}
        action: reassign
    duplicates: {match: [phone, email], within: 2d}
""")


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("phone", "312-555-0101", "3125550101"),
    ("phone", "(312) 555-0101", "3125550101"),
    ("phone", "+1 312 555 0101", "3125550101"),
    ("Mobile Phone", "1-312-555-0101", "3125550101"),
    ("phone", "+44 20 7946 0958", "442079460958"),
    ("phone", "n/a", ""),
    ("email", " Ann@Example.ORG ", "ann@example.org"),
    ("E_Mail", "A@B.C", "a@b.c"),
    ("member_id", " X1 ", "X1"),
])
def test_normalise(column: str, value: str, expected: str) -> None:
    assert normalise(column, value) == expected


def test_a_field_read_from_a_phone_header_is_compared_as_a_phone() -> None:
    # {contact: Phone}: "contact" holds phone numbers, spelled as people spell them.
    assert normaliser("contact", "Phone")("+1 (312) 555-0101") == "3125550101"
    assert normaliser("contact", "Email Address")(" A@B.C ") == "a@b.c"
    assert normaliser("contact", "Contact")(" +1 (312) ") == "+1 (312)"


def test_original_is_the_earliest_and_there_is_no_chaining() -> None:
    out = leads(evaluate(SLA, [
        ("A", "in", "Mon 09:00", {"phone": "312-555-0001"}),
        ("B", "in", "Tue 09:00", {"phone": "(312) 555-0001"}),
        ("C", "in", "Wed 10:00", {"phone": "+1 312 555 0001"}),
    ]))
    assert (out["A"].duplicate_of, out["B"].duplicate_of, out["C"].duplicate_of) == \
        (None, "A", None)


def test_window_is_inclusive() -> None:
    out = leads(evaluate(SLA, [
        ("A", "in", "Mon 09:00", {"phone": "3125550001"}),
        ("B", "in", "Wed 09:00", {"phone": "3125550001"}),
    ]))
    assert out["B"].duplicate_of == "A"


def test_a_new_original_outside_the_window_takes_later_repeats() -> None:
    out = leads(evaluate(SLA, [
        ("A", "in", "Mon 09:00", {"email": "x@y.org"}),
        ("B", "in", "Thu 09:00", {"email": "X@Y.org"}),
        ("C", "in", "Fri 09:00", {"email": "x@y.org"}),
    ]))
    assert (out["B"].duplicate_of, out["C"].duplicate_of) == (None, "B")


def test_any_listed_field_matches_and_empty_never_does() -> None:
    out = leads(evaluate(SLA, [
        ("A", "in", "Mon 09:00", {"phone": "3125550001", "email": "a@x.org"}),
        ("B", "in", "Mon 10:00", {"phone": "3125550002", "email": "A@x.org"}),
        ("C", "in", "Mon 11:00"),
        ("D", "in", "Mon 12:00"),
    ]))
    assert [out[x].duplicate_of for x in "BCD"] == ["A", None, None]


def test_equal_first_instants_keep_input_order() -> None:
    out = leads(evaluate(SLA, [
        ("Z", "in", "Mon 09:00", {"phone": "3125550001"}),
        ("Y", "in", "Mon 09:00", {"phone": "3125550001"}),
    ]))
    assert (out["Z"].duplicate_of, out["Y"].duplicate_of) == (None, "Z")


def test_a_duplicate_takes_no_further_part() -> None:
    out = leads(evaluate(SLA, [
        ("A", "in", "Mon 09:00", {"phone": "3125550001"}),
        ("A", "touch", "Mon 09:05"),
        ("B", "in", "Mon 10:00", {"phone": "3125550001"}),
        ("B", "assigned", "Mon 10:01", {"team": "b"}),
        ("B", "outcome", "Mon 10:02", {"outcome": "won"}),
    ], as_of="Fri 17:00"))
    b = out["B"]
    assert [r.status for r in b.targets] == ["duplicate"]
    assert b.escalations == () and b.routing_actual is None
    assert (b.outcome, b.age_us, b.stages) == (None, None, ())
    assert b.team == "a"  # still shown beside the original in --results


def test_duplicates_use_leads_outside_from_to_as_originals() -> None:
    from engine_kit import t

    out = evaluate(SLA, [
        ("A", "in", "Mon 09:00", {"phone": "3125550001"}),
        ("B", "in", "Tue 09:00", {"phone": "3125550001"}),
    ], lead_from=t("Tue 00:00"))
    assert [(x.lead_id, x.duplicate_of) for x in out.leads] == [("B", "A")]
