"""JUnit XML for CI test reporters: a target is a test case, missing its objective a failure.

Element and attribute names follow the common JUnit schema (``testsuites`` > ``testsuite`` >
``testcase`` with ``failure``, ``skipped``, ``system-out``); there is no ``timestamp`` or
``time``, so equal inputs give equal bytes. ``validate_junit`` does the same for
``slakit validate``: a test case per document, its problems in the failure.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from slakit.errors import Problem
from slakit.report.base import Format, RenderOptions
from slakit.report.model import Report, TargetSummary
from slakit.report.numbers import instant, minutes, percent_pair, percent_text
from slakit.report.safe import xml_text
from slakit.words import counted

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _element(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): xml_text(v) for k, v in attrs.items()})
    if text:
        node.text = xml_text(text)
    return node


def _suite(root: ET.Element, name: str, tests: int, failures: int, skipped: int) -> ET.Element:
    return _element(root, "testsuite", name=name, tests=str(tests), failures=str(failures),
                    errors="0", skipped=str(skipped))


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def _counts(t: TargetSummary) -> str:
    c = t.counts
    lines = [
        f"met {c['met']}, breached {c['breached']}, pending {c['pending']}, "
        f"at risk {c['at_risk']}, cancelled {c['cancelled']}, "
        f"not applicable {c['not_applicable']}, duplicate {c['duplicate']}",
    ]
    stats = [(k, minutes(v)) for k, v in
             (("p50", t.elapsed_p50), ("p90", t.elapsed_p90), ("max", t.elapsed_max))]
    if any(v is not None for _, v in stats):
        lines.append("elapsed minutes: " + ", ".join(
            f"{k} {v:.2f}" for k, v in stats if v is not None))
    lines += [f"missing {k}: {n}" for k, n in t.missing_fields.items()]
    lines += [f"{fld} = {value or '(empty)'}: {n}" for fld, values in t.disallowed_values.items()
              for value, n in values.items()]
    owners = ", ".join(f"{k} {v}" for k, v in t.owners.items())
    if owners:
        lines.append(f"owners: {owners}")
    return "\n".join(lines)


def _message(t: TargetSummary) -> str:
    """``compliance 93.1% < objective 95.0%``, with as many decimals as it takes to differ
    (57.1428571428571% against 57.1428571428572%)."""
    if t.compliance is None or t.objective is None:
        return f"compliance {percent_text(t.compliance)}"
    share, goal = percent_pair(t.compliance, t.objective, most=60)
    return f"compliance {share} < objective {goal}"


class JunitFormat(Format):
    """``slakit evaluate -o junit=report.xml``: one test case per target."""

    name = "junit"
    machine = True

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render the targets as test cases; sections do not apply."""
        targets = report.targets
        failures = sum(not t.passed for t in targets)
        skipped = sum(t.compliance is None for t in targets)
        suite_name = f"slakit evaluate: {report.sla_name}"
        root = ET.Element("testsuites", {"name": "slakit", "tests": str(len(targets)),
                                         "failures": str(failures), "errors": "0",
                                         "skipped": str(skipped)})
        suite = _suite(root, suite_name, len(targets), failures, skipped)
        props = _element(suite, "properties")
        for key, value in (("sla", report.sla_name), ("sla_sha256", report.sla_sha256),
                           ("as_of", instant(report.as_of, ZoneInfo(report.timezone))),
                           ("leads", str(report.input.leads)),
                           ("slakit", report.version)):
            _element(props, "property", name=key, value=value)
        for t in targets:
            case = _element(suite, "testcase", classname=f"slakit.{report.sla_name}", name=t.id)
            if not t.passed:
                _element(case, "failure", _counts(t), message=_message(t), type="objective")
            elif t.compliance is None:
                _element(case, "skipped", message="no data: no met or breached leads")
            else:
                share, goal = percent_pair(t.compliance, t.objective, most=60)
                goal = "no objective" if t.objective is None else f"objective {goal}"
                _element(case, "system-out", f"compliance {share}, {goal}\n{_counts(t)}")
        return _serialise(root)


def _problem_line(path: str, p: Problem) -> str:
    where = f"{p.location.file or path}:{p.location.line}:{p.location.col}"
    return f"{where}: {p.level} {p.code} {p.message}"


def validate_junit(results: Iterable[tuple[str, Sequence[Problem]]]) -> str:
    """JUnit XML for ``slakit validate``: a test case per document, failing on its errors;
    warnings are listed in ``system-out`` of a passing case (``--strict`` makes them errors
    before they get here)."""
    items = list(results)
    failing = [any(p.level == "error" for p in problems) for _, problems in items]
    root = ET.Element("testsuites", {"name": "slakit", "tests": str(len(items)),
                                     "failures": str(sum(failing)), "errors": "0",
                                     "skipped": "0"})
    suite = _suite(root, "slakit validate", len(items), sum(failing), 0)
    for (path, problems), failed in zip(items, failing, strict=True):
        case = _element(suite, "testcase", classname="slakit.validate", name=path)
        lines = "\n".join(_problem_line(path, p) for p in problems)
        if failed:
            errors = sum(p.level == "error" for p in problems)
            warnings = len(problems) - errors
            message = f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
            _element(case, "failure", lines, message=message, type="invalid")
        elif problems:
            _element(case, "system-out", lines)
    return _serialise(root)
