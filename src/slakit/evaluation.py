"""Run a document over event exports: load, compile, read, judge every lead, aggregate.

This is the library behind ``slakit evaluate`` (and ``diff --replay``, ``explain``)::

    import slakit
    result = slakit.evaluate("consult.sla.yaml", ["march.csv"])
    print(result.report.passed, [t.compliance for t in result.report.targets])
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import numbers
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa

from slakit import __version__, progress
from slakit.checks import check_valid
from slakit.compile import CompiledSla, compile_document
from slakit.engine.columnar.run import ColumnarOutput
from slakit.engine.results import EngineOutput, LeadResult
from slakit.errors import Finding, UsageError
from slakit.hints import closest
from slakit.loader import LoadedDocument, load
from slakit.memory import give_back
from slakit.reader import EventTable, read_events
from slakit.reader.clean import Cleaner
from slakit.reader.patterns import compile_patterns
from slakit.reader.timeparse import HI_US, IMPLAUSIBLE, LO_US, MAX_YEAR, MIN_YEAR, OK
from slakit.reader.tz import zone
from slakit.report.model import InputFile, InputSummary, Report, build_report
from slakit.words import counted

if TYPE_CHECKING:
    from slakit.report.charts.elapsed import ElapsedHistogram

ENGINES = ("columnar", "reference")
"""``evaluate(engine=...)`` and ``SLAKIT_ENGINE``: the fast engine (default) or the oracle."""


@dataclass(frozen=True)
class Evaluation:
    """The report and the per-lead results it was built from.

    ``leads`` are made on first use: the columnar engine keeps them as arrays until asked.
    """

    report: Report
    sla: CompiledSla
    loaded: LoadedDocument
    table: EventTable
    engine: str = "columnar"
    """The engine that judged the leads (``ENGINES``)."""
    _output: EngineOutput | ColumnarOutput | None = field(default=None, repr=False,
                                                          compare=False)
    _leads: list[LeadResult] | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        # Not the fields: the event table's cells hold personal data.
        return (f"Evaluation(sla={self.report.sla_name!r}, leads={self.report.input.leads}, "
                f"passed={self.report.passed}, engine={self.engine!r})")

    @cached_property
    def leads(self) -> list[LeadResult]:
        """One result per judged lead, sorted by lead id (pseudonymized when asked)."""
        if self._leads is not None:
            return self._leads
        assert self._output is not None
        return self._output.leads

    def sections(self, view: str | None = None) -> tuple[str, ...]:
        """The report sections ``view`` shows, in its order (every section without one)."""
        from slakit.report import ALL_SECTIONS

        if view is None:
            return ALL_SECTIONS
        if not isinstance(view, str):
            raise UsageError(f"view takes a view's name; got {type(view).__name__}")
        views = self.report.views
        if view not in views:
            raise UsageError(f"--view {view!r} is not defined; views: "
                             f"{', '.join(sorted(views))}")
        return views[view]

    def render(self, fmt: str = "text", *, view: str | None = None, color: bool = False) -> str:
        """The report as ``slakit evaluate -f FMT [--view NAME]`` prints it (``FORMATS``; ``csv``
        is the ``--results`` file, one row per lead and target)."""
        from slakit.report import FORMATS, RenderOptions

        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        chosen = FORMATS[fmt]
        extras = {need: _NEEDS[need](self) for need in chosen.needs}
        options = RenderOptions(sections=self.sections(view), color=color, **extras)
        return chosen.render(self.report, options)


def _histograms(result: Evaluation) -> tuple[ElapsedHistogram, ...]:
    from slakit.report.charts import elapsed_histograms

    return tuple(elapsed_histograms(result.loaded.document, result.leads))


_NEEDS: dict[str, Callable[[Evaluation], Any]] = {
    "histograms": _histograms,
    "leads": lambda result: result.leads,
    "document": lambda result: result.loaded,
}
"""How ``Evaluation.render`` fills each ``RenderOptions`` field a format ``needs``."""


def engine_name(engine: str | None = None) -> str:
    """The engine to use: ``engine``, else ``SLAKIT_ENGINE``, else ``columnar``."""
    name = engine or os.environ.get("SLAKIT_ENGINE") or "columnar"
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
    return name


def parse_instant(text: str, timezone: str, *, what: str = "--as-of",
                  formats: Sequence[str] = ()) -> int:  # fmt: skip
    """Read an ISO 8601 instant or date, or one written in ``formats`` (the document's
    ``source.timestamp_format``), as epoch microseconds (naive values in ``timezone``),
    exactly as the reader reads an export's timestamp cell (one parser for both)."""
    patterns = compile_patterns(()) + (compile_patterns(tuple(formats)) if formats else ())
    cleaner = Cleaner(("",), patterns, zone(timezone))
    ts, status, _ = cleaner.instants(pa.array([text], pa.string()), 1)
    if int(status[0]) == IMPLAUSIBLE:
        raise UsageError(
            f"{what} {text!r} is outside the years {MIN_YEAR}-{MAX_YEAR} that slakit reads")
    if int(status[0]) != OK:
        also = "".join(f" or {f!r}" for f in formats)
        raise UsageError(
            f"{what} {text!r} is not an ISO 8601 time{also}: write it like "
            "2026-03-31T23:59:00-04:00 or 2026-03-31")
    return int(ts[0])


