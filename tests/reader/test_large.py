"""Big cells, wide headers and many rows: no crash, no traceback, same accounting."""

from __future__ import annotations

from reader_helpers import Write, attr, events, read


def test_one_megabyte_cell(write: Write) -> None:
    big = "x" * (1 << 20)
    p = write(
        "a.csv",
        f'lead_id,event,timestamp,note\nL1,call,2026-02-02T09:00:00Z,"{big}"\n'
        "L2,call,2026-02-02T09:00:00Z,short\n",
    )
    t = read([p], attributes=("note",))
    assert attr(t, "note") == [big, "short"]


def test_five_megabyte_cell_not_read(write: Write) -> None:
    big = "y" * (5 << 20)
    p = write("a.csv", f"lead_id,event,timestamp,note\nL1,call,2026-02-02T09:00:00Z,{big}\n")
    assert len(read([p])) == 1


def test_ten_thousand_columns(write: Write) -> None:
    names = [f"col{i}" for i in range(10_000)]
    header = ",".join(["lead_id", *names, "event", "timestamp"])
    row = ",".join(["L1", *("v" for _ in names), "call", "2026-02-02T09:00:00Z"])
    t = read([write("a.csv", f"{header}\n{row}\n{row}\n")], attributes=("col9999",))
    assert events(t) == [("L1", "call", "2026-02-02T09:00:00Z")]
    assert t.duplicate_rows == 1 and attr(t, "col9999") == ["v"]


def test_many_rows_and_leads(write: Write) -> None:
    lines = ["lead_id,event,timestamp,channel"]
    for i in range(50_000):
        lines.append(f"L{i % 997},e{i % 5},2026-02-{1 + i % 28:02d}T{i % 24:02d}:00:00Z,c{i % 3}")
    t = read([write("a.csv", "\n".join(lines) + "\n")], attributes=("channel",))
    assert len(t) + t.duplicate_rows == 50_000
    assert len(t.lead_ids) == 997
