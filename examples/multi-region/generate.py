"""Write events.csv, the synthetic CRM export for multi-region.sla.yaml.

Run ``python examples/multi-region/generate.py``: the output is byte-identical on every run
(a seeded ``random.Random``, no wall clock). Nobody in it is real: phones are in the fictional
555-0100..555-0199 range, emails end in @example.org, there are no names.

The export covers Mon 2026-03-02 to Fri 2026-04-03 18:00 America/New_York and is sorted by
instant. Every row carries a UTC offset: the team's own zone (east teams and the nurse line New
York, west teams Los Angeles, the night desk Chicago); lead_received rows are stamped in New
York time. ~330 random leads have ids MR-1xxxx; the scenarios below (MR-9xxxx) are hand-written
and tests may rely on them.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20260331
BULK_LEADS = 330
OUT = Path(__file__).with_name("events.csv")
COLUMNS = [
    "lead_id", "event", "timestamp", "channel", "lead_type", "service_line", "region", "team",
    "outcome", "reason_code", "next_step_date", "template", "phone", "email",
]
NY = ZoneInfo("America/New_York")
LA = ZoneInfo("America/Los_Angeles")
CHI = ZoneInfo("America/Chicago")
FIRST_DAY = date(2026, 3, 2)
LAST_DAY = date(2026, 4, 3)
CUTOFF = datetime(2026, 4, 3, 18, 0, tzinfo=NY).astimezone(UTC)

Step = tuple[str, str, Mapping[str, str]]
NONE: Mapping[str, str] = {}


def scheduled(day: str) -> dict[str, str]:
    """Return the fields of a scheduling outcome."""
    return {"outcome": "scheduled", "next_step_date": day}


# (id, why, lead_received fields, steps). A step's time is an ISO string with its offset
# (written as given) or "YYYY-MM-DD HH:MM" New York local (written with the New York offset).
SCENARIOS: list[tuple[str, str, Mapping[str, str], list[Step]]] = [
    ("MR-90001", "west lead on Cesar Chavez Day (CA holiday): after hours, 45m from Wed 07:30 "
     "PT; call 08:00 PT, met 30", {"region": "west"}, [
        ("lead_received", "2026-03-31T10:00:00-07:00", NONE),
        ("assigned", "2026-03-31T10:01:00-07:00", {"team": "west-intake"}),
        ("call_attempt", "2026-04-01T08:00:00-07:00", NONE),
        ("contacted", "2026-04-01T08:03:00-07:00", NONE),
        ("outcome", "2026-04-01T09:00:00-07:00", scheduled("2026-04-08"))]),
    ("MR-90002", "east lead the same day 10:00 ET: New York is open; call 10:10, met 10", {}, [
        ("lead_received", "2026-03-31 10:00", NONE),
        ("assigned", "2026-03-31 10:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-31 10:10", NONE), ("contacted", "2026-03-31 10:12", NONE),
        ("outcome", "2026-03-31 11:00", scheduled("2026-04-06"))]),
    ("MR-90003", "west lead at 19:00 ET = 16:00 PT, inside west hours: call 16:12 PT, met 12",
     {"region": "west"}, [
        ("lead_received", "2026-03-17 19:00", NONE),
        ("assigned", "2026-03-17T16:01:00-07:00", {"team": "west-intake"}),
        ("call_attempt", "2026-03-17T16:12:00-07:00", NONE),
        ("contacted", "2026-03-17T16:14:00-07:00", NONE),
        ("outcome", "2026-03-18T10:00:00-07:00", scheduled("2026-03-25"))]),
    ("MR-90004", "west lead in the 12:00-12:30 PT lunch gap (not after hours): 15m from 12:30; "
     "call 12:40 PT, met 10", {"region": "west", "service_line": "orthopedics"}, [
        ("lead_received", "2026-03-18T12:10:00-07:00", NONE),
        ("assigned", "2026-03-18T12:11:00-07:00", {"team": "west-ortho"}),
        ("call_attempt", "2026-03-18T12:40:00-07:00", NONE),
        ("contacted", "2026-03-18T12:41:00-07:00", NONE),
        ("outcome", "2026-03-18T13:30:00-07:00", scheduled("2026-03-30"))]),
    ("MR-90005", "after-hours line 22:30 ET = 21:30 CT, night desk open: triage 21:45 CT (met 15),"
     " first call 21:50 CT (breached 20)", {"channel": "after_hours_line"}, [
        ("lead_received", "2026-03-10 22:30", NONE),
        ("assigned", "2026-03-10T21:31:00-05:00", {"team": "night-desk"}),
        ("nurse_triage", "2026-03-10T21:45:00-05:00", NONE),
        ("call_attempt", "2026-03-10T21:50:00-05:00", NONE),
        ("contacted", "2026-03-10T21:51:00-05:00", NONE),
        ("outcome", "2026-03-11 10:00", scheduled("2026-03-16"))]),
    ("MR-90006", "after-hours line but oncology: rule 1 wins, nurse line 24x7; triage 23:10, "
     "call 23:12, met 12", {"channel": "after_hours_line", "service_line": "oncology"}, [
        ("lead_received", "2026-03-12 23:00", NONE),
        ("assigned", "2026-03-12 23:01", {"team": "nurse-navigators"}),
        ("nurse_triage", "2026-03-12 23:10", NONE), ("call_attempt", "2026-03-12 23:12", NONE),
        ("contacted", "2026-03-12 23:13", NONE),
        ("outcome", "2026-03-13 09:00", scheduled("2026-03-19"))]),
    ("MR-90007", "after-hours line at 07:30 CT, just after the desk closed: after hours, so "
     "both budgets run from 19:00 CT; triage 19:20 CT (met 20), first attempt (SMS) 19:25 CT "
     "(met 25), 12 wall hours later", {"channel": "after_hours_line"}, [
        ("lead_received", "2026-03-19 08:30", NONE),
        ("assigned", "2026-03-19T07:31:00-05:00", {"team": "night-desk"}),
        ("nurse_triage", "2026-03-19T19:20:00-05:00", NONE),
        ("sms_sent", "2026-03-19T19:25:00-05:00", {"template": "after-hours-callback-v1"}),
        ("call_attempt", "2026-03-19T19:40:00-05:00", NONE),
        ("contacted", "2026-03-19T19:41:00-05:00", NONE),
        ("outcome", "2026-03-20 09:00", scheduled("2026-03-26"))]),
    ("MR-90008", "night desk across the DST jump: 01:50 CST to 03:04 CDT is 14 real minutes of "
     "the Sat 19:00-Sun 07:00 shift, met 14", {"channel": "after_hours_line"}, [
        ("lead_received", "2026-03-08T01:50:00-06:00", NONE),
        ("assigned", "2026-03-08T01:51:00-06:00", {"team": "night-desk"}),
        ("nurse_triage", "2026-03-08T03:00:00-05:00", NONE),
        ("call_attempt", "2026-03-08T03:04:00-05:00", NONE),
        ("contacted", "2026-03-08T03:05:00-05:00", NONE),
        ("outcome", "2026-03-09 10:00", scheduled("2026-03-12"))]),
    ("MR-90009", "east lead Sat 17:00 EST after Saturday hours: 45m from Mon 08:00 EDT; call "
     "08:30, met 30", {}, [
        ("lead_received", "2026-03-07 17:00", NONE),
        ("assigned", "2026-03-07 17:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-09 08:30", NONE), ("contacted", "2026-03-09 08:31", NONE),
        ("outcome", "2026-03-09 09:00", scheduled("2026-03-13"))]),
    ("MR-90010", "west cardiology assigned to east-cardio: misrouted; call after 20 west-clinic "
     "minutes: breached",
     {"region": "west", "service_line": "cardiology"}, [
        ("lead_received", "2026-03-24 13:00", NONE),
        ("assigned", "2026-03-24 13:01", {"team": "east-cardio"}),
        ("call_attempt", "2026-03-24 13:20", NONE), ("contacted", "2026-03-24 13:21", NONE),
        ("outcome", "2026-03-25 10:00", scheduled("2026-04-01"))]),
    ("MR-90011", "after-hours line lead assigned to east-intake: misrouted; the day team calls "
     "at 08:10 ET, after the night desk's shift: breached (660 night-desk minutes); never "
     "triaged: after-hours-triage breached; unanswered-2h fires 22:00 CT",
     {"channel": "after_hours_line"}, [
        ("lead_received", "2026-03-25 21:00", NONE),
        ("assigned", "2026-03-25 21:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-26 08:10", NONE), ("contacted", "2026-03-26 08:11", NONE),
        ("outcome", "2026-03-26 09:00", scheduled("2026-04-02"))]),
    ("MR-90012", "region missing ('' on every row): the catch-all rule routes it to east-intake",
     {"region": "", "phone": "(415) 555-0112"}, [
        ("lead_received", "2026-03-26 11:00", NONE),
        ("assigned", "2026-03-26 11:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-26 11:05", NONE), ("contacted", "2026-03-26 11:06", NONE),
        ("outcome", "2026-03-26 12:00", scheduled("2026-04-02"))]),
    ("MR-90013", "west spine: matches the list in the west orthopedics and spine rule",
     {"region": "west", "service_line": "spine"}, [
        ("lead_received", "2026-03-27T09:00:00-07:00", NONE),
        ("assigned", "2026-03-27T09:01:00-07:00", {"team": "west-ortho"}),
        ("call_attempt", "2026-03-27T09:09:00-07:00", NONE),
        ("contacted", "2026-03-27T09:10:00-07:00", NONE),
        ("outcome", "2026-03-27T10:00:00-07:00", scheduled("2026-04-06"))]),
    ("MR-90014", "declined two days in: time-to-schedule cancelled", {}, [
        ("lead_received", "2026-03-16 10:00", NONE),
        ("assigned", "2026-03-16 10:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-16 10:05", NONE), ("contacted", "2026-03-16 10:06", NONE),
        ("outcome", "2026-03-18 10:00", {"outcome": "declined", "reason_code": "RC-COST"})]),
    ("MR-90015", "scheduled 4 business days in: time-to-schedule breached (3bd due Thu 10:00)",
     {}, [
        ("lead_received", "2026-03-23 10:00", NONE),
        ("assigned", "2026-03-23 10:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-23 10:05", NONE),
        ("call_attempt", "2026-03-25 10:00", NONE), ("contacted", "2026-03-25 10:01", NONE),
        ("outcome", "2026-03-27 10:00", scheduled("2026-04-03"))]),
    ("MR-90016", "east lead with no attempt: unanswered-2h fires at 12:00 ET; first call next "
     "day", {}, [
        ("lead_received", "2026-03-12 10:00", NONE),
        ("assigned", "2026-03-12 10:01", {"team": "east-intake"}),
        ("call_attempt", "2026-03-13 09:00", NONE), ("contacted", "2026-03-13 09:01", NONE),
        ("outcome", "2026-03-13 09:30", scheduled("2026-03-20"))]),
    ("MR-90017", "end of the export: west lead 14:47 PT, 13 of 15 minutes used at 18:00 ET: "
     "at_risk", {"region": "west"}, [
        ("lead_received", "2026-04-03T14:47:00-07:00", NONE),
        ("assigned", "2026-04-03T14:48:00-07:00", {"team": "west-intake"})]),
    ("MR-90018", "end of the export: west lead 14:50 PT, 10 minutes used: pending",
     {"region": "west"}, [
        ("lead_received", "2026-04-03T14:50:00-07:00", NONE),
        ("assigned", "2026-04-03T14:50:00-07:00", {"team": "west-intake"})]),
    ("MR-90019", "holds the export's last row, 2026-04-03T18:00:00-04:00 (the default "
     "--as-of); call at 10 minutes, met",
     {}, [
        ("lead_received", "2026-04-03 17:50", NONE),
        ("assigned", "2026-04-03 17:51", {"team": "east-intake"}),
        ("call_attempt", "2026-04-03 18:00", NONE)]),
]


# --- calendars ----------------------------------------------------------------------------------

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class Calendar:
    """Weekly open spans in a zone with closed dates, as LANGUAGE.md reads them."""

    zone: ZoneInfo
    weekly: Mapping[int, tuple[str, ...]]
    closed: frozenset[date] = frozenset()

    def day_spans(self, day: date) -> list[Span]:
        """Return the UTC spans that start on ``day`` (local)."""
        texts = () if day in self.closed else self.weekly.get(day.weekday(), ())
        spans = []
        for text in texts:
            a, b = text.split("-")
            end_day = day + timedelta(days=1) if (b <= a or b == "24:00") else day
            spans.append((self._at(day, a), self._at(end_day, "00:00" if b == "24:00" else b)))
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

    def after_hours(self, t: datetime) -> bool:
        """Tell whether ``t`` is outside its day's envelope (a lunch gap is not after hours)."""
        s, _ = next(self.spans_from(t))
        if s == t:
            return False
        spans = self.day_spans(t.astimezone(self.zone).date())
        return not spans or t < spans[0][0] or t >= spans[-1][1]


