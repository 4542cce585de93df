"""Write events.csv, the synthetic CRM export for partner.sla.yaml.

Run ``python examples/partner-delivery/generate.py``: the output is byte-identical on every run
(a seeded ``random.Random``, no wall clock). Nobody in it is real: phones are in the fictional
555-0100..555-0199 range, emails end in @example.org, there are no names.

The file looks like a CRM's activity report saved from a spreadsheet: CRM headers, CRM activity
names, naive "MM/DD/YYYY HH:MM AM" Chicago times, "N/A"/"(No value)" for empty, newest row
first, a UTF-8 byte-order mark and CRLF line ends. Lead fields sit on the "Partner Delivery" and
"Field Update" rows, the team on "Lead Assigned", the decision on "Lead Disposition".

It covers Mon 2026-10-19 to Fri 2026-11-13 05:00 PM (the last row). ~280 random leads have ids
LD-2xxxx; the scenarios below (ids LD-29xxx) are hand-written and tests may rely on them.
Bulk leads delivered during the integration outage of Tue 2026-10-27 02:00-04:10 AM are
recorded at 04:10 AM. One row has an impossible date (11/31/2026) and one row appears twice.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20261019
BULK_LEADS = 280
OUT = Path(__file__).with_name("events.csv")
CHI = ZoneInfo("America/Chicago")
FIRST_DAY = date(2026, 10, 19)
LAST_DAY = date(2026, 11, 13)
CUTOFF = datetime(2026, 11, 13, 17, 0, tzinfo=CHI).astimezone(UTC)
OUTAGE = (datetime(2026, 10, 27, 2, 0, tzinfo=CHI).astimezone(UTC),
          datetime(2026, 10, 27, 4, 10, tzinfo=CHI).astimezone(UTC))
FORMAT = "%m/%d/%Y %I:%M %p"

# CRM header -> the field name used in this script (the document maps them the same way).
HEADERS = {
    "Activity ID": "activity_id", "Lead ID": "lead_id", "Activity": "event",
    "Activity Date": "timestamp", "Created By": "created_by", "Partner": "partner",
    "Lead Source": "channel", "Lead Type": "lead_type", "Service Line": "service_line",
    "Market": "region", "Partner Qualification": "partner_status",
    "Insurance Carrier": "insurance", "TCPA Consent": "consent", "Assigned Team": "team",
    "Disposition": "disposition", "Rejection Reason": "rejection_reason",
    "Phone Number": "phone", "Email Address": "email",
}
LEAD_FIELDS = ("partner", "channel", "lead_type", "service_line", "region", "partner_status",
               "insurance", "consent", "phone", "email")
TEAMS = {"Chicago": "intake-chicago", "Milwaukee": "intake-milwaukee",
         "Indianapolis": "intake-indy"}
CREATED_BY = {"Partner Delivery": "partner-api", "Record Created": "crm-integration",
              "Lead Assigned": "round-robin", "Field Update": "crm-integration"}

Step = tuple[str, str, Mapping[str, str]]
NONE: Mapping[str, str] = {}
ACCEPT = {"disposition": "Accepted"}


def reject(reason: str) -> dict[str, str]:
    """Return the fields of a rejection."""
    return {"disposition": "Rejected", "rejection_reason": reason}


# (id, why, delivery fields, steps); a step's time is Chicago local "YYYY-MM-DD HH:MM", or a
# cell written exactly as given when it contains "/".
SCENARIOS: list[tuple[str, str, Mapping[str, str], list[Step]]] = [
    ("LD-29001", "delivered and recorded in the same minute (elapsed 0); outreach at 25 "
     "business minutes; accepted next morning", {"phone": "(312) 555-0142"}, [
        ("Partner Delivery", "2026-10-19 09:00", NONE),
        ("Record Created", "2026-10-19 09:00", NONE),
        ("Lead Assigned", "2026-10-19 09:10", NONE), ("Outbound Call", "2026-10-19 09:25", NONE),
        ("Conversation", "2026-10-19 09:27", NONE),
        ("Lead Disposition", "2026-10-20 09:30", ACCEPT)]),
    ("LD-29002", "during the integration outage: recorded at 04:10 AM, 125 minutes late "
     "(breached); delivery-not-recorded fires at 02:20 AM", {}, [
        ("Partner Delivery", "2026-10-27 02:05", NONE),
        ("Record Created", "2026-10-27 04:10", NONE),
        ("Lead Assigned", "2026-10-27 08:12", NONE), ("Outbound Call", "2026-10-27 08:30", NONE),
        ("Conversation", "2026-10-27 08:31", NONE),
        ("Lead Disposition", "2026-10-27 11:00", ACCEPT)]),
    ("LD-29003", "delivered Saturday 11:00 PM: assignment and outreach clocks start Monday "
     "08:00; assigned 08:20 (met 20), first call 08:45 (met 45)", {}, [
        ("Partner Delivery", "2026-10-24 23:00", NONE),
        ("Record Created", "2026-10-24 23:01", NONE),
        ("Lead Assigned", "2026-10-26 08:20", NONE), ("Outbound Call", "2026-10-26 08:45", NONE),
        ("Conversation", "2026-10-26 08:47", NONE),
        ("Lead Disposition", "2026-10-26 10:00", ACCEPT)]),
    ("LD-29004", "delivered on Veterans Day (Wed 11/11, a US holiday): business clocks start "
     "Thu 08:00; assigned 08:15 (met 15), call 08:40 (met 40)", {}, [
        ("Partner Delivery", "2026-11-11 10:00", NONE),
        ("Record Created", "2026-11-11 10:01", NONE),
        ("Lead Assigned", "2026-11-12 08:15", NONE), ("Outbound Call", "2026-11-12 08:40", NONE),
        ("Conversation", "2026-11-12 08:42", NONE),
        ("Lead Disposition", "2026-11-12 09:30", ACCEPT)]),
    ("LD-29005", "delivered 11/01/2026 01:30 AM, the hour that happens twice: read as the first "
     "(CDT); recorded 01:33 AM, met 3", {}, [
        ("Partner Delivery", "11/01/2026 01:30 AM", NONE),
        ("Record Created", "11/01/2026 01:33 AM", NONE),
        ("Lead Assigned", "2026-11-02 08:05", NONE), ("Outbound Call", "2026-11-02 08:20", NONE),
        ("Conversation", "2026-11-02 08:22", NONE),
        ("Lead Disposition", "2026-11-02 09:00", ACCEPT)]),
    ("LD-29006", "phone 'N/A' and email '(No value)': delivery-minimums breached; missing-contact"
     "-info fires at 10:30; a Field Update adds the phone at 13:00; first call 13:10: "
     "speed-to-first-outreach breached (190)",
     {"phone": "N/A", "email": "(No value)"}, [
        ("Partner Delivery", "2026-10-20 10:00", NONE),
        ("Record Created", "2026-10-20 10:01", NONE),
        ("Lead Assigned", "2026-10-20 10:15", NONE),
        ("Field Update", "2026-10-20 13:00", {"phone": "414-555-0106"}),
        ("Outbound Call", "2026-10-20 13:10", NONE), ("Conversation", "2026-10-20 13:12", NONE),
        ("Lead Disposition", "2026-10-20 14:00", ACCEPT)]),
    ("LD-29007", "TCPA consent 'N': delivery-minimums breached (consent not in allow); rejected "
     "'No Consent' before any outreach: speed-to-first-outreach cancelled", {"consent": "N"}, [
        ("Partner Delivery", "2026-10-21 11:00", NONE),
        ("Record Created", "2026-10-21 11:00", NONE),
        ("Lead Assigned", "2026-10-21 11:05", NONE),
        ("Lead Disposition", "2026-10-21 11:20", reject("No Consent"))]),
    ("LD-29008", "TCPA consent '(No value)' (empty): a delivery-minimums violation",
     {"consent": "(No value)"}, [
        ("Partner Delivery", "2026-10-21 14:00", NONE),
        ("Record Created", "2026-10-21 14:01", NONE),
        ("Lead Assigned", "2026-10-21 14:10", NONE), ("SMS Sent", "2026-10-21 14:20", NONE),
        ("Outbound Call", "2026-10-21 14:40", NONE), ("Conversation", "2026-10-21 14:41", NONE),
        ("Lead Disposition", "2026-10-22 09:00", ACCEPT)]),
    ("LD-29009", "'Qualified' without insurance: delivered_qualified waits for the Field Update "
     "at 12:00 that adds it; decided Thu 10:00, within 2bd of 12:00",
     {"partner_status": "Qualified", "insurance": ""}, [
        ("Partner Delivery", "2026-10-20 10:00", NONE),
        ("Record Created", "2026-10-20 10:00", NONE),
        ("Lead Assigned", "2026-10-20 10:20", NONE), ("Outbound Call", "2026-10-20 10:40", NONE),
        ("Conversation", "2026-10-20 10:42", NONE),
        ("Field Update", "2026-10-20 12:00", {"insurance": "Commercial PPO"}),
        ("Lead Disposition", "2026-10-22 10:00", ACCEPT)]),
    ("LD-29010", "same consumer as LD-29001 ('+1 312 555 0142'), delivered again by partner-bravo "
     "10 days later: duplicate (not billable)",
     {"phone": "+1 312 555 0142", "partner": "partner-bravo"}, [
        ("Partner Delivery", "2026-10-29 15:00", NONE),
        ("Record Created", "2026-10-29 15:00", NONE),
        ("Lead Assigned", "2026-10-29 15:10", NONE),
        ("Lead Disposition", "2026-10-29 15:30", reject("Duplicate"))]),
    ("LD-29011", "rejected without a reason: rejection-documented breached", {}, [
        ("Partner Delivery", "2026-10-22 09:00", NONE),
        ("Record Created", "2026-10-22 09:01", NONE),
        ("Lead Assigned", "2026-10-22 09:10", NONE), ("Outbound Call", "2026-10-22 09:30", NONE),
        ("Conversation", "2026-10-22 09:31", NONE),
        ("Lead Disposition", "2026-10-22 10:00", {"disposition": "Rejected"})]),
    ("LD-29012", "partner said 'Unqualified', the health system accepted it anyway, without "
     "insurance: not in qualified-decision, accepted-billable breached",
     {"partner_status": "Unqualified", "insurance": "(No value)"}, [
        ("Partner Delivery", "2026-10-22 13:00", NONE),
        ("Record Created", "2026-10-22 13:01", NONE),
        ("Lead Assigned", "2026-10-22 13:05", NONE), ("Email Sent", "2026-10-22 13:30", NONE),
        ("Outbound Call", "2026-10-22 14:00", NONE), ("Conversation", "2026-10-22 14:02", NONE),
        ("Lead Disposition", "2026-10-22 15:00", ACCEPT)]),
    ("LD-29013", "partner-qualified, decided Thu 10:00 after a Mon 09:00 delivery: 2bd due Wed "
     "09:00, breached; decision-due-soon fires Tue 13:30",
     {"partner_status": "Qualified"}, [
        ("Partner Delivery", "2026-10-19 09:00", NONE),
        ("Record Created", "2026-10-19 09:00", NONE),
        ("Lead Assigned", "2026-10-19 09:20", NONE), ("Outbound Call", "2026-10-19 09:50", NONE),
        ("Outbound Call", "2026-10-20 10:00", NONE), ("Conversation", "2026-10-20 10:02", NONE),
        ("Lead Disposition", "2026-10-20 10:30", {"disposition": "Pending Review"}),
        ("Lead Disposition", "2026-10-22 10:00", ACCEPT)]),
    ("LD-29014", "partner-qualified, delivered Thu 11/12 10:00, undecided at the end (Fri 17:00):"
     " 16 of 18 business hours used; decision-due-soon fired", {"partner_status": "Qualified"}, [
        ("Partner Delivery", "2026-11-12 10:00", NONE),
        ("Record Created", "2026-11-12 10:00", NONE),
        ("Lead Assigned", "2026-11-12 10:10", NONE), ("Outbound Call", "2026-11-12 10:30", NONE),
        ("Conversation", "2026-11-12 10:31", NONE)]),
    ("LD-29015", "four outreach attempts without contact: unreachable-after-4 fires at the 4th "
     "(Wed 09:00) and the rejection comes 3h later: actioned", {}, [
        ("Partner Delivery", "2026-11-02 09:00", NONE),
        ("Record Created", "2026-11-02 09:01", NONE),
        ("Lead Assigned", "2026-11-02 09:10", NONE), ("Outbound Call", "2026-11-02 09:20", NONE),
        ("SMS Sent", "2026-11-02 09:21", NONE), ("Outbound Call", "2026-11-03 11:00", NONE),
        ("Outbound Call", "2026-11-04 09:00", NONE),
        ("Lead Disposition", "2026-11-04 12:00", reject("Invalid Phone"))]),
    ("LD-29016", "four attempts without contact and no decision: unreachable-after-4 not "
     "actioned", {}, [
        ("Partner Delivery", "2026-11-03 14:00", NONE),
        ("Record Created", "2026-11-03 14:00", NONE),
        ("Lead Assigned", "2026-11-03 14:05", NONE), ("Outbound Call", "2026-11-03 14:30", NONE),
        ("Outbound Call", "2026-11-04 10:00", NONE), ("Email Sent", "2026-11-04 10:01", NONE),
        ("Outbound Call", "2026-11-05 15:00", NONE)]),
    ("LD-29017", "assigned 50 business minutes after the record: time-to-assignment breached; "
     "first call at 70 minutes: speed-to-first-outreach breached", {}, [
        ("Partner Delivery", "2026-11-05 09:00", NONE),
        ("Record Created", "2026-11-05 09:00", NONE),
        ("Lead Assigned", "2026-11-05 09:50", NONE), ("Outbound Call", "2026-11-05 10:10", NONE),
        ("Conversation", "2026-11-05 10:12", NONE),
        ("Lead Disposition", "2026-11-05 11:00", reject("Out of Area"))]),
    ("LD-29018", "delivered 11:59 PM, recorded 12:04 AM the next day: 5 minutes, met at the "
     "budget", {}, [
        ("Partner Delivery", "2026-11-05 23:59", NONE),
        ("Record Created", "2026-11-06 00:04", NONE),
        ("Lead Assigned", "2026-11-06 08:03", NONE), ("Outbound Call", "2026-11-06 08:30", NONE),
        ("Conversation", "2026-11-06 08:33", NONE),
        ("Lead Disposition", "2026-11-06 09:00", ACCEPT)]),
    ("LD-29019", "its 'Outbound Call' row appears twice (an exact duplicate row)", {}, [
        ("Partner Delivery", "2026-11-09 10:00", NONE),
        ("Record Created", "2026-11-09 10:00", NONE),
        ("Lead Assigned", "2026-11-09 10:04", NONE), ("Outbound Call", "2026-11-09 10:20", NONE),
        ("Conversation", "2026-11-09 10:22", NONE),
        ("Lead Disposition", "2026-11-09 11:00", ACCEPT)]),
    ("LD-29020", "its first call is stamped '11/31/2026 09:15 AM' (no such date: skipped); the "
     "next call at 10:30 is the first outreach, breached (90 > 60)", {}, [
        ("Partner Delivery", "2026-11-10 09:00", NONE),
        ("Record Created", "2026-11-10 09:00", NONE),
        ("Lead Assigned", "2026-11-10 09:05", NONE), ("Outbound Call", "11/31/2026 09:15 AM", NONE),
        ("Outbound Call", "2026-11-10 10:30", NONE), ("Conversation", "2026-11-10 10:31", NONE),
        ("Lead Disposition", "2026-11-10 11:00", ACCEPT)]),
    ("LD-29021", "delivered 16:40 on the last day, no outreach by 17:00: 20 of 60 minutes, "
     "pending", {}, [
        ("Partner Delivery", "2026-11-13 16:40", NONE),
        ("Record Created", "2026-11-13 16:40", NONE),
        ("Lead Assigned", "2026-11-13 16:45", NONE)]),
    ("LD-29022", "delivered 16:10 on the last day, no outreach by 17:00: 50 of 60 minutes, "
     "at_risk (warn 75%)", {}, [
        ("Partner Delivery", "2026-11-13 16:10", NONE),
        ("Record Created", "2026-11-13 16:11", NONE),
        ("Lead Assigned", "2026-11-13 16:20", NONE)]),
    ("LD-29023", "holds the export's last row, 11/13/2026 05:00 PM (the default --as-of)", {}, [
        ("Partner Delivery", "2026-11-13 16:30", NONE),
        ("Record Created", "2026-11-13 16:30", NONE),
        ("Lead Assigned", "2026-11-13 16:35", NONE), ("Outbound Call", "2026-11-13 17:00", NONE)]),
]
DUPLICATED_ROWS = {("LD-29019", "Outbound Call")}
RESERVED_PHONES = {"3125550142", "4145550106"}


# --- calendar -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Calendar:
    """Weekday open hours in a zone with closed dates (enough for this example)."""

    zone: ZoneInfo
    hours: tuple[int, int]
    closed: frozenset[date]

    def spans_from(self, t: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Yield the open time at or after ``t``, span by span."""
        day = t.astimezone(self.zone).date()
        while True:
            if day.weekday() < 5 and day not in self.closed:
                s, e = (datetime(day.year, day.month, day.day, h, tzinfo=self.zone).astimezone(UTC)
                        for h in self.hours)
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


