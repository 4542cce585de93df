"""The verdict sentence of text, markdown, github and html says why a run passed: a target
with no data, or without an objective, passes the gate but did not "meet its objective"."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from report_synthetic import synthetic_report

from slakit.report.html_format import verdict_sentence
from slakit.report.markdown_format import headline
from slakit.report.model import Report


def _passing(*compliance: Fraction | None,
             objective: Fraction | None = Fraction(9, 10)) -> Report:
    base = synthetic_report().targets[0]
    targets = tuple(replace(base, id=f"t{i}", compliance=c, objective=objective, passed=True)
                    for i, c in enumerate(compliance))
    return synthetic_report(targets=targets, passed=True)


def test_every_target_kept_its_objective() -> None:
    report = _passing(Fraction(95, 100), Fraction(1))
    assert headline(report).startswith("PASS: all targets met their objectives (458 leads")
    assert verdict_sentence(report) == "All targets met their objectives."


def test_no_data_is_said() -> None:
    report = _passing(Fraction(95, 100), None)
    assert headline(report).startswith(
        "PASS: no target missed its objective; 1 of 2 has no data yet (458 leads")
    assert verdict_sentence(report) == "No target missed its objective; 1 of 2 has no data yet."


def test_nothing_judged_is_not_success() -> None:
    report = _passing(None, None, None)
    assert "3 of 3 have no data yet" in headline(report)
    assert verdict_sentence(report) == "No target missed its objective; 3 of 3 have no data yet."


def test_no_objective_is_said() -> None:
    report = _passing(Fraction(1, 2), objective=None)
    assert "no target missed its objective; 1 of 1 has no objective" in headline(report)
    assert verdict_sentence(report) == "No target missed its objective; 1 of 1 has no objective."


def test_one_lead_is_singular() -> None:
    from dataclasses import replace as with_

    report = _passing(Fraction(1))
    report = with_(report, input=with_(report.input, leads=1))
    assert "(1 lead, as of " in headline(report)