CALENDARS = {
    # US/NY has no holiday in range; US/CA closes on Cesar Chavez Day.
    "east-clinic": Calendar(NY, {**{d: ("08:00-18:00",) for d in range(5)}, 5: ("09:00-12:00",)}),
    "west-clinic": Calendar(LA, {d: ("07:30-12:00", "12:30-17:30") for d in range(5)},
                            frozenset({date(2026, 3, 31)})),
    "nurse-line": Calendar(NY, {d: ("00:00-24:00",) for d in range(7)}),
    "night-desk": Calendar(CHI, {d: ("19:00-07:00",) for d in range(7)}),
}
ZONES = {"east-clinic": NY, "west-clinic": LA, "nurse-line": NY, "night-desk": CHI}


def route(attrs: Mapping[str, str]) -> tuple[str, str]:
    """Return (team, calendar) by the document's routing rules."""
    line, region = attrs.get("service_line", ""), attrs.get("region", "")
    if line == "oncology":
        return "nurse-navigators", "nurse-line"
    if attrs.get("channel") == "after_hours_line":
        return "night-desk", "night-desk"
    if line == "cardiology" and region in ("west", "east"):
        return f"{region}-cardio", f"{region}-clinic"
    if line in ("orthopedics", "spine") and region == "west":
        return "west-ortho", "west-clinic"
    if region == "west":
        return "west-intake", "west-clinic"
    return "east-intake", "east-clinic"


