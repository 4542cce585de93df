"""Section tables shared by the text and Markdown formats: headers and rows of plain strings.

Each section is one function returning ``Table``s; ``SECTIONS`` maps view names to them, so
a format renders any view by walking the names it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from zoneinfo import ZoneInfo

from slakit.engine.results import Status
from slakit.report.model import Report, period_of
from slakit.report.numbers import instant, minutes, percent_pair, percent_text
from slakit.words import counted


@dataclass(frozen=True)
class Table:
    """A titled table of text cells; ``status`` column values get colored by the text format."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    stack_last: bool = False
    """Narrow formats (text) may show the last column under the first, as a second line."""
    keys: int = 1
    """The leading columns that name a row (a period, a segment's fields): a table split for
    width repeats them in every part."""
    optional: tuple[str, ...] = ()
    """Headers of columns a fixed-width format (text) leaves out, in this order, as far as the
    table would not fit otherwise (the other formats have room)."""
    fold_stacked: bool = False
    """Text: fold the stacked lines within the first column's width (set when keeping them
    whole would push the numbers past the page)."""


def _min(us: int | None) -> str:
    value = minutes(us)
    return "" if value is None else f"{value:.1f}"


def _pass(passed: bool, compliance_text: str, has_objective: bool = True) -> str:
    if not has_objective:
        return "-"
    if compliance_text == "no data":
        return "PASS (no data)"
    return "PASS" if passed else "FAIL"


def _open(counts: Mapping[Status, int]) -> str:
    """Clocks still running, with how many are at risk when some are: ``23``, ``2 (1)``."""
    running = counts["pending"] + counts["at_risk"]
    return f"{running} ({counts['at_risk']})" if counts["at_risk"] else str(running)


def owners_text(owners: Mapping[str, str]) -> str:
    """``A sales-director · R inside-sales``: the accountable and responsible owners."""
    return " · ".join(f"{role[0].upper()} {owners[role]}" for role in ("accountable", "responsible")
                     if owners.get(role))


def targets(report: Report) -> list[Table]:
    """One row per target: verdict, compliance against objective, counts, elapsed, owners (a
    column only when some target has one: a document without raci has none)."""
    owned = any(t.owners for t in report.targets)
    rows: list[tuple[str, ...]] = []
    for t in report.targets:
        share, goal = percent_pair(t.compliance, t.objective, most=60)
        rows.append((
            t.id,
            _pass(t.passed, share, t.objective is not None),
            share,
            goal if t.objective is not None else "-",
            str(t.counts["met"]),
            str(t.counts["breached"]),
            _open(t.counts),
            str(t.counts["cancelled"] + t.counts["not_applicable"] + t.counts["duplicate"]),
            _min(t.elapsed_p50),
            _min(t.elapsed_p90),
            _min(t.elapsed_max),
            *((owners_text(t.owners),) if owned else ()),
        ))
    headers = ("target", "result", "compliance", "goal", "met", "breached", "open", "other",
               "p50", "p90", "max", *(("owners",) if owned else ()))
    note = ("goal = objective; open = still running (at risk among them); other = cancelled, "
            "not applicable or duplicate: in no share; p50/p90/max in clock minutes of stopped "
            "clocks" + ("; owners: A accountable, R responsible" if owned else ""))
    tables = [Table("Targets", headers, tuple(rows), note=note, stack_last=owned,
                    optional=("max", "other"))]
    for t in report.targets:
        if t.missing_fields or t.disallowed_values:
            detail = [(f"missing {k}", str(v)) for k, v in t.missing_fields.items()]
            detail += [
                (f"{fld} = {value or '(empty)'}", str(n))
                for fld, values in t.disallowed_values.items()
                for value, n in values.items()
            ]
            note = "" if t.events_checked is None else \
                f"{t.events_offending} of {t.events_checked} events checked failed"
            tables.append(Table(f"{t.id}: what failed", ("problem", "count"), tuple(detail),
                                note=note))
    return tables


