"""One target's story for one lead: its clock cut into runs, and the verdict in one sentence.

The engine's ``TargetTrace`` says what was decided; this module says it in words a person in
a dispute can check against the events: which event started and stopped the clock, how much
clock time it used of which budget, when it was due.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from slakit.compile import (
    CadenceRule,
    CompiledSla,
    QualityRule,
    ResponseRule,
    TargetRule,
    need_text,
    unmet_needs,
)
from slakit.engine.clock import Clock
from slakit.engine.lead import Occurrence, Row
from slakit.engine.quality import HIDDEN
from slakit.engine.response import percent_text
from slakit.engine.trace import TargetTrace, WindowTrace
from slakit.story.model import Checked, Condition, Moment, TargetStory, Window
from slakit.story.timeline import clock_segments
from slakit.story.times import duration, when


def target_story(
    rule: TargetRule, trace: TargetTrace, sla: CompiledSla, rows: Sequence[Row], as_of: int,
    zone: ZoneInfo, attributes: Mapping[str, str],
) -> TargetStory:
    """Tell how ``rule`` was judged for the lead (``rows`` up to as-of, times in ``zone``)."""
    r = trace.result
    common = TargetStory(
        id=r.target, kind=trace.kind, status=r.status, sentence="", detail=r.detail,
        clock=trace.clock, budget=trace.budget, budget_us=trace.budget_us,
        after_hours=r.after_hours, started_at=r.started_at, stopped_at=r.stopped_at,
        due_at=r.due_at, elapsed_us=r.elapsed_us, wall_us=r.wall_us,
        start=_moment(trace.start), stop=_moment(trace.stop), cancel=_moment(trace.cancel),
        cancel_counted=trace.cancel_counted, until=_moment(trace.until), pauses=trace.pauses,
        breach_stage=r.breach_stage, notes=trace.notes, pause_rule=_pause_rule(rule),
    )
    if r.status in ("duplicate", "not_applicable"):
        return _replace(common, sentence=_outside(rule, trace, sla, attributes))
    if isinstance(rule, ResponseRule):
        return _response(rule, trace, sla, common, as_of, zone)
    if isinstance(rule, CadenceRule):
        return _cadence(rule, trace, sla, common, as_of, zone)
    return _quality(rule, trace, sla, common, rows, zone)


def _replace(story: TargetStory, **changes: Any) -> TargetStory:
    return replace(story, **changes)


def _pause_rule(rule: TargetRule) -> tuple[str, str] | None:
    pause = rule.pause if isinstance(rule, ResponseRule | CadenceRule) else None
    return (pause.start.name, pause.end.name) if pause is not None else None


def _moment(o: Occurrence | None) -> Moment | None:
    return Moment(o.name, o.at) if o is not None else None


def for_conditions(rule: TargetRule, sla: CompiledSla,
                   attributes: Mapping[str, str]) -> tuple[Condition, ...]:
    """The target's ``for`` conditions with the lead's values."""
    return conditions(rule.for_, sla, attributes)


def conditions(
    written: Sequence[tuple[str, frozenset[str]]], sla: CompiledSla, attributes: Mapping[str, str]
) -> tuple[Condition, ...]:
    """Conditions with the lead's values (personal data shown as ``(hidden)``)."""
    out = []
    for name, allowed in written:
        actual = attributes.get(name, "")
        shown = HIDDEN if sla.is_pii(name) and actual else actual
        out.append(Condition(name, tuple(sorted(allowed)), shown, actual in allowed))
    return tuple(out)


def condition_text(c: Condition) -> str:
    """``channel is fax, not one of form, phone``; ``region is west``."""
    actual = c.actual or "(empty)"
    if c.holds:
        return f"{c.field} is {actual}"
    allowed = [a or "(empty)" for a in c.allowed]
    choice = allowed[0] if len(allowed) == 1 else "one of " + ", ".join(allowed)
    return f"{c.field} is {actual}, not {choice}"


def _outside(rule: TargetRule, trace: TargetTrace, sla: CompiledSla,
             attributes: Mapping[str, str]) -> str:
    r = trace.result
    if r.status == "duplicate":
        return f"{r.detail}."
    if r.detail == "outside for":
        failed = [condition_text(c) for c in for_conditions(rule, sla, attributes) if not c.holds]
        return "not applicable: the lead is outside its `for` (" + "; ".join(failed) + ")."
    return f"not applicable: {r.detail}."


# -- response ---------------------------------------------------------------------------------


