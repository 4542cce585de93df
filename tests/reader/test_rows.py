"""Row rules: skipped rows and their findings, nulls, renaming, duplicates, order."""

from __future__ import annotations

import pytest
from reader_helpers import Write, attr, codes, events, read

from slakit.errors import InputError
from slakit.reader import ReadSpec, read_events
from slakit.reader.accounting import MAX_EXAMPLES

HEAD = "lead_id,event,timestamp,channel,phone,email\n"


def test_skipped_rows_name_file_row_and_reason_without_phi(write: Write) -> None:
    p = write(
        "march.csv",
        HEAD
        + "L1,inquiry,2026-02-02T09:00:00Z,web,312-555-0101,p1@example.org\n"
        + ",call,2026-02-02T09:05:00Z,web,312-555-0102,p2@example.org\n"
        + "L2,,2026-02-02T09:05:00Z,web,312-555-0103,p3@example.org\n"
        + "L3,call,not a time,web,312-555-0104,p4@example.org\n"
        + "L4,call,,web,312-555-0105,p5@example.org\n"
        + "L5,call,1850-01-01T00:00:00Z,web,312-555-0106,p6@example.org\n"
        + "L6,call,9999-12-31T00:00:00Z,web,312-555-0107,p7@example.org\n",
    )
    t = read([p], attributes=("channel", "phone", "email"))
    assert len(t) == 1 and t.rows == 7 and t.skipped_rows == 6
    got = [(f.code, f.row, f.file) for f in t.findings]
    assert got == [
        ("missing-lead-id", 3, str(p)),
        ("missing-event", 4, str(p)),
        ("bad-timestamp", 5, str(p)),
        ("bad-timestamp", 6, str(p)),
        ("bad-timestamp", 7, str(p)),
        ("bad-timestamp", 8, str(p)),
    ]
    messages = " ".join(f.message for f in t.findings)
    assert "555" not in messages and "example.org" not in messages
    # Only a time-shaped cell is quoted: free text may be a name, a phone or an email.
    assert "timestamp value" in messages and "'1850-01-01T00:00:00Z'" in messages
    assert "1900-2199" in messages
    assert all(f.level == "warning" for f in t.findings)


@pytest.mark.parametrize("cell", ["212-555-0101", "m1@example.com", "Ann Smith", "(212) 555 0101",
                                  "2026-03-02 312-555-0101", "2026-03-02T09:00 jane@example.com",
                                  "2026-03-02 John Smith", "03/02/2026 5550101",
                                  "2026-03-02 1985-04-12", "2026-03-02 +44 20 7946 0958",
                                  "2026-03-02 06 12 34 56 78", "2026-03-02 1234-5678",
                                  "2026-03-02;3125550101", "2026-03-02 <script>x</script>",
                                  "2026-03-02 =HYPERLINK(1)", "2026-03-02 +47 91234567",
                                  "2026-03-02 87654321", "2026-03-02 +447911 123456",
                                  "06.12.34.56.78", "10:00 06.12.34.56.78"])
def test_a_timestamp_column_holding_personal_data_is_not_quoted(write: Write, cell: str) -> None:
    """A wrong mapping or shifted cells put a phone, an email or a name in the time column."""
    p = write("a.csv", f"lead_id,event,timestamp\nL1,call,{cell}\nL2,call,2026-03-02 09:00\n")
    (f,) = read([p]).findings
    assert f.code == "bad-timestamp" and "timestamp value" in f.message
    assert cell not in f.message and "555" not in f.message


@pytest.mark.parametrize("cell", ["2026-02-30T09:00:00Z", "3/2/2026 9:05 PM EST",
                                  "Mon, 02 Mar 2026 25:00", "2026-13-02T09:00:00.123-05:00",
                                  "2026-02-30T09:00:00-0500", "02 March 2026 25:00"])
def test_a_time_shaped_unreadable_timestamp_is_quoted(write: Write, cell: str) -> None:
    p = write("a.csv", f'lead_id,event,timestamp\nL1,call,"{cell}"\nL2,call,2026-03-02 09:00\n')
    (f,) = read([p]).findings
    assert f.code == "bad-timestamp" and repr(cell) in f.message


def test_bad_timestamp_echo_is_truncated(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\nL1,call,2026-02-02T09:00Z\n"
        "L2,call,\"Wednesday, 02 February 2026 09:00:00.000000 PM EST\"\n"
    )
    (f,) = read([p]).findings
    assert "'Wednesday, 02 February 2026 09:00:00.000...'" in f.message and "PM" not in f.message


