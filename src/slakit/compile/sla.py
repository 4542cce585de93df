"""The compiled document: every rule resolved, every calendar built, ready for the engines."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from slakit import pii
from slakit.calendar import Calendar
from slakit.compile.rules import (
    Budget,
    CadenceRule,
    CountTrigger,
    DuplicateRule,
    EscalationRule,
    Matcher,
    OutcomeRule,
    QualityRule,
    Ref,
    ResponseRule,
    RoutingRules,
    SinceTrigger,
    StageRule,
    TargetRule,
    Trigger,
    UnmetTrigger,
)
from slakit.errors import SlakitError
from slakit.model import Document
from slakit.reader.spec import ReadSpec

ALWAYS_OPEN = "24x7"
"""The built-in calendar's name."""

class AgedLead(Protocol):
    """What aging needs of a lead result (``slakit.engine.results.LeadResult`` has it)."""

    @property
    def first_event_at(self) -> int: ...
    @property
    def calendar(self) -> str: ...
    @property
    def closed_at(self) -> int | None: ...
    @property
    def duplicate_of(self) -> str | None: ...


class CompileError(SlakitError):
    """A document cannot be compiled (a reference the validator should have caught)."""


@dataclass(frozen=True)
class CompiledSla:
    """A document ready to run: every rule resolved, every calendar built.

    ``targets``, ``escalations`` and ``stages`` keep the document's order.
    """

    document: Document
    name: str
    timezone: str
    """The document's zone: calendars' default and the zone of output times."""
    calendars: Mapping[str, Calendar]
    """Every calendar by name, ``24x7`` included."""
    definitions: Mapping[str, Matcher]
    closed: Ref | None
    routing: RoutingRules | None
    targets: tuple[TargetRule, ...]
    escalations: tuple[EscalationRule, ...]
    duplicates: DuplicateRule | None
    stages: tuple[StageRule, ...]
    outcomes: OutcomeRule | None
    report_by: tuple[str, ...]
    """Segment fields: ``by`` when given, else ``report.by``."""
    aging: tuple[Budget, ...]
    pii: frozenset[str]
    """The columns that hold personal data, folded by ``slakit.pii.key`` (``pii.personal``:
    LANGUAGE.md's names, ``source.pii`` and the names ``source.columns`` maps onto them)."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its document and segment fields, compiled again when loaded: its
        matchers and calendars hold closures (a result can go to a worker process)."""
        return _recompiled, (self.document, self.report_by)

    def calendar(self, name: str) -> Calendar:
        """Return the calendar called ``name`` (``24x7`` is built in)."""
        try:
            return self.calendars[name]
        except KeyError:
            raise CompileError(f"unknown calendar {name!r}") from None

    def target(self, target_id: str) -> TargetRule:
        """Return the target with this id."""
        for rule in self.targets:
            if rule.id == target_id:
                return rule
        raise CompileError(f"unknown target {target_id!r}")

    def is_pii(self, column: str) -> bool:
        """Tell whether ``column`` holds personal data (never printed, only tested/matched)."""
        return pii.key(column) in self.pii

    def refs(self) -> Iterator[Ref]:
        """Yield every reference the document makes, in document order (repeats included)."""
        if self.closed is not None:
            yield self.closed
        if self.routing is not None and self.routing.check_on is not None:
            yield self.routing.check_on
        for stage in self.stages:
            yield stage.ref
        for rule in self.targets:
            yield from _target_refs(rule)
        for esc in self.escalations:
            yield from _trigger_refs(esc.trigger)
            if esc.expect is not None:
                yield esc.expect.event

    def matchers(self) -> tuple[Matcher, ...]:
        """Return every distinct definition the document uses, in first-use order."""
        return self._matchers

    @functools.cached_property
    def _matchers(self) -> tuple[Matcher, ...]:
        seen: dict[Matcher, None] = {}
        for ref in self.refs():
            for m in ref.matchers:
                seen.setdefault(m, None)
        return tuple(seen)

    def columns(self) -> tuple[str, ...]:
        """Return every attribute column the run reads (``--by`` included), sorted."""
        return self._columns(self.report_by)

    def document_columns(self) -> tuple[str, ...]:
        """Return the attribute columns the document itself uses (its own ``report.by``, not
        ``--by``), sorted: the ones rows are compared on for duplicates, so that segmenting a
        run differently never changes which rows count."""
        return self._columns(tuple(self.document.report.by))

    def _columns(self, by: tuple[str, ...]) -> tuple[str, ...]:
        cols: set[str] = set(by)
        for m in (*self.definitions.values(), *self.matchers()):
            cols.update(f for f, _ in m.where)
            cols.update(f for need in m.require for f in need)
        if self.routing is not None:
            for route in self.routing.rules:
                cols.update(f for f, _ in route.when)
            if self.routing.check_field is not None:
                cols.add(self.routing.check_field)
        for rule in self.targets:
            cols.update(f for f, _ in rule.for_)
            if isinstance(rule, QualityRule):
                cols.update(f for need in rule.require for f in need)
                cols.update(f for f, _ in rule.allow)
        for esc in self.escalations:
            if isinstance(esc.trigger, UnmetTrigger):
                cols.update(f for need in esc.trigger.unmet for f in need)
        if self.duplicates is not None:
            cols.update(self.duplicates.match)
        if self.outcomes is not None:
            cols.add(self.outcomes.field)
            if self.outcomes.reason is not None:
                cols.add(self.outcomes.reason)
        return tuple(sorted(cols))

    def read_spec(self) -> ReadSpec:
        """Return how to read this document's exports (``source`` plus the columns it uses)."""
        src = self.document.source
        return ReadSpec(
            columns=dict(src.columns),
            events=dict(src.events),
            timestamp_formats=tuple(src.timestamp_format),
            timezone=src.timezone or self.timezone,
            nulls=tuple(src.nulls),
            delimiter=src.delimiter,
            encoding=src.encoding,
            order=src.order,
            shape=src.shape,
            milestones=dict(src.milestones),
            # The document's own columns are read even where --by replaces its report.by:
            # duplicate rows are compared on them whatever the segments.
            attributes=tuple(sorted({*self.columns(), *self.document_columns()})),
            compared=self.document_columns(),
            pii=tuple(src.pii),
        )

    def age_bucket(self, lead: AgedLead, as_of: int) -> int | None:
        """Return the index of the aging bucket of an open lead (``None``: not aged).

        Buckets are ``[0, a1)``, ``[a1, a2)``, ..., ``[an, ...)`` of the lead's clock age from
        its first event; ``Nbd`` bounds compare as-of with the ``Nbd`` due time.
        """
        if not self.aging or lead.closed_at is not None or lead.duplicate_of is not None:
            return None
        cal = self.calendar(lead.calendar)
        start = lead.first_event_at
        age = cal.elapsed(start, as_of)
        bucket = 0
        for bound in self.aging:
            if bound.bd is not None:
                reached = as_of >= cal.add_business_days(start, bound.bd)
            else:
                reached = age >= (bound.us or 0)
            if not reached:
                break
            bucket += 1
        return bucket


def _target_refs(rule: TargetRule) -> Iterator[Ref]:
    if isinstance(rule, ResponseRule):
        yield rule.start
        yield rule.stop
        if rule.cancel is not None:
            yield rule.cancel
    elif isinstance(rule, CadenceRule):
        yield rule.start
        yield rule.attempts
        if rule.until is not None:
            yield rule.until
    else:
        if rule.on is not None:
            yield rule.on
        if rule.each is not None:
            yield rule.each
        return
    if rule.pause is not None:
        yield rule.pause.start
        yield rule.pause.end


def _trigger_refs(trigger: Trigger) -> Iterator[Ref]:
    if isinstance(trigger, CountTrigger):
        yield trigger.count
        if trigger.without is not None:
            yield trigger.without
    elif isinstance(trigger, SinceTrigger):
        yield trigger.since
        yield trigger.without


def _recompiled(document: Document, by: tuple[str, ...]) -> CompiledSla:
    from slakit.compile.build import compile_document

    return compile_document(document, by=by)
