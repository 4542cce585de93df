"""Bounded inputs: hostile documents are refused at once, hostile exports are read or refused.

Timings are not asserted here (benchmarks/hostile_bench.py measures them); these tests check
that each bound exists, what the user is told, and that nothing crashes.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_kit import Outcome, check_contract, check_rows, invoke, parse_json

from slakit.cli import run
from slakit.loader import MAX_BYTES
from slakit.loader.yaml12 import MAX_DEPTH, MAX_NODES

DOC = "slakit: 1\nname: m\ntargets:\n  - {id: t, start: lead_received, stop: call_attempt, " \
    "within: 1h}\n"


def validate(tmp_path: Path, text: str | bytes, *extra: str) -> Outcome:
    path = tmp_path / "doc.sla.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    argv = ["validate", str(path), *extra]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    return outcome


def evaluate(tmp_path: Path, export: bytes, *extra: str, doc: str = DOC,
             name: str = "events.csv") -> Outcome:
    (tmp_path / "m.sla.yaml").write_text(doc, encoding="utf-8")
    (tmp_path / name).write_bytes(export)
    argv = ["evaluate", str(tmp_path / "m.sla.yaml"), str(tmp_path / name), "-f", "json",
            *extra]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    return outcome


def codes(outcome: Outcome) -> list[str]:
    return [p["code"] for f in parse_json(outcome.out)["files"] for p in f["problems"]]


# -- documents -----------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join([
    "slakit: 1", "name: lol", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    *(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]"
      for i in range(9)),
    "targets: *j", "",
])


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    outcome = validate(tmp_path, BILLION_LAUGHS, "-f", "json")
    assert outcome.code == 1
    assert codes(outcome) == ["yaml-too-many-values"]
    assert "billion laughs" in parse_json(outcome.out)["files"][0]["problems"][0]["message"] \
        or f"{MAX_NODES}" in outcome.out.replace(",", "")


def test_billion_laughs_is_refused_by_evaluate(tmp_path: Path) -> None:
    (tmp_path / "lol.sla.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "e.csv").write_text("lead_id,event,timestamp\nL1,a,2026-03-02\n")
    argv = ["evaluate", str(tmp_path / "lol.sla.yaml"), str(tmp_path / "e.csv")]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code == 1
    assert "yaml-too-many-values" in outcome.err


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    outcome = validate(tmp_path, "slakit: 1\nname: x\ntargets: &t [*t]\n", "-f", "json")
    assert codes(outcome) == ["yaml-recursive-alias"]


@pytest.mark.parametrize("size", [MAX_BYTES + 1, 100 * 1024 * 1024])
def test_oversized_document_is_refused_before_parsing(tmp_path: Path, size: int) -> None:
    path = tmp_path / "big.sla.yaml"
    with path.open("wb") as f:  # sparse where the filesystem allows: cheap to make
        f.write(DOC.encode())
        f.truncate(size)
    argv = ["validate", str(path), "-f", "json"]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code == 2
    assert codes(outcome) == ["file-too-large"]
    assert "an SLA document is at most 5 MiB" in outcome.out


def test_oversized_document_on_stdin_is_refused(tmp_path: Path) -> None:
    outcome = invoke(["validate", "-"], stdin=DOC.encode() + b"#" * (MAX_BYTES + 1))
    assert outcome.code == 2
    assert "file-too-large" in outcome.out


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    outcome = validate(tmp_path, DOC + "report: " + "[" * depth + "]" * depth + "\n", "-f", "json")
    assert outcome.code == 1
    assert codes(outcome) == ["yaml-too-deep"]


def test_deep_nesting_through_aliases_is_refused(tmp_path: Path) -> None:
    lines = ["slakit: 1", "name: x", "a0: &a0 [1]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, MAX_DEPTH + 2)]
    outcome = validate(tmp_path, "\n".join(lines) + "\n", "-f", "json")
    assert "yaml-too-deep" in codes(outcome)


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['echo owned > owned.txt']",
    "!!python/object/new:os.system ['echo owned']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!binary aGVsbG8=",
    "!!set {a: null}",
    "!!timestamp 2026-01-01",
    "!custom thing",
    "!<tag:yaml.org,2002:python/object:object> {}",
])
def test_object_building_tags_are_refused(tmp_path: Path, tag: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = validate(tmp_path, f"slakit: 1\nname: x\ntitle: {tag}\ntargets: []\n", "-f", "json")
    assert outcome.code == 1
    assert "yaml-tag" in codes(outcome)
    assert not (tmp_path / "owned.txt").exists()


def test_tags_are_refused_by_evaluate_too(tmp_path: Path) -> None:
    doc = DOC + "title: !!python/object/apply:os.system ['echo owned']\n"
    outcome = evaluate(tmp_path, b"lead_id,event,timestamp\nL1,a,2026-03-02\n", doc=doc)
    assert outcome.code == 1
    assert "yaml-tag" in outcome.err


def test_huge_numbers_are_refused_with_a_message(tmp_path: Path) -> None:
    doc = DOC.replace("within: 1h", "within: " + "9" * 5000 + "h")
    outcome = validate(tmp_path, doc + "slakit_extra: " + "9" * 5000 + "\n", "-f", "json")
    assert outcome.code == 1
    assert set(codes(outcome)) <= {"invalid-value", "unknown-key"}


# -- exports -------------------------------------------------------------------------------

HEADER = b"lead_id,event,timestamp\n"


def rows(report: dict[str, Any]) -> dict[str, int]:
    return {k: v for k, v in report["input"].items() if k.endswith("rows") or k == "leads"}


def test_a_one_megabyte_field_is_read(tmp_path: Path) -> None:
    big = b"x" * (1 << 20)
    export = b"lead_id,event,timestamp,notes\n" + \
        b"L1,lead_received,2026-03-02T09:00:00Z,\"" + big + b"\"\n" + \
        b"L1,call_attempt,2026-03-02T09:10:00Z," + big + b"\n"
    outcome = evaluate(tmp_path, export)
    assert outcome.code == 0
    report = parse_json(outcome.out)
    assert rows(report)["used_rows"] == 2
    assert big.decode() not in outcome.out


def test_a_one_megabyte_field_in_a_needed_column_is_read(tmp_path: Path) -> None:
    export = HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n" + \
        b"L2," + b"e" * (1 << 20) + b",2026-03-02T09:10:00Z\n"
    outcome = evaluate(tmp_path, export)
    report = parse_json(outcome.out)
    check_rows(report)
    assert report["input"]["leads"] == 2


def test_a_one_megabyte_header_cell_is_refused_with_a_message(tmp_path: Path) -> None:
    # Column names are short; a header cell past the csv module's 128 KiB field limit is not
    # an export (the data cells after it may be any size).
    export = b"lead_id,event,timestamp," + b"h" * (1 << 20) + b"\n" + \
        b"L1,lead_received,2026-03-02T09:00:00Z,x\n"
    outcome = evaluate(tmp_path, export)
    assert outcome.code == 2
    assert "events.csv: cannot parse the header: field larger than field limit" in outcome.err
    assert len(outcome.err) < 300


def test_a_one_megabyte_timestamp_is_skipped_and_not_echoed(tmp_path: Path) -> None:
    export = HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n" + \
        b"L2,lead_received,2026" + b"9" * (1 << 20) + b"\n"
    outcome = evaluate(tmp_path, export)
    report = parse_json(outcome.out)
    assert report["input"]["skipped_rows"] == 1
    assert len(outcome.out) < 20_000


def test_ten_thousand_columns(tmp_path: Path) -> None:
    names = b",".join(b"c%d" % i for i in range(10_000))
    export = b"lead_id,event,timestamp," + names + b"\n" + \
        b"L1,lead_received,2026-03-02T09:00:00Z" + b",v" * 10_000 + b"\n" + \
        b"L1,call_attempt,2026-03-02T09:05:00Z" + b",w" * 10_000 + b"\n"
    outcome = evaluate(tmp_path, export)
    assert outcome.code == 0
    assert parse_json(outcome.out)["input"]["used_rows"] == 2


def test_ten_thousand_columns_missing_a_needed_one(tmp_path: Path) -> None:
    names = b",".join(b"c%d" % i for i in range(10_000))
    export = b"lead_id,event,stamp," + names + b"\nL1,a,b" + b",v" * 10_000 + b"\n"
    outcome = evaluate(tmp_path, export)
    assert outcome.code == 2
    assert "timestamp" in outcome.err
    assert len(outcome.err) < 2_000, "the message names a few headers, not ten thousand"


@pytest.mark.parametrize("stamp", [
    b"0001-01-01T00:00:00Z", b"9999-12-31T23:59:59Z", b"9999-12-31T23:59:59-12:00",
    b"0001-01-01T00:00:00+14:00", b"1899-12-31T23:59:59Z", b"2200-01-01T00:00:00Z",
    b"2026-03-02T09:00:00+25:00", b"2026-03-02T24:00:00Z", b"+12026-03-02",
])
def test_extreme_timestamps_are_skipped_with_a_finding(tmp_path: Path, stamp: bytes) -> None:
    export = HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\nL2,lead_received," + stamp + b"\n"
    outcome = evaluate(tmp_path, export)
    report = parse_json(outcome.out)
    check_rows(report)
    assert report["input"]["skipped_rows"] == 1
    assert [f["code"] for f in report["findings"]] == ["bad-timestamp"]


def test_mixed_offsets_are_one_timeline(tmp_path: Path) -> None:
    export = HEADER + b"L1,lead_received,2026-03-02T09:00:00-05:00\n" \
        b"L1,call_attempt,2026-03-02T14:10:00Z\n" \
        b"L1,sms_sent,2026-03-02T19:45:00+05:30\n"
    outcome = evaluate(tmp_path, export, "--results", str(tmp_path / "r.csv"))
    assert outcome.code == 0
    assert ",speed," not in outcome.out
    assert (tmp_path / "r.csv").read_text().splitlines()[1].split(",")[6] == "10.00"


@pytest.mark.parametrize("as_of", [
    "9999-12-31T23:59:59-12:00", "9999-12-31", "0001-01-01", "0001-01-01T00:00:00+14:00",
])
def test_extreme_as_of_is_refused(tmp_path: Path, as_of: str) -> None:
    outcome = evaluate(tmp_path, HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n",
                       "--as-of", as_of)
    assert outcome.code == 2
    assert "--as-of" in outcome.err and "1900" in outcome.err


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_extreme_from_and_to_are_refused(tmp_path: Path, option: str) -> None:
    outcome = evaluate(tmp_path, HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n",
                       option, "9999-12-31T23:59:59-12:00")
    assert outcome.code == 2
    assert option in outcome.err


def test_nul_bytes_in_an_export(tmp_path: Path) -> None:
    export = HEADER + b"L1,lead_\x00received,2026-03-02T09:00:00Z\n" \
        b"L2,lead_received,2026-03-02T09:00:00Z\x00\n\x00\n"
    outcome = evaluate(tmp_path, export)
    if outcome.code in (0, 1):
        check_rows(parse_json(outcome.out))
    assert "\x00" not in outcome.text


def test_random_bytes_are_an_error_not_a_crash(tmp_path: Path) -> None:
    noise = bytes(range(256)) * 64
    outcome = evaluate(tmp_path, noise)
    assert outcome.code in (1, 2)


def test_a_gzip_bomb_is_streamed(tmp_path: Path) -> None:
    # 64 MB of one repeated row compresses to ~100 kB; it is read in blocks, never whole.
    body = b"L1,call_attempt,2026-03-02T09:05:00Z\n" * (64 * 1024 * 1024 // 37)
    export = gzip.compress(HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n" + body,
                           compresslevel=9, mtime=0)
    outcome = evaluate(tmp_path, export, name="bomb.csv.gz")
    assert outcome.code == 0
    report = parse_json(outcome.out)
    assert report["input"]["duplicate_rows"] == report["input"]["rows"] - 2


def test_cp1252_ragged_row_after_the_sniffed_sample(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # pyarrow decodes a ragged record as UTF-8 before calling slakit's handler: in a cp1252
    # export whose first non-UTF-8 byte sits in a ragged record past the sniffed sample, that
    # printed an "Exception ignored ... Traceback" and refused the file.
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    good = b"".join(b"L%d,lead_received,2026-03-02T09:00:00Z,x\n" % i for i in range(3000))
    export = b"lead_id,event,timestamp,notes\n" + good + \
        b"L9,lead_received,2026-03-02T09:00:00Z,caf\xe9,extra\n"
    outcome = evaluate(tmp_path, export)
    assert unraisable == []
    assert outcome.code == 0, outcome.err
    report = parse_json(outcome.out)
    assert report["input"]["skipped_rows"] == 1
    assert {f["code"] for f in report["findings"]} == {"decoded-cp1252", "ragged-row"}


@pytest.mark.parametrize("escape", ["\\UFFFFFFFF", "\\U00110000", "\\U7FFFFFFF"])
def test_escape_past_unicode_is_refused(tmp_path: Path, escape: str) -> None:
    outcome = validate(tmp_path, f'slakit: 1\nname: x\ntitle: "{escape}"\ntargets: []\n',
                       "-f", "json")
    assert codes(outcome) == ["yaml-syntax"]
    assert "U0010FFFF" in outcome.out


@pytest.mark.parametrize("escape", ["\\uD800", "\\uDFFF", "\\uD83D\\uDE00"])
def test_surrogate_escape_is_refused(tmp_path: Path, escape: str) -> None:
    # A lone surrogate passed validation, then every report failed to print it.
    text = f'slakit: 1\nname: x\ntitle: "t{escape}"\n' + DOC.split("\n", 2)[2]
    outcome = validate(tmp_path, text, "-f", "json")
    assert codes(outcome) == ["yaml-syntax"]
    outcome = evaluate(tmp_path, HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n", doc=text)
    assert outcome.code == 1 and "yaml-syntax" in outcome.err


def test_non_utf8_file_names(tmp_path: Path) -> None:
    # Linux file names are bytes: one that is not UTF-8 reaches Python with surrogate escapes.
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.sla.yaml")
    (folder / name).write_text(DOC, encoding="utf-8")
    for fmt in ("text", "json", "github"):
        argv = ["validate", str(folder), "-f", fmt]
        outcome = invoke(argv)
        check_contract(outcome, argv)
        assert outcome.code == 0
    export = folder / os.fsdecode(b"\xff.csv")
    export.write_bytes(HEADER + b"L1,lead_received,2026-03-02T09:00:00Z\n")
    for fmt in ("text", "json", "markdown", "html", "junit"):
        argv = ["evaluate", str(folder / name), str(export), "-f", fmt]
        outcome = invoke(argv)
        check_contract(outcome, argv)
        assert outcome.code == 0


class _Endless(io.RawIOBase):
    """A standard input that never ends (``yes | slakit validate -``)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = b"#" * len(buffer)
        return len(buffer)

    def readall(self) -> bytes:
        raise AssertionError("standard input read without a bound")