def segments(report: Report) -> list[Table]:
    """Compliance per segment of every target (``report.by`` / ``--by``)."""
    if not report.by:
        return []
    tables = []
    for t in report.targets:
        # A segment whose clocks all still run has no compliance yet, but its leads are shown.
        rows = tuple(
            (*(v or "(empty)" for _, v in s.key), str(s.counts["met"]),
             str(s.counts["breached"]), str(open_), percent_text(s.compliance))
            for s in t.segments
            if s.counts["met"] + s.counts["breached"] + (
                open_ := s.counts["pending"] + s.counts["at_risk"])
        )
        if rows:
            tables.append(Table(f"{t.id} by {' x '.join(report.by)}",
                                (*report.by, "met", "breached", "open", "compliance"), rows,
                                note="open = still running (pending + at risk)",
                                keys=len(report.by)))
    return tables


def trend(report: Report) -> list[Table]:
    """Compliance per ISO week (or month) of the clock's start, per target."""
    periods = sorted({r.period for t in report.targets for r in t.trend})
    if not periods:
        return []
    by_target = {t.id: {r.period: r for r in t.trend} for t in report.targets if t.trend}
    rows = tuple(
        (p, *(percent_text(by_target[t][p].compliance) if p in by_target[t] else ""
              for t in by_target))
        for p in periods
    )
    return [Table(f"Trend by {report.period}", ("period", *by_target), rows,
                  note=partial_period(report, periods[-1]))]


def partial_period(report: Report, last: str) -> str:
    """A note when the last period runs past as-of: its leads have had less time."""
    if period_of(report.as_of, ZoneInfo(report.timezone), report.period) != last:
        return ""
    at = instant(report.as_of, ZoneInfo(report.timezone))
    return f"the last {report.period}, {last}, is not over at as-of ({at}): its leads have had " \
        "less time"


TOP_LOST_REASONS = 10
"""Lost reasons listed, most frequent first (the HTML chart shows as many)."""


def outcomes(report: Report) -> list[Table]:
    """Won / open / lost with shares, and the top lost reasons (as many as the HTML chart)."""
    mix = report.outcomes_overall
    if mix is None:
        return []
    total = sum(mix.values.values())

    def share_of(n: int) -> str:
        return percent_text(Fraction(n, total) if total else None)

    rows = [(name, str(n), share_of(n))
            for name, n in (("won", mix.won), ("open", mix.open), ("lost", mix.lost))]
    if mix.unmapped > 0:
        rows.append(("not mapped", str(mix.unmapped), share_of(mix.unmapped)))
    tables = [Table("Outcomes", ("outcome", "leads", "share"), tuple(rows),
                    note=f"{counted(total, 'lead')} with an outcome")]
    if mix.lost_reasons:
        top = list(mix.lost_reasons.items())[:TOP_LOST_REASONS]
        more = len(mix.lost_reasons) - len(top)
        tables.append(Table("Top lost reasons", ("reason", "leads"),
                            tuple((k, str(v)) for k, v in top),
                            note=f"and {more} more reasons" if more else ""))
    if report.by and report.outcomes_segments:
        rows_by = tuple(
            (*(v or "(empty)" for _, v in key), str(m.won), str(m.open), str(m.lost),
             next(iter(m.lost_reasons), ""))
            for key, m in report.outcomes_segments
            if m.won + m.open + m.lost
        )
        if rows_by:
            tables.append(Table(f"Outcomes by {' x '.join(report.by)}",
                                (*report.by, "won", "open", "lost", "top lost reason"), rows_by,
                                keys=len(report.by)))
    return tables


def aging(report: Report) -> list[Table]:
    """Open leads by age on their clock, per team and per segment, with the oldest lead
    ids."""
    if not report.aging_buckets:
        return []
    rows = tuple(
        (a.team or "(no team)", *(str(c) for c in a.counts), ", ".join(a.oldest))
        for a in report.aging
    )
    tables = [Table("Aging of open leads", ("team", *report.aging_buckets, "oldest"), rows)]
    if report.aging_segments:
        by = tuple(f for f, _ in report.aging_segments[0].key)
        tables.append(Table(
            f"Aging of open leads by {' x '.join(by)}",
            (*by, *report.aging_buckets, "oldest"),
            tuple((*(v or "(empty)" for _, v in a.key), *(str(c) for c in a.counts),
                   ", ".join(a.oldest)) for a in report.aging_segments),
            keys=len(by)))
    return tables


