"""Every bundled example renders in every report format: goldens for the machine formats,
structural checks for HTML (well-formed, one titled SVG per chart, offline, data inert)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from html_check import check

from slakit.cli import run

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "examples"
EXAMPLES = {
    "consult-follow-up": ("consult.sla.yaml", "events.csv"),
    "partner-delivery": ("partner.sla.yaml", "events.csv"),
    "multi-region": ("multi-region.sla.yaml", "events.csv"),
}


def _paths(name: str) -> list[str]:
    doc, events = EXAMPLES[name]
    return [f"examples/{name}/{doc}", f"examples/{name}/{events}"]


def _golden(path: Path, text: str) -> None:
    if os.environ.get("SLAKIT_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # relative paths, as a user types them, keep goldens portable


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", "md"), ("junit", "junit.xml"),
                                             ("github", "github.txt")])
def test_machine_format_golden(
    name: str, fmt: str, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["evaluate", *_paths(name), "-f", fmt]) in (0, 1)
    out = capsys.readouterr().out
    if fmt == "junit":
        root = ET.fromstring(out)
        assert root.tag == "testsuites"
        (suite,) = root.findall("testsuite")
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases) > 0
        assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None
                                                       for c in cases)
    _golden(GOLDEN / f"{name}.{suffix}", out)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_html_of_every_example(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    assert run(["evaluate", *_paths(name), "-o", f"html={target}", "-f", "json"]) in (0, 1)
    capsys.readouterr()
    page = target.read_text(encoding="utf-8")
    checker = check(page)
    assert checker.errors == []
    assert checker.tags["svg"] >= 3
    titled = [v for tag, attr, v in checker.attrs if tag == "svg" and attr == "aria-labelledby"]
    assert len(titled) == checker.tags["svg"]
    assert "http" not in page
    assert "<script" not in page.lower()


def test_injected_lead_id_renders_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc, events = _paths("consult-follow-up")
    text = Path(events).read_text(encoding="utf-8")
    hostile = tmp_path / "events.csv"
    hostile.write_text(text.replace("L-100034", "<script>alert(1)</script>"), encoding="utf-8")
    target = tmp_path / "report.html"
    assert run(["evaluate", doc, str(hostile), "-o", f"html={target}", "-f", "json"]) in (0, 1)
    capsys.readouterr()
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # L-100034 is a misrouted lead
    assert check(page).errors == []


BROKEN = """\
slakit: 1
name: broken
routing:
  rules:
    - {name: everyone, team: desk, calendar: ofice}
targets:
  - {id: t, start: inquiry, stop: call, within: 15m, warn: 120%}
"""


def test_validate_github_annotations_golden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("broken.sla.yaml").write_text(BROKEN, encoding="utf-8")
    Path("bad-key.sla.yaml").write_text(BROKEN.replace("within:", "withn:"), encoding="utf-8")
    assert run(["validate", "broken.sla.yaml", "bad-key.sla.yaml", "-f", "github"]) == 1
    _golden(GOLDEN / "validate-broken.github.txt", capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_text_shows_every_trend_value_of_the_markdown(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trend over more targets than fit 100 columns continues in a second table: rich
    squeezed the seventh target of the partner example to "accep" and dropped its values."""
    assert run(["evaluate", *_paths(name), "-f", "markdown"]) in (0, 1)
    markdown = capsys.readouterr().out
    trend = markdown[markdown.index("Trend by"):].split("\n\n")[1]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in trend.splitlines()
            if line.startswith("| 20")]
    assert run(["evaluate", *_paths(name), "-f", "text"]) in (0, 1)
    text = capsys.readouterr().out
    for row in rows:
        shown = [line.split() for line in text.splitlines() if line.split()[:1] == [row[0]]]
        assert sorted(v for line in shown for v in line[1:]) == sorted(v for v in row[1:] if v)


def test_a_narrow_tables_title_and_note_wrap_to_the_page_not_the_table() -> None:
    """rich wraps a table's own title and caption to the table's width: a two-column table
    printed "resolution-coded: what" / "failed" and its note a few words a line."""
    import io

    from rich.console import Console

    from slakit.report.tables import Table
    from slakit.report.text_format import _rich

    title = "resolution-coded-within-the-quarter: what failed"
    note = "412 of 20769 events checked failed, across every team and calendar of the document"
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None).print(
        _rich(Table(title, ("problem", "count"), (("missing x", "3"),), note)))
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    assert lines[0] == title
    assert lines[-1] == note


@pytest.mark.parametrize(("as_of", "noted"), [(None, True), ("2026-04-20T00:00:00-04:00", False)])
def test_a_trend_says_when_its_last_period_is_not_over(
        as_of: str | None, noted: bool, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """The last week's compliance, a few days in, reads like any other week's: the table says
    that week runs past as-of."""
    extra = ["--as-of", as_of] if as_of else []
    assert run(["evaluate", *_paths("consult-follow-up"), "-f", "markdown", *extra]) in (0, 1)
    out = capsys.readouterr().out
    assert ("the last week, 2026-W15, is not over at as-of" in out) is noted

