"""``explain``: one lead's story from a document and its exports (the library behind
``slakit explain``)::

    from slakit.story import explain, FORMATS
    story = explain("consult.sla.yaml", ["march.csv"], "L-900010")
    print(FORMATS["text"].render(story, color=False))
"""

from __future__ import annotations

import difflib
import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from slakit import __version__
from slakit.checks import check_valid
from slakit.compile import compile_document
from slakit.engine.reference import default_as_of, explain_lead
from slakit.errors import Finding, UsageError
from slakit.evaluation import (
    Moment,
    instant_of,
    lead_window,
    paths,
    pseudonym,
    secret,
)
from slakit.loader import LoadedDocument, load
from slakit.reader import EventTable, read_events
from slakit.reader.accounting import MISSING_LEAD, RAGGED
from slakit.story.build import Privacy, Source, build
from slakit.story.model import Explanation, SkippedRow
from slakit.words import counted

SUGGESTIONS = 5
"""At most this many close lead ids are suggested for an unknown one."""


class UnknownLead(UsageError):
    """The input has no lead with that id (exit 2); ``suggestions`` are the closest ids."""

    def __init__(self, lead: str, suggestions: Sequence[str], skipped: int = 0) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        gone = (f" ({counted(skipped, 'row')} of the input "
                f"{'was' if skipped == 1 else 'were'} skipped, and a lead "
                "whose rows were all skipped is not in it: `slakit evaluate` lists them by file "
                "and row)") if skipped else ""
        super().__init__(f"no lead {lead!r} in the input{gone}{hint}")
        self.lead = lead
        self.suggestions = tuple(suggestions)


def explain(
    sla: str | Path | bytes | LoadedDocument,
    events: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    lead: str,
    *,
    as_of: Moment = None,
    lead_from: Moment = None,
    lead_to: Moment = None,
    show_pii: bool = False,
    pseudonym_key: bytes | str | None = None,
    stdin: BinaryIO | bytes | None = None,
) -> Explanation:
    """Return the story of lead ``lead`` as the reference engine judged it (``slakit.explain``;
    the command ``slakit explain --lead``)::

        story = slakit.explain("consult.sla.yaml", ["march.csv"], "L-900010")
        story.targets[0].sentence        # 'met: first_attempt at ...'
        slakit.story.FORMATS["text"].render(story)

    ``sla``, ``events``, ``as_of``, ``lead_from``, ``lead_to``, ``stdin`` and
    ``pseudonym_key`` are as ``slakit.evaluate`` takes them; ``show_pii=True`` shows the
    personal-data columns' values (never by default). With ``pseudonym_key``, ``lead`` may be
    the raw id or its pseudonym, and the story shows the pseudonym. Raises ``UnknownLead`` (with
    close matches) for an id the input lacks, ``UsageError`` for a lead whose first event comes
    after as-of, and what ``slakit.evaluate`` raises for a document or export that cannot be
    used.
    """
    if not isinstance(show_pii, bool):  # "false" from a config file is not a no
        raise UsageError(f"show_pii takes True or False; got {type(show_pii).__name__} "
                         f"{show_pii!r}")
    if isinstance(lead, int) and not isinstance(lead, bool):
        lead = str(lead)  # an id the export writes as digits
    if not isinstance(lead, str):
        raise UsageError(f"lead takes a lead id, like 'L-900010'; got {type(lead).__name__}")
    lead = lead.strip()  # as the export's cells are (LANGUAGE.md "Values"): a pasted id's spaces
    if not lead:
        raise UsageError("lead is empty: give a lead id, like 'L-900010'")
    loaded = load(sla)
    check_valid(loaded)
    doc = loaded.document
    compiled = compile_document(doc)
    formats = doc.source.timestamp_format
    now = instant_of(as_of, doc.timezone, "--as-of", formats)
    window = lead_window(lead_from, lead_to, doc.timezone, formats)
    key = secret(pseudonym_key)
    hashed = key if PSEUDONYM.fullmatch(lead) else None  # only a pseudonym is worth hashing for
    found: set[str] = set()

    def wanted(lead_id: str) -> bool:  # the lead typed: its raw id, or with a key its pseudonym
        if lead_id == lead or (hashed is not None and pseudonym(lead_id, hashed) == lead):
            found.add(lead_id)
            return True
        return False

    table = read_events(paths(events), compiled.read_spec(), stdin=stdin, watch=wanted)
    try:
        # The reader met the lead already (its id, once hashed); else find_lead suggests.
        raw = next((i for i in sorted(found) if _has(table, i)), None) or \
            find_lead(table, lead, key)
    except UnknownLead as e:
        if table.watched:  # every row of the lead was skipped: say which, and why
            raise AllRowsSkipped(lead, table.watched) from e
        raise
    now = default_as_of(table) if now is None else now
    try:
        story = explain_lead(compiled, table, raw, as_of=now, lead_from=window.lead_from,
                             lead_to=window.lead_to)
    except UsageError as e:
        raise UsageError(f"lead {lead!r} has no event at or before --as-of; its story starts "
                         "later (give a later --as-of)") from e
    privacy = Privacy(show_pii, (lambda i: pseudonym(i, key)) if key is not None else None)
    source = Source(doc.title or doc.name, loaded.sha256, __version__,
                    tuple(f.path for f in table.files),
                    tuple(SkippedRow(f.file, f.row, f.code, f.message) for f in table.watched),
                    unattributed(table), table.noted)
    return build(story, compiled, source, privacy)


