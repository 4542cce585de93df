"""docs/ci.md's workflow and pre-commit config match action.yml and .pre-commit-hooks.yaml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS: list[Any] = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", DOC, re.S)]


def test_workflow_uses_only_inputs_the_action_has() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    workflow = next(b for b in BLOCKS if "jobs" in b)
    steps = workflow["jobs"]["sla"]["steps"]
    ours = next(s for s in steps if str(s.get("uses", "")).split("@")[0].endswith("/slakit"))
    assert set(ours["with"]) <= set(action["inputs"])
    assert set(action["inputs"]) - set(ours["with"]) <= {"python-version"}
    assert all(f"`{name}`" in DOC for name in action["inputs"])


def test_pre_commit_config_names_the_hook() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = next(b for b in BLOCKS if "repos" in b)
    used = {h["id"] for r in config["repos"] for h in r["hooks"]}
    assert used <= {h["id"] for h in hooks}