def test_ragged_rows_skipped_with_row_numbers(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\n"
        "L1,call,2026-02-02T09:00:00Z\n"
        "L1,call,2026-02-02T09:01:00Z,extra\n"
        "L1,call\n"
        "L1,sms,2026-02-02T09:03:00Z\n",
    )
    t = read([p])
    assert t.row.tolist() == [2, 5]
    assert [(f.code, f.row) for f in t.findings] == [("ragged-row", 3), ("ragged-row", 4)]
    assert "4 fields, the header has 3" in t.findings[0].message
    assert t.skipped_rows == 2 and t.rows == 4


def test_an_unbalanced_quote_says_how_many_lines_it_swallowed(write: Write) -> None:
    # The quote opened on row 3 never closes: the rest of the file is one record of one field.
    p = write(
        "a.csv",
        "lead_id,event,timestamp\n"
        "L1,call,2026-02-02T09:00:00Z\n"
        '"L2,call,2026-02-02T09:01:00Z\n'
        "L3,call,2026-02-02T09:02:00Z\r\n"
        "L4,sms,2026-02-02T09:03:00Z\n",
    )
    t = read([p])
    assert t.row.tolist() == [2]
    assert [(f.code, f.row) for f in t.findings] == [("ragged-row", 3)]
    message = t.findings[0].message
    assert "record has 1 field, the header has 3; it spans 3 lines" in message
    assert "unbalanced quote" in message and "L3" not in message
    assert t.skipped_rows == 1 and t.rows == 2


def test_a_lead_id_holding_a_line_break_is_skipped_unquoted(write: Write) -> None:
    # An unbalanced quote can swallow a line yet leave the header's field count: the lead id
    # then holds another row's text (a name, a phone). It is refused, and never printed.
    p = write(
        "a.csv",
        "lead_id,event,timestamp,phone\n"
        "L1,call,2026-02-02T09:00:00Z,312-555-0101\n"
        '"L2,call,2026-02-02T09:01:00Z,312-555-0102\nJane Roe",sms,2026-02-02T09:02:00Z,x\n'
        "L3,sms,2026-02-02T09:03:00Z,312-555-0103\n"
        '"L4\r\nL5",sms,2026-02-02T09:04:00Z,\n'
        '" L6\n",sms,2026-02-02T09:05:00Z,\n',  # a surrounding line break is trimmed
    )
    t = read([p], attributes=("phone",))
    assert t.lead_ids == ["L1", "L3", "L6"] and t.row.tolist() == [2, 4, 6]  # record numbers
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 3), ("broken-row", 5)]
    assert (t.rows, t.skipped_rows) == (5, 2)
    messages = " ".join(f.message for f in t.findings)
    assert "line break" in messages and "Roe" not in messages and "555" not in messages


def test_a_wide_lead_id_holding_a_line_break_is_skipped(write: Write) -> None:
    p = write(
        "wide.csv",
        "Lead ID,Created Date,First Call Date\n"
        '"W1\nW2",2026-02-02 09:00,2026-02-02 09:10\n'
        "W3,2026-02-02 10:00,\n",
    )
    t = read([p], shape="wide", columns={"lead_id": "Lead ID"},
             milestones={"lead_received": "Created Date", "call_attempt": "First Call Date"})
    assert t.lead_ids == ["W3"]
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 2)]
    assert (t.rows, t.skipped_rows) == (3, 2)  # the skipped record stood for two cells


def test_a_wide_export_with_several_rows_per_lead_is_warned(write: Write) -> None:
    """A snapshot log read as wide (a row per update) gave thousands of duplicate rows and
    no word about the shape. A lead in two monthly files is the shape, and not warned."""
    wide = {"shape": "wide", "columns": {"lead_id": "Lead ID"},
            "milestones": {"lead_received": "Created Date", "call_attempt": "First Call Date"}}
    header = "Lead ID,Created Date,First Call Date\n"
    one = write("one.csv", header + "W1,2026-02-02 09:00,\nW2,2026-02-02 10:00,\n")
    later = write("later.csv", header + "W2,2026-02-02 10:00,2026-02-03 08:00\n")
    assert "wide-repeated-lead" not in {f.code for f in read([one, later], **wide).findings}
    p = write("snap.csv", header + "W1,2026-02-02 09:00,\nW2,2026-02-02 10:00,\n"
              "W1,2026-02-02 09:00,2026-02-02 09:10\nW3,2026-02-02 11:00,\n"
              "W3,2026-02-02 11:00,2026-02-02 11:30\n")
    t = read([p], **wide)
    found = [f for f in t.findings if f.code == "wide-repeated-lead"]
    assert [(f.file, f.row, f.lead_id) for f in found] == [(str(p), 4, "W1")]
    assert found[0].message.startswith("2 of 3 leads have more than one row in a file")
    assert "W1" not in found[0].message  # --pseudonymize masks lead_id, not the text
    assert t.duplicate_rows == 2


