"""Replay: evaluate both versions on the same export, as of the same instant, lead by lead.

    >>> impacts = replay(base, head, ["march.csv"])  # doctest: +SKIP
    >>> [(i.target, i.old_compliance, i.new_compliance, i.changed_leads) for i in impacts]

Both sides use one ``--as-of``: the given one, else the latest timestamp either side read.
``--as-of``, ``--from`` and ``--to`` are read once, in the base document's zone.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from slakit.changes.sides import load_side
from slakit.engine.results import Status
from slakit.evaluation import Evaluation, Moment, evaluate, instant_of, lead_window, paths
from slakit.loader import LoadedDocument
from slakit.report.numbers import compliance

EXAMPLES = 10
"""How many lead ids each target shows among those whose status changed."""

ABSENT = "absent"
"""The status of a lead on a side whose document has no such target (or no such lead)."""

SegmentKey = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SegmentImpact:
    """One segment (``--by``) of a target, before and after."""

    key: SegmentKey
    """``(field, value)`` pairs; an empty value is ``""``."""
    old_compliance: Fraction | None
    new_compliance: Fraction | None


@dataclass(frozen=True)
class TargetImpact:
    """What the change did to one target on the replayed export."""

    target: str
    """The target's id."""
    in_base: bool
    in_head: bool
    old_compliance: Fraction | None
    """met / (met + breached) under the base document, exact; ``None``: nothing judged."""
    new_compliance: Fraction | None
    old_judged: int
    """met + breached under the base document."""
    new_judged: int
    changed_leads: int
    """Leads whose status for this target differs between the two versions."""
    examples: tuple[str, ...]
    """Up to ``EXAMPLES`` of those lead ids, sorted."""
    transitions: tuple[tuple[str, str, int], ...]
    """``(old status, new status, leads)``, most frequent first (``absent``: no such target)."""
    segments: tuple[SegmentImpact, ...] = ()
    """Per ``--by`` segment, when segments were asked for."""

    @property
    def delta_points(self) -> Fraction | None:
        """Compliance change in percentage points (``None`` when either side has no data)."""
        if self.old_compliance is None or self.new_compliance is None:
            return None
        return (self.new_compliance - self.old_compliance) * 100


@dataclass(frozen=True)
class Replay:
    """Both evaluations' comparison, target by target."""

    as_of: int
    """The instant both sides were judged at (epoch microseconds)."""
    timezone: str
    """The base document's zone, for showing ``as_of``."""
    leads: int
    """Leads judged on either side."""
    targets: tuple[TargetImpact, ...]
    """Head targets in head order, then targets only the base has."""


def replay(
    base: str | os.PathLike[str] | bytes | LoadedDocument,
    head: str | os.PathLike[str] | bytes | LoadedDocument,
    events: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    as_of: Moment = None,
    lead_from: Moment = None,
    lead_to: Moment = None,
    by: Sequence[str] = (),
    stdin: bytes | None = None,
) -> list[TargetImpact]:
    """Evaluate both documents on ``events`` and compare every target's results. Each side is
    what ``slakit.diff`` takes: a path, ``REV:PATH``, a document's text or ``slakit.load``'s
    result."""
    return list(replay_report(base, head, events, as_of=as_of, lead_from=lead_from,
                              lead_to=lead_to, by=by, stdin=stdin).targets)


def replay_report(
    base: str | os.PathLike[str] | bytes | LoadedDocument,
    head: str | os.PathLike[str] | bytes | LoadedDocument,
    events: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    as_of: Moment = None,
    lead_from: Moment = None,
    lead_to: Moment = None,
    by: Sequence[str] = (),
    stdin: bytes | None = None,
    pseudonym_key: bytes | None = None,
) -> Replay:
    """Like ``replay``, with the shared as-of and the lead count."""
    # A loaded side (the command's) is checked by each evaluation: no third pass of the checks.
    base = base if isinstance(base, LoadedDocument) else load_side(base, "base")
    head = head if isinstance(head, LoadedDocument) else load_side(head, "head")
    zone, formats = base.document.timezone, base.document.source.timestamp_format
    files = paths(events)
    window = lead_window(lead_from, lead_to, zone, formats)  # usage errors quote the text given
    now = instant_of(as_of, zone, "--as-of", formats)

    def run(loaded: LoadedDocument, at: int | None) -> Evaluation:
        return evaluate(loaded, files, as_of=at, lead_from=window.lead_from,
                        lead_to=window.lead_to, by=by,
                        stdin=None if stdin is None else io.BytesIO(stdin),
                        pseudonym_key=pseudonym_key)

    old, new = run(base, now), run(head, now)
    if now is None and old.report.as_of != new.report.as_of:
        # Each side read the input its own way; judge both at the later of their latest rows.
        shared = max(old.report.as_of, new.report.as_of)
        old = old if old.report.as_of == shared else run(base, shared)
        new = new if new.report.as_of == shared else run(head, shared)
    ids = [t.id for t in head.document.targets]
    ids += [t.id for t in base.document.targets if t.id not in ids]
    impacts = tuple(_impact(tid, old, new, bool(by)) for tid in ids)
    lead_ids = {lead.lead_id for lead in old.leads} | {lead.lead_id for lead in new.leads}
    return Replay(old.report.as_of, zone, len(lead_ids), impacts)


def _statuses(evaluation: Evaluation, target: str) -> dict[str, Status]:
    return {
        lead.lead_id: r.status
        for lead in evaluation.leads
        for r in lead.targets
        if r.target == target
    }


def _compliance(statuses: dict[str, Status]) -> tuple[Fraction | None, int]:
    counts = Counter(statuses.values())
    return compliance(counts["met"], counts["breached"]), counts["met"] + counts["breached"]


def _impact(target: str, old: Evaluation, new: Evaluation, segmented: bool) -> TargetImpact:
    in_base = any(t.id == target for t in old.loaded.document.targets)
    in_head = any(t.id == target for t in new.loaded.document.targets)
    before, after = _statuses(old, target), _statuses(new, target)
    changed = sorted(
        lead for lead in set(before) | set(after)
        if before.get(lead, ABSENT) != after.get(lead, ABSENT)
    )
    moves = Counter((before.get(lead, ABSENT), after.get(lead, ABSENT)) for lead in changed)
    old_share, old_judged = _compliance(before)
    new_share, new_judged = _compliance(after)
    return TargetImpact(
        target=target,
        in_base=in_base,
        in_head=in_head,
        old_compliance=old_share,
        new_compliance=new_share,
        old_judged=old_judged,
        new_judged=new_judged,
        changed_leads=len(changed),
        examples=tuple(changed[:EXAMPLES]),
        transitions=tuple(
            (a, b, n) for (a, b), n in sorted(moves.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        segments=_segments(target, old, new) if segmented else (),
    )


def _segments(target: str, old: Evaluation, new: Evaluation) -> tuple[SegmentImpact, ...]:
    def rows(evaluation: Evaluation) -> dict[SegmentKey, Fraction | None]:
        for summary in evaluation.report.targets:
            if summary.id == target:
                return {s.key: s.compliance for s in summary.segments}
        return {}

    before, after = rows(old), rows(new)
    keys = sorted(set(before) | set(after))
    return tuple(SegmentImpact(k, before.get(k), after.get(k)) for k in keys)

