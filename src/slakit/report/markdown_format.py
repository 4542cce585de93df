"""Markdown for a pull-request comment or a wiki page: a headline, then one table per section."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slakit.report import safe
from slakit.report.base import Format, RenderOptions
from slakit.report.model import Report
from slakit.report.numbers import instant
from slakit.report.tables import SECTIONS, Table
from slakit.words import counted


def table_markdown(table: Table, level: str = "###") -> list[str]:
    """A GitHub-flavoured Markdown table with every data cell escaped."""
    lines = [f"{level} {safe.markdown(table.title)}", ""]
    lines.append("| " + " | ".join(safe.markdown(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines += ["| " + " | ".join(safe.markdown(c) for c in row) + " |" for row in table.rows]
    if table.note:
        lines += ["", f"_{safe.markdown(table.note)}_"]
    lines.append("")
    return lines


def headline(report: Report) -> str:
    """One sentence: which targets passed, as of when."""
    failed = [t.id for t in report.targets if not t.passed]
    verdict = (f"{len(failed)} of {len(report.targets)} targets missed their objective: "
               + ", ".join(failed)) if failed else kept_text(report)
    when = instant(report.as_of, ZoneInfo(report.timezone))
    return (f"{'PASS' if report.passed else 'FAIL'}: {verdict} "
            f"({counted(report.input.leads, 'lead')}, as of {when}).")


def kept_text(report: Report) -> str:
    """Why a passing run passed: ``all targets met their objectives`` only when each had an
    objective and data; else what passed without a figure (no data passes the gate)."""
    empty = sum(t.compliance is None for t in report.targets)
    free = sum(t.compliance is not None and t.objective is None for t in report.targets)
    if not empty and not free:
        return "all targets met their objectives"
    notes = [f"{n} of {len(report.targets)} {what}" for n, what in (
        (empty, "have no data yet" if empty > 1 else "has no data yet"),
        (free, "have no objective" if free > 1 else "has no objective")) if n]
    return "no target missed its objective; " + ", ".join(notes)


class MarkdownFormat(Format):
    """Markdown report; data cells are escaped so a lead id cannot break the table."""

    name = "markdown"
    machine = True

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render the headline and the requested sections."""
        lines = [f"## SLA report: {safe.markdown(report.sla_title)}", "", headline(report), ""]
        for section in options.sections:
            for table in SECTIONS[section](report):
                lines += table_markdown(table)
        return "\n".join(lines).rstrip("\n") + "\n"
