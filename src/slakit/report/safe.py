"""Neutralise data before it reaches a terminal, a Markdown page or a spreadsheet."""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def terminal(value: str) -> str:
    """Strip ANSI escapes and control characters so data cannot drive the terminal."""
    spaced = _ESCAPE.sub("", value).replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", spaced)


def markdown(value: str) -> str:
    """Escape characters that would break a Markdown table cell or start code."""
    cleaned = terminal(value)
    for ch in ("\\", "|", "`", "*", "<", ">", "[", "]"):
        cleaned = cleaned.replace(ch, "\\" + ch)
    return cleaned


def spreadsheet(value: str) -> str:
    """Defuse CSV injection (OWASP): a cell starting with = + - @ tab or CR gets a quote mark."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
