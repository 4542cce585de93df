"""The document's own fields and ``source``: all ``changed``, they move no promise by themselves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from slakit.changes.sections.common import Pair, if_differs
from slakit.changes.site import Found, Site


def compare_meta(pair: Pair) -> Iterator[Found]:
    """``name``, ``title``, ``owner``, ``timezone``."""
    b, h = pair.base, pair.head
    yield from if_differs("name-changed", Site.root("name"), b.name, h.name, "")
    yield from if_differs("title-changed", Site.root("title"), b.title, h.title, "")
    yield from if_differs("owner-changed", Site.root("owner"), b.owner, h.owner, "")
    yield from if_differs("timezone-changed", Site.root("timezone"), b.timezone, h.timezone, "")


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
