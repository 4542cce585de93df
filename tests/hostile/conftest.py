"""Hostile-input tests: the shared kit on the path, and the fuzz case count in the summary."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_kit import FUZZ


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many generated cases the fuzz tests ran (the suite's acceptance figure)."""
    if FUZZ["cases"]:
        terminalreporter.write_line(
            f"fuzz cases: {FUZZ['cases']} ({FUZZ['seconds']:.1f} s in slakit)"
        )