def test_a_quote_that_never_closes_is_reported(write: Write) -> None:
    # The stray quote in an unread note column swallows the rest of the file into that cell:
    # the record keeps the header's field count, so only the quote count can tell. The record
    # carries other rows, so it is skipped too, as when the column is one the document reads.
    p = write(
        "a.csv",
        "lead_id,event,timestamp,note\n"
        'L1,call,2026-02-02T09:00:00Z,"said ""yes"""\n'
        'L2,call,2026-02-02T09:01:00Z,"oops\n'
        "L3,call,2026-02-02T09:02:00Z,Jane Roe 312-555-0103\n"
        "L4,sms,2026-02-02T09:03:00Z,\n",
    )
    t = read([p])
    assert t.lead_ids == ["L1"] and (t.rows, t.skipped_rows) == (2, 1)
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 3), ("unbalanced-quote", 3)]
    f = t.findings[1]
    assert "never closes" in f.message and "Roe" not in f.message and "555" not in f.message


def test_a_runaway_record_whose_read_cell_holds_other_rows_is_skipped(write: Write) -> None:
    # The quote opens in `channel`, a column the document reads: its value would be the rest
    # of the file (a name, a phone) as a segment key. The record is skipped, unquoted.
    p = write(
        "a.csv",
        "lead_id,event,timestamp,channel\n"
        "L1,call,2026-02-02T09:00:00Z,web\n"
        'L2,call,2026-02-02T09:01:00Z,"web\n'
        "L3,call,2026-02-02T09:02:00Z,Jane Roe 312-555-0103\n",
    )
    t = read([p], attributes=("channel",))
    assert t.lead_ids == ["L1"] and (t.rows, t.skipped_rows) == (2, 1)
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 3), ("unbalanced-quote", 3)]
    assert "row skipped" in t.findings[0].message
    assert "Roe" not in " ".join(f.message for f in t.findings)
    assert "555" not in " ".join(f.message for f in t.findings)


@pytest.mark.parametrize(("text", "attribute", "kept", "values"), [
    # The quote opens in A1's `channel` and closes two lines on: A2 and A3 (a phone) would
    # be one segment key, and the two rows would vanish uncounted.
    ("lead_id,event,timestamp,channel,phone\n"
     'A1,call,2026-03-02T09:00:00-05:00,"web\n'
     "A2,call,2026-03-02T10:00:00-05:00,web,555-0142\n"
     'A3,call,2026-03-02T11:00:00-05:00,web",555-0143\n'
     "A4,call,2026-03-02T12:00:00-05:00,web,555-0144\n", "channel", "A4", ["web"]),
    # The document never reads `notes`: the quote opens in A1's note and closes in A4's, so
    # A2 and A3 are inside one cell (not records) and A1's later cells are A4's. A1 is
    # skipped and named; it used to be kept, and the rows it carried vanished without a word.
    ("lead_id,event,timestamp,notes,phone\n"
     'A1,call,2026-03-02T09:00:00-05:00,"unclosed note,555-0141\n'
     "A2,call,2026-03-02T10:00:00-05:00,,555-0142\n"
     "A3,call,2026-03-02T11:00:00-05:00,,555-0143\n"
     'A4,call,2026-03-02T12:00:00-05:00,closed",555-0144\n'
     "A5,call,2026-03-02T13:00:00-05:00,,555-0145\n", "phone", "A5", ["555-0145"]),
], ids=["read-column", "unread-column"])
def test_a_quote_that_carried_rows_skips_its_record(text: str, attribute: str, kept: str,
                                                    values: list[str], write: Write) -> None:
    t = read([write("a.csv", text)], attributes=(attribute,))
    assert t.lead_ids == [kept] and (t.rows, t.skipped_rows) == (2, 1)
    (f,) = t.findings
    assert (f.code, f.row) == ("broken-row", 2) and "555" not in f.message
    assert t.attrs[attribute].values == values


def test_a_wide_record_carrying_rows_through_an_unread_column_loses_all_its_events(
        write: Write) -> None:  # fmt: skip
    p = write(
        "wide.csv",
        "Lead ID,Created Date,First Call Date,Comments\n"
        'W1,2026-02-02 09:00,2026-02-02 09:10,"left open\n'
        "W2,2026-02-02 10:00,2026-02-02 10:05,\n"
        'W3,2026-02-02 11:00,,closed"\n'
        "W4,2026-02-02 12:00,,\n",
    )
    t = read([p], shape="wide", columns={"lead_id": "Lead ID"},
             milestones={"lead_received": "Created Date", "call_attempt": "First Call Date"})
    assert t.lead_ids == ["W4"] and (t.rows, t.skipped_rows) == (3, 2)  # W1's two events
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 2)]