# --- rows ---------------------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the export."""

    lead: str
    event: str
    at: datetime
    stamp: str
    fields: dict[str, str]
    seq: int = 0

    def cells(self) -> list[str]:
        """Return the CSV cells in COLUMNS order."""
        base = {"lead_id": self.lead, "event": self.event, "timestamp": self.stamp}
        return [base.get(c, self.fields.get(c, "")) for c in COLUMNS]


def stamp(t: datetime, zone: ZoneInfo) -> str:
    """Write an instant as ISO 8601 local time with its offset."""
    return t.astimezone(zone).isoformat(timespec="seconds")


class Phones:
    """Hand out distinct fictional phone numbers (NNN-555-01xx) in varied formats."""

    EAST = ("212", "617", "202", "305", "404", "646", "215")
    WEST = ("213", "310", "415", "206", "503", "619", "702")
    FORMATS = ("{a}-555-01{x}", "({a}) 555-01{x}", "+1 {a} 555 01{x}", "{a}.555.01{x}")

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._pools: dict[str, Iterator[tuple[str, str]]] = {}
        for coast, areas in (("east", self.EAST), ("west", self.WEST)):
            pool = [(a, f"{x:02d}") for a in areas for x in range(100) if f"{a}{x}" != "41512"]
            rng.shuffle(pool)
            self._pools[coast] = iter(pool)

    def next(self, region: str) -> str:
        """Return a new number with an area code of the lead's coast."""
        a, x = next(self._pools["west" if region == "west" else "east"])
        return self._rng.choice(self.FORMATS).format(a=a, x=x)


