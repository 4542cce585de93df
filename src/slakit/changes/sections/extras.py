"""``duplicates``, ``raci``, ``outcomes`` and ``report``: no promise moves, all ``changed``."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.changes.meaning import duration_key
from slakit.changes.sections.common import Pair, found, if_differs
from slakit.changes.sections.document import mapping_changes
from slakit.changes.site import Found, Site


def compare_duplicates(pair: Pair) -> Iterator[Found]:
    """Which leads are repeats of an earlier one."""
    b, h = pair.base.duplicates, pair.head.duplicates
    site = Site.root("duplicates")
    if b is None and h is None:
        return
    if b is None or h is None:
        yield found("duplicates-added" if b is None else "duplicates-removed", site,
                    None if b is None else f"{b.match} within {b.within}",
                    None if h is None else f"{h.match} within {h.within}", "")
        return
    yield from if_differs("duplicates-match-changed", site.field("match"), sorted(set(b.match)),
                          sorted(set(h.match)), "")
    if duration_key(b.within) != duration_key(h.within):
        yield found("duplicates-window-changed", site.field("within"), b.within, h.within, "")


def compare_raci(pair: Pair) -> Iterator[Found]:
    """Owners per target, role by role; ``consulted`` and ``informed`` as sets."""
    b, h = pair.base.raci, pair.head.raci
    for tid in [*h, *(t for t in b if t not in h)]:
        old, new = b.get(tid), h.get(tid)
        site = Site(f"raci.{tid}", None if old is None else ("raci", tid),
                    None if new is None else ("raci", tid))
        for key in ("responsible", "accountable", "consulted", "informed"):
            was = None if old is None else getattr(old, key)
            now = None if new is None else getattr(new, key)
            if isinstance(was, list) or isinstance(now, list):
                was = sorted(set(was or [])) or None
                now = sorted(set(now or [])) or None
            yield from if_differs("raci-owner-changed", site.field(key), was, now,
                                  f"target {tid}, {key}")


def compare_outcomes(pair: Pair) -> Iterator[Found]:
    """How outcome values are read and classified."""
    b, h = pair.base.outcomes, pair.head.outcomes
    site = Site.root("outcomes")
    code = "outcomes-changed"
    if b is None or h is None:
        if b is not h:
            yield found(code, site, None if b is None else b.field,
                        None if h is None else h.field, "outcomes")
        return
    yield from if_differs(code, site.field("field"), b.field, h.field, "field")
    yield from if_differs(code, site.field("reason"), b.reason, h.reason, "reason")
    yield from mapping_changes(code, site.field("values"), dict(b.values), dict(h.values),
                               "outcome value")


def compare_report(pair: Pair) -> Iterator[Found]:
    """Default segments, aging buckets, audience views."""
    b, h = pair.base.report, pair.head.report
    site = Site.root("report")
    yield from if_differs("report-segments-changed", site.field("by"), b.by or None,
                          h.by or None, "default segments")
    if [duration_key(d) for d in b.aging] != [duration_key(d) for d in h.aging]:
        yield found("report-aging-changed", site.field("aging"), b.aging or None,
                    h.aging or None, "aging buckets")
    yield from mapping_changes("report-views-changed", site.field("views"), dict(b.views),
                               dict(h.views), "view")
