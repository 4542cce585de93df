"""Escalations by id: the trigger, its threshold, the action and the ``expect`` promise.

An escalation is a promise that someone acts when a lead goes wrong: adding one, or making it
fire sooner, is ``tightened``.
"""

from __future__ import annotations

from collections.abc import Iterator

from slakit.changes.meaning import (
    compare_durations,
    compare_numbers,
    compare_requirements,
    terms,
    text,
)
from slakit.changes.sections.common import Pair, found, if_differs, matched, ref_change
from slakit.changes.site import Found, Site
from slakit.model import (
    CountTrigger,
    Escalation,
    Expect,
    SinceTrigger,
    TargetTrigger,
    UnmetTrigger,
)
from slakit.model.document import AnyTrigger

_LATER = {"more": "raised", "less": "lowered", "other": "changed"}


def compare_escalations(pair: Pair) -> Iterator[Found]:
    """Escalations matched by id."""
    root = Site.root("escalations")
    for eid, bi, old, hi, new in matched(pair.base.escalations, pair.head.escalations,
                                         lambda e: e.id):
        site = root.entry(eid, bi, hi)
        subject = f"escalation {eid}"
        if old is None or new is None:
            yield found("escalation-added" if old is None else "escalation-removed", site,
                        None if old is None else old.action, None if new is None else new.action,
                        subject)
            continue
        yield from _trigger(pair, site.field("when"), subject, old.when, new.when)
        yield from if_differs("escalation-action-changed", site.field("action"), old.action,
                              new.action, subject)
        yield from _expect(pair, site.field("expect"), subject, old, new)


def _kind(trigger: AnyTrigger) -> str:
    return type(trigger).__name__.removesuffix("Trigger").lower()


def _threshold(site: Site, subject: str, order: str, old: object, new: object
               ) -> Iterator[Found]:
    if order != "same":
        yield found(f"escalation-threshold-{_LATER[order]}", site, old, new, subject)


def _trigger(pair: Pair, site: Site, subject: str, old: AnyTrigger, new: AnyTrigger
             ) -> Iterator[Found]:
    f = site.field
    if _kind(old) != _kind(new):
        yield found("escalation-trigger-changed", site, _kind(old), _kind(new), subject)
    elif isinstance(old, CountTrigger) and isinstance(new, CountTrigger):
        yield from ref_change("escalation", "count", f("count"), pair, old.count, new.count,
                              subject)
        yield from _threshold(f("reaches"), subject, compare_numbers(old.reaches, new.reaches),
                              old.reaches, new.reaches)
        yield from ref_change("escalation", "without", f("without"), pair, old.without,
                              new.without, subject)
    elif isinstance(old, SinceTrigger) and isinstance(new, SinceTrigger):
        yield from ref_change("escalation", "since", f("since"), pair, old.since, new.since,
                              subject)
        yield from ref_change("escalation", "without", f("without"), pair, old.without,
                              new.without, subject)
        yield from _threshold(f("over"), subject, compare_durations(old.over, new.over),
                              old.over, new.over)
    elif isinstance(old, UnmetTrigger) and isinstance(new, UnmetTrigger):
        order = compare_requirements(terms(old.unmet), terms(new.unmet))
        if order != "same":
            # A stronger requirement fails more often: the escalation fires more.
            suffix = {"more": "tightened", "less": "loosened", "other": "changed"}[order]
            yield found(f"escalation-unmet-{suffix}", f("unmet"), old.unmet, new.unmet, subject)
        yield from _threshold(f("after"), subject, compare_durations(old.after, new.after),
                              old.after, new.after)
    elif isinstance(old, TargetTrigger) and isinstance(new, TargetTrigger):
        yield from if_differs("escalation-target-changed", f("target"), old.target, new.target,
                              subject)
        yield from _threshold(f("at"), subject, compare_numbers(old.at.value, new.at.value),
                              old.at, new.at)


def _expect(pair: Pair, site: Site, subject: str, old: Escalation, new: Escalation
            ) -> Iterator[Found]:
    was: Expect | None = old.expect
    now: Expect | None = new.expect
    if was is None and now is None:
        return
    if was is None or now is None:
        yield found("escalation-expect-added" if was is None else "escalation-expect-removed",
                    site, None if was is None else f"{_text_expect(was)}",
                    None if now is None else _text_expect(now), subject)
        return
    yield from ref_change("escalation", "expect-event", site.field("event"), pair, was.event,
                          now.event, subject)
    order = compare_durations(was.within, now.within)
    if order != "same":
        suffix = {"more": "loosened", "less": "tightened", "other": "changed"}[order]
        yield found(f"escalation-expect-{suffix}", site.field("within"), was.within, now.within,
                    subject)


def _text_expect(expect: Expect) -> str:
    return f"{text(expect.event)} within {expect.within}"
