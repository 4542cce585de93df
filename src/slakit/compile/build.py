"""Compile a ``Document`` into a ``CompiledSla``: references resolved, calendars built.

>>> from slakit.loader import load                                   # doctest: +SKIP
>>> sla = compile_document(load("consult.sla.yaml").document)        # doctest: +SKIP
>>> sla.targets[0].within.us // 60_000_000                            # doctest: +SKIP
15
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Protocol

from slakit.calendar import Calendar, CalendarSpec
from slakit.compile.rules import (
    Budget,
    CadenceRule,
    Conditions,
    CountTrigger,
    DuplicateRule,
    EscalationRule,
    ExpectRule,
    Matcher,
    Need,
    OutcomeRule,
    PauseRule,
    QualityRule,
    Ref,
    ResponseRule,
    RouteRule,
    RoutingRules,
    SinceTrigger,
    StageRule,
    TargetRule,
    TargetTrigger,
    Trigger,
    UnmetTrigger,
)
from slakit.errors import SlakitError
from slakit.model import (
    CadenceTarget,
    Document,
    Duration,
    InlineDefinition,
    Pause,
    Percent,
    QualityTarget,
    Requirement,
    ResponseTarget,
)
from slakit.model import (
    CountTrigger as CountModel,
)
from slakit.model import (
    SinceTrigger as SinceModel,
)
from slakit.model import (
    UnmetTrigger as UnmetModel,
)
from slakit.model.document import AnyTarget, AnyTrigger, CalendarDef, Definition
from slakit.reader.spec import ReadSpec

ALWAYS_OPEN = "24x7"
"""The built-in calendar's name."""

PII_NAMES = frozenset({
    "phone", "mobile", "email", "name", "firstname", "lastname", "fullname", "patientname",
    "address", "street", "dob", "dateofbirth", "birthdate", "mrn", "ssn",
})
"""Column names (normalised by ``pii_key``) that hold personal data (LANGUAGE.md section 1)."""


def pii_key(column: str) -> str:
    """Normalise a column name for the PHI test: case, ``_`` and spaces do not matter."""
    return column.lower().replace("_", "").replace(" ", "")


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
    """``source.pii`` columns, normalised by ``pii_key``."""

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
        key = pii_key(column)
        return key in PII_NAMES or key in self.pii

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
        """Return every attribute column the document reads, sorted."""
        cols: set[str] = set(self.report_by)
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
            attributes=self.columns(),
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


# -- compiling -------------------------------------------------------------------------------


def compile_document(doc: Document, *, by: Sequence[str] = ()) -> CompiledSla:
    """Resolve every reference of ``doc`` and build its calendars.

    ``by`` replaces ``report.by`` (the ``--by`` option). The document is assumed valid
    (``slakit.checks``); a dangling calendar or target reference raises ``CompileError``.
    """
    definitions = {name: _matcher(name, d) for name, d in doc.definitions.items()}
    c = _Compiler(doc, definitions)
    calendars: dict[str, Calendar] = {ALWAYS_OPEN: Calendar.always_open(doc.timezone)}
    for name, cal in doc.calendars.items():
        calendars[name] = Calendar(_calendar_spec(name, cal, doc.timezone))
    routing = None
    if doc.routing is not None:
        check = doc.routing.check
        routing = RoutingRules(
            rules=tuple(
                RouteRule(r.name, _conditions(r.when), r.team, r.calendar)
                for r in doc.routing.rules
            ),
            check_on=c.ref(check.on) if check is not None else None,
            check_field=check.field if check is not None else None,
        )
    outcomes = None
    if doc.outcomes is not None:
        outcomes = OutcomeRule(
            doc.outcomes.field, MappingProxyType(dict(doc.outcomes.values)), doc.outcomes.reason
        )
    sla = CompiledSla(
        document=doc,
        name=doc.name,
        timezone=doc.timezone,
        calendars=MappingProxyType(calendars),
        definitions=MappingProxyType(definitions),
        closed=c.refs(doc.closed) if doc.closed is not None else None,
        routing=routing,
        targets=tuple(c.target(t) for t in doc.targets),
        escalations=tuple(
            EscalationRule(
                e.id,
                c.trigger(e.when),
                e.action,
                ExpectRule(c.refs(e.expect.event), _budget(e.expect.within))
                if e.expect is not None else None,
            )
            for e in doc.escalations
        ),
        duplicates=DuplicateRule(tuple(doc.duplicates.match), _budget(doc.duplicates.within))
        if doc.duplicates is not None else None,
        stages=tuple(StageRule(_ref_text(s), c.ref(s)) for s in doc.stages),
        outcomes=outcomes,
        report_by=tuple(by) if by else tuple(doc.report.by),
        aging=tuple(_budget(a) for a in doc.report.aging),
        pii=frozenset(pii_key(p) for p in doc.source.pii),
    )
    _check_references(sla)
    return sla


