"""The columnar engine equals the reference engine: random documents, random exports.

Hypothesis writes a document from the language's parts (response targets with every option,
cadence and quality targets, all four escalation triggers, routing with a check, stages,
duplicates, outcomes, several calendars) and a small export of messy leads, then requires
both engines to return equal ``LeadResult``s (status, due, elapsed, ... every field), equal
findings and reports that render to the same bytes in every format.
"""

from __future__ import annotations

import datetime as dt
import os

from engine_kit import Event, sla_of, t, table_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slakit.compile import CompiledSla
from slakit.engine import columnar, reference
from slakit.engine.columnar.columns import LeadColumns
from slakit.engine.results import EngineOutput
from slakit.report.model import InputSummary, build_report

HEAD = """\
slakit: 1
name: diff
timezone: America/Chicago
calendars:
  clinic:
    hours: {mon-fri: ["08:00-12:00", "13:00-17:00"], sat: "09:00-11:00"}
    holidays: {country: US}
    overrides: {2026-02-04: "08:00-10:00"}
  night:
    timezone: America/Los_Angeles
    hours: {mon-fri: "22:00-06:00"}
  always:
    hours: {mon-sun: "00:00-24:00"}
definitions:
  received: {event: in, require: [region, phone|email]}
  attempt: {event: [call, sms]}
  talked: {event: talk}
  done: {event: out, where: {outcome: [booked, lost]}}
  hold: {event: hold}
  resume: {event: resume}
"""
NAMES = ["in", "call", "sms", "talk", "out", "hold", "resume", "assigned", "note", "update"]
LEADS = ["A", "B", "C", "D", "E", "F"]
MONDAY = dt.datetime(2026, 2, 2)
WEEK = 7 * 24 * 60

budgets = st.sampled_from(["10m", "45m", "2h", "1bd", "2bd"])
maybe = st.booleans()


@st.composite
def response_target(draw: st.DrawFn, n: int) -> str:
    parts = [f"id: r{n}", "start: " + draw(st.sampled_from(["received", "in", "[in, call]"])),
             "stop: " + draw(st.sampled_from(["attempt", "[talk, done]", "call", "talked"])),
             "within: " + draw(budgets)]
    if draw(maybe):
        parts.append("cancel: " + draw(st.sampled_from(["done", "[out, talk]"])))
    if draw(maybe):
        parts.append("after_hours: " + draw(st.sampled_from(["90m", "3h", "1bd"])))
    if draw(maybe):
        parts.append("warn: " + draw(st.sampled_from(["50%", "80%"])))
    if draw(maybe):
        parts.append("pause: {from: hold, to: resume}")
    if draw(maybe):
        parts.append("calendar: " + draw(st.sampled_from(["clinic", "night", "always", "24x7"])))
    if draw(maybe):
        parts.append("for: " + draw(st.sampled_from(
            ["{lead_type: consult}", "{lead_type: [consult, referral], region: east}",
             '{region: ""}'])))
    return "  - {" + ", ".join(parts) + "}\n"


@st.composite
def cadence_target(draw: st.DrawFn, n: int) -> str:
    schedule = draw(st.sampled_from(["[15m, 2h, 1bd]", "[30m, 1bd, 3bd]", "[1h, 4h]"]))
    parts = [f"id: c{n}", "kind: cadence", "start: received", "attempts: attempt",
             f"schedule: {schedule}"]
    if draw(maybe):
        parts.append("until: [talked, done]")
    if draw(maybe):
        parts.append("warn: 50%")
    if draw(maybe):
        parts.append("pause: {from: hold, to: resume}")
    return "  - {" + ", ".join(parts) + "}\n"


@st.composite
def quality_target(draw: st.DrawFn, n: int) -> str:
    if draw(maybe):
        parts = [f"id: q{n}", "kind: quality", "on: done",
                 "require: " + draw(st.sampled_from(["[outcome, reason|next]", "[phone]"]))]
    else:
        parts = [f"id: q{n}", "kind: quality", "each: {event: [sms, call]}"]
        if draw(maybe):
            parts.append("allow: {template: [t1, t2]}")
        else:
            parts.append('allow: {template: [t1, ""]}')
        if draw(maybe):
            parts.append("require: [phone|email]")
    return "  - {" + ", ".join(parts) + "}\n"


