"""``slakit explain`` on a terminal: the lead's story, top to bottom, in its calendar's time.

Sections: the header (lead, as-of, zone, what is hidden), routing, events, targets (each with
its verdict in one sentence, its clock cut into runs, closed hours and pauses, its windows or
checked events), escalations, stages, findings. Data passes through ``safe.terminal`` so no
cell can drive the terminal; color (status words only) is added after that, when asked.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slakit.report import safe
from slakit.story.model import (
    EscalationStory,
    EventLine,
    Explanation,
    Routing,
    Segment,
    TargetStory,
)
from slakit.story.targets import condition_text
from slakit.story.times import clock_time, duration, same_day, until, wall, when
from slakit.words import counted

WIDTH = 100
MAX_SEGMENTS = 14
"""Longer clocks show their first and last segments, pauses and the due time, and count the
rest."""
HEAD, TAIL = 6, 3

_COLORS = {
    "MET": "32", "BREACHED": "31", "AT RISK": "33", "PENDING": "36", "CANCELLED": "2",
    "NOT APPLICABLE": "2", "DUPLICATE": "2", "FIRED": "33",
}


class TextFormat:
    """The story for a person (100 columns; color only when asked)."""

    name = "text"

    def render(self, story: Explanation, *, color: bool = False) -> str:
        """Return the whole text, ending with a newline."""
        out = _Lines(color)
        zone = ZoneInfo(story.timezone)
        _header(out, story, zone)
        _routing(out, story.routing, zone)
        _events(out, story.events, zone, len(story.files))
        _skipped(out, story)
        out.add("")
        out.add("Targets")
        reached = [s.stage for s in story.stages]
        for t in story.targets:
            _target(out, t, zone, reached)
        if story.escalations:
            out.add("")
            out.add("Escalations")
            for e in story.escalations:
                _escalation(out, e, zone)
        if story.stages:
            out.add("")
            out.add(f"Stages (clock time on the lead's clock, {story.routing.calendar})")
            previous: int | None = None
            for s in story.stages:
                at = when(s.at, zone) if previous is None or not same_day(previous, s.at, zone) \
                    else clock_time(s.at, zone)
                spent = f"  (+{duration(s.clock_us)} of clock)" if s.clock_us is not None else ""
                out.add(f"  {s.stage:<22} {at}{spent}")
                previous = s.at
        if story.findings:
            out.add("")
            out.add("Findings")
            for f in story.findings:
                out.wrap(f"{f.level} {f.code}: {f.message}", "  ", "    ")
        return out.text()


_UNBROKEN = re.compile(
    r"\b\d+[dhms](?: \d+[hms])+\b"  # 2d 28m 21s
    r"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?(?: [A-Z]{3,5})?")
"""Text ``_Lines.wrap`` keeps on one line."""


class _Lines:
    """Lines of output: escaped for the terminal, wrapped, status words colored on request."""

    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def add(self, line: str, status: str = "") -> None:
        text = safe.terminal(line)
        if self.color and status in _COLORS:
            text = text.replace(status, f"\x1b[{_COLORS[status]}m{status}\x1b[0m", 1)
        self.lines.append(text.rstrip())

    def wrap(self, text: str, first: str, rest: str) -> None:
        # A duration ("2d 28m 21s") and a time ("Mon 2026-03-02 10:07") are never split.
        # (escaped first, so that the only NUL is the one standing for a kept space)
        whole = _UNBROKEN.sub(lambda m: m.group().replace(" ", "\0"), safe.terminal(text))
        for line in textwrap.wrap(whole, WIDTH, initial_indent=first, subsequent_indent=rest,
                                  break_long_words=False, break_on_hyphens=False):
            self.add(line.replace("\0", " "))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _header(out: _Lines, story: Explanation, zone: ZoneInfo) -> None:
    out.add(f"Lead {story.lead_id}: {story.sla_title} ({story.sla_name})")
    elsewhere = (f" (--results and the reports write {story.document_timezone}, the "
                 "document's)") if story.document_timezone not in ("", story.timezone) else ""
    out.wrap(f"as of {when(story.as_of, zone, zone_name=True)}; times in {story.timezone}, the "
             f"zone of calendar {story.routing.calendar}{elsewhere}", "", "  ")
    if story.pseudonymized:
        out.add("lead ids are pseudonyms (--pseudonymize)")
    if story.hidden:
        out.add(f"hidden: {', '.join(story.hidden)} (personal data; --show-pii shows it)")
    if not story.judged:
        out.wrap("not judged in this window: the lead's first event is outside --from/--to "
                 "(shown as the engine would judge it)", "", "  ")
    if story.duplicate_of:
        out.wrap(f"duplicate of {story.duplicate_of}{_why_duplicate(story, zone)}: it takes "
                 "no further part", "", "  ")
    if story.closed_at is not None:
        closed = f"closed {when(story.closed_at, zone)}"
    elif story.duplicate_of:
        closed = "not closed at as-of (a duplicate: not counted among open leads)"
    else:
        closed = "open at as-of"
    if story.outcome:
        closed += f"; outcome {story.outcome}"
        if story.lost_reason:
            closed += f" ({story.lost_reason})"
    out.add(closed)


def _why_duplicate(story: Explanation, zone: ZoneInfo) -> str:
    """``, the same phone as its first event at ..., within 30d before this lead's``."""
    if story.duplicate_since is None:
        return ""
    fields = " and ".join(story.duplicate_fields) or "match field"
    within = f", within {story.duplicate_within} before" if story.duplicate_within else \
        ", before"
    return (f" (the same {fields}; its first event at {when(story.duplicate_since, zone)}"
            f"{within} this lead's)")


