"""Stages: where the lead's time went (LANGUAGE.md section 3, "Stages").

Each stage happens at its first match at or after the previous stage reached; a stage that
never matches is skipped and its time goes to the next stage reached. Durations are clock time
on the lead's clock. A breach is attributed to the stage that consumed the most of the
breached target's clock time (the open interval after the last reached stage counts as the
next stage's).

Reports have one row per stage after the first, named by the stage before it in the list and
the stage itself (``contact_made->resolved``); the time between two reached stages goes to the
row of the later one, skipped stages in between or not (``stage_row``).
"""

from __future__ import annotations

import itertools

from slakit.compile import StageRule
from slakit.engine.clock import Clock
from slakit.engine.lead import Lead
from slakit.engine.results import StageResult, stage_indices, stage_row

FAR = 2**62
"""An instant later than any event: the end of the open interval after the last stage."""


def reach_stages(
    stages: tuple[StageRule, ...], lead: Lead, clock: Clock
) -> tuple[StageResult, ...]:
    """Return the stages the lead reached by as-of, in order, with clock time between them."""
    out: list[StageResult] = []
    for stage in stages:
        prev = out[-1] if out else None
        occ = lead.first(stage.ref) if prev is None else \
            lead.first_at_or_after(stage.ref, prev.reached_at)
        if occ is None:
            continue
        out.append(StageResult(
            stage.name,
            occ.at,
            prev.stage if prev is not None else None,
            clock.elapsed(prev.reached_at, occ.at) if prev is not None else None,
        ))
    return tuple(out)


def attribute_breach(
    stages: tuple[StageRule, ...],
    reached: tuple[StageResult, ...],
    interval: tuple[int, int],
    clock: Clock,
) -> str | None:
    """Name the stage (its row, ``stage_row``) that consumed most of ``interval``'s clock time.

    The time between two reached stages is the later one's; ties go to the earlier stage;
    ``None`` when no stage interval overlaps it.
    """
    if not reached:
        return None
    names = [s.name for s in stages]
    index = stage_indices(names, reached)
    spans = [
        (stage_row(names, k), a.reached_at, b.reached_at)
        for (a, b), k in zip(itertools.pairwise(reached), index[1:], strict=True)
    ]
    if index[-1] + 1 < len(names):
        spans.append((stage_row(names, index[-1] + 1), reached[-1].reached_at, FAR))
    lo, hi = interval
    best: tuple[int, str] | None = None
    for row, start, end in spans:
        used = clock.elapsed(max(start, lo), min(end, hi))
        if used > 0 and (best is None or used > best[0]):
            best = (used, row)
    return best[1] if best is not None else None