@st.composite
def documents(draw: st.DrawFn) -> str:
    text = HEAD
    if draw(maybe):
        text += "closed: done\n"
    routed = draw(maybe)
    if routed:
        text += ("routing:\n"
                 + ("  check: {on: assigned, field: team}\n" if draw(maybe) else "")
                 + "  rules:\n"
                 "    - {name: west, when: {region: west}, team: w, calendar: night}\n"
                 "    - {name: east consult, when: {region: east, lead_type: consult}, "
                 "team: e, calendar: clinic}\n")
        if draw(maybe):
            text += "    - {name: rest, team: x, calendar: always}\n"
    if draw(maybe):
        text += "stages: [received, attempt, talked, done]\n"
    text += "targets:\n"
    kinds = draw(st.lists(st.sampled_from(["response", "cadence", "quality"]), min_size=1,
                          max_size=4))
    for n, kind in enumerate(kinds):
        strategy = {"response": response_target, "cadence": cadence_target,
                    "quality": quality_target}[kind]
        text += draw(strategy(n))
    escalations = []
    if draw(maybe):
        escalations.append("  - {id: e1, when: {count: attempt, reaches: 2, without: talked}, "
                           "action: a, expect: {event: talk, within: "
                           + draw(st.sampled_from(["1h", "1bd"])) + "}}\n")
    if draw(maybe):
        escalations.append("  - {id: e2, when: {since: received, without: attempt, over: "
                           + draw(st.sampled_from(["30m", "1bd"])) + "}, action: b}\n")
    if draw(maybe):
        escalations.append("  - {id: e3, when: {unmet: [phone|email], after: "
                           + draw(st.sampled_from(["20m", "1bd"])) + "}, action: c}\n")
    if "r0" in text and draw(maybe):
        escalations.append("  - {id: e4, when: {target: r0, at: "
                           + draw(st.sampled_from(["50%", "100%", "33%"])) + "}, action: d}\n")
    if escalations:
        text += "escalations:\n" + "".join(escalations)
    if draw(maybe):
        within = draw(st.sampled_from(["2d", "1bd", "36h"])) if routed else "2d"
        match = draw(st.sampled_from(["phone, email", "phone", "email"]))
        text += f"duplicates: {{match: [{match}], within: {within}}}\n"
    if draw(maybe):
        text += ("outcomes: {field: outcome, values: {booked: won, lost: lost, later: open},"
                 " reason: reason}\n")
    text += "report: {by: [lead_type, region], aging: [1bd, 3bd]}\n"
    return text


FIELDS = {
    "region": ["east", "west"],
    "lead_type": ["consult", "referral", "other"],
    "phone": ["555-0101", "(555) 0101", "555-0102"],
    "email": ["a@x.org", "A@X.org", "b@x.org"],
    "team": ["w", "e", "x"],
    "template": ["t1", "t2", "t3"],
    "outcome": ["booked", "lost", "later"],
    "reason": ["price", "distance"],
    "next": ["2026-03-01"],
}


