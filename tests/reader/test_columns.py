"""Columns and files: missing columns with did-you-mean, empty inputs, unreadable paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import Write, attr, codes, read

from slakit.errors import InputError
from slakit.reader import sources
from slakit.reader.columns import did_you_mean

GOOD = "lead_id,event,timestamp,channel\nL1,call,2026-02-02T09:00:00Z,web\n"


def test_missing_required_column_everywhere(write: Write) -> None:
    p = write("a.csv", "Lead ID,event,timestamp\nL1,call,2026-02-02T09:00:00Z\n")
    with pytest.raises(InputError) as e:
        read([p])
    msg = str(e.value)
    assert "'lead_id' (lead_id) is in no input file" in msg
    assert "did you mean 'Lead ID'?" in msg
    assert "Headers found: 'Lead ID', 'event', 'timestamp'" in msg
    assert "source.columns" in msg


def test_a_typo_of_a_mapped_name_suggests_the_name(write: Write) -> None:
    # `region` is read from "Region Name": a document writing `regoin` means `region`, and the
    # header alone would not be suggested ("Region Name" is far from "regoin").
    p = write("a.csv", "lead_id,event,timestamp,Region Name\nL1,call,2026-02-02T09:00:00Z,w\n")
    with pytest.raises(InputError) as e:
        read([p], columns={"region": "Region Name"}, attributes=("region", "regoin"))
    assert "did you mean 'region' (read from 'Region Name')?" in str(e.value)


def test_a_file_without_a_header_row_shows_none_of_its_first_row(write: Write) -> None:
    """Its "headers" are a record's cells: a phone, an email, a name are never echoed."""
    p = write("a.csv", "L1,lead_received,2026-03-02T09:00:00Z,555-0171,jdoe71@example.com,"
                       "Jane Zorblatt\nL2,call,2026-03-02T09:05:00Z,,,\n")
    with pytest.raises(InputError) as e:
        read([p])
    msg = str(e.value)
    assert "'lead_id' (lead_id) is in no input file" in msg and "header row" in msg
    for private in ("555", "jdoe", "Zorblatt", "L1", "lead_received"):
        assert private not in msg


@pytest.mark.parametrize("first", [
    "L1,lead_received,Mar 2 2026,Jane Zorblatt,west",
    "L1,lead_received,02/03/26 9:05,Jane Zorblatt,west",
])
def test_a_first_record_without_phone_or_email_is_not_shown_either(write: Write,
                                                                     first: str) -> None:
    with pytest.raises(InputError) as e:
        read([write("a.csv", first + "\n")])
    assert "header row" in str(e.value) and "Zorblatt" not in str(e.value)


def test_a_header_read_in_the_wrong_encoding_is_not_shown(write: Write) -> None:
    """UTF-8 read as UTF-16 turns the whole file into one "header" of CJK text: the records."""
    text = "lead_id,event,timestamp,phone,name\nL1,lead_received,2026-03-02T09:00:00Z," \
           "212-555-0101,Ann Smith\n"
    data = text.encode() + (b"" if len(text.encode()) % 2 == 0 else b"\n")
    with pytest.raises(InputError) as e:
        read([write("a.csv", data)], encoding="utf-16")
    msg = str(e.value)
    assert "wrong encoding" in msg and "Headers found" not in msg
    assert data.decode("utf-16le", errors="replace")[:4] not in msg


def test_missing_mapped_attribute_suggests_close_header(write: Write) -> None:
    p = write("a.csv", "lead_id,event,timestamp,Service Line\nL1,call,2026-02-02T09:00:00Z,x\n")
    with pytest.raises(
        InputError, match=r"'ServiceLine' \(attribute service_line\).*'Service Line'"
    ):
        read([p], columns={"service_line": "ServiceLine"}, attributes=("service_line",))


def test_column_missing_in_some_files_reads_empty(write: Write) -> None:
    a = write("a.csv", GOOD)
    b = write("b.csv", "lead_id,event,timestamp\nL2,call,2026-02-02T09:00:00Z\n")
    t = read([a, b], attributes=("channel",))
    assert attr(t, "channel") == ["web", ""]
    (f,) = t.findings
    assert (f.code, f.file) == ("missing-column", str(b))


def test_a_file_without_a_required_column_is_an_error_naming_it(write: Write) -> None:
    # Its rows would all be skipped, and the gate judged on the other files alone.
    a = write("a.csv", GOOD)
    b = write("b.csv", "lead_id,event\nL2,call\n")
    with pytest.raises(InputError) as caught:
        read([a, b])
    assert caught.value.file == str(b)
    assert "column 'timestamp' (timestamp) is not in this file" in str(caught.value)