def _routing(out: _Lines, r: Routing, zone: ZoneInfo) -> None:
    out.add("")
    out.add("Routing")
    if not r.has_rules:
        out.add(f"  no routing rules: the lead's clock is {r.calendar}")
        return
    for i, s in enumerate(r.skipped, 1):
        why = "; ".join(condition_text(c) for c in s.failed)
        out.wrap(f"rule {i} '{s.name}' does not match: {why}", "  ", "    ")
    if r.rule is None:
        out.add(f"  no rule matched: the lead's clock is {r.calendar}")
    else:
        why = "; ".join(condition_text(c) for c in r.matched) if r.matched else "catch-all"
        out.wrap(f"rule {r.index} '{r.rule}' matches ({why}): team {r.team}, calendar "
                 f"{r.calendar}", "  ", "    ")
    if r.verdict:
        at = f" at {when(r.check_at, zone)}" if r.check_at is not None else ""
        if r.actual is not None:
            out.add(f"  the CRM assigned {r.actual}{at}: {r.verdict}")
        else:
            out.add(f"  routing check: {r.verdict}")


def _events(out: _Lines, events: Sequence[EventLine], zone: ZoneInfo, inputs: int) -> None:
    out.add("")
    several = inputs > 1 or len({e.file for e in events}) > 1  # then rows name their file
    width = max((len(e.event) for e in events), default=0)
    times = [when(e.at, zone, zone_name=True) for e in events]
    wide = max((len(t) for t in times), default=0)  # a time with seconds is longer
    out.add(f"Events ({len(events)})")
    for e, at in zip(events, times, strict=True):
        where = f"{e.file}:{e.row}" if several else f"row {e.row}"
        happened = f"  => {', '.join(e.happened)}" if e.happened else ""
        out.add(f"  {at:<{wide}} {e.event:<{width}}  {where}{happened}")
        if e.fields:
            out.wrap(" ".join(f"{k}={v}" for k, v in e.fields), " " * 6, " " * 6)
        for note in e.notes:
            out.wrap(f"note: {TIME_NOTES.get(note, note)}", " " * 6, " " * 8)


TIME_NOTES = {
    "date-only-timestamp": "the export gives a date but no time of day: read as 00:00",
    "skipped-local-time": "the export's time does not exist in its zone (the hour skipped when "
                          "clocks go forward): read an hour later than written",
}
"""What an event's note says (``EventLine.notes``)."""

SKIPPED_SHOWN = 20
"""Skipped rows of the lead the text lists (the JSON lists all)."""


def _skipped(out: _Lines, story: Explanation) -> None:
    """The lead's rows the reader skipped, which the story leaves out, and how many rows of
    the input name no lead at all."""
    if story.skipped:
        n = len(story.skipped)
        out.add("")
        out.add(f"Skipped rows of this lead ({n}): not in this story")
        for s in story.skipped[:SKIPPED_SHOWN]:
            out.wrap(f"{s.file}:{s.row} {s.code}: {s.message}", "  ", "    ")
        if n > SKIPPED_SHOWN:
            out.add(f"  and {n - SKIPPED_SHOWN} more (-f json lists every one)")
    if story.later_rows:
        n = story.later_rows
        out.add("")
        out.wrap(f"{counted(n, 'later row')} of this lead, after as-of, "
                 f"{'are' if n != 1 else 'is'} not part of this story", "", "  ")
    if story.unattributed:
        n = story.unattributed
        out.add("")
        out.wrap(f"{counted(n, 'row')} of the input name{'s' * (n == 1)} no lead (no lead "
                 "id, a broken record): one may have been this lead's; `slakit evaluate` lists "
                 "them by file and row", "", "  ")


