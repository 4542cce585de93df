"""References: names of calendars, targets and definitions that must exist, or be used."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.checks.walk import TWENTY_FOUR_SEVEN, references
from slakit.hints import closest, suggest
from slakit.model import Document, InlineDefinition, TargetTrigger


@check("undefined-calendar", "error")
def undefined_calendar(doc: Document) -> Iterator[Issue]:
    """A routing rule or a target names a calendar that is not defined.

    Every ``calendar:`` must name an entry of ``calendars`` or the built-in ``24x7``. Define
    the calendar, or fix the name (the message suggests the closest one).
    """
    known = [*doc.calendars, TWENTY_FOUR_SEVEN]
    uses: list[tuple[tuple[str | int, ...], str]] = []
    if doc.routing is not None:
        uses += [(("routing", "rules", i, "calendar"), rule.calendar)
                 for i, rule in enumerate(doc.routing.rules)]
    uses += [(("targets", i, "calendar"), t.calendar)
             for i, t in enumerate(doc.targets) if t.calendar is not None]
    for path, name in uses:
        if name not in known:
            yield Issue(path, f"calendar {name!r} is not defined{suggest(name, known)}: add it "
                        "under 'calendars', or use 24x7")


@check("undefined-target", "error")
def undefined_target(doc: Document) -> Iterator[Issue]:
    """An escalation's ``when: {target: ...}`` names no target id.

    The trigger watches a target's clock, so the id must be one of ``targets``.
    """
    ids = [t.id for t in doc.targets]
    for i, escalation in enumerate(doc.escalations):
        trigger = escalation.when
        if isinstance(trigger, TargetTrigger) and trigger.target not in ids:
            yield Issue(("escalations", i, "when", "target"),
                        f"no target has id {trigger.target!r}{suggest(trigger.target, ids)}: "
                        "name one of the targets' ids")


@check("raci-unknown-target", "error")
def raci_unknown_target(doc: Document) -> Iterator[Issue]:
    """A ``raci`` entry is keyed by something that is not a target id.

    ``raci`` maps target ids to owners; an entry for a renamed or removed target would never
    be shown. Rename the key to the target's id, or remove the entry.
    """
    ids = [t.id for t in doc.targets]
    for key in doc.raci:
        if key not in ids:
            yield Issue(("raci", key), f"raci entry {key!r} names no target{suggest(key, ids)}: "
                        "key raci by target id", key=True)


def _raw_events(doc: Document) -> set[str]:
    """Event names the document itself says exist."""
    events = {e for d in doc.definitions.values() for e in d.event}
    events |= set(doc.source.events.values()) | set(doc.source.milestones)
    for use in references(doc):
        if isinstance(use.ref, InlineDefinition):
            events.update(use.ref.event)
    return events


@check("undefined-definition", "error")
def undefined_definition(doc: Document) -> Iterator[Issue]:
    """A reference looks like a misspelt definition (this includes ``stages`` entries).

    A name that is no definition is read as a raw event of that name (``start: assigned``), so
    a typo silently watches an event that never comes. slakit flags a name that is neither a
    definition nor an event the document mentions elsewhere (in a definition's ``event``,
    ``source.events`` or ``source.milestones``) but is close to a definition's name (another
    case, ``-`` for ``_``, two neighbouring letters swapped, or alike by ``difflib`` at 0.8).
    Fix the spelling; if you do mean the raw event, write it inline: ``{event: first_atempt}``.
    """
    definitions = list(doc.definitions)
    if not definitions:
        return
    raw = _raw_events(doc)
    folded = {d.casefold().replace("-", "_"): d for d in definitions}
    for use in references(doc):
        name = use.ref
        if not isinstance(name, str) or name in doc.definitions or name in raw:
            continue
        close = folded.get(name.casefold().replace("-", "_")) or \
            closest(name, definitions, cutoff=0.8)
        if close is not None:
            yield Issue(use.path, f"{name!r} names no definition (did you mean {close!r}?); as "
                        f"written it waits for a raw event {name!r}: fix the name, or write "
                        f"{{event: {name}}} if you mean that raw event")


@check("unused-definition", "warning")
def unused_definition(doc: Document) -> Iterator[Issue]:
    """A definition is never referenced.

    It has no effect: a target, escalation, ``stages``, ``closed`` or ``routing.check`` must
    name it. Remove it, or use it (often it is a target's ``stop`` spelt differently).
    """
    used = {use.ref for use in references(doc) if isinstance(use.ref, str)}
    for name in doc.definitions:
        if name not in used:
            yield Issue(("definitions", name), f"definition {name!r} is never used: remove it, "
                        "or name it in a target, an escalation, stages or closed", key=True)


CHECKS = (undefined_calendar, undefined_target, raci_unknown_target, undefined_definition,
          unused_definition)
