"""Write events.csv, the synthetic CRM export for consult.sla.yaml.

Run ``python examples/consult-follow-up/generate.py``: the output is byte-identical on every run
(a seeded ``random.Random``, no wall clock). Nobody in it is real: phones are in the fictional
555-0100..555-0199 range, emails end in @example.org, there are no names.

The export covers Mon 2026-03-02 to Fri 2026-04-10 17:00 America/New_York. It holds ~380
randomly simulated leads (ids L-1xxxxx) and the hand-written scenarios below (ids L-9xxxxx),
which tests may rely on. Times in the table are New York local unless marked PT.

The file is sorted by instant, except a late "SMS vendor sync" batch appended at the end (rows
that belong earlier). It mixes offsets (-05:00/-04:00, Pacific offsets for night-desk rows,
+00:00 for chat-vendor rows) with naive local times (telephony rows), has two exact duplicate
rows and three malformed rows (empty lead id, 2026-02-30, year 1899).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20260302
BULK_LEADS = 380
OUT = Path(__file__).with_name("events.csv")
COLUMNS = [
    "lead_id", "event", "timestamp", "channel", "lead_type", "service_line", "region", "team",
    "outcome", "reason_code", "next_step_date", "template", "phone", "email",
]
NY = ZoneInfo("America/New_York")
LA = ZoneInfo("America/Los_Angeles")
FIRST_DAY = date(2026, 3, 2)
LAST_DAY = date(2026, 4, 10)
CUTOFF = datetime(2026, 4, 10, 17, 0, tzinfo=NY).astimezone(UTC)  # the export was taken then

# Scenario leads: (id, why, attributes, events). An event is (event, when, fields); `when` is
# New York local "YYYY-MM-DD HH:MM[:SS]" (written with its offset), or an ISO string with a
# "T" written exactly as given (naive ones are New York local, fold=0).
Attrs = Mapping[str, str]
Step = tuple[str, str, Mapping[str, str]]
NONE: Mapping[str, str] = {}


def booked(day: str) -> dict[str, str]:
    """Return the fields of a booked-consult outcome with its appointment date."""
    return {"outcome": "consult_booked", "next_step_date": day}


SCENARIOS: list[tuple[str, str, Attrs, list[Step]]] = [
    ("L-900001", "first attempt after exactly 15 business minutes: met (elapsed <= budget); "
     "near-breach fires at 10:12", {}, [
        ("lead_received", "2026-03-03 10:00", NONE), ("assigned", "2026-03-03 10:01", NONE),
        ("call_attempt", "2026-03-03 10:15", NONE), ("contacted", "2026-03-03 10:20", NONE),
        ("outcome", "2026-03-03 10:30", booked("2026-03-12"))]),
    ("L-900002", "16 business minutes: breached; near-breach fires at 10:42", {}, [
        ("lead_received", "2026-03-03 10:30", NONE), ("assigned", "2026-03-03 10:31", NONE),
        ("call_attempt", "2026-03-03 10:46", NONE), ("contacted", "2026-03-03 10:50", NONE),
        ("outcome", "2026-03-04 09:00",
         {"outcome": "callback_scheduled", "next_step_date": "2026-03-06"})]),
    ("L-900003", "received 12:20 in the lunch gap (not after hours): 15m from 13:00; call 13:10, "
     "met 10", {}, [
        ("lead_received", "2026-03-04 12:20", NONE), ("assigned", "2026-03-04 12:21", NONE),
        ("call_attempt", "2026-03-04 13:10", NONE), ("contacted", "2026-03-04 13:12", NONE),
        ("outcome", "2026-03-04 13:30", booked("2026-03-11"))]),
    ("L-900004", "Mon 19:30 is after hours: 30m from Tue 08:00; call 08:25, met 25", {}, [
        ("lead_received", "2026-03-09 19:30", NONE), ("assigned", "2026-03-09 19:31", NONE),
        ("call_attempt", "2026-03-10 08:25", NONE), ("contacted", "2026-03-10 08:27", NONE),
        ("outcome", "2026-03-10 08:40",
         {"outcome": "not_interested", "reason_code": "RC-TIMING"})]),
    ("L-900005", "Tue 22:00 after hours; call and SMS at the same instant Wed 08:40: breached 40",
     {}, [
        ("lead_received", "2026-03-10 22:00", NONE), ("assigned", "2026-03-10 22:00", NONE),
        ("call_attempt", "2026-03-11 08:40", NONE),
        ("sms_sent", "2026-03-11 08:40", {"template": "consult-intro-v3"}),
        ("call_attempt", "2026-03-11 11:00", NONE), ("contacted", "2026-03-11 11:02", NONE),
        ("outcome", "2026-03-12 09:30", booked("2026-03-19"))]),
    ("L-900006", "Saturday 10:00 is open (09:00-13:00): call 10:10, met 10", {}, [
        ("lead_received", "2026-03-14 10:00", NONE), ("assigned", "2026-03-14 10:01", NONE),
        ("call_attempt", "2026-03-14 10:10", NONE), ("contacted", "2026-03-14 10:11", NONE),
        ("outcome", "2026-03-14 10:30", booked("2026-03-24"))]),
    ("L-900007", "Sunday is closed (after hours): 30m from Mon 08:00; call 08:20, met 20", {}, [
        ("lead_received", "2026-03-15 11:00", NONE), ("assigned", "2026-03-15 11:01", NONE),
        ("call_attempt", "2026-03-16 08:20", NONE), ("contacted", "2026-03-16 08:22", NONE),
        ("outcome", "2026-03-16 09:00", booked("2026-03-25"))]),
    ("L-900008", "Good Friday 2026-04-03 is an `include` holiday: after hours, 30m from Sat 09:00;"
     " call 09:20, met 20", {}, [
        ("lead_received", "2026-04-03 10:00", NONE), ("assigned", "2026-04-03 10:01", NONE),
        ("call_attempt", "2026-04-04 09:20", NONE), ("contacted", "2026-04-04 09:25", NONE),
        ("outcome", "2026-04-04 10:00",
         {"outcome": "not_qualified", "reason_code": "RC-OUT-OF-NETWORK"})]),
    ("L-900009", "override 2026-03-20 08:00-12:00: 14:00 is after the last close; 30m from "
     "Sat 09:00; call 09:10, met 10", {}, [
        ("lead_received", "2026-03-20 14:00", NONE), ("assigned", "2026-03-20 14:01", NONE),
        ("call_attempt", "2026-03-21 09:10", NONE), ("contacted", "2026-03-21 09:12", NONE),
        ("outcome", "2026-03-21 09:40", booked("2026-03-30"))]),
    ("L-900010", "naive 2026-03-08T02:30:00 lies in the skipped DST hour: read as 03:30 EDT; "
     "oncology (rule 2 before the answering-service rule) on the 24x7 nurse line; call 03:40, "
     "met 10", {"channel": "answering_service", "service_line": "oncology"}, [
        ("lead_received", "2026-03-08T02:30:00", NONE),
        ("assigned", "2026-03-08T03:31:00-04:00", {"team": "nurse-navigators"}),
        ("call_attempt", "2026-03-08T03:40:00-04:00", NONE),
        ("contacted", "2026-03-08T03:45:00-04:00", NONE),
        ("outcome", "2026-03-08T04:00:00-04:00",
         {"outcome": "callback_scheduled", "next_step_date": "2026-03-09"})]),
    ("L-900011", "24x7 across the DST jump: 01:50 EST to 03:05 EDT is 15 real minutes, met at "
     "the budget", {"service_line": "oncology"}, [
        ("lead_received", "2026-03-08T01:50:00-05:00", NONE),
        ("assigned", "2026-03-08T01:51:00-05:00", {"team": "nurse-navigators"}),
        ("call_attempt", "2026-03-08T03:05:00-04:00", NONE),
        ("contacted", "2026-03-08T03:06:00-04:00", NONE),
        ("outcome", "2026-03-09 10:00", booked("2026-03-16"))]),
    ("L-900012", "night desk: received Tue 20:30 PT, before the 22:00 PT shift: after hours, 30m "
     "from 22:00 PT; call 22:20 PT, met 20",
     {"channel": "answering_service", "service_line": "cardiology"}, [
        ("lead_received", "2026-03-10 23:30", NONE),
        ("assigned", "2026-03-10T20:31:00-07:00", {"team": "night-desk"}),
        ("call_attempt", "2026-03-10T22:20:00-07:00", NONE),
        ("contacted", "2026-03-10T22:25:00-07:00", NONE),
        ("outcome", "2026-03-11 09:00",
         {"outcome": "callback_scheduled", "next_step_date": "2026-03-12"})]),
    ("L-900013", "night desk inside its shift (Tue 23:00 PT, region central): call 23:20 PT, "
     "breached 20; near-breach at 23:12 PT",
     {"channel": "answering_service", "service_line": "neurology", "region": "central"}, [
        ("lead_received", "2026-03-11 02:00", NONE),
        ("assigned", "2026-03-10T23:00:00-07:00", {"team": "night-desk"}),
        ("call_attempt", "2026-03-10T23:20:00-07:00", NONE),
        ("contacted", "2026-03-10T23:22:00-07:00", NONE),
        ("outcome", "2026-03-10T23:40:00-07:00",
         {"outcome": "not_interested", "reason_code": "RC-WENT-ELSEWHERE"})]),
    ("L-900014", "resolved 5 minutes in, before any attempt: speed and cadence cancelled", {}, [
        ("lead_received", "2026-03-05 09:00", NONE), ("assigned", "2026-03-05 09:01", NONE),
        ("outcome", "2026-03-05 09:05",
         {"outcome": "not_interested", "reason_code": "RC-NO-LONGER-NEEDED"})]),
    ("L-900015", "resolved at 30 minutes without an attempt: breached (a cancel after the "
     "breach changes nothing)", {}, [
        ("lead_received", "2026-03-05 09:00", NONE), ("assigned", "2026-03-05 09:01", NONE),
        ("outcome", "2026-03-05 09:30",
         {"outcome": "not_qualified", "reason_code": "RC-OUT-OF-AREA"})]),
    ("L-900016", "no phone or email at 10:00; an update adds the email at 10:40, so lead_received"
     " happens at 10:40; call 10:50, met 10; missing-contact-info does not fire",
     {"phone": "", "email": ""}, [
        ("lead_received", "2026-03-05 10:00", NONE), ("assigned", "2026-03-05 10:01", NONE),
        ("update", "2026-03-05 10:40", {"email": "lead900016@example.org"}),
        ("call_attempt", "2026-03-05 10:50", NONE), ("contacted", "2026-03-05 10:55", NONE),
        ("outcome", "2026-03-05 11:10", booked("2026-03-13"))]),
    ("L-900017", "no phone or email until an update at 14:30: missing-contact-info fires at 12:00;"
     " lead_received at 14:30; call 14:35, met 5", {"phone": "", "email": ""}, [
        ("lead_received", "2026-03-05 11:00", NONE), ("assigned", "2026-03-05 11:01", NONE),
        ("update", "2026-03-05 14:30", {"phone": "(646) 555-0117"}),
        ("call_attempt", "2026-03-05 14:35", NONE), ("contacted", "2026-03-05 14:40", NONE),
        ("outcome", "2026-03-05 15:00", booked("2026-03-17"))]),
    ("L-900018", "phone 'N/A' and email '(No value)' are nulls: requirement-never-met finding, "
     "every response target not_applicable, missing-contact-info fires at 10:00, open lead",
     {"phone": "N/A", "email": "(No value)"}, [
        ("lead_received", "2026-03-06 09:00", NONE), ("assigned", "2026-03-06 09:01", NONE)]),
    ("L-900019", "service_line empty until an update at 09:20: lead_received at 09:20; call "
     "09:30, met 10", {"service_line": ""}, [
        ("lead_received", "2026-03-16 09:00", NONE), ("assigned", "2026-03-16 09:01", NONE),
        ("update", "2026-03-16 09:20", {"service_line": "orthopedics"}),
        ("call_attempt", "2026-03-16 09:30", NONE), ("contacted", "2026-03-16 09:33", NONE),
        ("outcome", "2026-03-16 10:00", booked("2026-03-27"))]),
    ("L-900020", "original of a repeat inquiry, phone '(312) 555-0101'",
     {"phone": "(312) 555-0101", "region": "central"}, [
        ("lead_received", "2026-03-09 09:00", NONE), ("assigned", "2026-03-09 09:02", NONE),
        ("call_attempt", "2026-03-09 09:06", NONE), ("contacted", "2026-03-09 09:08", NONE),
        ("outcome", "2026-03-09 09:30",
         {"outcome": "callback_scheduled", "next_step_date": "2026-03-16"})]),
    ("L-900021", "duplicate of L-900020: '+1 312 555 0101', 7 days later",
     {"phone": "+1 312 555 0101", "email": "", "region": "central"}, [
        ("lead_received", "2026-03-16 14:00", NONE), ("assigned", "2026-03-16 14:01", NONE),
        ("call_attempt", "2026-03-16 14:20", NONE), ("contacted", "2026-03-16 14:22", NONE),
        ("outcome", "2026-03-16 14:40", booked("2026-03-26"))]),
    ("L-900022", "'312.555.0101' 31 days after L-900020: outside 30d, and L-900021 (a duplicate) "
     "does not chain: a new lead", {"phone": "312.555.0101", "region": "central"}, [
        ("lead_received", "2026-04-09 10:00", NONE), ("assigned", "2026-04-09 10:01", NONE),
        ("call_attempt", "2026-04-09 10:09", NONE), ("contacted", "2026-04-09 10:12", NONE),
        ("outcome", "2026-04-09 10:30", booked("2026-04-21"))]),
    ("L-900023", "original of an email repeat", {"email": "lead900023@example.org"}, [
        ("lead_received", "2026-03-18 10:00", NONE), ("assigned", "2026-03-18 10:01", NONE),
        ("sms_sent", "2026-03-18 10:04", {"template": "consult-intro-v3"}),
        ("call_attempt", "2026-03-18 10:30", NONE), ("contacted", "2026-03-18 10:31", NONE),
        ("outcome", "2026-03-18 11:00", booked("2026-03-30"))]),
    ("L-900024", "duplicate of L-900023 by email 'Lead900023@Example.ORG' (case differs), no "
     "phone, 2 days later", {"phone": "", "email": "Lead900023@Example.ORG"}, [
        ("lead_received", "2026-03-20 09:00", NONE), ("assigned", "2026-03-20 09:01", NONE),
        ("email_sent", "2026-03-20 09:30", {"template": "consult-intro-v3"})]),
    ("L-900025", "three attempts without contact: unreached-after-3 fires at the 14:00 call; "
     "supervisor_review at 16:00 (within 4h): actioned", {}, [
        ("lead_received", "2026-03-17 09:00", NONE), ("assigned", "2026-03-17 09:01", NONE),
        ("call_attempt", "2026-03-17 09:05", NONE), ("call_attempt", "2026-03-17 11:00", NONE),
        ("call_attempt", "2026-03-17 14:00", NONE),
        ("supervisor_review", "2026-03-17 16:00", NONE),
        ("outcome", "2026-03-19 10:00",
         {"outcome": "not_interested", "reason_code": "RC-UNREACHABLE"})]),
    ("L-900026", "three attempts: fires Wed 15:00, due Thu 09:00; supervisor_review Thu 11:00: "
     "not actioned", {}, [
        ("lead_received", "2026-03-18 09:00", NONE), ("assigned", "2026-03-18 09:01", NONE),
        ("call_attempt", "2026-03-18 09:10", NONE), ("call_attempt", "2026-03-18 11:30", NONE),
        ("call_attempt", "2026-03-18 15:00", NONE),
        ("supervisor_review", "2026-03-19 11:00", NONE),
        ("outcome", "2026-03-23 10:00",
         {"outcome": "not_interested", "reason_code": "RC-UNREACHABLE"})]),
    ("L-900027", "call, SMS, email without contact: fires Thu 15:00, never reviewed (not actioned);"
     " open lead", {}, [
        ("lead_received", "2026-03-19 09:00", NONE), ("assigned", "2026-03-19 09:01", NONE),
        ("call_attempt", "2026-03-19 09:05", NONE),
        ("sms_sent", "2026-03-19 11:00", {"template": "consult-followup-v2"}),
        ("email_sent", "2026-03-19 15:00", {"template": "consult-followup-v2"})]),
    ("L-900028", "contacted after two attempts; a third attempt later does not fire "
     "unreached-after-3", {}, [
        ("lead_received", "2026-03-13 09:00", NONE), ("assigned", "2026-03-13 09:01", NONE),
        ("call_attempt", "2026-03-13 09:05", NONE), ("call_attempt", "2026-03-13 11:00", NONE),
        ("contacted", "2026-03-13 11:01", NONE), ("call_attempt", "2026-03-13 14:00", NONE),
        ("outcome", "2026-03-13 14:10", booked("2026-03-20"))]),
    ("L-900029", "clinical review 03-16 10:30 to 03-25 11:00 pauses time-to-resolution: met "
     "(without the pause, a breach)", {}, [
        ("lead_received", "2026-03-16 10:00", NONE), ("assigned", "2026-03-16 10:01", NONE),
        ("call_attempt", "2026-03-16 10:05", NONE), ("contacted", "2026-03-16 10:07", NONE),
        ("clinical_review_requested", "2026-03-16 10:30", NONE),
        ("clinical_review_done", "2026-03-25 11:00", NONE),
        ("outcome", "2026-03-25 14:00", booked("2026-04-01"))]),
    ("L-900030", "clinical review requested 04-08 11:00, not done by the end: time-to-resolution"
     " paused at as-of (pending, empty due_at)", {}, [
        ("lead_received", "2026-04-08 10:00", NONE), ("assigned", "2026-04-08 10:01", NONE),
        ("call_attempt", "2026-04-08 10:03", NONE), ("contacted", "2026-04-08 10:05", NONE),
        ("clinical_review_requested", "2026-04-08 11:00", NONE)]),
    ("L-900031", "west cardiology assigned to inside-sales (rule says west-cardio): misrouted",
     {"service_line": "cardiology", "region": "west"}, [
        ("lead_received", "2026-03-24 10:00", NONE),
        ("assigned", "2026-03-24 10:01", {"team": "inside-sales"}),
        ("call_attempt", "2026-03-24 10:10", NONE), ("contacted", "2026-03-24 10:12", NONE),
        ("outcome", "2026-03-24 10:40", booked("2026-04-02"))]),
    ("L-900032", "oncology assigned to inside-sales (rule says nurse-navigators): misrouted",
     {"service_line": "oncology"}, [
        ("lead_received", "2026-03-25 15:00", NONE),
        ("assigned", "2026-03-25 15:01", {"team": "inside-sales"}),
        ("call_attempt", "2026-03-25 15:05", NONE), ("contacted", "2026-03-25 15:08", NONE),
        ("outcome", "2026-03-26 10:00", booked("2026-04-06"))]),
    ("L-900033", "SMS with template promo-spring-2026 (not approved): approved-messaging breached",
     {}, [
        ("lead_received", "2026-03-26 09:00", NONE), ("assigned", "2026-03-26 09:01", NONE),
        ("sms_sent", "2026-03-26 09:02", {"template": "promo-spring-2026"}),
        ("call_attempt", "2026-03-26 09:30", NONE), ("contacted", "2026-03-26 09:32", NONE),
        ("outcome", "2026-03-26 10:00", booked("2026-04-07"))]),
    ("L-900034", "email_sent with an empty template: a violation; the SMS after it is approved",
     {}, [
        ("lead_received", "2026-03-26 10:00", NONE), ("assigned", "2026-03-26 10:01", NONE),
        ("email_sent", "2026-03-26 10:05", {"template": ""}),
        ("sms_sent", "2026-03-26 10:06", {"template": "consult-intro-v3"}),
        ("call_attempt", "2026-03-26 10:40", NONE), ("contacted", "2026-03-26 10:41", NONE),
        ("outcome", "2026-03-26 11:00", booked("2026-04-08"))]),
    ("L-900035", "not_interested with neither reason_code nor next_step_date: documented-outcome"
     " breached (missing next_step_date|reason_code)", {}, [
        ("lead_received", "2026-03-27 09:00", NONE), ("assigned", "2026-03-27 09:01", NONE),
        ("call_attempt", "2026-03-27 09:04", NONE), ("contacted", "2026-03-27 09:06", NONE),
        ("outcome", "2026-03-27 09:20", {"outcome": "not_interested"})]),
    ("L-900036", "outcome wrong_number is not `resolved`: the lead stays open", {}, [
        ("lead_received", "2026-03-30 09:00", NONE), ("assigned", "2026-03-30 09:01", NONE),
        ("call_attempt", "2026-03-30 09:05", NONE),
        ("outcome", "2026-03-30 09:06",
         {"outcome": "wrong_number", "reason_code": "RC-BAD-PHONE"})]),
    ("L-900037", "no attempt for days: stalled-before-first-attempt fires Thu 03-19 10:00 (2bd); "
     "first call Fri 09:00", {}, [
        ("lead_received", "2026-03-17 10:00", NONE), ("assigned", "2026-03-17 10:01", NONE),
        ("call_attempt", "2026-03-20 09:00", NONE), ("contacted", "2026-03-20 09:03", NONE),
        ("outcome", "2026-03-20 09:10",
         {"outcome": "callback_scheduled", "next_step_date": "2026-03-23"})]),
    ("L-900038", "cadence met: one attempt in each of the four windows, contact after the last; "
     "unreached-after-3 fires Tue 08:30 and is actioned at 10:00", {}, [
        ("lead_received", "2026-03-23 09:00", NONE), ("assigned", "2026-03-23 09:01", NONE),
        ("call_attempt", "2026-03-23 09:05", NONE),
        ("sms_sent", "2026-03-23 11:00", {"template": "consult-followup-v2"}),
        ("call_attempt", "2026-03-24 08:30", NONE),
        ("supervisor_review", "2026-03-24 10:00", NONE),
        ("email_sent", "2026-03-25 10:00", {"template": "consult-followup-v2"}),
        ("contacted", "2026-03-25 10:30", NONE),
        ("outcome", "2026-03-25 11:00", booked("2026-04-03"))]),
    ("L-900039", "cadence breached: window 2 (15m-4h, ends 14:00) missed; contact in window 3",
     {}, [
        ("lead_received", "2026-03-31 09:00", NONE), ("assigned", "2026-03-31 09:01", NONE),
        ("call_attempt", "2026-03-31 09:10", NONE), ("call_attempt", "2026-03-31 15:00", NONE),
        ("contacted", "2026-03-31 15:02", NONE),
        ("outcome", "2026-03-31 15:30", booked("2026-04-14"))]),
    ("L-900040", "lead_received and call_attempt at the same instant: elapsed 0, met", {}, [
        ("lead_received", "2026-04-01 11:00", NONE), ("call_attempt", "2026-04-01 11:00", NONE),
        ("assigned", "2026-04-01 11:01", NONE), ("contacted", "2026-04-01 11:03", NONE),
        ("outcome", "2026-04-01 11:20", booked("2026-04-13"))]),
    ("L-900041", "legacy names: 'Web Form' is lead_received, 'Outbound Call' (naive time) is "
     "call_attempt; met 7", {}, [
        ("Web Form", "2026-04-02 09:00", NONE), ("assigned", "2026-04-02 09:01", NONE),
        ("Outbound Call", "2026-04-02T09:07:00", NONE), ("contacted", "2026-04-02 09:09", NONE),
        ("outcome", "2026-04-02 09:30", booked("2026-04-15"))]),
    ("L-900042", "at the export's end: received 16:47, 13 of 15 minutes used: at_risk", {}, [
        ("lead_received", "2026-04-10 16:47", NONE), ("assigned", "2026-04-10 16:48", NONE)]),
    ("L-900043", "at the export's end: received 16:55, 5 minutes used: pending", {}, [
        ("lead_received", "2026-04-10 16:55", NONE), ("assigned", "2026-04-10 16:55", NONE)]),
    ("L-900044", "at the export's end: received 16:30, no attempt: breached while running", {}, [
        ("lead_received", "2026-04-10 16:30", NONE), ("assigned", "2026-04-10 16:31", NONE)]),
    ("L-900045", "holds the export's last row, 2026-04-10T17:00:00-04:00 (the default --as-of);"
     " call at 10 minutes, met", {}, [
        ("lead_received", "2026-04-10 16:50", NONE), ("assigned", "2026-04-10 16:51", NONE),
        ("call_attempt", "2026-04-10 17:00", NONE)]),
    ("L-900046", "referral by fax: outside speed-to-first-attempt's `for` (not_applicable)",
     {"lead_type": "referral", "channel": "fax"}, [
        ("lead_received", "2026-03-12 10:00", NONE), ("assigned", "2026-03-12 10:05", NONE),
        ("call_attempt", "2026-03-12 13:30", NONE), ("contacted", "2026-03-12 13:32", NONE),
        ("outcome", "2026-03-12 14:00", booked("2026-03-19"))]),
    ("L-900047", "its 11:06 SMS row comes in the late vendor batch at the end of the file", {}, [
        ("lead_received", "2026-03-12 11:00", NONE), ("assigned", "2026-03-12 11:01", NONE),
        ("call_attempt", "2026-03-12 11:05", NONE),
        ("sms_sent", "2026-03-12 11:06", {"template": "consult-intro-v3"}),
        ("contacted", "2026-03-12 11:30", NONE),
        ("outcome", "2026-03-12 11:45", booked("2026-03-23"))]),
    ("L-900048", "its call_attempt row appears twice (an exact duplicate row)", {}, [
        ("lead_received", "2026-03-13 10:00", NONE), ("assigned", "2026-03-13 10:01", NONE),
        ("call_attempt", "2026-03-13 10:06", NONE), ("contacted", "2026-03-13 10:09", NONE),
        ("outcome", "2026-03-13 10:30", booked("2026-03-24"))]),
    ("L-900049", "its lead_received row appears twice, the copy in the late batch", {}, [
        ("lead_received", "2026-03-19 13:30", NONE), ("assigned", "2026-03-19 13:31", NONE),
        ("call_attempt", "2026-03-19 13:40", NONE), ("contacted", "2026-03-19 13:41", NONE),
        ("outcome", "2026-03-19 14:00", booked("2026-03-31"))]),
    ("L-900050", "its first call row is stamped 2026-02-30 (skipped): the first usable attempt is "
     "the 10:40 call, breached 40", {}, [
        ("lead_received", "2026-03-23 10:00", NONE), ("assigned", "2026-03-23 10:01", NONE),
        ("call_attempt", "2026-02-30T10:05:00-05:00", NONE),
        ("call_attempt", "2026-03-23 10:40", NONE), ("contacted", "2026-03-23 10:42", NONE),
        ("outcome", "2026-03-23 11:00", booked("2026-04-02"))]),
    ("L-900051", "an update row stamped 1899-12-30T00:00:00 (an Excel zero date) is skipped as "
     "implausible", {}, [
        ("lead_received", "2026-03-24 14:00", NONE), ("assigned", "2026-03-24 14:01", NONE),
        ("update", "1899-12-30T00:00:00", {"email": "lead900051@example.org"}),
        ("call_attempt", "2026-03-24 14:10", NONE), ("contacted", "2026-03-24 14:12", NONE),
        ("outcome", "2026-03-24 14:30", booked("2026-04-07"))]),
    ("L-900052", "cells with surrounding spaces (' consult_request ', 'form '): trimmed, so "
     "in scope; its lead_received is stamped in UTC (+00:00); met 12",
     {"lead_type": " consult_request ", "channel": "form "}, [
        ("lead_received", "2026-03-27T14:00:00+00:00", NONE),
        ("assigned", "2026-03-27 10:01", NONE),
        ("call_attempt", "2026-03-27 10:12", NONE), ("contacted", "2026-03-27 10:14", NONE),
        ("outcome", "2026-03-27 10:30", booked("2026-04-09"))]),
]
LATE_BATCH = {("L-900047", "sms_sent")}                 # rows moved to the end of the file
DUPLICATED = {("L-900048", "call_attempt"): "next", ("L-900049", "lead_received"): "late"}
# Phones the scenarios use (and the bulk must not).
RESERVED_PHONES = {"3125550101", "6465550117"}


# --- calendars --------------------------------------------------------------------------------

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class Calendar:
    """Weekly open spans in a zone, with closed dates and one-off hours (as LANGUAGE.md reads)."""

    zone: ZoneInfo
    weekly: Mapping[int, tuple[str, ...]]              # weekday (Mon=0) -> ("08:00-12:00", ...)
    closed: frozenset[date] = frozenset()
    overrides: Mapping[date, tuple[str, ...]] = field(default_factory=dict)

    def day_spans(self, day: date) -> list[Span]:
        """Return the UTC spans that start on ``day`` (local)."""
        if day in self.overrides:
            texts = self.overrides[day]
        elif day in self.closed:
            texts = ()
        else:
            texts = self.weekly.get(day.weekday(), ())
        spans = []
        for text in texts:
            a, b = text.split("-")
            start = self._at(day, a)
            end = self._at(day + timedelta(days=1), "00:00") if b == "24:00" else (
                self._at(day, b) if b > a else self._at(day + timedelta(days=1), b))
            spans.append((start, end))
        return spans

    def _at(self, day: date, hhmm: str) -> datetime:
        h, m = (int(x) for x in hhmm.split(":"))
        return datetime(day.year, day.month, day.day, h, m, tzinfo=self.zone).astimezone(UTC)

    def spans_from(self, t: datetime) -> Iterator[Span]:
        """Yield the open time at or after ``t``, span by span."""
        day = t.astimezone(self.zone).date() - timedelta(days=1)
        while True:
            for s, e in self.day_spans(day):
                if e > t:
                    yield max(s, t), e
            day += timedelta(days=1)

    def add(self, t: datetime, minutes: float) -> datetime:
        """Return the instant at which ``minutes`` of open time have passed since ``t``."""
        left = timedelta(minutes=minutes)
        for s, e in self.spans_from(t):
            if e - s >= left:
                return s + left
            left -= e - s
        raise AssertionError("unreachable")

    def is_open(self, t: datetime) -> bool:
        """Tell whether ``t`` falls inside an open span."""
        s, _ = next(self.spans_from(t))
        return s == t

    def after_hours(self, t: datetime) -> bool:
        """Tell whether ``t`` is outside its day's envelope (a lunch gap is not after hours)."""
        if self.is_open(t):
            return False
        spans = self.day_spans(t.astimezone(self.zone).date())
        return not spans or t < spans[0][0] or t >= spans[-1][1]


