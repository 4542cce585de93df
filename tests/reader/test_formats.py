"""Input formats: encodings, line endings, quoting, gzip, Parquet, stdin, delimiters."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from reader_helpers import Write, attr, codes, events, read

from slakit.errors import InputError
from slakit.reader import ReadSpec, read_events

CSV = (
    "lead_id,event,timestamp,channel\n"
    "L1,inquiry,2026-02-02T09:00:00Z,web\n"
    "L1,call,2026-02-02T09:05:00Z,\n"
    "L2,inquiry,2026-02-02T10:00:00Z,phone\n"
)
EXPECTED = [
    ("L1", "inquiry", "2026-02-02T09:00:00Z"),
    ("L1", "call", "2026-02-02T09:05:00Z"),
    ("L2", "inquiry", "2026-02-02T10:00:00Z"),
]


def test_plain_csv(write: Write) -> None:
    t = read([write("a.csv", CSV)], attributes=("channel",))
    assert events(t) == EXPECTED
    assert attr(t, "channel") == ["web", "", "phone"]
    assert t.row.tolist() == [2, 3, 4]
    assert t.rows == 3 and t.skipped_rows == 0 and t.duplicate_rows == 0
    assert t.findings == []


def test_bom_and_crlf(write: Write) -> None:
    p = write("a.csv", b"\xef\xbb\xbf" + CSV.replace("\n", "\r\n").encode())
    t = read([p], attributes=("channel",))
    assert events(t) == EXPECTED
    assert attr(t, "channel") == ["web", "", "phone"]


def test_quoted_newline_counts_records_not_lines(write: Write) -> None:
    p = write(
        "a.csv",
        'lead_id,event,timestamp,note\nL1,inquiry,2026-02-02T09:00:00Z,"two\nlines"\n'
        "L1,call,2026-02-02T09:05:00Z,x\n,call,2026-02-02T09:06:00Z,x\n",
    )
    t = read([p], attributes=("note",))
    assert attr(t, "note") == ["two\nlines", "x"]
    assert t.row.tolist() == [2, 3]
    assert [(f.code, f.row) for f in t.findings] == [("missing-lead-id", 4)]


def test_quoted_newline_in_header(write: Write) -> None:
    p = write("a.csv", 'lead_id,event,"time\nstamp",x\nL1,call,2026-02-02T09:00:00Z,1\n')
    t = read([p], columns={"timestamp": "time\nstamp"})
    assert events(t) == [("L1", "call", "2026-02-02T09:00:00Z")]
    assert t.row.tolist() == [2]


@pytest.mark.parametrize("name", ["a.csv.gz", "a.csv"])
def test_gzip_by_extension_or_magic(write: Write, name: str) -> None:
    t = read([write(name, gzip.compress(CSV.encode()))], attributes=("channel",))
    assert events(t) == EXPECTED
    assert len(t.files[0].sha256) == 64


def test_parquet(tmp_path: Path) -> None:
    table = pa.table(
        {
            "lead_id": ["L2", "L1", "L1"],
            "event": ["inquiry", "call", "inquiry"],
            "timestamp": ["2026-02-02T10:00:00Z", "2026-02-02T09:05:00Z", "2026-02-02T09:00:00Z"],
            "channel": ["phone", None, "web"],
        }
    )
    pq.write_table(table, tmp_path / "a.parquet")
    t = read([tmp_path / "a.parquet"], attributes=("channel",))
    assert events(t) == EXPECTED
    assert attr(t, "channel") == ["web", "", "phone"]
    assert t.row.tolist() == [3, 2, 1]  # Parquet rows are numbered from 1


def test_parquet_float_ids_and_phones_read_as_written_in_csv(tmp_path: Path) -> None:
    """pandas writes an id or phone column with a null as float64: 12345678901.0 is the id
    12345678901 (as the CSV of the same export says), not 1.2345678901e+10."""
    table = pa.table({
        "lead_id": pa.array([12345678901.0, 12345678901.0, None], pa.float64()),
        "event": ["lead_received", "call", "call"],
        "timestamp": ["2026-03-02T09:00:00Z", "2026-03-02T09:05:00Z", "2026-03-02T09:06:00Z"],
        "phone": pa.array([12125550101.0, None, 2.5], pa.float64()),
    })
    pq.write_table(table, tmp_path / "a.parquet")
    t = read([tmp_path / "a.parquet"], attributes=("phone",))
    assert t.lead_ids == ["12345678901"]
    assert attr(t, "phone") == ["12125550101", ""]


def test_parquet_typed_columns(tmp_path: Path) -> None:
    table = pa.table(
        {
            "lead_id": pa.array([7, 8], pa.int64()),
            "event": ["call", "call"],
            "aware": pa.array([1_770_022_800_000_000, None], pa.timestamp("us", "UTC")),
            "naive": pa.array([1_770_022_800_000_000, 1_770_022_800_000_000], pa.timestamp("us")),
        }
    )
    pq.write_table(table, tmp_path / "a.parquet")
    t = read([tmp_path / "a.parquet"], columns={"timestamp": "aware"})
    assert events(t) == [("7", "call", "2026-02-02T09:00:00Z")]
    assert [f.code for f in t.findings] == ["bad-timestamp"]
    t = read([tmp_path / "a.parquet"], columns={"timestamp": "naive"}, timezone="America/New_York")
    assert events(t) == [
        ("7", "call", "2026-02-02T14:00:00Z"),
        ("8", "call", "2026-02-02T14:00:00Z"),
    ]


def test_stdin_dash() -> None:
    t = read_events(["-"], ReadSpec(), stdin=io.BytesIO(CSV.encode()))
    assert events(t) == EXPECTED
    assert t.files[0].path == "-"


def test_stdin_gzip_with_file(write: Write) -> None:
    other = write("b.csv", "lead_id,event,timestamp\nL3,call,2026-02-02T11:00:00Z\n")
    t = read_events([other, "-"], ReadSpec(), stdin=io.BytesIO(gzip.compress(CSV.encode())))
    assert [f.path for f in t.files] == ["-", str(other)]
    assert len(t) == 4


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_sniffed_delimiter(write: Write, delimiter: str) -> None:
    t = read([write("a.csv", CSV.replace(",", delimiter))], attributes=("channel",))
    assert events(t) == EXPECTED
    assert attr(t, "channel") == ["web", "", "phone"]


def test_semicolon_export_with_decimal_commas(write: Write) -> None:
    text = (
        "lead_id;event;timestamp;amount\n"
        "L1;call;2026-02-02T09:00:00Z;1,5\nL2;call;2026-02-02T09:00:00Z;2,5\n"
    )
    t = read([write("a.csv", text)], attributes=("amount",))
    assert attr(t, "amount") == ["1,5", "2,5"]


def test_explicit_delimiter(write: Write) -> None:
    t = read([write("a.csv", CSV.replace(",", ";"))], delimiter=";")
    assert len(t) == 3


def test_cp1252_fallback_with_finding(write: Write) -> None:
    text = "lead_id,event,timestamp,region\nL1,call,2026-02-02T09:00:00Z,Montr\xe9al\n"
    t = read([write("a.csv", text.encode("cp1252"))], attributes=("region",))
    assert attr(t, "region") == ["Montréal"]
    assert codes(t) == ["decoded-cp1252"]


@pytest.mark.parametrize("named", [None, "cp1252", "windows-1252", "CP1252"])
def test_bytes_cp1252_leaves_undefined_still_decode(write: Write, named: str | None) -> None:
    # 0x81 (and 0x8D, 0x8F, 0x90, 0x9D) made Python's cp1252 refuse the whole file; browsers
    # read them as the C1 control of the same number, and so does slakit, whether it fell
    # back to cp1252 or source.encoding named it (as the fallback's finding suggests).
    data = ("lead_id,event,timestamp,region\nL1,call,2026-02-02T09:00:00Z,Caf\xe9\n"
            .encode("cp1252") + b"L2,call,2026-02-02T09:01:00Z,x\x81\x9dy\n")
    t = read([write("a.csv", data)], attributes=("region",), encoding=named)
    assert attr(t, "region") == ["Café", "x\x81\x9dy"]
    assert codes(t) == (["decoded-cp1252"] if named is None else [])


def test_utf16_with_a_byte_order_mark_is_read_as_utf16(write: Write) -> None:
    # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated, CRLF.
    text = "lead_id\tevent\ttimestamp\tregion\r\nL1\tcall\t2026-02-02T09:00:00Z\tMontr\xe9al\r\n"
    for codec in ("utf-16", "utf-16-be"):
        data = text.encode(codec) if codec == "utf-16" else b"\xfe\xff" + text.encode(codec)
        t = read([write(f"{codec}.csv", data)], attributes=("region",))
        assert attr(t, "region") == ["Montréal"] and codes(t) == ["decoded-utf16"]


def test_a_cp1252_byte_in_an_unread_column_leaves_the_read_ones_utf8(write: Write) -> None:
    data = ("lead_id,event,timestamp,region,notes\nL1,call,2026-03-02T09:00:00Z,Zürich,"
            .encode() + b"caf\xe9\n")
    t = read([write("a.csv", data)], attributes=("region",))
    assert attr(t, "region") == ["Zürich"] and codes(t) == []


def test_cp1252_detected_late_in_file(write: Write) -> None:
    head = "lead_id,event,timestamp,region\n" + "L1,call,2026-02-02T09:00:00Z,x\n" * 60_000
    data = head.encode() + "L2,call,2026-02-02T09:00:00Z,Caf\xe9\n".encode("cp1252")
    t = read([write("a.csv", data)], attributes=("region",))
    assert attr(t, "region")[-1] == "Café"
    assert list(dict.fromkeys(codes(t))) == ["decoded-cp1252", "duplicate-row"]


def test_cp1252_header(write: Write) -> None:
    text = "lead_id,event,timestamp,r\xe9gion\nL1,call,2026-02-02T09:00:00Z,x\n"
    t = read([write("a.csv", text.encode("cp1252"))], attributes=("région",))
    assert attr(t, "région") == ["x"]


def test_explicit_encoding(write: Write) -> None:
    text = "lead_id,event,timestamp,region\nL1,call,2026-02-02T09:00:00Z,K\xf6ln\n"
    t = read([write("a.csv", text.encode("latin-1"))], attributes=("region",), encoding="latin-1")
    assert attr(t, "region") == ["Köln"]
    assert t.findings == []


def test_utf16_encoding(write: Write) -> None:
    text = "lead_id\tevent\ttimestamp\nL1\tcall\t2026-02-02T09:00:00Z\n"
    t = read([write("a.csv", text.encode("utf-16"))], encoding="utf-16")
    assert events(t) == [("L1", "call", "2026-02-02T09:00:00Z")]


def test_explicit_utf8_rejects_bad_bytes(write: Write) -> None:
    p = write("a.csv", b"lead_id,event,timestamp\nL1,call,2026-02-02T09:00:00Z\xe9\n")
    with pytest.raises(InputError, match="decode"):
        read([p], encoding="utf-8")


def test_a_named_encoding_is_used_as_given(write: Write) -> None:
    # Other than cp1252, a named encoding is Python's, strict: 0x81 is an error naming the file.
    p = write("a.csv", b"lead_id,event,timestamp\nL1,c\x81all,2026-02-02T09:00:00Z\n")
    with pytest.raises(InputError, match=r"a\.csv"):
        read([p], encoding="ascii")


def test_repeated_header_uses_first_column(write: Write) -> None:
    text = (
        "Case ID,Activity,Variant,Complete Timestamp,Variant\n"
        "C1,Open,first,2026-02-02T09:00:00Z,second\n"
    )
    t = read(
        [write("a.csv", text)],
        columns={
            "lead_id": "Case ID",
            "event": "Activity",
            "timestamp": "Complete Timestamp",
            "variant": "Variant",
        },
        attributes=("variant",),
    )
    assert attr(t, "variant") == ["first"]
    (f,) = t.findings
    assert f.code == "repeated-header" and "column 3" in f.message and "2 times" in f.message


def test_repeated_header_not_read_is_silent(write: Write) -> None:
    text = "lead_id,event,timestamp,x,x\nL1,call,2026-02-02T09:00:00Z,1,2\n"
    assert read([write("a.csv", text)]).findings == []


def test_tab_separated_with_quotes(write: Write) -> None:
    text = 'lead_id\tevent\ttimestamp\tnote\nL1\tcall\t2026-02-02T09:00:00Z\t"a\tb"\n'
    t = read([write("a.csv", text)], attributes=("note",))
    assert attr(t, "note") == ["a\tb"]


def test_header_only_no_trailing_newline(write: Write) -> None:
    with pytest.raises(InputError, match="no usable row"):
        read([write("a.csv", "lead_id,event,timestamp")])


def test_old_mac_line_endings(write: Write) -> None:
    t = read([write("a.csv", CSV.replace("\n", "\r"))])
    assert len(t) == 3


@pytest.mark.parametrize("name", ["tab", "\\t", "\t"])
def test_delimiter_names(write: Write, name: str) -> None:
    assert len(read([write("a.csv", CSV.replace(",", "\t"))], delimiter=name)) == 3


def test_bad_delimiter(write: Write) -> None:
    with pytest.raises(InputError, match="delimiter"):
        read([write("a.csv", CSV)], delimiter=";;")


def test_utf8_sig_encoding(write: Write) -> None:
    t = read([write("a.csv", b"\xef\xbb\xbf" + CSV.encode())], encoding="utf-8-sig")
    assert events(t) == EXPECTED and t.findings == []


def test_parquet_extension_without_magic(write: Write) -> None:
    with pytest.raises(InputError, match="not a Parquet file"):
        read([write("a.parquet", CSV)])


def test_blank_lines_before_header(write: Write) -> None:
    t = read([write("a.csv", "\n  \r\n" + CSV)])
    assert events(t) == EXPECTED and t.row.tolist() == [2, 3, 4]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_once_like_stdin(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "e.csv"
    os.mkfifo(fifo)
    text = b"lead_id,event,timestamp\nL1,call,2026-02-02T09:00:00Z\n"

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(text)

    writer = threading.Thread(target=feed)
    writer.start()
    t = read([fifo])
    writer.join(timeout=10)
    assert t.lead_ids == ["L1"] and t.rows == 1


def test_an_excel_workbook_is_told_to_be_saved_as_csv(write: Write) -> None:
    with pytest.raises(InputError, match="Excel workbook"):
        read([write("leads.xlsx", b"PK\x03\x04" + b"\x00" * 40)])


def test_excel_sep_line_names_the_delimiter(write: Write) -> None:
    """Excel writes "sep=;" before the header of a CSV saved for a ';' locale."""
    p = write("a.csv", "sep=;\r\nlead_id;event;timestamp\r\nL1;call;2026-02-02T09:00:00Z\r\n"
                       "L2;call;bad\r\n")
    t = read([p])
    assert t.lead_ids == ["L1"] and t.rows == 2
    assert [(f.code, f.row) for f in t.findings] == [("bad-timestamp", 3)]  # as Excel shows it


@pytest.mark.parametrize(("times", "dated"), [
    (pa.array([1772442000000000, 1772445600000000], pa.timestamp("us", "UTC")), False),
    (pa.array([20514, 20515], pa.date32()), True),
])
def test_a_typed_parquet_time_is_date_only_by_its_type(
        tmp_path: Path, times: pa.Array, dated: bool) -> None:  # fmt: skip
    # Whatever source.timestamp_format says: it reads text, not typed columns.
    pq.write_table(pa.table({"lead_id": ["L1", "L2"], "event": ["in", "in"],
                             "timestamp": times}), tmp_path / "a.parquet")
    t = read([tmp_path / "a.parquet"], timestamp_formats=("%d %B %Y",))
    assert t.ts.size == 2
    assert any(f.code == "date-only-timestamp" for f in t.findings) == dated


def test_a_file_gzipped_twice_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress(gzip.compress(b"lead_id,event,timestamp\nL1,in,2026-03-02\n")))
    with pytest.raises(InputError, match="gzip-compressed twice"):
        read([path])


@pytest.mark.parametrize(("formats", "hint"), [
    ((), "timestamps are read as ISO 8601 unless source.timestamp_format says how"),
    (("%Y/%m/%d %H:%M:%S",), "source.timestamp_format ('%Y/%m/%d %H:%M:%S') does not read "
                            "these cells: compare it with them"),
])
def test_no_usable_row_points_at_the_format(formats: tuple[str, ...], hint: str,
                                            write: Write) -> None:  # fmt: skip
    """A format was given and missed the cells' fractions: the hint used to say only that
    ISO 8601 is the default."""
    p = write("a.csv", "lead_id,event,timestamp\nL1,call,2012/10/09 14:50:17.000\n")
    with pytest.raises(InputError) as info:
        read([p], timestamp_formats=formats)
    assert hint in str(info.value)
