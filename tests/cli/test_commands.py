"""Every command has help with an example and a section in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from slakit.cli import app, run

REPO = Path(__file__).resolve().parent.parent.parent
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"validate", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Examples?:", out), out
    assert re.search(rf"^\s+slakit {command}\b", out, re.MULTILINE), out


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command: str) -> None:
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert re.search(rf"^## `slakit {command}\b", docs, re.MULTILINE), (
        f"docs/cli.md needs a '## `slakit {command} ...`' section")


CONSULT = ["examples/consult-follow-up/consult.sla.yaml", "examples/consult-follow-up/events.csv"]


@pytest.mark.parametrize(("value", "code"), [
    ("0", 0), ("0%", 0), (" 0 % ", 0), ("100", 1), ("99.5%", 1),
    ("101", 2), ("101%", 2), ("-1", 2), ("abc", 2), ("1/2", 2), ("nan", 2), ("", 2),
    ("0.95", 2), ("0.5%", 0),  # a share typed for a percentage is asked about, not taken
])
def test_fail_under_takes_a_percentage_with_or_without_the_sign(
        value: str, code: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert run(["evaluate", *CONSULT, "-f", "json", "--fail-under", value]) == code
    if code == 2:
        err = capsys.readouterr().err
        assert "--fail-under takes a percentage" in err or "write 95% for 95%" in err


@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_a_from_to_window_holding_no_instant_is_bad_usage(
        command: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    lead = ["--lead", "L-900001"] if command == "explain" else []
    for window in (["--from", "2026-03-01", "--to", "2026-02-01"],
                   ["--from", "2026-03-01", "--to", "2026-03-01"]):
        assert run([command, *CONSULT, *lead, *window]) == 2
        assert "is not before --to" in capsys.readouterr().err
