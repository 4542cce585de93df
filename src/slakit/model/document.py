"""The SLA document: pydantic models mirroring LANGUAGE.md section 2 key for key.

Field names are the YAML keys; ``from`` and ``for`` use aliases because they are Python keywords.
Semantic checks (references, overlaps, lint) live in ``slakit.checks``, not here.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag

from slakit.delimiters import delimiter_char
from slakit.hints import closest
from slakit.model.base import Conditions, FieldName, Identifier, Strict, Values
from slakit.model.values import (
    DayRange,
    DurationField,
    PercentField,
    RequirementField,
    SpanField,
)

if TYPE_CHECKING:
    from slakit.calendar.spec import CalendarSpec


def _listify(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


_DIRECTIVES = frozenset("YymdjHIMSfpbhBaAzZ%TRFD")
_DIRECTIVE = re.compile(r"%(.?)")


def _timestamp_format(value: str) -> str:
    """A ``strftime`` pattern the reader supports, that says which day: a pattern without a
    date (``%H:%M``) would date every event 1900-01-01."""
    found = [m.group(1) for m in _DIRECTIVE.finditer(value)]
    for d in found:
        if d not in _DIRECTIVES:
            shown = f"%{d}" if d else "a lone %"
            raise ValueError(f"{value!r}: {shown} is not a supported directive (use %Y %y %m "
                             "%d %j %H %I %M %S %f %p %b %B %a %A %z %Z %T %F %D, %% for %)")
    has = set(found)
    dated = bool(has & {"F", "D"}) or (bool(has & {"Y", "y"}) and (
        "j" in has or (bool(has & {"m", "b", "B", "h"}) and "d" in has)))
    if not dated:
        raise ValueError(f"{value!r} does not say which day: include the year (%Y or %y), "
                         "the month (%m, %b or %B) and the day (%d), or %j, or %F")
    if "p" in has and "I" not in has:
        raise ValueError(f"{value!r}: %p (AM/PM) goes with %I, the 12-hour clock; with %H "
                         "it is ignored and 09:05 PM reads as 09:05. Write %I:%M %p")
    if "I" in has and "p" not in has:
        raise ValueError(f"{value!r}: %I is the 12-hour clock and needs %p (AM/PM): without "
                         "it every time reads as AM. Write %I:%M %p, or %H for 00-23")
    return value


def _encoding(value: str) -> str:
    """A text codec Python knows (``utf-8``, ``cp1252``, ``latin-1``, ``utf-16``)."""
    try:
        found = codecs.lookup(value)
    except LookupError:
        found = None
    if found is None or not getattr(found, "_is_text_encoding", True):
        what = "unknown encoding" if found is None else "not a text encoding"
        raise ValueError(f"{what} {value!r}: write a codec name such as utf-8, cp1252, "
                         "latin-1 or utf-16 (or leave encoding out to detect it)")
    return value


# -- references --------------------------------------------------------------------------


EventNames = Annotated[
    list[str],
    BeforeValidator(_listify, json_schema_input_type=str | list[str]),
    Field(min_length=1, description="One raw event name or a list of them."),
]


class InlineDefinition(Strict):
    """An anonymous definition written in place: ``{event: sms_sent, where: {channel: sms}}``."""

    event: EventNames
    where: Conditions = Field(default_factory=dict)
    require: list[RequirementField] = Field(default_factory=list)


Ref = Annotated[
    str | InlineDefinition,
    Field(description="A definition's name, a raw event name, or an inline {event, where}."),
]


def ref_name(ref: str | InlineDefinition) -> str:
    """How a reference is named in results and reports: as written, or an inline definition's
    events joined by ``|``."""
    return ref if isinstance(ref, str) else "|".join(ref.event)


Refs = Annotated[
    list[Ref],
    BeforeValidator(_listify, json_schema_input_type=Ref | list[Ref]),
    Field(min_length=1, description="One reference or a list; the first to happen counts."),
]


# -- source ------------------------------------------------------------------------------


REQUIRED_COLUMNS = ("lead_id", "event", "timestamp")
"""The columns every long export has (LANGUAGE.md section 1); the others are attributes."""


class Source(Strict):
    """How to read this CRM's export (LANGUAGE.md section 1, "Real exports differ")."""

    columns: dict[FieldName, str] = Field(
        default_factory=dict, description="Canonical name -> the file's header."
    )
    events: dict[str, str] = Field(
        default_factory=dict, description="Raw event value -> canonical event name."
    )
    timestamp_format: Annotated[
        list[Annotated[str, AfterValidator(_timestamp_format)]],
        BeforeValidator(_listify, json_schema_input_type=str | list[str]),
    ] = Field(
        default_factory=list, description="strftime patterns tried in order (default ISO 8601)."
    )
    timezone: str | None = Field(None, description="Zone of naive timestamps (default: doc's).")
    nulls: list[str] = Field(default_factory=lambda: [""],
                             description="Cells that mean empty, besides a blank cell (always "
                                         "empty).")
    delimiter: Annotated[str, AfterValidator(delimiter_char)] | None = Field(
        None, description="The cell separator: one character, or tab, comma, semicolon, pipe "
                          "(default: detected).")
    encoding: Annotated[str, AfterValidator(_encoding)] | None = Field(
        None, description="The file's text encoding, e.g. cp1252 (default: UTF-8 with or "
                          "without BOM, else cp1252 with a finding).")
    order: Literal["oldest-first", "newest-first"] = "oldest-first"
    shape: Literal["long", "wide"] = "long"
    milestones: dict[str, str] = Field(
        default_factory=dict, description="Wide shape: event name -> timestamp column header."
    )
    pii: list[FieldName] = Field(
        default_factory=list, description="Extra columns that hold personal data (never printed)."
    )