@pytest.mark.parametrize("end", ["\n", "\r"])
def test_a_quote_closed_on_the_next_record_skips_the_record_that_carried_it(
        write: Write, end: str) -> None:  # fmt: skip
    # A2's line is cut at its note, where the quote closed: only its start is in A1's note.
    # With old Mac line ends (a lone CR) the same.
    p = write(
        "a.csv",
        end.join(["lead_id,event,timestamp,notes,phone",
                  'A1,call,2026-03-02T09:00:00-05:00,"unclosed note,555-0141',
                  'A2,call,2026-03-02T10:00:00-05:00,closed",555-0142',
                  "A3,call,2026-03-02T13:00:00-05:00,,555-0143", ""]),
    )
    t = read([p], attributes=("phone",))
    assert t.lead_ids == ["A3"] and (t.rows, t.skipped_rows) == (2, 1)
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 2)]


@pytest.mark.parametrize(("columns", "body", "attributes"), [
    # a note with line breaks but no record-shaped line is a value, read or not
    ("next_step",
     'L1,call,2026-03-02T09:00:00Z,"call back Monday\nafter 10, ask for the referral"\n'
     'L2,call,2026-03-02T09:00:00Z,"call back\nMon, Tue, Wed, or Thu"\n', ("next_step",)),
    ("notes", 'L1,call,2026-03-02T09:00:00Z,"call back Monday\nafter 10, ask for the referral"\n'
     "L2,call,2026-03-02T09:05:00Z,\n", ()),
    # blank lines make more line ends than records, and are not records
    ("notes", "L1,call,2026-03-02T09:00:00Z,x\n\n\nL2,call,2026-03-02T09:05:00Z,y\n\n", ()),
    # a last line with as many commas as a record's start and a time, but not in time's place
    ("notes,phone", 'L1,call,2026-03-02T09:00:00Z,"called twice\nMon, Tue, Wed, Thu at 10:30",5\n'
     "L2,call,2026-03-02T10:00:00Z,,555-0142\n", ("phone",)),
    # ... or in its place, "3/4 at 10:30", which is no time the file reads
    ("notes,phone",
     'L1,call,2026-03-02T09:00:00Z,"called\nno answer, left vm, 3/4 at 10:30, ok",5\n'
     "L2,call,2026-03-02T10:00:00Z,,555-0142\n", ("phone",)),
])
def test_a_multi_line_note_is_read(write: Write, columns: str, body: str,
                                   attributes: tuple[str, ...]) -> None:  # fmt: skip
    p = write("a.csv", f"lead_id,event,timestamp,{columns}\n" + body)
    t = read([p], attributes=attributes)
    assert t.lead_ids == ["L1", "L2"] and t.skipped_rows == 0 and not t.findings


def test_a_runaway_timestamp_is_not_echoed(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,phone,timestamp\n"
        "L1,call,312-555-0101,2026-02-02T09:00:00Z\n"
        'L2,call,312-555-0102,"n/a\n'
        "L3,call,312-555-0103,2026-02-02T09:02:00Z\n",
    )
    t = read([p], attributes=("phone",))
    assert t.lead_ids == ["L1"]
    assert [(f.code, f.row) for f in t.findings] == [("bad-timestamp", 3), ("unbalanced-quote", 3)]
    assert "555" not in " ".join(f.message for f in t.findings)
    assert "timestamp value" in t.findings[0].message


def test_a_runaway_record_of_a_wide_export_names_its_row(write: Write) -> None:
    p = write(
        "wide.csv",
        "Lead ID,Created Date,First Call Date,Region\n"
        "W1,2026-02-02 09:00,2026-02-02 09:10,east\n"
        'W2,2026-02-02 10:00,2026-02-02 10:05,"east\n'
        "W3,2026-02-02 11:00,,Jane Roe\n",
    )
    t = read([p], shape="wide", columns={"lead_id": "Lead ID", "region": "Region"},
             milestones={"lead_received": "Created Date", "call_attempt": "First Call Date"},
             attributes=("region",))
    assert t.lead_ids == ["W1"] and (t.rows, t.skipped_rows) == (4, 2)  # W2's two events
    assert [(f.code, f.row) for f in t.findings] == [("broken-row", 3), ("unbalanced-quote", 3)]


