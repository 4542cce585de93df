"""Shares shown to a person: one decimal, more only to tell a compliance from its goal."""

from __future__ import annotations

from fractions import Fraction

import pytest

from slakit.report.numbers import objective_text, percent_pair, percent_text


def test_one_decimal_half_even() -> None:
    assert percent_text(Fraction(1, 160)) == "0.6%"  # 0.625 -> 0.6
    assert percent_text(Fraction(7, 160)) == "4.4%"  # 4.375 -> 4.4
    assert percent_text(None) == "no data"


@pytest.mark.parametrize(("value", "goal", "shown"), [
    (Fraction(274, 311), Fraction(8811, 10000), ("88.10%", "88.11%")),  # a miss that looked met
    (Fraction(62, 10000), Fraction(63, 10000), ("0.62%", "0.63%")),
    (Fraction(931, 1000), Fraction(95, 100), ("93.1%", "95.0%")),      # apart already
    (Fraction(95, 100), Fraction(95, 100), ("95.0%", "95.0%")),        # equal: equal
    (None, Fraction(95, 100), ("no data", "95.0%")),
])
def test_a_compliance_and_its_goal_are_shown_apart_when_they_differ(
        value: Fraction | None, goal: Fraction, shown: tuple[str, str]) -> None:  # fmt: skip
    assert percent_pair(value, goal) == shown


@pytest.mark.parametrize(("goal", "shown"), [
    (Fraction(95, 100), "95.0%"),
    (Fraction(8811, 10000), "88.11%"),
    (Fraction(925, 1000), "92.5%"),
    (Fraction(2, 3), "66.666666666667%"),  # no decimal writes it: GOAL_DECIMALS
])
def test_an_objective_is_shown_as_written(goal: Fraction, shown: str) -> None:
    assert objective_text(goal) == shown
    assert percent_pair(Fraction(1, 2), goal)[1] == shown


def test_a_miss_by_less_than_a_tenth_is_not_shown_as_a_tie() -> None:
    assert percent_pair(Fraction(881, 1000), Fraction(8811, 10000)) == ("88.10%", "88.11%")


def test_an_objective_with_many_decimals_is_not_rounded() -> None:
    assert objective_text(Fraction(8666666, 10**7)) == "86.66666%"
    assert objective_text(Fraction(1012345, 10**7)) == "10.12345%"


def test_a_miss_by_a_hair_never_reads_as_a_tie_in_the_targets_table() -> None:
    from dataclasses import replace

    from report_synthetic import synthetic_report

    from slakit.report.tables import targets

    base = synthetic_report().targets[0]
    t = replace(base, compliance=Fraction(1899999, 2000000), objective=Fraction(95, 100),
                passed=False)
    row = targets(synthetic_report(targets=(t,)))[0].rows[0]
    assert row[2] != row[3] and row[2].startswith("94.99995") and row[3].startswith("95.0")


def test_counted_is_singular_for_one_only() -> None:
    from slakit.words import counted

    assert [counted(n, "lead") for n in (0, 1, 2)] == ["0 leads", "1 lead", "2 leads"]
    assert counted(1234, "row", thousands=True) == "1,234 rows"
    assert counted(1, "more row") == "1 more row"
