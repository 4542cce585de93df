"""The report's charts: each function turns one part of a ``Report`` into one SVG."""

from __future__ import annotations

from collections.abc import Sequence

from slakit.report.charts.bars import (
    Bar,
    Group,
    Stack,
    bar_chart,
    grouped_bar_chart,
    stacked_bar_chart,
)
from slakit.report.charts.elapsed import ElapsedHistogram, duration_text
from slakit.report.charts.histogram import Bin, histogram_chart
from slakit.report.charts.line import Series, line_chart
from slakit.report.charts.svg import (
    BAD,
    BLUE,
    GOOD,
    GREY,
    NEUTRAL,
    ORANGE,
    Marker,
    percent_tick,
)
from slakit.report.model import EscalationSummary, OutcomeMix, StageSummary, TargetSummary
from slakit.report.numbers import objective_text, percent_text
from slakit.report.tables import TOP_LOST_REASONS
from slakit.words import counted

MAX_SEGMENT_BARS = 25


def segment_label(key: tuple[tuple[str, str], ...]) -> str:
    """``consult_request · form``; an empty value shows as ``(empty)``."""
    return " · ".join(value or "(empty)" for _, value in key)


def _objective_marker(target: TargetSummary) -> list[Marker]:
    if target.objective is None:
        return []
    return [Marker(float(target.objective), f"objective {objective_text(target.objective)}")]


def _pct1(value: float) -> str:
    return f"{value * 100:.1f}%"


def segments_chart(chart_id: str, target: TargetSummary,
                   width: float = 640) -> tuple[str, int]:
    """Compliance per segment, worst first, bars under the objective in the "bad" color.

    Returns the SVG and how many judged segments did not fit.
    """
    judged = [s for s in target.segments if s.compliance is not None]
    judged.sort(key=lambda s: (s.compliance, s.key))
    shown = judged[:MAX_SEGMENT_BARS]
    bars = []
    for s in shown:
        assert s.compliance is not None
        n = s.counts["met"] + s.counts["breached"]
        low = target.objective is not None and s.compliance < target.objective
        bars.append(Bar(segment_label(s.key), float(s.compliance),
                        text=f"{percent_text(s.compliance)} of {n}",
                        color=BAD if low else GOOD))
    legend = [("at or above objective", GOOD), ("below objective", BAD)]
    svg = bar_chart(
        chart_id, f"{target.id}: compliance by segment", bars,
        desc="Share of judged leads met in time, per segment, worst first.",
        scale_max=1.0, markers=_objective_marker(target), tick_format=percent_tick,
        legend=legend if target.objective is not None else (), value_column=True, width=width,
        empty="No met or breached leads in any segment",
    )
    return svg, len(judged) - len(shown)


def trend_chart(chart_id: str, target: TargetSummary, period: str,
                width: float = 640) -> str:
    """Compliance per week or month, the objective as a line, misses in the "bad" color."""
    rows = list(target.trend)
    values = tuple(None if r.compliance is None else float(r.compliance) for r in rows)
    return line_chart(
        chart_id, f"{target.id}: compliance by {period}", [r.period for r in rows],
        [Series(target.id, values, GOOD)],
        desc=f"Share met per {period} of the clock's start.",
        y_max=1.0, markers=_objective_marker(target), tick_format=percent_tick,
        value_format=_pct1, below_color=BAD, width=width,
        empty=f"No met or breached leads in any {period}",
    )


def _elapsed_desc(hist: ElapsedHistogram) -> str:
    """The histogram in one sentence, for a screen reader: how many, the split, the budget."""
    met = sum(b.met for b in hist.bins)
    breached = sum(b.breached for b in hist.bins)
    budget = f"; budget {hist.budget_text}" if hist.budget_text else ""
    return (f"{counted(hist.stopped, 'lead')} whose clock stopped, by elapsed clock time: "
            f"{met} met, "
            f"{breached} breached{budget}.")


