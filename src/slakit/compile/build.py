"""Compile a ``Document`` into a ``CompiledSla``: references resolved, calendars built.

>>> from slakit.loader import load                                   # doctest: +SKIP
>>> sla = compile_document(load("consult.sla.yaml").document)        # doctest: +SKIP
>>> sla.targets[0].within.us // 60_000_000                            # doctest: +SKIP
15
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType

from slakit import pii
from slakit.calendar import Calendar
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
from slakit.compile.sla import ALWAYS_OPEN, CompiledSla
from slakit.errors import UsageError
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
    ref_name,
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
from slakit.model.document import AnyTarget, AnyTrigger, Definition


def compile_document(doc: Document, *, by: Sequence[str] = ()) -> CompiledSla:
    """Resolve every reference of ``doc`` and build its calendars.

    ``by`` replaces ``report.by`` (the ``--by`` option); a personal-data column there raises
    ``UsageError`` (exit 2), as ``report.by`` would fail validation. The document is assumed
    valid (``slakit.checks``); a dangling calendar or target reference raises ``CompileError``.
    """
    personal = pii.personal(doc.source.pii, doc.source.columns)
    for name in by:
        if pii.key(name) in personal:
            raise UsageError(f"--by {name}: that column holds personal data (PHI), and slakit "
                             "never segments on it; segment by a non-personal column")
    definitions = {name: _matcher(name, d) for name, d in doc.definitions.items()}
    c = _Compiler(doc, definitions)
    calendars: dict[str, Calendar] = {ALWAYS_OPEN: Calendar.always_open(doc.timezone)}
    for name, cal in doc.calendars.items():
        calendars[name] = Calendar(cal.spec(name, doc.timezone))
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
        duplicates=DuplicateRule(
            tuple(doc.duplicates.match), _budget(doc.duplicates.within),
            tuple(doc.source.columns.get(m, m) for m in doc.duplicates.match),
        ) if doc.duplicates is not None else None,
        stages=tuple(StageRule(ref_name(s), c.ref(s)) for s in doc.stages),
        outcomes=outcomes,
        report_by=tuple(by) if by else tuple(doc.report.by),
        aging=tuple(_budget(a) for a in doc.report.aging),
        pii=pii.personal(doc.source.pii, doc.source.columns),
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
            return _matcher(ref_name(ref), ref)
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


