"""Targets by id: scope, clock, objective, budgets, events, cadence windows, quality rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from slakit.changes.meaning import (
    compare_conditions,
    compare_durations,
    compare_numbers,
    compare_requirements,
    same_duration,
    terms,
    text,
)
from slakit.changes.sections.common import Pair, found, if_differs, matched, ref_change
from slakit.changes.site import Found, Site
from slakit.model import CadenceTarget, Duration, Pause, Percent, QualityTarget, ResponseTarget

AnyTarget = ResponseTarget | CadenceTarget | QualityTarget
_TIGHTER = {"less": "tightened", "more": "loosened", "other": "changed"}
"""A budget's order (head vs base) -> the code suffix: less time is a stronger promise."""


def compare_targets(pair: Pair) -> Iterator[Found]:
    """Targets matched by id, never by position."""
    root = Site.root("targets")
    for tid, bi, old, hi, new in matched(pair.base.targets, pair.head.targets, lambda t: t.id):
        site = root.entry(tid, bi, hi)
        subject = f"target {tid}"
        if old is None or new is None:
            yield found("target-added" if old is None else "target-removed", site,
                        None if old is None else f"{old.kind} target",
                        None if new is None else f"{new.kind} target", subject)
            continue
        yield from _common(site, subject, old, new)
        if old.kind != new.kind:
            yield found("target-kind-changed", site.field("kind"), old.kind, new.kind, subject)
        elif isinstance(old, ResponseTarget) and isinstance(new, ResponseTarget):
            yield from _response(pair, site, subject, old, new)
        elif isinstance(old, CadenceTarget) and isinstance(new, CadenceTarget):
            yield from _cadence(pair, site, subject, old, new)
        elif isinstance(old, QualityTarget) and isinstance(new, QualityTarget):
            yield from _quality(pair, site, subject, old, new)


def _common(site: Site, subject: str, old: AnyTarget, new: AnyTarget) -> Iterator[Found]:
    yield from if_differs("target-title-changed", site.field("title"), old.title, new.title,
                          subject)
    scope = compare_conditions(old.for_, new.for_)
    if scope != "same":
        suffix = {"more": "widened", "less": "narrowed", "other": "changed"}[scope]
        yield found(f"target-scope-{suffix}", site.field("for"), old.for_ or "all leads",
                    new.for_ or "all leads", subject)
    yield from if_differs("target-calendar-changed", site.field("calendar"),
                          old.calendar or "the lead's clock", new.calendar or "the lead's clock",
                          subject)
    yield from _objective(site.field("objective"), subject, old.objective, new.objective)


def _objective(site: Site, subject: str, old: Percent | None, new: Percent | None
               ) -> Iterator[Found]:
    if old is None and new is None:
        return
    if old is None or new is None:
        code = "target-objective-added" if old is None else "target-objective-removed"
        yield found(code, site, old, new, subject)
        return
    order = compare_numbers(old.value, new.value)
    if order != "same":
        code = "target-objective-raised" if order == "more" else "target-objective-lowered"
        yield found(code, site, old, new, subject)


def _budget(stem: str, site: Site, subject: str, old: Duration, new: Duration
            ) -> Iterator[Found]:
    order = compare_durations(old, new)
    if order != "same":
        yield found(f"{stem}-{_TIGHTER[order]}", site, old, new, subject)


def _pause(pair: Pair, site: Site, subject: str, old: Pause | None, new: Pause | None
           ) -> Iterator[Found]:
    if old is None and new is None:
        return
    if old is None or new is None:
        yield found("target-pause-added" if old is None else "target-pause-removed", site,
                    _pause_text(old), _pause_text(new), subject)
        return
    yield from ref_change("target", "pause-from", site.field("from"), pair, old.from_,
                          new.from_, subject)
    yield from ref_change("target", "pause-to", site.field("to"), pair, old.to, new.to, subject)


def _pause_text(pause: Pause | None) -> str | None:
    return None if pause is None else f"from {text(pause.from_)} to {text(pause.to)}"


def _warn(site: Site, subject: str, old: Percent | None, new: Percent | None) -> Iterator[Found]:
    yield from if_differs("target-warn-changed", site, old, new, subject)