WEEKDAYS = range(5)
CALL_CENTER = Calendar(
    NY, {**{d: ("08:00-12:00", "13:00-18:00") for d in WEEKDAYS}, 5: ("09:00-13:00",)},
    closed=frozenset({date(2026, 4, 3)}),   # US/NY has no holiday in range; Good Friday included
    overrides={date(2026, 3, 20): ("08:00-12:00",)})
NURSE_LINE = Calendar(NY, {d: ("00:00-24:00",) for d in range(7)})
NIGHT_DESK = Calendar(LA, {d: ("22:00-06:00",) for d in WEEKDAYS})
CALENDARS = {"call-center": CALL_CENTER, "nurse-line": NURSE_LINE, "night-desk": NIGHT_DESK}


def route(attrs: Mapping[str, str]) -> tuple[str, str]:
    """Return (team, calendar) by the document's routing rules."""
    line, region, channel = attrs["service_line"], attrs["region"], attrs["channel"]
    if line == "cardiology" and region == "west":
        return "west-cardio", "call-center"
    if line == "oncology":
        return "nurse-navigators", "nurse-line"
    if channel == "answering_service":
        return "night-desk", "night-desk"
    return "inside-sales", "call-center"


# --- rows ---------------------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the export; ``at`` places it in the file (None: unparseable)."""

    lead: str
    event: str
    at: datetime | None
    stamp: str
    fields: dict[str, str]
    seq: int = 0

    def cells(self) -> list[str]:
        """Return the CSV cells in COLUMNS order."""
        base = {"lead_id": self.lead, "event": self.event, "timestamp": self.stamp}
        return [base.get(c, self.fields.get(c, "")) for c in COLUMNS]