def test_a_column_renamed_in_one_file_is_named_with_a_did_you_mean(write: Write) -> None:
    a = write("a.csv", GOOD)
    b = write("b.csv", "Lead ID,event,timestamp\nL2,call,2026-02-02T09:00:00Z\n")
    with pytest.raises(InputError) as caught:
        read([a, b])
    assert caught.value.file == str(b) and "did you mean 'Lead ID'?" in str(caught.value)


def test_a_file_without_a_header_among_others_is_said_so(write: Write) -> None:
    a = write("a.csv", GOOD)
    b = write("b.csv", "L2,call,2026-02-02T09:00:00Z\nL3,call,2026-02-02T09:05:00Z\n")
    with pytest.raises(InputError) as caught:
        read([a, b])
    message = str(caught.value)
    assert "needs a header row" in message and "L2" not in message.replace(str(b), "")


def test_an_attribute_missing_in_some_files_is_read_as_empty_there(write: Write) -> None:
    a = write("a.csv", "lead_id,event,timestamp,channel\nL1,call,2026-02-02T09:00:00Z,web\n")
    b = write("b.csv", "lead_id,event,timestamp\nL2,call,2026-02-02T09:05:00Z\n")
    t = read([a, b], attributes=("channel",))
    assert len(t) == 2 and t.skipped_rows == 0
    assert [(f.code, f.file) for f in t.findings] == [("missing-column", str(b))]


def test_empty_file_among_others_is_a_finding(write: Write) -> None:
    a = write("a.csv", GOOD)
    e = write("empty.csv", "")
    h = write("header.csv", "lead_id,event,timestamp\n")
    t = read([a, e, h])
    assert len(t) == 1
    assert [(f.code, f.file) for f in t.findings] == [
        ("empty-file", str(e)),
        ("empty-file", str(h)),
    ]
    assert [f.rows for f in t.files] == [1, 0, 0]


@pytest.mark.parametrize("content", ["", "\n\n", "lead_id,event,timestamp\n"])
def test_only_empty_inputs(write: Write, content: str) -> None:
    with pytest.raises(InputError, match="no usable row"):
        read([write("a.csv", content)])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read([tmp_path / "nope.csv"])


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read([tmp_path])


def test_unreadable(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write("a.csv", GOOD)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        read([p])


def test_corrupt_gzip(write: Write) -> None:
    with pytest.raises(InputError, match=r"a\.csv\.gz"):
        read([write("a.csv.gz", b"\x1f\x8b\x08\x00garbage")])


def test_corrupt_parquet(write: Write) -> None:
    with pytest.raises(InputError, match="Parquet"):
        read([write("a.parquet", b"PAR1 not really")])


def test_no_paths() -> None:
    with pytest.raises(InputError):
        read([])


def test_bad_spec_values(write: Write) -> None:
    p = write("a.csv", GOOD)
    with pytest.raises(InputError, match="time zone"):
        read([p], timezone="Mars/Olympus")
    with pytest.raises(InputError, match="directive"):
        read([p], timestamp_formats=("%Q",))
    with pytest.raises(InputError, match="milestones"):
        read([p], shape="wide")
    with pytest.raises(InputError, match="encoding"):
        read([p], encoding="no-such-codec")


def test_same_path_twice_read_once(write: Write) -> None:
    p = write("a.csv", GOOD)
    t = read([p, p])
    assert len(t) == 1 and t.duplicate_rows == 0 and codes(t) == ["repeated-input"]


def test_did_you_mean() -> None:
    found = ["Lead ID", "Activity", "Activity Date", "Service Line"]
    assert did_you_mean("lead_id", found) == ["Lead ID"]
    assert did_you_mean("service_line", found)[0] == "Service Line"
    assert did_you_mean("zzz", found) == []
    # a header holding the name as a word, which difflib finds too far off
    assert did_you_mean("phone", ["Lead ID", "Phone Number", "Email"]) == ["Phone Number"]


def test_a_first_row_with_a_two_digit_year_is_not_shown_as_headers(write: Write) -> None:
    # With timestamp_format %m/%d/%y a record holds no four-digit year: its name and MRN
    # were listed as "Headers found".
    b = write("b.csv", "LX-1,lead_received,03/05/26,Harrowgast Vimble,MRN-551199\n")
    with pytest.raises(InputError) as caught:
        read([b], timestamp_formats=("%m/%d/%y",))
    assert "needs a header row" in str(caught.value) and "Harrowgast" not in str(caught.value)
