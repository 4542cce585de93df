"""PHI never leaves slakit: no phone, email, name, MRN, date of birth, address, SSN or
``source.pii`` value appears in any output, finding or error message unless ``--show-pii``.

One synthetic export carries personal data in every PHI column (by LANGUAGE.md's names, by a
``source.columns`` mapping, and by ``source.pii``), including rows that are skipped (a bad
timestamp, no lead id, a ragged record) and a repeat inquiry. Every command and format is run
on it and searched for each value and its normalised forms (digits-only phones, lowercased
emails). A control run with ``explain --show-pii`` proves the search would see a leak.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from hostile_kit import Outcome, check_contract, invoke
from phi_kit import (
    ABUSIVE_DOC,
    DOC,
    EMAILS,
    NAMES,
    OTHER,
    PHONES,
    assert_no_phi,
    export_text,
)

from slakit.cli import app

COMMANDS = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("phi")
    (root / "clinic.sla.yaml").write_text(DOC, encoding="utf-8")
    (root / "abusive.sla.yaml").write_text(ABUSIVE_DOC, encoding="utf-8")
    (root / "head.sla.yaml").write_text(DOC.replace("within: 15m", "within: 30m"),
                                        encoding="utf-8")
    (root / "events.csv").write_text(export_text(), encoding="utf-8")
    return root


def run(argv: list[str], expect: tuple[int, ...] = (0, 1)) -> Outcome:
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code in expect, (argv, outcome.err)
    return outcome


def test_the_export_really_holds_phi(files: Path) -> None:
    text = (files / "events.csv").read_text(encoding="utf-8")
    for value in (*PHONES, *EMAILS, *NAMES, *OTHER):
        assert value in text


EVALUATE_FORMATS = ("text", "json", "markdown", "csv", "html", "junit")


def _evaluate_all(files: Path, doc: str, *extra: str) -> Iterator[tuple[str, str]]:
    out = files / f"out-{doc}-{len(extra)}"
    out.mkdir(exist_ok=True)
    argv = ["evaluate", str(files / doc), str(files / "events.csv"), "-f", "text",
            "--results", str(out / "results.csv"), *extra]
    for fmt in EVALUATE_FORMATS[1:]:
        argv += ["-o", f"{fmt}={out / fmt}"]
    outcome = run(argv)
    yield "stdout", outcome.out
    yield "stderr", outcome.err
    yield "results", (out / "results.csv").read_text(encoding="utf-8")
    for fmt in EVALUATE_FORMATS[1:]:
        yield fmt, (out / fmt).read_text(encoding="utf-8")


@pytest.mark.parametrize("extra", [
    (), ("--view", "operations"), ("--by", "service_line"),
    ("--period", "month", "--as-of", "2026-03-05T12:00:00-05:00"),
])
def test_evaluate_outputs_hold_no_phi(files: Path, extra: tuple[str, ...],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    summary = files / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    seen = dict(_evaluate_all(files, "clinic.sla.yaml", *extra))
    report = json.loads(seen["json"])
    assert report["input"]["skipped_rows"] == 5  # the PHI-laden bad rows were read and skipped
    codes = {f["code"] for f in report["findings"]}
    assert {"bad-timestamp", "missing-lead-id", "missing-event", "ragged-row"} <= codes
    if report.get("targets"):  # --view operations leaves them out
        assert any(t["counts"]["duplicate"] for t in report["targets"])
    for where, text in seen.items():
        assert_no_phi(f"evaluate {' '.join(extra)} {where}", text)
    assert_no_phi("GITHUB_STEP_SUMMARY", summary.read_text(encoding="utf-8"))


@pytest.mark.parametrize("by", [["phone"], ["email", "MRN"], ["Date of Birth"]])
def test_segmenting_on_phi_from_the_command_line_is_bad_usage(files: Path, by: list[str]) -> None:
    # report.by on such a column fails validation; --by replaces report.by: exit 2, no data.
    argv = ["evaluate", str(files / "clinic.sla.yaml"), str(files / "events.csv")]
    for name in by:
        argv += ["--by", name]
    outcome = run(argv, expect=(2,))
    assert outcome.out == "" and "holds personal data" in outcome.err
    assert_no_phi("--by " + " ".join(by), outcome.err)


def test_a_document_that_abuses_phi_is_refused_by_every_command(files: Path) -> None:
    # LANGUAGE.md: a document that segments, filters or routes on PHI is invalid. validate,
    # evaluate and explain all refuse it (exit 1, file:line:col), and print no value.
    outcome = run(["validate", str(files / "abusive.sla.yaml"), "-f", "json"], expect=(1,))
    assert {p["code"] for f in json.loads(outcome.out)["files"] for p in f["problems"]} == \
        {"phi-column"}
    doc, events = str(files / "abusive.sla.yaml"), str(files / "events.csv")
    for argv in (["evaluate", doc, events], ["evaluate", doc, events, "-f", "json"],
                 ["explain", doc, events, "--lead", "CRM-00101"]):
        outcome = run(argv, expect=(1,))
        assert outcome.out == ""
        assert re.search(r"abusive\.sla\.yaml:\d+:\d+: error phi-column", outcome.err), outcome.err
        assert_no_phi(" ".join(argv[:1]), outcome.err)


def test_diff_replay_holds_no_phi(files: Path) -> None:
    for fmt in ("text", "json", "markdown"):
        outcome = run(["diff", str(files / "clinic.sla.yaml"), str(files / "head.sla.yaml"),
                       str(files / "events.csv"), "--replay", "-f", fmt])
        assert_no_phi(f"diff --replay -f {fmt}", outcome.text)


def test_errors_hold_no_phi(files: Path) -> None:
    # A document needing a column the export lacks: the error lists the headers, not values.
    missing = DOC.replace("require: [phone|email]", "require: [phone|email, zip_code]")
    (files / "missing.sla.yaml").write_text(missing, encoding="utf-8")
    outcome = run(["evaluate", str(files / "missing.sla.yaml"), str(files / "events.csv")],
                  expect=(2,))
    assert "zip_code" in outcome.err
    assert_no_phi("missing column error", outcome.text)
    # No usable row at all: every row is skipped, each full of PHI.
    bad = export_text().replace("-05:00,", "-99:00,").replace("-04:00,", "-99:00,")
    (files / "bad.csv").write_text(bad, encoding="utf-8")
    outcome = run(["evaluate", str(files / "clinic.sla.yaml"), str(files / "bad.csv")],
                  expect=(2,))
    assert "no usable row" in outcome.err
    assert_no_phi("no usable row error", outcome.text)
    # Undecodable and unparseable files: pyarrow's messages quote the record, slakit's do not.
    text = export_text().encode("utf-8")
    for name, data in {"nul.csv": text.replace(b"\n", b"\n\x00", 5),
                       "utf16.csv": export_text().encode("utf-16"),
                       "bad-utf8.csv": text.replace(b"Quarry", b"Qu\xc3\x28rry"),
                       "gzip.csv.gz": b"\x1f\x8b" + text[:200],
                       "parquet.parquet": b"PAR1" + text[:200]}.items():
        (files / name).write_bytes(data)
        outcome = run(["evaluate", str(files / "clinic.sla.yaml"), str(files / name)],
                      expect=(0, 1, 2))
        assert_no_phi(f"damaged export {name}", outcome.text)


def test_a_phi_timestamp_column_is_never_echoed(files: Path) -> None:
    # Wide exports: a milestone column named as PHI, or listed in source.pii, whose cells do
    # not parse as times, is reported without its value.
    doc = """\
