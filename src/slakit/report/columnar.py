"""``build_report``'s fast path: the same aggregates, computed on the columnar engine's arrays.

Every function here equals its counterpart in ``slakit.report.model`` applied to the
materialized ``LeadResult``s (``tests/columnar`` renders both to the same bytes); it just never
makes one object per lead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from slakit.engine.columnar.columns import CODE, LeadColumns, TargetColumns
from slakit.engine.columnar.frame import NONE
from slakit.engine.results import STATUSES, Status
from slakit.errors import Finding
from slakit.model import Document, ref_name
from slakit.report.model import (
    AgingRow,
    AgingSegment,
    EscalationSummary,
    InputSummary,
    K,
    Misroute,
    OutcomeMix,
    Report,
    SegmentRow,
    StageSummary,
    TargetSummary,
    TrendRow,
    aging_labels,
    assemble_report,
    group_findings,
    stage_segments,
)

I64 = NDArray[np.int64]
MET, BREACHED = CODE["met"], CODE["breached"]


def nearest_rank_sorted(ordered: I64, pct: int) -> int | None:
    """``numbers.nearest_rank`` of values already sorted."""
    if not ordered.size:
        return None
    rank = max(1, math.ceil(pct * int(ordered.size) / 100))
    return int(ordered[rank - 1])


class Effective:
    """A target's arrays over the judged leads, with the ``given`` results written in."""

    def __init__(self, tc: TargetColumns, judged: NDArray[np.intp]) -> None:
        status, started, stopped = tc.status, tc.started, tc.stopped
        elapsed, stage = tc.elapsed, tc.breach_stage
        if tc.given:
            status, started, stopped = status.copy(), started.copy(), stopped.copy()
            elapsed, stage = elapsed.copy(), stage.copy()
            for k, r in tc.given.items():
                status[k] = CODE[r.status]
                started[k] = NONE if r.started_at is None else r.started_at
                stopped[k] = NONE if r.stopped_at is None else r.stopped_at
                elapsed[k] = NONE if r.elapsed_us is None else r.elapsed_us
                stage[k] = r.breach_stage
        if judged.size != status.size:  # --from/--to: only the judged leads
            status, started, stopped = status[judged], started[judged], stopped[judged]
            elapsed, stage = elapsed[judged], stage[judged]
        self.status = status
        self.started = started
        self.stopped = stopped
        self.elapsed = elapsed
        self.breach_stage = stage
        given = tc.given
        self.results = []
        """The ``given`` results of ``judged`` leads, in lead order."""
        if given:
            inside = np.zeros(tc.status.size, dtype=np.bool_)
            inside[judged] = True
            self.results = [given[k] for k in sorted(given) if inside[k]]

    def counts(self, mask: NDArray[np.bool_] | None = None) -> dict[Status, int]:
        """Leads per status."""
        status = self.status if mask is None else self.status[mask]
        tally = np.bincount(status.astype(np.intp), minlength=len(STATUSES)).tolist()
        return {s: int(tally[i]) for i, s in enumerate(STATUSES)}


def segment_codes(cols: LeadColumns, by: Sequence[str]) -> tuple[I64, list[tuple[tuple[str, str],
                                                                                 ...]]]:
    """Per judged lead: the index of its segment key, and the keys (unsorted)."""
    judged = cols.judged
    if not by:
        return np.zeros(judged.size, dtype=np.int64), [()]
    fast = _segment_codes_from_dictionary(cols, by)
    if fast is not None:
        return fast
    combined = np.zeros(judged.size, dtype=np.int64)
    tables = []
    for name in by:
        values = cols.attribute_values.get(name)
        raw = values[judged] if values is not None else np.full(judged.size, None, object)
        text = np.where(raw == None, "", raw).astype(str)  # noqa: E711
        uniq, inverse = np.unique(text, return_inverse=True)
        combined = combined * len(uniq) + inverse
        tables.append(uniq.tolist())
    keys, code = np.unique(combined, return_inverse=True)
    out = []
    for key in keys.tolist():
        parts = []
        for name, table in zip(reversed(by), reversed(tables), strict=True):
            key, i = divmod(key, len(table))
            parts.append((name, table[i]))
        out.append(tuple(reversed(parts)))
    return code.astype(np.int64), out