@st.composite
def exports(draw: st.DrawFn) -> list[Event]:
    """Up to six leads, most opening with an ``in`` row, then events within hours or days."""
    origin = draw(st.integers(0, WEEK - 24 * 60))
    spread = draw(st.sampled_from([60, 600, 3 * 24 * 60]))
    rows: list[tuple[str, str, int, dict[str, int]]] = []
    for lead in draw(st.lists(st.sampled_from(LEADS), min_size=1, max_size=6, unique=True)):
        start = draw(st.integers(origin, origin + spread))
        if draw(st.integers(0, 5)):
            fields = {"region": draw(st.integers(0, 2)), "lead_type": draw(st.integers(0, 2))}
            if draw(st.integers(0, 3)):
                fields[draw(st.sampled_from(["phone", "email"]))] = draw(st.integers(0, 2))
            rows.append((lead, "in", start, fields))
        rows += draw(st.lists(st.tuples(
            st.just(lead), st.sampled_from(NAMES), st.integers(start, start + spread),
            st.dictionaries(st.sampled_from(sorted(FIELDS)), st.integers(0, 2), max_size=2),
        ), max_size=9))
    out: list[Event] = []
    for lead, name, minute, fields in draw(st.permutations(rows)):
        when = (MONDAY + dt.timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M")
        values = {k: FIELDS[k][v % len(FIELDS[k])] for k, v in fields.items()}
        out.append((lead, name, when, values))
    return out


def _both(sla: CompiledSla, events: list[Event], as_of: int | None,
          lead_from: int | None = None) -> tuple[EngineOutput, EngineOutput]:
    table = table_of(events, sla.columns())
    kw = {"as_of": as_of, "lead_from": lead_from}
    return reference.run(sla, table, **kw), columnar.run(sla, table, **kw)


def _report_texts(sla: CompiledSla, out: EngineOutput,
                  columns: LeadColumns | None = None, period: str = "week") -> list[str]:
    from slakit.report import FORMATS, RenderOptions
    from slakit.report.results_csv import results_csv

    summary = InputSummary((), 0, 0, 0, 0, out.after_as_of_rows, len(out.leads))
    report = build_report(
        sla.document, out.leads if columns is None else (), as_of=out.as_of,
        input_summary=summary, findings=out.findings, sla_sha256="0" * 64, version="0",
        environment={}, age_bucket=sla.age_bucket, columns=columns, period=period,
    )
    texts = [fmt.render(report, RenderOptions()) for name, fmt in sorted(FORMATS.items())
             if name != "text"]
    return [*texts, results_csv(out.leads, report.timezone)]


differential = settings(max_examples=150, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@differential
@given(documents(), exports(), st.one_of(st.none(), st.integers(0, WEEK + 3 * 24 * 60)),
       st.one_of(st.none(), st.integers(0, WEEK)))
def test_engines_agree(doc: str, events: list[Event], as_of: int | None,
                       lead_from: int | None) -> None:
    sla = sla_of(doc, head="")
    def when(m: int | None) -> int | None:
        return None if m is None else t((MONDAY + dt.timedelta(minutes=m)).strftime(
            "%Y-%m-%d %H:%M"))
    ref, col = _both(sla, events, when(as_of), when(lead_from))
    assert col.as_of == ref.as_of
    assert col.after_as_of_rows == ref.after_as_of_rows
    assert [x.lead_id for x in col.leads] == [x.lead_id for x in ref.leads]
    for a, b in zip(ref.leads, col.leads, strict=True):
        assert b.targets == a.targets, (a.lead_id, doc)
        assert b == a, (a.lead_id, doc)
    assert col.findings == ref.findings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), exports())
def test_threads_change_nothing(doc: str, events: list[Event]) -> None:
    """Steps judged on two threads, or only the duplicates beside them (exports larger than
    ``PARALLEL_MAX_ROWS``), give what one at a time gives (``SLAKIT_THREADS=1``)."""
    import importlib

    run_module = importlib.import_module("slakit.engine.columnar.run")
    sla = sla_of(doc, head="")
    table = table_of(events, sla.columns())
    outputs = []
    modes: list[tuple[bool, bool]] = []
    make_pool, limit = run_module._pool, run_module.PARALLEL_MAX_ROWS

    def spy(*args: object) -> object:
        pool, parallel = make_pool(*args)  # type: ignore[arg-type]
        modes.append((pool is not None, parallel))
        return pool, parallel

    before = os.environ.get("SLAKIT_THREADS")
    run_module._pool = spy  # type: ignore[assignment]
    try:
        for threads, rows in (("1", limit), ("2", limit), ("2", -1)):
            os.environ["SLAKIT_THREADS"] = threads
            run_module.PARALLEL_MAX_ROWS = rows
            outputs.append(columnar.run(sla, table))
    finally:
        run_module._pool = make_pool  # type: ignore[assignment]
        run_module.PARALLEL_MAX_ROWS = limit
        if before is None:
            os.environ.pop("SLAKIT_THREADS", None)
        else:
            os.environ["SLAKIT_THREADS"] = before
    assert modes[0] == (False, False)
    assert modes[1] == (True, True) or len(sla.targets) < 2
    assert modes[2] == (sla.duplicates is not None, False)
    one, *others = outputs
    for other in others:
        assert other.leads == one.leads
        assert other.findings == one.findings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), exports(), st.sampled_from(["week", "month"]),
       st.one_of(st.none(), st.integers(0, WEEK)))
