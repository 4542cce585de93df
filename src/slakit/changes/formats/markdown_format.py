"""Markdown for a pull-request comment or the job summary: the summary line, then tables."""

from __future__ import annotations

from slakit.changes.formats.base import DiffFormat, DiffReport, as_of_text, lines_text, points
from slakit.report import safe
from slakit.report.numbers import percent_text
from slakit.words import counted


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(value: str | None) -> str:
    return "–" if value is None else (safe.markdown(value) or '""')


class MarkdownFormat(DiffFormat):
    """GitHub-flavoured Markdown; every cell from a document is escaped."""

    name = "markdown"
    machine = True

    def render(self, report: DiffReport) -> str:
        """Render the headline, the changes table and the replay tables."""
        r = report.result
        lines = [f"## SLA diff: {safe.markdown(r.base)} → {safe.markdown(r.head)}", "",
                 f"**{r.summary()}**", ""]
        if r.changes:
            lines.append(_row(["Direction", "Code", "Where", "Before", "After", "Lines"]))
            lines.append(_row(["---"] * 6))
            lines += [
                _row([c.direction, f"`{c.code}`", safe.markdown(c.path), _cell(c.old),
                      _cell(c.new), lines_text(c.base_line, c.head_line, "→")])
                for c in r.changes
            ]
            lines.append("")
        if report.replay is not None:
            rp = report.replay
            lines += [f"### Replay as of {as_of_text(rp)} ({counted(rp.leads, 'lead')})", ""]
            lines.append(_row(["Target", "Before", "After", "Δ points", "Leads changed",
                               "Examples"]))
            lines.append(_row(["---"] * 6))
            for t in rp.targets:
                if not (t.in_base and t.in_head):  # its leads lost or gained the target
                    lines.append(_row([
                        safe.markdown(t.target),
                        percent_text(t.old_compliance) if t.in_base else "(added)",
                        percent_text(t.new_compliance) if t.in_head else "(removed)",
                        "", "", ""]))
                    continue
                more = ", …" if t.changed_leads > len(t.examples) else ""
                lines.append(_row([
                    safe.markdown(t.target), percent_text(t.old_compliance),
                    percent_text(t.new_compliance), points(t.delta_points), str(t.changed_leads),
                    ", ".join(safe.markdown(x) for x in t.examples) + more,
                ]))
            segments = [(t.target, s) for t in rp.targets for s in t.segments]
            if segments:
                lines += ["", _row(["Target", "Segment", "Before", "After"]), _row(["---"] * 4)]
                lines += [
                    _row([safe.markdown(tid), safe.markdown(", ".join(f"{f}={v}" for f, v in
                                                                      s.key)),
                          percent_text(s.old_compliance), percent_text(s.new_compliance)])
                    for tid, s in segments
                ]
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"