slakit: 1
name: wide
timezone: UTC
source:
  shape: wide
  pii: [Consult Date]
  milestones: {lead_received: Created, birthday: Date of Birth, contacted: Consult Date}
targets:
  - {id: speed, start: lead_received, stop: contacted, within: 1bd}
"""
    (files / "wide.sla.yaml").write_text(doc, encoding="utf-8")
    (files / "wide.csv").write_text(
        "lead_id,Created,Date of Birth,Consult Date\n"
        "W1,2026-03-02T09:00:00Z,born 1961-07-14 in Quarry Hollow,\n"
        "W2,2026-03-02T09:00:00Z,,called 212.555.0199 Mariagrazia\n", encoding="utf-8")
    # Times read from personal-data columns would print as event times: the document is
    # refused (phi-lead-id), and says so without the data.
    outcome = run(["evaluate", str(files / "wide.sla.yaml"), str(files / "wide.csv"),
                   "-f", "json"], expect=(1,))
    assert "milestone birthday is read from 'Date of Birth'" in outcome.err
    assert "milestone contacted is read from 'Consult Date'" in outcome.err
    assert_no_phi("wide export refusal", outcome.text)
    # The reader, which the library could reach with such columns, still quotes no cell.
    from slakit.reader import ReadSpec, read_events

    table = read_events([files / "wide.csv"], ReadSpec(
        shape="wide", pii=("Consult Date",), milestones={
            "lead_received": "Created", "birthday": "Date of Birth", "contacted": "Consult Date"}))
    bad = [f for f in table.findings if f.code == "bad-timestamp"]
    assert len(bad) == 2
    assert_no_phi("wide export findings", "\n".join(f.message for f in bad))


# -- explain ---------------------------------------------------------------------------------

needs_explain = pytest.mark.skipif("explain" not in COMMANDS, reason="explain has not landed")
LEADS = ("CRM-00101", "CRM-00102", "CRM-00104", "CRM-00105", "CRM-00201")


@needs_explain
@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_holds_no_phi(files: Path, lead: str, fmt: str) -> None:
    outcome = run(["explain", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
                   "--lead", lead, "-f", fmt], expect=(0,))
    assert lead in outcome.out
    assert_no_phi(f"explain {lead} -f {fmt}", outcome.text)


@needs_explain
def test_explain_unknown_lead_holds_no_phi(files: Path) -> None:
    # The did-you-mean list quotes lead ids, never other cells.
    outcome = run(["explain", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
                   "--lead", PHONES[0]], expect=(2,))
    assert "(212) 555-0147" not in outcome.err.replace("'(212) 555-0147'", "")
    outcome = run(["explain", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
                   "--lead", "CRM-0010"], expect=(2,))
    assert_no_phi("explain unknown lead", outcome.text)


@needs_explain
def test_show_pii_shows_phi_so_the_search_works(files: Path) -> None:
    outcome = run(["explain", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
                   "--lead", "CRM-00101", "--show-pii"], expect=(0,))
    assert PHONES[0] in outcome.out
    assert OTHER[6] in outcome.out  # source.pii too


def test_phi_spelled_with_hyphens_is_hidden_by_evaluate(files: Path) -> None:
    # Validate folds '-' when it tests a column for PHI; evaluate did not, and printed
    # Date-of-Birth and First-Name values as segments of the document validate refused.
    doc = DOC.replace("report: {by: [service_line]", "report: {by: [Date-of-Birth, First-Name]")
    (files / "hyphens.sla.yaml").write_text(doc, encoding="utf-8")
    lines = export_text().splitlines()
    hyphens = [lines[0] + ",Date-of-Birth,First-Name"]
    hyphens += [line + f",{OTHER[2 + i % 2]},{NAMES[i % 3]}" for i, line in enumerate(lines[1:])]
    (files / "hyphens.csv").write_text("\n".join(hyphens) + "\n", encoding="utf-8")
    for fmt in ("json", "text", "markdown", "html"):
        outcome = run(["evaluate", str(files / "hyphens.sla.yaml"), str(files / "hyphens.csv"),
                       "-f", fmt, "--by", "Date-of-Birth"])
        assert_no_phi(f"hyphenated PHI columns -f {fmt}", outcome.text)
