"""Compiled rules: the frozen values the engines run, with every reference already resolved.

Nothing here reads YAML or events; ``slakit.compile.build`` makes these from a ``Document``.
Durations are microseconds of clock time (``Budget.us``) or whole business days
(``Budget.bd``); shares are exact ``Fraction``s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Need = tuple[str, ...]
"""One required term: alternatives of which one must be non-empty (``("phone", "email")``)."""

Conditions = tuple[tuple[str, frozenset[str]], ...]
"""``((field, allowed values), ...)``: every field must hold one of its values."""


def need_text(need: Need) -> str:
    """Write a requirement term the way documents do: ``phone|email``."""
    return "|".join(need)


def conditions_hold(conditions: Conditions, fields: Mapping[str, str]) -> bool:
    """Tell whether ``fields`` (empty values absent) satisfy every condition.

    A field the row or lead does not have reads as ``""``, so ``{x: ""}`` asks for it empty.
    """
    return all(fields.get(name, "") in values for name, values in conditions)


def unmet_needs(needs: tuple[Need, ...], fields: Mapping[str, str]) -> tuple[Need, ...]:
    """Return the terms of ``needs`` for which none of the alternatives is non-empty."""
    return tuple(need for need in needs if not any(fields.get(f, "") for f in need))


@dataclass(frozen=True)
class Matcher:
    """One definition (named, inline, or a raw event name): which events count, and when."""

    name: str
    """The definition's name, the raw event's name, or ``a|b`` for an inline definition."""
    events: frozenset[str]
    """Event names (after ``source.events``) that can match."""
    where: Conditions = ()
    """Conditions on the matching event's own row."""
    require: tuple[Need, ...] = ()
    """Conditions on the lead's attributes so far; completion by a later row delays it."""


@dataclass(frozen=True)
class Ref:
    """A reference as written where something happens: one or more matchers, first to happen."""

    matchers: tuple[Matcher, ...]

    @property
    def name(self) -> str:
        """The reference as a reader would write it: ``talk`` or ``[talk, done]``."""
        if len(self.matchers) == 1:
            return self.matchers[0].name
        return "[" + ", ".join(m.name for m in self.matchers) + "]"


@dataclass(frozen=True)
class Budget:
    """A duration: clock microseconds (``s``/``m``/``h``/``d``) or ``bd`` business days."""

    text: str
    """As written: ``15m``, ``2bd``."""
    us: int | None = None
    """Clock microseconds for ``s``/``m``/``h``/``d`` (``d`` is 24 hours)."""
    bd: int | None = None
    """Business days for ``Nbd``."""

    @property
    def is_business_days(self) -> bool:
        """True for ``Nbd`` budgets, whose met rule compares instants, not clock time."""
        return self.bd is not None


@dataclass(frozen=True)
class PauseRule:
    """The clock does not run from a ``start`` occurrence to the next ``end`` occurrence."""

    start: Ref
    end: Ref


@dataclass(frozen=True)
class ResponseRule:
    """A response target: clock time from ``start`` to ``stop`` within a budget."""

    id: str
    title: str
    for_: Conditions
    calendar: str | None
    """The target's own calendar, or ``None`` for the lead's clock."""
    objective: Fraction | None
    start: Ref
    stop: Ref
    cancel: Ref | None
    pause: PauseRule | None
    within: Budget
    after_hours: Budget | None
    warn: Fraction | None
    kind: Literal["response"] = "response"


@dataclass(frozen=True)
class CadenceRule:
    """A cadence target: one attempt in each window of ``schedule`` after ``start``."""

    id: str
    title: str
    for_: Conditions
    calendar: str | None
    objective: Fraction | None
    start: Ref
    attempts: Ref
    schedule: tuple[Budget, ...]
    until: Ref | None
    pause: PauseRule | None
    warn: Fraction | None
    kind: Literal["cadence"] = "cadence"


@dataclass(frozen=True)
class QualityRule:
    """A quality target: fields present ``on`` an event, or on ``each`` matching event."""

    id: str
    title: str
    for_: Conditions
    calendar: str | None
    objective: Fraction | None
    on: Ref | None
    each: Ref | None
    require: tuple[Need, ...]
    allow: Conditions
    kind: Literal["quality"] = "quality"


TargetRule = ResponseRule | CadenceRule | QualityRule


@dataclass(frozen=True)
class CountTrigger:
    """Fire at the ``reaches``-th ``count`` occurrence unless ``without`` happened by then."""

    count: Ref
    reaches: int
    without: Ref | None


@dataclass(frozen=True)
class SinceTrigger:
    """Fire ``over`` of lead clock after ``since`` unless ``without`` happened by then."""

    since: Ref
    without: Ref
    over: Budget


@dataclass(frozen=True)
class UnmetTrigger:
    """Fire ``after`` of lead clock from the first event if ``unmet`` still fails then."""

    unmet: tuple[Need, ...]
    after: Budget


@dataclass(frozen=True)
class TargetTrigger:
    """Fire when a response target's clock reaches ``at`` of its budget while running."""

    target: str
    at: Fraction


Trigger = CountTrigger | SinceTrigger | UnmetTrigger | TargetTrigger


@dataclass(frozen=True)
class ExpectRule:
    """The escalation is actioned when ``event`` happens within ``within`` of firing."""

    event: Ref
    within: Budget


@dataclass(frozen=True)
class EscalationRule:
    """A trigger, its action, and optionally the promise that it is actioned in time."""

    id: str
    trigger: Trigger
    action: str
    expect: ExpectRule | None


@dataclass(frozen=True)
class RouteRule:
    """``when`` the lead's attributes match, the lead belongs to ``team`` on ``calendar``."""

    name: str
    when: Conditions
    team: str
    calendar: str


@dataclass(frozen=True)
class RoutingRules:
    """First matching rule wins; ``check_on``/``check_field`` compare with what the CRM did."""

    rules: tuple[RouteRule, ...]
    check_on: Ref | None
    check_field: str | None


@dataclass(frozen=True)
class DuplicateRule:
    """Leads equal on any ``match`` field (normalised) within ``within`` are one inquiry."""

    match: tuple[str, ...]
    within: Budget
    headers: tuple[str, ...] = ()
    """Per ``match`` field, the file header it is read from (``source.columns``): a field
    ``contact`` read from ``Phone`` is compared as a phone number."""


@dataclass(frozen=True)
class StageRule:
    """One stage of the journey, named as the report names it."""

    name: str
    ref: Ref


@dataclass(frozen=True)
class OutcomeRule:
    """Raw values of ``field`` mapped to won / open / lost; ``reason`` explains losses."""

    field: str
    values: Mapping[str, Literal["won", "open", "lost"]]
    reason: str | None