def _status_word(status: str) -> str:
    return status.replace("_", " ").upper()


def _target(out: _Lines, t: TargetStory, zone: ZoneInfo, reached: Sequence[str] = ()) -> None:
    word = _status_word(t.status)
    budget = f", {t.budget}" + (" after hours" if t.after_hours else "") if t.budget else ""
    shown = t.kind != "quality" and t.status != "duplicate"  # where a clock ran
    clock = f" on {t.clock}" if t.clock and shown else ""
    out.add(f"  {t.id} ({t.kind}{budget}{clock}): {word}", word)
    out.wrap(t.sentence, "    ", "      ")
    if t.cancel is not None and not t.cancel_counted and \
            (t.stop is None or t.cancel.at < t.stop.at):
        out.wrap(f"{t.cancel.name} at {when(t.cancel.at, zone)} does not cancel: the budget "
                 "had already run out.", "    ", "      ")
    if t.breach_stage:
        out.wrap(f"most of the breach was spent in {_stage_words(t.breach_stage, reached)}",
                 "    ", "      ")
    if t.segments:
        _segments(out, t, zone)
    _totals(out, t, zone)
    if t.windows:
        out.add(f"    windows (attempts: {t.attempts}):" if t.attempts else "    windows:")
    spans = [until(w.opens_at, w.ends_at, zone)
             if w.opens_at is not None and w.ends_at is not None else "(paused at as-of)"
             for w in t.windows]
    width = max((len(x) for x in spans), default=0)
    current = next((w.index for w in t.windows if w.state == "open"), None)
    for w, span in zip(t.windows, spans, strict=True):
        # Windows follow each other: after the one the clock is in, the open ones are to come.
        state = "upcoming" if w.state == "open" and w.index != current else w.state
        got = ""
        if w.attempt_at is not None:
            near = w.opens_at is not None and same_day(w.opens_at, w.attempt_at, zone)
            got = f" at {clock_time(w.attempt_at, zone) if near else when(w.attempt_at, zone)}"
            if w.ends_at is not None and w.attempt_at > w.ends_at:
                got += " (closed hours: the clock had not moved on)"
        line = f"      {w.index}. {w.label:<10} {span:<{width}}  {state}"
        if len(line + got) > WIDTH:
            out.add(line)
            out.add(" " * 10 + got.strip())
        else:
            out.add(line + got)
    for c in t.checked:
        faults = [f"missing {m}" for m in c.missing]
        faults += [f"{f}={v} not allowed" if v else f"{f} empty, not allowed"
                   for f, v in c.disallowed]
        verdict = "; ".join(faults) or "ok"
        out.wrap(f"checked {c.event} ({c.definition}) at {when(c.at, zone)}: {verdict}",
                 "    ", "      ")


def _stage_words(row: str, reached: Sequence[str]) -> str:
    """A report's stage row (``contact_made->resolved``), with the stage this lead really came
    from when it skipped the row's first one (a skipped stage's time goes to the next one
    reached, LANGUAGE.md)."""
    before, _, stage = row.partition("->")
    if before in reached or stage not in reached:
        return row
    k = reached.index(stage)
    came = f"from {reached[k - 1]}" if k else "from the start"
    return f"{row} ({came}: this lead never reached {before})"


def _segments(out: _Lines, t: TargetStory, zone: ZoneInfo) -> None:
    start = f" from {t.start.name}" if t.start is not None else ""
    out.add(f"    clock on {t.clock}{start}:")
    segments = t.segments
    for item in _shown(segments, t.due_at):
        if isinstance(item, tuple):
            lo, hi = item
            ran = sum(x.end - x.start for x in segments[lo:hi] if x.kind == "run")
            out.add(f"      ... {hi - lo} more segments ({duration(ran)} of clock time)")
            continue
        s = item
        label = {"run": "runs", "closed": "closed", "paused": "paused"}[s.kind]
        extra = duration(s.end - s.start) if s.kind == "run" else ""
        if s.kind == "paused" and t.pause_rule is not None:
            extra = f"({t.pause_rule[0]} until {t.pause_rule[1]})"
        if t.due_at is not None and s.start < t.due_at <= s.end and s.kind == "run":
            extra += f"  <- due {clock_time(t.due_at, zone)}"
        line = f"      {label:<7} {until(s.start, s.end, zone):<44} {extra}".rstrip()
        out.add(line)
        if s.note:
            out.wrap(f"({s.note})", " " * 14, " " * 15)


