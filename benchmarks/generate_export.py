"""Write a large synthetic healthcare lead-event export for benchmarks.

    python benchmarks/generate_export.py --leads 1250000 --seed 1 --out /tmp/bench.csv.gz

The output depends only on ``--leads``, ``--seed``, ``--start`` and ``--days`` (and on the
``holidays`` package's US calendar): the same arguments give byte-identical files, ``.csv.gz``
included (gzip header without name or time). Leads are generated in fixed-size chunks with
numpy and written chunk by chunk with pyarrow's CSV writer, so memory stays flat.

What is in it, per lead (about 8 rows on average, grouped by lead, in time order):

* ``lead_received`` with channel, lead_type, service_line, region, phone, email. Arrivals are
  busiest in weekday business hours (America/New_York) but include evenings, nights, weekends
  and US holidays; over a year both DST changes fall inside.
* ``assigned`` (team), ``lead_viewed``, ``status_changed``, up to four outreach attempts
  (``call_attempt`` / ``sms_sent`` / ``email_sent``, sometimes a call and an SMS at the same
  instant), ``contacted``, ``note_added``, clinical review pairs, an ``outcome`` with
  reason_code or next_step_date, and now and then an ``update`` that supplies a missing phone.
  The first attempt follows a business-hours clock (Mon-Fri 08:00-18:00, US holidays), so
  benchmarks/one_target.sla.yaml finds a realistic mix of met and breached leads.

Messiness, at fixed small rates: phones in several formats from the fictional 555-0100..0199
range (so the same number recurs across leads: repeat inquiries), 5% of leads without a phone,
3% naive timestamps (New York local) and 2% in UTC, 0.1% exact duplicate rows, 0.3% of
adjacent rows swapped out of time order, and about 1 row in 100,000 with an impossible
timestamp or an empty lead id.
"""

from __future__ import annotations

import argparse
import gzip
import io
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ZONE = ZoneInfo("America/New_York")
CHUNK = 131_072
COLUMNS = ("lead_id", "event", "timestamp", "channel", "lead_type", "service_line", "region",
           "team", "outcome", "reason_code", "next_step_date", "template", "phone", "email")
EVENTS = ("lead_received", "assigned", "lead_viewed", "status_changed", "call_attempt",
          "sms_sent", "email_sent", "contacted", "note_added", "clinical_review_requested",
          "clinical_review_done", "outcome", "update")
EV = {name: i for i, name in enumerate(EVENTS)}
CHANNELS = (("form", 40), ("phone", 28), ("chat", 17), ("referral_portal", 10), ("fax", 5))
LEAD_TYPES = (("consult_request", 60), ("referral", 22), ("second_opinion", 10),
              ("general_inquiry", 8))
SERVICE_LINES = (("cardiology", 22), ("oncology", 12), ("orthopedics", 22), ("neurology", 12),
                 ("dermatology", 10), ("primary_care", 22))
REGIONS = (("east", 50), ("central", 25), ("west", 25))
TEAMS = ("inside-sales", "west-cardio", "nurse-navigators", "referral-desk")
OUTCOMES = (("consult_booked", 50), ("callback_scheduled", 15), ("not_interested", 20),
            ("not_qualified", 15))
REASONS = ("RC-COST", "RC-TIMING", "RC-WENT-ELSEWHERE", "RC-OUT-OF-NETWORK", "RC-NOT-COVERED")
TEMPLATES = (("consult-intro-v3", 55), ("consult-followup-v2", 38), ("promo-spring-2026", 5),
             ("general-info-v1", 2))
PHONE_FORMATS = ("{a}-555-01{x:02d}", "({a}) 555-01{x:02d}", "+1 {a} 555 01{x:02d}",
                 "{a}55501{x:02d}")
