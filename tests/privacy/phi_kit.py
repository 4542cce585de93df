"""The synthetic PHI export and document shared by the privacy tests, and the leak search."""

from __future__ import annotations

import csv
import io
import re

PHONES = ("(212) 555-0147", "212.555.0199", "+1 212 555 0123", "646-555-0188")
EMAILS = ("Maria.Gonzalez@patientmail.example", "d.okafor@patientmail.example",
          "kquist@patientmail.example")
NAMES = ("Mariagrazia", "Oyelaran-Whitfield", "Dumebi", "Quistgaard", "Ysolde Featherstonehaugh")
OTHER = ("MRN-48213377", "MRN-59912004", "1961-07-14", "1948-02-29", "4417 Quarry Hollow Rd",
         "078-05-1120", "INS-7731-AZQ", "INS-0045-BXR", "Crescent Vale Apt 9")

FORBIDDEN = (
    *PHONES, *EMAILS, *NAMES, *OTHER,
    *(re.sub(r"\D", "", p)[-10:] for p in PHONES),  # normalised phones (duplicates matching)
    *(e.lower() for e in EMAILS),
    "555-0147", "5550147", "Quarry Hollow", "48213377", "7731-AZQ",
)
"""Every PHI value in the export, and the forms slakit's matching turns them into."""

HEADER = ["lead_id", "event", "timestamp", "service_line", "team", "template", "outcome",
          "reason_code", "phone", "email", "first_name", "Last Name", "patient_name", "MRN",
          "Date of Birth", "address", "Street", "ssn", "insurance_id"]


def _person(i: int) -> dict[str, str]:
    return {
        "phone": PHONES[i % len(PHONES)], "email": EMAILS[i % len(EMAILS)],
        "first_name": NAMES[i % 3], "Last Name": NAMES[(i + 1) % 4],
        "patient_name": NAMES[4], "MRN": OTHER[i % 2], "Date of Birth": OTHER[2 + i % 2],
        "address": OTHER[4], "Street": OTHER[8], "ssn": OTHER[5],
        "insurance_id": OTHER[6 + i % 2],
    }


def _rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(lead: str, event: str, at: str, **cells: str) -> None:
        rows.append({"lead_id": lead, "event": event, "timestamp": at, **cells})

    for i in range(6):
        lead, day = f"CRM-00{i + 101}", f"2026-03-0{i + 2}"
        person = _person(i) if i != 4 else {}  # L-105 never gives phone or email
        add(lead, "lead_received", f"{day}T09:0{i}:00-05:00",
            service_line=["cardiology", "oncology"][i % 2], **person)
        add(lead, "assigned", f"{day}T09:1{i}:00-05:00", team=["cardio", "inside"][i % 2 ^ 1])
        if i % 3:
            add(lead, "sms_sent", f"{day}T09:{20 + 5 * i}:00-05:00",
                template=["ok-v1", "promo-v2"][i % 2], phone=person.get("phone", ""))
        add(lead, "call_attempt", f"{day}T1{i}:00:00-05:00", **person)
        if i % 2:
            add(lead, "outcome", f"{day}T16:00:00-05:00", outcome=["booked", "lost"][i % 4 // 2],
                reason_code="RC2", **({} if i == 3 else person))
    # A repeat inquiry (the same phone as CRM-00101 a week later): a duplicate lead.
    add("CRM-00201", "lead_received", "2026-03-09T09:00:00-04:00", service_line="cardiology",
        **_person(0))
    # Rows skipped for their lead id, time or shape, each full of personal data.
    add("CRM-00301", "lead_received", "not a time", **_person(1))
    add("CRM-00302", "lead_received", "2026-02-30T09:00", **_person(2))
    add("", "lead_received", "2026-03-03T10:00:00-05:00", **_person(3))
    add("CRM-00303", "", "2026-03-03T10:00:00-05:00", **_person(0))
    return rows


def export_text() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in _rows():
        writer.writerow([row.get(h, "") for h in HEADER])
    # A ragged record (one cell too many) whose cells are personal data.
    writer.writerow(["CRM-00304", "lead_received", "2026-03-04T10:00:00-05:00", "cardiology",
                     "", "", "", "", *_person(1).values(), "extra " + PHONES[3]])
    return out.getvalue()


DOC = """\
slakit: 1
name: phi-clinic
title: Clinic follow-up
timezone: America/New_York
source:
  pii: [insurance_id]
  columns: {mrn: MRN, dob: Date of Birth, last_name: Last Name, street: Street}
definitions:
  received: {event: lead_received, require: [phone|email]}
  attempted: {event: [call_attempt, sms_sent]}
  contacted: {event: contacted}
  resolved: {event: outcome, where: {outcome: [booked, lost]}}
closed: resolved
routing:
  check: {on: assigned, field: team}
  rules:
    - {name: cardiology, when: {service_line: cardiology}, team: cardio}
    - {name: everyone else, team: inside}
stages: [received, attempted, resolved]
targets:
  - {id: speed, start: received, stop: attempted, within: 15m, warn: 80%, objective: 95%}
  - {id: cadence, kind: cadence, start: received, attempts: attempted,
     schedule: [15m, 4h, 1bd], until: [contacted, resolved], objective: 80%}
  - {id: documented, kind: quality, on: resolved,
     require: [outcome, insurance_id, mrn, dob, last_name, address|street], objective: 90%}
  - {id: messaging, kind: quality, each: {event: sms_sent}, allow: {template: [ok-v1]},
     require: [phone]}
escalations:
  - {id: unreached, when: {count: attempted, reaches: 2, without: contacted}, action: review}
  - {id: no-contact, when: {unmet: [phone|email], after: 1h}, action: cleanup}
duplicates: {match: [phone, email], within: 30d}
outcomes: {field: outcome, values: {booked: won, lost: lost}, reason: reason_code}
report: {by: [service_line], aging: [1bd, 3bd]}
"""

ABUSIVE_DOC = DOC.replace("report: {by: [service_line], aging: [1bd, 3bd]}", """\
report: {by: [phone, first_name], aging: [1bd, 3bd]}""").replace(
    "reason: reason_code", "reason: email").replace(
    "allow: {template: [ok-v1]}", "allow: {template: [ok-v1], mrn: [x], insurance_id: [y]}"
).replace("check: {on: assigned, field: team}", "check: {on: assigned, field: phone}").replace(
    "when: {service_line: cardiology}", "when: {email: x@example.org}")
"""The same document, also segmenting, routing and reporting on PHI (invalid: validate
refuses it); evaluate must still print no PHI value."""


def assert_no_phi(where: str, text: str) -> None:
    """Fail naming the first PHI value found in ``text``."""
    for value in FORBIDDEN:
        assert value not in text, f"{where}: PHI value {value!r} is in the output:\n" + \
            text[max(0, text.find(value) - 300): text.find(value) + 300]
