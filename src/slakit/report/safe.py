"""Neutralise data before it reaches a terminal, a Markdown page or a spreadsheet."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls, and the bidirectional overrides and isolates that make text display in
another order than it is written ("Trojan Source")."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def xml_text(value: str) -> str:
    """``terminal`` for XML text: tab, line feed and carriage return are XML text and stay;
    the other controls (invalid in XML 1.0 even as references) and the bidirectional
    overrides show as escapes."""
    return _NOT_XML.sub(_visible, value)


def terminal(value: str) -> str:
    """Show control characters as visible ``\\xNN`` (``\\uNNNN``) escapes so data cannot
    drive the terminal or reorder what it shows.

    ``L1\\x1b[2J`` prints as the text ``L1\\x1b[2J``: inert, and still the same lead id.
    """
    return _CONTROL.sub(_visible, value)


_C1 = {code: f"\\u{code:04x}"
       for code in (*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def json_text(text: str) -> str:
    """Escape DEL, C1 control characters and bidirectional overrides in JSON text, as
    ``json.dumps`` does C0 ones.

    With ``ensure_ascii=False`` they stay raw, and a terminal showing the JSON would obey them
    (``\\x9b`` is a CSI, like ``\\x1b[``). They occur only inside strings, where ``\\u009b``
    is the same character: the data is unchanged.
    """
    return text.translate(_C1)


def markdown(value: str) -> str:
    """Escape characters that would break a Markdown table cell or start code."""
    cleaned = terminal(value)
    for ch in ("\\", "|", "`", "*", "<", ">", "[", "]"):
        cleaned = cleaned.replace(ch, "\\" + ch)
    return cleaned


def spreadsheet(value: str) -> str:
    """Defuse CSV injection (OWASP): a cell starting with = + - @ tab or CR gets a quote mark;
    control characters are shown as escapes, as on a terminal (``-f csv`` prints there)."""
    if value and value[0] in "=+-@\t\r":
        value = "'" + value
    return terminal(value)