BUSINESS = Calendar(CHI, (8, 17), frozenset({date(2026, 11, 11)}))   # Veterans Day


# --- rows ---------------------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the export; ``at`` is the instant a reader will see (None: unparseable)."""

    lead: str
    event: str
    at: datetime | None
    stamp: str
    fields: dict[str, str]
    seq: int = 0


def cell(t: datetime) -> str:
    """Write an instant the way the CRM does: naive Chicago time, minutes only."""
    return t.astimezone(CHI).strftime(FORMAT)


def read(text: str) -> datetime | None:
    """Read a cell back as slakit will (naive Chicago time, fold=0); None if impossible."""
    try:
        return datetime.strptime(text, FORMAT).replace(tzinfo=CHI).astimezone(UTC)
    except ValueError:
        return None


def local(text: str) -> datetime:
    """Return the instant of a Chicago local "YYYY-MM-DD HH:MM"."""
    return datetime.fromisoformat(text).replace(tzinfo=CHI).astimezone(UTC)


class Phones:
    """Hand out distinct fictional phone numbers (NNN-555-01xx) in varied formats."""

    AREAS = ("312", "773", "872", "630", "847", "708", "414", "262", "317", "463")
    FORMATS = ("{a}-555-01{x}", "({a}) 555-01{x}", "+1 {a} 555 01{x}", "{a}55501{x}",
               "1-{a}-555-01{x}")

    def __init__(self, rng: random.Random) -> None:
        pool = [(a, f"{x:02d}") for a in self.AREAS for x in range(100)
                if f"{a}55501{x:02d}" not in RESERVED_PHONES]
        rng.shuffle(pool)
        self._pool = iter(pool)
        self._rng = rng

    def next(self) -> str:
        """Return a new number, formatted at random."""
        a, x = next(self._pool)
        return self._rng.choice(self.FORMATS).format(a=a, x=x)


