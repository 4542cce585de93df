"""The text report fits 100 columns without cutting a number: owners (accountable and
responsible) under their target, and ``max`` left out, with a note, only when it cannot fit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from report_synthetic import synthetic_report

import slakit
from slakit.report import FORMATS, RenderOptions
from slakit.report.model import Report
from slakit.report.numbers import minutes
from slakit.report.tables import owners_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [("consult-follow-up", "consult.sla.yaml"), ("partner-delivery", "partner.sla.yaml"),
            ("multi-region", "multi-region.sla.yaml")]


def _text(report: Report) -> str:
    return FORMATS["text"].render(report, RenderOptions(sections=("targets",)))


@pytest.mark.parametrize(("folder", "doc"), EXAMPLES)
def test_no_number_is_cut_and_every_owner_is_shown(folder: str, doc: str) -> None:
    path = ROOT / "examples" / folder
    report = slakit.evaluate(path / doc, [path / "events.csv"]).report
    text = _text(report)
    assert max(len(line) for line in text.splitlines()) <= 100
    rows = {line.split()[0]: line for line in text.splitlines() if line.split()}
    for t in report.targets:
        row = rows[t.id].split()
        assert str(t.counts["met"]) in row and str(t.counts["breached"]) in row, row
        for value in (t.elapsed_p50, t.elapsed_p90):
            if value is not None:
                assert f"{minutes(value):.1f}" in row, (t.id, row)
        for role in ("accountable", "responsible"):
            if role in t.owners:
                assert f" {role[0].upper()} {t.owners[role]}\n" in text + "\n", (t.id, role)
    header = next(line for line in text.splitlines() if line.startswith("target"))
    left_out = "(max left out for width: -f markdown shows it)" in " ".join(text.split())
    assert left_out == (" max" not in header), header


def test_max_is_shown_when_it_fits() -> None:
    base = synthetic_report().targets[0]
    report = synthetic_report(targets=(replace(base, id="quick", owners={}),))
    text = _text(report)
    assert " max" in text and "left out" not in text
    assert f"{minutes(base.elapsed_max):.1f}" in text  # type: ignore[arg-type]


def test_owners_text() -> None:
    assert owners_text({"responsible": "desk", "accountable": "boss"}) == "A boss · R desk"
    assert owners_text({"responsible": "desk"}) == "R desk"
    assert owners_text({}) == ""


def test_with_no_lead_judged_owners_stay_whole() -> None:
    # "PASS (no data)" widens the result column: the optional columns go, one by one, before
    # an owner's name is folded away from its role letter.
    path = ROOT / "examples" / "consult-follow-up"
    report = slakit.evaluate(path / "consult.sla.yaml", [path / "events.csv"],
                             lead_from="2027-01-01", lead_to="2027-02-01").report
    text = _text(report)
    assert " A patient-services-director\n" in text
    assert "(max, other left out for width: -f markdown shows them)" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 100


def test_one_lead_is_singular_in_the_header() -> None:
    report = synthetic_report()
    report = replace(report, input=replace(report.input, leads=1))
    assert "; 1 lead from 2 files, " in _text(report)
    one = replace(report, input=replace(report.input, files=report.input.files[:1], used_rows=1))
    assert "; 1 lead from 1 file, 1 row used\n" in _text(one)


def test_one_lead_with_an_outcome_is_singular() -> None:
    from slakit.report.model import OutcomeMix
    from slakit.report.tables import outcomes

    report = synthetic_report(outcomes_overall=OutcomeMix(won=1, values={"booked": 1}))
    assert outcomes(report)[0].note == "1 lead with an outcome"


def test_targets_without_owners_have_no_owners_column() -> None:
    from slakit.report.tables import targets

    report = synthetic_report()
    assert targets(report)[0].headers[-1] == "owners"
    bare = replace(report, targets=[replace(t, owners={}) for t in report.targets])
    table = targets(bare)[0]
    assert "owners" not in table.headers and "owners" not in table.note
    assert not table.stack_last and {len(r) for r in table.rows} == {len(table.headers)}
    assert "owners" not in _text(bare).split("Targets")[1].split("\n\n")[1]
