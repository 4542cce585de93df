"""Checks that guard against drift between validation and evaluation."""

from __future__ import annotations

import pytest

import slakit.calendar
from slakit.calendar import CalendarSpec, InvalidSpan, UnknownTimezone
from slakit.checks import validate

DOC = """\
slakit: 1
name: demo
calendars:
  clinic:
    hours: {mon-fri: "18:00-00:00"}
routing:
  rules: [{name: everyone, team: intake, calendar: clinic}]
targets:
  - {id: t, start: a, stop: b, within: 1h}
"""


def test_documents_that_validate_build_their_calendars() -> None:
    assert validate(DOC) == []  # "18:00-00:00" closes at midnight, as "18:00-24:00"


def test_calendar_engine_refusals_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(spec: CalendarSpec) -> None:
        raise InvalidSpan(f"calendar {spec.name!r}: a span ends between 00:01 and 24:00")

    monkeypatch.setattr(slakit.calendar, "Calendar", refuse)
    (problem,) = validate(DOC, name="x.sla.yaml")
    assert (problem.code, problem.level) == ("calendar-invalid", "error")
    assert (problem.location.line, problem.location.col) == (5, 12)
    assert "(invalid-span)" in problem.message


def test_refusals_other_checks_name_are_not_repeated(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(spec: CalendarSpec) -> None:
        raise UnknownTimezone("unknown time zone")

    monkeypatch.setattr(slakit.calendar, "Calendar", refuse)
    assert validate(DOC) == []