def _segment_codes_from_dictionary(
    cols: LeadColumns, by: Sequence[str]
) -> tuple[I64, list[tuple[tuple[str, str], ...]]] | None:
    """``segment_codes`` from the attributes' dictionary codes (None: fall back to strings)."""
    judged = cols.judged
    combined = np.zeros(judged.size, dtype=np.int64)
    tables = []
    size = 1
    for name in by:
        coded = cols.attribute_codes.get(name)
        codes, values = coded if coded is not None else (None, [])
        size *= len(values) + 1
        if size >= 1 << 62:
            return None
        part = codes[judged].astype(np.int64) + 1 if codes is not None else \
            np.zeros(judged.size, dtype=np.int64)
        combined = combined * (len(values) + 1) + part
        tables.append(["", *values])
    keys, code = np.unique(combined, return_inverse=True)
    out = []
    for key in keys.tolist():
        parts = []
        for name, table in zip(reversed(by), reversed(tables), strict=True):
            key, i = divmod(key, len(table))
            parts.append((name, table[i]))
        out.append(tuple(reversed(parts)))
    if len(set(out)) != len(out):
        return None  # two codes of one value: group by the strings
    return code.astype(np.int64), out


def period_codes(us: I64, zone: ZoneInfo, period: str) -> tuple[I64, list[str]]:
    """``period_of`` for many instants: per instant an index into the labels (ISO weeks or
    months in ``zone``, ascending)."""
    if not us.size:
        return np.zeros(0, dtype=np.int64), []
    secs = us // 1_000_000
    lo, hi = int(secs.min()), int(secs.max())
    first = dt.datetime.fromtimestamp(lo, tz=dt.UTC).astimezone(zone).date() - dt.timedelta(1)
    last = dt.datetime.fromtimestamp(hi, tz=dt.UTC).astimezone(zone).date() + dt.timedelta(1)
    starts, labels = [], []
    day = first
    while day <= last:
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=zone)
        starts.append(int(midnight.timestamp()))
        if period == "month":
            labels.append(f"{day.year:04d}-{day.month:02d}")
        else:
            year, week, _ = day.isocalendar()
            labels.append(f"{year:04d}-W{week:02d}")
        day += dt.timedelta(1)
    names = sorted(set(labels))  # "2026-W09" and "2026-03" sort as time does
    code = {name: i for i, name in enumerate(names)}
    day_code = np.array([code[label] for label in labels], dtype=np.int64)
    index = np.searchsorted(np.array(starts, dtype=np.int64), secs, side="right") - 1
    return day_code[index], names


def target_numbers(
    cols: LeadColumns, t: int, by: Sequence[str], zone: ZoneInfo, period: str,
    segments_of: tuple[I64, list[tuple[tuple[str, str], ...]]] | None = None,
) -> tuple[dict[Status, int], list[int | None], Counter[str], dict[str, Counter[str]],
           list[tuple[tuple[tuple[str, str], ...], dict[Status, int]]],
           dict[str, Counter[str]]]:
    """Counts, elapsed p50/p90/max, missing fields, disallowed values, segment counts and
    trend counts of one target (what ``_summarise_target`` folds from the leads)."""
    eff = Effective(cols.targets[t], cols.judged)
    counts = eff.counts()
    judged = (eff.status == MET) | (eff.status == BREACHED)
    stopped = np.sort(eff.elapsed[judged & (eff.stopped != NONE) & (eff.elapsed != NONE)])
    elapsed = [nearest_rank_sorted(stopped, 50), nearest_rank_sorted(stopped, 90),
               int(stopped[-1]) if stopped.size else None]
    missing: Counter[str] = Counter(m for r in eff.results for m in r.missing)
    disallowed: dict[str, Counter[str]] = defaultdict(Counter)
    for r in eff.results:
        for fld, value in r.disallowed:
            disallowed[fld][value] += 1
    segments = []
    if by:
        code, keys = segments_of if segments_of is not None else segment_codes(cols, by)
        width = len(STATUSES)
        tally = np.bincount(code * width + eff.status.astype(np.int64),
                            minlength=len(keys) * width).reshape(len(keys), width)
        for i, key in enumerate(keys):
            row = tally[i].tolist()
            if sum(row):
                segments.append((key, {s: int(row[n]) for n, s in enumerate(STATUSES)}))
    trend: dict[str, Counter[str]] = defaultdict(Counter)
    has = judged & (eff.started != NONE)
    period_of, names = period_codes(eff.started[has], zone, period)
    width = len(STATUSES)
    per_period = np.bincount(period_of * width + eff.status[has].astype(np.int64),
                             minlength=len(names) * width).reshape(len(names), width)
    for name, row in zip(names, per_period.tolist(), strict=True):
        if any(row):
            trend[name] = Counter({STATUSES[n]: c for n, c in enumerate(row) if c})
    return counts, elapsed, missing, disallowed, segments, trend


