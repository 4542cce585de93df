"""The HTML report: well-formed, self-contained, escaped, one chart per figure, views."""

from __future__ import annotations

import re

import pytest
from html_check import check
from report_synthetic import SCRIPT_ID, synthetic_report

from slakit.report import FORMATS, RenderOptions
from slakit.report.base import ALL_SECTIONS
from slakit.report.charts import ElapsedHistogram
from slakit.report.model import OutcomeMix, Report

HTML = FORMATS["html"]
CHARTS = {
    "elapsed": 2,  # the two histograms passed in
    "segments": 2,  # targets with judged segments
    "trend": 2,  # targets with a trend
    "outcomes": 2,  # the mix and the lost reasons
    "stages": 1,
    "escalations": 1,
}


@pytest.fixture
def page(report: Report, histograms: tuple[ElapsedHistogram, ...]) -> str:
    return HTML.render(report, RenderOptions(histograms=histograms))


def test_is_well_formed(page: str) -> None:
    checker = check(page)
    assert checker.errors == []
    assert page.startswith("<!DOCTYPE html>\n")
    assert checker.tags["html"] == checker.tags["head"] == checker.tags["body"] == 1


def test_has_one_svg_per_chart_each_with_a_title(page: str) -> None:
    checker = check(page)
    assert checker.tags["svg"] == sum(CHARTS.values())
    titles = {v for tag, name, v in checker.attrs if tag == "title" and name == "id"}
    labelled = [v for tag, name, v in checker.attrs if tag == "svg" and name == "aria-labelledby"]
    assert len(labelled) == checker.tags["svg"]
    assert all(v.split()[0] in titles for v in labelled)


def test_is_self_contained(page: str) -> None:
    assert "http" not in page
    assert "xmlns" not in page
    assert "<script" not in page
    assert not re.search(r"\b(src|href)=\"(?!#)", page), "only in-page links"
    assert "@import" not in page and "url(" not in page
    assert "@media print" in page


def test_data_is_escaped(page: str) -> None:
    assert SCRIPT_ID not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page
    assert "L1\\x1b[2J" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "web|`form`" in page
    text = "".join(check(page).text)
    assert SCRIPT_ID in text, "the id reads as text"


def test_headline_comes_first_with_verdict_and_owners(page: str) -> None:
    verdict = page.index('class="verdict fail"')
    assert verdict < page.index('class="cards"') < page.index("<nav")
    assert page[page.index("<section"):].startswith('<section class="verdict')
    assert "2 of 4 targets missed their objective" in page
    assert "speed-to-first-attempt (93.0%, objective 95.0%)" in page
    assert "sales-director" in page and "patient-services-director" in page
    assert page.count('class="card fail"') == 2
    assert page.count('class="card pass"') == 1
    assert page.count('class="card nodata"') == 1
    # A target without data passes (LANGUAGE.md: null compliance is "no data", and passing),
    # as text and markdown say; the card used to read "NO DATA" only.
    card = page[page.index('class="card nodata"'):]
    assert "PASS (NO DATA)" in card[:card.index("</div>")]


def test_passing_report_says_so(histograms: tuple[ElapsedHistogram, ...]) -> None:
    report = synthetic_report(passed=True, targets=synthetic_report().targets[1:2])
    page = HTML.render(report, RenderOptions())
    assert 'class="verdict pass"' in page
    assert "All targets met their objectives." in page


def test_a_view_per_document_view_each_section_once(page: str, report: Report) -> None:
    nav = page[page.index("<nav"):page.index("</nav>")]
    assert [m for m in re.findall(r'href="#view-([a-z-]+)"', nav)] == list(report.views)
    for view in report.views:
        assert f'id="view-{view}"' in page
    for section in ALL_SECTIONS:
        assert page.count(f'id="sec-{section}"') == 1
    # marketing lists targets and trend, already shown under leadership: linked, not repeated
    marketing = page[page.index('id="view-marketing"'):]
    assert marketing.count('href="#sec-targets"') == 1
    assert marketing.count('href="#sec-trend"') == 1
    order = [page.index(f'id="sec-{s}"') for s in report.views["leadership"]]
    assert order == sorted(order)


def test_custom_views_not_covering_every_section_get_the_rest(report: Report) -> None:
    views = {"board": ("targets", "trend")}
    page = HTML.render(synthetic_report(views=views), RenderOptions())
    assert 'id="view-board"' in page and 'id="view-other"' in page
    for section in ALL_SECTIONS:
        assert page.count(f'id="sec-{section}"') == 1


