"""GitHub Actions workflow annotations for ``slakit evaluate -f github``: each target on the
line of its objective, the data findings, then the verdict."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.report.base import Format, RenderOptions
from slakit.report.github import Annotation, workflow_commands
from slakit.report.markdown_format import headline
from slakit.report.model import FindingGroup, Report, TargetSummary
from slakit.report.numbers import percent_pair, percent_text
from slakit.report.safe import terminal


def _verdict(t: TargetSummary, overridden: bool) -> str:
    """``compliance 93.1% < objective 95.0%``, ``... >= ...``, or why there is no figure."""
    if t.compliance is None:
        return "no data (no lead met or breached it)"
    if t.objective is None:
        return f"compliance {percent_text(t.compliance)} (no objective)"
    share, goal = percent_pair(t.compliance, t.objective, most=60)
    given = " (--fail-under)" if overridden else ""
    return f"compliance {share} {'>=' if t.passed else '<'} objective {goal}{given}"


def _message(t: TargetSummary, overridden: bool) -> str:
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in t.counts.items() if n)
    owners = ", ".join(f"{k} {v}" for k, v in t.owners.items())
    return (f"{_verdict(t, overridden)}: {counts or 'no leads'}"
            + (f" (owners: {owners})" if owners else ""))


def _target(t: TargetSummary, options: RenderOptions) -> Annotation:
    """A missed objective is an error; a kept one, or no figure, a notice. It stands on the
    target's ``objective`` line (its first line without one); a target the document given
    does not hold (a report rendered with another document) names no file."""
    where: tuple[tuple[str, str | int | None], ...] = (("title", t.id),)
    overridden = False
    doc = options.document
    index = {d.id: i for i, d in enumerate(doc.document.targets)} if doc else {}
    if doc is not None and t.id in index:
        written = doc.document.targets[index[t.id]].objective
        overridden = t.objective is not None and (
            written is None or written.value != t.objective)
        at = doc.locate(("targets", index[t.id], "objective"))
        where = (("file", at.file), ("line", at.line), ("col", at.col), *where)
    message = _message(t, overridden)
    return Annotation("notice" if t.passed else "error", where, message,
                      terminal(f"{t.id}: {message}"))


def _finding(group: FindingGroup) -> Annotation:
    """A data finding (a skipped row, a fallback decoding, ...): its total and first example,
    on no file (row numbers are not lines of the repository)."""
    first = group.examples[0] if group.examples else None
    where = "" if first is None or not first.file else (
        f" ({first.file}" + ("" if first.row is None else f" row {first.row}") + ")")
    example = "" if first is None else f"; first: {first.message}{where}"
    message = f"{group.total} in all{example}"
    return Annotation(group.level, (("title", group.code),), message,
                      terminal(f"{group.level} {group.code}: {message}"))


class GithubFormat(Format):
    """``slakit evaluate -f github``: a target that missed its objective is an error on the
    ``objective`` line of its document (the others notices), each code of data findings a
    warning or error, and the verdict a plain last line for the log."""

    name = "github"
    machine = True
    needs = ("document",)

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render the annotations and the verdict; sections do not apply."""
        lines = workflow_commands(self._annotations(report, options))
        lines.append(terminal(headline(report)))
        return "\n".join(lines) + "\n"

    @staticmethod
    def _annotations(report: Report, options: RenderOptions) -> Iterator[Annotation]:
        # Errors first, so that the cap of 10 per level never hides a missed objective
        # behind the notices (each level has its own cap, but the order is the log's).
        targets = sorted(report.targets, key=lambda t: t.passed)
        yield from (_target(t, options) for t in targets)
        yield from (_finding(g) for g in report.findings)