def stamp(t: datetime, zone: tzinfo = NY) -> str:
    """Write an instant as ISO 8601 local time with its offset."""
    return t.astimezone(zone).isoformat(timespec="seconds")


def naive(t: datetime) -> str:
    """Write an instant as naive New York local time (what the telephony system writes)."""
    return t.astimezone(NY).replace(tzinfo=None).isoformat(timespec="seconds")


def parse_when(when: str) -> tuple[datetime | None, str]:
    """Return (instant, cell text) of a scenario time (see SCENARIOS)."""
    if "T" not in when:
        local = datetime.fromisoformat(when).replace(tzinfo=NY)
        return local.astimezone(UTC), stamp(local)
    try:
        t = datetime.fromisoformat(when)
    except ValueError:
        return None, when
    if t.year < 1900:
        return None, when
    if t.tzinfo is None:
        t = t.replace(tzinfo=NY)
    return t.astimezone(UTC), when


class Phones:
    """Hand out distinct fictional phone numbers (NNN-555-01xx) in varied formats."""

    AREAS = ("212", "347", "516", "518", "607", "646", "718", "914", "917", "206", "213", "310",
             "415", "503", "510", "619", "702", "214", "312", "314", "512", "713", "773")
    FORMATS = ("{a}-555-01{x}", "({a}) 555-01{x}", "+1 {a} 555 01{x}", "{a}55501{x}",
               "{a}.555.01{x}")

    def __init__(self, rng: random.Random) -> None:
        pool = [(a, f"{x:02d}") for a in self.AREAS for x in range(100)]
        pool = [p for p in pool if f"{p[0]}55501{p[1]}" not in RESERVED_PHONES]
        rng.shuffle(pool)
        self._pool = iter(pool)
        self._rng = rng

    def next(self) -> str:
        """Return a new number, formatted at random."""
        a, x = next(self._pool)
        return self._rng.choice(self.FORMATS).format(a=a, x=x)