def routing(report: Report) -> list[Table]:
    """Routing accuracy and the misrouted leads."""
    if not report.has_routing_check:
        return []
    head = Table(
        "Routing",
        ("checked", "matched", "accuracy"),
        ((str(report.routing_checked), str(report.routing_matched),
          percent_text(report.routing_accuracy)),),
    )
    if not report.misrouted:
        return [head]
    shown = report.misrouted[:20]
    more = len(report.misrouted) - len(shown)
    return [head, Table(
        "Misrouted leads",
        ("lead", "expected team", "assigned team"),
        tuple((m.lead_id, m.expected, m.actual) for m in shown),
        note=f"and {more} more" if more else "",
    )]


def stages(report: Report) -> list[Table]:
    """Clock time between stages, and which stage consumed most of each breach."""
    if not report.stages:
        return []
    rows = tuple(
        (f"{s.from_stage} → {s.to_stage}", _min(s.p50), _min(s.p90), str(s.breaches_attributed))
        for s in report.stages
    )
    note = ("p50/p90: clock minutes since the previous stage reached; breaches: target "
            "breaches in which this stage took most of the clock time")
    tables = [Table("Stages (clock minutes)", ("stage", "p50", "p90", "breaches"), rows,
                    note=note)]
    order = {s: i for i, s in enumerate(report.stages)}
    by_segment = tuple(
        (*(v or "(empty)" for _, v in g.key), f"{s.from_stage} → {s.to_stage}", _min(g.p50),
         _min(g.p90), str(g.breaches_attributed))
        for g, s in sorted(((g, s) for s in report.stages for g in s.segments),
                           key=lambda gs: (gs[0].key, order[gs[1]]))
    )  # segment by segment, each in stage order
    if report.by and by_segment:
        tables.append(Table(f"Stages by {' x '.join(report.by)} (clock minutes)",
                            (*report.by, "stage", "p50", "p90", "breaches"),
                            by_segment, note=note, keys=len(report.by) + 1))
    return tables


def escalations(report: Report) -> list[Table]:
    """Escalations fired, and whether those due for judging were actioned in time."""
    if not report.escalations:
        return []
    rows = tuple(
        (e.id, e.action, str(e.fired), str(e.due_for_judging), str(e.actioned),
         percent_text(None if not e.due_for_judging else Fraction(e.actioned, e.due_for_judging)))
        for e in report.escalations
    )
    return [Table("Escalations", ("escalation", "action", "fired", "due", "actioned",
                                  "actioned share"), rows)]


def findings(report: Report) -> list[Table]:
    """Data findings grouped by code: total and the first 20 examples."""
    summary = Table(
        "Data",
        ("rows", "used", "skipped", "duplicate rows", "after as-of", "leads"),
        ((str(report.input.rows), str(report.input.used_rows), str(report.input.skipped_rows),
          str(report.input.duplicate_rows), str(report.input.after_as_of_rows),
          str(report.input.leads)),),
    )
    tables = [summary]
    for g in report.findings:
        shown = g.examples[:20]
        rows = tuple(
            (f"{f.file}:{f.row}" if f.file and f.row else f.file or f.lead_id, f.message)
            for f in shown
        )
        more = g.total - len(shown)
        tables.append(Table(f"{g.code} ({g.level}, {g.total})", ("where", "message"), rows,
                            note=f"and {more} more" if more else ""))
    return tables


SECTIONS: dict[str, Callable[[Report], list[Table]]] = {
    "targets": targets,
    "segments": segments,
    "outcomes": outcomes,
    "aging": aging,
    "trend": trend,
    "routing": routing,
    "stages": stages,
    "escalations": escalations,
    "findings": findings,
}
