"""Static SVG charts for the HTML report: bar, stacked bar, grouped bar, line, histogram.

No chart library and no script: each function returns one ``<svg>`` string with an accessible
``<title>``, escaped labels, a colorblind-safe palette and fixed number formatting, so equal
data gives equal bytes. Empty data gives a small chart saying so, never an exception.
"""

from __future__ import annotations

from slakit.report.charts.bars import (
    Bar,
    Group,
    Stack,
    bar_chart,
    grouped_bar_chart,
    stacked_bar_chart,
)
from slakit.report.charts.elapsed import (
    ElapsedBin,
    ElapsedHistogram,
    duration_text,
    elapsed_histogram,
    elapsed_histograms,
)
from slakit.report.charts.histogram import Bin, histogram_chart
from slakit.report.charts.line import Series, line_chart
from slakit.report.charts.svg import (
    BAD,
    CATEGORICAL,
    GOOD,
    NEUTRAL,
    Marker,
    empty_chart,
    esc,
    percent_tick,
    plain_number,
)

__all__ = [
    "BAD",
    "CATEGORICAL",
    "GOOD",
    "NEUTRAL",
    "Bar",
    "Bin",
    "ElapsedBin",
    "ElapsedHistogram",
    "Group",
    "Marker",
    "Series",
    "Stack",
    "bar_chart",
    "duration_text",
    "elapsed_histogram",
    "elapsed_histograms",
    "empty_chart",
    "esc",
    "grouped_bar_chart",
    "histogram_chart",
    "line_chart",
    "percent_tick",
    "plain_number",
    "stacked_bar_chart",
]
