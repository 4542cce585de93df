"""Response targets: clock, pauses, cancel, met rules, statuses (LANGUAGE.md section 3)."""

from __future__ import annotations

from engine_kit import Event, minutes, one, sla_of, t, table_of

from slakit.compile import CompiledSla
from slakit.engine.results import TargetResult

QUICK = sla_of("""
    targets:
      - {id: quick, start: in, stop: touch, cancel: done, within: 20m, warn: 50%,
         calendar: clinic}
""")

PAUSED = sla_of("""
    targets:
      - id: review
        start: in
        stop: done
        pause: {from: hold, to: resume}
        within: 1h
        calendar: clinic
""")


# -- pauses --------------------------------------------------------------------------------


def test_pause_stops_the_clock_and_pushes_due_back() -> None:
    r = one(PAUSED, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 09:20"),
                     ("L", "resume", "Mon 10:00"), ("L", "done", "Mon 10:50")])
    assert (r.status, minutes(r.elapsed_us), minutes(r.wall_us)) == ("breached", 70, 110)
    assert r.due_at == t("Mon 10:40")
    assert r.pauses == ((t("Mon 09:20"), t("Mon 10:00")),)


def test_paused_at_as_of_has_no_due_time() -> None:
    r = one(PAUSED, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 09:20")], as_of="Mon 11:00")
    assert (r.status, minutes(r.elapsed_us), r.due_at) == ("pending", 20, None)
    assert r.detail.endswith("paused")
    assert r.pauses == ((t("Mon 09:20"), None),)


def test_budget_used_before_an_open_pause_is_breached_with_its_due_time() -> None:
    r = one(PAUSED, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 10:30")], as_of="Mon 11:00")
    assert (r.status, r.due_at) == ("breached", t("Mon 10:00"))


def test_pause_begun_before_the_start_holds_the_clock_from_the_start() -> None:
    r = one(PAUSED, [("L", "hold", "Mon 08:50"), ("L", "in", "Mon 09:00"),
                     ("L", "resume", "Mon 09:30"), ("L", "done", "Mon 10:00")])
    assert (r.status, minutes(r.elapsed_us)) == ("met", 30)


def test_pause_after_the_stop_changes_nothing() -> None:
    r = one(PAUSED, [("L", "in", "Mon 09:00"), ("L", "done", "Mon 09:30"),
                     ("L", "hold", "Mon 09:40"), ("L", "resume", "Mon 11:00")])
    assert (r.status, r.due_at, r.pauses) == ("met", t("Mon 10:00"), ())


def _both(sla: CompiledSla, events: list[Event], as_of: str | None = None) -> TargetResult:
    """The result of the only target for the only lead, the same from both engines."""
    from slakit.engine.columnar import run as columnar

    reference = one(sla, events, as_of)
    table = table_of(events, sla.columns())
    (lead,) = columnar(sla, table, as_of=t(as_of) if as_of else None).leads
    assert lead.targets == (reference,)
    return reference


def test_a_pause_in_force_at_the_stop_pushes_due_back_to_its_end() -> None:
    # 20 minutes used before the hold; the stop comes on hold; the hold lasts to 10:40: the
    # remaining 40 minutes of the budget run from 10:40 (the stop ends the clock, not the pause).
    r = _both(PAUSED, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 09:20"),
                       ("L", "done", "Mon 09:50"), ("L", "resume", "Mon 10:40")])
    assert (r.status, minutes(r.elapsed_us), minutes(r.wall_us)) == ("met", 20, 50)
    assert r.due_at == t("Mon 11:20")
    assert r.pauses == ((t("Mon 09:20"), t("Mon 10:40")),)


def test_a_pause_still_open_after_the_stop_leaves_due_unknown() -> None:
    r = _both(PAUSED, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 09:20"),
                       ("L", "done", "Mon 09:50")], as_of="Mon 11:00")
    assert (r.status, minutes(r.elapsed_us), r.due_at) == ("met", 20, None)
    assert r.pauses == ((t("Mon 09:20"), None),)


def test_a_pause_in_force_at_a_counted_cancel_pushes_a_business_day_due_back() -> None:
    sla = sla_of("""
        targets:
          - {id: bd, start: in, stop: done, cancel: drop, pause: {from: hold, to: resume},
             within: 1bd, calendar: clinic}
    """)
    # Due Tue 09:00 without the pause; the hold (Mon 16:00 - Tue 10:00) takes 1h of clinic
    # time on Mon and 2h on Tue, so due is pushed back by 3h: Tue 12:00, the morning's close.
    # (Cut at the cancel, the hold would have pushed it back 30 minutes only.)
    r = _both(sla, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 16:00"),
                    ("L", "drop", "Mon 16:30"), ("L", "resume", "Tue 10:00")])
    assert (r.status, r.due_at) == ("cancelled", t("Tue 12:00"))


