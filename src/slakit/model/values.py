"""Typed values written as short strings in documents: durations, shares, spans, days, requirements.

Each value is a frozen dataclass with a ``parse`` classmethod that raises ``ValueError`` with a
message saying what is wrong and how to write it; pydantic turns that into a located problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema


def shown(value: Any) -> str:
    """A value as the YAML that wrote it, for messages: ``nothing (null)``, ``true``, ``a
    list``, ``'15 m'`` (text quoted, long text cut), ``95``."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

DurationUnit = Literal["s", "m", "h", "d", "bd"]
_UNIT_US = {"s": 1_000_000, "m": 60_000_000, "h": 3_600_000_000, "d": 86_400_000_000}
_DURATION = re.compile(r"^\s*([0-9]+)\s*(bd|s|m|h|d)\s*$")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*$")
_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")
"""Digits are ASCII ([0-9]), as the JSON Schema's ``\\d``; spaces are any, as its ``\\s``."""
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_ .\-]*$")
MAX_US = 36_500 * 86_400 * 1_000_000
"""The longest duration: 100 years of 365 days (longer ones overflowed the engines)."""
MAX_BUSINESS_DAYS = 5_000
"""The longest ``Nbd``: about 20 years of weekdays, 96 years of a one-day-a-week calendar."""


@dataclass(frozen=True, order=True)
class Duration:
    """A budget or window: ``15m``, ``4h``, ``90s``, ``2bd`` (business days) or ``24h``.

    ``d`` is 24 hours of wall time; it is only meaningful on ``24x7`` and in
    ``duplicates.within`` (a check rejects it on a business clock).
    """

    amount: int
    unit: DurationUnit

    @classmethod
    def parse(cls, value: Any) -> Duration:
        """Read ``"15m"``; a bare number is refused because its unit would be a guess."""
        if isinstance(value, Duration):
            return value
        if isinstance(value, bool) or not isinstance(value, str):
            raise ValueError(
                "a duration is a number and a unit, like 15m, 4h, 90s, 2bd or 24h; "
                f"got {shown(value)}"
            )
        match = _DURATION.match(value)
        if match is None:
            raise ValueError(
                f"{value!r} is not a duration: write a whole number and a unit "
                "(s, m, h, d or bd), like 15m, 4h or 2bd"
            )
        amount, unit = int(match.group(1)), match.group(2)
        if amount <= 0:
            raise ValueError(f"{value!r}: a duration must be greater than zero")
        if amount > (MAX_BUSINESS_DAYS if unit == "bd" else MAX_US // _UNIT_US[unit]):
            raise ValueError(
                f"{value!r} is too long: a duration is at most 100 years "
                f"({MAX_US // _UNIT_US['h']}h, {MAX_US // _UNIT_US['d']}d) or "
                f"{MAX_BUSINESS_DAYS}bd"
            )
        return cls(amount, unit)  # type: ignore[arg-type]

    @property
    def is_business_days(self) -> bool:
        """True for ``Nbd``: counted in open days, not in clock time."""
        return self.unit == "bd"

    @property
    def microseconds(self) -> int:
        """Length in microseconds; ``bd`` has no fixed length and raises."""
        if self.unit == "bd":
            raise ValueError("a business-day duration has no fixed length")
        return self.amount * _UNIT_US[self.unit]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True, order=True)
class Percent:
    """A share such as ``80%``, kept exact as a fraction of one (``Fraction(4, 5)``)."""

    value: Fraction

    @classmethod
    def parse(cls, value: Any) -> Percent:
        """Read ``"95%"`` or ``"99.5%"``."""
        if isinstance(value, Percent):
            return value
        if isinstance(value, bool) or not isinstance(value, str):
            raise ValueError(
                f"a share is written with a percent sign, like 95%; got {shown(value)}")
        match = _PERCENT.match(value)
        if match is None:
            raise ValueError(f"{value!r} is not a percentage: write it like 95% or 99.5%")
        share = Fraction(match.group(1)) / 100
        if share <= 0 or share > 1:
            raise ValueError(f"{value!r}: a percentage must be above 0% and at most 100%")
        return cls(share)

    def __str__(self) -> str:
        """As written, to the last digit (``57.1428571428572%``): two objectives that differ
        never print alike."""
        return f"{_exact_decimal(self.value * 100)}%"


