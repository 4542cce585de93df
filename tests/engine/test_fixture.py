"""The normative fixture (design/fixture/expected.md): every number, reproduced exactly."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import pytest
from engine_kit import Event, minutes, t, table_of

from slakit.compile import CompiledSla, compile_document
from slakit.engine.reference import run
from slakit.engine.results import STATUSES, EngineOutput
from slakit.loader import load
from slakit.reader import read_events

DATA = Path(__file__).parent / "data" / "fixture"


def _events() -> list[Event]:
    with (DATA / "events.csv").open(encoding="utf-8") as fh:
        return [
            (row.pop("lead_id"), row.pop("event"), row.pop("timestamp"),
             {k: v for k, v in row.items() if v})
            for row in csv.DictReader(fh)
        ]


@pytest.fixture(scope="module")
def sla() -> CompiledSla:
    return compile_document(load(DATA / "basics.sla.yaml").document)


@pytest.fixture(scope="module")
def output(sla: CompiledSla) -> EngineOutput:
    return run(sla, table_of(_events(), sla.columns()), as_of=t("Fri 17:00"))


def test_through_the_reader(sla: CompiledSla, output: EngineOutput) -> None:
    table = read_events([DATA / "events.csv"], sla.read_spec())
    assert (table.rows, len(table), table.skipped_rows, table.duplicate_rows) == (22, 22, 0, 0)
    assert run(sla, table, as_of=t("Fri 17:00")) == output


def _get(output: EngineOutput, lead: str, target: str):  # type: ignore[no-untyped-def]
    (found,) = [r for x in output.leads if x.lead_id == lead for r in x.targets
                if r.target == target]
    return found


def _counts(output: EngineOutput, target: str) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for lead in output.leads:
        for r in lead.targets:
            if r.target == target:
                counts[r.status] += 1
    return {k: v for k, v in counts.items() if v}


QUICK = [
    ("P1", "met", 15, "Mon 13:10"),
    ("P2", "breached", 25, "Mon 13:20"),
    ("P3", "breached", None, "Tue 09:30"),
    ("P4", "cancelled", None, None),
    ("P5", "met", 15, "Tue 10:50"),
    ("P6", "met", 0, "Wed 09:30"),
    ("P8a", "met", 5, "Mon 09:20"),
    ("P8b", "duplicate", None, None),
    ("P8c", "breached", 30, "Wed 10:20"),
]


@pytest.mark.parametrize(("lead", "status", "elapsed", "due"), QUICK)
def test_quick(output: EngineOutput, lead: str, status: str, elapsed: int | None,
               due: str | None) -> None:
    r = _get(output, lead, "quick")
    assert r.status == status
    if elapsed is not None:
        assert minutes(r.elapsed_us) == elapsed
    if due is not None:
        assert r.due_at == t(due)


def test_quick_p4_cancelled_after_ten_clock_minutes(output: EngineOutput) -> None:
    r = _get(output, "P4", "quick")
    assert minutes(r.elapsed_us) == 10


def test_quick_after_hours_budgets(output: EngineOutput) -> None:
    assert _get(output, "P3", "quick").after_hours
    assert _get(output, "P6", "quick").after_hours
    assert not _get(output, "P2", "quick").after_hours  # lunch gap is not after hours


def test_quick_counts(output: EngineOutput) -> None:
    assert _counts(output, "quick") == {"met": 4, "breached": 3, "cancelled": 1, "duplicate": 1}


NEXT_DAY = [
    ("P1", "met", "Tue 11:50"),
    ("P2", "breached", "Tue 13:00"),
    ("P3", "met", "Wed 08:00"),
    ("P4", "met", "Wed 09:00"),
    ("P5", "met", "Wed 10:30"),
    ("P6", "breached", "Thu 08:00"),
    ("P8a", "breached", "Tue 09:00"),
    ("P8b", "duplicate", None),
    ("P8c", "breached", "Thu 10:00"),
]


@pytest.mark.parametrize(("lead", "status", "due"), NEXT_DAY)
def test_next_day(output: EngineOutput, lead: str, status: str, due: str | None) -> None:
    r = _get(output, lead, "next-day")
    assert r.status == status
    assert r.due_at == (t(due) if due else None)


def test_next_day_counts(output: EngineOutput) -> None:
    assert _counts(output, "next-day") == {"met": 4, "breached": 4, "duplicate": 1}


CADENCE = [
    ("P1", "met", ("satisfied", "satisfied", "excused")),
    ("P2", "breached", ("missed", "satisfied", "missed")),
    ("P3", "breached", ("missed", "excused", "excused")),
    ("P4", "cancelled", ("excused", "excused", "excused")),
    ("P5", "met", ("satisfied", "excused", "excused")),
    ("P6", "breached", ("satisfied", "missed", "missed")),
    ("P8a", "breached", ("satisfied", "missed", "missed")),
    ("P8b", "duplicate", ()),
    ("P8c", "breached", ("missed", "satisfied", "missed")),
]


@pytest.mark.parametrize(("lead", "status", "windows"), CADENCE)
def test_cadence(output: EngineOutput, lead: str, status: str,
                 windows: tuple[str, ...]) -> None:
    r = _get(output, lead, "cadence")
    assert (r.status, r.windows) == (status, windows)


def test_cadence_counts(output: EngineOutput) -> None:
    assert _counts(output, "cadence") == {"met": 2, "breached": 5, "cancelled": 1, "duplicate": 1}


def test_night(output: EngineOutput) -> None:
    r = _get(output, "P6", "night")
    assert (r.status, minutes(r.elapsed_us), r.due_at) == ("breached", 40, t("Wed 00:00"))
    others = {x.lead_id: _get(output, x.lead_id, "night").status for x in output.leads}
    del others["P6"]
    assert set(others.values()) == {"not_applicable", "duplicate"}
    assert others.pop("P8b") == "duplicate"


def test_compliance(output: EngineOutput) -> None:
    def compliance(target: str) -> Fraction:
        c = _counts(output, target)
        return Fraction(c.get("met", 0), c.get("met", 0) + c.get("breached", 0))

    assert round(float(compliance("quick")), 4) == 0.5714
    assert compliance("next-day") == Fraction(1, 2)


def test_escalations(output: EngineOutput) -> None:
    fired = {(x.lead_id, e.escalation, e.fired_at) for x in output.leads for e in x.escalations}
    assert fired == {("P3", "idle", t("Tue 09:00"))}


def test_duplicates_and_routing(output: EngineOutput) -> None:
    by_id = {x.lead_id: x for x in output.leads}
    assert by_id["P8b"].duplicate_of == "P8a"
    assert by_id["P8c"].duplicate_of is None
    assert {(x.team, x.calendar) for x in output.leads} == {("intake", "clinic")}


def test_findings_and_rows(output: EngineOutput) -> None:
    assert output.findings == []
    assert output.after_as_of_rows == 0
    assert output.as_of == t("Fri 17:00")
