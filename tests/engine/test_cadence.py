"""Cadence targets: windows, attempts, until, statuses (LANGUAGE.md section 3)."""

from __future__ import annotations

from engine_kit import minutes, one, sla_of, t

CADENCE = sla_of("""
    targets:
      - {id: c, kind: cadence, start: in, attempts: [call, text], schedule: [20m, 3h, 1bd],
         until: [talk, done], warn: 50%, calendar: clinic}
""")


def test_attempts_at_the_same_instant_count_once() -> None:
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:05"),
                      ("L", "text", "Mon 09:05")], as_of="Mon 13:01")
    assert (r.status, r.windows[:2]) == ("breached", ("satisfied", "missed"))


def test_extra_attempts_do_not_fill_later_windows() -> None:
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:05"),
                      ("L", "call", "Mon 09:15")], as_of="Mon 13:01")
    assert r.windows[:2] == ("satisfied", "missed")
    assert r.detail == "window 2 missed"


def test_a_window_ends_once_the_clock_has_run_past_it() -> None:
    events = [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:05")]
    # Window 2 ends at 180 clinic minutes (12:00); through lunch the clock stays there.
    assert one(CADENCE, events, as_of="Mon 13:00").windows[1] == "open"
    assert one(CADENCE, events, as_of="Mon 13:01").windows[1] == "missed"


def test_window_end_is_inclusive() -> None:
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:20"),
                      ("L", "call", "Mon 12:00")], as_of="Mon 12:30")
    assert r.windows[:2] == ("satisfied", "satisfied")


def test_open_window_gives_pending_due_at_and_at_risk() -> None:
    events = [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:10")]
    r = one(CADENCE, events, as_of="Mon 09:30")
    # window 2 is (20m, 3h]: it ends at 180 clinic minutes, 09:00-12:00 = 180.
    assert (r.status, r.windows, r.due_at) == ("pending", ("satisfied", "open", "open"),
                                               t("Mon 12:00"))
    # At risk from half of window 2's 160 minutes: 20 + 80 = 100 clock minutes (10:40).
    assert one(CADENCE, events, as_of="Mon 10:39").status == "pending"
    assert one(CADENCE, events, as_of="Mon 10:40").status == "at_risk"


def test_attempt_while_closed_sits_at_the_clock_time_reached() -> None:
    r = one(CADENCE, [("L", "in", "Mon 16:50"), ("L", "call", "Mon 17:30"),
                      ("L", "call", "Mon 18:00")], as_of="Tue 08:05")
    # Both attempts sit at 10 clock minutes: window 1 (and count once per window).
    assert r.windows == ("satisfied", "open", "open")


def test_until_excuses_windows_it_precedes() -> None:
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:05"),
                      ("L", "talk", "Mon 10:00")], as_of="Fri 17:00")
    assert (r.status, r.windows) == ("met", ("satisfied", "excused", "excused"))


def test_until_before_anything_was_owed_cancels() -> None:
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "done", "Mon 09:10")], as_of="Fri 17:00")
    assert (r.status, r.windows) == ("cancelled", ("excused", "excused", "excused"))


def test_attempts_before_the_start_do_not_count() -> None:
    r = one(CADENCE, [("L", "call", "Mon 08:30"), ("L", "in", "Mon 09:00")], as_of="Mon 09:30")
    assert r.windows[0] == "missed"


def test_business_day_window_ends_at_the_nbd_due_time() -> None:
    r = one(CADENCE, [("L", "in", "Mon 11:50"), ("L", "call", "Mon 11:55"),
                      ("L", "call", "Mon 13:30")], as_of="Tue 11:00")
    assert (r.windows, r.due_at) == (("satisfied", "satisfied", "open"), t("Tue 11:50"))


def test_elapsed_runs_to_the_last_counted_attempt_or_as_of() -> None:
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:05"),
                      ("L", "call", "Mon 09:50")], as_of="Mon 09:55")
    assert (r.status, minutes(r.elapsed_us)) == ("pending", 55)
    r = one(CADENCE, [("L", "in", "Mon 09:00"), ("L", "call", "Mon 09:05"),
                      ("L", "call", "Mon 09:50"), ("L", "talk", "Mon 09:51")], as_of="Fri 09:00")
    assert (r.status, r.stopped_at, minutes(r.elapsed_us)) == ("met", t("Mon 09:50"), 50)


def test_pause_holds_the_window_clock() -> None:
    sla = sla_of("""
        targets:
          - {id: c, kind: cadence, start: in, attempts: call, schedule: [20m, 1h],
             pause: {from: hold, to: resume}, calendar: 24x7}
    """)
    r = one(sla, [("L", "in", "Mon 09:00"), ("L", "hold", "Mon 09:10"),
                  ("L", "resume", "Mon 10:10"), ("L", "call", "Mon 10:15")], as_of="Mon 10:20")
    assert r.windows == ("satisfied", "open")  # the call is at 15 clock minutes
    assert r.due_at == t("Mon 11:00")
