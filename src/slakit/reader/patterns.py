"""Timestamp patterns: ISO 8601 and strftime formats compiled to regexes with named fields.

Every pattern tests digits only by class (``\\d``) and everything else literally, so all
values of one *shape* (the value with each digit replaced by a marker) match a pattern the
same way: `timeparse` matches one sample per shape and reads the fields of every value of
that shape at the same positions, vectorized.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slakit.errors import InputError

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ISO_SOURCE = "ISO 8601"
_ZONE = r"[Zz]|[+-]\d\d(?::?\d\d(?::?\d\d)?)?"

ISO_PATTERNS = (
    # Extended: 2026-02-02, 2026-02-02T11:50, 2026-02-02 11:50:00.123+01:00, ...Z
    r"(?P<Y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
    r"(?:[Tt ](?P<H>\d\d)(?::(?P<M>\d\d)(?::(?P<S>\d\d)(?:[.,](?P<f>\d{1,9}))?)?)?"
    rf"(?P<z>{_ZONE})?)?",
    # Basic: 20260202T115000Z
    r"(?P<Y>\d{4})(?P<m>\d\d)(?P<d>\d\d)[Tt](?P<H>\d\d)(?:(?P<M>\d\d)(?:(?P<S>\d\d)"
    rf"(?:[.,](?P<f>\d{{1,9}}))?)?)?(?P<z>{_ZONE})?",
)

_DIRECTIVES = {
    "Y": r"(?P<Y>\d{4})",
    "y": r"(?P<y>\d\d)",
    "m": r"(?P<m>\d{1,2})",
    "d": r"(?P<d>\d{1,2})",
    "j": r"(?P<j>\d{1,3})",
    "H": r"(?P<H>\d{1,2})",
    "I": r"(?P<I>\d{1,2})",
    "M": r"(?P<M>\d{1,2})",
    "S": r"(?P<S>\d{1,2})",
    "f": r"(?P<f>\d{1,6})",
    "p": r"(?P<p>am|pm)",
    "b": "(?P<b>" + "|".join(m[:3] for m in MONTHS) + ")",
    "h": "(?P<b>" + "|".join(m[:3] for m in MONTHS) + ")",
    "B": "(?P<B>" + "|".join(MONTHS) + ")",
    "a": "(?:" + "|".join(d[:3] for d in DAYS) + ")",
    "A": "(?:" + "|".join(DAYS) + ")",
    "z": rf"(?P<z>{_ZONE})",
    "Z": r"(?P<Z>[A-Za-z]{1,5})",
    "%": "%",
}
_COMPOSITE = {"T": "%H:%M:%S", "R": "%H:%M", "F": "%Y-%m-%d", "D": "%m/%d/%y"}


@dataclass(frozen=True)
class Pattern:
    """One way to read a timestamp: a compiled regex with named fields."""

    source: str
    regex: re.Pattern[str]


def strftime_regex(fmt: str) -> str:
    """Return the regex for a strftime pattern, e.g. ``'%m/%d/%Y'`` -> ``(?P<m>...)/...``."""
    out: list[str] = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%":
            if i + 1 >= len(fmt):
                raise InputError(f"timestamp format {fmt!r} ends with a lone '%'")
            d = fmt[i + 1]
            if d in _COMPOSITE:
                out.append(strftime_regex(_COMPOSITE[d]))
            elif d in _DIRECTIVES:
                out.append(_DIRECTIVES[d])
            else:
                raise InputError(
                    f"timestamp format {fmt!r}: directive %{d} is not supported "
                    "(use %Y %y %m %d %j %H %I %M %S %f %p %b %B %a %A %z %Z %T %F)"
                )
            i += 2
        elif c.isspace():
            while i < len(fmt) and fmt[i].isspace():
                i += 1
            out.append(r"\s+")
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def compile_patterns(formats: tuple[str, ...]) -> tuple[Pattern, ...]:
    """Return the patterns to try in order: the formats given, else ISO 8601."""
    if not formats:
        return tuple(Pattern(ISO_SOURCE, re.compile(p)) for p in ISO_PATTERNS)
    pats: list[Pattern] = []
    for fmt in formats:
        try:
            rx = re.compile(strftime_regex(fmt), re.IGNORECASE)
        except re.error as e:
            raise InputError(f"timestamp format {fmt!r} is invalid: {e}") from e
        pats.append(Pattern(fmt, rx))
    return tuple(pats)
