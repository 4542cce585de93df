"""What a cell that looks like a date or a time looks like: for quoting an unreadable
timestamp in a finding (``time_shaped``: never a phone, an email or a name) and for telling a
carried record's lines by their time (``WHEN``)."""

from __future__ import annotations

import re

from slakit.zones import ABBREVIATIONS

_TIME_SHAPED = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}|\b(?:1[89]|2\d)\d\d\b|\b\d{1,2}:\d\d\b"
                          r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
"""A year, a time of day or a numeric date: what an unreadable timestamp worth quoting has."""

_TIME_WORDS = frozenset((
    "t", "z", "a", "p", "m", "am", "pm", "noon", "midnight",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    *(a.lower() for a, (hours, _) in ABBREVIATIONS.items() if hours is not None),
))
"""The words a timestamp may hold: AM/PM, month and day names, zone abbreviations."""

_FRACTION = re.compile(r"(?<=:\d\d)[.,]\d+")
"""A fraction of a second, after the seconds."""

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_CHAIN = re.compile(r"\d+(?:[./-]\d+){3,}")
"""Four or more numbers joined by dots, slashes or dashes: no date or time is written so."""
_BASIC_DATE = re.compile(r"(?:19|2[01])\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def _timestamp_run(before: str, run: str) -> bool:
    """Whether a run of digits, after the character ``before``, is one a timestamp has: 1, 2
    or 4 digits (an offset's after a sign), a basic date (``20260302``), or a basic time of
    day after ``T`` (``090000``)."""
    if before in ("+", "-"):
        return len(run) in (1, 2, 4)
    return len(run) in (1, 2, 4) or (len(run) == 8 and _BASIC_DATE.fullmatch(run) is not None) \
        or (len(run) == 6 and before in ("T", "t"))


def time_shaped(cell: str) -> bool:
    """Whether ``cell`` may be quoted in a finding: it has a year, a time of day or a numeric
    date (``_TIME_SHAPED``) and nothing else a timestamp would not have: no line break, no
    ``@``, no word but AM/PM, month, day and zone names, one date at most, digits in runs a
    timestamp has (``_timestamp_run``: a phone's 3-, 7-, 8- and 10-digit runs are not), one
    4-digit run (a year) but for an offset's, and no more than one run standing after another
    with only spaces between (``2026 09:00``; a phone's ``20 7946 0958`` has more). ``2026-03-02
    312-555-0101``, ``2026-03-02 Jane Roe``, ``2026-03-02 1985-04-12`` (a birth date) and
    ``2026-03-02 jane@example.org`` are never shown."""
    if _TIME_SHAPED.search(cell) is None or "\n" in cell or "\r" in cell or "@" in cell:
        return False
    if any(w.lower() not in _TIME_WORDS for w in re.findall(r"[^\W\d_]+", cell)):
        return False
    bare = _FRACTION.sub("", cell)
    if len(_DATE.findall(bare)) > 1 or len(re.findall(r"\d+\s+(?=\d)", bare)) > 1:
        return False
    if _CHAIN.search(bare):  # a dotted phone, 06.12.34.56.78: a date has three parts
        return False
    runs = [(bare[m.start() - 1] if m.start() else "", m.group())
            for m in re.finditer(r"\d+", bare)]
    return all(_timestamp_run(before, run) for before, run in runs) \
        and sum(len(run) == 4 and before not in ("+", "-") for before, run in runs) <= 1


WHEN = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d\d")
"""A date or a time of day, as a record's timestamp or milestone cell holds."""
