"""The document model read through the loader: the contract's example, and the model fixes."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from slakit.errors import DocumentError
from slakit.loader import load
from slakit.model import CadenceTarget, CountTrigger, Percent, QualityTarget, ResponseTarget, Span
from slakit.model.schema import document_schema, schema_json

DATA = Path(__file__).parent / "data"
HEAD = "slakit: 1\nname: demo\n"


def test_language_example_reads_as_written() -> None:
    doc = load(DATA / "language_example.sla.yaml").document
    assert doc.timezone == "America/New_York"
    night = doc.calendars["night-desk"]
    assert night.timezone == "America/Los_Angeles"
    assert night.weekly()[0] == [(22 * 60, 6 * 60)] and Span(1320, 360).overnight
    center = doc.calendars["call-center"]
    assert center.holidays is not None and center.holidays.country == "US"
    assert [str(s) for s in center.overrides[next(iter(center.overrides))]] == ["08:00-12:00"]
    assert doc.definitions["lead_received"].require[1].fields == ("phone", "email")
    speed, resolution, cadence, outcome, messaging = doc.targets
    assert isinstance(speed, ResponseTarget) and speed.warn is not None
    assert speed.warn.value == Fraction(4, 5) and str(speed.within) == "15m"
    assert speed.for_ == {"lead_type": ["consult_request", "referral"],
                          "channel": ["form", "phone", "chat"]}
    assert isinstance(resolution, ResponseTarget) and resolution.pause is not None
    assert resolution.pause.from_ == ["review_requested"]
    assert isinstance(cadence, CadenceTarget)
    assert [str(s) for s in cadence.schedule] == ["15m", "4h", "1bd", "3bd"]
    assert isinstance(outcome, QualityTarget) and outcome.on == ["resolved"]
    assert isinstance(messaging, QualityTarget) and messaging.each is not None
    assert isinstance(doc.escalations[0].when, CountTrigger)
    assert doc.report.views["leadership"] == ["targets", "outcomes", "aging", "trend"]


def test_scalar_condition_values_are_text() -> None:
    doc = load(HEAD + "targets:\n  - {id: t, for: {zip: 2100, vip: true, tier: [1, 2.5]}, "
               "start: a, stop: b, within: 1h}\n").document
    assert doc.targets[0].for_ == {"zip": ["2100"], "vip": ["true"], "tier": ["1", "2.5"]}


def test_unknown_kind_is_one_error() -> None:
    with pytest.raises(DocumentError) as info:
        load(HEAD + "targets:\n  - {id: t, kind: qualty, start: a}\n")
    (problem,) = info.value.problems
    assert problem.code == "invalid-value" and "qualty" in problem.message
    assert (problem.location.line, problem.location.col) == (4, 19)


@pytest.mark.parametrize(("within", "ok"), [
    ("876000h", True), ("876001h", False), ("36500d", True), ("99999999999999999999999h", False),
    ("5000bd", True), ("5001bd", False), ("3153600000s", True),
])
def test_a_duration_is_at_most_100_years(within: str, ok: bool) -> None:
    # Longer budgets passed validate and then overflowed the engines (an internal error).
    text = HEAD + f"targets:\n  - {{id: t, start: a, stop: b, within: {within}}}\n"
    if ok:
        load(text)
        return
    with pytest.raises(DocumentError) as info:
        load(text)
    (problem,) = info.value.problems
    assert "at most 100 years" in problem.message and (problem.location.line, 4) == (4, 4)


def test_trigger_without_a_kind_key_is_one_error() -> None:
    with pytest.raises(DocumentError) as info:
        load(HEAD + "targets:\n  - {id: t, start: a, stop: b, within: 1h}\n"
             "escalations:\n  - {id: e, when: {reach: 3}, action: x}\n")
    (problem,) = info.value.problems
    assert "count, since, unmet or target" in problem.message


def test_schema_accepts_single_values_where_lists_are_allowed() -> None:
    defs = document_schema()["$defs"]
    start = defs["ResponseTarget"]["properties"]["start"]
    assert {"type": "array"}.items() <= start["anyOf"][1].items()
    event = defs["Definition"]["properties"]["event"]
    assert {"type": "string"} in event["anyOf"]
    hours = defs["CalendarDef"]["properties"]["hours"]["additionalProperties"]
    assert len(hours["anyOf"]) == 2
    assert schema_json().endswith("}\n")


@pytest.mark.parametrize("written", ["95%", "99.5%", "0.001%", "100%", "57.1428571428572%",
                                     "99." + "9" * 43 + "%"])
def test_a_percentage_prints_as_written(written: str) -> None:
    """Every digit kept: the diff of 57.1428571428571% -> ...572% printed 57.1429% twice."""
    assert str(Percent.parse(written)) == written
