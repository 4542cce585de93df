"""Horizontal bar charts: plain, stacked and grouped.

Horizontal bars keep long category names (segments, stages, escalation ids) readable without
rotated text. Every bar has a tooltip, and the value is printed beside it so the chart reads
without hovering and on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from slakit.report.charts.svg import (
    CATEGORICAL,
    GOOD,
    GRID,
    INK,
    MUTED,
    Formatter,
    Marker,
    Svg,
    empty_chart,
    ink_on,
    legend_height,
    nice_ticks,
    percent_tick,
    plain_number,
    text_width,
)

ROW = 24.0
BAR = 16.0
PAD = 8.0
AXIS = 26.0
MAX_LABEL_SHARE = 0.38


@dataclass(frozen=True)
class Bar:
    """One bar: its category label, length, the text printed after it and its color."""

    label: str
    value: float
    text: str = ""
    color: str = GOOD
    tip: str = ""


@dataclass(frozen=True)
class Stack:
    """One stacked bar: a category and one value per series."""

    label: str
    values: tuple[float, ...]
    text: str = ""
    segment_tips: tuple[str, ...] = ()
    """Tooltips of the segments (default: their label)."""


@dataclass(frozen=True)
class Group:
    """One group of bars side by side: a category and one value per series."""

    label: str
    values: tuple[float, ...]


class _Frame:
    """The plot area of a horizontal chart: label column, bars, value column, x axis."""

    def __init__(self, width: float, labels: Sequence[str], value_texts: Sequence[str]) -> None:
        longest = max((text_width(label) for label in labels), default=0.0)
        self.label_w = min(longest, width * MAX_LABEL_SHARE) + PAD
        value_w = max((text_width(t) for t in value_texts), default=0.0)
        self.width = width
        self.x0 = self.label_w + PAD
        self.x1 = width - value_w - PAD * 2
        self.top = self.bottom = self.height = 0.0

    def place(self, legend: Sequence[tuple[str, str]], above: float, rows_height: float) -> None:
        """Put the plot under the legend and ``above`` more units (marker labels)."""
        self.top = legend_height(legend, self.x0, self.width - PAD) + 12 + above
        self.bottom = self.top + rows_height
        self.height = self.bottom + AXIS

    def x(self, value: float, scale: float) -> float:
        """The x coordinate of ``value`` on a ``0..scale`` axis."""
        return self.x0 + (self.x1 - self.x0) * (value / scale if scale else 0.0)

    def axis(self, svg: Svg, ticks: Sequence[float], scale: float, fmt: Formatter) -> None:
        """Grid lines and tick labels under the bars."""
        for tick in ticks:
            x = self.x(tick, scale)
            svg.line(x, self.top - 2, x, self.bottom, GRID)
            svg.text(x, self.bottom + 16, fmt(tick), anchor="middle", fill=MUTED, size=11)
        svg.line(self.x0, self.top - 2, self.x0, self.bottom, INK)

    def markers(self, svg: Svg, markers: Sequence[Marker], scale: float) -> None:
        """Reference lines with their labels above the plot."""
        for i, marker in enumerate(markers):
            x = self.x(marker.value, scale)
            svg.line(x, self.top - 6, x, self.bottom, INK, 2.0, marker.dashed)
            anchor = "end" if x > (self.x0 + self.x1) / 2 else "start"
            dx = -4 if anchor == "end" else 4
            svg.text(x + dx, self.top - 8 - 14 * i, marker.label, anchor=anchor, bold=True,
                     size=11)


def _scale(values: Sequence[float], markers: Sequence[Marker],
           scale_max: float | None) -> tuple[float, list[float]]:
    if scale_max is not None:
        return scale_max, nice_ticks(scale_max, 4)
    top = max([*values, *(m.value for m in markers), 0.0])
    ticks = nice_ticks(top or 1.0, whole=True)  # without a scale the bars are counts
    return ticks[-1], ticks


def bar_chart(
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    *,
    desc: str = "",
    scale_max: float | None = None,
    markers: Sequence[Marker] = (),
    tick_format: Formatter = plain_number,
    legend: Sequence[tuple[str, str]] = (),
    value_column: bool = False,
    width: float = 640,
    empty: str = "No data to chart",
) -> str:
    """Horizontal bars from zero, with optional reference lines (an objective).

    ``value_column`` prints the values in a column right of the plot instead of at the bar
    ends, where they could cross a reference line.
    """
    if not bars:
        return empty_chart(chart_id, title, empty, width)
    scale, ticks = _scale([b.value for b in bars], markers, scale_max)
    texts = [b.text or tick_format(b.value) for b in bars]
    frame = _Frame(width, [b.label for b in bars], texts)
    frame.place(legend, 14 * len(markers), ROW * len(bars))
    top = frame.top
    svg = Svg(chart_id, width, frame.height, title, desc)
    svg.legend(frame.x0, 14, legend, width - PAD)
    frame.axis(svg, ticks, scale, tick_format)
    for i, (bar, text) in enumerate(zip(bars, texts, strict=True)):
        y = top + i * ROW + (ROW - BAR) / 2
        svg.text(frame.label_w, y + BAR - 4, bar.label, anchor="end",
                 max_width=frame.label_w - PAD)
        end = frame.x(min(max(bar.value, 0.0), scale), scale)
        # A 0% bar keeps a stub of its color: vermillion still marks it under the objective.
        end = max(end, frame.x0 + 2.0)
        svg.rect(frame.x0, y, end - frame.x0, BAR, bar.color,
                 tip=bar.tip or f"{bar.label}: {text}")
        if value_column:
            svg.text(width - PAD, y + BAR - 4, text, anchor="end", fill=INK)
        else:
            svg.text(end + 4, y + BAR - 4, text, fill=INK)
    frame.markers(svg, markers, scale)
    return str(svg)


def stacked_bar_chart(
    chart_id: str,
    title: str,
    stacks: Sequence[Stack],
    series: Sequence[str],
    *,
    colors: Sequence[str] = CATEGORICAL,
    normalize: bool = False,
    segment_text: Callable[[float, float], str] | None = None,
    value_format: Formatter = plain_number,
    desc: str = "",
    width: float = 640,
    empty: str = "No data to chart",
) -> str:
    """Horizontal stacked bars; ``normalize`` scales each bar to 100% of its own total.

    ``segment_text(value, share)`` labels a segment when it is wide enough to hold it.
    """
    if not stacks or not any(sum(s.values) for s in stacks):
        return empty_chart(chart_id, title, empty, width)
    totals = [sum(s.values) for s in stacks]
    if normalize:
        scale, ticks = 1.0, [0.0, 0.25, 0.5, 0.75, 1.0]
        tick_fmt: Formatter = percent_tick
    else:
        scale, ticks = _scale(totals, (), None)
        tick_fmt = value_format
    label = segment_text or (lambda v, _share: value_format(v))
    texts = [s.text for s in stacks]
    legend = [(name, colors[i % len(colors)]) for i, name in enumerate(series)]
    frame = _Frame(width, [s.label for s in stacks], texts)
    frame.place(legend, 0, ROW * len(stacks))
    top = frame.top
    svg = Svg(chart_id, width, frame.height, title, desc)
    svg.legend(frame.x0, 14, legend, width - PAD)
    frame.axis(svg, ticks, scale, tick_fmt)
    for i, (stack, total) in enumerate(zip(stacks, totals, strict=True)):
        y = top + i * ROW + (ROW - BAR) / 2
        svg.text(frame.label_w, y + BAR - 4, stack.label, anchor="end",
                 max_width=frame.label_w - PAD)
        acc = 0.0
        for j, value in enumerate(stack.values):
            if value <= 0:
                continue
            share = value / total if total else 0.0
            left = frame.x(acc / total if normalize else acc, scale)
            acc += value
            right = frame.x(acc / total if normalize else acc, scale)
            color = colors[j % len(colors)]
            text = label(value, share)
            tip = stack.segment_tips[j] if stack.segment_tips else text
            svg.rect(left, y, right - left, BAR, color, tip=f"{stack.label}: {series[j]} {tip}")
            if right - left >= text_width(text) + 6:
                svg.text((left + right) / 2, y + BAR - 4, text, anchor="middle",
                         fill=ink_on(color), size=11)
        if stack.text:
            end = frame.x(1.0 if normalize and total else acc, scale)
            svg.text(end + 4, y + BAR - 4, stack.text, fill=INK)
    return str(svg)


def grouped_bar_chart(
    chart_id: str,
    title: str,
    groups: Sequence[Group],
    series: Sequence[str],
    *,
    colors: Sequence[str] = CATEGORICAL,
    value_format: Formatter = plain_number,
    desc: str = "",
    width: float = 640,
    empty: str = "No data to chart",
) -> str:
    """Bars of several series side by side for each category."""
    if not groups:
        return empty_chart(chart_id, title, empty, width)
    n = max(1, len(series))
    thin = 12.0
    group_h = n * (thin + 2) + 10
    scale, ticks = _scale([v for g in groups for v in g.values], (), None)
    texts = [value_format(v) for g in groups for v in g.values]
    legend = [(name, colors[i % len(colors)]) for i, name in enumerate(series)]
    frame = _Frame(width, [g.label for g in groups], texts)
    frame.place(legend, 0, group_h * len(groups))
    top = frame.top
    svg = Svg(chart_id, width, frame.height, title, desc)
    svg.legend(frame.x0, 14, legend, width - PAD)
    frame.axis(svg, ticks, scale, value_format)
    for i, group in enumerate(groups):
        y0 = top + i * group_h + 5
        svg.text(frame.label_w, y0 + n * (thin + 2) / 2 + 4, group.label, anchor="end",
                 max_width=frame.label_w - PAD)
        for j, value in enumerate(group.values):
            y = y0 + j * (thin + 2)
            end = frame.x(max(value, 0.0), scale)
            text = value_format(value)
            svg.rect(frame.x0, y, end - frame.x0, thin, colors[j % len(colors)],
                     tip=f"{group.label}: {series[j]} {text}")
            svg.text(end + 4, y + thin - 2, text, size=11)
    return str(svg)
