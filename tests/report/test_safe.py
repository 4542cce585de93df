"""``slakit.report.safe``: data shown on a terminal or in a spreadsheet stays inert."""

from __future__ import annotations

import pytest

from slakit.report.safe import spreadsheet, terminal


@pytest.mark.parametrize(("value", "shown"), [
    ("L-1", "L-1"),
    ("L1\x1b[2J", "L1\\x1b[2J"),
    ("a\x9b2J", "a\\x9b2J"),
    ("team\u202eevil", "team\\u202eevil"),  # a right-to-left override reorders the line
    ("x\u2066y\u2069", "x\\u2066y\\u2069"),
    ("Zoë Müller-Łukasz", "Zoë Müller-Łukasz"),  # letters are not controls
])
def test_terminal(value: str, shown: str) -> None:
    assert terminal(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("-2+3", "'-2+3"),
    ("\rowned", "'\\x0downed"),
    ("L-1\x1b]0;t\x07", "L-1\\x1b]0;t\\x07"),
    ("", ""),
])
def test_spreadsheet(value: str, shown: str) -> None:
    assert spreadsheet(value) == shown


def test_html_escapes_controls_and_overrides() -> None:
    from slakit.report.charts.svg import esc

    assert esc("L1\x1b[2J<b>") == "L1\\x1b[2J&lt;b&gt;"
    assert esc("team\u202eevil") == "team\\u202eevil"
