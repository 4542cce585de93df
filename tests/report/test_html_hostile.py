"""Whatever text the data holds, the HTML page stays well-formed and inert."""

from __future__ import annotations

from html_check import check
from hypothesis import given, settings
from hypothesis import strategies as st
from report_synthetic import synthetic_report

from slakit.report import FORMATS, RenderOptions
from slakit.report.model import AgingRow, Misroute, OutcomeMix

values = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(lead=values, team=values, reason=values)
def test_any_data_value_is_text(lead: str, team: str, reason: str) -> None:
    report = synthetic_report(
        misrouted=(Misroute(lead, team, team),),
        aging=(AgingRow(team, (1, 2, 3, 4), (lead,)),),
        outcomes_overall=OutcomeMix(won=1, open=1, lost=2, lost_reasons={reason: 2}),
    )
    page = FORMATS["html"].render(report, RenderOptions())
    checker = check(page)
    assert checker.errors == []
    assert checker.tags["script"] == 0
    assert "http" not in page or "http" in lead + team + reason