def test_narrowed_sections_show_only_those_in_order(report: Report) -> None:
    page = HTML.render(report, RenderOptions(sections=("stages", "routing")))
    assert "<nav" not in page
    assert page.index('id="sec-stages"') < page.index('id="sec-routing"')
    assert re.findall(r'id="sec-([a-z]+)"', page) == ["stages", "routing"]
    assert check(page).errors == []


def test_named_view_keeps_its_heading(report: Report) -> None:
    page = HTML.render(report, RenderOptions(sections=report.views["operations"]))
    assert 'id="view-operations"' in page and "<nav" not in page


def test_long_lists_show_twenty_and_the_rest_counted(page: str) -> None:
    routing = page[page.index('id="sec-routing"'):page.index('id="sec-stages"')]
    assert routing.count("<tr>") == 1 + 20
    assert "and 4 more" in routing
    assert "bad-timestamp: 20 of 31 examples" in page


def test_aging_lists_buckets_and_oldest_ids(page: str) -> None:
    aging = page[page.index('id="sec-aging"'):]
    aging = aging[:aging.index("</section>")]
    for bucket in ("0-1bd", "1bd-3bd", "3bd-7bd", "7bd+"):
        assert f">{bucket}<" in aging
    assert "L-900013" in aging and "(no team)" in aging


def test_is_byte_reproducible(report: Report, histograms: tuple[ElapsedHistogram, ...]) -> None:
    options = RenderOptions(histograms=histograms)
    assert HTML.render(report, options) == HTML.render(synthetic_report(), options)
    assert HTML.machine


def test_without_histograms_there_are_no_distributions(report: Report) -> None:
    page = HTML.render(report, RenderOptions())
    assert check(page).tags["svg"] == sum(CHARTS.values()) - CHARTS["elapsed"]


def test_an_empty_report_renders_empty_states() -> None:
    base = synthetic_report()
    empty = [
        t.__class__(**{**t.__dict__, "segments": (), "trend": (), "compliance": None})
        for t in base.targets
    ]
    report = synthetic_report(
        targets=tuple(empty), by=(), outcomes_overall=None, outcomes_segments=(),
        aging_buckets=(), aging=(), has_routing_check=False, routing_checked=0,
        routing_matched=0, misrouted=(), stages=(), escalations=(), findings=(),
    )
    page = HTML.render(report, RenderOptions())
    checker = check(page)
    assert checker.errors == []
    assert checker.tags["svg"] == 0
    for message in ("No segments", "defines no outcomes", "No aging buckets",
                    "does not check routing", "defines no stages", "defines no escalations",
                    "No data findings", "No met or breached leads to show over time"):
        assert message in page


def test_outcomes_without_lost_reasons_draw_one_chart(report: Report) -> None:
    report = synthetic_report(outcomes_overall=OutcomeMix(won=3, open=1, lost=0))
    page = HTML.render(report, RenderOptions(sections=("outcomes",)))
    assert check(page).tags["svg"] == 1


def test_many_segments_are_capped_worst_first_with_the_rest_counted() -> None:
    from report_synthetic import SPEED, counts

    from slakit.report.model import SegmentRow
    from slakit.report.numbers import compliance

    rows = tuple(
        SegmentRow((("lead_type", f"type-{i:02d}"),), counts(met=50 + i, breached=5),
                   compliance(50 + i, 5))
        for i in range(40)
    )
    target = SPEED.__class__(**{**SPEED.__dict__, "segments": rows})
    report = synthetic_report(targets=(target,), by=("lead_type",))
    page = HTML.render(report, RenderOptions(sections=("segments",)))
    assert "(15 more in the table)" in page
    chart = page[page.index("<svg"):page.index("</svg>")]
    assert "type-00" in chart and "type-39" not in chart
    assert check(page).errors == []


def test_a_year_of_weeks_keeps_axis_labels_apart(report: Report) -> None:
    from report_synthetic import SPEED

    from slakit.report.model import TrendRow
    from slakit.report.numbers import compliance

    rows = tuple(TrendRow(f"2026-W{w:02d}", 90 + w % 7, 5, compliance(90 + w % 7, 5))
                 for w in range(1, 53))
    target = SPEED.__class__(**{**SPEED.__dict__, "trend": rows})
    page = HTML.render(synthetic_report(targets=(target,)), RenderOptions(sections=("trend",)))
    chart = page[page.index("<svg"):page.index("</svg>")]
    labels = re.findall(r">(2026-W\d\d)</text>", chart)
    assert 5 <= len(labels) <= 20
