"""Counted nouns in messages, one rule for every module (the reader and the checks too, so
it imports nothing)."""

from __future__ import annotations


def counted(n: int, noun: str, *, thousands: bool = False) -> str:
    """``1 lead``, ``432 leads`` (``1,234 leads`` with ``thousands``): a count and its noun,
    plural unless one."""
    number = f"{n:,}" if thousands else str(n)
    return f"{number} {noun}{'s' * (n != 1)}"
