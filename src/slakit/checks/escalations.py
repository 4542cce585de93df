"""Escalations: triggers that can fire."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.checks.walk import shared, shown
from slakit.model import (
    CadenceTarget,
    CountTrigger,
    Document,
    QualityTarget,
    SinceTrigger,
    TargetTrigger,
)


def _never(doc: Document, trigger: object) -> str | None:
    """Return why a trigger can never fire, or None."""
    if isinstance(trigger, TargetTrigger):
        target = next((t for t in doc.targets if t.id == trigger.target), None)
        if isinstance(target, QualityTarget | CadenceTarget):
            return (f"target {target.id!r} is a {target.kind} target, which has no single "
                    f"budget to reach {trigger.at} of: watch a response target")
    elif isinstance(trigger, CountTrigger):
        same = shared(trigger.count, trigger.without)
        if same is not None:
            return (f"{shown(same)} is counted and is also 'without': it has happened by the "
                    "time it is counted; name a different event in without")
        closing = shared(trigger.count, doc.closed)
        if closing is not None:
            return (f"{shown(closing)} closes the lead (closed), and no escalation fires once a "
                    "lead is closed: count something else")
    elif isinstance(trigger, SinceTrigger):
        same = shared(trigger.since, trigger.without)
        if same is not None:
            return (f"{shown(same)} is both since and without: it has happened the moment the "
                    "clock starts; name a different event in without")
        closing = shared(trigger.since, doc.closed)
        if closing is not None:
            return (f"{shown(closing)} closes the lead (closed), so the clock starts on a closed "
                    "lead: start from an earlier event")
    return None


@check("escalation-never-fires", "warning")
def escalation_never_fires(doc: Document) -> Iterator[Issue]:
    """An escalation's trigger can never fire.

    Found when: a ``count`` or ``since`` names the same event as its ``without`` (it has
    happened by then); it counts or starts from the ``closed`` event (no escalation fires on a
    closed lead); a ``target`` trigger watches a cadence or quality target (only a response
    target has one budget whose share can be reached). Fix the trigger.
    """
    for i, escalation in enumerate(doc.escalations):
        reason = _never(doc, escalation.when)
        if reason is not None:
            yield Issue(("escalations", i, "when"), f"escalation {escalation.id!r} can never "
                        f"fire: {reason}")


CHECKS = (escalation_never_fires,)
