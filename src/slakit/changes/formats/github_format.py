"""GitHub Actions workflow annotations: each change of meaning on its line of the head file."""

from __future__ import annotations

from slakit.changes.change import Change
from slakit.changes.formats.base import DiffFormat, DiffReport, impact_text
from slakit.report.github import Annotation, workflow_commands
from slakit.report.safe import terminal


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
    """One annotation per change, on its line of the head file (on the file as a whole when
    the head removed it), titled by its code; then the replay's figures and the summary."""

    name = "github"
    machine = True

    def render(self, report: DiffReport) -> str:
        """Render the annotations, the replay lines and the summary."""
        r = report.result
        # GitHub draws an annotation on the head version of the file: something the head
        # removed has no line there, and is an annotation on the file as a whole.
        lines = workflow_commands(
            Annotation(_level(c), (("file", _file(r.head)), ("line", c.head_line),
                                   ("title", c.code)),
                       _text(c), terminal(f"{c.code} {c.path}: {_text(c)}"))
            for c in r.changes)
        if report.replay is not None:
            for t in report.replay.targets:
                lines.append(terminal(f"replay {t.target}: {impact_text(t)}"))
        lines.append(terminal(f"{r.base} -> {r.head}: {r.summary()}"))
        return "\n".join(lines) + "\n"
