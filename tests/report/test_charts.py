"""The SVG chart module: proportions, escaping, empty data, determinism, accessibility."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from html_check import check

from slakit.engine.results import LeadResult, TargetResult
from slakit.report.charts import (
    BAD,
    GOOD,
    Bar,
    Bin,
    Group,
    Marker,
    Series,
    Stack,
    bar_chart,
    duration_text,
    elapsed_histogram,
    grouped_bar_chart,
    histogram_chart,
    line_chart,
    stacked_bar_chart,
)
from slakit.report.charts.elapsed import histogram_of
from slakit.report.charts.svg import esc, nice_ticks, num

HOSTILE = '<script>alert("x")</script> & \x1b[2J'
MINUTE = 60_000_000


def _rects(svg: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m)) for m in re.findall(r"<rect ([^>]*)", svg)]


def _bars(svg: str, color: str) -> list[float]:
    return [float(r["width"]) for r in _rects(svg) if r.get("fill") == color]


def test_bar_widths_are_proportional_to_values() -> None:
    svg = bar_chart("c", "t", [Bar("a", 1.0), Bar("b", 2.0), Bar("c", 4.0)], scale_max=8.0)
    widths = _bars(svg, GOOD)
    assert len(widths) == 3
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.3)
    assert widths[2] == pytest.approx(4 * widths[0], abs=0.3)


def test_bar_values_beyond_the_scale_are_clamped() -> None:
    widths = _bars(bar_chart("c", "t", [Bar("a", 0.5), Bar("b", 3.0)], scale_max=1.0), GOOD)
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.3)


def test_marker_line_sits_at_its_value() -> None:
    svg = bar_chart("c", "t", [Bar("a", 1.0)], scale_max=1.0,
                    markers=[Marker(0.5, "objective 50%")])
    bar = _bars(svg, GOOD)[0]
    start = float(_rects(svg)[-1]["x"])
    lines = re.findall(r'<line x1="([\d.]+)" y1="[\d.]+" x2="\1"[^>]*stroke-width="2"', svg)
    assert [float(x) for x in lines] == [pytest.approx(start + bar / 2, abs=0.3)]
    assert "objective 50%" in svg


def test_stacked_bars_normalised_fill_the_plot() -> None:
    svg = stacked_bar_chart("c", "t", [Stack("a", (1.0, 3.0)), Stack("b", (5.0, 5.0))],
                            ("x", "y"), colors=(GOOD, BAD), normalize=True)
    good, bad = _bars(svg, GOOD), _bars(svg, BAD)
    # the legend squares are 10 wide; the bars follow
    assert good[0] == bad[0] == 10
    assert good[1] + bad[1] == pytest.approx(good[2] + bad[2], abs=0.2)
    assert bad[1] == pytest.approx(3 * good[1], abs=0.2)


def test_grouped_bars_keep_series_order() -> None:
    svg = grouped_bar_chart("c", "t", [Group("g", (4.0, 2.0))], ("a", "b"),
                            colors=(GOOD, BAD))
    assert _bars(svg, GOOD)[1] == pytest.approx(2 * _bars(svg, BAD)[1], abs=0.3)


def _all_charts(label: str) -> list[str]:
    return [
        bar_chart("c1", label, [Bar(label, 1.0)], markers=[Marker(0.5, label)]),
        stacked_bar_chart("c2", label, [Stack(label, (1.0, 2.0))], (label, "b")),
        grouped_bar_chart("c3", label, [Group(label, (1.0, 2.0))], (label, "b")),
        line_chart("c4", label, [label, "w2"], [Series(label, (0.5, None))],
                   markers=[Marker(0.4, label)]),
        histogram_chart("c5", label, [Bin(0, 1, (1.0,)), Bin(1, None, (2.0,))], (label,),
                        markers=[Marker(0.5, label)]),
    ]


def test_labels_are_escaped_everywhere() -> None:
    for svg in _all_charts(HOSTILE):
        assert "<script" not in svg
        assert "\x1b" not in svg
        assert esc("<script>") in svg
        assert check(svg).errors == []


def test_charts_have_an_accessible_title_and_no_namespace_url() -> None:
    for svg in _all_charts("label"):
        cid = re.match(r'<svg id="([^"]+)"', svg)
        assert cid is not None
        assert f'aria-labelledby="{cid[1]}-title' in svg
        assert f'<title id="{cid[1]}-title">label</title>' in svg
        assert 'role="img"' in svg
        assert "http" not in svg and "xmlns" not in svg


EMPTY: list[Callable[[], str]] = [
    lambda: bar_chart("e", "t", [], empty="nothing here"),
    lambda: stacked_bar_chart("e", "t", [], ("a",), empty="nothing here"),
    lambda: stacked_bar_chart("e", "t", [Stack("a", (0.0,))], ("a",), empty="nothing here"),
    lambda: grouped_bar_chart("e", "t", [], ("a",), empty="nothing here"),
    lambda: line_chart("e", "t", [], [], empty="nothing here"),
    lambda: line_chart("e", "t", ["w1"], [Series("s", (None,))], empty="nothing here"),
    lambda: histogram_chart("e", "t", [], ("a",), empty="nothing here"),
]


@pytest.mark.parametrize("draw", EMPTY)
def test_empty_data_says_so(draw: Callable[[], str]) -> None:
    svg = draw()
    assert svg.startswith("<svg") and "nothing here" in svg
    assert check(svg).errors == []


def test_output_is_deterministic_with_fixed_number_format() -> None:
    first = _all_charts("x")
    assert first == _all_charts("x")
    for svg in first:
        for value in re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height|cx|cy)="([^"]*)"', svg):
            assert re.fullmatch(r"\d+(\.\d)?", value), value


def test_number_format() -> None:
    assert [num(v) for v in (0.0, -0.04, 12.0, 12.25, 3.14159)] == ["0", "0", "12", "12.2", "3.1"]


def test_line_chart_marks_points_below_the_objective() -> None:
    svg = line_chart("c", "t", ["w1", "w2", "w3"], [Series("s", (0.99, 0.9, None), GOOD)],
                     markers=[Marker(0.95, "objective")], below_color=BAD, y_max=1.0)
    fills = re.findall(r'<circle [^>]*fill="([^"]+)"', svg)
    assert fills == [GOOD, BAD]
    assert svg.count("<polyline") == 1


def test_line_chart_gap_splits_the_line() -> None:
    svg = line_chart("c", "t", list("abcde"), [Series("s", (0.5, 0.6, None, 0.7, 0.8))])
    assert svg.count("<polyline") == 2


@pytest.mark.parametrize(("top", "ticks"), [
    (87, [0, 20, 40, 60, 80, 100]),
    (1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (4, [0, 1, 2, 3, 4]),
    (0, [0, 1]),
])
def test_nice_ticks(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == pytest.approx(ticks)


@pytest.mark.parametrize(("us", "text"), [
    (0, "0"), (45_000_000, "45s"), (15 * MINUTE, "15m"), (90 * MINUTE, "1h30m"),
    (2 * 1440 * MINUTE, "2d"), (1500 * MINUTE, "1d1h"),
])
def test_duration_text(us: int, text: str) -> None:
    assert duration_text(us) == text


def _lead(i: int, minutes: int, status: str = "met", target: str = "t") -> LeadResult:
    return LeadResult(f"L{i}", 0, {}, None, None, "24x7", targets=(
        TargetResult(target, status, started_at=0, stopped_at=1,  # type: ignore[arg-type]
                     elapsed_us=minutes * MINUTE),))


def test_histogram_bins_are_right_closed_with_a_tail_bin() -> None:
    values = [(m * MINUTE, m <= 15) for m in range(26)] * 2 + [(600 * MINUTE, False)]
    hist = histogram_of("t", values, budget_us=15 * MINUTE)
    assert hist.stopped == 53
    first = hist.bins[0]
    assert first.low_us == 0 and first.high_us is not None
    step = first.high_us
    assert 15 * MINUTE % step == 0, "the budget falls on a bin edge"
    met_after_budget = sum(b.met for b in hist.bins if b.low_us >= 15 * MINUTE)
    assert met_after_budget == 0, "a lead met at exactly the budget is left of the line"
    assert hist.bins[-1].high_us is None and hist.bins[-1].breached == 1
    assert len(hist.bins) <= 16


def test_histogram_counts_only_stopped_met_or_breached_leads() -> None:
    leads = [_lead(1, 5), _lead(2, 30, "breached"), _lead(3, 7, "pending"), _lead(4, 9,
             target="other")]
    hist = elapsed_histogram(leads, "t")
    assert (sum(b.met for b in hist.bins), sum(b.breached for b in hist.bins)) == (1, 1)
    assert elapsed_histogram([], "t").bins == ()


def test_histogram_marks_both_budgets() -> None:
    from slakit.report.charts.figures import elapsed_chart

    hist = histogram_of("t", [(5 * MINUTE, True), (40 * MINUTE, False)],
                        budget_us=15 * MINUTE, after_hours_us=30 * MINUTE)
    svg = elapsed_chart("c", hist)
    assert "budget 15m" in svg and "after hours 30m" in svg
    assert 'stroke-dasharray="5 3"' in svg


def test_elapsed_histograms_take_fixed_budgets_from_the_document() -> None:
    from slakit.model import Document
    from slakit.report.charts import elapsed_histograms

    doc = Document.model_validate({"slakit": 1, "name": "x", "targets": [
        {"id": "t", "start": "a", "stop": "b", "within": "15m", "after_hours": "30m"},
        {"id": "days", "start": "a", "stop": "b", "within": "2bd"},
        {"id": "cadence", "kind": "cadence", "start": "a", "attempts": "b",
         "schedule": ["15m"]},
        {"id": "quality", "kind": "quality", "on": "a", "require": ["x"]},
    ]})
    hists = elapsed_histograms(doc, [_lead(1, 5), _lead(2, 40, "breached")])
    assert [h.target for h in hists] == ["t", "days"]
    assert (hists[0].budget_us, hists[0].after_hours_us) == (15 * MINUTE, 30 * MINUTE)
    assert hists[0].stopped == 2
    assert (hists[1].budget_us, hists[1].bins) == (None, ())
