"""Errors a calendar raises: each names a stable ``code`` and the ``field`` of the calendar entry.

The validator turns them into located problems (``calendar-never-opens`` at the calendar's
``hours``, ...); the engine lets them propagate as ``SlakitError``.
"""

from __future__ import annotations

from typing import ClassVar

from slakit.errors import SlakitError


class CalendarError(SlakitError):
    """A calendar entry cannot be used as written.

    ``code`` is the stable problem code; ``field`` is the key of the calendar entry at fault
    (``timezone``, ``hours``, ``holidays.country``, ``holidays.subdivision``, ``overrides``),
    so that the validator can point at the right line.
    """

    code: ClassVar[str] = "calendar-invalid"
    default_field: ClassVar[str] = "hours"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field if field is not None else self.default_field


class UnknownTimezone(CalendarError):
    """The calendar names a zone that the IANA database on this machine does not know."""

    code = "unknown-timezone"
    default_field = "timezone"


class UnknownHolidayRegion(CalendarError):
    """The ``holidays`` package has no such country, or the country no such subdivision."""

    code = "unknown-holiday-region"
    default_field = "holidays.country"


class InvalidSpan(CalendarError):
    """A span is malformed: a start outside 00:00-23:59, an end outside 00:01-24:00, a bad day."""

    code = "invalid-span"


class CalendarNeverOpens(CalendarError):
    """The calendar has no open time: no span on any weekday and no override with a span,
    or every search for the next opening ran eight years without finding one."""

    code = "calendar-never-opens"


class CalendarRangeError(CalendarError):
    """An instant, or a due time, lies outside the years a calendar can compute (1800-2500)."""

    code = "calendar-out-of-range"