# --- bulk simulation ----------------------------------------------------------------------------

LEAD_TYPES = (("consult_request", 55), ("referral", 25), ("second_opinion", 12),
              ("general_inquiry", 8))
SERVICE_LINES = (("cardiology", 28), ("oncology", 14), ("orthopedics", 26), ("neurology", 16),
                 ("dermatology", 16))
REGIONS = (("east", 55), ("west", 30), ("central", 15))
TEAMS = ("inside-sales", "west-cardio", "nurse-navigators", "night-desk")
LOST = {"not_interested": ("RC-COST", "RC-TIMING", "RC-WENT-ELSEWHERE", "RC-NO-LONGER-NEEDED"),
        "not_qualified": ("RC-OUT-OF-NETWORK", "RC-NOT-COVERED", "RC-OUT-OF-AREA")}


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    """Return one value of a weighted table."""
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def arrival(rng: random.Random) -> datetime:
    """Return a plausible lead arrival: busy weekdays, quieter evenings, nights and weekends."""
    days = [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    weights = [1.0 if d.weekday() < 5 else (0.45 if d.weekday() == 5 else 0.3) for d in days]
    while True:
        day = rng.choices(days, weights)[0]
        r = rng.random()
        if r < 0.74:
            minute = rng.randrange(8 * 60, 18 * 60 + 30)
        elif r < 0.94:
            minute = rng.randrange(18 * 60 + 30, 23 * 60 + 30)
        else:
            minute = (23 * 60 + 30 + rng.randrange(8 * 60 + 30)) % (24 * 60)
        local = datetime(day.year, day.month, day.day, tzinfo=NY) + timedelta(
            minutes=minute, seconds=rng.randrange(60))
        t = local.replace(tzinfo=None).replace(tzinfo=NY).astimezone(UTC)
        if t <= CUTOFF - timedelta(minutes=5):
            return t


def simulate(rng: random.Random, lead: str, phones: Phones) -> tuple[dict[str, str], list[Row]]:
    """Return one random lead's attributes and rows (before the export cut)."""
    received = arrival(rng)
    lead_type = pick(rng, LEAD_TYPES)
    if lead_type == "referral":
        channel = rng.choice(("fax", "phone", "form"))
    else:
        channel = pick(rng, (("form", 45), ("phone", 30), ("chat", 25)))
        local = received.astimezone(NY)
        closed = CALL_CENTER.after_hours(received)
        if channel == "phone" and closed and local.weekday() < 5 and rng.random() < 0.6:
            channel = "answering_service"
    attrs = {"lead_type": lead_type, "channel": channel,
             "service_line": pick(rng, SERVICE_LINES), "region": pick(rng, REGIONS)}
    r = rng.random()
    phone = "" if r < 0.07 else phones.next()
    email = f"lead{lead[2:]}@example.org" if (not phone or rng.random() < 0.55) else ""
    first = dict(attrs, phone=phone, email=email)
    if rng.random() < 0.02:
        first["region"] = "(No value)"
        attrs["region"] = ""
    team, cal_name = route(attrs)
    cal = CALENDARS[cal_name]
    zone = LA if team == "night-desk" else NY
    rows: list[Row] = []

    def add(event: str, t: datetime, fields: Mapping[str, str] = NONE, raw: str = "") -> None:
        t = t.replace(microsecond=0)
        cell = raw or stamp(t, zone if event != "lead_received" else NY)
        rows.append(Row(lead, event, t, cell, dict(fields)))

    received_cell = stamp(received, UTC) if channel == "chat" and rng.random() < 0.5 else ""
    if rng.random() < 0.04 and channel == "form":
        add("Web Form", received, first, received_cell)
    else:
        add("lead_received", received, first, received_cell)
    assigned_team = team
    if rng.random() < 0.025:
        assigned_team = rng.choice([t for t in TEAMS if t != team])
    t = received + timedelta(seconds=rng.choice((0, 0, 20, 45, 60, 90, 150)))
    add("assigned", t, {"team": assigned_team})

    if rng.random() < 0.03:   # fell through the cracks: no attempt until days later, or never
        if rng.random() < 0.5:
            return attrs, rows
        delay = rng.uniform(2000, 3000)
    elif cal.after_hours(received):
        delay = rng.uniform(1, 28) if rng.random() < 0.9 else rng.uniform(31, 150)
    else:
        delay = rng.uniform(0.5, 14) if rng.random() < 0.92 else rng.uniform(15.5, 80)
    if rng.random() < 0.85:   # the agent opens the record (noise the document ignores)
        add("lead_viewed", max(t, cal.add(received, delay * rng.uniform(0.2, 0.9))))
    contacted_at: datetime | None = None
    attempts = 0
    escalated = False
    offsets = [delay, rng.uniform(30, 230), rng.uniform(260, 500), rng.uniform(600, 1500),
               rng.uniform(1600, 2600)]
    if rng.random() < 0.12:   # a skipped cadence window
        offsets[1] = rng.uniform(250, 400)
    last = t
    for k, offset in enumerate(offsets):
        at = max(cal.add(received, offset), last + timedelta(minutes=1))
        kind = rng.choices(("call_attempt", "sms_sent", "email_sent"), (70, 20, 10))[0]
        fields: dict[str, str] = {}
        if kind != "call_attempt":
            fields["template"] = template(rng, lead_type, k)
        if kind == "call_attempt" and team != "night-desk" and rng.random() < 0.06:
            add("Outbound Call", at, fields, naive(at))
        else:
            add(kind, at, fields)
        attempts += 1
        last = at
        if kind == "call_attempt" and k == 0 and rng.random() < 0.25:
            add("sms_sent", at, {"template": template(rng, lead_type, k)})   # same instant
            attempts += 1
        if kind == "call_attempt" and rng.random() < 0.6:
            contacted_at = at + timedelta(minutes=rng.uniform(0.5, 6))
            add("contacted", contacted_at)
            last = contacted_at
            if rng.random() < 0.6:
                add("note_added", contacted_at + timedelta(minutes=rng.uniform(1, 10)))
            break
        if attempts >= 3 and not escalated:   # unreached-after-3 fires: a supervisor looks
            escalated = True
            if rng.random() < 0.3:
                continue
            late = rng.random() < 0.25
            review = cal.add(at, rng.uniform(300, 700) if late else rng.uniform(20, 220))
            add("supervisor_review", review)
        if attempts >= 3 and rng.random() < 0.35:
            break
    if contacted_at is None:
        if attempts >= 3 and rng.random() < 0.5:
            add("outcome", cal.add(last, rng.uniform(120, 600)),
                {"outcome": "not_interested", "reason_code": "RC-UNREACHABLE"})
        return attrs, rows
    t = contacted_at
    if lead_type in ("consult_request", "second_opinion") and rng.random() < 0.22:
        t = t + timedelta(minutes=rng.uniform(10, 180))
        add("clinical_review_requested", t)
        t = cal.add(t, rng.uniform(120, 4000))
        add("clinical_review_done", t)
    if rng.random() < 0.08:
        return attrs, rows     # still open
    t = cal.add(t, rng.uniform(5, 900))
    add("outcome", t, outcome_fields(rng, t))
    if rng.random() < 0.5:
        add("note_added", t + timedelta(minutes=rng.uniform(1, 30)))
    return attrs, rows


def template(rng: random.Random, lead_type: str, k: int) -> str:
    """Return the message template of an SMS or email: mostly approved, sometimes not."""
    if lead_type == "consult_request":
        r = rng.random()
        if r < 0.05:
            return "promo-spring-2026"
        if r < 0.07:
            return ""
        return "consult-intro-v3" if k == 0 else "consult-followup-v2"
    if lead_type == "referral":
        return "referral-intro-v1" if k == 0 else "referral-followup-v1"
    return "general-info-v1"


def outcome_fields(rng: random.Random, t: datetime) -> dict[str, str]:
    """Return an outcome row's fields; a few lack their next step or reason."""
    value = rng.choices(("consult_booked", "callback_scheduled", "not_interested",
                         "not_qualified"), (55, 15, 15, 15))[0]
    fields = {"outcome": value}
    if value in LOST:
        fields["reason_code"] = rng.choice(LOST[value])
    else:
        day = t.astimezone(NY).date() + timedelta(days=rng.randint(2, 21))
        fields["next_step_date"] = day.isoformat()
    if rng.random() < 0.04:
        fields.pop("reason_code", None)
        fields.pop("next_step_date", None)
    return fields


# --- assembly -----------------------------------------------------------------------------------

def scenario_rows(phones: Phones) -> list[list[Row]]:
    """Return the rows of every scenario lead."""
    out = []
    for lead, _why, given, steps in SCENARIOS:
        attrs = {"lead_type": "consult_request", "channel": "form",
                 "service_line": "orthopedics", "region": "east",
                 "phone": phones.next(), "email": ""}
        attrs.update(given)
        team, _ = route({k: v.strip() for k, v in attrs.items()})
        rows = []
        for i, (event, when, fields) in enumerate(steps):
            at, cell = parse_when(when)
            extra = dict(fields)
            if i == 0:
                extra = {**attrs, **extra}
            if event == "assigned" and "team" not in extra:
                extra["team"] = team
            rows.append(Row(lead, event, at, cell, extra))
        out.append(rows)
    return out


def build() -> list[Row]:
    """Return every row of the export, in file order."""
    rng = random.Random(SEED)
    phones = Phones(rng)
    leads = scenario_rows(phones)
    for i in range(BULK_LEADS):
        _, rows = simulate(rng, f"L-{100001 + i}", phones)
        leads.append(rows)
    body: list[Row] = []
    bad: list[Row] = []
    late: list[Row] = []
    for rows in leads:
        for row in rows:
            if row.at is not None and row.at > CUTOFF:
                continue
            row.seq = len(body) + len(bad) + len(late)
            key = (row.lead, row.event)
            if row.at is None:
                bad.append(row)
            elif key in LATE_BATCH:
                late.append(row)
            else:
                body.append(row)
            if DUPLICATED.get(key) == "next":
                body.append(Row(row.lead, row.event, row.at, row.stamp, dict(row.fields), row.seq))
            elif DUPLICATED.get(key) == "late":
                late.append(Row(row.lead, row.event, row.at, row.stamp, dict(row.fields), row.seq))
    # Bulk rows for the late SMS-vendor batch: a few SMS rows alone at their instant.
    sms = [r for r in body if r.event == "sms_sent" and r.lead.startswith("L-1")
           and sum(1 for o in body if o.lead == r.lead and o.at == r.at) == 1]
    for row in random.Random(SEED + 1).sample(sms, 4):
        body.remove(row)
        late.append(row)
    body.sort(key=lambda r: (r.at, r.seq))
    for row in bad:   # malformed rows stay near the day they were meant for
        anchor = next(i for i, r in enumerate(body) if r.lead == row.lead)
        body.insert(anchor + 1, row)
    orphan = Row("", "call_attempt", None, "2026-03-11T10:00:00-04:00", {})
    body.insert(next(i for i, r in enumerate(body)
                     if r.at is not None and r.at >= orphan_time()), orphan)
    late.sort(key=lambda r: (r.at or CUTOFF, r.seq))
    return body + late


def orphan_time() -> datetime:
    """Return where the row without a lead id sits in the file."""
    return datetime(2026, 3, 11, 10, 0, tzinfo=NY).astimezone(UTC)


def main() -> None:
    """Write events.csv next to this script."""
    rows = build()
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(row.cells() for row in rows)


if __name__ == "__main__":
    main()