def test_business_day_budget_is_pushed_back_by_the_paused_clock_time() -> None:
    sla = sla_of("""
        targets:
          - {id: bd, start: in, stop: done, pause: {from: hold, to: resume}, within: 1bd,
             calendar: clinic}
    """)
    r = one(sla, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 10:00"),
                  ("L", "resume", "Mon 11:00"), ("L", "done", "Tue 09:30")])
    assert (r.due_at, r.status) == (t("Tue 10:00"), "met")


# -- cancel --------------------------------------------------------------------------------


def test_cancel_in_time_cancels() -> None:
    r = one(QUICK, [("L", "in", "Mon 09:00"), ("L", "done", "Mon 09:10")])
    assert (r.status, minutes(r.elapsed_us), r.due_at) == ("cancelled", 10, t("Mon 09:20"))
    assert r.stopped_at is None


def test_cancel_after_the_breach_changes_nothing() -> None:
    r = one(QUICK, [("L", "in", "Mon 09:00"), ("L", "done", "Mon 09:30")], as_of="Mon 10:00")
    assert r.status == "breached"
    assert minutes(r.elapsed_us) == 60  # still running at as-of


def test_cancel_at_the_budget_boundary_still_counts() -> None:
    r = one(QUICK, [("L", "in", "Mon 09:00"), ("L", "done", "Mon 09:20")])
    assert r.status == "cancelled"


def test_cancel_at_the_stop_instant_does_not_count() -> None:
    r = one(QUICK, [("L", "in", "Mon 09:00"), ("L", "done", "Mon 09:05"),
                    ("L", "touch", "Mon 09:05")])
    assert (r.status, minutes(r.elapsed_us)) == ("met", 5)


def test_cancel_before_the_start_does_not_count() -> None:
    r = one(QUICK, [("L", "done", "Mon 08:30"), ("L", "in", "Mon 09:00"),
                    ("L", "touch", "Mon 09:30")])
    assert r.status == "breached"


# -- met rules -----------------------------------------------------------------------------


def test_stop_in_closed_hours_right_after_due_is_met() -> None:
    r = one(QUICK, [("L", "in", "Mon 16:40"), ("L", "touch", "Mon 17:30")])
    assert (r.due_at, minutes(r.elapsed_us), r.status) == (t("Mon 17:00"), 20, "met")


def test_running_with_the_whole_budget_used_is_breached_even_in_closed_hours() -> None:
    """LANGUAGE.md: breached is "still running with the budget used up"; due_at is when the
    whole budget is used. A stop that uses no more clock time is still met, once it comes."""
    r = one(QUICK, [("L", "in", "Mon 16:40")], as_of="Mon 19:00")
    assert (r.status, minutes(r.elapsed_us), r.due_at) == ("breached", 20, t("Mon 17:00"))
    r = one(QUICK, [("L", "in", "Mon 16:40")], as_of="Mon 17:00")
    assert r.status == "breached"
    r = one(QUICK, [("L", "in", "Mon 16:40"), ("L", "touch", "Mon 19:30")], as_of="Mon 20:00")
    assert (r.status, minutes(r.elapsed_us)) == ("met", 20)


def test_business_day_stop_after_due_is_breached_even_in_closed_hours() -> None:
    head = """\
slakit: 1
name: test
timezone: America/Chicago
calendars:
  clinic:
    hours: {mon-fri: ["08:00-12:00", "13:00-17:00"]}
    overrides: {2026-02-03: "08:00-12:00"}
"""
    sla = sla_of("""
        targets:
          - {id: bd, start: in, stop: done, within: 1bd, calendar: clinic}
    """, head=head)
    # Monday 16:30 + 1bd: Tuesday's local 16:30 comes after its last close (12:00).
    r = one(sla, [("L", "in", "Mon 16:30"), ("L", "done", "Tue 12:30")])
    assert (r.due_at, r.status) == (t("Tue 12:00"), "breached")
    r = one(sla, [("L", "in", "Mon 16:30"), ("L", "done", "Tue 12:00")])
    assert r.status == "met"


