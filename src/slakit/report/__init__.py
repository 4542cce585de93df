"""Report formats: one module each behind ``Format``; ``FORMATS`` is the registry the CLI lists."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from slakit.report.base import ALL_SECTIONS, Format, RenderOptions
from slakit.report.model import Report, build_report

_MODULES = {
    "text": ("slakit.report.text_format", "TextFormat"),
    "json": ("slakit.report.json_format", "JsonFormat"),
    "markdown": ("slakit.report.markdown_format", "MarkdownFormat"),
    "csv": ("slakit.report.results_csv", "ResultsCsvFormat"),
    "html": ("slakit.report.html_format", "HtmlFormat"),
    "junit": ("slakit.report.junit_format", "JunitFormat"),
    "github": ("slakit.report.github_format", "GithubFormat"),
}


class _Formats(Mapping[str, Format]):
    """The formats by name, each module imported on first use (rich, the charts and the
    HTML page cost ~30 ms of start-up that a JSON report does not need)."""

    def __init__(self) -> None:
        self._made: dict[str, Format] = {}

    def __getitem__(self, name: str) -> Format:
        made = self._made.get(name)
        if made is None:
            module, cls = _MODULES[name]
            made = self._made[name] = getattr(importlib.import_module(module), cls)()
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Format] = _Formats()

__all__ = ["ALL_SECTIONS", "FORMATS", "Format", "RenderOptions", "Report", "build_report"]
