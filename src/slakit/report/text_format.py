"""The terminal report: rich tables, pass/fail in color when the terminal has it."""

from __future__ import annotations

import io
from dataclasses import replace
from zoneinfo import ZoneInfo

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from slakit.report import safe
from slakit.report.base import Format, RenderOptions
from slakit.report.markdown_format import headline
from slakit.report.model import Report
from slakit.report.numbers import instant
from slakit.report.tables import SECTIONS, Table
from slakit.words import counted

_STYLE = {"PASS": "bold green", "FAIL": "bold red", "PASS (no data)": "yellow"}


def _cell(value: str) -> Text:
    text = safe.terminal(value)
    return Text(text, style=_STYLE.get(text, ""))


HEADER_MAX = 24
"""A numeric column is at least as wide as its header up to this (a target id such as
``speed-to-first-attempt`` whole, not folded into ``speed-to-first-at`` / ``tempt``); a table
that then does not fit continues in another (``_fitting``)."""


STACKED_MAX = 32
"""A stacked line (`` A patient-services-director``) keeps the first column at least this
wide when it needs it; a longer one folds."""


def _fitting(table: Table, width: int) -> list[Table]:
    """``table``, or, when its columns cannot all fit ``width`` (a trend over many targets),
    several tables that each repeat the key columns (``Table.keys``: a period, a segment's
    fields) and take the next columns that fit: squeezed, rich would cut the last columns
    down to nothing and drop their values."""
    if table.optional and _natural_width(table) > width:
        # Leave out the optional columns one by one, in their order, until the table fits.
        for k in range(1, len(table.optional) + 1):
            narrower = _without(table, table.optional[:k])
            if k == len(table.optional) or _natural_width(narrower) <= width:
                return _fitting(narrower, width)
    if table.stack_last and not table.fold_stacked and _natural_width(table) > width:
        return [replace(table, fold_stacked=True)]
    n = len(table.headers)
    need = [min(max(len(h), max((len(r[i]) for r in table.rows), default=0)), HEADER_MAX) + 1
            for i, h in enumerate(table.headers)]
    if table.stack_last or n < 3 or sum(need) + 1 <= width:
        return [table]
    keys = min(table.keys, n - 1)
    base = sum(need[:keys]) + 1
    groups: list[list[int]] = [[]]
    used = base
    for i in range(keys, n):
        if groups[-1] and used + need[i] > width:
            groups.append([])
            used = base
        groups[-1].append(i)
        used += need[i]
    return [Table(table.title if k == 0 else f"{table.title} (continued)",
                  (*table.headers[:keys], *(table.headers[i] for i in g)),
                  tuple((*r[:keys], *(r[i] for i in g)) for r in table.rows),
                  table.note if k == len(groups) - 1 else "", keys=keys)
            for k, g in enumerate(groups)]


def _natural_width(table: Table) -> int:
    """The columns rich needs to show ``table`` without wrapping a cell."""
    return Console(width=10_000).measure(_grid(table)).maximum


def _stacked(cell: str) -> list[str]:
    """The lines of a stacked cell: one per `` · ``-separated part (an owner per role)."""
    return [part for part in cell.split(" · ") if part]


def _without(table: Table, headers: tuple[str, ...]) -> Table:
    """``table`` without the columns of these headers."""
    keep = [i for i, h in enumerate(table.headers) if h not in headers]
    said = (f"{', '.join(headers)} left out for width: -f markdown shows "
            f"{'them' if len(headers) > 1 else 'it'}")
    return replace(table, headers=tuple(table.headers[i] for i in keep),
                   rows=tuple(tuple(r[i] for i in keep) for r in table.rows), optional=(),
                   note=f"{table.note} ({said})" if table.note else said)


def _rich(table: Table) -> Group:
    """The table with its title above and its note below, each wrapped to the page's width
    (a table's own title and caption wrap to the table's, however narrow)."""
    parts: list[RenderableType] = [Text(safe.terminal(table.title), style="bold"), Text(),
                                   _grid(table)]
    if table.note:
        parts += [Text(), Text(safe.terminal(table.note), style="table.caption")]
    return Group(*parts)


def _numeric(cell: str) -> bool:
    """A number, a percentage, ``2 (1)`` (open, at risk) or nothing: right-aligned."""
    bare = cell.replace(".", "", 1).replace("%", "").replace(" (", "", 1).removesuffix(")")
    return bare.isdigit() or cell in ("", "-", "no data")


def _grid(table: Table) -> RichTable:
    stacked = table.stack_last
    headers = table.headers
    if stacked:
        headers = (f"{headers[0]} / {headers[-1]}", *headers[1:-1])
    # Headers can hold data too (a --by field, a target id): escaped like cells,
    # and given as Text, so that neither control characters nor rich markup act.
    out = RichTable(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False)
    for i, header in enumerate(headers):
        numeric = bool(table.rows) and all(_numeric(r[i]) for r in table.rows)
        widest = max((len(r[i]) for r in table.rows), default=0)
        least = min(max(len(header), widest if numeric else 0), HEADER_MAX)
        if stacked and i == 0 and not table.fold_stacked:  # an owner's line whole, unfolded
            least = max([least, *(min(len(line) + 1, STACKED_MAX) for r in table.rows
                                  for line in _stacked(r[-1]))])
        out.add_column(Text(safe.terminal(header)), justify="right" if numeric else "left",
                       overflow="fold", min_width=least)
    for row in table.rows:
        cells = [_cell(c) for c in row]
        if stacked:
            first = cells[0]
            for line in _stacked(row[-1]):
                first.append("\n ")
                first.append(safe.terminal(line), style="dim")
            cells = [first, *cells[1:-1]]
        out.add_row(*cells)
    return out


class TextFormat(Format):
    """Human-readable tables for a 100-column terminal."""

    name = "text"
    machine = False

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render with rich into a string (color only when asked)."""
        buffer = io.StringIO()
        console = Console(file=buffer, width=options.width, force_terminal=options.color,
                          color_system="auto" if options.color else None, highlight=False,
                          emoji=False)
        zone = ZoneInfo(report.timezone)
        console.print(Text(f"{safe.terminal(report.sla_title)} ({report.sla_name})",
                           style="bold"))
        console.print(f"as of {instant(report.as_of, zone)}; "
                      f"{counted(report.input.leads, 'lead')} from "
                      f"{counted(len(report.input.files), 'file')}, "
                      f"{counted(report.input.used_rows, 'row')} used",
                      markup=False)
        style = "bold green" if report.passed else "bold red"
        console.print(Text(headline(report), style=style))
        for section in options.sections:
            for whole in SECTIONS[section](report):
                for table in _fitting(whole, options.width):
                    console.print()
                    console.print(_rich(table))
        # rich pads every line to the width: strip it, for files, diffs and pipes (with colour
        # on a terminal the padding sits inside the escape codes and stays, unseen).
        return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
