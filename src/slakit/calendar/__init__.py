"""Business-time calendars: open hours in a zone, DST, holidays, ``Nbd``; scalar and numpy.

Instants are ``int`` epoch microseconds UTC (``numpy.int64`` in bulk), durations microseconds.

>>> from slakit.calendar import Calendar, CalendarSpec
>>> clinic = Calendar(CalendarSpec("America/Chicago",
...                                {d: ((480, 720), (780, 1020)) for d in range(5)},
...                                country="US"))
>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> monday = datetime(2026, 2, 2, 11, 50, tzinfo=ZoneInfo("America/Chicago"))
>>> clinic.add_dt(monday, timedelta(minutes=20)).strftime("%a %H:%M")
'Mon 13:10'
"""

from slakit.calendar.core import Calendar
from slakit.calendar.errors import (
    CalendarError,
    CalendarNeverOpens,
    CalendarRangeError,
    InvalidSpan,
    UnknownHolidayRegion,
    UnknownTimezone,
)
from slakit.calendar.spec import CalendarSpec, Span
from slakit.calendar.timeline import MAX_YEAR, MIN_YEAR
from slakit.calendar.zone import DAY_US, US, datetime_of, instant_of

__all__ = [
    "DAY_US",
    "MAX_YEAR",
    "MIN_YEAR",
    "US",
    "Calendar",
    "CalendarError",
    "CalendarNeverOpens",
    "CalendarRangeError",
    "CalendarSpec",
    "InvalidSpan",
    "Span",
    "UnknownHolidayRegion",
    "UnknownTimezone",
    "datetime_of",
    "instant_of",
]
