"""Shared views of a document for checks: its references, the fields it reads, its clocks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from slakit.checks.base import Path
from slakit.model import (
    AnyTarget,
    CadenceTarget,
    CalendarDef,
    CountTrigger,
    Document,
    InlineDefinition,
    QualityTarget,
    ResponseTarget,
    SinceTrigger,
)

TWENTY_FOUR_SEVEN = "24x7"
"""The built-in calendar: always open, no holidays."""

Ref = str | InlineDefinition


@dataclass(frozen=True)
class RefUse:
    """One reference written in the document, with where and as what."""

    path: Path
    ref: Ref
    role: str
    """The key it is written under (``start``, ``stages``, ``check.on``, ...)."""


def _list(path: Path, refs: Iterable[Ref] | None, role: str) -> Iterator[RefUse]:
    for i, ref in enumerate(refs or ()):
        yield RefUse((*path, i), ref, role)


def target_refs(i: int, target: AnyTarget) -> Iterator[RefUse]:
    """Yield the references of the target at ``targets[i]``."""
    base: Path = ("targets", i)
    if isinstance(target, ResponseTarget):
        yield from _list((*base, "start"), target.start, "start")
        yield from _list((*base, "stop"), target.stop, "stop")
        yield from _list((*base, "cancel"), target.cancel, "cancel")
    elif isinstance(target, CadenceTarget):
        yield from _list((*base, "start"), target.start, "start")
        yield from _list((*base, "attempts"), target.attempts, "attempts")
        yield from _list((*base, "until"), target.until, "until")
    else:
        yield from _list((*base, "on"), target.on, "on")
        if target.each is not None:
            yield RefUse((*base, "each"), target.each, "each")
    pause = getattr(target, "pause", None)
    if pause is not None:
        yield from _list((*base, "pause", "from"), pause.from_, "pause.from")
        yield from _list((*base, "pause", "to"), pause.to, "pause.to")


def references(doc: Document) -> Iterator[RefUse]:
    """Yield every reference to something that happens, in document order."""
    yield from _list(("closed",), doc.closed, "closed")
    if doc.routing is not None and doc.routing.check is not None:
        yield RefUse(("routing", "check", "on"), doc.routing.check.on, "check.on")
    yield from _list(("stages",), doc.stages, "stages")
    for i, target in enumerate(doc.targets):
        yield from target_refs(i, target)
    for i, escalation in enumerate(doc.escalations):
        base: Path = ("escalations", i, "when")
        trigger = escalation.when
        if isinstance(trigger, CountTrigger):
            yield from _list((*base, "count"), trigger.count, "count")
            yield from _list((*base, "without"), trigger.without, "without")
        elif isinstance(trigger, SinceTrigger):
            yield from _list((*base, "since"), trigger.since, "since")
            yield from _list((*base, "without"), trigger.without, "without")
        if escalation.expect is not None:
            yield from _list(("escalations", i, "expect", "event"), escalation.expect.event,
                             "expect.event")


def names(refs: Iterable[Ref] | None) -> set[str]:
    """Return the named (not inline) references among ``refs``."""
    return {r for r in refs or () if isinstance(r, str)}


def shared(a: Iterable[Ref] | None, b: Iterable[Ref] | None) -> Ref | None:
    """Return a reference written in both lists (same name or same inline definition)."""
    found = shared_at(a, b)
    return found[0] if found is not None else None


def shared_at(a: Iterable[Ref] | None, b: Iterable[Ref] | None) -> tuple[Ref, int] | None:
    """Return a reference written in both lists and its index in ``b``."""
    second = list(b or ())
    for ref in a or ():
        if ref in second:
            return ref, second.index(ref)
    return None


def shown(ref: Ref) -> str:
    """Return a reference as a user wrote it, for messages."""
    if isinstance(ref, str):
        return repr(ref)
    events = ", ".join(ref.event)
    return f"{{event: [{events}]}}" if len(ref.event) > 1 else f"{{event: {events}}}"


# -- clocks --------------------------------------------------------------------------------


def catch_all(doc: Document) -> bool:
    """True when routing has a rule without conditions (every lead gets a team)."""
    return doc.routing is not None and any(not rule.when for rule in doc.routing.rules)


def lead_clocks(doc: Document) -> list[str]:
    """Return the calendars a lead's clock can be: each rule's, and 24x7 for unrouted leads."""
    if doc.routing is None:
        return [TWENTY_FOUR_SEVEN]
    clocks = list(dict.fromkeys(rule.calendar for rule in doc.routing.rules))
    if not catch_all(doc) and TWENTY_FOUR_SEVEN not in clocks:
        clocks.append(TWENTY_FOUR_SEVEN)
    return clocks


def target_clocks(doc: Document, target: AnyTarget) -> list[str]:
    """Return the calendars a target's clock can be: its own, else the lead's."""
    return [target.calendar] if target.calendar else lead_clocks(doc)


def round_the_clock(calendar: CalendarDef) -> bool:
    """True when a calendar is open every minute of the week and never closes for a date."""
    covered = [False] * (7 * 1440)
    for day, spans in calendar.weekly().items():
        for start, end in spans:
            stop = end if end > start else end + 1440
            for minute in range(day * 1440 + start, day * 1440 + stop):
                covered[minute % len(covered)] = True
    holidays = calendar.holidays
    closes = holidays is not None and (holidays.country is not None or bool(holidays.include))
    return all(covered) and not closes and not calendar.overrides


def is_daytime(doc: Document, name: str) -> bool:
    """True for a defined calendar that is not open around the clock."""
    calendar = doc.calendars.get(name)
    return calendar is not None and not round_the_clock(calendar)


def quality_targets(doc: Document) -> Iterator[tuple[int, QualityTarget]]:
    """Yield ``(index, target)`` for each quality target."""
    for i, target in enumerate(doc.targets):
        if isinstance(target, QualityTarget):
            yield i, target


# -- fields --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldUse:
    """A column the document filters, segments, routes or reports on."""

    path: Path
    field: str
    role: str
    key: bool
    """True when the field is written as a mapping key (``for: {phone: ...}``)."""


def _keys(path: Path, mapping: dict[str, list[str]], role: str) -> Iterator[FieldUse]:
    for name in mapping:
        yield FieldUse((*path, name), name, role, True)


def value_maps(doc: Document) -> Iterator[tuple[Path, dict[str, list[str]], str]]:
    """Yield every ``{field: values}`` mapping that compares cells with written values
    (``for``, ``allow``, ``where``, routing ``when``), with its path and key."""
    for i, target in enumerate(doc.targets):
        yield ("targets", i, "for"), target.for_, "for"
        if isinstance(target, QualityTarget):
            yield ("targets", i, "allow"), target.allow, "allow"
    for name, definition in doc.definitions.items():
        yield ("definitions", name, "where"), definition.where, "where"
    for use in references(doc):
        if isinstance(use.ref, InlineDefinition):
            yield (*use.path, "where"), use.ref.where, "where"
    if doc.routing is not None:
        for i, rule in enumerate(doc.routing.rules):
            yield ("routing", "rules", i, "when"), rule.when, "when"


def filtering_fields(doc: Document) -> Iterator[FieldUse]:
    """Yield columns used to filter, segment, route or report (never presence or matching)."""
    for path, mapping, role in value_maps(doc):
        yield from _keys(path, mapping, role)
    if doc.routing is not None and doc.routing.check is not None:
        yield FieldUse(("routing", "check", "field"), doc.routing.check.field, "check.field",
                       False)
    for i, name in enumerate(doc.report.by):
        yield FieldUse(("report", "by", i), name, "report.by", False)
    if doc.outcomes is not None:
        yield FieldUse(("outcomes", "field"), doc.outcomes.field, "outcomes.field", False)
        if doc.outcomes.reason is not None:
            yield FieldUse(("outcomes", "reason"), doc.outcomes.reason, "outcomes.reason", False)
