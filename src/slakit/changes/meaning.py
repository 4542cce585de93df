"""Compare document values by what they mean, not how they are written.

``15m`` equals ``900s``; ``mon-fri`` equals five single days; ``[a, b]`` equals ``[b, a]``
wherever the language says the first of several to happen counts. Comparisons answer with an
``Order``: ``same``, ``more`` (head is a superset / larger), ``less`` or ``other``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from slakit.model import CalendarDef, Definition, Document, Duration, InlineDefinition, Span
from slakit.model.values import Requirement

Order = Literal["same", "more", "less", "other"]


def order_of(base_in_head: bool, head_in_base: bool) -> Order:
    """Combine two containment answers into an ``Order`` of head relative to base."""
    if base_in_head and head_in_base:
        return "same"
    if base_in_head:
        return "more"
    if head_in_base:
        return "less"
    return "other"


def compare_numbers(base: object, head: object) -> Order:
    """Order two comparable numbers (ints, ``Fraction``s)."""
    if base == head:
        return "same"
    return "more" if head > base else "less"  # type: ignore[operator]


def duration_key(value: Duration) -> tuple[str, int]:
    """A key equal for equal meanings: clock time in microseconds, or a count of business days."""
    if value.is_business_days:
        return ("bd", value.amount)
    return ("us", value.microseconds)


def compare_durations(base: Duration, head: Duration) -> Order:
    """``more`` when head is longer; ``other`` when one is business days and the other is not."""
    kb, kh = duration_key(base), duration_key(head)
    if kb[0] != kh[0]:
        return "other"
    return compare_numbers(kb[1], kh[1])


def same_duration(base: Duration | None, head: Duration | None) -> bool:
    """True when both are absent or mean the same length."""
    if base is None or head is None:
        return base is head
    return duration_key(base) == duration_key(head)


# -- conditions and requirements --------------------------------------------------------------

Conditions = Mapping[str, Collection[str]]


def conditions_within(narrow: Conditions, wide: Conditions) -> bool:
    """True when every lead or event matching ``narrow`` also matches ``wide``."""
    return all(f in narrow and set(narrow[f]) <= set(v) for f, v in wide.items())


def compare_conditions(base: Conditions, head: Conditions) -> Order:
    """``more`` when head matches more (fewer fields, more values per field)."""
    return order_of(conditions_within(base, head), conditions_within(head, base))


Terms = frozenset[frozenset[str]]


def terms(requirements: Iterable[Requirement]) -> Terms:
    """A requirement list as a set of alternatives (order and spelling do not matter)."""
    return frozenset(frozenset(r.fields) for r in requirements)


def requirement_implies(strong: Terms, weak: Terms) -> bool:
    """True when meeting ``strong`` always meets ``weak``."""
    return all(any(s <= w for s in strong) for w in weak)


def compare_requirements(base: Terms, head: Terms) -> Order:
    """``more`` when head requires more (is harder to meet)."""
    return order_of(requirement_implies(head, base), requirement_implies(base, head))


# -- references -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Matcher:
    """What a reference matches once resolved: events, their fields, the lead's fields."""

    events: frozenset[str]
    where: tuple[tuple[str, frozenset[str]], ...]
    require: Terms

    def within(self, other: Matcher) -> bool:
        """True when everything this matches (at a moment) ``other`` matches too."""
        return (
            self.events <= other.events
            and conditions_within(dict(self.where), dict(other.where))
            and requirement_implies(self.require, other.require)
        )


def matcher(definition: Definition | InlineDefinition) -> Matcher:
    """The ``Matcher`` of a written definition."""
    return Matcher(
        frozenset(definition.event),
        tuple(sorted((f, frozenset(v)) for f, v in definition.where.items())),
        terms(definition.require),
    )


def resolve(ref: str | InlineDefinition, doc: Document) -> Matcher:
    """A reference as the language reads it: a definition's name, else a raw event name."""
    if isinstance(ref, InlineDefinition):
        return matcher(ref)
    found = doc.definitions.get(ref)
    if found is not None:
        return matcher(found)
    return Matcher(frozenset([ref]), (), frozenset())


def atoms(matchers: Iterable[Matcher]) -> list[Matcher]:
    """The matchers one event name at a time: a list of references matches what any of its
    entries matches, so ``[call, text]`` and a definition ``{event: [call, text]}`` are one
    meaning, whichever way it is split into entries."""
    out: list[Matcher] = []
    for m in matchers:
        if len(m.events) <= 1:
            out.append(m)
        else:
            out.extend(Matcher(frozenset([e]), m.where, m.require) for e in sorted(m.events))
    return out


def refs_within(narrow: Sequence[Matcher], wide: Sequence[Matcher]) -> bool:
    """True when each of ``narrow`` is within one of ``wide`` (the first to happen counts),
    compared event by event (``atoms``)."""
    wide = atoms(wide)
    return all(any(n.within(w) for w in wide) for n in atoms(narrow))


def compare_refs(
    base: Sequence[str | InlineDefinition],
    base_doc: Document,
    head: Sequence[str | InlineDefinition],
    head_doc: Document,
) -> Order:
    """Order two reference lists by what they match (``more``: head matches more).

    A name written on both sides resolves through the head document on both, so a changed
    definition is reported once, under ``definitions``, not again at every use.
    """
    shared = {r for r in head if isinstance(r, str)}
    old = [resolve(r, head_doc if isinstance(r, str) and r in shared else base_doc) for r in base]
    new = [resolve(r, head_doc) for r in head]
    return order_of(refs_within(old, new), refs_within(new, old))


# -- calendars --------------------------------------------------------------------------------

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Coverage = frozenset[int]
"""Open minutes from the day's local midnight (up to 2880 for a span past midnight)."""


def coverage(spans: Iterable[tuple[int, int]]) -> Coverage:
    """The minutes a day's spans keep open; a span past midnight belongs to its start day."""
    minutes: set[int] = set()
    for start, end in spans:
        minutes.update(range(start, end if end > start else end + 1440))
    return frozenset(minutes)


def weekly_coverage(calendar: CalendarDef) -> dict[int, Coverage]:
    """Each weekday's open minutes (Monday = 0)."""
    return {day: coverage(spans) for day, spans in calendar.weekly().items()}


def compare_coverage(base: Coverage, head: Coverage) -> Order:
    """``more`` when head keeps open every minute base does, and more."""
    return order_of(base <= head, head <= base)


def spans_text(cov: Coverage) -> str:
    """Render open minutes back as spans: ``08:00-12:00, 13:00-18:00`` or ``closed``."""
    if not cov:
        return "closed"
    runs: list[tuple[int, int]] = []
    for minute in sorted(cov):
        if runs and runs[-1][1] == minute:
            runs[-1] = (runs[-1][0], minute + 1)
        else:
            runs.append((minute, minute + 1))
    return ", ".join(str(Span(s, e if e <= 1440 else e - 1440)) for s, e in runs)


# -- rendering --------------------------------------------------------------------------------


def text(value: object) -> str:
    """Render a document value compactly, the way a user would write it in flow YAML."""
    if isinstance(value, InlineDefinition | Definition):
        parts = [f"event: {text(value.event)}"]
        if value.where:
            parts.append(f"where: {text(value.where)}")
        if value.require:
            parts.append(f"require: {text(value.require)}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        if len(value) == 1:
            return text(value[0])
        return "[" + ", ".join(text(v) for v in value) + "]"
    if isinstance(value, frozenset | set):
        return text(sorted(value, key=str))
    if value == "":
        return "''"  # an empty value, as in YAML (`nulls: ['', N/A]`)
    return str(value)