def test_a_literal_quote_does_not_cost_a_last_record_with_a_multi_line_cell(
        write: Write) -> None:  # fmt: skip
    # 5" in an unquoted cell makes the quote count odd; the last record's quoted note has a
    # line break but no swallowed record in it: kept, with the warning only.
    p = write(
        "a.csv",
        "lead_id,event,timestamp,note\n"
        'L1,call,2026-02-02T09:00:00Z,5" tall\n'
        'L2,call,2026-02-02T09:01:00Z,"first line\nsecond line"\n',
    )
    t = read([p], attributes=("note",))
    assert t.lead_ids == ["L1", "L2"] and t.skipped_rows == 0
    assert [(f.code, f.row) for f in t.findings] == [("unbalanced-quote", 3)]


def test_a_header_a_personal_name_is_mapped_onto_is_never_echoed(write: Write) -> None:
    p = write("w.csv", "Lead ID,Created,Born\nW1,2026-02-02 09:00,04/07/1961\n")
    t = read([p], shape="wide", columns={"lead_id": "Lead ID", "dob": "Born"},
             milestones={"lead_received": "Created", "born": "Born"})
    (f,) = t.findings
    assert f.code == "bad-timestamp" and "1961" not in f.message and "value" in f.message


def test_balanced_quotes_and_quoted_line_breaks_are_quiet(write: Write) -> None:
    p = write(
        "a.csv",
        'lead_id,event,timestamp,note\nL1,call,2026-02-02T09:00:00Z,"a\nb ""c"""\n'
        "L2,call,2026-02-02T09:01:00Z,\n",
    )
    assert read([p]).findings == []


def test_ragged_row_numbers_after_quoted_newline(write: Write) -> None:
    p = write(
        "a.csv",
        'lead_id,event,timestamp,note\nL1,call,2026-02-02T09:00:00Z,"a\nb"\n'
        "L1,call,2026-02-02T09:01:00Z\nL1,sms,2026-02-02T09:03:00Z,x\n",
    )
    t = read([p])
    assert t.row.tolist() == [2, 4]
    assert [(f.code, f.row) for f in t.findings] == [("ragged-row", 3)]


def test_blank_lines_are_not_records(write: Write) -> None:
    p = write("a.csv", "lead_id,event,timestamp\n\nL1,call,2026-02-02T09:00:00Z\n\n")
    t = read([p])
    assert t.rows == 1 and t.row.tolist() == [2]


def test_values_trimmed_and_nulls(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp,channel\n"
        " L1 , call ,  2026-02-02T09:00:00Z , web \n"
        "L1,sms,2026-02-02T09:01:00Z, (No value) \n"
        "N/A,sms,2026-02-02T09:02:00Z,web\n"
        "L2,sms,2026-02-02T09:02:00Z,\n",
    )
    t = read([p], attributes=("channel",), nulls=("", "(No value)", "N/A"))
    assert events(t) == [
        ("L1", "call", "2026-02-02T09:00:00Z"),
        ("L1", "sms", "2026-02-02T09:01:00Z"),
        ("L2", "sms", "2026-02-02T09:02:00Z"),
    ]
    assert attr(t, "channel") == ["web", "", ""]
    assert codes(t) == ["missing-lead-id"]


def test_a_blank_cell_is_empty_whatever_nulls_lists(write: Write) -> None:
    """``nulls: [N/A]`` adds a spelling of empty: a blank lead id is still no lead id, and a
    blank attribute is not the lead's value."""
    p = write(
        "a.csv",
        "lead_id,event,timestamp,channel\n"
        "L1,call,2026-02-02T09:00:00Z,\n"
        "L1,sms,2026-02-02T09:01:00Z,web\n"
        " ,sms,2026-02-02T09:02:00Z,web\n"
        "L2,sms,2026-02-02T09:02:00Z,N/A\n",
    )
    t = read([p], attributes=("channel",), nulls=("N/A",))
    assert t.lead_ids == ["L1", "L2"] and codes(t) == ["missing-lead-id"]
    assert attr(t, "channel") == ["", "web", ""]


def test_null_token_that_looks_like_a_time(write: Write) -> None:
    p = write("a.csv", "lead_id,event,timestamp\nL1,a,1900-01-01 00:00:00\nL1,b,2026-02-02 09:00\n")
    t = read([p], nulls=("", "1900-01-01 00:00:00"))
    assert [e for _, e, _ in events(t)] == ["b"]
    assert "no timestamp" in t.findings[0].message


def test_events_renamed(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\nL1,Web Form,2026-02-02T09:00Z\n"
        "L1,Outbound Call,2026-02-02T09:01Z\nL1,Inbound Call,2026-02-02T09:02Z\n"
        "L1,other,2026-02-02T09:03Z\n",
    )
    t = read(
        [p],
        events={"Web Form": "lead_received", "Outbound Call": "call", "Inbound Call": "call"},
    )
    assert [e for _, e, _ in events(t)] == ["lead_received", "call", "call", "other"]
    assert t.event_names == ["call", "lead_received", "other"]


