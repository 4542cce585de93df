"""Hand-worked outcome mix, aging buckets and trend periods (issue 9), through the library API.

Calendar "office": Mon-Fri 09:00-17:00 America/New_York, US holidays (Fri 2026-12-25 is
Christmas). As of Wed 2026-12-30 12:00. Aging buckets [0,1bd) [1bd,3bd) [3bd,7bd) [7bd,...),
measured from each open lead's first event with the `Nbd` rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import slakit

DOC = """\
slakit: 1
name: audiences
timezone: America/New_York
calendars:
  office:
    hours: {mon-fri: "09:00-17:00"}
    holidays: {country: US}
definitions:
  received: {event: inquiry}
  done:
    event: outcome
    where: {outcome: [booked, declined, unqualified, wrong_number]}
closed: done
routing:
  rules:
    - {name: everyone, team: desk, calendar: office}
targets:
  - {id: answer, start: received, stop: call, within: 24h, calendar: 24x7}
outcomes:
  field: outcome
  values: {booked: won, callback: open, declined: lost, unqualified: lost}
  reason: reason_code
report:
  by: [channel]
  aging: [1bd, 3bd, 7bd]
"""

ROWS = [
    # Aging leads (never closed).
    # A1 Wed 12-30 09:00: 1bd boundary Thu 12-31 09:00 > as-of              -> 0-1bd
    ("A1", "inquiry", "2026-12-30T09:00:00", "web", "", ""),
    # A2 Tue 12-29 12:00: 1bd = Wed 12-30 12:00 == as-of (a boundary belongs
    #    to the later bucket); open days Wed 30, Thu 31, (Fri 01-01 New Year's
    #    Day, closed), Mon 01-04, so 3bd = Mon 01-04 12:00 > as-of           -> 1bd-3bd
    ("A2", "inquiry", "2026-12-29T12:00:00", "web", "", ""),
    # A3 Tue 12-29 12:01: 1bd = Wed 12-30 12:01 > as-of                      -> 0-1bd
    ("A3", "inquiry", "2026-12-29T12:01:00", "phone", "", ""),
    # A5 Thu 12-24 13:00: open days after Thu: (Fri 25 holiday) Mon 28, Tue 29,
    #    Wed 30 -> 3bd = Wed 12-30 13:00 > as-of 12:00                       -> 1bd-3bd
    #    (without the holiday 3bd would be Tue 12-29 13:00, bucket 3bd-7bd)
    ("A5", "inquiry", "2026-12-24T13:00:00", "phone", "", ""),
    # A7 Fri 12-18 09:00: Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25), Mon 28,
    #    Tue 29, Wed 30 -> 7bd = Wed 12-30 09:00 <= as-of                    -> 7bd+
    ("A7", "inquiry", "2026-12-18T09:00:00", "web", "", ""),
    # Outcome leads (closed, so not aged).
    ("B1", "inquiry", "2026-12-21T10:00:00", "web", "", ""),
    ("B1", "outcome", "2026-12-21T11:00:00", "", "booked", ""),
    ("B2", "inquiry", "2026-12-21T10:00:00", "web", "", ""),
    ("B2", "outcome", "2026-12-21T11:00:00", "", "declined", "R1"),
    # B3: last non-empty outcome is `unqualified`, last reason R2
    ("B3", "inquiry", "2026-12-21T10:00:00", "phone", "", ""),
    ("B3", "outcome", "2026-12-21T11:00:00", "", "declined", "R1"),
    ("B3", "outcome", "2026-12-22T11:00:00", "", "unqualified", "R2"),
    # B4: a value the document does not map: counted as a value, not won/open/lost
    ("B4", "inquiry", "2026-12-21T10:00:00", "phone", "", ""),
    ("B4", "outcome", "2026-12-21T11:00:00", "", "wrong_number", ""),
    # Sets as-of (a row of a lead that is itself closed).
    ("B4", "note", "2026-12-30T12:00:00", "", "", ""),
]


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    doc = tmp_path / "audiences.sla.yaml"
    doc.write_text(DOC, encoding="utf-8")
    events = tmp_path / "events.csv"
    lines = ["lead_id,event,timestamp,channel,outcome,reason_code"]
    lines += [",".join(row) for row in ROWS]
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return doc, events


def test_aging_buckets(files: tuple[Path, Path]) -> None:
    doc, events = files
    report = slakit.evaluate(doc, [events]).report
    assert report.aging_buckets == ("0-1bd", "1bd-3bd", "3bd-7bd", "7bd+")
    (desk,) = report.aging
    assert desk.team == "desk"
    assert desk.counts == (2, 2, 0, 1)  # A1 A3 | A2 A5 | - | A7
    assert desk.oldest[0] == "A7"  # oldest first, by first event
    assert set(desk.oldest) == {"A1", "A2", "A3", "A5", "A7"}


def test_aging_per_segment(files: tuple[Path, Path]) -> None:
    # Issue 9: aging per team and segment. report.by is [channel]: web A1 A2 A7, phone A3 A5.
    doc, events = files
    for engine in ("columnar", "reference"):
        report = slakit.evaluate(doc, [events], engine=engine).report
        rows = {a.key: (a.counts, a.oldest) for a in report.aging_segments}
        assert rows == {
            (("channel", "phone"),): ((1, 1, 0, 0), ("A5", "A3")),  # A3 | A5; A5 is older
            (("channel", "web"),): ((1, 1, 0, 1), ("A7", "A2", "A1")),  # A1 | A2 | - | A7
        }, engine
        assert [a.key for a in report.aging_segments] == sorted(rows)  # in key order
        data = report.to_dict()["aging"]["segments"]
        assert data[1] == {"key": {"channel": "web"}, "counts": [1, 1, 0, 1],
                           "oldest": ["A7", "A2", "A1"]}


def test_outcome_mix(files: tuple[Path, Path]) -> None:
    doc, events = files
    mix = slakit.evaluate(doc, [events]).report.outcomes_overall
    assert mix is not None
    assert (mix.won, mix.open, mix.lost) == (1, 0, 2)  # B1 | - | B2 B3
    assert mix.values == {"booked": 1, "declined": 1, "unqualified": 1, "wrong_number": 1}
    assert mix.lost_reasons == {"R1": 1, "R2": 1}  # B2's R1, B3's last reason R2


def test_outcome_mix_per_segment(files: tuple[Path, Path]) -> None:
    doc, events = files
    segments = dict(slakit.evaluate(doc, [events]).report.outcomes_segments)
    web = segments[(("channel", "web"),)]
    phone = segments[(("channel", "phone"),)]
    assert (web.won, web.lost) == (1, 1)  # B1 booked, B2 declined
    assert (phone.won, phone.lost) == (0, 1)  # B3 unqualified (B4 unmapped)


TREND_DOC = """\
slakit: 1
name: trend
timezone: America/New_York
targets:
  - {id: answer, start: inquiry, stop: call, within: 1h}
