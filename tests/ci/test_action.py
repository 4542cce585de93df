"""``action.yml``: its inputs, and its step scripts run as GitHub would run them.

The scripts are executed with bash in a scratch git repository whose ``origin`` is a local
folder, with the environment the action's ``env:`` blocks would give them (no network).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = {s["name"]: s for s in ACTION["runs"]["steps"]}
CONSULT = REPO / "examples" / "consult-follow-up" / "consult.sla.yaml"

needs_tools = pytest.mark.skipif(
    not (shutil.which("bash") and shutil.which("git") and shutil.which("slakit")),
    reason="needs bash, git and the slakit command on PATH",
)


def test_inputs() -> None:
    inputs = ACTION["inputs"]
    assert set(inputs) == {"sla", "events", "base-ref", "python-version", "fail-on"}
    assert inputs["sla"]["required"] is True
    assert inputs["python-version"]["default"] == "3.11"
    assert ACTION["runs"]["using"] == "composite"


def test_inputs_reach_scripts_only_through_the_environment() -> None:
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step["name"]
            assert step["shell"] == "bash"


def test_install_uses_the_action_path() -> None:
    assert '"$GITHUB_ACTION_PATH"' in STEPS["Install slakit"]["run"]


def _step(name: str) -> str:
    return str(STEPS[name]["run"])


def _bash(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "GITHUB_ACTIONS": "true", **env}
    full.pop("GITHUB_STEP_SUMMARY", None)
    full.update(env)
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=120, check=False)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture()
def checkout(tmp_path: Path) -> Path:
    """A clone of a repository whose main branch holds slas/consult.sla.yaml."""
    origin = tmp_path / "origin"
    (origin / "slas").mkdir(parents=True)
    shutil.copy(CONSULT, origin / "slas" / "consult.sla.yaml")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", ".")
    _git(origin, "commit", "-q", "-m", "sla")
    work = tmp_path / "work"
    _git(tmp_path, "clone", "-q", "--depth=1", origin.as_uri(), str(work))
    _git(work, "checkout", "-q", "-b", "change")
    return work


@needs_tools
def test_validate_step(checkout: Path) -> None:
    done = _bash(_step("Validate the document"), checkout, SLA="slas/consult.sla.yaml")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 file valid\n"


@needs_tools
def test_evaluate_step(tmp_path: Path) -> None:
    subprocess.run(["slakit", "init", str(tmp_path / "sla")], check=True, capture_output=True)
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    done = _bash(_step("Evaluate it on the export"), tmp_path, SLA="sla/starter.sla.yaml",
                 EVENTS="sla/*.csv", RUNNER_TEMP=str(tmp_path), GITHUB_OUTPUT=str(output),
                 GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 0, done.stderr
    report = tmp_path / "slakit-evaluate.xml"
    assert output.read_text(encoding="utf-8") == f"junit={report}\n"
    assert "<testsuites" in report.read_text(encoding="utf-8")
    assert "first-response" in summary.read_text(encoding="utf-8")
    # The log holds annotations: each target on the line of its objective in the document.
    assert re.search(r"^::notice file=sla/starter\.sla\.yaml,line=\d+,col=\d+,"
                     r"title=first-response::", done.stdout, re.M), done.stdout


@needs_tools
def test_diff_step_fails_on_a_loosened_promise(checkout: Path) -> None:
    doc = checkout / "slas" / "consult.sla.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(re.sub(r"within: 15m ", "within: 20m ", text, count=1), encoding="utf-8")
    script = _step("Diff against the base branch")
    env = {"SLA": "slas/consult.sla.yaml", "BASE_REF": "main"}
    loosened = _bash(script, checkout, FAIL_ON="loosened", **env)
    assert loosened.returncode == 1, loosened.stderr
    # The change is an annotation on the line that made it.
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "within: 15m " in t)
    assert (f"::warning file=slas/consult.sla.yaml,line={line},title=target-budget-loosened::"
            "loosened:") in loosened.stdout
    assert _bash(script, checkout, FAIL_ON="tightened changed", **env).returncode == 0
    assert _bash(script, checkout, FAIL_ON="never", **env).returncode == 0


@needs_tools
def test_diff_step_skips_a_new_document(checkout: Path) -> None:
    shutil.copy(CONSULT, checkout / "slas" / "new.sla.yaml")
    done = _bash(_step("Diff against the base branch"), checkout, SLA="slas/new.sla.yaml",
                 BASE_REF="main", FAIL_ON="any")
    assert done.returncode == 0, done.stderr
    assert "::notice" in done.stdout and "is new" in done.stdout