# -- calendars ---------------------------------------------------------------------------

DaySpans = Annotated[
    list[SpanField],
    BeforeValidator(_listify, json_schema_input_type=SpanField | list[SpanField]),
]


def _closed_or_spans(value: Any) -> Any:
    if value == "closed":
        return []
    if isinstance(value, str) and not value[:1].isdigit() and closest(value, ["closed"]):
        raise ValueError(f"{value!r} is not a span (did you mean 'closed'?): write closed for "
                         "a date closed all day, or a span like \"08:00-17:00\"")
    return _listify(value)


def _day_key(value: str) -> str:
    DayRange.parse(value)
    return value


DayKey = Annotated[
    str,
    AfterValidator(_day_key),
    Field(description="Days: mon-fri, sat, mon,wed,fri (a range may wrap past sun)."),
]

OverrideSpans = Annotated[
    list[SpanField],
    BeforeValidator(
        _closed_or_spans,
        json_schema_input_type=Literal["closed"] | SpanField | list[SpanField],
    ),
    Field(description='One date\'s hours: a span, a list of spans, or "closed".'),
]


class Holidays(Strict):
    """Public holidays from the ``holidays`` package, plus and minus explicit dates."""

    country: str | None = Field(None, description="ISO country code, e.g. US.")
    subdivision: str | None = Field(None, description="State/province code, e.g. NY.")
    include: list[dt.date] = Field(default_factory=list, description="Extra closed dates.")
    exclude: list[dt.date] = Field(default_factory=list, description="Holidays worked as usual.")