"""

# All on 24x7 (no routing). ISO weeks: Thu 2026-12-31 and Fri 2027-01-01 are in 2026-W53
# (2026 starts on a Thursday, so it has 53 ISO weeks); Mon 2027-01-04 starts 2027-W01.
TREND_ROWS = [
    ("T1", "inquiry", "2026-12-31T10:00:00"), ("T1", "call", "2026-12-31T10:30:00"),  # met
    ("T2", "inquiry", "2027-01-01T10:00:00"), ("T2", "call", "2027-01-01T12:00:00"),  # breached
    ("T3", "inquiry", "2027-01-04T10:00:00"), ("T3", "call", "2027-01-04T10:10:00"),  # met
    # 23:30 local on Sun 2027-01-03 is 04:30 UTC on Monday: the local date decides (2026-W53)
    ("T4", "inquiry", "2027-01-03T23:30:00"), ("T4", "call", "2027-01-03T23:40:00"),  # met
]


def _trend(tmp_path: Path, period: str) -> list[tuple[str, int, int]]:
    doc = tmp_path / "trend.sla.yaml"
    doc.write_text(TREND_DOC, encoding="utf-8")
    events = tmp_path / "trend.csv"
    events.write_text(
        "lead_id,event,timestamp\n" + "\n".join(",".join(r) for r in TREND_ROWS) + "\n",
        encoding="utf-8",
    )
    (target,) = slakit.evaluate(doc, [events], period=period).report.targets
    return [(r.period, r.met, r.breached) for r in target.trend]


def test_trend_iso_weeks_across_the_year_boundary(tmp_path: Path) -> None:
    assert _trend(tmp_path, "week") == [("2026-W53", 2, 1), ("2027-W01", 1, 0)]


def test_trend_months(tmp_path: Path) -> None:
    assert _trend(tmp_path, "month") == [("2026-12", 1, 0), ("2027-01", 2, 1)]