def _is_none(values: NDArray[np.object_]) -> NDArray[np.bool_]:
    """Elementwise ``is None`` (numpy compares object arrays element by element)."""
    out: NDArray[np.bool_] = values == None  # noqa: E711
    return out


def live_leads(cols: LeadColumns) -> NDArray[np.intp]:
    """The judged leads that are not duplicates."""
    return cols.judged[_is_none(cols.duplicate_of[cols.judged])]


def aging_rows(cols: LeadColumns, live: NDArray[np.intp], n_buckets: int,
               labels: Callable[[NDArray[np.intp]], list[K]],
               ) -> list[tuple[K, list[int], list[str]]]:  # fmt: skip
    """Per group (``labels`` gives each lead's: its team, its segment key), in order: open
    leads per aging bucket and the five oldest lead ids."""
    if cols.age_bucket is None:
        return []
    bucket = cols.age_bucket[live]
    aged = bucket >= 0
    leads = live[aged]
    if leads.size == 0:
        return []
    bucket = bucket[aged]
    # Groups coded in label order; within a group the oldest first, lead id order (= index
    # order: lead ids are sorted) breaking ties.
    codes: dict[K, int] = {}
    group = np.array([codes.setdefault(g, len(codes)) for g in labels(leads)])
    names = sorted(codes)
    rank = np.empty(len(names), dtype=np.int64)
    rank[[codes[n] for n in names]] = np.arange(len(names))
    group = rank[group]
    counts = np.bincount(group * n_buckets + bucket, minlength=len(names) * n_buckets)
    order = np.lexsort((leads, cols.first_event_at[leads], group))
    starts = np.searchsorted(group[order], np.arange(len(names) + 1))
    return [(name, counts[t * n_buckets:(t + 1) * n_buckets].tolist(),
             [cols.lead_ids[k]
              for k in leads[order[starts[t]:min(starts[t] + 5, starts[t + 1])]].tolist()])
            for t, name in enumerate(names)]


def segment_labels(cols: LeadColumns,
                   segments_of: tuple[I64, list[tuple[tuple[str, str], ...]]],
                   ) -> Callable[[NDArray[np.intp]], list[tuple[tuple[str, str], ...]]]:
    """Each lead's segment key (``segment_codes``' result, looked up by lead index)."""
    code, keys = segments_of
    of_lead = np.full(len(cols.lead_ids), -1, dtype=np.int64)
    of_lead[cols.judged] = code
    return lambda leads: [keys[c] for c in of_lead[leads].tolist()]


def stage_spans(cols: LeadColumns, live: NDArray[np.intp]) -> dict[tuple[str, str], I64]:
    """Clock times between consecutive reached stages, per stage row (previous stage in the
    list, stage): a skipped stage's time goes to the next stage reached."""
    spans: dict[tuple[str, str], list[I64]] = defaultdict(list)
    names = cols.stage_names
    for s in range(1, len(names)):
        clock = cols.stage_clock[s][live]
        spans[(names[s - 1], names[s])].append(clock[clock != NONE])
    return {row: np.concatenate(parts).astype(np.int64, copy=False)
            for row, parts in spans.items()}


def breach_stages(cols: LeadColumns) -> list[NDArray[np.object_]]:
    """Per target: each lead's breach stage (``None``: none), ``given`` results written in."""
    out = []
    for tc in cols.targets:
        stage = tc.breach_stage
        if tc.given:
            stage = stage.copy()
            for k, r in tc.given.items():
                stage[k] = r.breach_stage
        out.append(stage)
    return out


def attributed(stages: list[NDArray[np.object_]], live: NDArray[np.intp]) -> Counter[str]:
    """Breaches attributed to each stage interval, over every target (``breach_stages``)."""
    tally: Counter[str] = Counter()
    for stage in stages:
        tally.update(filter(None, stage[live].tolist()))
    return tally


def escalation_counts(cols: LeadColumns, live: NDArray[np.intp]) -> list[tuple[int, int, int]]:
    """Per escalation: fired, due for judging, actioned (of those due)."""
    out = []
    keep = set(live.tolist()) if any(esc.given for esc in cols.escalations) else set()
    for esc in cols.escalations:
        fired = esc.fired[live] != NONE
        due = esc.due_for_judging[live] & fired
        done = due & esc.actioned[live]
        n_fired, n_due, n_done = int(fired.sum()), int(due.sum()), int(done.sum())
        for k, r in esc.given.items():
            if k not in keep:
                continue
            was = int(esc.fired[k]) != NONE
            was_due = was and bool(esc.due_for_judging[k])
            was_done = was_due and bool(esc.actioned[k])
            n_fired += (r is not None) - was
            n_due += (r is not None and r.due_for_judging) - was_due
            n_done += (r is not None and r.due_for_judging and r.actioned) - was_done
        out.append((n_fired, n_due, n_done))
    return out