def near_miss_events(sla: CompiledSla, table: EventTable) -> list[Finding]:
    """An ``unused-event`` warning for each event name of the export that no definition uses
    but that nearly spells one that is used (``LEAD_RECEIVED``, ``Lead Received``): a CRM's
    spelling that ``source.events`` should map, or the document's rows silently do nothing."""
    used = {e for m in sla.matchers() for e in m.events}
    if not used or not table.event_names:
        return []
    folded = {_fold(e): e for e in sorted(used)}
    # A source.events key spelt another way in the export (``Web form`` for ``Web Form``).
    renames = {_fold(raw): (raw, to) for raw, to in sorted(sla.document.source.events.items())
               if to in used}
    counts = np.bincount(np.asarray(table.event, dtype=np.int64),
                         minlength=len(table.event_names)).tolist()
    out = []
    for name, count in zip(table.event_names, counts, strict=True):
        if name in used or not count:
            continue
        if _fold(name) in renames:
            raw, to = renames[_fold(name)]
            hint = f"source.events maps {raw!r} to {to}, not this spelling: add {{{name!r}: {to}}}"
        else:
            near = folded.get(_fold(name))
            if near is not None:  # the same letters: another case or separator
                hint = f"did you mean {near!r}? Map it with source.events: {{{name!r}: {near}}}"
            else:
                close = closest(_fold(name), folded, cutoff=0.85)
                if close is None:
                    continue
                # Spelt alike is not the same event (O_CANCELLED, an offer's, is not cancelled)
                near = folded[close]
                hint = (f"it is spelt like {near!r}: if it is that event, map it with "
                        f"source.events: {{{name!r}: {near}}}; if not, ignore this")
        out.append(Finding("unused-event", "warning",
                           f"event {name!r} ({counted(count, 'row')}) is used by no "
                           f"definition; {hint}"))
    return out


FAR_AHEAD_US = 366 * 86_400_000_000
"""A latest timestamp this far past the one before it looks like a placeholder date."""


def far_ahead(table: EventTable, timezone: str) -> list[Finding]:
    """An ``as-of-far-ahead`` warning when the default as-of, the latest timestamp, is more than
    a year past every other one (a CRM's 2099-12-31 placeholder): every running clock is then
    judged at that date."""
    if len(table) < 2:
        return []
    ts = table.ts
    latest = int(ts.max())
    none = int(np.iinfo(np.int64).min)
    second = int(np.max(ts, where=ts < latest, initial=none))  # no copy of a 10M-row column
    if second == none or latest - second <= FAR_AHEAD_US:
        return []
    from slakit.report.numbers import instant

    zone = ZoneInfo(timezone)
    n = int(np.count_nonzero(ts == latest))
    return [Finding(
        "as-of-far-ahead", "warning",
        f"as-of is the latest timestamp, {instant(latest, zone)} ({counted(n, 'row')}), "
        f"more than a year after the one before it ({instant(second, zone)}): a "
        "placeholder date? Running clocks are judged at as-of; give --as-of")]


def _empty_window(table: EventTable, timezone: str) -> Finding:
    """The ``no-lead-in-window`` warning: ``--from``/``--to`` hold no lead's first event, so
    every target has no data, and no data passes the gate."""
    from slakit.report.numbers import instant

    zone = ZoneInfo(timezone)
    return Finding(
        "no-lead-in-window", "warning",
        "no lead's first event is in the --from/--to window, so no lead is judged: every "
        "target has no data, which passes the gate; the input's events run from "
        f"{instant(int(table.ts.min()), zone)} to {instant(int(table.ts.max()), zone)}")


