"""The library API CLI.md promises: one function per command at ``slakit.*``, still callable
after the machinery behind it has been imported (a subpackage of the same name used to
replace ``slakit.diff`` on its first call)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import slakit
from slakit.changes import InvalidSideError
from slakit.story import FORMATS, UnknownLead

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "examples" / "consult-follow-up"
CONSULT = FOLDER / "consult.sla.yaml"
EVENTS = FOLDER / "events.csv"


@pytest.mark.parametrize("name", ["load", "validate", "evaluate", "diff", "explain"])
def test_each_command_has_a_function_that_stays_one(name: str) -> None:
    # Every subpackage imported first, in a fresh interpreter: nothing may shadow a function.
    code = ("import pkgutil, importlib, slakit, types\n"
            "for m in pkgutil.walk_packages(slakit.__path__, 'slakit.'):\n"
            "    if m.name != 'slakit.__main__':  # runs the command\n"
            "        importlib.import_module(m.name)\n"
            f"assert isinstance(slakit.{name}, types.FunctionType), type(slakit.{name})\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_diff_twice_takes_documents_paths_and_revisions(tmp_path: Path) -> None:
    base = slakit.load(CONSULT)
    assert not slakit.diff(base, base).changes
    assert not slakit.diff(base, CONSULT).changes  # a second call: still the function
    head = tmp_path / "head.sla.yaml"
    head.write_text(CONSULT.read_text().replace("within: 15m", "within: 20m"))
    result = slakit.diff(str(CONSULT), head)
    assert result.summary() == "1 loosened, 0 tightened, 0 changed"
    assert [c.code for c in result.changes] == ["target-budget-loosened"]


def test_diff_names_an_invalid_side(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sla.yaml"
    bad.write_text("slakit: 1\nname: x\ntimezone: Mars/Olympus\n")
    with pytest.raises(InvalidSideError) as caught:
        slakit.diff(CONSULT, bad)
    assert caught.value.side == "head"


def test_explain_tells_the_same_story_as_the_command() -> None:
    story = slakit.explain(CONSULT, [EVENTS], "L-900010")
    assert story.targets[0].sentence.startswith("met: first_attempt at Sun 2026-03-08 03:40")
    command = subprocess.run(
        [sys.executable, "-m", "slakit", "explain", str(CONSULT), str(EVENTS), "--lead",
         "L-900010", "-f", "json"], capture_output=True, text=True, check=True)
    assert FORMATS["json"].render(story) == command.stdout
    with pytest.raises(UnknownLead):
        slakit.explain(CONSULT, [EVENTS], "L-9000100")


def test_the_report_as_data_is_the_json_the_command_prints() -> None:
    result = slakit.evaluate(CONSULT, [EVENTS])
    command = subprocess.run(
        [sys.executable, "-m", "slakit", "evaluate", str(CONSULT), str(EVENTS), "-f", "json"],
        capture_output=True, text=True)
    assert command.returncode == 1  # the example's gate fails by design
    assert result.report.to_dict() == json.loads(command.stdout)