def test_duplicates_across_files(write: Write) -> None:
    a = write(
        "a.csv",
        "lead_id,event,timestamp,channel\n"
        "L1,call,2026-02-02T09:00:00Z,web\n"
        "L1,sms,2026-02-02T09:00:00Z,web\n"
        "L1,call,2026-02-02T09:00:00Z,web\n",
    )
    b = write(
        "b.csv",
        "lead_id,event,timestamp,channel\n"
        "L1,call,2026-02-02T04:00:00-05:00,web\n"  # same instant, other offset
        "L1,call,2026-02-02T09:00:00Z,phone\n"  # attribute differs: not a duplicate
        "L1,call,2026-02-02T09:00:00Z,web\n",
    )
    t = read([b, a], attributes=("channel",))
    assert t.duplicate_rows == 3 and len(t) == 3 and t.rows == 6
    assert list(zip(t.file.tolist(), t.row.tolist(), strict=True)) == [(0, 2), (0, 3), (1, 3)]
    # One finding per duplicate row, in (file, row) order, naming the row it repeats.
    assert [(f.code, f.file, f.row) for f in t.findings] == [
        ("duplicate-row", str(a), 4), ("duplicate-row", str(b), 2), ("duplicate-row", str(b), 4)]
    assert t.findings[0].message.startswith("duplicate of row 2 (same lead, event")
    assert t.findings[1].message.startswith(f"duplicate of {a}:2 ")


def test_duplicate_row_findings_capped_with_summary(write: Write) -> None:
    p = write("a.csv", "lead_id,event,timestamp\n" + "L1,call,2026-02-02T09:00Z\n" * 150)
    t = read([p])
    assert t.duplicate_rows == 149 and len(t.findings) == MAX_EXAMPLES + 1
    assert [f.row for f in t.findings[:3]] == [3, 4, 5]
    summary = t.findings[-1]
    assert summary.count == 49 and "49 more duplicate rows" in summary.message


def test_duplicates_consider_only_attributes_read(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp,channel\nL1,call,2026-02-02T09:00Z,web\nL1,call,2026-02-02T09:00Z,sms\n",
    )
    assert read([p]).duplicate_rows == 1
    assert read([p], attributes=("channel",)).duplicate_rows == 0


def test_file_order_is_sorted_path_order(write: Write) -> None:
    a = write("a.csv", "lead_id,event,timestamp\nL1,first,2026-02-02T09:00Z\n")
    b = write(
        "b.csv", "lead_id,event,timestamp\nL1,second,2026-02-02T09:00Z\nL0,x,2026-01-01T00:00Z\n"
    )
    one, two = read([b, a]), read([a, b])
    assert events(one) == events(two)
    assert [e for _, e, _ in events(one)] == ["x", "first", "second"]
    assert one.file.tolist() == two.file.tolist() == [1, 0, 1]
    assert [f.path for f in one.files] == [str(a), str(b)]
    assert one.findings == two.findings