# --- bulk simulation ----------------------------------------------------------------------------

def choose(rng: random.Random, table: Mapping[str, int]) -> str:
    """Return one key of a weighted table."""
    return rng.choices(list(table), list(table.values()))[0]


def arrival(rng: random.Random, region: str) -> datetime:
    """Return an arrival instant, busiest in the lead's own local daytime."""
    zone = LA if region == "west" else NY
    days = [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    while True:
        day = rng.choices(days, [1.0 if d.weekday() < 5 else 0.4 for d in days])[0]
        r = rng.random()
        minute = rng.randrange(7 * 60, 19 * 60) if r < 0.75 else rng.randrange(24 * 60)
        t = datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                     rng.randrange(60), tzinfo=zone).astimezone(UTC)
        if t < CUTOFF - timedelta(minutes=10):
            return t


def simulate(rng: random.Random, lead: str, phones: Phones) -> list[Row]:
    """Return one random lead's rows."""
    region = choose(rng, {"east": 55, "west": 45})
    received = arrival(rng, region)
    attrs = {
        "lead_type": choose(rng, {"consult_request": 70, "referral": 20, "general_inquiry": 10}),
        "channel": choose(rng, {"form": 45, "phone": 35, "chat": 20}),
        "service_line": choose(rng, {"cardiology": 25, "oncology": 12, "orthopedics": 20,
                                     "spine": 8, "neurology": 15, "primary_care": 20}),
        "region": region,
    }
    team, cal_name = route(attrs)
    if attrs["channel"] == "phone" and CALENDARS[team_calendar(attrs)].after_hours(received):
        attrs["channel"] = "after_hours_line"
        team, cal_name = route(attrs)
    cal, zone = CALENDARS[cal_name], ZONES[cal_name]
    first = dict(attrs, phone=phones.next(region) if rng.random() < 0.93 else "", email="")
    if not first["phone"] or rng.random() < 0.5:
        first["email"] = f"{lead.lower()}@example.org"
    rows = [Row(lead, "lead_received", received, stamp(received, NY), first)]

    def add(event: str, t: datetime, fields: Mapping[str, str] = NONE) -> datetime:
        t = t.replace(microsecond=0)
        rows.append(Row(lead, event, t, stamp(t, zone), dict(fields)))
        return t

    assigned_team = team
    if rng.random() < 0.03:
        assigned_team = rng.choice(("east-intake", "west-intake", "east-cardio", "night-desk"))
    t = add("assigned", received + timedelta(seconds=rng.randrange(0, 120)),
            {"team": assigned_team})
    if cal.after_hours(received):
        delay = rng.uniform(2, 40) if rng.random() < 0.88 else rng.uniform(46, 180)
    else:
        delay = rng.uniform(0.5, 14) if rng.random() < 0.9 else rng.uniform(16, 140)
    if attrs["channel"] == "after_hours_line" or team == "nurse-navigators":
        triage = cal.add(received, delay * rng.uniform(0.3, 0.9))
        t = add("nurse_triage", max(triage, t + timedelta(minutes=1)))
    contact = None
    for k in range(4):
        at = max(cal.add(received, delay) if k == 0 else cal.add(t, rng.uniform(60, 480)),
                 t + timedelta(minutes=1))
        kind = "sms_sent" if rng.random() < 0.25 else "call_attempt"
        t = add(kind, at, {"template": "intake-intro-v2"} if kind == "sms_sent" else NONE)
        if kind == "call_attempt" and rng.random() < 0.7:
            contact = add("contacted", t + timedelta(minutes=rng.uniform(0.5, 5)))
            break
    if contact is None:
        if rng.random() < 0.6:
            add("outcome", cal.add(t, rng.uniform(30, 600)),
                {"outcome": "declined", "reason_code": "RC-UNREACHABLE"})
        return rows
    if rng.random() < 0.5:
        add("note_added", contact + timedelta(minutes=rng.uniform(1, 20)))
    if rng.random() < 0.1:
        return rows
    done = cal.add(contact, rng.uniform(10, 600) if rng.random() < 0.85
                   else rng.uniform(1800, 4000))
    value = choose(rng, {"scheduled": 70, "declined": 18, "not_qualified": 12})
    if value == "scheduled":
        day = done.astimezone(zone).date() + timedelta(days=rng.randint(2, 14))
        fields = {"outcome": value, "next_step_date": day.isoformat()}
    else:
        fields = {"outcome": value,
                  "reason_code": rng.choice(("RC-COST", "RC-TIMING", "RC-OUT-OF-NETWORK"))}
    add("outcome", done, fields)
    return rows


