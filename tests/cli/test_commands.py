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