def _totals(out: _Lines, t: TargetStory, zone: ZoneInfo) -> None:
    """Clock time, wall time and due time, as ``--results`` has them (also for a clock that
    used no time: a stop at its start still has a due time, LANGUAGE.md)."""
    parts = []
    if t.elapsed_us is not None:
        used = ("clock time used" if t.kind == "response" else
                "clock time to as-of" if t.status in ("pending", "at_risk") else
                "clock time to the last attempt counted")
        if used.endswith("counted") and t.started_at is not None and t.wall_us is not None:
            # The clock above may run on, to the moment the last window was decided.
            used += f" (at {when(t.started_at + t.wall_us, zone)})"
        parts.append(f"{used} {duration(t.elapsed_us)}")
        if t.wall_us is not None:
            parts.append(f"wall time {wall(t.wall_us)}")
    if t.due_at is not None:
        parts.append(f"due {when(t.due_at, zone)}")
    if parts:
        out.wrap("; ".join(parts), "    ", "      ")
    held = _held_past_end(t)
    if held is not None:
        text = (f"the clock ended during a pause that lasted until {when(held[1], zone)}; "
                "the due time allows for all of it") if held[1] is not None else (
                "the clock ended during a pause still open at as-of, so the due time is not "
                "known")
        out.wrap(text, "    ", "      ")


def _held_past_end(t: TargetStory) -> tuple[int, int | None] | None:
    """The pause the clock ended in (a stop or a counted cancel), when it pushes ``due_at``
    back (it began before the budget ran out) and lasted past the end; ``None`` otherwise."""
    end = t.stopped_at if t.stopped_at is not None else (
        t.cancel.at if t.cancel_counted and t.cancel is not None else None)
    if end is None or t.kind != "response":
        return None
    for p0, p1 in t.pauses:
        if p0 < end and (p1 is None or p1 > end) and (t.due_at is None or p0 < t.due_at):
            return p0, p1
    return None


def _shown(segments: Sequence[Segment], due: int | None) -> list[Segment | tuple[int, int]]:
    """The segments to print: all of a short clock; of a long one the first and last few,
    every pause and the run holding the due time, with ``(lo, hi)`` for each gap left out."""
    if len(segments) <= MAX_SEGMENTS:
        return list(segments)
    keep = [i < HEAD or i >= len(segments) - TAIL or s.kind == "paused"
            or (due is not None and s.start < due <= s.end) for i, s in enumerate(segments)]
    out: list[Segment | tuple[int, int]] = []
    i = 0
    while i < len(segments):
        if keep[i]:
            out.append(segments[i])
            i += 1
            continue
        j = i
        while j < len(segments) and not keep[j]:
            j += 1
        out.append((i, j) if j - i > 1 else segments[i])
        i = j
    return out


def _escalation(out: _Lines, e: EscalationStory, zone: ZoneInfo) -> None:
    if e.fired_at is None:
        would = f" (it would have fired {when(e.would_fire_at, zone)})" \
            if e.would_fire_at is not None else ""
        out.wrap(f"{e.id}: did not fire: {e.note}{would}", "  ", "    ")
        return
    out.add(f"  {e.id}: FIRED {when(e.fired_at, zone)} -> {e.action}", "FIRED")
    reason = e.note.rpartition("; ")[0] if e.expect_event is not None else e.note
    out.wrap(f"why: {reason or e.note}", "    ", "      ")
    if e.expect_event is None:
        return
    by = f" (by {when(e.expect_by, zone)})" if e.expect_by is not None else ""
    if e.actioned and e.actioned_at is not None:
        verdict = f"actioned at {when(e.actioned_at, zone)}"
    elif e.due_for_judging:
        verdict = "not actioned"
    else:
        verdict = "not yet: the window is still open at as-of"
    out.wrap(f"expected {e.expect_event} within {e.expect_within}{by}: {verdict}",
             "    ", "      ")