def elapsed_chart(chart_id: str, hist: ElapsedHistogram, width: float = 640,
                  empty: str = "No lead's clock has stopped yet") -> str:
    """Leads per elapsed-time bin, met and breached stacked, the budgets as lines;
    ``empty`` says why there is none."""
    markers = []
    if hist.budget_us is not None:
        markers.append(Marker(hist.budget_us, f"budget {duration_text(hist.budget_us)}"))
    if hist.after_hours_us is not None:
        markers.append(Marker(hist.after_hours_us,
                              f"after hours {duration_text(hist.after_hours_us)}", dashed=True))
    bins = [
        Bin(b.low_us, b.high_us, (float(b.met), float(b.breached))) for b in hist.bins
    ]
    return histogram_chart(
        chart_id, f"{hist.target}: elapsed clock time", bins, ("met", "breached"),
        colors=(GOOD, BAD), markers=markers, x_format=duration_text,
        x_title="elapsed clock time (leads whose clock stopped)", y_title="leads",
        desc=_elapsed_desc(hist), width=width, empty=empty,
    )


def stages_chart(chart_id: str, stages: Sequence[StageSummary],
                 width: float = 640) -> str:
    """Each stage's share of the median journey and of the breaches it consumed most of."""
    series = [f"{s.from_stage} → {s.to_stage}" for s in stages]
    p50 = tuple(float(s.p50 or 0) for s in stages)
    breaches = tuple(float(s.breaches_attributed) for s in stages)
    stacks = [
        Stack("median time in stage", p50, duration_text(sum(p50)),
              tuple(duration_text(v) for v in p50)),
        Stack("breaches attributed", breaches, f"{sum(breaches):g} breaches",
              tuple(f"{v:g} breaches" for v in breaches)),
    ]
    return stacked_bar_chart(
        chart_id, "Where the time goes: stages", stacks, series, normalize=True,
        segment_text=lambda _v, s: f"{s * 100:.0f}%",
        desc="Share of each stage in the median clock time and in the breaches attributed.",
        width=width,
        empty="No lead reached two stages",
    )


def escalations_chart(chart_id: str, escalations: Sequence[EscalationSummary],
                      width: float = 640) -> str:
    """Fired, due for judging and actioned in time, side by side per escalation."""
    groups = [Group(e.id, (float(e.fired), float(e.due_for_judging), float(e.actioned)))
              for e in escalations]
    return grouped_bar_chart(
        chart_id, "Escalations fired and actioned", groups,
        ("fired", "due for judging", "actioned in time"), colors=(ORANGE, GREY, BLUE),
        desc="How often each escalation fired, how many were due for judging, and how many "
             "of those were actioned within their window.",
        width=width,
        empty="No escalations defined",
    )


def _mix_stack(label: str, mix: OutcomeMix) -> Stack:
    total = mix.won + mix.open + mix.lost
    note = counted(total, "lead") + (
        f" (+{mix.unmapped} not mapped)" if mix.unmapped > 0 else "")
    return Stack(label, (float(mix.won), float(mix.open), float(mix.lost)), note,
                 (f"{mix.won}", f"{mix.open}", f"{mix.lost}"))


def outcomes_chart(chart_id: str, overall: OutcomeMix,
                   segments: Sequence[tuple[tuple[tuple[str, str], ...], OutcomeMix]],
                   width: float = 640) -> str:
    """Won / open / lost shares overall and per segment."""
    stacks = [_mix_stack("leads with an outcome", overall)]
    stacks += [_mix_stack(segment_label(key), mix) for key, mix in segments]
    return stacked_bar_chart(
        chart_id, "Outcome mix", stacks, ("won", "open", "lost"), colors=(GOOD, NEUTRAL, BAD),
        normalize=True, segment_text=lambda _v, s: f"{s * 100:.0f}%",
        desc="Share of leads won, still open and lost, overall and per segment.", width=width,
        empty="No lead has an outcome yet",
    )


def lost_reasons_chart(chart_id: str, overall: OutcomeMix, width: float = 640) -> str:
    """The most frequent lost reasons."""
    top = list(overall.lost_reasons.items())[:TOP_LOST_REASONS]
    bars = [Bar(reason, float(n), text=str(n), color=BAD) for reason, n in top]
    return bar_chart(chart_id, "Top lost reasons", bars,
                     desc="Lost leads per reason, most frequent first.", width=width,
                     empty="No lost reasons recorded")

