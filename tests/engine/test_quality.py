"""Quality targets: ``on`` + require, ``each`` + require + allow (LANGUAGE.md section 3)."""

from __future__ import annotations

from engine_kit import one, sla_of, t

ON = sla_of("""
    targets:
      - {id: doc, kind: quality, on: resolved, require: [outcome, next_step_date|reason_code]}
""")

EACH = sla_of("""
    targets:
      - id: msg
        kind: quality
        each: {event: [sms_sent, email_sent]}
        require: [template]
        allow: {template: [intro-v3, followup-v2]}
""")


def test_on_lists_missing_fields() -> None:
    r = one(ON, [("L", "in", "Mon 09:00", {"reason_code": "RC1"}),
                 ("L", "resolved", "Mon 10:00")])
    assert (r.status, r.missing, r.detail) == ("breached", ("outcome",), "missing outcome")
    assert r.stopped_at == t("Mon 10:00")


def test_on_reads_the_attributes_as_of_the_event_with_its_own_row() -> None:
    r = one(ON, [("L", "in", "Mon 09:00"),
                 ("L", "resolved", "Mon 10:00", {"outcome": "booked", "next_step_date": "x"}),
                 ("L", "later", "Mon 11:00", {"reason_code": "RC"})])
    assert r.status == "met"
    r = one(ON, [("L", "in", "Mon 09:00"), ("L", "resolved", "Mon 10:00"),
                 ("L", "later", "Mon 11:00", {"outcome": "b", "reason_code": "RC"})])
    assert r.missing == ("outcome", "next_step_date|reason_code")


def test_on_never_happened_is_not_applicable() -> None:
    assert one(ON, [("L", "in", "Mon 09:00")]).status == "not_applicable"


def test_each_checks_every_event_and_lists_offending_values() -> None:
    r = one(EACH, [("L", "sms_sent", "Mon 09:00", {"template": "intro-v3"}),
                   ("L", "email_sent", "Mon 10:00", {"template": "promo-v1"}),
                   ("L", "sms_sent", "Mon 11:00", {"template": "promo-v1"}),
                   ("L", "call", "Mon 11:30", {"template": "whatever"})])
    assert (r.status, r.events_checked) == ("breached", 3)
    assert r.disallowed == (("template", "promo-v1"), ("template", "promo-v1"))
    assert r.detail == "not allowed: template=promo-v1"


def test_each_empty_value_is_a_violation_unless_allowed() -> None:
    r = one(EACH, [("L", "sms_sent", "Mon 09:00")])
    assert r.disallowed == (("template", ""),)
    assert r.missing == ("template",)
    sla = sla_of("""
        targets:
          - {id: msg, kind: quality, each: sms_sent, allow: {template: [intro, ""]}}
    """)
    assert one(sla, [("L", "sms_sent", "Mon 09:00")]).status == "met"


def test_each_require_reads_the_leads_attributes_too() -> None:
    sla = sla_of("""
        targets:
          - {id: msg, kind: quality, each: sms_sent, require: [consent]}
    """)
    r = one(sla, [("L", "in", "Mon 09:00", {"consent": "yes"}), ("L", "sms_sent", "Mon 09:30")])
    assert r.status == "met"
    r = one(sla, [("L", "sms_sent", "Mon 09:00"), ("L", "in", "Mon 09:30", {"consent": "yes"})])
    assert (r.status, r.missing) == ("breached", ("consent",))


def test_each_without_matching_events_is_not_applicable() -> None:
    assert one(EACH, [("L", "call", "Mon 09:00")]).status == "not_applicable"


def test_each_all_allowed_is_met() -> None:
    r = one(EACH, [("L", "sms_sent", "Mon 09:00", {"template": "intro-v3"}),
                   ("L", "email_sent", "Mon 10:00", {"template": "followup-v2"})])
    assert (r.status, r.events_checked, r.detail) == ("met", 2, "")


def test_missing_terms_are_listed_once_in_document_order() -> None:
    sla = sla_of("""
        targets:
          - {id: msg, kind: quality, each: sms_sent, require: [template, consent]}
    """)
    r = one(sla, [("L", "sms_sent", "Mon 09:00"), ("L", "sms_sent", "Mon 10:00"),
                  ("L", "sms_sent", "Mon 11:00", {"template": "t"})])
    assert r.missing == ("template", "consent")
    assert r.detail == "missing template, consent"