class AllRowsSkipped(UsageError):
    """Every row of the lead was skipped by the reader (exit 2): the message lists them."""

    def __init__(self, lead: str, rows: Sequence[Finding]) -> None:
        listed = "".join(f"\n  {f.file}:{f.row}: {f.message}" for f in rows[:SHOWN_ROWS])
        more = f"\n  and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
        which = f"all {len(rows)} of its rows were" if len(rows) > 1 else "its one row was"
        super().__init__(f"lead {lead!r} has no usable row: {which} skipped{listed}{more}")


SHOWN_ROWS = 20
"""Skipped rows listed when every row of a lead was skipped."""

UNATTRIBUTED = frozenset((MISSING_LEAD, RAGGED))
"""Skip reasons whose rows name no lead (a record with the wrong number of fields is not
read at all)."""


def unattributed(table: EventTable) -> int:
    """Skipped rows of the input that name no lead (a summary finding counts its rows)."""
    return sum(f.count for f in table.findings if f.code in UNATTRIBUTED)


PSEUDONYM = re.compile(r"p-[0-9a-f]{16}")
"""What ``pseudonym`` writes: only such an id is looked up by hashing the lead ids."""


def _has(table: EventTable, lead: str) -> bool:
    i = bisect_left(table.lead_ids, lead)
    return i < len(table.lead_ids) and table.lead_ids[i] == lead


def find_lead(table: EventTable, lead: str, key: bytes | None = None) -> str:
    """Return the raw id of ``lead`` (a raw id, or with ``key`` also a pseudonym).

    Raises ``UnknownLead`` naming the closest ids (pseudonyms when ``key`` is given, so that
    a suggestion never reveals a raw id the user did not type).
    """
    ids = table.lead_ids
    if _has(table, lead):
        return lead
    hidden = {pseudonym(x, key): x for x in ids} if key is not None else {}
    if lead in hidden:
        return hidden[lead]
    scored = _close(lead, ids)
    if key is not None:
        # Shown as pseudonyms, whether the typed text was near a raw id or a pseudonym.
        scored = sorted([*((s, pseudonym(x, key)) for s, x in scored),
                         *_close(lead, list(hidden))], key=lambda sx: (-sx[0], sx[1]))
    close = list(dict.fromkeys(x for _, x in scored))[:SUGGESTIONS]
    raise UnknownLead(lead, close, table.skipped_rows)


def _close(word: str, candidates: Sequence[str]) -> list[tuple[float, str]]:
    """The candidates most like ``word`` (difflib ratio >= 0.6, or 0.5 for an id of up to
    three characters, where one wrong character is half of it; case aside: ``d1`` finds
    ``D1``, and only it when it is there), best first, then by id."""
    cutoff = 0.5 if len(word) <= 3 else 0.6
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word.casefold())
    scored = []
    for x in candidates:
        matcher.set_seq1(x.casefold())
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            score = matcher.ratio()
            if score >= cutoff:
                scored.append((score, x))
    scored.sort(key=lambda sx: (-sx[0], sx[1]))
    same = [sx for sx in scored if sx[0] == 1.0]  # the same id in another case
    return (same or scored)[:SUGGESTIONS]
