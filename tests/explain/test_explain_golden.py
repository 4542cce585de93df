"""Golden stories of the consult example's leads, in text and JSON.

Regenerate after an intended change with ``SLAKIT_UPDATE_GOLDEN=1 pytest tests/explain`` and
read the diff: each file is what a person in a dispute would read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slakit.cli import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "consult-follow-up"
GOLDEN = REPO / "tests" / "golden" / "explain"

LEADS = {
    "L-900001": "met at exactly the 15m budget; near-breach fires",
    "L-900029": "time-to-resolution met thanks to a clinical-review pause",
    "L-100112": "time-to-resolution breached with a pause; cadence window 3 missed",
    "L-900014": "resolved before any attempt: speed and cadence cancelled",
    "L-900039": "cadence breached: window 2 missed",
    "L-900025": "unreached-after-3 fires and is actioned",
    "L-900026": "unreached-after-3 fires, not actioned in time",
    "L-900012": "night desk in Los Angeles: after-hours budget, times in PT",
    "L-900021": "a duplicate of L-900020",
}
FORMATS = {"text": "txt", "json": "json"}


@pytest.fixture(autouse=True)
def _relative_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    # Events carry the export's path as given: run from the repository root so that it reads
    # the same on every machine.
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lead", sorted(LEADS))
def test_golden(lead: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = run_relative(lead, fmt, capsys)
    path = GOLDEN / f"{lead}.{FORMATS[fmt]}"
    if os.environ.get("SLAKIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing {path}: run with SLAKIT_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8")


def run_relative(lead: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = run(["explain", "examples/consult-follow-up/consult.sla.yaml",
                "examples/consult-follow-up/events.csv", "--lead", lead, "-f", fmt])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def test_json_is_byte_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_relative("L-100112", "json", capsys)
    assert run_relative("L-100112", "json", capsys) == first