AREA_CODES = tuple(a for a in range(201, 990, 7) if a % 100 != 11)   # no N11 service codes
HOUR = 3600
DAY = 86_400
MARGIN_DAYS = 40                          # clocks and follow-ups may run past the last day

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Timeline:
    """Local-time tables for the export's period: offsets, open days, formatted strings."""

    base_local: int            # local seconds (as if UTC) of the first day's midnight
    offset_by_local_hour: IntArray
    base_utc_hour: int
    offset_by_utc_hour: IntArray
    open_day: BoolArray
    next_open: IntArray        # index of the next open day strictly after each day
    day_weight: npt.NDArray[np.float64]
    day_text: pa.Array         # "2026-01-01T"
    date_text: pa.Array        # "2026-01-01"

    @classmethod
    def build(cls, start: date, days: int) -> Timeline:
        """Tabulate ``days`` days from ``start`` (plus a margin) in America/New_York."""
        total = days + MARGIN_DAYS
        dates = [start + timedelta(days=i) for i in range(total)]
        base_local = int((datetime(start.year, start.month, start.day)
                          - datetime(1970, 1, 1)).total_seconds())
        local_offsets = []
        for d in dates:
            for h in range(24):
                off = datetime(d.year, d.month, d.day, h, tzinfo=ZONE).utcoffset()
                assert off is not None
                local_offsets.append(int(off.total_seconds()))
        base_utc_hour = (base_local - 14 * HOUR) // HOUR
        utc_offsets = []
        for h in range(total * 24 + 48):
            off = datetime.fromtimestamp((base_utc_hour + h) * HOUR, ZONE).utcoffset()
            assert off is not None
            utc_offsets.append(int(off.total_seconds()))
        years = sorted({d.year for d in dates})
        closed = holidays.country_holidays("US", years=years)
        open_day = np.array([d.weekday() < 5 and d not in closed for d in dates])
        next_open = np.zeros(total, dtype=np.int64)
        nxt = total + 7                    # beyond the table: never reached in practice
        for i in range(total - 1, -1, -1):
            next_open[i] = nxt
            if open_day[i]:
                nxt = i
        next_open = np.minimum(next_open, total - 1)
        weight = np.array([1.0 if d.weekday() < 5 else (0.45 if d.weekday() == 5 else 0.3)
                           for d in dates[:days]])
        weight[~open_day[:days] & (weight == 1.0)] = 0.5          # holidays are quieter
        return cls(base_local, np.array(local_offsets, dtype=np.int64), base_utc_hour,
                   np.array(utc_offsets, dtype=np.int64), open_day, next_open,
                   weight / weight.sum(), pa.array([f"{d.isoformat()}T" for d in dates]),
                   pa.array([d.isoformat() for d in dates]))

    def to_utc(self, local: IntArray) -> IntArray:
        """Return UTC seconds of local wall times (a skipped time takes the earlier offset)."""
        hour = np.clip((local - self.base_local) // HOUR, 0, len(self.offset_by_local_hour) - 1)
        return local - self.offset_by_local_hour[hour]

    def to_local(self, utc: IntArray) -> tuple[IntArray, IntArray]:
        """Return (local wall seconds, UTC offset in seconds) of UTC instants."""
        hour = np.clip(utc // HOUR - self.base_utc_hour, 0, len(self.offset_by_utc_hour) - 1)
        offset = self.offset_by_utc_hour[hour]
        return utc + offset, offset


PHONES = pa.array([fmt.format(a=a, x=x) for a in AREA_CODES for x in range(100)
                   for fmt in PHONE_FORMATS])
SECONDS_OF_DAY = pa.array([f"{s // HOUR:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
                           for s in range(DAY)])


def pick(rng: np.random.Generator, table: Sequence[tuple[str, int]], n: int) -> IntArray:
    """Return ``n`` indices into a weighted table."""
    weights = np.array([w for _, w in table], dtype=np.float64)
    return rng.choice(len(table), size=n, p=weights / weights.sum()).astype(np.int64)


def strings(values: Sequence[str] | pa.Array, codes: IntArray, present: BoolArray) -> pa.Array:
    """Return a string column: ``values[codes]`` where present, else empty."""
    indices = pa.array(np.where(present, codes, 0).astype(np.int32), mask=~present)
    dictionary = values if isinstance(values, pa.Array) else pa.array(values)
    return pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode()


def first_attempt_local(tl: Timeline, rng: np.random.Generator, local: IntArray) -> IntArray:
    """Return local times of a first attempt that follows a business-hours clock."""
    n = len(local)
    day = (local - tl.base_local) // DAY
    sod = local - tl.base_local - day * DAY
    open_day = tl.open_day[day]
    in_hours = open_day & (sod >= 8 * HOUR) & (sod < 18 * HOUR)
    early = open_day & (sod < 8 * HOUR)
    start_day = np.where(in_hours | early, day, tl.next_open[day])
    start = np.where(in_hours, local, tl.base_local + start_day * DAY + 8 * HOUR)
    quick = rng.random(n) < np.where(in_hours, 0.9, 0.86)
    fast = np.where(in_hours, rng.uniform(20, 14 * 60, n), rng.uniform(60, 18 * 60, n))
    slow = np.where(in_hours, rng.uniform(16 * 60, 120 * 60, n), rng.uniform(31 * 60, 180 * 60, n))
    attempt = start + np.where(quick, fast, slow).astype(np.int64)
    over = attempt - (tl.base_local + start_day * DAY + 18 * HOUR)
    later = tl.base_local + tl.next_open[start_day] * DAY + 8 * HOUR + over
    return np.where(over > 0, later, attempt)


def chunk_table(tl: Timeline, seed: int, chunk: int, first: int, n: int, days: int) -> pa.Table:
    """Return the rows of leads ``first .. first + n - 1`` as a table."""
    rng = np.random.default_rng([seed, chunk])
    # --- leads
    day = rng.choice(days, size=n, p=tl.day_weight).astype(np.int64)
    r = rng.random(n)
    minute = np.where(r < 0.74, rng.integers(8 * 60, 18 * 60 + 30, n),
                      np.where(r < 0.94, rng.integers(18 * 60 + 30, 23 * 60 + 30, n),
                               (23 * 60 + 30 + rng.integers(0, 8 * 60 + 30, n)) % (24 * 60)))
    local = tl.base_local + day * DAY + minute * 60 + rng.integers(0, 60, n)
    received = tl.to_utc(local)
    attempt1 = tl.to_utc(first_attempt_local(tl, rng, local))
    channel = pick(rng, CHANNELS, n)
    lead_type = pick(rng, LEAD_TYPES, n)
    service = pick(rng, SERVICE_LINES, n)
    region = pick(rng, REGIONS, n)
    team = np.where(lead_type == 1, 3, np.where(service == 1, 2, np.where(
        (service == 0) & (region == 2), 1, 0)))
    misrouted = rng.random(n) < 0.02
    team = np.where(misrouted, (team + 1) % len(TEAMS), team)
    phone_code = rng.integers(0, len(PHONES), n)
    no_phone = rng.random(n) < 0.05
    has_email = no_phone | (rng.random(n) < 0.6)
    updated = no_phone & (rng.random(n) < 0.4)

    # --- events: one slot per possible event, NEVER where absent
    never = np.iinfo(np.int64).max
    slots: list[tuple[int, IntArray, IntArray]] = []   # (slot kind, event code, time)

    def slot(kind: int, code: IntArray | int, at: IntArray, present: BoolArray) -> None:
        codes = np.broadcast_to(np.asarray(code, dtype=np.int64), (n,))
        slots.append((kind, codes, np.where(present, at, never)))

    def uniform(lo: float, hi: float) -> IntArray:
        return rng.uniform(lo, hi, n).astype(np.int64)

    everyone = np.ones(n, dtype=np.bool_)
    assigned = received + rng.choice([0, 0, 15, 40, 60, 90, 150], n)
    slot(0, EV["lead_received"], received, everyone)
    slot(1, EV["assigned"], assigned, rng.random(n) < 0.98)
    slot(2, EV["status_changed"], assigned, rng.random(n) < 0.9)
    slot(3, EV["lead_viewed"], assigned + uniform(30, 600), rng.random(n) < 0.7)
    slot(4, EV["update"], received + uniform(300, 3 * HOUR), updated)
    kinds = np.array([EV["call_attempt"], EV["sms_sent"], EV["email_sent"]])
    attempted = rng.random(n) < 0.97
    contact = np.full(n, never)
    prev = np.maximum(attempt1, assigned + uniform(10, 120))
    gaps = ((0, 0), (20 * 60, 4 * HOUR), (2 * HOUR, 30 * HOUR), (20 * HOUR, 72 * HOUR))
    for k, (lo, hi) in enumerate(gaps):
        at = prev + (uniform(lo, hi) if k else 0)
        kind = kinds[rng.choice(3, n, p=[0.7, 0.2, 0.1])]
        present = attempted & (contact == never) & (rng.random(n) < (1.0 if k == 0 else 0.8))
        slot(5 + k, kind, at, present)
        if k == 0:
            slot(9, EV["sms_sent"], at, present & (kind == EV["call_attempt"])
                 & (rng.random(n) < 0.2))
        reached = present & (kind == EV["call_attempt"]) & (rng.random(n) < 0.55)
        contact = np.where(reached, at + uniform(30, 360), contact)
        prev = np.where(present, at, prev)
    contacted = contact != never
    slot(10, EV["contacted"], contact, contacted)
    slot(11, EV["note_added"], contact + uniform(60, 1200), contacted & (rng.random(n) < 0.6))
    review = contacted & (rng.random(n) < 0.08)
    requested = contact + uniform(600, 3 * HOUR)
    review_done = requested + uniform(HOUR, 5 * DAY)
    slot(12, EV["clinical_review_requested"], requested, review)
    slot(13, EV["clinical_review_done"], review_done, review)
    resolved_at = np.where(review, review_done, contact) + uniform(600, 3 * DAY)
    resolved = contacted & (rng.random(n) < 0.85)
    slot(14, EV["outcome"], resolved_at, resolved)
    slot(15, EV["status_changed"], resolved_at, resolved & (rng.random(n) < 0.9))

    # --- rows: per lead, slots in time order (equal times keep slot order)
    times = np.stack([t for _, _, t in slots], axis=1)
    codes = np.stack([c for _, c, _ in slots], axis=1)
    kinds_by_slot = np.array([k for k, _, _ in slots])
    order = np.argsort(times, axis=1, kind="stable")
    times = np.take_along_axis(times, order, axis=1)
    codes = np.take_along_axis(codes, order, axis=1)
    slot_kind = kinds_by_slot[order]
    keep = times != never
    lead = np.broadcast_to(np.arange(n)[:, None], times.shape)[keep]
    at, code, kind_of_row = times[keep], codes[keep], slot_kind[keep]
    rows = len(at)

    # --- messiness: duplicate rows, swapped neighbours, malformed cells
    index = np.repeat(np.arange(rows), np.where(rng.random(rows) < 0.001, 2, 1))
    swappable = np.flatnonzero((lead[index[:-1]] == lead[index[1:]])
                               & (at[index[:-1]] != at[index[1:]]))
    swappable = swappable[swappable % 2 == 0]
    chosen = swappable[rng.random(len(swappable)) < 0.003]
    index[chosen], index[chosen + 1] = index[chosen + 1], index[chosen].copy()
    lead, at, code, kind_of_row = lead[index], at[index], code[index], kind_of_row[index]
    rows = len(at)

    # --- columns
    style = rng.choice(3, rows, p=[0.95, 0.03, 0.02])      # offset, naive, UTC
    local_at, offset = tl.to_local(at)
    shown = np.where(style == 2, at, local_at)
    day_index = np.clip((shown - tl.base_local) // DAY, 0, len(tl.day_text) - 1)
    suffix_code = np.where(style == 1, 3, np.where(style == 2, 2, (offset == -4 * HOUR)))
    timestamp = pc.binary_join_element_wise(
        strings(tl.day_text, day_index, np.ones(rows, dtype=np.bool_)),
        SECONDS_OF_DAY.take(pa.array(shown - tl.base_local - day_index * DAY)),
        strings(("-05:00", "-04:00", "+00:00", ""), suffix_code, np.ones(rows, np.bool_)), "")
    bad = rng.random(rows) < 1e-5
    timestamp = pc.if_else(pa.array(bad), pa.scalar("2026-02-30T25:00:00"), timestamp)
    number = pc.cast(pa.array(first + lead), pa.string())
    lead_id = pc.binary_join_element_wise("L", number, "")
    lead_id = pc.if_else(pa.array(rng.random(rows) < 5e-6), pa.scalar(""), lead_id)

    is_first = kind_of_row == 0
    is_message = (code == EV["sms_sent"]) | (code == EV["email_sent"])
    is_outcome = kind_of_row == 14
    out_code = pick(rng, OUTCOMES, n)[lead]
    lost = out_code >= 2
    documented = rng.random(rows) > 0.03
    step_day = np.clip((tl.to_local(at)[0] - tl.base_local) // DAY + rng.integers(2, 22, rows),
                       0, len(tl.date_text) - 1)
    phone_rows = (is_first & ~no_phone[lead]) | ((kind_of_row == 4) & updated[lead])
    email_rows = is_first & has_email[lead]
    email = pc.if_else(pa.array(email_rows),
                       pc.binary_join_element_wise("lead", number, "@example.org", ""),
                       pa.scalar(None, pa.string()))
    columns = {
        "lead_id": lead_id,
        "event": strings(EVENTS, code, np.ones(rows, dtype=np.bool_)),
        "timestamp": timestamp,
        "channel": strings([v for v, _ in CHANNELS], channel[lead], is_first),
        "lead_type": strings([v for v, _ in LEAD_TYPES], lead_type[lead], is_first),
        "service_line": strings([v for v, _ in SERVICE_LINES], service[lead], is_first),
        "region": strings([v for v, _ in REGIONS], region[lead], is_first),
        "team": strings(TEAMS, team[lead], kind_of_row == 1),
        "outcome": strings([v for v, _ in OUTCOMES], out_code, is_outcome),
        "reason_code": strings(REASONS, rng.integers(0, len(REASONS), rows),
                               is_outcome & lost & documented),
        "next_step_date": strings(tl.date_text, step_day,
                                  is_outcome & ~lost & documented),
        "template": strings([v for v, _ in TEMPLATES], pick(rng, TEMPLATES, rows), is_message),
        "phone": strings(PHONES, phone_code[lead], phone_rows),
        "email": email,
    }
    return pa.table([columns[c] for c in COLUMNS], names=list(COLUMNS))


def open_output(stack: ExitStack, path: Path) -> io.BufferedIOBase:
    """Open ``path`` for writing; ``.gz`` paths are gzip-compressed (no name, no time)."""
    raw = stack.enter_context(path.open("wb"))
    if path.suffix != ".gz":
        return raw
    return stack.enter_context(
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=3, mtime=0))


def generate(leads: int, seed: int, out: Path, start: date, days: int) -> int:
    """Write the export and return its number of rows."""
    tl = Timeline.build(start, days)
    options = pacsv.WriteOptions(quoting_style="none", quoting_header="none")
    total = 0
    with ExitStack() as stack:
        stream = open_output(stack, out)
        writer: pacsv.CSVWriter | None = None
        for chunk, first in enumerate(range(0, leads, CHUNK)):
            table = chunk_table(tl, seed, chunk, first + 1, min(CHUNK, leads - first), days)
            if writer is None:
                writer = pacsv.CSVWriter(stream, table.schema, write_options=options)
            writer.write_table(table)
            total += table.num_rows
        if writer is not None:
            writer.close()
    return total


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the command line and write the export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--leads", type=int, required=True, help="number of leads")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="output .csv or .csv.gz")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2026, 1, 1),
                        help="first day of arrivals (default 2026-01-01)")
    parser.add_argument("--days", type=int, default=365, help="days of arrivals (default 365)")
    args = parser.parse_args(argv)
    if args.leads < 1 or args.days < 1:
        parser.error("--leads and --days must be positive")
    rows = generate(args.leads, args.seed, args.out, args.start, args.days)
    print(f"{args.out}: {args.leads} leads, {rows} rows")


if __name__ == "__main__":
    main()
