"""GitHub Actions workflow annotations: escaping, and GitHub's cap of 10 per level."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from slakit.report.safe import terminal

LIMIT = 10
"""GitHub shows at most 10 annotations of each level per step."""


def github_data(text: str) -> str:
    """Escape a workflow command's message (GitHub: %, CR, LF; other controls as ``\\xNN``)."""
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Annotation:
    """One annotation: its level, where (``file``, ``line``, ``col``, ``title``, in order,
    ``None`` left out), its message, and the plain line that stands for it past the cap."""

    level: str
    where: tuple[tuple[str, str | int | None], ...]
    message: str
    plain: str


def workflow_commands(items: Iterable[Annotation]) -> list[str]:
    """The workflow command lines of ``items``, at most ``LIMIT`` per level; past that, one
    notice saying how many more there are, and the rest as their plain lines. That notice
    counts among the notices: with it, at most ``LIMIT - 1`` notices are annotations."""
    given = list(items)
    total: dict[str, int] = {}
    for a in given:
        total[a.level] = total.get(a.level, 0) + 1
    over = any(n > LIMIT for n in total.values())
    cap = {level: LIMIT - 1 if over and level == "notice" else LIMIT for level in total}
    lines: list[str] = []
    rest: dict[str, list[Annotation]] = {}
    shown: dict[str, int] = {}
    for a in given:
        if shown.get(a.level, 0) >= cap[a.level]:
            rest.setdefault(a.level, []).append(a)
            continue
        shown[a.level] = shown.get(a.level, 0) + 1
        where = ",".join(f"{k}={github_property(str(v))}" for k, v in a.where if v is not None)
        lines.append(f"::{a.level} {where}::{github_data(a.message)}")
    if rest:
        more = " and ".join(f"{len(left)} more {level}s" for level, left in rest.items())
        lines.append(f"::notice::{more} not shown as annotations (GitHub shows {LIMIT} per "
                     "level); they are listed below")
        lines += [a.plain for left in rest.values() for a in left]
    return lines
