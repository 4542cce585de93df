"""PHI never leaves slakit: no phone, email, name, MRN, date of birth, address, SSN or
``source.pii`` value appears in any output, finding or error message unless ``--show-pii``.

One synthetic export carries personal data in every PHI column (by LANGUAGE.md's names, by a
``source.columns`` mapping, and by ``source.pii``), including rows that are skipped (a bad
timestamp, no lead id, a ragged record) and a repeat inquiry. Every command and format is run
on it and searched for each value and its normalised forms (digits-only phones, lowercased
emails). A control run with ``explain --show-pii`` proves the search would see a leak.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from hostile_kit import Outcome, check_contract, invoke

from slakit.cli import app

COMMANDS = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

PHONES = ("(212) 555-0147", "212.555.0199", "+1 212 555 0123", "646-555-0188")
EMAILS = ("Maria.Gonzalez@patientmail.example", "d.okafor@patientmail.example",
          "kquist@patientmail.example")
NAMES = ("Mariagrazia", "Oyelaran-Whitfield", "Dumebi", "Quistgaard", "Ysolde Featherstonehaugh")
OTHER = ("MRN-48213377", "MRN-59912004", "1961-07-14", "1948-02-29", "4417 Quarry Hollow Rd",
         "078-05-1120", "INS-7731-AZQ", "INS-0045-BXR", "Crescent Vale Apt 9")

FORBIDDEN = (
    *PHONES, *EMAILS, *NAMES, *OTHER,
    *(re.sub(r"\D", "", p)[-10:] for p in PHONES),  # normalised phones (duplicates matching)
    *(e.lower() for e in EMAILS),
    "555-0147", "5550147", "Quarry Hollow", "48213377", "7731-AZQ",
)
"""Every PHI value in the export, and the forms slakit's matching turns them into."""

HEADER = ["lead_id", "event", "timestamp", "service_line", "team", "template", "outcome",
          "reason_code", "phone", "email", "first_name", "Last Name", "patient_name", "MRN",
          "Date of Birth", "address", "Street", "ssn", "insurance_id"]


def _person(i: int) -> dict[str, str]:
    return {
        "phone": PHONES[i % len(PHONES)], "email": EMAILS[i % len(EMAILS)],
        "first_name": NAMES[i % 3], "Last Name": NAMES[(i + 1) % 4],
        "patient_name": NAMES[4], "MRN": OTHER[i % 2], "Date of Birth": OTHER[2 + i % 2],
        "address": OTHER[4], "Street": OTHER[8], "ssn": OTHER[5],
        "insurance_id": OTHER[6 + i % 2],
    }


