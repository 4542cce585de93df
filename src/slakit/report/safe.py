"""Neutralise data before it reaches a terminal, a Markdown page or a spreadsheet."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def terminal(value: str) -> str:
    """Show control characters as visible ``\\xNN`` escapes so data cannot drive the terminal.

    ``L1\\x1b[2J`` prints as the text ``L1\\x1b[2J``: inert, and still the same lead id.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


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
