"""JSON for machines: stable keys and order, exact values rounded only at the edge."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from slakit.changes.formats.base import DiffFormat, DiffReport, as_of_text, points_number
from slakit.report import safe
from slakit.report.numbers import share

if TYPE_CHECKING:
    from slakit.changes.impact import Replay

DIFF_VERSION = 1
"""Changes when the JSON shape breaks."""


def _replay(replay: Replay) -> dict[str, Any]:
    return {
        "as_of": as_of_text(replay),
        "leads": replay.leads,
        "targets": [
            {
                "id": t.target,
                "in_base": t.in_base,
                "in_head": t.in_head,
                "old_compliance": share(t.old_compliance),
                "new_compliance": share(t.new_compliance),
                "delta_points": points_number(t.delta_points),
                "old_judged": t.old_judged,
                "new_judged": t.new_judged,
                "changed_leads": t.changed_leads,
                "examples": list(t.examples),
                "transitions": [{"from": a, "to": b, "leads": n} for a, b, n in t.transitions],
                "segments": [
                    {"key": dict(s.key), "old_compliance": share(s.old_compliance),
                     "new_compliance": share(s.new_compliance)}
                    for s in t.segments
                ],
            }
            for t in replay.targets
        ],
    }


class JsonFormat(DiffFormat):
    """``{"diff_version": 1, "base", "head", "summary", "changes", "replay"}``."""

    name = "json"
    machine = True

    def render(self, report: DiffReport) -> str:
        """Render the whole report as one JSON object."""
        r = report.result
        data = {
            "diff_version": DIFF_VERSION,
            "base": {"name": r.base, "sha256": r.base_sha256},
            "head": {"name": r.head, "sha256": r.head_sha256},
            "summary": r.counts(),
            "changes": [
                {"code": c.code, "direction": c.direction, "path": c.path, "old": c.old,
                 "new": c.new, "base_line": c.base_line, "head_line": c.head_line,
                 "message": c.message}
                for c in r.changes
            ],
            "replay": None if report.replay is None else _replay(report.replay),
        }
        return safe.json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
