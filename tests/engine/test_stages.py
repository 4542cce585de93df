"""Stages: reached in order, clock durations, skipped stages, breach attribution."""

from __future__ import annotations

from engine_kit import MINUTE, evaluate, leads, sla_of, t

SLA = sla_of("""
    routing:
      rules: [{name: all, team: a, calendar: clinic}]
    stages: [received, assigned, attempted, resolved]
    targets:
      - {id: first, start: received, stop: attempted, within: 30m}
      - {id: resolve, start: received, stop: resolved, within: 4h}
""")


def lead(events, as_of: str = "Fri 17:00"):  # type: ignore[no-untyped-def]
    return leads(evaluate(SLA, events, as_of))["L"]


def test_stages_and_their_clock_durations() -> None:
    x = lead([("L", "received", "Mon 11:00"), ("L", "assigned", "Mon 11:30"),
              ("L", "attempted", "Mon 13:30"), ("L", "resolved", "Mon 14:00")])
    assert [(s.stage, s.from_stage, s.clock_us) for s in x.stages] == [
        ("received", None, None),
        ("assigned", "received", 30 * MINUTE),
        ("attempted", "assigned", 60 * MINUTE),  # lunch does not count
        ("resolved", "attempted", 30 * MINUTE),
    ]


def test_a_skipped_stage_gives_its_time_to_the_next_reached() -> None:
    x = lead([("L", "received", "Mon 09:00"), ("L", "attempted", "Mon 09:40")])
    assert [(s.stage, s.from_stage, s.clock_us) for s in x.stages] == [
        ("received", None, None), ("attempted", "received", 40 * MINUTE)]


def test_a_stage_happens_at_its_first_match_after_the_previous() -> None:
    x = lead([("L", "assigned", "Mon 08:30"), ("L", "received", "Mon 09:00"),
              ("L", "assigned", "Mon 09:10")])
    assert [(s.stage, s.reached_at) for s in x.stages] == [
        ("received", t("Mon 09:00")), ("assigned", t("Mon 09:10"))]


def test_breach_goes_to_the_stage_that_consumed_most_of_it() -> None:
    x = lead([("L", "received", "Mon 09:00"), ("L", "assigned", "Mon 09:05"),
              ("L", "attempted", "Mon 09:50")])
    first = next(r for r in x.targets if r.target == "first")
    assert (first.status, first.breach_stage) == ("breached", "assigned->attempted")
    x = lead([("L", "received", "Mon 09:00"), ("L", "assigned", "Mon 09:40"),
              ("L", "attempted", "Mon 09:50")])
    first = next(r for r in x.targets if r.target == "first")
    assert first.breach_stage == "received->assigned"


def test_a_running_breach_goes_to_the_stage_waited_for() -> None:
    x = lead([("L", "received", "Mon 09:00"), ("L", "assigned", "Mon 09:05")],
             as_of="Mon 10:00")
    first = next(r for r in x.targets if r.target == "first")
    assert (first.status, first.breach_stage) == ("breached", "assigned->attempted")


def test_met_targets_are_not_attributed() -> None:
    x = lead([("L", "received", "Mon 09:00"), ("L", "attempted", "Mon 09:10")])
    assert all(r.breach_stage is None for r in x.targets if r.status != "breached")