def outcome_values(cols: LeadColumns, live: NDArray[np.intp]) -> tuple[list[str | None],
                                                                        list[str | None]]:
    """Per live lead: its outcome and lost reason."""
    return cols.outcome[live].tolist(), cols.lost_reason[live].tolist()


def routing_numbers(cols: LeadColumns, live: NDArray[np.intp],
                    ) -> tuple[int, int, list[tuple[str, str, str]]]:
    """Checked, matched and the misrouted leads (id, expected, actual), in lead order."""
    actual, team = cols.routing_actual[live], cols.team[live]
    checked = ~_is_none(actual)
    wrong = np.flatnonzero(checked & np.not_equal(actual, team))
    misrouted = [(cols.lead_ids[k], e or "", a) for k, e, a in zip(
        live[wrong].tolist(), team[wrong].tolist(), actual[wrong].tolist(), strict=True)]
    n = int(np.count_nonzero(checked))
    return n, n - len(misrouted), misrouted


def quality_events(cols: LeadColumns, t: int) -> dict[str, int]:
    """A quality target's events checked and offending over the judged leads."""
    eff = Effective(cols.targets[t], cols.judged)
    return {"events_checked": int(cols.targets[t].events_checked[cols.judged].sum()),
            "events_offending": sum(r.events_offending for r in eff.results)}


def fraction(met: int, breached: int) -> Fraction | None:
    """met / (met + breached), exact (``numbers.compliance``)."""
    judged = met + breached
    return Fraction(met, judged) if judged else None


def build_report_columns(
    doc: Document,
    cols: LeadColumns,
    *,
    as_of: int,
    input_summary: InputSummary,
    findings: Iterable[Finding],
    sla_sha256: str,
    version: str,
    environment: Mapping[str, str],
    by: Sequence[str] | None = None,
    period: str = "week",
    fail_under: Fraction | None = None,
) -> Report:
    """``build_report`` over the columnar engine's arrays (same ``Report``, same bytes)."""
    zone = ZoneInfo(doc.timezone)
    by = tuple(by) if by else tuple(doc.report.by)
    summaries = []
    segments_of = segment_codes(cols, by) if by else None
    for t, target in enumerate(doc.targets):
        counts, elapsed, missing, disallowed, segments, trend = target_numbers(
            cols, t, by, zone, period, segments_of)
        share = fraction(counts["met"], counts["breached"])
        objective = fail_under if fail_under is not None else (
            target.objective.value if target.objective else None)
        raci = doc.raci.get(target.id)
        owners = {}
        if raci is not None:
            owners = {k: v for k, v in (("responsible", raci.responsible),
                                        ("accountable", raci.accountable)) if v}
        summaries.append(TargetSummary(
            id=target.id,
            kind=target.kind,
            title=target.title or target.id,
            owners=owners,
            counts=counts,
            compliance=share,
            objective=objective,
            passed=share is None or objective is None or share >= objective,
            elapsed_p50=elapsed[0],
            elapsed_p90=elapsed[1],
            elapsed_max=elapsed[2],
            missing_fields=dict(sorted(missing.items())),
            disallowed_values={f: dict(sorted(c.items())) for f, c in sorted(disallowed.items())},
            segments=tuple(
                SegmentRow(key, c, fraction(c["met"], c["breached"]))
                for key, c in sorted(segments)
            ),
            trend=tuple(
                TrendRow(p, c["met"], c["breached"], fraction(c["met"], c["breached"]))
                for p, c in sorted(trend.items())
            ),
            **(quality_events(cols, t) if target.kind == "quality" else {}),
        ))
    targets = tuple(summaries)
    live = live_leads(cols)
    outcomes_overall, outcome_segments = _outcomes(doc, cols, live, by, segments_of)
    buckets = aging_labels(doc.report.aging)
    aging = tuple(AgingRow(team, tuple(c), tuple(o)) for team, c, o in aging_rows(
        cols, live, len(buckets), lambda leads: [t or "" for t in cols.team[leads].tolist()])
    ) if buckets else ()
    aging_segments = tuple(AgingSegment(key, tuple(c), tuple(o)) for key, c, o in aging_rows(
        cols, live, len(buckets), segment_labels(cols, segments_of))
    ) if buckets and segments_of is not None else ()
    checked, matched, misrouted = routing_numbers(cols, live)
    return assemble_report(
        doc,
        targets,
        version=version,
        sla_sha256=sla_sha256,
        as_of=as_of,
        input=input_summary,
        environment=dict(environment),
        by=by,
        period=period,
        outcomes_overall=outcomes_overall,
        outcomes_segments=outcome_segments,
        aging_buckets=buckets,
        aging=aging,
        aging_segments=aging_segments,
        routing_checked=checked,
        routing_matched=matched,
        misrouted=tuple(Misroute(*m) for m in misrouted),
        stages=_stages(doc, cols, live, by, segments_of),
        escalations=tuple(
            EscalationSummary(esc.id, esc.action, *n)
            for esc, n in zip(doc.escalations, escalation_counts(cols, live), strict=True)
        ),
        findings=group_findings(findings),
    )


