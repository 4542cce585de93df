"""Diff output formats: one module each behind ``DiffFormat``; ``FORMATS`` is the registry."""

from __future__ import annotations

from slakit.changes.formats.base import DiffFormat, DiffReport
from slakit.changes.formats.github_format import GithubFormat
from slakit.changes.formats.json_format import JsonFormat
from slakit.changes.formats.markdown_format import MarkdownFormat
from slakit.changes.formats.text_format import TextFormat

FORMATS: dict[str, DiffFormat] = {
    f.name: f for f in (TextFormat(), JsonFormat(), MarkdownFormat(), GithubFormat())}
"""Format name -> format; the CLI's ``-f`` and ``-o`` choices are its keys."""

__all__ = ["FORMATS", "DiffFormat", "DiffReport"]
