"""`--view` prints only that view's sections, in order; golden Markdown per built-in view."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slakit.cli import run

ROOT = Path(__file__).resolve().parents[2]
CONSULT = ROOT / "examples" / "consult-follow-up"
FIXTURE = ROOT / "tests" / "engine" / "data" / "fixture"
GOLDEN = ROOT / "tests" / "golden" / "views"


def _evaluate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(["evaluate", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("view", ["leadership", "operations", "marketing"])
def test_view_golden(
    view: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # relative paths, as a user types them, so the golden is portable
    code, out = _evaluate(capsys, "examples/consult-follow-up/consult.sla.yaml",
                          "examples/consult-follow-up/events.csv", "--view", view, "-f", "markdown")
    assert code == 1  # the example misses objectives on purpose
    golden = GOLDEN / f"consult-{view}.md"
    if os.environ.get("SLAKIT_UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


SECTION_TITLES = {
    "targets": "### Targets", "outcomes": "### Outcomes", "aging": "### Aging of open leads",
    "trend": "### Trend by week", "routing": "### Routing", "stages": "### Stages",
    "escalations": "### Escalations", "findings": "### Data",
}


@pytest.mark.parametrize(
    ("view", "sections"),
    [
        ("leadership", ["targets", "outcomes", "aging", "trend"]),
        ("operations", ["routing", "stages", "escalations", "findings"]),
    ],
)
def test_view_sections_in_order(
    view: str, sections: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _evaluate(capsys, str(CONSULT / "consult.sla.yaml"), str(CONSULT / "events.csv"),
                       "--view", view, "-f", "markdown")
    positions = [out.find(SECTION_TITLES[s]) for s in sections]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    for other in set(SECTION_TITLES) - set(sections):
        assert SECTION_TITLES[other] not in out


def test_built_in_views_without_document_views(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _evaluate(capsys, str(FIXTURE / "basics.sla.yaml"), str(FIXTURE / "events.csv"),
                          "--view", "operations", "-f", "markdown")
    assert code == 0
    assert "### Escalations" in out and "### Targets" not in out


def test_unknown_view_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["evaluate", str(FIXTURE / "basics.sla.yaml"), str(FIXTURE / "events.csv"),
                "--view", "finance"])
    assert code == 2
    assert "leadership" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["json", "html", "text"])
def test_view_works_with_every_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _evaluate(capsys, str(CONSULT / "consult.sla.yaml"), str(CONSULT / "events.csv"),
                          "--view", "operations", "-f", fmt)
    assert code == 1
    assert "unreached-after-3" in out  # escalations are in the operations view


@pytest.mark.parametrize(("view", "blocks"), [
    ("operations", ["routing", "stages", "escalations", "findings"]),
    ("leadership", ["targets", "outcomes", "aging"]),
    ("marketing", ["targets"]),
])
def test_json_leaves_out_the_blocks_a_view_does_not_show(
        view: str, blocks: list[str], capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    import json

    _, out = _evaluate(capsys, str(CONSULT / "consult.sla.yaml"), str(CONSULT / "events.csv"),
                       "--view", view, "-f", "json")
    head = ["report_version", "slakit", "sla", "as_of", "input", "environment", "passed"]
    assert list(json.loads(out)) == head + blocks
