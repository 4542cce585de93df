"""Histograms: counts per interval of a continuous value, stacked by series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from slakit.report.charts.svg import (
    CATEGORICAL,
    GRID,
    INK,
    MUTED,
    Formatter,
    Marker,
    Svg,
    empty_chart,
    legend_height,
    nice_ticks,
    plain_number,
    text_width,
)

LEFT = 44.0
RIGHT = 16.0
BOTTOM = 40.0
GAP = 1.0


@dataclass(frozen=True)
class Bin:
    """Counts per series of the values in ``(low, high]``; ``high is None`` is ``> low``."""

    low: float
    high: float | None
    values: tuple[float, ...]


def histogram_chart(
    chart_id: str,
    title: str,
    bins: Sequence[Bin],
    series: Sequence[str],
    *,
    colors: Sequence[str] = CATEGORICAL,
    markers: Sequence[Marker] = (),
    x_format: Formatter = plain_number,
    x_title: str = "",
    y_title: str = "",
    desc: str = "",
    width: float = 640,
    height: float = 240,
    empty: str = "No data to chart",
) -> str:
    """Touching columns over a linear axis; an open last bin is set apart on the right."""
    if not bins or not any(sum(b.values) for b in bins):
        return empty_chart(chart_id, title, empty, width)
    closed = [b for b in bins if b.high is not None]
    overflow = [b for b in bins if b.high is None]
    start = bins[0].low
    end = closed[-1].high if closed and closed[-1].high is not None else bins[-1].low
    legend = [(name, colors[i % len(colors)]) for i, name in enumerate(series)]
    top = legend_height(legend, LEFT, width - RIGHT) + 30.0 + 14 * max(0, len(markers) - 1)
    x0, y0, y1 = LEFT, top, height - BOTTOM
    slots = len(closed) + (1.4 if overflow else 0)
    slot = (width - RIGHT - x0) / max(slots, 1)
    x1 = x0 + slot * len(closed)
    counts = ticks = nice_ticks(max(sum(b.values) for b in bins), 4, whole=True)
    scale = counts[-1]
    svg = Svg(chart_id, width, height, title, desc)
    svg.legend(x0, 14, legend, width - RIGHT)

    def x(value: float) -> float:
        span = (end - start) or 1.0
        return x0 + (x1 - x0) * (value - start) / span

    def y(count: float) -> float:
        return y1 - (y1 - y0) * count / scale

    for tick in ticks:
        svg.line(x0, y(tick), width - RIGHT, y(tick), GRID)
        svg.text(x0 - 6, y(tick) + 4, plain_number(tick), anchor="end", fill=MUTED, size=11)
    placed: list[tuple[float, Bin]] = [(x(b.low), b) for b in closed]
    placed += [(x1 + slot * 0.4, b) for b in overflow]
    for left, b in placed:
        acc = 0.0
        label = (f"{x_format(b.low)}–{x_format(b.high)}" if b.high is not None
                 else f"over {x_format(b.low)}")
        for j, value in enumerate(b.values):
            if value <= 0:
                continue
            svg.rect(left + GAP, y(acc + value), slot - 2 * GAP, y(acc) - y(acc + value),
                     colors[j % len(colors)], tip=f"{label}: {plain_number(value)} {series[j]}")
            acc += value
    svg.line(x0, y1, width - RIGHT, y1, INK)
    if y_title:
        svg.text(x0 - 6, y0 - 12, y_title, anchor="end", fill=MUTED, size=11)
    # With an open last bin its ">x" label names the last edge, so the edge gets none.
    edges = [b.low for b in closed] + ([end] if closed and not overflow else [])
    widest = max((text_width(x_format(e)) for e in edges), default=0.0)
    room = slot * max(1, math.ceil(widest * 1.2 / slot))
    every = max(1, round(room / slot))
    for i, edge in enumerate(edges):
        if i % every == 0:
            svg.line(x(edge), y1, x(edge), y1 + 4, INK)
            svg.text(x(edge), y1 + 16, x_format(edge), anchor="middle", fill=MUTED, size=11)
    for left, b in placed[len(closed):]:
        svg.text(left + slot / 2, y1 + 16, f">{x_format(b.low)}", anchor="middle",
                 fill=MUTED, size=11)
    if x_title:
        svg.text((x0 + width - RIGHT) / 2, y1 + 34, x_title, anchor="middle", fill=MUTED,
                 size=11)
    for i, marker in enumerate(markers):
        mx = x(min(max(marker.value, start), end))
        svg.line(mx, y0 - 6 - 14 * i, mx, y1, INK, 2.0, marker.dashed)
        anchor = "end" if mx > (x0 + x1) / 2 else "start"
        svg.text(mx + (-4 if anchor == "end" else 4), y0 - 8 - 14 * i, marker.label,
                 anchor=anchor, bold=True, size=11)
    return str(svg)