def _response(pair: Pair, site: Site, subject: str, old: ResponseTarget, new: ResponseTarget
              ) -> Iterator[Found]:
    f = site.field
    yield from ref_change("target", "start", f("start"), pair, old.start, new.start, subject)
    yield from ref_change("target", "stop", f("stop"), pair, old.stop, new.stop, subject)
    yield from ref_change("target", "cancel", f("cancel"), pair, old.cancel, new.cancel, subject)
    yield from _pause(pair, f("pause"), subject, old.pause, new.pause)
    yield from _budget("target-budget", f("within"), subject, old.within, new.within)
    if old.after_hours is not None or new.after_hours is not None:
        # Without after_hours the day's budget applies at night too.
        yield from _budget("target-after-hours", f("after_hours"), subject,
                           old.after_hours or old.within, new.after_hours or new.within)
    yield from _warn(f("warn"), subject, old.warn, new.warn)


def _at_most(a: Duration | None, b: Duration | None) -> bool:
    """``a <= b`` as window bounds (None: the start, 0); False when the units cannot be
    ordered (clock time against business days)."""
    if a is None:
        return True
    if b is None:
        return False
    return compare_durations(a, b) in ("more", "same")


Window = tuple[Duration | None, Duration]


def _windows(schedule: Sequence[Duration]) -> list[Window]:
    """The cadence windows as (start, end): ``[0, s1]``, ``(s1, s2]``, ... (LANGUAGE.md)."""
    return list(zip([None, *schedule[:-1]], schedule, strict=True))


def _covers(outer: Window, inner: Window) -> bool:
    return _at_most(outer[0], inner[0]) and _at_most(inner[1], outer[1])


def _every_window_covers_one(covering: list[Window], covered: list[Window]) -> bool:
    """Whether each window of ``covering`` holds a whole window of ``covered``: then a lead
    with no window of ``covered`` missed has none of ``covering`` missed either (an attempt or
    ``until`` in the held window is in the one holding it)."""
    return all(any(_covers(c, w) for w in covered) for c in covering)


def _schedule(site: Site, subject: str, old: list[Duration], new: list[Duration]
              ) -> Iterator[Found]:
    if len(old) == len(new) and all(same_duration(a, b) for a, b in zip(old, new, strict=True)):
        return
    before, after = _windows(old), _windows(new)
    if _every_window_covers_one(after, before):  # whoever met the old windows meets the new
        code = ("target-schedule-window-removed" if len(new) < len(old) else
                "target-schedule-loosened")
    elif _every_window_covers_one(before, after):
        code = ("target-schedule-window-added" if len(new) > len(old) else
                "target-schedule-tightened")
    else:
        # A window end moved inward: one window shorter and the next longer, so an attempt
        # can change windows and a lead go from breached to met as well as back.
        code = "target-schedule-changed"
    yield found(code, site, old, new, subject)


def _cadence(pair: Pair, site: Site, subject: str, old: CadenceTarget, new: CadenceTarget
             ) -> Iterator[Found]:
    f = site.field
    yield from ref_change("target", "start", f("start"), pair, old.start, new.start, subject)
    yield from ref_change("target", "attempts", f("attempts"), pair, old.attempts, new.attempts,
                          subject)
    yield from ref_change("target", "until", f("until"), pair, old.until, new.until, subject)
    yield from _pause(pair, f("pause"), subject, old.pause, new.pause)
    yield from _schedule(f("schedule"), subject, old.schedule, new.schedule)
    yield from _warn(f("warn"), subject, old.warn, new.warn)


def _quality(pair: Pair, site: Site, subject: str, old: QualityTarget, new: QualityTarget
             ) -> Iterator[Found]:
    f = site.field
    yield from ref_change("target", "on", f("on"), pair, old.on, new.on, subject)
    yield from ref_change("target", "each", f("each"), pair,
                          None if old.each is None else [old.each],
                          None if new.each is None else [new.each], subject)
    order = compare_requirements(terms(old.require), terms(new.require))
    if order != "same":
        suffix = {"more": "tightened", "less": "loosened", "other": "changed"}[order]
        yield found(f"target-require-{suffix}", f("require"), old.require or None,
                    new.require or None, subject)
    allow = f("allow")
    for name in [*new.allow, *(k for k in old.allow if k not in new.allow)]:
        was, now = old.allow.get(name), new.allow.get(name)
        if was is not None and now is not None and set(was) == set(now):
            continue
        if was is None:
            code = "target-allow-narrowed"
        elif now is None or set(now) > set(was):
            code = "target-allow-widened"
        elif set(now) < set(was):
            code = "target-allow-narrowed"
        else:
            code = "target-allow-changed"
        yield found(code, allow.field(name), None if was is None else sorted(was),
                    None if now is None else sorted(now), f"{subject}, field {name}")
