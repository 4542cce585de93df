"""A quality target's report counts the events it checked and those that failed (LANGUAGE.md:
"the report also counts events and offending values"), in both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slakit.cli import run

DOC = """\
slakit: 1
name: q
timezone: UTC
targets:
  - {id: messaging, kind: quality, each: {event: [sms, email]}, allow: {template: [a, b]}}
  - {id: speed, start: in, stop: sms, within: 1h}
"""
EVENTS = """\
lead_id,event,timestamp,template
E1,in,2026-03-02T09:00:00Z,
E1,sms,2026-03-02T09:05:00Z,a
E2,in,2026-03-02T09:00:00Z,
E2,sms,2026-03-02T09:10:00Z,a
E2,sms,2026-03-02T09:20:00Z,c
E2,email,2026-03-02T09:30:00Z,
"""


@pytest.mark.parametrize("engine", ["columnar", "reference"])
def test_events_checked_and_offending(engine: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SLAKIT_ENGINE", engine)
    (tmp_path / "q.sla.yaml").write_text(DOC)
    (tmp_path / "e.csv").write_text(EVENTS)
    run(["evaluate", str(tmp_path / "q.sla.yaml"), str(tmp_path / "e.csv"), "-f", "json"])
    messaging, speed = json.loads(capsys.readouterr().out)["targets"]
    # E1: one sms, allowed. E2: sms a (allowed), sms c, email with no template (two offend).
    assert (messaging["events_checked"], messaging["events_offending"]) == (4, 2)
    assert messaging["disallowed_values"] == {"template": {"": 1, "c": 1}}
    assert messaging["counts"]["met"] == 1 and messaging["counts"]["breached"] == 1
    assert (speed["events_checked"], speed["events_offending"]) == (None, None)
