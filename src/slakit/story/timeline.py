"""Cut a target's clock into runs, closed hours and pauses, from its calendar's open spans.

>>> [s.kind for s in clock_segments(Calendar.always_open(), 0, 10, [(4, 6)])]
['run', 'paused', 'run']

The runs add up to the clock time the engine reports (``elapsed_us``): the clock counts the
calendar's open time outside the pauses.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from slakit.calendar import Calendar
from slakit.story.model import Segment, SegmentKind


def clock_segments(
    calendar: Calendar, start: int, end: int, pauses: Sequence[tuple[int, int | None]]
) -> tuple[Segment, ...]:
    """Cover ``[start, end)`` with runs (open, not paused), closed hours and pauses.

    A pause still open (end ``None``) lasts to ``end``; a pause wins over open hours.
    """
    if end <= start:
        return ()
    spans = calendar.open_spans(start, end)
    held = sorted(
        (max(p0, start), min(end, p1 if p1 is not None else end)) for p0, p1 in pauses
    )
    held = [(a, b) for a, b in held if b > a]
    cuts = sorted({start, end, *(t for s in spans for t in s), *(t for p in held for t in p)})
    span_starts = [s for s, _ in spans]
    held_starts = [a for a, _ in held]
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        kind: SegmentKind
        if _inside(held, held_starts, a):
            kind = "paused"
        elif _inside(spans, span_starts, a):
            kind = "run"
        else:
            kind = "closed"
        if out and out[-1].kind == kind and out[-1].end == a:
            out[-1] = Segment(kind, out[-1].start, b)
        else:
            out.append(Segment(kind, a, b))
    return _noted(calendar, out)


def _noted(calendar: Calendar, segments: list[Segment]) -> tuple[Segment, ...]:
    """The segments with the holidays and overrides of their days named, each day once, on
    the first run or closed stretch that reaches it (a pause holds the clock whatever the
    hours)."""
    named: set[date] = set()
    out = []
    for s in segments:
        notes = [] if s.kind == "paused" else \
            [(d, why) for d, why in calendar.day_notes(s.start, s.end - 1) if d not in named]
        named.update(d for d, _ in notes)
        text = "; ".join(f"{d:%a %m-%d}: {why}" for d, why in notes)
        out.append(Segment(s.kind, s.start, s.end, text) if text else s)
    return tuple(out)


def _inside(intervals: Sequence[tuple[int, int]], starts: Sequence[int], t: int) -> bool:
    """Tell whether ``t`` lies in one of the sorted ``[a, b)`` intervals."""
    i = bisect_right(starts, t) - 1
    return any(intervals[j][0] <= t < intervals[j][1] for j in range(max(i - 1, 0), i + 1))


def run_time(segments: Sequence[Segment]) -> int:
    """The clock time the runs add up to."""
    return sum(s.end - s.start for s in segments if s.kind == "run")