def _fold(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


Moment = str | int | dt.date | None
"""``as_of``, ``lead_from``, ``lead_to``: text as the options take it, a ``datetime`` (naive:
in the document's zone) or ``date``, or epoch microseconds."""


def instant_of(value: Moment, timezone: str, what: str,
               formats: Sequence[str] = ()) -> int | None:  # fmt: skip
    """An option's instant: ``None``, epoch microseconds as given, a ``datetime``/``date``
    (read as its ISO text), or text in ISO 8601 or one of ``formats`` (``parse_instant``)."""
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy's int64 too, what a dataframe hands over
        if not LO_US <= value < HI_US:
            raise UsageError(f"{what} {value} (epoch microseconds) is outside the years "
                             f"{MIN_YEAR}-{MAX_YEAR} that slakit reads")
        return value
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        # In the document's zone; fold=1 (a repeated hour's second reading) as Python means it.
        value = value.replace(tzinfo=ZoneInfo(timezone))
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise UsageError(f"{what} takes a time (text, datetime, date or epoch microseconds); "
                         f"got {type(value).__name__} {value!r}")
    return parse_instant(value, timezone, what=what, formats=formats)


PERIODS = ("week", "month")
"""Trend granularities (``--period``)."""


def paths(events: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The exports as a list of paths: one path given alone is a list of one.

    Anything else is a ``UsageError`` that never quotes it: an open file or an export's text
    would otherwise be read as paths, line by line, and their rows (phones, emails) end up in
    the error.
    """
    if isinstance(events, str | os.PathLike):
        events = [events]
    elif (isinstance(events, bytes | bytearray) or hasattr(events, "read")
          or not isinstance(events, list | tuple | set | frozenset | Iterator)):
        raise UsageError(_not_paths(events))
    out = []
    for e in events:
        if not isinstance(e, str | os.PathLike) or (isinstance(e, str) and "\n" in e):
            raise UsageError(_not_paths(e))
        out.append(os.fspath(e))
    if not out:
        raise UsageError("no export given: events takes a path or a list of paths")
    return out


def fields(by: str | Sequence[str] | None) -> tuple[str, ...]:
    """``by`` as segment fields, each once (``None`` or none: the document's ``report.by``)."""
    given = () if by is None else (by,) if isinstance(by, str) else by
    if not isinstance(given, list | tuple) or not all(isinstance(f, str) for f in given):
        raise UsageError("by takes a field name or a list of field names, like ['channel']")
    names = [f.strip() for f in given]  # as the headers are read
    if "" in names:
        raise UsageError("by takes field names, and one is empty: name an attribute column, "
                         "like channel")
    return tuple(dict.fromkeys(names))


def _not_paths(value: object) -> str:
    kind = ("text" if isinstance(value, str) else "an open file" if hasattr(value, "read")
            else type(value).__name__)
    return (f"events takes a path or a list of paths, not {kind}: write an export's text to a "
            "file, or give '-' and the data through stdin (bytes)")


def share(value: numbers.Real | Decimal | str) -> Fraction:
    """``fail_under`` as a share of one: a number from 0 to 1 (``0.925``, exactly as written),
    or text as ``--fail-under`` takes it (``"92.5%"``, ``"92.5"``)."""
    if isinstance(value, str):
        return percentage(value, "fail_under")
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise UsageError(f"fail_under takes a share of one (0.925) or a percentage text "
                         f"('92.5%'); got {type(value).__name__} {value!r}")
    try:
        if isinstance(value, Fraction | Decimal):
            exact = Fraction(value)
        elif isinstance(value, numbers.Integral):
            exact = Fraction(int(value))
        else:  # a float (numpy's too) as written, 0.925, not its binary neighbour
            exact = Fraction(str(value))
    except (ValueError, OverflowError):  # nan, inf
        exact = Fraction(-1)
    if not 0 <= exact <= 1:
        raise UsageError(f"fail_under={value!r} is not a share of one, from 0 to 1: for "
                         "92.5% write 0.925 or '92.5%'")
    return exact


def percentage(text: str, what: str = "--fail-under") -> Fraction:
    """``--fail-under``: ``90``, ``92.5`` or ``92.5%``, exactly, as a share of one."""
    number = text.strip().removesuffix("%").strip()
    try:
        value = Fraction(number)
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if "/" in number or not 0 <= value <= 100:
        raise UsageError(f"{what} takes a percentage from 0 to 100, like 90 or 92.5%; "
                         f"got {text!r}")
    if 0 < value < 1 and not text.strip().endswith("%"):
        # 0.95 is far more likely a share meant as 95% than a gate of 0.95%: ask.
        meant = f"{float(value * 100):g}%"
        raise UsageError(f"{what} {text.strip()} would gate at {text.strip()}%: write "
                         f"{meant} for {meant}, or {text.strip()}% if a gate under 1% is meant")
    return value / 100


def secret(key: bytes | str | None) -> bytes | None:
    """A pseudonym key as bytes; an empty one is refused, as ``--pseudonymize`` refuses it:
    hashes under a key anyone can guess are no pseudonyms."""
    if key is None:
        return None
    data = key.encode("utf-8") if isinstance(key, str) else key
    if not isinstance(data, bytes) or not data:
        raise UsageError("pseudonym_key must be a non-empty secret (bytes or text): whoever "
                         "holds it can join the hashed ids back, and an empty one anyone can")
    return data


class Window(NamedTuple):
    """``--from``/``--to`` as instants (``None``: open on that side)."""

    lead_from: int | None
    lead_to: int | None


def lead_window(lead_from: Moment, lead_to: Moment,
                timezone: str, formats: Sequence[str] = ()) -> Window:  # fmt: skip
    """``--from``/``--to`` as instants; a window that holds no instant is bad usage."""
    lo = instant_of(lead_from, timezone, "--from", formats)
    hi = instant_of(lead_to, timezone, "--to", formats)
    if lo is not None and hi is not None and lo >= hi:
        raise UsageError(f"--from {lead_from} is not before --to {lead_to}: leads are judged "
                         "when their first event is at or after --from and before --to")
    return Window(lo, hi)


def evaluate(
    sla: str | Path | bytes | LoadedDocument,
    events: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    as_of: Moment = None,
    lead_from: Moment = None,
    lead_to: Moment = None,
    by: str | Sequence[str] | None = (),
    period: str = "week",
    fail_under: numbers.Real | Decimal | str | None = None,
    stdin: BinaryIO | bytes | None = None,
    pseudonym_key: bytes | str | None = None,
    engine: str | None = None,
) -> Evaluation:
    """Evaluate ``sla`` on the event exports ``events`` and return the typed report
    (``slakit.evaluate``; the command ``slakit evaluate``)::

        result = slakit.evaluate("consult.sla.yaml", ["march.csv"], as_of="2026-03-31")
        for target in result.report.targets:
            print(target.id, target.compliance, target.passed)
        result.report.to_dict()          # the JSON report
        result.render("markdown")        # any -f format

    ``sla`` is a path, the document's text or bytes, or ``slakit.load``'s result.
    ``events`` is a path or a list of paths (``-`` reads ``stdin``: bytes or a binary
    stream; the process's standard input when not given). ``as_of`` defaults to
    the latest timestamp in the input (never the wall clock); ``lead_from``/``lead_to`` judge
    only leads whose first event is in ``[from, to)``. Each takes text as the options do, a
    ``datetime`` (naive: in the document's zone), a ``date`` or epoch microseconds. ``by``
    replaces ``report.by``; ``period`` is ``week`` or ``month``; ``fail_under`` overrides
    every objective (a share of one, ``0.925``, or text, ``"92.5%"``). ``pseudonym_key``
    replaces every lead id by a keyed hash (``pseudonym``). ``engine`` picks ``columnar``
    (default, or ``SLAKIT_ENGINE``) or ``reference``: both give identical results.
    Raises ``DocumentError`` for an invalid document, ``InputError``/``UsageError`` when it
    cannot run.
    """
    by = fields(by)
    if period not in PERIODS:
        raise UsageError(f"--period takes week or month; got {period!r}")
    gate = None if fail_under is None else share(fail_under)
    key = secret(pseudonym_key)
    files = paths(events)
    loaded = load(sla)
    check_valid(loaded)
    doc = loaded.document
    compiled = compile_document(doc, by=by)
    formats = doc.source.timestamp_format  # --as-of 03/31/2026 as the export writes times
    now = instant_of(as_of, doc.timezone, "--as-of", formats)  # usage errors before reading
    window = lead_window(lead_from, lead_to, doc.timezone, formats)
    with _system_memory_pool():
        table = read_events(files, compiled.read_spec(), stdin=stdin)
    give_back()
    if now is not None and len(table) and int(table.ts.min()) > now:
        from slakit.report.numbers import instant

        zone = ZoneInfo(doc.timezone)
        raise UsageError(
            f"no usable row: every row that could be used ({counted(len(table), 'row')}) is "
            f"after --as-of "
            f"{instant(now, zone)} (the earliest is at {instant(int(table.ts.min()), zone)}); "
            "give a later --as-of")

    name = engine_name(engine)
    leads_read = len(table.lead_ids)
    progress.step(f"judging {counted(leads_read, 'lead', thousands=True)}")
    output: EngineOutput | ColumnarOutput
    if name == "reference":
        from slakit.engine.reference import run

        output = run(compiled, table, as_of=now, lead_from=window.lead_from,
                     lead_to=window.lead_to)
    else:
        from slakit.engine.columnar import run_columns

        output = run_columns(compiled, table, as_of=now, lead_from=window.lead_from,
                             lead_to=window.lead_to)
    give_back()
    progress.step("writing the report")
    findings = [*table.findings, *near_miss_events(compiled, table),
                *([] if now is not None else far_ahead(table, doc.timezone)), *output.findings]
    judged = len(output.columns.judged) if isinstance(output, ColumnarOutput) else \
        len(output.leads)
    if not judged and window != Window(None, None):
        findings.append(_empty_window(table, doc.timezone))
    leads: list[LeadResult] | None = None
    if key is not None:
        leads, findings = _pseudonymize(output.leads, findings, key)
    after = output.after_as_of_rows
    summary = InputSummary(
        files=tuple(InputFile(f.path, f.sha256) for f in table.files),
        rows=table.rows,
        used_rows=table.rows - table.skipped_rows - table.duplicate_rows - after,
        skipped_rows=table.skipped_rows,
        duplicate_rows=table.duplicate_rows,
        after_as_of_rows=after,
        leads=judged,
    )
    columns = output.columns if isinstance(output, ColumnarOutput) and leads is None else None
    report = build_report(
        doc,
        leads if leads is not None else (() if columns is not None else output.leads),
        as_of=output.as_of,
        input_summary=summary,
        findings=findings,
        sla_sha256=loaded.sha256,
        version=__version__,
        environment={"holidays": _holidays_version()},
        by=list(by) or None,
        period=period,
        fail_under=gate,
        age_bucket=compiled.age_bucket if hasattr(compiled, "age_bucket") else None,
        columns=columns,
    )
    return Evaluation(report, compiled, loaded, table, name, output, leads)


def _holidays_version() -> str:
    """The installed ``holidays`` version (its attribute: importlib.metadata costs ~50 ms)."""
    import holidays

    return str(getattr(holidays, "__version__", "unknown"))


@contextmanager
def _system_memory_pool() -> Iterator[None]:
    """Let Arrow allocate from malloc while reading, so memory it frees serves numpy too.

    Arrow's default (mimalloc) pool keeps what it frees for itself: with numpy's arrays on
    the other heap, the peak RSS of a 1M-event read was about 60 MiB higher. An explicit
    ``ARROW_DEFAULT_MEMORY_POOL`` is respected.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        yield
        return
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def pseudonym(lead_id: str, key: bytes) -> str:
    """A keyed hash of a lead id (HMAC-SHA256, 16 hex digits), joinable by the key holder."""
    return "p-" + hmac.new(key, lead_id.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _pseudonymize(
    leads: list[LeadResult], findings: list[Finding], key: bytes
) -> tuple[list[LeadResult], list[Finding]]:
    def hide(lead: LeadResult) -> LeadResult:
        own = pseudonym(lead.lead_id, key)
        if lead.duplicate_of is None:
            return replace(lead, lead_id=own)
        original = pseudonym(lead.duplicate_of, key)
        # A duplicate's details name its original ("duplicate of L-1: ..."), as explain scrubs.
        targets = tuple(replace(t, detail=t.detail.replace(lead.duplicate_of, original))
                        for t in lead.targets)
        return replace(lead, lead_id=own, duplicate_of=original, targets=targets)

    hidden = [hide(lead) for lead in leads]
    hidden.sort(key=lambda lead: lead.lead_id)
    masked = [replace(f, lead_id=pseudonym(f.lead_id, key)) if f.lead_id else f for f in findings]
    return hidden, masked
