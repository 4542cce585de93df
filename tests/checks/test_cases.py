"""Data-driven check tests: ``tests/cases/<code>.yaml`` holds failing and passing documents.

Each file is ``{code, fail: [{doc, line, col}], pass: [doc]}``. A failing document must
produce exactly that code (and no other) at ``line:col``; a passing one must validate clean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from slakit.checks import CHECKS, LOADER_CODES, validate

CASES = Path(__file__).parent.parent / "cases"
READ_CODES = {"file-not-found", "file-unreadable", "file-not-text", "file-too-large"}
"""Loader codes about the file itself, tested in tests/loader (no YAML snippet shows them)."""
SAFETY_NETS = {"calendar-invalid"}
"""Checks no valid document can trigger today; tested in tests/checks/test_safety_nets.py."""


def load_case(path: Path) -> dict[str, Any]:
    """Read one case file."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["code"] == path.stem, f"{path.name}: code must equal the file name"
    return data


def _params(kind: str) -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path)
        for n, item in enumerate(case.get(kind, []), start=1):
            out.append(pytest.param(case["code"], item, id=f"{case['code']}-{kind}{n}"))
    return out


@pytest.mark.parametrize(("code", "item"), _params("fail"))
def test_failing_snippet(code: str, item: dict[str, Any]) -> None:
    problems = validate(item["doc"], name="case.sla.yaml")
    found = [(p.code, p.location.line, p.location.col) for p in problems]
    assert (code, item["line"], item["col"]) in found, found
    allowed = {code, *item.get("also", [])}
    assert {p.code for p in problems} <= allowed, found
    for p in problems:
        assert p.message and p.location.file == "case.sla.yaml"
        assert p.level == (CHECKS[p.code].level if p.code in CHECKS else "error")


@pytest.mark.parametrize(("code", "doc"), _params("pass"))
def test_passing_snippet(code: str, doc: str) -> None:
    problems = validate(doc, name="case.sla.yaml")
    assert problems == [], [str(p.location) + " " + p.code for p in problems]


def test_every_code_has_cases() -> None:
    codes = (set(CHECKS) - SAFETY_NETS) | (set(LOADER_CODES) - READ_CODES)
    have = {p.stem for p in CASES.glob("*.yaml")}
    assert codes - have == set(), "codes without tests/cases/<code>.yaml"
    assert have - codes == set(), "case files for unknown codes"
    for path in CASES.glob("*.yaml"):
        case = load_case(path)
        assert case.get("fail"), f"{path.name}: needs a failing snippet"
        assert case.get("pass"), f"{path.name}: needs a passing snippet"


@pytest.mark.parametrize(("zone", "meant"),
                         [("CST", "America/Chicago"), ("pdt", "America/Los_Angeles"),
                          ("AKDT", "America/Anchorage"), ("HDT", "Pacific/Honolulu")])
def test_a_us_abbreviation_is_told_the_zone_it_stands_for(zone: str, meant: str) -> None:
    """Not the closest name: CST is one letter from UCT, which is UTC, six hours off."""
    doc = (f"slakit: 1\nname: d\ntimezone: {zone}\n"
           "targets:\n  - {id: t, start: a, stop: b, within: 1h}\n")
    (problem,) = validate(doc, name="case.sla.yaml")
    assert problem.code == "unknown-timezone" and f"did you mean {meant!r}" in problem.message


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "right/America/Chicago",
                                  "posix/America/Chicago"])
def test_a_zone_file_that_is_no_place_is_refused(zone: str) -> None:
    """``localtime`` follows the machine: the same document would give other numbers elsewhere;
    ``right/`` zones count leap seconds (27 s off). The calendar and the reader refuse them too."""
    from slakit.calendar.errors import UnknownTimezone
    from slakit.calendar.spec import zone_of
    from slakit.errors import InputError
    from slakit.reader.tz import zone as reader_zone

    doc = (f"slakit: 1\nname: d\ntimezone: {zone}\n"
           "targets:\n  - {id: t, start: a, stop: b, within: 1h}\n")
    (problem,) = validate(doc, name="case.sla.yaml")
    assert problem.code == "unknown-timezone"
    with pytest.raises(UnknownTimezone):
        zone_of(zone)
    with pytest.raises(InputError):
        reader_zone(zone)


@pytest.mark.parametrize(("written", "meant"), [("dnoe", "done"), ("ni", "in")])
def test_swapped_letters_in_a_reference_are_a_misspelt_definition(written: str,
                                                                  meant: str) -> None:
    """Not a raw event nobody sends: the target would silently watch for it."""
    doc = ("slakit: 1\nname: d\ntimezone: UTC\ndefinitions:\n  in: {event: a}\n"
           "  done: {event: b}\n"
           f"targets:\n  - {{id: t, start: in, stop: done, cancel: {written}, within: 1h}}\n"
           f"  - {{id: u, start: {written}, stop: done, within: 1h}}\n")
    problems = [p for p in validate(doc, name="case.sla.yaml") if p.code == "undefined-definition"]
    assert any(f"did you mean {meant!r}" in p.message for p in problems)


def test_a_misspelt_closed_override_is_told_closed() -> None:
    doc = ("slakit: 1\nname: d\ntimezone: UTC\ncalendars:\n  c:\n    hours: {mon-fri: 09:00-17:00}"
           "\n    overrides: {2026-12-31: clsoed}\n"
           "targets:\n  - {id: t, start: a, stop: b, within: 1h, calendar: c}\n")
    (problem,) = validate(doc, name="case.sla.yaml")
    assert "(did you mean 'closed'?)" in problem.message
    assert (problem.location.line, problem.location.col) == (7, 29)


def test_a_merge_key_is_told_merge_keys_are_not_read() -> None:
    doc = ("slakit: 1\nname: d\ntimezone: UTC\n"
           "targets:\n  - &t {id: t, start: a, stop: b, within: 1h}\n"
           "  - {<<: *t, id: u}\n")
    messages = [p.message for p in validate(doc, name="case.sla.yaml") if p.code == "unknown-key"]
    assert any("YAML merge keys are not read" in m for m in messages)


def test_a_newcomers_word_for_a_key_is_told_the_key() -> None:
    doc = ("slakit: 1\nname: d\ntargets:\n"
           "  - {id: t, type: cadence, start: a, attempts: b, schedule: [1h]}\n")
    said = {p.message for p in validate(doc, name="case.sla.yaml") if p.code == "unknown-key"}
    assert "unknown key 'type' in a response target: did you mean 'kind'?" in said


def test_a_phi_column_read_through_source_columns_names_its_header() -> None:
    doc = ("slakit: 1\nname: d\nsource:\n  columns: {region: Phone Number}\n"
           "targets:\n  - {id: t, for: {region: east}, start: a, stop: b, within: 1h}\n")
    (problem,) = validate(doc, name="case.sla.yaml")
    assert problem.code == "phi-column"
    assert problem.message.startswith("'region' (read from 'Phone Number') holds personal data")
