"""GitHub Actions workflow annotations: each change of meaning on its line of the head file."""

from __future__ import annotations

from slakit.changes.change import Change
from slakit.changes.formats.base import DiffFormat, DiffReport, points
from slakit.report.numbers import percent_text
from slakit.report.safe import github_data, github_property, terminal

LIMIT = 10
"""GitHub shows at most 10 annotations of each level per step; the rest are plain lines."""


def _file(spec: str) -> str:
    """The repository path of a side: ``PATH`` of ``REV:PATH``, or the path as given."""
    from slakit.changes.sides import split_spec

    git = split_spec(spec)
    return spec if git is None else git[1]


def _level(change: Change) -> str:
    """A loosened promise is a warning; a tightened or other change a notice."""
    return "warning" if change.direction == "loosened" else "notice"


def _text(change: Change) -> str:
    """``loosened: <message> (15m -> 20m)``; an absent side is ``-``, an empty value ``''``."""
    def side(value: str | None) -> str:
        return "-" if value is None else (value or "''")

    values = ("" if change.old is None and change.new is None else
              f" ({side(change.old)} -> {side(change.new)})")
    return f"{change.direction}: {change.message}{values}"


class GithubFormat(DiffFormat):
    """One annotation per change, on the head file's line (the base file's when the head no
    longer has it), titled by its code; then the replay's figures and the summary as lines."""

    name = "github"
    machine = True

    def render(self, report: DiffReport) -> str:
        """Render the annotations, the replay lines and the summary."""
        r = report.result
        lines: list[str] = []
        shown = {"warning": 0, "notice": 0}
        rest: list[Change] = []
        for c in r.changes:
            level = _level(c)
            if shown[level] >= LIMIT:
                rest.append(c)
                continue
            shown[level] += 1
            on_head = c.head_line is not None or c.base_line is None
            where = [f"file={github_property(_file(r.head if on_head else r.base))}"]
            line = c.head_line if on_head else c.base_line
            if line is not None:
                where.append(f"line={line}")
            where.append(f"title={github_property(c.code)}")
            lines.append(f"::{level} {','.join(where)}::{github_data(_text(c))}")
        if rest:
            lines.append(f"::notice::{len(rest)} more changes not shown as annotations (GitHub "
                         "shows 10 per level); they are listed below")
            lines += [terminal(f"{c.code} {c.path}: {_text(c)}") for c in rest]
        if report.replay is not None:
            for t in report.replay.targets:
                lines.append(terminal(
                    f"replay {t.target}: {percent_text(t.old_compliance)} -> "
                    f"{percent_text(t.new_compliance)} ({points(t.delta_points)} points, "
                    f"{t.changed_leads} leads changed)"))
        lines.append(terminal(f"{r.base} -> {r.head}: {r.summary()}"))
        return "\n".join(lines) + "\n"