def _rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(lead: str, event: str, at: str, **cells: str) -> None:
        rows.append({"lead_id": lead, "event": event, "timestamp": at, **cells})

    for i in range(6):
        lead, day = f"CRM-00{i + 101}", f"2026-03-0{i + 2}"
        person = _person(i) if i != 4 else {}  # L-105 never gives phone or email
        add(lead, "lead_received", f"{day}T09:0{i}:00-05:00",
            service_line=["cardiology", "oncology"][i % 2], **person)
        add(lead, "assigned", f"{day}T09:1{i}:00-05:00", team=["cardio", "inside"][i % 2 ^ 1])
        if i % 3:
            add(lead, "sms_sent", f"{day}T09:{20 + 5 * i}:00-05:00",
                template=["ok-v1", "promo-v2"][i % 2], phone=person.get("phone", ""))
        add(lead, "call_attempt", f"{day}T1{i}:00:00-05:00", **person)
        if i % 2:
            add(lead, "outcome", f"{day}T16:00:00-05:00", outcome=["booked", "lost"][i % 4 // 2],
                reason_code="RC2", **({} if i == 3 else person))
    # A repeat inquiry (the same phone as CRM-00101 a week later): a duplicate lead.
    add("CRM-00201", "lead_received", "2026-03-09T09:00:00-04:00", service_line="cardiology",
        **_person(0))
    # Rows skipped for their lead id, time or shape, each full of personal data.
    add("CRM-00301", "lead_received", "not a time", **_person(1))
    add("CRM-00302", "lead_received", "2026-02-30T09:00", **_person(2))
    add("", "lead_received", "2026-03-03T10:00:00-05:00", **_person(3))
    add("CRM-00303", "", "2026-03-03T10:00:00-05:00", **_person(0))
    return rows


def export_text() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in _rows():
        writer.writerow([row.get(h, "") for h in HEADER])
    # A ragged record (one cell too many) whose cells are personal data.
    writer.writerow(["CRM-00304", "lead_received", "2026-03-04T10:00:00-05:00", "cardiology",
                     "", "", "", "", *_person(1).values(), "extra " + PHONES[3]])
    return out.getvalue()


DOC = """\
slakit: 1
name: phi-clinic
title: Clinic follow-up
timezone: America/New_York
source:
  pii: [insurance_id]
  columns: {mrn: MRN, dob: Date of Birth, last_name: Last Name, street: Street}
definitions:
  received: {event: lead_received, require: [phone|email]}
  attempted: {event: [call_attempt, sms_sent]}
  contacted: {event: contacted}
  resolved: {event: outcome, where: {outcome: [booked, lost]}}
closed: resolved
routing:
  check: {on: assigned, field: team}
  rules:
    - {name: cardiology, when: {service_line: cardiology}, team: cardio}
    - {name: everyone else, team: inside}
stages: [received, attempted, resolved]
targets:
  - {id: speed, start: received, stop: attempted, within: 15m, warn: 80%, objective: 95%}
  - {id: cadence, kind: cadence, start: received, attempts: attempted,
     schedule: [15m, 4h, 1bd], until: [contacted, resolved], objective: 80%}
  - {id: documented, kind: quality, on: resolved,
     require: [outcome, insurance_id, mrn, dob, last_name, address|street], objective: 90%}
  - {id: messaging, kind: quality, each: {event: sms_sent}, allow: {template: [ok-v1]},
     require: [phone]}
escalations:
  - {id: unreached, when: {count: attempted, reaches: 2, without: contacted}, action: review}
  - {id: no-contact, when: {unmet: [phone|email], after: 1h}, action: cleanup}
duplicates: {match: [phone, email], within: 30d}
outcomes: {field: outcome, values: {booked: won, lost: lost}, reason: reason_code}
report: {by: [service_line], aging: [1bd, 3bd]}
"""

ABUSIVE_DOC = DOC.replace("report: {by: [service_line], aging: [1bd, 3bd]}", """\
report: {by: [phone, first_name], aging: [1bd, 3bd]}""").replace(
    "reason: reason_code", "reason: email").replace(
    "allow: {template: [ok-v1]}", "allow: {template: [ok-v1], mrn: [x], insurance_id: [y]}"
).replace("check: {on: assigned, field: team}", "check: {on: assigned, field: phone}").replace(
    "when: {service_line: cardiology}", "when: {email: x@example.org}")
"""The same document, also segmenting, routing and reporting on PHI (invalid: validate
refuses it); evaluate must still print no PHI value."""


def assert_no_phi(where: str, text: str) -> None:
    """Fail naming the first PHI value found in ``text``."""
    for value in FORBIDDEN:
        assert value not in text, f"{where}: PHI value {value!r} is in the output:\n" + \
            text[max(0, text.find(value) - 300): text.find(value) + 300]


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
    (), ("--view", "operations"), ("--by", "phone"), ("--by", "email", "--by", "MRN"),
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


def test_evaluate_of_a_document_that_abuses_phi_holds_no_phi(files: Path) -> None:
    # validate refuses the document; evaluate runs it and must still print no value.
    outcome = run(["validate", str(files / "abusive.sla.yaml"), "-f", "json"], expect=(1,))
    assert {p["code"] for f in json.loads(outcome.out)["files"] for p in f["problems"]} == \
        {"phi-column"}
    for where, text in _evaluate_all(files, "abusive.sla.yaml"):
        assert_no_phi(f"abusive document {where}", text)


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
    outcome = run(["evaluate", str(files / "wide.sla.yaml"), str(files / "wide.csv"),
                   "-f", "json"])
    findings = json.loads(outcome.out)["findings"]
    assert sum(f["total"] for f in findings if f["code"] == "bad-timestamp") == 2
    assert_no_phi("wide export findings", outcome.text)


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
