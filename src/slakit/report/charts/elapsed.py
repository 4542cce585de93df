"""Distributions of elapsed clock time per target, for the HTML report's histograms.

The ``Report`` keeps only percentiles; a histogram needs the per-lead values, so the caller
that holds the ``LeadResult``s folds them into ``ElapsedHistogram``s and passes those in
``RenderOptions.histograms``::

    options = RenderOptions(histograms=elapsed_histograms(doc, leads))
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from slakit.engine.results import LeadResult
from slakit.model import Document
from slakit.report.numbers import nearest_rank

_S = 1_000_000
_M = 60 * _S
_H = 60 * _M
_D = 24 * _H
STEPS: tuple[int, ...] = (
    *(n * _S for n in (1, 2, 3, 5, 10, 15, 20, 30)),
    *(n * _M for n in (1, 2, 3, 5, 10, 15, 20, 30)),
    *(n * _H for n in (1, 2, 3, 4, 6, 8, 12)),
    *(n * _D for n in (1, 2, 3, 7, 14, 30)),
)
"""Bin widths a reader can name, smallest first."""
MAX_BINS = 15


@dataclass(frozen=True)
class ElapsedBin:
    """Leads whose clock stopped with elapsed clock time in ``(low_us, high_us]``."""

    low_us: int
    high_us: int | None
    """``None``: the open last bin, everything over ``low_us``."""
    met: int
    breached: int


@dataclass(frozen=True)
class ElapsedHistogram:
    """The elapsed clock time of one target's stopped leads, binned, with its budget."""

    target: str
    bins: tuple[ElapsedBin, ...]
    budget_us: int | None = None
    """The ``within`` budget when it has a fixed length (not ``bd``)."""
    after_hours_us: int | None = None
    """The ``after_hours`` budget when it has a fixed length."""
    budget_text: str = ""
    """The budget as written (``15m``, ``5bd``), for a caption."""

    @property
    def stopped(self) -> int:
        """How many leads the histogram counts."""
        return sum(b.met + b.breached for b in self.bins)


def _step(cap: int, budgets: Sequence[int]) -> int:
    """The narrowest named width giving at most ``MAX_BINS`` bins, a budget on an edge if any."""
    fitting = [step for step in STEPS if math.ceil(cap / step) <= MAX_BINS]
    aligned = [step for step in fitting if all(b % step == 0 for b in budgets)]
    if aligned or fitting:
        return (aligned or fitting)[0]
    return math.ceil(cap / MAX_BINS / (30 * _D)) * 30 * _D


def _bin_index(value: int, step: int) -> int:
    return max(0, math.ceil(value / step) - 1)


def histogram_of(
    target_id: str,
    values: Sequence[tuple[int, bool]],
    *,
    budget_us: int | None = None,
    after_hours_us: int | None = None,
) -> ElapsedHistogram:
    """Bin ``(elapsed_us, met)`` pairs: about a dozen named-width bins, the tail in the last.

    The range covers the 95th percentile and a fifth beyond the budgets, so a long tail does
    not squeeze the interesting part into one column.
    """
    if not values:
        return ElapsedHistogram(target_id, (), budget_us, after_hours_us)
    elapsed = [v for v, _ in values]
    budgets = [b for b in (budget_us, after_hours_us) if b]
    cap = max([nearest_rank(elapsed, 95) or 0, *(b * 6 // 5 for b in budgets)])
    if max(elapsed) <= cap * 11 // 10:
        cap = max(elapsed)
    step = _step(max(cap, 1), budgets)
    n = max(1, math.ceil(cap / step))
    met = [0] * (n + 1)
    breached = [0] * (n + 1)
    for value, was_met in values:
        i = min(_bin_index(value, step), n)
        if was_met:
            met[i] += 1
        else:
            breached[i] += 1
    bins = [ElapsedBin(i * step, (i + 1) * step, met[i], breached[i]) for i in range(n)]
    if met[n] or breached[n]:
        bins.append(ElapsedBin(n * step, None, met[n], breached[n]))
    return ElapsedHistogram(target_id, tuple(bins), budget_us, after_hours_us)


def _stopped(leads: Iterable[LeadResult]) -> dict[str, list[tuple[int, bool]]]:
    values: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for lead in leads:
        for r in lead.targets:
            if (r.status in ("met", "breached") and r.stopped_at is not None
                    and r.elapsed_us is not None):
                values[r.target].append((r.elapsed_us, r.status == "met"))
    return values


def elapsed_histogram(
    leads: Iterable[LeadResult],
    target_id: str,
    *,
    budget_us: int | None = None,
    after_hours_us: int | None = None,
) -> ElapsedHistogram:
    """The histogram of one target over the leads whose clock stopped (met or breached)."""
    return histogram_of(target_id, _stopped(leads).get(target_id, []), budget_us=budget_us,
                        after_hours_us=after_hours_us)


def elapsed_histograms(doc: Document, leads: Iterable[LeadResult]) -> tuple[ElapsedHistogram, ...]:
    """One histogram per response target, with its budgets when they have a fixed length.

    Cadence and quality targets are left out: their verdict is not elapsed time against a
    budget, so such a chart would mislead.
    """
    values = _stopped(leads)
    out = []
    for target in doc.targets:
        if target.kind != "response":
            continue
        budget = None if target.within.is_business_days else target.within.microseconds
        extra = target.after_hours
        after = None if extra is None or extra.is_business_days else extra.microseconds
        hist = histogram_of(target.id, values.get(target.id, []), budget_us=budget,
                            after_hours_us=after)
        out.append(replace(hist, budget_text=str(target.within)))
    return tuple(out)


def duration_text(us: float) -> str:
    """A short human duration for axis labels: ``0``, ``45s``, ``15m``, ``1h30m``, ``2d``."""
    total = int(us // _S)
    if total == 0:
        return "0"
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    mins, secs = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (mins, "m"), (secs, "s")]
    shown = [f"{v}{u}" for v, u in parts if v]
    return "".join(shown[:2])
