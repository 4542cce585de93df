"""Stages: where the lead's time went (LANGUAGE.md section 3, "Stages").

Each stage happens at its first match at or after the previous stage reached; a stage that
never matches is skipped and its time goes to the next stage reached. Durations are clock time
on the lead's clock. A breach is attributed to the stage interval that consumed the most of the
breached target's clock time (the open interval after the last reached stage counts as the
next stage's).
"""

from __future__ import annotations

import itertools

from slakit.compile import StageRule
from slakit.engine.clock import Clock
from slakit.engine.lead import Lead
from slakit.engine.results import StageResult

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
    """Name the stage interval (``from->to``) that consumed most of ``interval``'s clock time.

    Ties go to the earlier interval; ``None`` when no stage interval overlaps it.
    """
    if not reached:
        return None
    spans = [
        (a.stage, b.stage, a.reached_at, b.reached_at)
        for a, b in itertools.pairwise(reached)
    ]
    names = [s.name for s in stages]
    last = reached[-1]
    later = names[names.index(last.stage) + 1:] if last.stage in names else []
    if later:
        spans.append((last.stage, later[0], last.reached_at, FAR))
    lo, hi = interval
    best: tuple[int, str] | None = None
    for a, b, start, end in spans:
        used = clock.elapsed(max(start, lo), min(end, hi))
        if used > 0 and (best is None or used > best[0]):
            best = (used, f"{a}->{b}")
    return best[1] if best is not None else None