def test_file_order_does_not_depend_on_how_a_path_is_spelled(
        write: Write, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    a = write("a.csv", "lead_id,event,timestamp\nL1,first,2026-02-02T09:00Z\n")
    write("b.csv", "lead_id,event,timestamp\nL1,second,2026-02-02T09:00Z\n")
    monkeypatch.chdir(a.parent)
    spellings = (["b.csv", "a.csv"], ["./b.csv", "a.csv"], [str(a.parent / "b.csv"), "a.csv"],
                 ["b.csv", "./a.csv", "a.csv"])
    orders = [[e for _, e, _ in events(read(list(paths)))] for paths in spellings]
    assert orders == [["first", "second"]] * 4
    assert [f.code for f in read(["b.csv", "./a.csv", "a.csv"]).findings] == ["repeated-input"]
    assert [f.path for f in read(["./b.csv", "b.csv"]).files] == \
        [f.path for f in read(["b.csv", "./b.csv"]).files] == ["./b.csv"]


def test_equal_instants_keep_row_order(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\nL1,b,2026-02-02T09:00Z\nL1,a,2026-02-02T09:00Z\nL1,c,2026-02-02T08:00Z\n",
    )
    assert [e for _, e, _ in events(read([p]))] == ["c", "b", "a"]


def test_newest_first_reverses_row_order(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\nL1,c,2026-02-02T10:00Z\nL1,b,2026-02-02T09:00Z\nL1,a,2026-02-02T09:00Z\n",
    )
    t = read([p], order="newest-first")
    assert [e for _, e, _ in events(t)] == ["a", "b", "c"]
    assert t.row.tolist() == [4, 3, 2]
    dup = write(
        "d.csv", "lead_id,event,timestamp\nL1,a,2026-02-02T09:00Z\nL1,a,2026-02-02T09:00Z\n"
    )
    t = read([dup], order="newest-first")
    assert t.row.tolist() == [3]  # the first row after reversal is kept


def test_lead_ids_sorted_as_strings(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\n10,a,2026-02-02T09:00Z\n9,a,2026-02-02T09:00Z\nÄ,a,2026-02-02T09:00Z\nB,a,2026-02-02T09:00Z\n",
    )
    t = read([p])
    assert t.lead_ids == sorted(["10", "9", "Ä", "B"])


def test_skipped_lead_not_in_lead_ids(write: Write) -> None:
    p = write(
        "a.csv", "lead_id,event,timestamp,channel\nL1,a,2026-02-02T09:00Z,web\nL2,a,bad,sms\n"
    )
    t = read([p], attributes=("channel",))
    assert t.lead_ids == ["L1"] and t.attrs["channel"].values == ["web"]


def test_row_findings_capped_with_summary(write: Write) -> None:
    n = MAX_EXAMPLES + 50
    p = write("a.csv", "lead_id,event,timestamp\nL1,a,2026-02-02T09:00Z\n" + "L2,a,bad\n" * n)
    t = read([p])
    assert t.skipped_rows == n
    rows = [f for f in t.findings if f.row is not None]
    assert len(rows) == MAX_EXAMPLES and rows[-1].row == MAX_EXAMPLES + 2
    (summary,) = [f for f in t.findings if f.row is None]
    assert summary.code == "bad-timestamp" and summary.message.startswith("50 more rows")


def test_one_more_row_is_singular(write: Write) -> None:
    n = MAX_EXAMPLES + 1
    p = write("a.csv", "lead_id,event,timestamp\nL1,a,2026-02-02T09:00Z\n" + "L2,a,bad\n" * n)
    (summary,) = [f for f in read([p]).findings if f.row is None]
    assert summary.message.startswith("1 more row skipped for the same reason")


def test_no_usable_row(write: Write) -> None:
    p = write("a.csv", "lead_id,event,timestamp\nL1,a,bad\n,a,2026-02-02T09:00Z\n")
    with pytest.raises(InputError, match=r"no usable row in 1 input file: 2 rows read, 2 sk"):
        read_events([p], ReadSpec())
    one = write("b.csv", "lead_id,event,timestamp\nL1,a,bad\n")
    with pytest.raises(InputError, match=r"no usable row in 1 input file: 1 row read, 1 skip"):
        read_events([one], ReadSpec())


def test_wide_shape(write: Write) -> None:
    p = write(
        "wide.csv",
        "Lead ID,Created Date,First Call Date,Service Line,Phone\n"
        "W1,2026-02-02 09:00,2026-02-02 09:10,cardiology,312-555-0101\n"
        "W2,2026-02-02 10:00,,oncology,\n"
        "W3,,,oncology,\n"
        ",2026-02-02 11:00,2026-02-02 11:05,oncology,\n"
        "W4,2026-02-02 12:00,garbage,,\n",
    )
    t = read(
        [p],
        shape="wide",
        columns={"lead_id": "Lead ID", "service_line": "Service Line"},
        milestones={"lead_received": "Created Date", "call_attempt": "First Call Date"},
        attributes=("service_line",),
        timezone="America/New_York",
    )
    assert events(t) == [
        ("W1", "lead_received", "2026-02-02T14:00:00Z"),
        ("W1", "call_attempt", "2026-02-02T14:10:00Z"),
        ("W2", "lead_received", "2026-02-02T15:00:00Z"),
        ("W4", "lead_received", "2026-02-02T17:00:00Z"),
    ]
    assert attr(t, "service_line") == ["cardiology", "cardiology", "oncology", ""]
    assert t.row.tolist() == [2, 2, 3, 6]
    # rows count milestone cells (one for a record without any): 2 + 1 + 1 + 2 + 2
    assert (t.rows, t.skipped_rows) == (8, 4)
    assert [(f.code, f.row) for f in t.findings] == [
        ("missing-event", 4),
        ("missing-lead-id", 5),
        ("bad-timestamp", 6),
    ]
    assert "'First Call Date'" in t.findings[2].message
    assert t.findings[2].message.endswith(
        "this milestone skipped, the record's other cells are read")


def test_wide_shape_same_instant_keeps_milestone_order(write: Write) -> None:
    p = write("w.csv", "id,a,b\nW1,2026-02-02T09:00Z,2026-02-02T09:00Z\n")
    t = read(
        [p], shape="wide", columns={"lead_id": "id"}, milestones={"b_event": "b", "a_event": "a"}
    )
    assert [e for _, e, _ in events(t)] == ["b_event", "a_event"]


def test_timestamp_from_phi_column_not_echoed(write: Write) -> None:
    p = write("a.csv", "lead_id,event,Date of Birth\nL1,a,2026-02-02T09:00Z\nL2,a,12/31/1970\n")
    (f,) = read([p], columns={"timestamp": "Date of Birth"}).findings
    assert f.code == "bad-timestamp" and "1970" not in f.message


def test_dates_without_a_time_of_day_get_one_warning_per_file(write: Write) -> None:
    p = write(
        "a.csv",
        "lead_id,event,timestamp\nL1,in,2026-03-02T09:00:00Z\nL1,call,2026-03-03\n"
        "L2,in,2026-03-04\nL2,call,2026-03-04 10:00\nL3,in,\n",
    )
    t = read([p])
    dated = [f for f in t.findings if f.code == "date-only-timestamp"]
    assert [(f.row, f.level) for f in dated] == [(3, "warning")]
    assert dated[0].message.startswith("2 rows (the first here) have a date but no time of day")
    assert t.ts.size == 4  # read, as 00:00


def test_a_wide_milestone_holding_dates_is_noted(write: Write) -> None:
    p = write("w.csv", "Lead ID,Created,Called\nW1,2026-02-02 09:00,2026-02-03\n")
    t = read([p], shape="wide", columns={"lead_id": "Lead ID"},
             milestones={"lead_received": "Created", "call_attempt": "Called"})
    assert [(f.code, f.row) for f in t.findings] == [("date-only-timestamp", 2)]


@pytest.mark.parametrize(("formats", "cells", "dated"), [
    (("%y%m%d%H%M",), ["2603020905", "2603021015"], 0),  # ten characters, with a time
    (("%d %B %Y",), ["02 March 2026", "03 March 2026"], 2),  # longer, without one
])
def test_a_timestamp_format_says_whether_cells_have_a_time_of_day(
        write: Write, formats: tuple[str, ...], cells: list[str], dated: int) -> None:  # fmt: skip
    p = write("a.csv", "lead_id,event,timestamp\n" + "".join(
        f"L{i},in,{c}\n" for i, c in enumerate(cells)))
    t = read([p], timestamp_formats=formats)
    found = [f for f in t.findings if f.code == "date-only-timestamp"]
    assert t.ts.size == 2 and len(found) == (1 if dated else 0)
    assert not found or found[0].message.startswith(f"{dated} rows")


def test_a_crlf_split_between_two_blocks_is_one_line_end() -> None:
    import io

    import pyarrow as pa

    from slakit.reader.scan import _ByteCounter

    stream = pa.PythonFile(io.BytesIO(b"a,b\r\nc,d\r\ne,f\r\n"), mode="r")
    counter = _ByteCounter(stream)
    for size in (8, 100):  # the first block ends between "\r" and "\n"
        counter.read(size)
    assert counter.newlines == 3


@pytest.mark.parametrize(("zone", "cells", "flagged"), [
    ("America/New_York",
     ["2026-03-08 02:30:00", "2026-03-08 03:30:00", "2026-03-08T03:30:00-04:00",
      "2026-03-08T02:30:00-05:00", "2026-11-01 01:30:00", "2026-03-09 02:30:00"], [2]),
    ("Europe/London",  # the offset before the change is 0: a cell with an offset is no naive
     ["2026-03-29 01:30:00", "2026-03-29T02:30:00+01:00", "2026-03-29T01:30:00Z",
      "2026-03-29 02:30:00"], [2]),
    ("UTC", ["2026-03-08 02:30:00"], []),
])
def test_a_naive_time_in_a_skipped_hour_is_warned(zone: str, cells: list[str],
                                                  flagged: list[int], write: Write) -> None:
    """02:30 on the New York spring-forward night does not exist: it is read as 03:30 EDT
    (docs/calendar.md), and the file says so once, naming the first such row."""
    text = "lead_id,event,timestamp\n" + "".join(f"L{i},call,{c}\n" for i, c in enumerate(cells))
    t = read([write("a.csv", text)], timezone=zone)
    found = [f for f in t.findings if f.code == "skipped-local-time"]
    assert [f.row for f in found] == flagged
    if flagged:
        assert found[0].message.startswith(f"1 row (the first here) has a time that does not "
                                           f"exist in {zone}")