def _response(rule: ResponseRule, trace: TargetTrace, sla: CompiledSla, story: TargetStory,
              as_of: int, zone: ZoneInfo) -> TargetStory:
    r = trace.result
    assert r.started_at is not None and trace.clock is not None
    end = as_of
    if trace.cancel_counted and trace.cancel is not None:
        end = trace.cancel.at
    elif trace.stop is not None:
        end = trace.stop.at
    calendar = sla.calendar(trace.clock)
    segments = clock_segments(calendar, r.started_at, end, trace.pauses)
    sentence = _response_sentence(rule, trace, zone)
    if r.after_hours and trace.start is not None:
        sentence += (f" {trace.start.name} at {when(trace.start.at, zone)} was outside "
                     f"{trace.clock}'s hours that day, so the {trace.budget} after-hours budget "
                     "applies.")
    held = 0 if r.due_at is None else \
        Clock(calendar, trace.clock, trace.pauses).held(r.started_at, r.due_at)
    if held:
        sentence += f" Pauses pushed the due time back by {duration(held)} of clock time."
    return _replace(story, segments=segments, sentence=sentence)


def _budget_words(trace: TargetTrace) -> str:
    kind = "after-hours budget" if trace.result.after_hours else "budget"
    return f"the {trace.budget} {kind}"


def _due(at: int | None, zone: ZoneInfo) -> str:
    return when(at, zone) if at is not None else "not known while paused"


