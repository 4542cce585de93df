"""How the export is read: a wide export needs its milestones, only a wide one reads them, and
``source.columns`` runs from the canonical name to the file's header."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.model import Document
from slakit.model.document import REQUIRED_COLUMNS


@check("wide-without-milestones", "error")
def wide_without_milestones(doc: Document) -> Iterator[Issue]:
    """``source.shape: wide`` without ``source.milestones``.

    A wide export has one row per lead and one timestamp column per milestone; without
    ``milestones`` (event name -> timestamp column header) it has no events at all. Add them:
    ``milestones: {lead_received: Created Date, call_attempt: First Call Date}``.
    """
    if doc.source.shape == "wide" and not doc.source.milestones:
        yield Issue(("source", "shape"), "a wide export needs source.milestones (event name -> "
                    "timestamp column header), e.g. milestones: {lead_received: Created Date}")


@check("milestones-without-wide", "warning")
def milestones_without_wide(doc: Document) -> Iterator[Issue]:
    """``source.milestones`` in a document that does not say ``source.shape: wide``.

    Milestones are read only from a wide export (one row per lead); an event-per-row export
    takes its events from the ``event`` column, so these lines do nothing. Add
    ``shape: wide``, or remove ``milestones``.
    """
    if doc.source.shape != "wide" and doc.source.milestones:
        yield Issue(("source", "milestones"), "milestones are read only from a wide export: add "
                    "shape: wide to source, or remove milestones", key=True)


@check("columns-reversed", "error")
def columns_reversed(doc: Document) -> Iterator[Issue]:
    """``source.columns`` written the wrong way round: file header -> canonical name.

    Each entry maps a canonical name to the file's header, ``{lead_id: Lead ID}``; an entry
    whose value is ``lead_id``, ``event`` or ``timestamp`` and whose key is not a canonical
    name (``{"Lead ID": lead_id}``) reads a column called "lead_id", which the export does not
    have. Swap key and value.
    """
    for key, value in doc.source.columns.items():
        if value in REQUIRED_COLUMNS and key not in REQUIRED_COLUMNS:
            yield Issue(("source", "columns", key), f"{key!r}: {value} is the wrong way round: "
                        f"source.columns maps the canonical name to the file's header; write "
                        f"{value}: {key}", key=True)


CHECKS = (wide_without_milestones, milestones_without_wide, columns_reversed)
