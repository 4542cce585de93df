"""``evaluate -f github``: each target an annotation on its ``objective`` line, missed
objectives first as errors, findings as warnings, the verdict last; the CLI lists the registry."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from report_synthetic import synthetic_report

import slakit
from slakit.cli import run
from slakit.cli.evaluate import FORMAT_NAMES
from slakit.errors import UsageError
from slakit.report import FORMATS, RenderOptions
from slakit.report.github import LIMIT

ROOT = Path(__file__).resolve().parents[2]
CONSULT = ROOT / "examples" / "consult-follow-up"
GITHUB = FORMATS["github"]


def test_the_command_offers_every_registered_format() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES


def test_a_missed_objective_is_an_error_on_its_objective_line() -> None:
    result = slakit.evaluate(CONSULT / "consult.sla.yaml", [CONSULT / "events.csv"],
                             fail_under="88%")
    lines = result.render("github").splitlines()
    text = (CONSULT / "consult.sla.yaml").read_text(encoding="utf-8").splitlines()
    by_target = {re.search(r"title=([^:]+)::", line)[1]: line  # type: ignore[index]
                 for line in lines if "file=" in line}
    assert set(by_target) == {t.id for t in result.report.targets}
    for t in result.report.targets:
        line = by_target[t.id]
        assert line.startswith("::error " if not t.passed else "::notice "), line
        number = int(re.search(r",line=(\d+),", line)[1])  # type: ignore[index]
        assert text[number - 1].strip().startswith("objective:"), (t.id, text[number - 1])
    # Errors come before notices, so the cap never hides a missed objective behind them.
    levels = [line.split(" ", 1)[0] for line in lines if "file=" in line]
    assert levels == sorted(levels, key=lambda lv: lv != "::error")
    assert lines[-1] == ("FAIL: " if not result.report.passed else "PASS: ") + \
        lines[-1].split(": ", 1)[1]


def test_numbers_and_escapes() -> None:
    report = synthetic_report()
    out = GITHUB.render(report, RenderOptions())
    first = out.splitlines()[0]
    # No document given: the annotation names no file. "%" is escaped as GitHub wants.
    assert first.startswith("::error title=speed-to-first-attempt::compliance 93.0%25 < "
                            "objective 95.0%25: 412 met, 31 breached, 6 pending"), first
    assert "owners: responsible inside-sales, accountable sales-director" in first
    assert "::notice title=weekend-callbacks::no data (no lead met or breached it)" in out
    assert "::warning title=bad-timestamp::31 in all; first: " in out


def test_a_tie_shows_the_decimals_that_differ() -> None:
    t = replace(synthetic_report().targets[0], compliance=Fraction(57142857142857, 10**14),
                objective=Fraction(4, 7), passed=False)
    out = GITHUB.render(synthetic_report(targets=(t,)), RenderOptions())
    assert "compliance 57.1428571428570%25 < objective 57.1428571428571%25" in out


def test_past_the_cap_targets_are_plain_lines() -> None:
    base = synthetic_report().targets[0]
    many = tuple(replace(base, id=f"t{i:02d}") for i in range(LIMIT + 3))
    lines = GITHUB.render(synthetic_report(targets=many, findings=()),
                          RenderOptions()).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == LIMIT
    assert "3 more errors not shown as annotations" in "\n".join(lines)
    assert "t12: compliance 93.0% < objective 95.0%" in "\n".join(lines)


def test_an_unknown_format_is_refused() -> None:
    result = slakit.evaluate(CONSULT / "consult.sla.yaml", [CONSULT / "events.csv"])
    with pytest.raises(UsageError, match="use one of text, json, markdown, csv"):
        result.render("yaml")


def test_from_the_command_line(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    doc = "examples/consult-follow-up/consult.sla.yaml"
    assert run(["evaluate", doc, "examples/consult-follow-up/events.csv", "-f", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file={doc},line=" in out
    assert "\x1b" not in out


def test_a_target_the_document_does_not_hold_names_no_file() -> None:
    # A report rendered with another document: the annotation cannot point into it.
    loaded = slakit.load(CONSULT / "consult.sla.yaml")
    out = GITHUB.render(synthetic_report(), RenderOptions(document=loaded))
    assert "::notice title=weekend-callbacks::" in out
    assert "file=" in out  # the targets the document holds still point into it


def test_an_objective_from_fail_under_says_so() -> None:
    result = slakit.evaluate(CONSULT / "consult.sla.yaml", [CONSULT / "events.csv"],
                             fail_under="88%")
    first = result.render("github").splitlines()[0]
    assert "objective 88.0%25 (--fail-under)" in first, first
    plain = slakit.evaluate(CONSULT / "consult.sla.yaml", [CONSULT / "events.csv"])
    assert "--fail-under" not in plain.render("github")


def test_every_need_of_every_format_can_be_filled() -> None:
    from slakit.evaluation import _NEEDS
    from slakit.report.base import RenderOptions as Options

    fields = set(Options.__dataclass_fields__)
    for fmt in FORMATS.values():
        assert set(fmt.needs) <= set(_NEEDS) & fields, fmt.name