def _exact_decimal(q: Fraction) -> str:
    """``q`` in decimal without rounding: a value read from decimal text always ends, after as
    many places as its denominator's factors 2 and 5 ask. A fraction that does not end
    (never read from a document) is shown to 12 significant digits."""
    rest, twos, fives = q.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return format(float(q), ".12g")
    places = max(twos, fives)
    digits = str(abs(q.numerator * 10**places // q.denominator)).rjust(places + 1, "0")
    whole, frac = digits[:len(digits) - places], digits[len(digits) - places:]
    return ("-" if q < 0 else "") + whole + (f".{frac}" if frac else "")


@dataclass(frozen=True, order=True)
class Span:
    """Open hours within a day, ``[start, end)`` in minutes from local midnight.

    ``end`` may be 1440 (``24:00``; ``00:00`` as an end means the same); an end before the
    start spills past midnight (``22:00-06:00``).
    """

    start: int
    end: int

    @classmethod
    def parse(cls, value: Any) -> Span:
        """Read ``"08:00-12:00"``, ``"22:00-06:00"`` or ``"00:00-24:00"``."""
        if isinstance(value, Span):
            return value
        if not isinstance(value, str):
            raise ValueError(
                f"open hours are a quoted span like \"08:00-17:00\"; got {shown(value)}"
            )
        match = _SPAN.match(value)
        if match is None and value.strip().casefold() == "closed":
            raise ValueError("'closed' is for overrides (one date): in hours, leave a closed "
                             "day out")
        if match is None:
            raise ValueError(f"{value!r} is not a span: write it like \"08:00-17:00\"")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2 != 0):
            raise ValueError(f"{value!r}: times run from 00:00 to 23:59, and 24:00 as an end")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if start == end:
            raise ValueError(
                f"{value!r} is empty: for a whole day write \"00:00-24:00\"; for none, leave "
                "the day out of hours (or write closed in overrides)"
            )
        # "18:00-00:00" closes at midnight: the same as "18:00-24:00", not a spill of nothing.
        return cls(start, end or 1440)

    @property
    def overnight(self) -> bool:
        """True when the span ends on the next day."""
        return self.end <= self.start

    @property
    def length(self) -> int:
        """Minutes of wall-clock time the span covers (ignoring DST)."""
        return self.end - self.start if self.end > self.start else self.end + 1440 - self.start

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


@dataclass(frozen=True)
class DayRange:
    """Days of the week as written in ``hours`` keys: ``mon-fri``, ``sat``, ``mon,wed,fri``.

    ``days`` holds weekday numbers, Monday = 0, in writing order.
    """

    days: tuple[int, ...]

    @classmethod
    def parse(cls, value: Any) -> DayRange:
        """Read a day, a range (wrapping past Sunday is allowed) or a comma list of either."""
        if isinstance(value, DayRange):
            return value
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"days are written like mon-fri, sat or mon,wed; got {shown(value)}")
        days: list[int] = []
        for part in value.lower().replace(" ", "").split(","):
            ends = part.split("-")
            if len(ends) > 2 or any(e not in _WEEKDAYS for e in ends):
                raise ValueError(
                    f"{value!r}: days are mon, tue, wed, thu, fri, sat, sun; "
                    "write a range like mon-fri"
                )
            first, last = _WEEKDAYS.index(ends[0]), _WEEKDAYS.index(ends[-1])
            span = (last - first) % 7
            for offset in range(span + 1):
                day = (first + offset) % 7
                if day in days:
                    raise ValueError(f"{value!r} names {_WEEKDAYS[day]} twice")
                days.append(day)
        return cls(tuple(days))

    def __str__(self) -> str:
        return ",".join(_WEEKDAYS[d] for d in self.days)


@dataclass(frozen=True)
class Requirement:
    """One required term: a field, or alternatives ``phone|email`` (any one non-empty)."""

    fields: tuple[str, ...]

    @classmethod
    def parse(cls, value: Any) -> Requirement:
        """Read ``"outcome"`` or ``"next_step_date|reason_code"``."""
        if isinstance(value, Requirement):
            return value
        if not isinstance(value, str):
            raise ValueError(
                f"a requirement is a field name or fields joined by |; got {shown(value)}")
        fields = tuple(f.strip() for f in value.split("|"))
        for f in fields:
            if not f or not _FIELD.match(f):
                raise ValueError(
                    f"{value!r}: write a field name, or alternatives joined by | like phone|email"
                )
        if len(set(fields)) != len(fields):
            raise ValueError(f"{value!r} names a field twice")
        return cls(fields)

    def __str__(self) -> str:
        return "|".join(self.fields)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _schema(pattern: str, description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern, "description": description})


DurationField = Annotated[
    Duration,
    BeforeValidator(Duration.parse),
    PlainSerializer(str, return_type=str),
    _schema(r"^\s*\d+\s*(bd|s|m|h|d)\s*$", "A duration: 15m, 4h, 90s, 2bd (business days), 24h."),
]
PercentField = Annotated[
    Percent,
    BeforeValidator(Percent.parse),
    PlainSerializer(str, return_type=str),
    _schema(r"^\s*\d+(\.\d+)?\s*%\s*$", "A percentage: 95%, 99.5%."),
]
SpanField = Annotated[
    Span,
    BeforeValidator(Span.parse),
    PlainSerializer(str, return_type=str),
    _schema(
        r"^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*$",
        "Open hours: \"08:00-12:00\"; \"22:00-06:00\" spills past midnight; 24:00 as an end.",
    ),
]
RequirementField = Annotated[
    Requirement,
    BeforeValidator(Requirement.parse),
    PlainSerializer(str, return_type=str),
    _schema(r"^[^|]+(\|[^|]+)*$", "A required field, or alternatives: phone|email."),
]