def _check_references(sla: CompiledSla) -> None:
    names = [r.calendar for r in sla.routing.rules] if sla.routing is not None else []
    names += [t.calendar for t in sla.targets if t.calendar is not None]
    for name in names:
        sla.calendar(name)
    for esc in sla.escalations:
        if isinstance(esc.trigger, TargetTrigger):
            sla.target(esc.trigger.target)


class _Compiler:
    """Resolves references against the document's definitions."""

    def __init__(self, doc: Document, definitions: Mapping[str, Matcher]) -> None:
        self.doc = doc
        self.definitions = definitions

    def ref(self, ref: str | InlineDefinition) -> Ref:
        return Ref((self._one(ref),))

    def refs(self, refs: Sequence[str | InlineDefinition]) -> Ref:
        return Ref(tuple(self._one(r) for r in refs))

    def _one(self, ref: str | InlineDefinition) -> Matcher:
        if isinstance(ref, InlineDefinition):
            return _matcher(_ref_text(ref), ref)
        known = self.definitions.get(ref)
        return known if known is not None else Matcher(ref, frozenset({ref}))

    def _pause(self, pause: Pause | None) -> PauseRule | None:
        return PauseRule(self.refs(pause.from_), self.refs(pause.to)) if pause else None

    def target(self, t: AnyTarget) -> TargetRule:
        common = {
            "id": t.id,
            "title": t.title or "",
            "for_": _conditions(t.for_),
            "calendar": t.calendar,
            "objective": _share(t.objective),
        }
        if isinstance(t, ResponseTarget):
            return ResponseRule(
                **common,  # type: ignore[arg-type]
                start=self.refs(t.start),
                stop=self.refs(t.stop),
                cancel=self.refs(t.cancel) if t.cancel is not None else None,
                pause=self._pause(t.pause),
                within=_budget(t.within),
                after_hours=_budget(t.after_hours) if t.after_hours is not None else None,
                warn=_share(t.warn),
            )
        if isinstance(t, CadenceTarget):
            return CadenceRule(
                **common,  # type: ignore[arg-type]
                start=self.refs(t.start),
                attempts=self.refs(t.attempts),
                schedule=tuple(_budget(s) for s in t.schedule),
                until=self.refs(t.until) if t.until is not None else None,
                pause=self._pause(t.pause),
                warn=_share(t.warn),
            )
        assert isinstance(t, QualityTarget)
        return QualityRule(
            **common,  # type: ignore[arg-type]
            on=self.refs(t.on) if t.on is not None else None,
            each=self.ref(t.each) if t.each is not None else None,
            require=_needs(t.require),
            allow=_conditions(t.allow),
        )

    def trigger(self, w: AnyTrigger) -> Trigger:
        if isinstance(w, CountModel):
            without = self.refs(w.without) if w.without is not None else None
            return CountTrigger(self.refs(w.count), w.reaches, without)
        if isinstance(w, SinceModel):
            return SinceTrigger(self.refs(w.since), self.refs(w.without), _budget(w.over))
        if isinstance(w, UnmetModel):
            return UnmetTrigger(_needs(w.unmet), _budget(w.after))
        return TargetTrigger(w.target, w.at.value)


def _matcher(name: str, d: Definition | InlineDefinition) -> Matcher:
    return Matcher(name, frozenset(d.event), _conditions(d.where), _needs(d.require))


def _ref_text(ref: str | InlineDefinition) -> str:
    return ref if isinstance(ref, str) else "|".join(ref.event)


def _conditions(conditions: Mapping[str, Sequence[str]]) -> Conditions:
    return tuple(sorted((f, frozenset(v)) for f, v in conditions.items()))


def _needs(requirements: Sequence[Requirement]) -> tuple[Need, ...]:
    return tuple(r.fields for r in requirements)


def _budget(d: Duration) -> Budget:
    if d.is_business_days:
        return Budget(str(d), bd=d.amount)
    return Budget(str(d), us=d.microseconds)


def _share(p: Percent | None) -> Fraction | None:
    return p.value if p is not None else None


def _calendar_spec(name: str, cal: CalendarDef, default_zone: str) -> CalendarSpec:
    holidays = cal.holidays
    return CalendarSpec(
        timezone=cal.timezone or default_zone,
        weekly={day: tuple(spans) for day, spans in cal.weekly().items() if spans},
        country=holidays.country if holidays else None,
        subdivision=holidays.subdivision if holidays else None,
        include=tuple(holidays.include) if holidays else (),
        exclude=tuple(holidays.exclude) if holidays else (),
        overrides={d: tuple((s.start, s.end) for s in spans) for d, spans in cal.overrides.items()},
        name=name,
    )
