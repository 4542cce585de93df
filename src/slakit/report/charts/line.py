"""Line charts over ordered categories (weeks, months), with reference lines."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from slakit.report.charts.svg import (
    BAD_INK,
    BLUE,
    GRID,
    INK,
    MUTED,
    Formatter,
    Marker,
    Svg,
    empty_chart,
    esc,
    legend_height,
    nice_ticks,
    num,
    plain_number,
    text_width,
)

LEFT = 48.0
RIGHT = 16.0
TOP = 30.0
BOTTOM = 30.0


@dataclass(frozen=True)
class Series:
    """One line: a value per category (``None`` leaves a gap)."""

    name: str
    values: tuple[float | None, ...]
    color: str = BLUE


def _range(values: Sequence[float], y_min: float | None,
           y_max: float | None) -> tuple[float, float, list[float]]:
    hi = y_max if y_max is not None else max(values)
    lo = y_min if y_min is not None else min(values)
    if hi <= lo:
        hi = lo + 1.0
    step = nice_ticks(hi - lo, 4)[1]
    if y_min is None:
        # Keep the lowest point or reference line off the axis, where it would hide.
        floor = math.floor(lo / step + 1e-9) * step
        lo = floor - step if floor > 0 and abs(floor - lo) < step * 0.2 else floor
    hi = math.ceil(hi / step - 1e-9) * step if y_max is None else hi
    count = round((hi - lo) / step)
    ticks = [round(lo + i * step, 10) for i in range(count + 1)]
    return lo, hi, ticks


def line_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    desc: str = "",
    y_min: float | None = None,
    y_max: float | None = None,
    markers: Sequence[Marker] = (),
    tick_format: Formatter = plain_number,
    value_format: Formatter | None = None,
    below_color: str | None = None,
    width: float = 640,
    height: float = 220,
    empty: str = "No data to chart",
) -> str:
    """Lines over ``categories``; a point under the first marker takes ``below_color``."""
    present = [v for s in series for v in s.values if v is not None]
    if not categories or not present:
        return empty_chart(chart_id, title, empty, width)
    fmt = value_format or tick_format
    lo, hi, ticks = _range([*present, *(m.value for m in markers)], y_min, y_max)
    legend = [(s.name, s.color) for s in series] if len(series) > 1 else []
    x0, x1 = LEFT, width - RIGHT
    # Reference lines are named in a key above the plot, where no point label can cover them.
    keys = 18.0 if markers else 0.0
    y0 = TOP + keys + legend_height(legend, LEFT, x1)
    y1 = height - BOTTOM + keys
    svg = Svg(chart_id, width, height + keys, title, desc)
    kx = x0
    for marker in markers:
        svg.line(kx, 10, kx + 22, 10, INK, 1.5, marker.dashed)
        svg.text(kx + 28, 14, marker.label, bold=True, size=11)
        kx += 28 + text_width(marker.label, 11) + 20

    # Inset the first and last points by half a label, so their labels stay inside.
    inset = max(10.0, max(text_width(c) for c in categories) * 0.45)

    def x(i: int) -> float:
        if len(categories) == 1:
            return (x0 + x1) / 2
        return x0 + inset + (x1 - x0 - 2 * inset) * i / (len(categories) - 1)

    def y(value: float) -> float:
        return y1 - (y1 - y0) * (value - lo) / (hi - lo)

    for tick in ticks:
        svg.line(x0, y(tick), x1, y(tick), GRID)
        svg.text(x0 - 6, y(tick) + 4, tick_format(tick), anchor="end", fill=MUTED, size=11)
    svg.line(x0, y1, x1, y1, INK)
    last = len(categories) - 1
    room = (x(1) - x(0)) if last else x1 - x0
    label_w = max(text_width(c, 11) for c in categories) + 10
    every = max(1, math.ceil(label_w / room))
    for i, category in enumerate(categories):
        if i % every == 0 or (i == last and (i % every) * room >= label_w):
            svg.text(x(i), y1 + 18, category, anchor="middle", fill=MUTED, size=11)
    for marker in markers:
        svg.line(x0, y(marker.value), x1, y(marker.value), INK, 1.5, marker.dashed)
    threshold = markers[0].value if markers else None
    labels = len(categories) <= 12 and len(series) == 1
    # Dense series (a year of weeks) get small points so the line stays visible.
    radius = 4.0 if len(categories) <= 26 else 2.5
    for s in series:
        runs: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(s.values):
            if value is None:
                runs.append([])
            else:
                runs[-1].append((x(i), y(value)))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{num(px)},{num(py)}" for px, py in run)
                svg.add(f'<polyline points="{points}" fill="none" stroke="{s.color}" '
                        f'stroke-width="2.5" stroke-linejoin="round"/>')
        for i, value in enumerate(s.values):
            if value is None:
                continue
            low = below_color is not None and threshold is not None and value < threshold
            fill = below_color if low and below_color else s.color
            tip = f"{s.name} {categories[i]}: {fmt(value)}"
            svg.add(f'<circle cx="{num(x(i))}" cy="{num(y(value))}" r="{radius}" '
                    f'fill="{fill}" stroke="#FFFFFF" stroke-width="{num(radius / 3)}">'
                    f"<title>{esc(tip)}</title></circle>")
            if labels:
                svg.text(x(i), y(value) - 9, fmt(value), anchor="middle", size=10,
                         fill=BAD_INK if low else INK)
    svg.legend(x0, 14 + keys, legend, x1)
    return str(svg)

