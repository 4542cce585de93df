"""Golden files of the synthetic report: JUnit, Markdown and GitHub annotations.

Regenerate after an intended change with ``SLAKIT_UPDATE_GOLDEN=1 pytest tests/report`` and
review the diff. (HTML is checked by structure in test_html_format.py: a golden page would
break on every stylesheet tweak.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_synthetic import synthetic_report

from slakit.report import FORMATS, RenderOptions

GOLDEN = Path(__file__).parent.parent / "golden" / "report" / "synthetic"
FILES = {"junit": "report.xml", "markdown": "report.md", "github": "report.github.txt"}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_golden(fmt: str) -> None:
    text = FORMATS[fmt].render(synthetic_report(), RenderOptions())
    path = GOLDEN / FILES[fmt]
    if os.environ.get("SLAKIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing {path}: run with SLAKIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_every_format_is_documented() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "report.md").read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"## `{name}`" in docs, name
