"""Findings keep their true total even when the reader lists only the first rows of a code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slakit.cli import run


def test_capped_row_findings_still_count_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "e.csv"
    bad = "".join(f"L{i},inquiry,not-a-time\n" for i in range(250))
    events.write_text(f"lead_id,event,timestamp\n{bad}L1,inquiry,2026-01-05T10:00:00\n")
    doc = tmp_path / "d.sla.yaml"
    doc.write_text("slakit: 1\nname: d\ntargets:\n  - {id: t, start: inquiry, stop: call, "
                   "within: 1h}\n")
    assert run(["evaluate", str(doc), str(events), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (finding,) = report["findings"]
    assert finding["code"] == "bad-timestamp"
    assert finding["total"] == 250
    assert len(finding["examples"]) == 100
    assert [e["row"] for e in finding["examples"]][:3] == [2, 3, 4]
    assert report["input"]["skipped_rows"] == 250


def test_a_finding_about_a_lead_has_no_file(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    events = tmp_path / "e.csv"
    events.write_text("lead_id,event,timestamp,phone\nL1,inquiry,2026-01-05T10:00:00,\n")
    doc = tmp_path / "d.sla.yaml"
    doc.write_text("slakit: 1\nname: d\ndefinitions:\n  in: {event: inquiry, require: [phone]}\n"
                   "targets:\n  - {id: t, start: in, stop: call, within: 1h}\n")
    assert run(["evaluate", str(doc), str(events), "-f", "json"]) == 0
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["code"] == "requirement-never-met"
    assert finding["examples"] == [{"file": None, "row": None, "lead_id": "L1", "message": (
        "in: an event matched but phone never held by as-of")}]
