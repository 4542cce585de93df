"""Plain text for a terminal or a log: the summary line, then one block per change."""

from __future__ import annotations

from slakit.changes.formats.base import (
    DiffFormat,
    DiffReport,
    as_of_text,
    impact_text,
    lines_text,
)
from slakit.report import safe
from slakit.report.numbers import percent_text
from slakit.words import counted


def _value(value: str | None) -> str:
    if value is None:
        return "(none)"
    return safe.terminal(value) if value else '""'  # an empty value, visibly


class TextFormat(DiffFormat):
    """Readable text; data from the documents is stripped of control characters."""

    name = "text"
    machine = False

    def render(self, report: DiffReport) -> str:
        """Render the summary, the changes and the replay."""
        r = report.result
        lines = [f"slakit diff {safe.terminal(r.base)} -> {safe.terminal(r.head)}",
                 r.summary()]
        width = max((len(c.direction) for c in r.changes), default=0)
        for c in r.changes:
            lines.append("")
            lines.append(f"{c.direction:<{width}}  {c.code}  {safe.terminal(c.path)}  "
                         f"(lines {lines_text(c.base_line, c.head_line)})")
            lines.append(f"{'':<{width}}  {_value(c.old)} -> {_value(c.new)}")
            lines.append(f"{'':<{width}}  {safe.terminal(c.message)}")
        if report.replay is not None:
            rp = report.replay
            lines += ["", f"Replay as of {as_of_text(rp)} ({counted(rp.leads, 'lead')}):"]
            for t in rp.targets:
                lines.append(f"  {safe.terminal(t.target)}: {impact_text(t)}")
                if t.examples and t.in_base and t.in_head:
                    more = "" if t.changed_leads <= len(t.examples) else ", ..."
                    lines.append("    " + ", ".join(safe.terminal(x) for x in t.examples) + more)
                for s in t.segments:
                    key = ", ".join(f"{f}={v}" for f, v in s.key)
                    lines.append(f"    {safe.terminal(key)}: {percent_text(s.old_compliance)}"
                                 f" -> {percent_text(s.new_compliance)}")
        return "\n".join(lines) + "\n"
