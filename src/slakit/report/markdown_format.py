"""Markdown for a pull-request comment or a wiki page: a headline, then one table per section."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slakit.report import safe
from slakit.report.base import Format, RenderOptions
from slakit.report.model import Report
from slakit.report.numbers import instant
from slakit.report.tables import SECTIONS, Table


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
    verdict = "all targets met their objectives" if not failed else (
        f"{len(failed)} of {len(report.targets)} targets missed their objective: "
        + ", ".join(failed)
    )
    when = instant(report.as_of, ZoneInfo(report.timezone))
    return (f"{'PASS' if report.passed else 'FAIL'}: {verdict} "
            f"({report.input.leads} leads, as of {when}).")


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
