"""The cell separators a document may name: one character, or a name for it."""

from __future__ import annotations

DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
"""Names a delimiter may be written by, besides the character itself."""


def delimiter_char(value: str) -> str:
    """The delimiter ``value`` names: one character, or tab, comma, semicolon, pipe, ``\\t``."""
    d = DELIMITER_NAMES.get(value.strip().lower(), value)
    if len(d) != 1 or d in ('"', "\n", "\r") or not d.isascii():
        raise ValueError(f"{value!r} cannot separate cells: write one ASCII character other "
                         "than a quote or a line break (',', ';', '|', \"\\t\"), or tab, comma, "
                         "semicolon or pipe")
    return d
