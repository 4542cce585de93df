"""Escalations: the four triggers, the closed and as-of cuts, ``expect``."""

from __future__ import annotations

from engine_kit import evaluate, leads, sla_of, t

SLA = sla_of("""
    closed: done
    routing:
      rules: [{name: all, team: a, calendar: clinic}]
    targets:
      - {id: quick, start: in, stop: touch, within: 20m}
      - {id: slow, start: in, stop: done, within: 1bd}
    escalations:
      - id: unreached
        when: {count: touch, reaches: 3, without: talk}
        action: supervisor
        expect: {event: review, within: 4h}
      - id: idle
        when: {since: in, without: touch, over: 1h}
        action: reassign
      - id: no-contact
        when: {unmet: [phone|email], after: 1h}
        action: cleanup
      - id: near
        when: {target: quick, at: 80%}
        action: notify
      - id: breach
        when: {target: slow, at: 100%}
        action: page
""")


def fired(events, as_of: str = "Fri 17:00") -> dict[str, int]:  # type: ignore[no-untyped-def]
    (lead,) = evaluate(SLA, events, as_of).leads
    return {e.escalation: e.fired_at for e in lead.escalations}


def esc(events, name: str, as_of: str = "Fri 17:00"):  # type: ignore[no-untyped-def]
    (lead,) = evaluate(SLA, events, as_of).leads
    return next(e for e in lead.escalations if e.escalation == name)


BASE = [("L", "in", "Mon 09:00", {"phone": "1"}), ("L", "done", "Mon 09:10")]


def test_count_fires_at_the_nth_event_without() -> None:
    events = [("L", "in", "Mon 09:00", {"phone": "1"}), ("L", "touch", "Mon 09:05"),
              ("L", "touch", "Mon 10:00"), ("L", "touch", "Mon 11:00")]
    assert fired(events)["unreached"] == t("Mon 11:00")
    assert "unreached" not in fired([*events[:3], ("L", "talk", "Mon 10:30"), events[3]])
    # `without` at the same instant as the Nth event has happened "by then".
    assert "unreached" not in fired([*events, ("L", "talk", "Mon 11:00")])
    assert "unreached" not in fired(events[:3])


def test_since_fires_on_the_leads_clock() -> None:
    assert fired([("L", "in", "Mon 11:30", {"phone": "1"})])["idle"] == t("Mon 13:30")
    assert "idle" not in fired([("L", "in", "Mon 11:30", {"phone": "1"}),
                                ("L", "touch", "Mon 13:30")])


def test_unmet_fires_when_the_requirement_still_fails() -> None:
    assert fired([("L", "in", "Mon 09:00")])["no-contact"] == t("Mon 10:00")
    assert "no-contact" not in fired([("L", "in", "Mon 09:00"),
                                      ("L", "upd", "Mon 10:00", {"email": "x@y"})])


def test_target_trigger_fires_at_its_share_while_running() -> None:
    assert fired([("L", "in", "Mon 09:00", {"phone": "1"})])["near"] == t("Mon 09:16")
    assert "near" not in fired([("L", "in", "Mon 09:00", {"phone": "1"}),
                                ("L", "touch", "Mon 09:16")])
    assert fired([("L", "in", "Mon 09:00", {"phone": "1"})])["breach"] == t("Tue 09:00")


def test_never_at_or_after_closed() -> None:
    events = [("L", "in", "Mon 09:00"), ("L", "done", "Mon 10:00")]
    assert fired(events) == {"near": t("Mon 09:16")}  # idle and no-contact would be 10:00


def test_never_after_as_of() -> None:
    assert fired([("L", "in", "Mon 09:00", {"phone": "1"})], as_of="Mon 09:59") == \
        {"near": t("Mon 09:16")}


def test_expect_due_for_judging_and_actioned() -> None:
    calls = [("L", "in", "Mon 09:00", {"phone": "1"}), ("L", "touch", "Mon 09:05"),
             ("L", "touch", "Mon 10:00"), ("L", "touch", "Mon 11:00")]
    # fired Mon 11:00; 4 clinic hours later is Mon 16:00
    e = esc(calls, "unreached", as_of="Mon 15:00")
    assert (e.due_for_judging, e.actioned) == (False, False)
    e = esc(calls, "unreached", as_of="Mon 16:00")
    assert (e.due_for_judging, e.actioned) == (True, False)
    e = esc([*calls, ("L", "review", "Mon 15:59")], "unreached")
    assert (e.due_for_judging, e.actioned, e.actioned_at) == (True, True, t("Mon 15:59"))
    e = esc([*calls, ("L", "review", "Mon 16:01")], "unreached")
    assert (e.due_for_judging, e.actioned) == (True, False)


def test_escalations_without_expect_are_never_due() -> None:
    e = esc([("L", "in", "Mon 11:30", {"phone": "1"})], "idle")
    assert (e.due_for_judging, e.actioned) == (False, False)


def test_one_fire_per_escalation_per_lead() -> None:
    out = leads(evaluate(SLA, [("L", "in", "Mon 09:00")], "Fri 17:00"))
    names = [e.escalation for e in out["L"].escalations]
    assert sorted(names) == sorted(set(names))
