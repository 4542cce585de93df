"""SVG building blocks: escaping, fixed number formatting, palette, text fitting, ticks.

Every chart is a plain string of inline SVG for an HTML5 page: no ``xmlns`` (an HTML parser
does not need it, and the document must not contain a URL), no script, no external font.
Numbers are written with one decimal so the same data always gives the same bytes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from slakit.report.safe import terminal

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common color
# vision deficiency. Blue means good (met, won), vermillion bad (breached, lost).
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#A0A0A0"
INK = "#1F2328"
MUTED = "#59636E"
GRID = "#D8DEE4"

GOOD = BLUE
BAD = VERMILLION
BAD_INK = "#A33A00"
"""Vermillion dark enough for text on white (6.3:1; the bars' #D55E00 is 3.9:1)."""
NEUTRAL = GREY
CATEGORICAL: tuple[str, ...] = (BLUE, ORANGE, SKY, GREEN, PURPLE, YELLOW, VERMILLION, BLACK)
"""Colors for series without a meaning of their own, in order."""

FONT_SIZE = 12
_NARROW = frozenset("il.,:;'|!` ")
_SEMI = frozenset("fjrtI()[]{}-/\\\"")
_WIDE = frozenset("mwMW@%")


def _em(ch: str) -> float:
    """A generous width of ``ch`` in ems for common sans-serif fonts (DejaVu, Segoe, Roboto)."""
    if ch in _NARROW:
        return 0.32
    if ch in _SEMI:
        return 0.42
    if ch in _WIDE:
        return 0.92
    if ch.isupper():
        return 0.74
    if ch.isdigit():
        return 0.64
    if ch.isascii():
        return 0.6
    return 1.0 if ord(ch) >= 0x1100 else 0.7


Formatter = Callable[[float], str]


def esc(value: object) -> str:
    """Escape any value for text or an attribute value of HTML/SVG. Control characters (not
    allowed in HTML or XML text) and bidirectional overrides are shown as ``\x1b``-style
    escapes (``safe.terminal``): dropping them would make ``L1\x1b[2J`` read as another lead's
    id ``L1``, and an escape reads the same in every font."""
    return html.escape(terminal(str(value)), quote=True)


def num(value: float) -> str:
    """A coordinate with one decimal and no ``-0``: ``12``, ``12.5``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def text_width(label: str, size: float = FONT_SIZE) -> float:
    """The estimated rendered width of ``label`` at ``size``, erring wide."""
    return sum(_em(ch) for ch in label) * size


def fit(label: str, width: float, size: float = FONT_SIZE) -> str:
    """Shorten ``label`` with an ellipsis in its middle so it fits ``width`` user units: the
    start and the end stay, so segments that differ only in their last field
    (``neurology · answering_service · east`` and ``... · west``) still read apart."""
    if text_width(label, size) <= width:
        return label
    room = width - text_width("…", size)
    head, tail, used = 0, len(label), 0.0
    while head < tail:
        take_head = head <= len(label) - tail  # alternate, the start first
        ch = label[head] if take_head else label[tail - 1]
        if used + _em(ch) * size > room:
            break
        used += _em(ch) * size
        if take_head:
            head += 1
        else:
            tail -= 1
    return label[: max(1, head)] + "…" + label[tail:]


def ink_on(fill: str) -> str:
    """Black or white, whichever has the higher contrast on ``fill`` (a ``#rrggbb`` color),
    by WCAG's relative luminance: white on vermillion is 3.9:1, black 5.4:1."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(fill[i : i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def nice_ticks(top: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """Round tick values from 0 to at least ``top``: ``nice_ticks(87) == [0, 20, ..., 100]``.
    ``whole``: counts of leads or events, so no tick between two whole numbers (a top of 1
    gives 0 and 1, not 0, 0.2, ...)."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw)
    if whole:
        step = max(step, 1)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def plain_number(value: float) -> str:
    """``12``, ``2.5``: the shortest plain rendering of a tick value."""
    return f"{value:.10g}"


def percent_tick(value: float) -> str:
    """A share as a whole percent: ``0.95`` -> ``95%``."""
    return f"{value * 100:.10g}%"


@dataclass(frozen=True)
class Marker:
    """A reference line across a chart: an objective, a budget."""

    value: float
    label: str
    dashed: bool = False


LEGEND_ROW = 18.0


def _legend_rows(items: Sequence[tuple[str, str]], x0: float,
                 max_x: float) -> list[tuple[int, tuple[float, str, str]]]:
    out = []
    row, x = 0, x0
    for name, color in items:
        w = 14 + text_width(name)
        if x > x0 and x + w > max_x:
            row, x = row + 1, x0
        out.append((row, (x, name, color)))
        x += w + 16
    return out


def legend_height(items: Sequence[tuple[str, str]], x0: float, max_x: float) -> float:
    """The height a legend of ``items`` takes between ``x0`` and ``max_x`` (0 for none)."""
    if not items:
        return 0.0
    rows = _legend_rows(items, x0, max_x)
    return (rows[-1][0] + 1) * LEGEND_ROW + 4


class Svg:
    """Collects SVG elements; ``str()`` gives the finished ``<svg>`` with its title."""

    def __init__(self, chart_id: str, width: float, height: float, title: str,
                 desc: str = "") -> None:
        self.chart_id = chart_id
        self.width = width
        self.height = height
        self.title = title
        self.desc = desc
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        """Append raw, already escaped markup."""
        self.parts.append(element)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, tip: str = "",
             cls: str = "") -> None:
        """A filled rectangle, with a hover tooltip when ``tip`` is given."""
        attrs = (f'x="{num(x)}" y="{num(y)}" width="{num(max(w, 0.0))}" '
                 f'height="{num(max(h, 0.0))}" fill="{fill}"')
        if cls:
            attrs += f' class="{cls}"'
        if tip:
            self.add(f"<rect {attrs}><title>{esc(tip)}</title></rect>")
        else:
            self.add(f"<rect {attrs}/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str,
             width: float = 1.0, dashed: bool = False) -> None:
        """A straight line."""
        dash = ' stroke-dasharray="5 3"' if dashed else ""
        self.add(f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
                 f'stroke="{stroke}" stroke-width="{num(width)}"{dash}/>')

    def text(self, x: float, y: float, label: str, *, anchor: str = "start",
             fill: str = INK, size: int = FONT_SIZE, bold: bool = False,
             max_width: float | None = None) -> None:
        """A text label, shortened to ``max_width`` with the full text as its tooltip."""
        shown = fit(label, max_width, size) if max_width is not None else label
        weight = ' font-weight="600"' if bold else ""
        tip = f"<title>{esc(label)}</title>" if shown != label else ""
        self.add(f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" '
                 f'font-size="{size}" fill="{fill}"{weight}>{tip}{esc(shown)}</text>')

    def legend(self, x: float, y: float, items: Sequence[tuple[str, str]],
               max_x: float | None = None) -> float:
        """Colored squares and names from ``(x, y)``, wrapping at ``max_x``; returns the height.

        ``legend_height`` gives the same height before drawing, to lay out what comes below.
        """
        rows = _legend_rows(items, x, max_x if max_x is not None else self.width)
        for row, (lx, name, color) in rows:
            ly = y + row * LEGEND_ROW
            self.rect(lx, ly - 9, 10, 10, color)
            self.text(lx + 14, ly, name, fill=MUTED)
        return legend_height(items, x, max_x if max_x is not None else self.width)

    def __str__(self) -> str:
        cid = esc(self.chart_id)
        labelled = f"{cid}-title" + (f" {cid}-desc" if self.desc else "")
        head = (f'<svg id="{cid}" class="chart" role="img" aria-labelledby="{labelled}" '
                f'viewBox="0 0 {num(self.width)} {num(self.height)}" '
                f'width="{num(self.width)}" height="{num(self.height)}" '
                f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">')
        title = f'<title id="{cid}-title">{esc(self.title)}</title>'
        desc = f'<desc id="{cid}-desc">{esc(self.desc)}</desc>' if self.desc else ""
        return head + title + desc + "".join(self.parts) + "</svg>"


def empty_chart(chart_id: str, title: str, message: str, width: float = 640) -> str:
    """A small chart that says why there is nothing to draw."""
    svg = Svg(chart_id, width, 48, title, message)
    svg.rect(0.5, 0.5, width - 1, 47, "#F6F8FA")
    svg.text(width / 2, 28, message, anchor="middle", fill=MUTED)
    return str(svg)
