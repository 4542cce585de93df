"""The ``slakit-validate`` pre-commit hook, installed the way users install it.

``pre-commit try-repo`` builds a virtualenv and pip-installs this repository into it (from
its committed HEAD plus the changes to tracked files), so it needs PyPI and takes a little
while; it is skipped only when the ``pre-commit`` executable is missing
(``pip install -e '.[test]'`` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = "examples/consult-follow-up/consult.sla.yaml"


def test_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "slakit-validate")
    assert hook["entry"] == "slakit validate"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.sla\.ya?ml$"


@pytest.mark.skipif(shutil.which("pre-commit") is None,
                    reason="the pre-commit executable is missing (pip install pre-commit)")
def test_try_repo_validates_a_document(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    # Run the hook in a scratch repository holding a copy of the document, so that edits to
    # this checkout while the hook runs cannot look like changes the hook made.
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / DOCUMENT, project / "consult.sla.yaml")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    done = subprocess.run(
        ["pre-commit", "try-repo", str(REPO), "slakit-validate", "--files", "consult.sla.yaml",
         "--color", "never"],
        cwd=project, capture_output=True, text=True, timeout=900, check=False,
        env={**_environ(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "slakit validate" in done.stdout and "Passed" in done.stdout


def _environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
