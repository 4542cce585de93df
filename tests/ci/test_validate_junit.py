"""``slakit validate -f junit`` / ``-o junit=PATH``: a test case per document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from slakit.cli import run
from slakit.cli.reporters import REPORTERS

REPO = Path(__file__).resolve().parents[2]
GOOD = str(REPO / "examples" / "consult-follow-up" / "consult.sla.yaml")
BAD = "slakit: 1\nname: x\ntargets:\n  - {id: a, start: b, stop: c, within: 5x}\n"
WARNS = ("slakit: 1\nname: x\ncalendars:\n  c: {hours: {mon-fri: \"08:00-18:00\"}}\n"
         "routing:\n  rules: [{name: e, team: t, calendar: c}]\n"
         "targets:\n  - {id: a, start: b, stop: c, within: 15m, calendar: 24x7}\n")


def test_junit_is_a_validate_format() -> None:
    assert "junit" in REPORTERS


def validate(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = run(["validate", *args])
    return code, capsys.readouterr().out


def test_junit_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sla.yaml"
    bad.write_text(BAD, encoding="utf-8")
    code, out = validate([GOOD, str(bad), "-f", "junit"], capsys)
    assert code == 1
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases[GOOD].find("failure") is None
    failure = cases[str(bad)].find("failure")
    assert failure is not None and "invalid-value" in (failure.text or "")


def test_junit_to_a_file_equals_stdout(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "validate.xml"
    code, text = validate([GOOD, "-o", f"junit={target}"], capsys)
    assert code == 0
    assert text.endswith("1 file valid\n")
    assert validate([GOOD, "-f", "junit"], capsys)[1] == target.read_text(encoding="utf-8")


def test_strict_makes_warnings_fail_in_junit(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "warns.sla.yaml"
    doc.write_text(WARNS, encoding="utf-8")
    code, out = validate([str(doc), "-f", "junit"], capsys)
    assert code == 0
    assert ET.fromstring(out).get("failures") == "0"
    code, out = validate([str(doc), "-f", "junit", "--strict"], capsys)
    assert code == 1
    assert ET.fromstring(out).get("failures") == "1"
