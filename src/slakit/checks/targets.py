"""Targets: clocks that can run, quality checks that check something, owners."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.checks.walk import (
    TWENTY_FOUR_SEVEN,
    is_daytime,
    quality_targets,
    shared_at,
    shown,
    target_clocks,
)
from slakit.model import AnyTarget, CadenceTarget, Document, ResponseTarget, RoutingRule


@check("start-is-stop", "warning")
def start_is_stop(doc: Document) -> Iterator[Issue]:
    """A target's ``start`` is also its ``stop`` (or, for a cadence, its ``until``).

    The clock stops the moment it starts: every lead is met at 0 minutes (a cadence is
    excused at once), so the target measures nothing. Usually ``stop`` should name the next
    step (``first_attempt`` after ``lead_received``).
    """
    for i, target in enumerate(doc.targets):
        if isinstance(target, ResponseTarget):
            both = shared_at(target.start, target.stop)
            if both is not None:
                yield Issue(("targets", i, "stop", both[1]), f"{shown(both[0])} is both start "
                            f"and stop of target {target.id!r}: the clock can never run; stop on "
                            "the next step instead")
        elif isinstance(target, CadenceTarget):
            both = shared_at(target.start, target.until)
            if both is not None:
                yield Issue(("targets", i, "until", both[1]), f"{shown(both[0])} is both start "
                            f"and until of target {target.id!r}: every window is excused at once; "
                            "remove it from until")


@check("start-is-cancel", "warning")
def start_is_cancel(doc: Document) -> Iterator[Issue]:
    """A response target's ``start`` is also its ``cancel``.

    A cancel at the start counts at once, so every lead would be ``cancelled``. Cancel on what
    makes the follow-up unnecessary (``resolved``), not on what starts it.
    """
    for i, target in enumerate(doc.targets):
        if isinstance(target, ResponseTarget):
            both = shared_at(target.start, target.cancel)
            if both is not None:
                yield Issue(("targets", i, "cancel", both[1]), f"{shown(both[0])} is both start "
                            f"and cancel of target {target.id!r}: every lead would be cancelled")


@check("pause-never-lasts", "warning")
def pause_never_lasts(doc: Document) -> Iterator[Issue]:
    """A ``pause`` has the same reference in ``from`` and ``to``.

    The pause ends at the event that begins it, so the clock never stops. ``to`` should name
    what resumes the work (``review_done`` after ``review_requested``).
    """
    for i, target in enumerate(doc.targets):
        pause = getattr(target, "pause", None)
        if pause is not None:
            both = shared_at(pause.from_, pause.to)
            if both is not None:
                yield Issue(("targets", i, "pause", "to", both[1]), f"{shown(both[0])} both "
                            "begins and ends "
                            "the pause, so the clock never pauses: let 'to' name what resumes "
                            "the work")


@check("quality-without-subject", "error")
def quality_without_subject(doc: Document) -> Iterator[Issue]:
    """A quality target has neither ``on`` nor ``each``.

    A quality target checks the lead's fields ``on`` one event (``on: resolved``) or every
    event matching ``each`` (``each: {event: sms_sent}``). Add one of them.
    """
    for i, target in quality_targets(doc):
        if target.on is None and target.each is None:
            yield Issue(("targets", i, "id"), f"quality target {target.id!r} checks nothing: add "
                        "on: (check at one event) or each: (check every matching event)")


@check("quality-on-and-each", "error")
def quality_on_and_each(doc: Document) -> Iterator[Issue]:
    """A quality target has both ``on`` and ``each``.

    They are two kinds of check (once at an event, or at every matching event); which one is
    meant is unclear. Keep one, or split the target in two.
    """
    for i, target in quality_targets(doc):
        if target.on is not None and target.each is not None:
            yield Issue(("targets", i, "each"), f"quality target {target.id!r} has both on and "
                        "each: keep one, or split it into two targets")


@check("allow-without-each", "error")
def allow_without_each(doc: Document) -> Iterator[Issue]:
    """A quality target has ``allow`` but no ``each``.

    ``allow`` limits the values of fields on every event matching ``each`` (approved
    templates on each message); with ``on`` it would be ignored. Use ``each``, or express the
    rule with ``require``.
    """
    for i, target in quality_targets(doc):
        if target.allow and target.each is None:
            yield Issue(("targets", i, "allow"), "allow applies to the events matching each: "
                        "add each: {event: ...}, or use require with on")


@check("quality-checks-nothing", "warning")
def quality_checks_nothing(doc: Document) -> Iterator[Issue]:
    """A quality target has neither ``require`` nor ``allow``.

    Every lead would be met. Add ``require`` (fields that must be filled) or ``allow`` (values
    fields may take).
    """
    for i, target in quality_targets(doc):
        if not target.require and not target.allow and (target.on or target.each):
            yield Issue(("targets", i, "id"), f"quality target {target.id!r} has no require and "
                        "no allow, so every lead is met: add require: [field, ...]")


@check("after-hours-never-applies", "warning")
def after_hours_never_applies(doc: Document) -> Iterator[Issue]:
    """``after_hours`` is set on a target whose clock is always ``24x7``.

    A start is after hours only on a calendar with closed times; on ``24x7`` no start ever is,
    so the budget is never used. Remove it, or give the target (or its leads' routing) a
    calendar with hours.
    """
    for i, target in enumerate(doc.targets):
        if (
            isinstance(target, ResponseTarget)
            and target.after_hours is not None
            and all(c == TWENTY_FOUR_SEVEN for c in target_clocks(doc, target))
        ):
            yield Issue(("targets", i, "after_hours"), f"target {target.id!r} runs on 24x7, "
                        "where no start is after hours: remove after_hours or use a calendar "
                        "with hours")


Conditions = dict[str, list[str]]


def _both(a: Conditions, b: Conditions) -> Conditions | None:
    """Return the conditions a lead satisfying both ``a`` and ``b`` meets, or None if none can."""
    merged = {f: sorted(set(a[f]) & set(b[f])) if f in b else a[f] for f in a}
    merged.update({f: values for f, values in b.items() if f not in a})
    return None if any(not values for values in merged.values()) else merged


def _covers(earlier: Conditions, leads: Conditions) -> bool:
    """True when every lead meeting ``leads`` also meets ``earlier``."""
    return all(f in leads and set(leads[f]) <= set(v) for f, v in earlier.items())


def _routed(doc: Document, target: AnyTarget) -> Iterator[RoutingRule]:
    """Yield the rules that can route some lead of ``target`` (first match wins)."""
    rules = doc.routing.rules if doc.routing is not None else []
    for j, rule in enumerate(rules):
        leads = _both(target.for_, rule.when)
        if leads is not None and not any(_covers(e.when, leads) for e in rules[:j]):
            yield rule


@check("daytime-team-24x7-target", "warning")
def daytime_team_24x7_target(doc: Document) -> Iterator[Issue]:
    """A target runs on ``24x7`` for leads routed to a team with daytime hours.

    The "24/7 promise, daytime staff" pitfall: the budget keeps running at night and on
    weekends while nobody works, so leads that arrive at 18:00 breach before the team is
    back. Drop ``calendar: 24x7`` (the target then runs on each lead's routed calendar), or
    staff the team around the clock.
    """
    if doc.routing is None:
        return
    for i, target in enumerate(doc.targets):
        if target.calendar != TWENTY_FOUR_SEVEN:
            continue
        for rule in _routed(doc, target):
            if is_daytime(doc, rule.calendar):
                yield Issue(("targets", i, "calendar"), f"target {target.id!r} runs on 24x7, but "
                            f"rule {rule.name!r} routes its leads to {rule.team!r} on "
                            f"{rule.calendar!r}, which is not open around the clock: the budget "
                            "runs while nobody works; drop 'calendar: 24x7' or staff the team")
                break


@check("missing-accountable", "warning")
def missing_accountable(doc: Document) -> Iterator[Issue]:
    """``raci`` is used, but a target has no accountable owner.

    Once a document names owners, every target should have one person or team who answers for
    it. Add ``raci: {target-id: {accountable: ...}}``.
    """
    if not doc.raci:
        return
    for i, target in enumerate(doc.targets):
        entry = doc.raci.get(target.id)
        if entry is None:
            yield Issue(("targets", i, "id"), f"target {target.id!r} has no raci entry: add "
                        f"raci: {{{target.id}: {{accountable: ...}}}}")
        elif not entry.accountable:
            yield Issue(("raci", target.id), f"target {target.id!r} has no accountable owner: "
                        "add accountable: to its raci entry", key=True)


CHECKS = (start_is_stop, start_is_cancel, pause_never_lasts, quality_without_subject,
          quality_on_and_each, allow_without_each, quality_checks_nothing,
          after_hours_never_applies, daytime_team_24x7_target, missing_accountable)