def test_warn_share_marks_at_risk() -> None:
    events = [("L", "in", "Mon 09:00")]
    assert one(QUICK, events, as_of="Mon 09:09").status == "pending"
    assert one(QUICK, events, as_of="Mon 09:10").status == "at_risk"
    assert one(QUICK, events, as_of="Mon 09:19").status == "at_risk"
    assert one(QUICK, events, as_of="Mon 09:20").status == "breached"  # due: the budget used


def test_without_warn_there_is_no_at_risk() -> None:
    r = one(PAUSED, [("L", "in", "Mon 09:00")], as_of="Mon 09:59")
    assert r.status == "pending"


def test_stop_at_the_start_instant_is_zero() -> None:
    r = one(QUICK, [("L", "touch", "Mon 09:00"), ("L", "in", "Mon 09:00")])
    assert (r.status, r.elapsed_us, r.stopped_at) == ("met", 0, t("Mon 09:00"))


def test_stop_before_the_start_does_not_stop() -> None:
    r = one(QUICK, [("L", "touch", "Mon 08:55"), ("L", "in", "Mon 09:00"),
                    ("L", "touch", "Mon 09:12")])
    assert (r.status, minutes(r.elapsed_us)) == ("met", 12)


def test_elapsed_is_clock_time_and_wall_is_real_time() -> None:
    r = one(QUICK, [("L", "in", "Mon 11:50"), ("L", "touch", "Mon 13:05")])
    assert (minutes(r.elapsed_us), minutes(r.wall_us)) == (15, 75)


# -- applicability, budgets, clocks --------------------------------------------------------


def test_not_applicable_outside_for_or_without_start() -> None:
    sla = sla_of("""
        targets:
          - {id: q, for: {channel: form}, start: in, stop: touch, within: 20m}
    """)
    assert one(sla, [("L", "in", "Mon 09:00", {"channel": "phone"})]).status == "not_applicable"
    assert one(sla, [("L", "touch", "Mon 09:00", {"channel": "form"})]).status == \
        "not_applicable"
    r = one(sla, [("L", "in", "Mon 09:00", {"channel": "form"})], as_of="Mon 09:05")
    assert r.status == "pending"


def test_for_reads_the_first_non_empty_value() -> None:
    sla = sla_of("""
        targets:
          - {id: q, for: {channel: form}, start: in, stop: touch, within: 20m}
    """)
    r = one(sla, [("L", "in", "Mon 09:00"), ("L", "x", "Mon 09:01", {"channel": "form"}),
                  ("L", "y", "Mon 09:02", {"channel": "phone"})], as_of="Mon 09:05")
    assert r.status == "pending"


def test_after_hours_budget_on_a_closed_day() -> None:
    sla = sla_of("""
        targets:
          - {id: q, start: in, stop: touch, within: 20m, after_hours: 2h, calendar: clinic}
    """)
    r = one(sla, [("L", "in", "Sat 10:00"), ("L", "touch", "2026-02-09 09:30")])
    assert (r.after_hours, r.status, r.due_at) == (True, "met", t("2026-02-09 10:00"))


def test_target_calendar_replaces_the_lead_clock() -> None:
    sla = sla_of("""
        routing:
          rules: [{name: all, team: a, calendar: clinic}]
        targets:
          - {id: lead-clock, start: in, stop: touch, within: 1h}
          - {id: wall, start: in, stop: touch, within: 1h, calendar: 24x7}
    """)
    events = [("L", "in", "Mon 11:30"), ("L", "touch", "Mon 13:10")]
    assert one(sla, events, target="lead-clock").status == "met"  # 30 + 10 clinic minutes
    assert one(sla, events, target="wall").status == "breached"   # 100 wall minutes


def test_lists_take_the_first_to_happen() -> None:
    sla = sla_of("""
        targets:
          - {id: q, start: [web, phone], stop: [call, sms], within: 1h, calendar: 24x7}
    """)
    r = one(sla, [("L", "phone", "Mon 09:00"), ("L", "web", "Mon 09:10"),
                  ("L", "sms", "Mon 09:40"), ("L", "call", "Mon 09:45")])
    assert (r.started_at, r.stopped_at) == (t("Mon 09:00"), t("Mon 09:40"))


def test_inline_definition_with_where() -> None:
    sla = sla_of("""
        targets:
          - id: q
            start: in
            stop: {event: outcome, where: {outcome: [booked, declined]}}
            within: 1h
            calendar: 24x7
    """)
    r = one(sla, [("L", "in", "Mon 09:00"), ("L", "outcome", "Mon 09:10", {"outcome": "tbd"}),
                  ("L", "outcome", "Mon 09:30", {"outcome": "booked"})])
    assert r.stopped_at == t("Mon 09:30")