# --- bulk simulation ----------------------------------------------------------------------------

def choose(rng: random.Random, table: Mapping[str, int]) -> str:
    """Return one key of a weighted table."""
    return rng.choices(list(table), list(table.values()))[0]


def delivery_time(rng: random.Random) -> datetime:
    """Return a delivery instant: partners deliver around the clock, most in the daytime."""
    days = [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    while True:
        day = rng.choices(days, [1.0 if d.weekday() < 5 else 0.7 for d in days])[0]
        r = rng.random()
        hour = rng.randrange(8, 20) if r < 0.6 else (
            rng.randrange(20, 24) if r < 0.85 else rng.randrange(0, 8))
        t = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=CHI)
        at = read(cell(t.astimezone(UTC)))
        if at is not None and at < CUTOFF - timedelta(minutes=10):
            return at


Steps = list[tuple[str, datetime, dict[str, str]]]


def simulate(rng: random.Random, lead: str, phones: Phones) -> Steps:
    """Return one random lead's steps as (activity, instant, fields)."""
    delivered = delivery_time(rng)
    partner = choose(rng, {"partner-alpha": 60, "partner-bravo": 40})
    insurance = choose(rng, {"Commercial PPO": 30, "Commercial HMO": 20, "Medicare Advantage": 20,
                             "Medicaid": 12, "Self-pay": 8, "N/A": 10})
    qualified = insurance not in ("Self-pay", "N/A") and rng.random() < 0.8
    fields = {
        "partner": partner,
        "channel": choose(rng, {"paid-search": 40, "social": 30, "display": 15,
                                "partner-call-center": 15}),
        "lead_type": choose(rng, {"consult_request": 70, "second_opinion": 15,
                                  "general_inquiry": 15}),
        "service_line": choose(rng, {"cardiology": 25, "orthopedics": 30, "oncology": 15,
                                     "bariatrics": 15, "neurology": 15}),
        "region": choose(rng, {"Chicago": 60, "Milwaukee": 25, "Indianapolis": 15}),
        "partner_status": "Qualified" if qualified else "Unqualified",
        "insurance": insurance,
        "consent": choose(rng, {"Y": 95, "N": 2, "(No value)": 3}),
        "phone": phones.next() if rng.random() < 0.94 else "N/A",
        "email": "",
    }
    if fields["phone"] == "N/A" or rng.random() < 0.6:
        fields["email"] = f"{lead.lower()}@example.org"
    if partner == "partner-bravo" and rng.random() < 0.06:
        fields["service_line"] = "(No value)"
    steps: Steps = [("Partner Delivery", delivered, fields)]
    if OUTAGE[0] <= delivered < OUTAGE[1]:
        recorded = OUTAGE[1] + timedelta(minutes=rng.randrange(3))
    else:
        r = rng.random()
        lag = 0 if r < 0.55 else (rng.randrange(1, 4) if r < 0.97 else rng.randrange(6, 41))
        recorded = delivered + timedelta(minutes=lag)
    steps.append(("Record Created", recorded, {}))
    busy = rng.random() < 0.1
    assigned = BUSINESS.add(recorded, rng.uniform(35, 120) if busy else rng.uniform(2, 25))
    steps.append(("Lead Assigned", assigned, {"team": TEAMS[fields["region"]]}))
    if rng.random() < 0.5:
        steps.append(("Lead Viewed", assigned + timedelta(minutes=rng.randrange(1, 8)), {}))
    if rng.random() < 0.03:
        reason = rng.choice(("Duplicate", "Out of Area"))
        steps.append(("Lead Disposition", BUSINESS.add(assigned, rng.uniform(5, 60)),
                      reject(reason)))
        return steps
    slow = rng.random() < 0.08
    t = max(BUSINESS.add(delivered, rng.uniform(65, 200) if slow else rng.uniform(8, 55)),
            assigned + timedelta(minutes=1))
    contact: datetime | None = None
    for attempt in range(5):
        kind = rng.choices(("Outbound Call", "SMS Sent", "Email Sent"), (75, 15, 10))[0]
        steps.append((kind, t, {}))
        if kind == "Outbound Call" and rng.random() < 0.6:
            contact = t + timedelta(minutes=rng.randrange(1, 5))
            steps.append(("Conversation", contact, {}))
            if rng.random() < 0.4:
                steps.append(("Note Added", contact + timedelta(minutes=rng.randrange(2, 15)), {}))
            break
        if attempt == 3:
            if rng.random() < 0.7:
                steps.append(("Lead Disposition",
                              t + timedelta(hours=rng.uniform(1, 20) if rng.random() < 0.8
                                            else rng.uniform(26, 60)), reject("Invalid Phone")))
            return steps
        t = BUSINESS.add(t, rng.uniform(60, 600))
    if contact is None:
        return steps
    if rng.random() < 0.05:
        steps.append(("Lead Disposition", BUSINESS.add(contact, rng.uniform(10, 120)),
                      {"disposition": "Pending Review"}))
    if rng.random() < 0.06:
        return steps
    late = rng.random() < 0.1
    decided = BUSINESS.add(contact, rng.uniform(1100, 2500) if late else rng.uniform(10, 400))
    accept = rng.random() < (0.8 if qualified else 0.35)
    if accept:
        outcome = dict(ACCEPT)
    else:
        outcome = reject(rng.choice(("Not Interested at Contact", "Out of Area", "No Insurance")))
        if rng.random() < 0.04:
            outcome.pop("rejection_reason")
    steps.append(("Lead Disposition", decided, outcome))
    return steps


