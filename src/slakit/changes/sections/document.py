"""The document's own fields and ``source``: all ``changed``, they move no promise by themselves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from slakit.changes.sections.common import Pair, found, if_differs
from slakit.changes.site import Found, Site


def compare_meta(pair: Pair) -> Iterator[Found]:
    """``name``, ``title``, ``owner``, ``timezone``."""
    b, h = pair.base, pair.head
    yield from if_differs("name-changed", Site.root("name"), b.name, h.name, "")
    yield from if_differs("title-changed", Site.root("title"), b.title, h.title, "")
    yield from if_differs("owner-changed", Site.root("owner"), b.owner, h.owner, "")
    if b.timezone != h.timezone:
        change = found("timezone-changed", Site.root("timezone"), b.timezone, h.timezone, "")
        moved = _zone_followers(pair)
        yield replace(change, message=f"{change.message}: {moved}") if moved else change


def _zone_followers(pair: Pair) -> str:
    """What moves with the document's zone: its calendars without their own ``timezone`` (in
    both versions), whose hours are then another instant, and naive timestamps unless
    ``source.timezone`` says otherwise."""
    names = [n for n, c in pair.head.calendars.items()
             if c.timezone is None and n in pair.base.calendars
             and pair.base.calendars[n].timezone is None]
    moved = [f"{'calendars' if len(names) > 1 else 'calendar'} {', '.join(names)} keep"
             f"{'' if len(names) > 1 else 's'} {'their' if len(names) > 1 else 'its'} hours in "
             "the new zone"] if names else []
    if pair.base.source.timezone is None and pair.head.source.timezone is None:
        moved.append("naive timestamps are read in it too")
    return "; ".join(moved)


def mapping_changes(
    code: str, site: Site, base: Mapping[str, object], head: Mapping[str, object], subject: str
) -> Iterator[Found]:
    """One change per key added, removed or given another value."""
    for key in [*head, *(k for k in base if k not in head)]:
        old, new = base.get(key), head.get(key)
        yield from if_differs(code, site.field(key), old, new, subject)


def compare_source(pair: Pair) -> Iterator[Found]:
    """How the export is read: column and event mappings, formats, milestones, PII columns."""
    b, h = pair.base.source, pair.head.source
    site = Site.root("source")
    yield from mapping_changes("source-columns-changed", site.field("columns"), b.columns,
                               h.columns, "column mapping")
    yield from mapping_changes("source-events-changed", site.field("events"), b.events, h.events,
                               "raw event renaming")
    yield from mapping_changes("source-milestones-changed", site.field("milestones"),
                               b.milestones, h.milestones, "milestone column")
    fmt = "source-format-changed"
    yield from if_differs(fmt, site.field("timestamp_format"), b.timestamp_format or None,
                          h.timestamp_format or None, "timestamp formats (tried in order)")
    if b.timezone is not None or h.timezone is not None:
        old = b.timezone or pair.base.timezone
        new = h.timezone or pair.head.timezone
        yield from if_differs(fmt, site.field("timezone"), old, new, "zone of naive timestamps")
    yield from if_differs(fmt, site.field("nulls"), sorted(set(b.nulls)), sorted(set(h.nulls)),
                          "cells read as empty")
    for key in ("delimiter", "encoding", "order", "shape"):
        yield from if_differs(fmt, site.field(key), getattr(b, key), getattr(h, key), key)
    yield from if_differs("source-pii-changed", site.field("pii"), sorted(set(b.pii)) or None,
                          sorted(set(h.pii)) or None, "personal-data columns")