class CalendarDef(Strict):
    """Weekly open hours in a zone, with holidays and one-off overrides."""

    timezone: str | None = Field(None, description="IANA zone (default: the document's).")
    hours: dict[DayKey, DaySpans] = Field(
        description="Days (mon-fri, sat, mon,wed) -> span or list of spans."
    )
    holidays: Holidays | None = None
    overrides: dict[dt.date, OverrideSpans] = Field(default_factory=dict)

    def weekly(self) -> dict[int, list[tuple[int, int]]]:
        """Spans per weekday (Monday = 0) as (start, end) minutes, in writing order."""
        week: dict[int, list[tuple[int, int]]] = {d: [] for d in range(7)}
        for key, spans in self.hours.items():
            for day in DayRange.parse(key).days:
                week[day].extend((s.start, s.end) for s in spans)
        return week

    def spec(self, name: str, default_zone: str) -> CalendarSpec:
        """The calendar engine's spec of this calendar (zone: its own, else ``default_zone``)."""
        from slakit.calendar.spec import CalendarSpec

        h = self.holidays
        return CalendarSpec(
            timezone=self.timezone or default_zone,
            weekly={day: tuple(spans) for day, spans in self.weekly().items() if spans},
            country=h.country if h else None,
            subdivision=h.subdivision if h else None,
            include=tuple(h.include) if h else (),
            exclude=tuple(h.exclude) if h else (),
            overrides={d: tuple((s.start, s.end) for s in spans)
                       for d, spans in self.overrides.items()},
            name=name,
        )


# -- definitions, routing ----------------------------------------------------------------


class Definition(Strict):
    """What counts as something happening: matching events, their fields, the lead's fields."""

    event: EventNames
    where: Conditions = Field(default_factory=dict)
    require: list[RequirementField] = Field(default_factory=list)


class RoutingCheck(Strict):
    """Compare the expected team with a field of the first ``on`` event (what the CRM did)."""

    on: Ref
    field: FieldName


class RoutingRule(Strict):
    """``when`` the lead's attributes match, it belongs to ``team`` on ``calendar``."""

    name: str = Field(min_length=1)
    when: Conditions = Field(default_factory=dict)
    team: str = Field(min_length=1)
    calendar: str = Field("24x7", description="A calendar name, or 24x7.")


class Routing(Strict):
    """First matching rule wins."""

    check: RoutingCheck | None = None
    rules: list[RoutingRule] = Field(min_length=1)


# -- targets -----------------------------------------------------------------------------


class Pause(Strict):
    """The clock does not run from ``from`` to the next ``to``."""

    from_: Refs = Field(alias="from")
    to: Refs


class _TargetBase(Strict):
    id: Identifier
    title: str | None = None
    for_: Conditions = Field(default_factory=dict, alias="for")
    calendar: str | None = Field(None, description="Clock of this target (default: the lead's).")
    objective: PercentField | None = None


class ResponseTarget(_TargetBase):
    """Time from ``start`` to ``stop`` on a business clock, within a budget."""

    kind: Literal["response"] = "response"
    start: Refs
    stop: Refs
    cancel: Refs | None = None
    pause: Pause | None = None
    within: DurationField
    after_hours: DurationField | None = None
    warn: PercentField | None = None


class CadenceTarget(_TargetBase):
    """Multi-touch outreach: one attempt in each window of ``schedule``."""

    kind: Literal["cadence"]
    start: Refs
    attempts: Refs
    schedule: list[DurationField] = Field(min_length=1)
    until: Refs | None = None
    pause: Pause | None = None
    warn: PercentField | None = None


class QualityTarget(_TargetBase):
    """Documentation quality: fields present ``on`` an event, or allowed values on ``each``."""

    kind: Literal["quality"]
    on: Refs | None = None
    each: Ref | None = None
    require: list[RequirementField] = Field(default_factory=list)
    allow: dict[FieldName, Values] = Field(default_factory=dict)


def _target_kind(value: Any) -> str:
    # An unknown kind yields an unknown tag: one clear error instead of a cascade.
    if isinstance(value, dict):
        return str(value.get("kind", "response"))
    return str(getattr(value, "kind", "response"))


Target = Annotated[
    Annotated[ResponseTarget, Tag("response")]
    | Annotated[CadenceTarget, Tag("cadence")]
    | Annotated[QualityTarget, Tag("quality")],
    Discriminator(_target_kind),
]


# -- escalations -------------------------------------------------------------------------


class CountTrigger(Strict):
    """Fire at the Nth ``count`` event if ``without`` has not happened by then."""

    count: Refs
    reaches: int = Field(ge=1, strict=True)  # not true (1), 2.0 or "2"
    without: Refs | None = None


