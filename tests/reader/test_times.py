"""Timestamps: ISO 8601 forms, offsets, naive times across DST, strftime lists, plausibility."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reader_helpers import Write, events, read

from slakit.reader.patterns import compile_patterns
from slakit.reader.timeparse import EMPTY, IMPLAUSIBLE, OK, UNPARSEABLE, parse_timestamps
from slakit.reader.tz import local_to_utc

NY = ZoneInfo("America/New_York")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def us(dt: datetime) -> int:
    """Return an aware datetime as epoch microseconds."""
    return (dt - EPOCH) // timedelta(microseconds=1)


def parse(
    values: list[str | None], formats: tuple[str, ...] = (), zone: str = "UTC", fast: bool = True
):  # type: ignore[no-untyped-def]
    ts, status = parse_timestamps(
        pa.array(values, pa.string()), compile_patterns(formats), ZoneInfo(zone), fast=fast
    )
    return ts.tolist(), status.tolist()


def utc(*args: int) -> int:
    return us(datetime(*args, tzinfo=UTC))  # type: ignore[misc]


ISO_CASES = [
    ("2026-02-02T09:00:00Z", utc(2026, 2, 2, 9)),
    ("2026-02-02t09:00:00z", utc(2026, 2, 2, 9)),
    ("2026-02-02 09:00:00Z", utc(2026, 2, 2, 9)),
    ("2026-02-02T09:00Z", utc(2026, 2, 2, 9)),
    ("2026-02-02T09Z", utc(2026, 2, 2, 9)),
    ("2026-02-02T09:00:00+01:00", utc(2026, 2, 2, 8)),
    ("2026-02-02T09:00:00+0100", utc(2026, 2, 2, 8)),
    ("2026-02-02T09:00:00+01", utc(2026, 2, 2, 8)),
    ("2026-02-02T09:00:00-05:30", utc(2026, 2, 2, 14, 30)),
    ("2026-02-02T09:00:00.5Z", utc(2026, 2, 2, 9) + 500_000),
    ("2026-02-02T09:00:00,25Z", utc(2026, 2, 2, 9) + 250_000),
    ("2026-02-02T09:00:00.123456789Z", utc(2026, 2, 2, 9) + 123_456),
    ("20260202T090000Z", utc(2026, 2, 2, 9)),
    ("2026-02-02", utc(2026, 2, 2)),
    ("2026-02-02T09:00", utc(2026, 2, 2, 9)),
    ("2024-02-29T00:00:00Z", utc(2024, 2, 29)),
]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(("text", "expected"), ISO_CASES)
def test_iso_forms(text: str, expected: int, fast: bool) -> None:
    assert parse([text], fast=fast) == ([expected], [OK])


BAD = [
    "2026-02-30T09:00:00Z",
    "2025-02-29",
    "2026-13-01",
    "2026-02-02T24:00",
    "2026-02-02T09:60",
    "2026-02-02T09:00:00+25:00",
    "2026-2-2",
    "02/02/2026",
    "yesterday",
    "2026-02-02T09:00:00 Z",
    "２０２６-02-02",
    "2026-02-02T09:00:00Z" + "0" * 60,
]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("text", BAD)
def test_iso_rejects(text: str, fast: bool) -> None:
    assert parse([text], fast=fast)[1] == [UNPARSEABLE]


@pytest.mark.parametrize("fast", [True, False])
def test_plausible_years(fast: bool) -> None:
    values = ["1850-01-01T00:00Z", "9999-12-31T23:59Z", "1900-01-01", "2199-12-31T23:59:59", None]
    assert parse(values, fast=fast)[1] == [IMPLAUSIBLE, IMPLAUSIBLE, OK, OK, EMPTY]


def test_mixed_offsets_and_naive_in_one_file(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\n"
        "L1,a,2026-03-29T01:30:00+01:00\n"
        "L1,b,2026-03-29T03:30:00+02:00\n"
        "L1,c,2026-03-29T00:45:00Z\n"
        "L1,d,2026-03-29 04:00\n",
    )
    t = read([p], timezone="Europe/Rome")
    assert events(t) == [
        ("L1", "a", "2026-03-29T00:30:00Z"),
        ("L1", "c", "2026-03-29T00:45:00Z"),
        ("L1", "b", "2026-03-29T01:30:00Z"),
        ("L1", "d", "2026-03-29T02:00:00Z"),
    ]


def test_naive_new_york_spring_forward_and_fall_back() -> None:
    values = [
        "2026-03-08T01:59:59",  # EST
        "2026-03-08T02:00:00",  # skipped: offset before the change (EST) -> 03:00 EDT
        "2026-03-08T02:30:00",  # skipped -> 03:30 EDT
        "2026-03-08T03:00:00",  # EDT
        "2026-11-01T00:59:59",  # EDT
        "2026-11-01T01:30:00",  # repeated: first occurrence (EDT)
        "2026-11-01T02:00:00",  # EST
    ]
    got, status = parse(values, zone="America/New_York")
    assert status == [OK] * len(values)
    assert got == [
        utc(2026, 3, 8, 6, 59, 59),
        utc(2026, 3, 8, 7),
        utc(2026, 3, 8, 7, 30),
        utc(2026, 3, 8, 7),
        utc(2026, 11, 1, 4, 59, 59),
        utc(2026, 11, 1, 5, 30),
        utc(2026, 11, 1, 7),
    ]


def test_strftime_list_tried_in_order() -> None:
    formats = ("%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M:%S", "%d %b %Y")
    values = [
        "3/5/2026 9:05 AM",
        "12/25/2026 12:00 pm",
        "2026-03-05 21:05:00",
        "5 Jan 2026",
        "13/1/2026 1:00 AM",
        "2026-03-05T21:05:00",
    ]
    got, status = parse(values, formats, zone="America/New_York")
    assert status == [OK, OK, OK, OK, UNPARSEABLE, UNPARSEABLE]
    assert got[:4] == [
        utc(2026, 3, 5, 14, 5),
        utc(2026, 12, 25, 17),
        utc(2026, 3, 6, 2, 5),
        utc(2026, 1, 5, 5),
    ]


def test_strftime_falls_through_on_invalid_fields() -> None:
    # Day-first values that are invalid month-first fall through to the second format.
    got, status = parse(["13/01/2026", "01/02/2026"], ("%m/%d/%Y", "%d/%m/%Y"))
    assert status == [OK, OK]
    assert got == [utc(2026, 1, 13), utc(2026, 1, 2)]


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("%Y/%m/%d %H:%M:%S.%f", "2012/10/09 14:50:17.000", utc(2012, 10, 9, 14, 50, 17)),
        ("%Y/%m/%d %H:%M:%S.%f", "2012/10/09 14:50:17.25", utc(2012, 10, 9, 14, 50, 17) + 250_000),
        ("%d.%m.%y %H:%M", "05.01.26 07:00", utc(2026, 1, 5, 7)),
        ("%d.%m.%y", "05.01.69", utc(1969, 1, 5)),
        ("%B %d, %Y", "January 5, 2026", utc(2026, 1, 5)),
        ("%a %b %d %H:%M:%S %Y", "Mon Jan 05 07:00:00 2026", utc(2026, 1, 5, 7)),
        ("%Y-%m-%dT%H:%M:%S%z", "2026-01-05T07:00:00-0500", utc(2026, 1, 5, 12)),
        ("%Y-%m-%d %H:%M:%S %Z", "2026-01-05 07:00:00 UTC", utc(2026, 1, 5, 7)),
        ("%Y-%j", "2026-032", utc(2026, 2, 1)),
        ("%F %T", "2026-01-05 07:00:00", utc(2026, 1, 5, 7)),
        ("%Y%m%d", "20260105", utc(2026, 1, 5)),
        ("%m/%d/%Y  %H:%M", "01/05/2026 07:00", utc(2026, 1, 5, 7)),
    ],
)
def test_strftime_directives(fmt: str, text: str, expected: int) -> None:
    assert parse([text], (fmt,)) == ([expected], [OK])


def test_strftime_in_file(write: Write) -> None:
    p = write(
        "a.csv",
        "Case ID,Activity,Complete Timestamp\n"
        "C1,Open,2012/10/09 14:50:17.000\nC1,Close,2012/10/09 x\n",
    )
    t = read(
        [p],
        columns={"lead_id": "Case ID", "event": "Activity", "timestamp": "Complete Timestamp"},
        timestamp_formats=("%Y/%m/%d %H:%M:%S.%f",),
        timezone="Europe/Rome",
    )
    assert events(t) == [("C1", "Open", "2012-10-09T12:50:17Z")]
    assert "'%Y/%m/%d %H:%M:%S.%f'" in t.findings[0].message


# --- properties -------------------------------------------------------------------------

ZONES = [
    "America/New_York",
    "Europe/Rome",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "UTC",
    "America/Santiago",
]
local_times = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2199, 12, 31, 23, 59, 59)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(local_times, min_size=1, max_size=20), st.sampled_from(ZONES))
@example([datetime(2026, 3, 8, 2, 30)], "America/New_York")
@example([datetime(2026, 10, 4, 2, 15)], "Australia/Lord_Howe")
@example([datetime(2016, 10, 2, 2, 0, fold=1)], "Australia/Lord_Howe")
def test_local_to_utc_matches_zoneinfo_fold0(dts: list[datetime], zone: str) -> None:
    z = ZoneInfo(zone)
    local = np.array([us(d.replace(tzinfo=UTC)) for d in dts], dtype=np.int64)
    # fold=0 whatever Hypothesis drew: a naive export time carries no fold (it drew fold=1
    # for a Lord Howe gap time, and zoneinfo then gave the later offset)
    expected = [us(d.replace(tzinfo=z, fold=0)) for d in dts]
    assert local_to_utc(local, z).tolist() == expected


def test_local_to_utc_from_two_threads_at_once() -> None:
    """The reader parses times on its own thread while the main one may convert too: the
    shared per-zone table grows under a lock, and every answer is zoneinfo's."""
    import random
    import threading

    z = ZoneInfo("Europe/Lisbon")  # a zone no other test here uses: its table starts empty
    rng = random.Random(7)
    spans = [[datetime(1900 + 10 * k + rng.randrange(10), 1, 1) + timedelta(
        minutes=rng.randrange(60 * 24 * 366)) for _ in range(400)] for k in range(30)]
    wrong: list[str] = []

    def convert(part: int) -> None:
        for k in range(part, len(spans), 2):  # the two threads take turns through the centuries
            dts = spans[k]
            local = np.array([us(d.replace(tzinfo=UTC)) for d in dts], dtype=np.int64)
            expected = [us(d.replace(tzinfo=z)) for d in dts]
            try:
                if local_to_utc(local, z).tolist() != expected:
                    wrong.append(f"span {k}: wrong instants")
            except Exception as e:  # a thread's exception would not fail the test by itself
                wrong.append(f"span {k}: {e!r}")

    threads = [threading.Thread(target=convert, args=(p,)) for p in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%d/%m/%y %H:%M",
    "%Y/%m/%d %H:%M:%S.%f",
    "%d %b %Y %H:%M",
    "%B %d %Y",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(local_times, min_size=1, max_size=10), st.sampled_from(FORMATS), st.sampled_from(ZONES)
)
def test_strftime_round_trip_matches_python(dts: list[datetime], fmt: str, zone: str) -> None:
    z = ZoneInfo(zone)
    texts = [d.strftime(fmt) for d in dts]
    got, status = parse(list(texts), (fmt,), zone)  # type: ignore[arg-type]
    for text, g, s in zip(texts, got, status, strict=True):
        ref = datetime.strptime(text, fmt).replace(tzinfo=z)
        if 1900 <= ref.year <= 2199:
            assert (s, g) == (OK, us(ref)), text
        else:
            assert s == IMPLAUSIBLE


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)),
        min_size=1,
        max_size=10,
    ),
    st.lists(st.integers(-14 * 60, 14 * 60), min_size=1, max_size=10),
    st.sampled_from(["T", " "]),
    st.booleans(),
)
def test_iso_with_offsets_matches_fromisoformat(
    dts: list[datetime], offs: list[int], sep: str, micro: bool
) -> None:
    from datetime import timezone

    texts = []
    for i, d in enumerate(dts):
        d = d.replace(microsecond=d.microsecond if micro else 0)
        tz = timezone(timedelta(minutes=offs[i % len(offs)]))
        texts.append(d.replace(tzinfo=tz).isoformat(sep=sep))
    expected = [us(datetime.fromisoformat(t)) for t in texts]
    for fast in (True, False):
        got, status = parse(list(texts), fast=fast)  # type: ignore[arg-type]
        assert status == [OK] * len(texts)
        assert got == expected


