"""Hypothesis: random small exports never break the row accounting or raise anything odd."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_helpers import check

from slakit.errors import InputError
from slakit.reader import ReadSpec, read_events

HEADER = ["lead_id", "event", "timestamp", "channel", "phone"]
junk = st.one_of(st.sampled_from(["", " ", "N/A", '"', ",", "\n", "garbage"]), st.text(max_size=8))
leads = st.sampled_from(["L1", "L2", " L3 ", "10", "9"]) | st.sampled_from(["L1", "L2"]) | junk
evs = st.sampled_from(["call", "sms", "Web Form"]) | st.just("call") | junk
times = st.one_of(
    st.sampled_from(
        ["2026-02-02T09:00:00Z", "2026-03-08 02:30", "2026-11-01T01:30", "1850-01-01",
         "9999-01-01T00:00Z", "2026-02-30", "2026-02-02T09:00:00+01:00", "02/02/2026 9:00 AM",
         "2026-02-02T04:00:00-05:00"]
    ),
    st.just("2026-02-02T09:00:00Z"),
    st.just("2026-02-02T09:00:00Z"),
    junk,
)  # fmt: skip
attrs = st.one_of(st.sampled_from(["web", "phone", ""]), junk)
phones = st.sampled_from(["312-555-0101", "p1@example.org", ""])
good_row = st.tuples(leads, evs, times, attrs, phones).map(list)
ragged_row = st.lists(st.one_of(leads, times), min_size=1, max_size=7)
rows = st.lists(st.one_of(good_row, good_row, good_row, ragged_row), max_size=12)


def _csv(header: list[str], body: list[list[str]], delimiter: str) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(body)
    return out.getvalue().encode("utf-8", errors="surrogatepass")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(rows, min_size=1, max_size=3),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["oldest-first", "newest-first"]),
    st.booleans(),
)
def test_accounting_holds(tmp_path: Path, files: list[list[list[str]]], delimiter: str,
                          order: str, formats: bool) -> None:  # fmt: skip
    paths = []
    for i, body in enumerate(files):
        p = tmp_path / f"f{i}.csv"
        try:
            p.write_bytes(_csv(HEADER, body, delimiter))
        except UnicodeEncodeError:
            return
        paths.append(p)
    spec = ReadSpec(
        attributes=("channel", "phone"),
        nulls=("", "N/A"),
        order=order,  # type: ignore[arg-type]
        timestamp_formats=("%m/%d/%Y %I:%M %p", "%Y-%m-%dT%H:%M:%SZ") if formats else (),
        timezone="America/New_York",
    )
    try:
        table = read_events(paths, spec)
    except InputError:
        return
    check(table)
    assert len(table) > 0
    for f in table.findings:
        assert "555-0101" not in f.message and "example.org" not in f.message