def test_endless_document_on_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(_Endless())))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["validate", "-", "-f", "json"])
    assert code == 2, err.getvalue()
    assert "file-too-large" in out.getvalue()


def test_invalid_diff_side_is_inert(tmp_path: Path) -> None:
    bad = tmp_path / "bad\x1b[2J.sla.yaml"
    bad.write_text('slakit: 1\nname: x\ntargets: [{id: t, "\\e]0;x\\a": 1}]\n', encoding="utf-8")
    argv = ["diff", str(bad), str(bad)]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code == 1
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", outcome.text), outcome.text


def _parquet_cases() -> dict[str, Any]:
    import datetime as dt

    import pyarrow as pa

    lead, events = ["L1", "L2", "L1"], ["lead_received", "lead_received", "call_attempt"]
    stamps = ["2026-03-02T09:00:00Z"] * 3
    return {
        "binary lead ids": {"lead_id": pa.array([b"L1", b"\xff\xfe", b"L1"], pa.binary()),
                            "event": events, "timestamp": stamps},
        "list lead ids": {"lead_id": pa.array([[1], [2], [1]]), "event": events,
                          "timestamp": stamps},
        "struct events": {"lead_id": lead, "event": pa.array([{"a": 1}] * 3),
                          "timestamp": stamps},
        "integer times": {"lead_id": lead, "event": events, "timestamp": pa.array([1, 2, 3])},
        "float times": {"lead_id": lead, "event": events,
                        "timestamp": pa.array([1.5, float("nan"), float("inf")])},
        "years 1 and 9999": {"lead_id": lead, "event": events, "timestamp": pa.array(
            [dt.datetime(9999, 12, 31), dt.datetime(1, 1, 1), dt.datetime(2026, 3, 2, 9)],
            pa.timestamp("us"))},
        "dates": {"lead_id": lead, "event": events, "timestamp": pa.array(
            [dt.date(2026, 3, 2), dt.date(1, 1, 1), dt.date(9999, 12, 31)], pa.date32())},
        "times of day": {"lead_id": lead, "event": events,
                         "timestamp": pa.array([1, 2, 3], pa.time64("us"))},
        "all null": {"lead_id": pa.array([None] * 3, pa.string()),
                     "event": pa.array([None] * 3, pa.string()),
                     "timestamp": pa.array([None] * 3, pa.string())},
        "booleans": {"lead_id": [True, False, True], "event": events, "timestamp": stamps},
        "no rows": {"lead_id": pa.array([], pa.string()), "event": pa.array([], pa.string()),
                    "timestamp": pa.array([], pa.string())},
    }


@pytest.mark.parametrize("case", sorted(_parquet_cases()))
def test_hostile_parquet(tmp_path: Path, case: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    pq.write_table(pa.table(_parquet_cases()[case]), path)
    (tmp_path / "m.sla.yaml").write_text(DOC, encoding="utf-8")
    argv = ["evaluate", str(tmp_path / "m.sla.yaml"), str(path), "-f", "json"]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    if outcome.code in (0, 1):
        check_rows(parse_json(outcome.out))
    else:
        assert outcome.err.startswith("error: ")