# --- assembly -----------------------------------------------------------------------------------

def scenario_steps(phones: Phones) -> list[tuple[str, list[Row]]]:
    """Return the rows of every scenario lead."""
    out = []
    for lead, _why, given, steps in SCENARIOS:
        first = {"partner": "partner-alpha", "channel": "paid-search",
                 "lead_type": "consult_request", "service_line": "orthopedics",
                 "region": "Chicago", "partner_status": "Unqualified",
                 "insurance": "Commercial PPO", "consent": "Y", "phone": phones.next(),
                 "email": ""}
        first.update(given)
        rows = []
        for event, when, fields in steps:
            if "/" in when:
                at, stamp = read(when), when
            else:
                at = read(cell(local(when)))
                stamp = cell(local(when))
            extra = dict(fields)
            if event == "Partner Delivery":
                extra = {**first, **extra}
            if event == "Lead Assigned":
                extra["team"] = TEAMS[first["region"]]
            rows.append(Row(lead, event, at, stamp, extra))
        out.append((lead, rows))
    return out


def build() -> list[Row]:
    """Return every row in chronological order (ties in the order they happened)."""
    rng = random.Random(SEED)
    phones = Phones(rng)
    leads = scenario_steps(phones)
    for i in range(BULK_LEADS):
        lead = f"LD-{20001 + i}"
        rows = []
        for event, t, fields in simulate(rng, lead, phones):
            stamp = cell(t)
            rows.append(Row(lead, event, read(stamp), stamp, fields))
        leads.append((lead, rows))
    kept: list[Row] = []
    bad: list[Row] = []
    for _, rows in leads:
        for row in rows:
            if row.at is not None and row.at > CUTOFF:
                continue
            row.seq = len(kept) + len(bad)
            (kept if row.at is not None else bad).append(row)
            if (row.lead, row.event) in DUPLICATED_ROWS:
                kept.append(Row(row.lead, row.event, row.at, row.stamp, row.fields, row.seq))
    kept.sort(key=lambda r: (r.at, r.seq))
    for row in bad:
        kept.insert(next(i for i, r in enumerate(kept) if r.lead == row.lead) + 3, row)
    return kept


def main() -> None:
    """Write events.csv next to this script, newest activity first."""
    rows = build()
    with OUT.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for n, row in enumerate(reversed(rows)):
            values = {"activity_id": f"00T{len(rows) - n:07d}", "lead_id": row.lead,
                      "event": row.event, "timestamp": row.stamp,
                      "created_by": CREATED_BY.get(row.event, "intake-agent"), **row.fields}
            writer.writerow([values.get(name, "") for name in HEADERS.values()])


if __name__ == "__main__":
    main()
