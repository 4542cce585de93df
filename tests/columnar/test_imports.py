"""Start-up stays light: ``--help`` needs no numpy or pyarrow, and nothing ever imports pandas."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "consult-follow-up"
HEAVY = ("numpy", "pyarrow", "pandas")


def _modules_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter and return which of ``HEAVY`` it imported."""
    probe = (f"import sys\n{code}\n"
             f"print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("SLAKIT_ENGINE", None)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, check=True)
    found: list[str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return found


def _cli(*args: str) -> str:
    return ("import runpy, sys\n"
            f"sys.argv = ['slakit', *{list(args)!r}]\n"
            "try:\n    runpy.run_module('slakit', run_name='__main__')\n"
            "except SystemExit:\n    pass")


def test_help_imports_neither_numpy_nor_pyarrow() -> None:
    assert _modules_after(_cli("--help")) == []
    assert _modules_after(_cli("evaluate", "--help")) == []


def test_validate_imports_no_pyarrow_or_pandas() -> None:
    found = _modules_after(_cli("validate", str(EXAMPLE / "consult.sla.yaml")))
    assert "pyarrow" not in found and "pandas" not in found


def test_evaluate_never_imports_pandas() -> None:
    code = ("import slakit\n"
            f"r = slakit.evaluate({str(EXAMPLE / 'consult.sla.yaml')!r}, "
            f"[{str(EXAMPLE / 'events.csv')!r}])\n"
            "assert r.leads and r.report.targets")
    found = _modules_after(code)
    assert "numpy" in found and "pandas" not in found
    found = _modules_after(_cli("evaluate", str(EXAMPLE / "consult.sla.yaml"),
                                str(EXAMPLE / "events.csv"), "-f", "html"))
    assert "pandas" not in found


def test_json_report_imports_no_other_format() -> None:
    code = _cli("evaluate", str(EXAMPLE / "consult.sla.yaml"), str(EXAMPLE / "events.csv"),
                "-f", "json") + (
        "\nimport json\n"
        "lazy = ('rich', 'slakit.report.html_format', 'slakit.report.junit_format', "
        "'slakit.report.text_format', 'slakit.report.charts')\n"
        "print(json.dumps([m for m in lazy if m in sys.modules]))")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("SLAKIT_ENGINE", None)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
