"""Quality targets: what must be recorded ``on`` an event, or on ``each`` matching event.

With ``on``: when it first happens, the lead's attributes as of that event (its own row
included) must satisfy ``require``. With ``each``: every occurrence is checked the same way,
and ``allow`` limits the values of the event's own fields (empty is a violation unless
``allow`` lists ``""``). The status is per lead: one failing event breaches it.
"""

from __future__ import annotations

from slakit.compile import QualityRule, conditions_hold, need_text, unmet_needs
from slakit.engine.lead import Lead
from slakit.engine.response import not_applicable
from slakit.engine.results import TargetResult
from slakit.engine.trace import Context, TargetTrace

HIDDEN = "(hidden)"
"""Shown instead of a disallowed value of a personal-data column."""


def judge_quality(rule: QualityRule, lead: Lead, ctx: Context) -> TargetTrace:
    """Judge one lead against a quality target, as of ``ctx.as_of``."""
    if not conditions_hold(rule.for_, lead.attributes):
        return not_applicable(rule.id, rule.kind, "outside for")
    if rule.on is not None:
        first = lead.first(rule.on)
        if first is None:
            return not_applicable(rule.id, rule.kind, f"{rule.on.name} never happened")
        checked = [first]
    else:
        assert rule.each is not None
        checked = lead.occurrences(rule.each)
        if not checked:
            return not_applicable(rule.id, rule.kind, f"no {rule.each.name} event")
    missing: dict[str, None] = {}
    disallowed: list[tuple[str, str]] = []
    notes: list[str] = []
    offending = 0
    for occ in checked:
        own = lead.rows[occ.source].fields
        gaps = [need_text(n) for n in unmet_needs(rule.require, lead.attributes_through(occ.row))]
        bad = [
            (field, HIDDEN if ctx.sla.is_pii(field) else own.get(field, ""))
            for field, allowed in rule.allow
            if own.get(field, "") not in allowed
        ]
        missing.update(dict.fromkeys(gaps))
        disallowed.extend(bad)
        if gaps or bad:
            offending += 1
            notes.append(f"{occ.name} event: " + "; ".join(
                [f"missing {g}" for g in gaps] + [f"{f} {v!r} not allowed" for f, v in bad]))
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if disallowed:
        values = dict.fromkeys(f"{f}={v}" if v else f"{f} empty" for f, v in disallowed)
        parts.append("not allowed: " + ", ".join(values))
    detail = "; ".join(parts)
    result = TargetResult(
        rule.id,
        "breached" if detail else "met",
        started_at=checked[0].at,
        stopped_at=checked[0].at if rule.on is not None else None,
        detail=detail,
        missing=tuple(missing),
        disallowed=tuple(disallowed),
        events_checked=len(checked),
        events_offending=offending,
    )
    notes.append(f"{len(checked)} event(s) checked: {detail or 'all complete'}")
    return TargetTrace(result, rule.kind, checked=tuple(checked), notes=tuple(notes))
