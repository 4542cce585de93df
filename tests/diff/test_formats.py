"""Output formats: golden files (SLAKIT_UPDATE_GOLDEN=1 rewrites them) and clean tables."""

from __future__ import annotations

import json
import os
import re
from fractions import Fraction
from pathlib import Path

import pytest

from slakit.changes import FORMATS, DiffReport, Replay, SegmentImpact, TargetImpact, diff_documents
from slakit.loader import load

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "github": "github.txt"}


def report() -> DiffReport:
    base = load((GOLDEN / "base.sla.yaml").read_text(), name="main:sla/consult.sla.yaml")
    head = load((GOLDEN / "head.sla.yaml").read_text(), name="sla/consult.sla.yaml")
    replay = Replay(
        as_of=1_775_854_800_000_000,
        timezone="America/New_York",
        leads=432,
        targets=(
            TargetImpact("speed-to-first-attempt", True, True, Fraction(7, 8), Fraction(214, 305),
                         304, 305, 12, tuple(f"L-10{i:04d}" for i in range(10)),
                         (("met", "breached", 11), ("at_risk", "breached", 1)),
                         (SegmentImpact((("channel", "form"),), Fraction(9, 10), Fraction(3, 4)),
                          SegmentImpact((("channel", "x|y"),), None, None))),
            TargetImpact("documented-outcome", True, True, Fraction(316, 329),
                         Fraction(316, 329), 329, 329, 0, (), ()),
        ),
    )
    return DiffReport(diff_documents(base, head), replay)


@pytest.mark.parametrize("name", list(FORMATS))
def test_golden(name: str) -> None:
    rendered = FORMATS[name].render(report())
    path = GOLDEN / f"diff.{SUFFIX[name]}"
    if os.environ.get("SLAKIT_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_every_format_has_a_golden_file() -> None:
    assert set(FORMATS) == set(SUFFIX)


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


def test_markdown_tables_are_clean() -> None:
    md = FORMATS["markdown"].render(report())
    blocks = [b for b in md.split("\n\n") if b.startswith("|")]
    assert len(blocks) == 3
    for block in blocks:
        rows = block.strip("\n").splitlines()
        assert re.fullmatch(r"\|( --- \|)+", rows[1])
        assert {_cells(r) for r in rows} == {_cells(rows[0])}
    assert "next_step_date\\|reason_code" in md


def test_json_is_reproducible_and_exact() -> None:
    first = FORMATS["json"].render(report())
    assert first == FORMATS["json"].render(report())
    data = json.loads(first)
    fast = data["replay"]["targets"][0]
    assert (fast["old_compliance"], fast["new_compliance"], fast["delta_points"]) == (
        0.875, 0.7016, -17.34)
    assert data["summary"] == {"loosened": 5, "tightened": 2, "changed": 2}  # Nbd: hours changed


def test_github_annotates_a_removal_on_the_head_file_and_lists_past_ten_per_level() -> None:
    from slakit.changes import Change, DiffResult

    loosened = [Change("target-removed", "loosened", f"targets[t{i}]", "t", None, 40 + i, None,
                       "a target was removed") for i in range(12)]
    result = DiffResult("main:slas/a.sla.yaml", "slas/a.sla.yaml", "0", "1", tuple(loosened))
    lines = FORMATS["github"].render(DiffReport(result)).splitlines()
    # GitHub shows annotations on the head version: a removed target has no line there.
    assert lines[0] == ("::warning file=slas/a.sla.yaml,title=target-removed::loosened: "
                        "a target was removed (t -> -)")
    assert sum(line.startswith("::warning") for line in lines) == 10
    assert lines[10].startswith("::notice::2 more warnings not shown as annotations")
    assert lines[11:13] == [f"target-removed targets[t{i}]: loosened: a target was removed "
                            "(t -> -)" for i in (10, 11)]
    assert lines[-1] == ("main:slas/a.sla.yaml -> slas/a.sla.yaml: 12 loosened, 0 tightened, "
                         "0 changed")


def test_github_overflow_notice_stays_within_ten_notices() -> None:
    from slakit.changes import Change, DiffResult

    changed = [Change("routing-rule-reordered", "changed", f"routing.rules[r{i}]", None, None,
                      None, 10 + i, "a routing rule moved") for i in range(13)]
    result = DiffResult("a.sla.yaml", "b.sla.yaml", "0", "1", tuple(changed))
    lines = FORMATS["github"].render(DiffReport(result)).splitlines()
    notices = [line for line in lines if line.startswith("::notice")]
    assert len(notices) == 10  # 9 changes and the line saying 4 more follow
    assert notices[-1].startswith("::notice::4 more notices not shown as annotations")
