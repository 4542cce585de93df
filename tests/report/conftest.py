"""Fixtures shared by the report tests."""

from __future__ import annotations

import pytest
from report_synthetic import synthetic_histograms, synthetic_report

from slakit.report.charts import ElapsedHistogram
from slakit.report.model import Report


@pytest.fixture
def report() -> Report:
    """The synthetic report with every section filled."""
    return synthetic_report()


@pytest.fixture
def histograms() -> tuple[ElapsedHistogram, ...]:
    """Histograms of the synthetic leads, with the speed target's budgets."""
    return synthetic_histograms()
