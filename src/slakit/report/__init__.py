"""Report formats: one module each behind ``Format``; ``FORMATS`` is the registry the CLI lists."""

from __future__ import annotations

from slakit.report.base import ALL_SECTIONS, Format, RenderOptions
from slakit.report.html_format import HtmlFormat
from slakit.report.json_format import JsonFormat
from slakit.report.junit_format import JunitFormat
from slakit.report.markdown_format import MarkdownFormat
from slakit.report.model import Report, build_report
from slakit.report.text_format import TextFormat

FORMATS: dict[str, Format] = {
    f.name: f for f in (TextFormat(), JsonFormat(), MarkdownFormat(), HtmlFormat(), JunitFormat())
}

__all__ = ["ALL_SECTIONS", "FORMATS", "Format", "RenderOptions", "Report", "build_report"]
