"""Find the columns the document needs in each input: a column no input has is an error, and
so is a file without a required column (lead id, event, timestamp)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from slakit.errors import Finding, InputError
from slakit.model.document import REQUIRED_COLUMNS
from slakit.reader.rows import Plan
from slakit.reader.sources import Source
from slakit.reader.spec import ReadSpec

_SHOWN_HEADERS = 40


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.casefold())


def did_you_mean(header: str, found: list[str]) -> list[str]:
    """Return headers close to `header`: same letters and digits first, then those holding
    it as a word (``Phone Number`` for ``phone``), then difflib's."""
    same = [h for h in found if _norm(h) == _norm(header) and h != header]
    words = set(re.findall(r"[a-z0-9]+", header.casefold()))
    same += [h for h in found if words and words <= set(re.findall(r"[a-z0-9]+", h.casefold()))
             and h != header]
    close = difflib.get_close_matches(header, found, n=3, cutoff=0.6)
    lowered = {h.casefold(): h for h in found}
    close += [lowered[c] for c in difflib.get_close_matches(header.casefold(), list(lowered), n=3)]
    return list(dict.fromkeys(same + close))[:3]


def _wanted(spec: ReadSpec) -> list[tuple[str, str]]:
    """Return (what, header) pairs in a stable order; `what` names the need in messages."""
    out = [("lead_id", spec.header("lead_id"))]
    if spec.shape == "wide":
        out += [(f"milestone {ev}", h) for ev, h in spec.milestones.items()]
    else:
        out += [("event", spec.header("event")), ("timestamp", spec.header("timestamp"))]
    out += [(f"attribute {a}", spec.header(a)) for a in spec.attributes]
    return out


def plan_columns(sources: list[Source], spec: ReadSpec) -> list[Plan | None]:
    """Return each source's `Plan` (None for an empty source), adding per-file findings.

    Raises InputError when a needed column is in no input, or when every input is empty.
    """
    with_header = [s for s in sources if s.header is not None]
    if not with_header:
        raise InputError("no usable row: every input is empty")
    wanted = _wanted(spec)
    missing = [
        (what, h) for what, h in wanted if not any(h in (s.header or []) for s in with_header)
    ]
    if missing:
        found = list(dict.fromkeys(h for s in with_header for h in (s.header or [])))
        raise InputError(_missing_message(missing, found, mapped=spec.columns))
    plans: list[Plan | None] = []
    for src in sources:
        if src.header is None:
            plans.append(None)
            continue
        lacking = _required_missing(wanted, src.header, spec.shape == "wide")
        if lacking:
            # Every row of this file would be skipped, and the gate judged on the others.
            raise InputError(_missing_message(lacking, src.header, "is not in this file",
                                              mapped=spec.columns) +
                             " Or leave the file out.", file=src.path)
        first: dict[str, int] = {}
        repeats: dict[str, int] = {}
        for i, h in enumerate(src.header):
            if h in first:
                repeats[h] = repeats.get(h, 1) + 1
            else:
                first[h] = i
        reported: set[str] = set()
        named = all(map(_name_like, src.header))
        for what, h in wanted:
            if h not in first:
                hint = did_you_mean(h, src.header) if named else []
                mean = f" (did you mean {' or '.join(map(repr, hint))}?)" if hint else ""
                why = "" if named else " (its first row does not look like column names: no " \
                    "header row?)"
                src.findings.append(
                    Finding(
                        "missing-column",
                        "warning",
                        f"column {h!r} ({what}) is not in this file{mean}{why}; its cells are "
                        "read as empty",
                        file=src.path,
                    )
                )
            elif h in repeats and h not in reported:
                reported.add(h)
                src.findings.append(
                    Finding(
                        "repeated-header",
                        "warning",
                        f"header {h!r} appears {repeats[h]} times; column {first[h] + 1} "
                        "(the first) is read",
                        file=src.path,
                        row=1,
                    )
                )
        plans.append(
            Plan(
                lead=first.get(spec.header("lead_id")),
                event=None if spec.shape == "wide" else first.get(spec.header("event")),
                timestamp=None if spec.shape == "wide" else first.get(spec.header("timestamp")),
                attrs={a: first.get(spec.header(a)) for a in spec.attributes},
                milestones=(
                    {ev: first.get(h) for ev, h in spec.milestones.items()}
                    if spec.shape == "wide"
                    else {}
                ),
                milestone_headers=dict(spec.milestones) if spec.shape == "wide" else {},
                timestamp_header=spec.header("timestamp"),
            )
        )
    return plans


def _required_missing(wanted: list[tuple[str, str]], header: list[str],
                      wide: bool) -> list[tuple[str, str]]:  # fmt: skip
    """The required columns a file lacks: lead id, event and timestamp (wide: the lead id,
    and every milestone when it has none)."""
    has = set(header)
    lacking = [(what, h) for what, h in wanted
               if what in REQUIRED_COLUMNS and h not in has]
    milestones = [(what, h) for what, h in wanted if what.startswith("milestone")]
    if wide and milestones and not any(h in has for _, h in milestones):
        lacking += milestones
    return lacking


def _missing_message(missing: list[tuple[str, str]], found: list[str],
                     where: str = "is in no input file",
                     mapped: Mapping[str, str] | None = None) -> str:  # fmt: skip
    """What is missing, with a did-you-mean among the headers found and the canonical names
    ``source.columns`` maps onto them (``regoin`` -> ``region``, read from ``Region Name``)."""
    ending = " or source.milestones." if any(w.startswith("milestone") for w, _ in missing) \
        else "."
    if not all(map(_name_like, found)):
        # No header row, or text in the wrong encoding: these "headers" may be a record's
        # cells, names and phones included, so none is shown, nor offered as a did-you-mean.
        wanted = "; ".join(f"column {h!r} ({what}) {where}" for what, h in missing)
        return (f"{wanted}. The first row does not look like column names: it holds values "
                "(a date, a phone or an email), or text read in the wrong encoding. The export "
                "needs a header row naming its columns (check source.encoding); map names "
                "with source.columns" + ending)
    present = set(found)
    names = {name: header for name, header in (mapped or {}).items()
             if header in present and name not in present}
    parts = []
    for what, h in missing:
        hint = did_you_mean(h, [*found, *names])
        said = [f"{x!r} (read from {names[x]!r})" if x in names else repr(x) for x in hint]
        mean = f"; did you mean {' or '.join(said)}?" if hint else ""
        parts.append(f"column {h!r} ({what}) {where}{mean}")
    shown = ", ".join(repr(h) for h in found[:_SHOWN_HEADERS])
    more = f" and {len(found) - _SHOWN_HEADERS} more" if len(found) > _SHOWN_HEADERS else ""
    stop = "" if parts[-1].endswith("?") else "."
    return "; ".join(parts) + f"{stop} Headers found: {shown}{more}. Map names with " \
        "source.columns" + ending


_DATA = re.compile(r"@|(?:\d\D{0,2}){7}|\b(?:19|20|21)\d\d\b|\b\d{1,2}:\d\d\b"
                   r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d\d\b")
"""An email, seven digits (a phone, a date with its time), a year, a time of day or a date
with a two-digit year (``03/05/26``): a value, not a column name. A record always has its
time, so a file without a header row is caught."""


def _name_like(cell: str) -> bool:
    """A column name, as far as one can tell: short, printable Latin text, not a value."""
    return (len(cell) <= 64 and cell.isprintable() and all(ord(c) <= 0x24F for c in cell)
            and _DATA.search(cell) is None)