def _article(word: str) -> str:
    """``a`` or ``an`` before a definition's name (``an attempt``, ``a first_attempt``)."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _response_sentence(rule: ResponseRule, trace: TargetTrace, zone: ZoneInfo) -> str:
    r = trace.result
    used = duration(r.elapsed_us or 0)
    budget = _budget_words(trace)
    stop = rule.stop.name
    business_days = rule.within.bd is not None and not r.after_hours
    if r.status == "cancelled" and trace.cancel is not None:
        return (f"cancelled: {trace.cancel.name} at {when(trace.cancel.at, zone)} came before "
                f"any {stop}, while {_article(stop)} {stop} would still have been in time.")
    if trace.stop is not None and r.status in ("met", "breached"):
        at = when(trace.stop.at, zone)
        if business_days and r.due_at is None:  # stopped during a pause still open at as-of
            return (f"{r.status}: {trace.stop.name} at {at}, while the clock was paused: "
                    f"{budget} was not used up (its due time is set when the pause ends).")
        if business_days:
            word = "by" if r.status == "met" else "after"
            return (f"{r.status}: {trace.stop.name} at {at}, {word} the due time "
                    f"{_due(r.due_at, zone)} ({budget}).")
        word = "within" if r.status == "met" else "over"
        due = f"; due {_due(r.due_at, zone)}" if r.status == "breached" else ""
        return f"{r.status}: {trace.stop.name} at {at} after {used} of clock time, {word} " \
               f"{budget}{due}."
    if r.status == "breached":
        return f"breached: no {stop} by as-of; {budget} ran out at {_due(r.due_at, zone)}."
    paused = bool(trace.pauses) and trace.pauses[-1][1] is None
    if paused:
        since = when(trace.pauses[-1][0], zone)
        return (f"{r.status.replace('_', ' ')}: no {stop} yet, and the clock is paused since "
                f"{since}; {used} of {budget} used, the due time is set when the pause ends.")
    warn = f" (at risk from {percent_text(rule.warn)})" if r.status == "at_risk" and rule.warn \
        else ""
    return (f"{r.status.replace('_', ' ')}: no {stop} yet; {used} of {budget} used{warn}, "
            f"due {_due(r.due_at, zone)}.")


# -- cadence ----------------------------------------------------------------------------------


def _window_label(rule: CadenceRule, k: int) -> str:
    texts = [b.text for b in rule.schedule]
    return f"up to {texts[0]}" if k == 0 else f"{texts[k - 1]}-{texts[k]}"


def _cadence(rule: CadenceRule, trace: TargetTrace, sla: CompiledSla, story: TargetStory,
             as_of: int, zone: ZoneInfo) -> TargetStory:
    r = trace.result
    assert r.started_at is not None and trace.clock is not None
    windows: list[Window] = []
    previous: int | None = r.started_at
    for k, w in enumerate(trace.windows):
        windows.append(Window(w.index, _window_label(rule, k), previous, w.ends_at, w.state,
                              w.attempt_at))
        previous = w.ends_at
    end = _cadence_end(trace, as_of)
    segments = clock_segments(sla.calendar(trace.clock), r.started_at, end, trace.pauses)
    return _replace(story, windows=tuple(windows), segments=segments,
                    attempts=rule.attempts.name,
                    sentence=_cadence_sentence(rule, trace, windows, zone))


def _cadence_end(trace: TargetTrace, as_of: int) -> int:
    """Where the clock worth showing ends: as-of while a window is open, else the instant the
    last window was decided (its attempt, its end when missed, or ``until``)."""
    if trace.result.status in ("pending", "at_risk"):
        return as_of
    decided: list[int] = []
    for w in trace.windows:
        decided += _decided_at(w, trace)
    return min(max(decided), as_of) if decided else as_of


def _decided_at(w: WindowTrace, trace: TargetTrace) -> list[int]:
    if w.state == "satisfied" and w.attempt_at is not None:
        return [w.attempt_at]
    if w.state == "missed" and w.ends_at is not None:
        return [w.ends_at]
    if w.state == "excused" and trace.until is not None:
        return [trace.until.at]
    return []


def _cadence_sentence(rule: CadenceRule, trace: TargetTrace, windows: Sequence[Window],
                      zone: ZoneInfo) -> str:
    r = trace.result
    attempts = rule.attempts.name
    missed = next((w for w in windows if w.state == "missed"), None)
    if r.status == "breached" and missed is not None:
        ended = f", ended {when(missed.ends_at, zone)}" if missed.ends_at is not None else ""
        return f"breached: window {missed.index} ({missed.label}{ended}) had no {attempts}."
    open_ = next((w for w in windows if w.state == "open"), None)
    if r.status in ("pending", "at_risk") and open_ is not None:
        ends = f"until {when(open_.ends_at, zone)}" if open_.ends_at is not None else \
            "(paused)"
        return (f"{r.status.replace('_', ' ')}: window {open_.index} ({open_.label}) is open "
                f"{ends}, with no {attempts} in it yet.")
    if r.status == "cancelled" and trace.until is not None:
        return (f"cancelled: {trace.until.name} at {when(trace.until.at, zone)} came before "
                "anything was owed.")
    until = f" by {trace.until.name} at {when(trace.until.at, zone)}" \
        if trace.until is not None else ""
    satisfied = sum(w.state == "satisfied" for w in windows)
    excused = sum(w.state == "excused" for w in windows)
    plural = "s" if satisfied != 1 else ""
    tail = f", {excused} excused{until}" if excused else ""
    return f"met: {satisfied} window{plural} satisfied{tail}."


# -- quality ----------------------------------------------------------------------------------


def _quality(rule: QualityRule, trace: TargetTrace, sla: CompiledSla, story: TargetStory,
             rows: Sequence[Row], zone: ZoneInfo) -> TargetStory:
    checked = tuple(_checked(rule, sla, rows, o) for o in trace.checked)
    failing = [c for c in checked if c.missing or c.disallowed]
    subject = (rule.on or rule.each)
    name = subject.name if subject is not None else "checked"
    if rule.on is not None and checked:
        c = checked[0]
        at = when(c.at, zone)
        wanted = ", ".join(need_text(n) for n in rule.require)
        if failing:
            sentence = f"breached: the {name} event at {at} lacks {', '.join(c.missing)}."
        else:
            sentence = f"met: the {name} event at {at} records {wanted or 'what it must'}."
    elif failing:
        first = failing[0]
        sentence = (f"breached: {len(failing)} of {len(checked)} {name} events checked fail; "
                    f"the first, at {when(first.at, zone)}, has {_faults(first)}.")
    else:
        n = len(checked)
        sentence = f"met: {n} {name} event{'s' if n != 1 else ''} checked, none failing."
    return _replace(story, checked=checked, sentence=sentence)


def _checked(rule: QualityRule, sla: CompiledSla, rows: Sequence[Row], o: Occurrence) -> Checked:
    own = rows[o.source].fields
    so_far: dict[str, str] = {}
    for row in rows[: o.row + 1]:
        for k, v in row.fields.items():
            so_far.setdefault(k, v)
    missing = tuple(need_text(n) for n in unmet_needs(rule.require, so_far))
    bad = tuple(
        (field, HIDDEN if sla.is_pii(field) else own.get(field, ""))
        for field, allowed in rule.allow if own.get(field, "") not in allowed
    )
    return Checked(o.at, rows[o.source].event, o.name, missing, bad)


def _faults(c: Checked) -> str:
    parts = [f"no {m}" for m in c.missing]
    parts += [f"{f} {v} (not allowed)" if v else f"{f} empty (not allowed)"
              for f, v in c.disallowed]
    return ", ".join(parts)
