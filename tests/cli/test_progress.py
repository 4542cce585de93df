"""The progress bar: what evaluate reports (``slakit.progress``), and where the bar shows."""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

import slakit
from slakit import progress
from slakit.cli.app import progress_bar

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "consult-follow-up"


class _Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, int | None]] = []

    def step(self, what: str, total: int | None) -> None:
        self.events.append((what, total))

    def advance(self, done: int) -> None:
        self.events.append(("done", done))


def _stages(events: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    return [e for e in events if e[0] != "done"]


def test_evaluate_reports_the_bytes_read_then_its_stages(tmp_path: Path) -> None:
    csv = EXAMPLE / "events.csv"
    packed = tmp_path / "events.csv.gz"
    packed.write_bytes(gzip.compress(csv.read_bytes(), mtime=0))
    recorder = _Recorder()
    with progress.listening(recorder):
        result = slakit.evaluate(EXAMPLE / "consult.sla.yaml", [csv, packed])
    total = 2 * csv.stat().st_size  # the gzip file counts its decompressed bytes
    assert _stages(recorder.events) == [
        ("reading 2 exports", total),
        (f"judging {len(result.table.lead_ids):,} leads", None),
        ("writing the report", None)]
    done = [n for what, n in recorder.events if what == "done"]
    assert done and done == sorted(done) and done[-1] == total
    assert not progress.active()  # the listener is gone after the run


def test_no_listener_no_reports() -> None:
    assert not progress.active()
    progress.step("nobody hears this", 3)
    progress.advance(2)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "env", "shown"), [
    (True, {}, True), (False, {}, False), (True, {"CI": "true"}, False),
    (True, {"TERM": "dumb"}, False), (True, {"NO_COLOR": "1"}, True)])
def test_the_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch, tty: bool,
                                          env: dict[str, str], shown: bool) -> None:
    for name in ("CI", "TERM", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stderr", _Tty() if tty else io.StringIO())
    with progress_bar():
        assert progress.active() is shown
    assert not progress.active()
    assert os.environ.get("CI") == env.get("CI")
