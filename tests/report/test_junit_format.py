"""JUnit XML: parses, counts, failure messages, validate results, no raw control characters."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from fractions import Fraction

from report_synthetic import ESCAPE_ID, synthetic_report

from slakit.errors import Location, Problem
from slakit.report import FORMATS, RenderOptions
from slakit.report.junit_format import validate_junit
from slakit.report.model import Report

JUNIT = FORMATS["junit"]


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    return {c.attrib["name"]: c for c in root.iter("testcase")}


def test_one_test_case_per_target_with_counts(report: Report) -> None:
    root = ET.fromstring(JUNIT.render(report, RenderOptions()))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert suite.attrib["name"] == "slakit evaluate: consult-follow-up"
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["errors"],
            suite.attrib["skipped"]) == ("4", "2", "0", "1")
    assert root.attrib["tests"] == "4" and root.attrib["failures"] == "2"
    cases = _cases(root)
    assert list(cases) == [t.id for t in report.targets]
    assert {c.attrib["classname"] for c in cases.values()} == {"slakit.consult-follow-up"}


def test_missed_objective_is_a_failure_with_counts(report: Report) -> None:
    cases = _cases(ET.fromstring(JUNIT.render(report, RenderOptions())))
    failure = cases["speed-to-first-attempt"].find("failure")
    assert failure is not None
    assert failure.attrib["message"] == "compliance 93.0% < objective 95.0%"
    assert failure.text is not None and "met 412, breached 31" in failure.text
    assert cases["time-to-resolution"].find("failure") is None
    assert cases["time-to-resolution"].find("system-out") is not None
    assert cases["weekend-callbacks"].find("skipped") is not None


def test_elapsed_minutes_keep_two_decimals_however_large(report: Report) -> None:
    # {:g} wrote "max 2880" beside "p90 41.5", and 1234567.89 minutes as 1.23457e+06.
    big = replace(report, targets=[replace(report.targets[0], elapsed_max=74_074_073_400_000)])
    failure = _cases(ET.fromstring(JUNIT.render(big, RenderOptions())))[
        "speed-to-first-attempt"].find("failure")
    assert failure is not None and failure.text is not None
    (line,) = [ln for ln in failure.text.splitlines() if ln.startswith("elapsed minutes")]
    assert line.endswith(", max 1234567.89") and "e+" not in line
    assert all(len(v.rstrip(",").split(".")[1]) == 2 for v in line.split()[3::2])


def test_failure_message_never_reads_as_a_tie() -> None:
    base = synthetic_report()
    target = base.targets[0].__class__(**{
        **base.targets[0].__dict__, "compliance": Fraction(9496, 10000), "passed": False})
    text = JUNIT.render(synthetic_report(targets=(target,)), RenderOptions())
    assert 'message="compliance 94.96% &lt; objective 95.00%"' in text


def test_failure_message_is_exact_however_close_the_objective() -> None:
    """4/7 against an objective of 57.1428571428572%: four decimals printed a tie."""
    base = synthetic_report()
    target = base.targets[0].__class__(**{
        **base.targets[0].__dict__, "compliance": Fraction(4, 7), "passed": False,
        "objective": Fraction(571428571428572, 10**15)})
    text = JUNIT.render(synthetic_report(targets=(target,)), RenderOptions())
    assert 'message="compliance 57.1428571428571% &lt; objective 57.1428571428572%"' in text


def test_is_byte_reproducible_without_times(report: Report) -> None:
    text = JUNIT.render(report, RenderOptions())
    assert text == JUNIT.render(synthetic_report(), RenderOptions())
    root = ET.fromstring(text)
    assert all("time" not in e.attrib and "timestamp" not in e.attrib for e in root.iter())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')


def test_validate_junit_a_case_per_document() -> None:
    problems = [
        Problem("unknown-reference", "error", "start names <nope>", Location("b.yaml", 3, 5)),
        Problem("unused-definition", "warning", f"{ESCAPE_ID} unused", Location("b.yaml", 9, 1)),
    ]
    warning_only = [Problem("unused-definition", "warning", "x unused", Location("c.yaml", 2, 1))]
    text = validate_junit([("a.yaml", []), ("b.yaml", problems), ("c.yaml", warning_only)])
    root = ET.fromstring(text)
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.attrib["tests"], suite.attrib["failures"]) == ("3", "1")
    cases = _cases(root)
    failure = cases["b.yaml"].find("failure")
    assert failure is not None and failure.text is not None
    assert failure.attrib["message"] == "1 error, 1 warning"
    assert failure.text.splitlines() == [
        "b.yaml:3:5: error unknown-reference start names <nope>",
        "b.yaml:9:1: warning unused-definition L1\\x1b[2J unused",
    ]
    assert cases["a.yaml"].find("failure") is None
    assert cases["c.yaml"].find("failure") is None
    assert "\x1b" not in text


def test_validate_junit_strict_fails_on_warnings() -> None:
    from slakit.cli.reporters import REPORTERS, FileResult, ValidationRun

    warning_only = (Problem("unused-definition", "warning", "x unused", Location("c.yaml", 2, 1)),)
    files = (FileResult("c.yaml", "0" * 64, warning_only),)
    assert ET.fromstring(REPORTERS["junit"].render(ValidationRun(files))).attrib[
        "failures"] == "0"
    root = ET.fromstring(REPORTERS["junit"].render(ValidationRun(files, strict=True)))
    assert root.attrib["failures"] == "1"
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.attrib["message"] == "1 error, 0 warnings"