def _outcomes(
    doc: Document, cols: LeadColumns, live: NDArray[np.intp], by: Sequence[str],
    segments_of: tuple[I64, list[tuple[tuple[str, str], ...]]] | None,
) -> tuple[OutcomeMix | None, tuple[tuple[tuple[tuple[str, str], ...], OutcomeMix], ...]]:
    if doc.outcomes is None:
        return None, ()
    outcome, reason = outcome_values(cols, live)
    overall = Counter(zip(outcome, reason, strict=True))
    groups: dict[tuple[tuple[str, str], ...], Counter[tuple[str | None, str | None]]] = \
        defaultdict(Counter)
    if by and segments_of is not None:
        code, keys = segments_of
        at = code[np.searchsorted(cols.judged, live)].tolist()
        for (c, o, r), n in Counter(zip(at, outcome, reason, strict=True)).items():
            groups[keys[c]][(o, r)] += n
    return _mix(doc, overall), tuple((k, _mix(doc, v)) for k, v in sorted(groups.items()))


def _mix(doc: Document, rows: Counter[tuple[str | None, str | None]]) -> OutcomeMix:
    """``model._mix`` over counted (outcome, lost reason) pairs."""
    assert doc.outcomes is not None
    classes: Counter[str] = Counter()
    values: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for (outcome, lost_reason), n in rows.items():
        if outcome is None:
            continue
        values[outcome] += n
        cls = doc.outcomes.values.get(outcome)
        if cls is not None:
            classes[cls] += n
        if cls == "lost" and lost_reason:
            reasons[lost_reason] += n
    return OutcomeMix(
        won=classes["won"],
        open=classes["open"],
        lost=classes["lost"],
        values=dict(sorted(values.items())),
        lost_reasons=dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _stages(doc: Document, cols: LeadColumns, live: NDArray[np.intp], by: Sequence[str] = (),
            segments_of: tuple[I64, list[tuple[tuple[str, str], ...]]] | None = None,
            ) -> tuple[StageSummary, ...]:
    """``model._stages`` over the arrays: overall and per segment."""
    if not doc.stages:
        return ()
    stages = breach_stages(cols)
    per_key = []
    if by and segments_of is not None:
        code, keys = segments_of
        at = code[np.searchsorted(cols.judged, live)]
        order = np.argsort(at, kind="stable")  # each segment's leads stay in lead order
        present, starts = np.unique(at[order], return_index=True)
        groups = dict(zip(present.tolist(), np.split(live[order], starts[1:]), strict=True)) \
            if live.size else {}
        for c in sorted(groups, key=lambda c: keys[c]):
            per_key.append((keys[c], _stage_times(doc, cols, stages, groups[c])))
    return tuple(
        StageSummary(a, b, p50, p90, n, stage_segments(
            [(key, times[i]) for key, times in per_key]))
        for i, (a, b, p50, p90, n) in enumerate(_stage_times(doc, cols, stages, live))
    )


def _stage_times(doc: Document, cols: LeadColumns, stages: list[NDArray[np.object_]],
                 live: NDArray[np.intp]) -> list[tuple[str, str, int | None, int | None, int]]:
    names = [ref_name(s) for s in doc.stages]
    spans = stage_spans(cols, live)
    counted = attributed(stages, live)
    out = []
    for a, b in dict.fromkeys(itertools.pairwise(names)):
        ordered = np.sort(spans.get((a, b), np.zeros(0, dtype=np.int64)))
        out.append((a, b, nearest_rank_sorted(ordered, 50), nearest_rank_sorted(ordered, 90),
                    counted.get(f"{a}->{b}", 0)))
    return out