class SinceTrigger(Strict):
    """Fire when ``over`` clock time passed since ``since`` without ``without``."""

    since: Refs
    without: Refs
    over: DurationField


class UnmetTrigger(Strict):
    """Fire when the requirement still fails ``after`` the lead's first event."""

    unmet: list[RequirementField] = Field(min_length=1)
    after: DurationField


class TargetTrigger(Strict):
    """Fire when a target's clock reaches ``at`` of its budget while still running."""

    target: str
    at: PercentField


def _trigger_kind(value: Any) -> str:
    if isinstance(value, dict):
        keys = [key for key in ("count", "since", "unmet", "target") if key in value]
        # None, or two triggers in one 'when': an unknown tag, reported once with the keys.
        return keys[0] if len(keys) == 1 else "none"
    return type(value).__name__.removesuffix("Trigger").lower()


Trigger = Annotated[
    Annotated[CountTrigger, Tag("count")]
    | Annotated[SinceTrigger, Tag("since")]
    | Annotated[UnmetTrigger, Tag("unmet")]
    | Annotated[TargetTrigger, Tag("target")],
    Discriminator(_trigger_kind),
]


class Expect(Strict):
    """The escalation is actioned when ``event`` comes ``within`` of firing."""

    event: Refs
    within: DurationField


class Escalation(Strict):
    """A trigger, the action it asks for, and optionally how fast it must be actioned."""

    id: Identifier
    when: Trigger
    action: str = Field(min_length=1)
    expect: Expect | None = None


# -- the rest ----------------------------------------------------------------------------


class Duplicates(Strict):
    """A repeat inquiry (equal on any ``match`` field) within ``within`` is not a new lead."""

    match: list[FieldName] = Field(min_length=1)
    within: DurationField


class Raci(Strict):
    """Who does, owns, advises on and hears about a target."""

    responsible: str | None = None
    accountable: str | None = None
    consulted: list[str] = Field(default_factory=list)
    informed: list[str] = Field(default_factory=list)


class Outcomes(Strict):
    """How lead journeys end: raw values of ``field`` mapped to won / open / lost."""

    field: FieldName
    values: dict[str, Literal["won", "open", "lost"]] = Field(min_length=1)
    reason: FieldName | None = None


Section = Literal[
    "targets", "segments", "outcomes", "aging", "trend", "routing", "stages", "escalations",
    "findings",
]


class Report(Strict):
    """Default segments, aging buckets and audience views."""

    by: list[FieldName] = Field(default_factory=list)
    aging: list[DurationField] = Field(default_factory=list)
    views: dict[Identifier, list[Section]] = Field(default_factory=dict)


def _exactly(value: Any) -> Any:
    """The version as written: ``true`` and ``1.0`` equal 1 in Python, but are not ``1``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else value


class Document(Strict):
    """An SLA document (``slakit: 1``)."""

    model_config = Strict.model_config | {"title": "slakit SLA document"}

    slakit: Annotated[Literal[1], BeforeValidator(_exactly)] = Field(
        description="Language version.")
    name: Identifier
    title: str | None = None
    owner: str | None = None
    timezone: str = Field("UTC", description="Default zone for calendars and naive timestamps.")
    source: Source = Field(default_factory=Source)
    calendars: dict[Identifier, CalendarDef] = Field(default_factory=dict)
    definitions: dict[Identifier, Definition] = Field(default_factory=dict)
    closed: Refs | None = None
    routing: Routing | None = None
    stages: list[Ref] = Field(default_factory=list)
    targets: list[Target] = Field(min_length=1)
    escalations: list[Escalation] = Field(default_factory=list)
    duplicates: Duplicates | None = None
    raci: dict[str, Raci] = Field(default_factory=dict)
    outcomes: Outcomes | None = None
    report: Report = Field(default_factory=Report)


AnyTarget = ResponseTarget | CadenceTarget | QualityTarget
AnyTrigger = CountTrigger | SinceTrigger | UnmetTrigger | TargetTrigger