def test_reports_are_byte_identical(doc: str, events: list[Event], period: str,
                                    lead_from: int | None) -> None:
    """The report from the columnar arrays renders like the one from reference leads."""
    sla = sla_of(doc, head="")
    table = table_of(events, sla.columns())
    start = None if lead_from is None else t(
        (MONDAY + dt.timedelta(minutes=lead_from)).strftime("%Y-%m-%d %H:%M"))
    ref = reference.run(sla, table, lead_from=start)
    col = columnar.run_columns(sla, table, lead_from=start)
    assert _report_texts(sla, col.output(), col.columns, period) == \
        _report_texts(sla, ref, period=period)


PAUSED = HEAD + """\
closed: done
routing:
  rules:
    - {name: west, when: {region: west}, team: w, calendar: night}
    - {name: rest, team: x, calendar: clinic}
stages: [received, attempt, talked, done]
targets:
  - {id: p1, start: in, stop: attempt, cancel: done, within: 45m, after_hours: 3h, warn: 50%,
     pause: {from: hold, to: resume}}
  - {id: p2, start: in, stop: talked, cancel: [out, talk], within: 1bd, warn: 80%,
     pause: {from: [hold, note], to: resume}}
  - {id: p3, start: in, stop: done, within: 2bd, calendar: always,
     pause: {from: hold, to: resume}}
  - {id: p4, kind: cadence, start: in, attempts: attempt, schedule: [30m, 1bd], until: talked,
     warn: 50%, pause: {from: hold, to: resume}}
escalations:
  - {id: n1, when: {target: p1, at: 50%}, action: a}
  - {id: n2, when: {target: p2, at: 100%}, action: b}
"""
PAUSE_NAMES = ["in", "hold", "resume", "call", "talk", "out", "note"]


@st.composite
def paused_exports(draw: st.DrawFn) -> list[Event]:
    """Leads that are put on hold and resumed, again and again."""
    origin = draw(st.integers(0, WEEK - 24 * 60))
    spread = draw(st.sampled_from([120, 900, 3 * 24 * 60]))
    out: list[Event] = []
    for lead in draw(st.lists(st.sampled_from(LEADS), min_size=1, max_size=4, unique=True)):
        start = draw(st.integers(origin, origin + spread))
        fields = {"region": FIELDS["region"][draw(st.integers(0, 1))], "phone": "555-0101",
                  "outcome": "booked"}
        out.append((lead, "in", _at(start), fields))
        for name, minute in draw(st.lists(st.tuples(
                st.sampled_from(PAUSE_NAMES), st.integers(start - 60, start + spread)),
                max_size=10)):
            out.append((lead, name, _at(minute), {"outcome": "booked"}))
    return out


def _at(minute: int) -> str:
    return (MONDAY + dt.timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M")


@differential
@given(paused_exports(), st.one_of(st.none(), st.integers(0, WEEK + 3 * 24 * 60)))
def test_paused_clocks_agree(events: list[Event], as_of: int | None) -> None:
    """Pauses before, across and after the start; still open at as-of; several per lead."""
    sla = sla_of(PAUSED, head="")
    ref, col = _both(sla, events, None if as_of is None else t(_at(as_of)))
    assert col.leads == ref.leads
    assert col.findings == ref.findings