def team_calendar(attrs: Mapping[str, str]) -> str:
    """Return the calendar of the lead's daytime team (to tell whether its phone was answered)."""
    return route(dict(attrs, channel="phone"))[1]


# --- assembly -----------------------------------------------------------------------------------

def parse(when: str) -> tuple[datetime, str]:
    """Return (instant, cell) of a scenario time."""
    if "T" in when:
        return datetime.fromisoformat(when).astimezone(UTC), when
    t = datetime.fromisoformat(when).replace(tzinfo=NY)
    return t.astimezone(UTC), stamp(t, NY)


def build() -> list[Row]:
    """Return every row of the export, sorted by instant (ties in the order they happened)."""
    rng = random.Random(SEED)
    phones = Phones(rng)
    leads: list[list[Row]] = []
    for lead, _why, given, steps in SCENARIOS:
        first = {"lead_type": "consult_request", "channel": "form",
                 "service_line": "primary_care", "region": "east", "email": ""}
        first.update(given)
        first.setdefault("phone", phones.next(first["region"]))
        rows = []
        for i, (event, when, fields) in enumerate(steps):
            at, cell = parse(when)
            rows.append(Row(lead, event, at, cell, {**first, **fields} if i == 0 else dict(fields)))
        leads.append(rows)
    for i in range(BULK_LEADS):
        leads.append(simulate(rng, f"MR-{10001 + i}", phones))
    out = [row for rows in leads for row in rows if row.at <= CUTOFF]
    for n, row in enumerate(out):
        row.seq = n
    out.sort(key=lambda r: (r.at, r.seq))
    return out


def main() -> None:
    """Write events.csv next to this script."""
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(row.cells() for row in build())


if __name__ == "__main__":
    main()
