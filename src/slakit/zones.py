"""US time zone abbreviations, one table for the two places that read them: the reader's
``%Z`` (an offset, ``reader.timeparse``) and the calendar checks (the zone a document that
writes ``timezone: CST`` almost always means, ``checks.calendars``). Imports nothing heavy:
``slakit validate`` uses it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

_NEW_YORK, _CHICAGO, _DENVER = "America/New_York", "America/Chicago", "America/Denver"
_LOS_ANGELES, _ANCHORAGE, _HONOLULU = "America/Los_Angeles", "America/Anchorage", \
    "Pacific/Honolulu"

ABBREVIATIONS: dict[str, tuple[int | None, str | None]] = {
    "UTC": (0, None), "GMT": (0, None), "UT": (0, None), "Z": (0, None),
    "EST": (-5, _NEW_YORK), "EDT": (-4, _NEW_YORK),
    "CST": (-6, _CHICAGO), "CDT": (-5, _CHICAGO),
    "MST": (-7, _DENVER), "MDT": (-6, _DENVER),
    "PST": (-8, _LOS_ANGELES), "PDT": (-7, _LOS_ANGELES),
    "AKST": (-9, _ANCHORAGE), "AKDT": (-8, _ANCHORAGE),
    "HST": (-10, _HONOLULU), "HDT": (-9, _HONOLULU),
    "AST": (-4, "America/Puerto_Rico"), "ADT": (-3, None),
    # Legacy IANA names with the US rules: no offset of their own to read in a cell.
    "EST5EDT": (None, _NEW_YORK), "CST6CDT": (None, _CHICAGO), "MST7MDT": (None, _DENVER),
    "PST8PDT": (None, _LOS_ANGELES),
}
"""Abbreviation -> (hours from UTC a time written with it is at, the zone it stands for).
Any other abbreviation is ambiguous (CST is also China's, IST three zones) or unknown."""

OFFSET_HOURS: dict[str, int] = {k: h for k, (h, _) in ABBREVIATIONS.items() if h is not None}
"""What ``%Z`` reads, in hours from UTC."""

MEANT: dict[str, str] = {k: zone for k, (_, zone) in ABBREVIATIONS.items() if zone is not None}
"""The zone an abbreviation (or a legacy name such as ``EST``, a fixed offset) stands for."""


NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})
"""Names the system's time zone files answer to that are no place: ``localtime`` follows the
machine (one document would give other numbers on another host), ``posixrules`` is a default
for POSIX strings, ``Factory`` has no offset worth reading."""


def zone_info(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; ``ValueError`` (or ``ZoneInfoNotFoundError``, one of
    them) for a name that is not a zone, and for the files beside the zones that are no place:
    ``NOT_PLACES`` and the ``right/`` (leap seconds counted: times about 27 s off) and
    ``posix/`` copies. One rule for validate, the calendars and the reader."""
    if name in NOT_PLACES or name.startswith(("right/", "posix/")):
        raise ValueError(f"{name!r} is not an IANA time zone")
    return ZoneInfo(name)
