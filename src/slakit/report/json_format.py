"""The JSON report (CLI.md "JSON report of evaluate"), stable under ``report_version``."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from slakit.errors import Finding
from slakit.report import safe
from slakit.report.base import Format, RenderOptions
from slakit.report.model import REPORT_VERSION, OutcomeMix, Report
from slakit.report.numbers import instant, minutes, share


def _finding(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"file": f.file or None, "row": f.row, "message": f.message}
    if f.lead_id:
        out["lead_id"] = f.lead_id
    return out


def _mix(mix: OutcomeMix) -> dict[str, Any]:
    return {
        "won": mix.won, "open": mix.open, "lost": mix.lost,
        "values": mix.values, "lost_reasons": mix.lost_reasons,
    }


def report_dict(report: Report, sections: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The report as plain JSON-ready data; ``sections`` drops the blocks a view leaves out."""
    zone = ZoneInfo(report.timezone)
    show = set(sections) if sections is not None else None

    def wanted(name: str) -> bool:
        return show is None or name in show

    targets = []
    for t in report.targets:
        entry: dict[str, Any] = {
            "id": t.id,
            "kind": t.kind,
            "title": t.title,
            "owners": t.owners,
            "counts": dict(t.counts),
            "compliance": share(t.compliance),
            "objective": share(t.objective),
            "passed": t.passed,
            "elapsed_minutes": {
                "p50": minutes(t.elapsed_p50),
                "p90": minutes(t.elapsed_p90),
                "max": minutes(t.elapsed_max),
            },
            "missing_fields": t.missing_fields,
            "disallowed_values": t.disallowed_values,
            "events_checked": t.events_checked,
            "events_offending": t.events_offending,
        }
        if wanted("segments"):
            entry["segments"] = [
                {"key": dict(s.key), "counts": dict(s.counts), "compliance": share(s.compliance)}
                for s in t.segments
            ]
        if wanted("trend"):
            entry["trend"] = [
                {"period": r.period, "met": r.met, "breached": r.breached,
                 "compliance": share(r.compliance)}
                for r in t.trend
            ]
        targets.append(entry)
    data: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "slakit": report.version,
        "sla": {"name": report.sla_name, "sha256": report.sla_sha256},
        "as_of": instant(report.as_of, zone),
        "input": {
            "files": [{"path": f.path, "sha256": f.sha256} for f in report.input.files],
            "rows": report.input.rows,
            "used_rows": report.input.used_rows,
            "skipped_rows": report.input.skipped_rows,
            "duplicate_rows": report.input.duplicate_rows,
            "after_as_of_rows": report.input.after_as_of_rows,
            "leads": report.input.leads,
        },
        "environment": report.environment,
        "passed": report.passed,
    }
    if wanted("targets") or wanted("segments") or wanted("trend"):
        data["targets"] = targets
    # Every block is present without a view (CLI.md: a stable report), empty when the
    # document has no outcomes or aging, as routing without a check is.
    if wanted("outcomes"):
        overall = report.outcomes_overall or OutcomeMix()
        data["outcomes"] = {
            "overall": _mix(overall),
            "segments": [{"key": dict(k), **_mix(m)} for k, m in report.outcomes_segments],
        }
    if wanted("aging"):
        data["aging"] = {
            "buckets": list(report.aging_buckets),
            "by_team": [
                {"team": a.team, "counts": list(a.counts), "oldest": list(a.oldest)}
                for a in report.aging
            ],
            "segments": [
                {"key": dict(a.key), "counts": list(a.counts), "oldest": list(a.oldest)}
                for a in report.aging_segments
            ],
        }
    if wanted("routing"):
        data["routing"] = {
            "checked": report.routing_checked,
            "matched": report.routing_matched,
            "accuracy": share(report.routing_accuracy),
            "misrouted": [
                {"lead_id": m.lead_id, "expected": m.expected, "actual": m.actual}
                for m in report.misrouted[:100]
            ],
        }
    if wanted("stages"):
        data["stages"] = [
            {"from": s.from_stage, "to": s.to_stage, "p50_minutes": minutes(s.p50),
             "p90_minutes": minutes(s.p90), "breaches_attributed": s.breaches_attributed,
             "segments": [
                 {"key": dict(g.key), "p50_minutes": minutes(g.p50),
                  "p90_minutes": minutes(g.p90), "breaches_attributed": g.breaches_attributed}
                 for g in s.segments
             ]}
            for s in report.stages
        ]
    if wanted("escalations"):
        data["escalations"] = [
            {"id": e.id, "action": e.action, "fired": e.fired,
             "due_for_judging": e.due_for_judging, "actioned": e.actioned}
            for e in report.escalations
        ]
    if wanted("findings"):
        data["findings"] = [
            {"code": g.code, "level": g.level, "total": g.total,
             "examples": [_finding(f) for f in g.examples]}
            for g in report.findings
        ]
    return data


class JsonFormat(Format):
    """Pretty-printed, key order fixed by the contract, byte-reproducible."""

    name = "json"
    machine = True

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render the report as JSON."""
        data = report_dict(report, options.sections)
        return safe.json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