timestampish = st.text(alphabet="0123456789-:T Z+./,tAPMJanFeb", max_size=30)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(timestampish, st.none(), st.sampled_from([t for t, _ in ISO_CASES])),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([(), ("%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M")]),
)
def test_batch_equals_one_by_one(values: list[str | None], formats: tuple[str, ...]) -> None:
    """Grouping by shape never changes a value's result: a batch parses like singletons."""
    got = parse(values, formats, "America/New_York")
    alone = [parse([v], formats, "America/New_York") for v in values]
    assert got[1] == [a[1][0] for a in alone]
    assert [g for g, s in zip(got[0], got[1], strict=True) if s == OK] == [
        a[0][0] for a in alone if a[1][0] == OK
    ]
    slow = parse(values, formats, "America/New_York", fast=False)
    assert slow[1] == got[1]


def test_zone_abbreviations_are_read_row_by_row() -> None:
    """%Z: UTC and the US zones by their offset, each row its own (rows of one shape used to
    share the first row's reading); an unknown or ambiguous abbreviation is unreadable."""
    values = ["03/02/2026 09:00 EST", "03/02/2026 09:30 PST", "03/02/2026 09:00 UTC",
              "03/02/2026 09:00 edt", "03/02/2026 09:00 XYZ", "03/02/2026 09:00 IST",
              "03/02/2026 09:00 AKST"]
    ts, status = parse(values, ("%m/%d/%Y %H:%M %Z",), zone="America/Chicago")
    assert ts[:4] == [utc(2026, 3, 2, 14), utc(2026, 3, 2, 17, 30), utc(2026, 3, 2, 9),
                      utc(2026, 3, 2, 13)]
    assert status == [OK, OK, OK, OK, UNPARSEABLE, UNPARSEABLE, OK]
    assert ts[6] == utc(2026, 3, 2, 18)
