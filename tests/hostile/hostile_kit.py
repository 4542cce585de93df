"""Shared by the hostile, privacy and determinism tests: run the CLI in-process, generate inputs.

``invoke(argv)`` runs ``slakit.cli.run`` with standard input, output and error captured (no
subprocess: the fuzz suite runs thousands of commands). ``fuzz_case`` does the same, checks the
universal contract (exit 0, 1 or 2, a message when it is not 0, never a traceback or an
internal error) and counts the case for the "fuzz cases: N" line of the test summary.

The Hypothesis strategies build SLA documents (valid-ish, then mutated: wrong types, missing
keys, unicode, huge numbers, empty lists, deep nesting, YAML tricks, raw byte damage) and event
exports (random columns, ragged rows, random bytes, odd encodings, extreme timestamps, mixed
offsets, NUL bytes, huge fields, thousands of columns).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

from slakit.cli import run

FUZZ = {"cases": 0, "seconds": 0.0}
"""Generated cases run by the fuzz tests (printed by conftest's terminal summary)."""


@dataclass(frozen=True)
class Outcome:
    """What one command did."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """Standard output and error together."""
        return self.out + self.err


class _Stdin(io.TextIOWrapper):
    """A text standard input whose ``.buffer`` yields the given bytes."""


def invoke(argv: Sequence[str], stdin: bytes = b"") -> Outcome:
    """Run ``slakit ARGV`` in-process; return the exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    fake_in = _Stdin(io.BytesIO(stdin), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = fake_in
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(argv))
    finally:
        sys.stdin = saved
    return Outcome(code, out.getvalue(), err.getvalue())


def check_contract(outcome: Outcome, argv: Sequence[str]) -> None:
    """Assert CLI.md's promise: exit 0, 1 or 2, a message on failure, no traceback ever."""
    shown = f"slakit {' '.join(map(repr, argv))}\n--- out\n{outcome.out[-2000:]}\n" \
        f"--- err\n{outcome.err[-2000:]}"
    assert outcome.code in (0, 1, 2), shown
    assert "Traceback (most recent call last)" not in outcome.text, shown
    # An "internal error" is the one-line report of a bug: the suite treats it as a failure.
    assert "internal error" not in outcome.err, shown
    if outcome.code != 0:  # validate reports unreadable files in its report, on stdout
        assert outcome.text.strip(), shown


def fuzz_case(argv: Sequence[str], stdin: bytes = b"") -> Outcome:
    """Run one generated case, check the contract and count it."""
    started = time.perf_counter()
    outcome = invoke(argv, stdin)
    FUZZ["seconds"] += time.perf_counter() - started
    FUZZ["cases"] += 1
    check_contract(outcome, argv)
    return outcome


def check_rows(report: dict[str, Any]) -> None:
    """LANGUAGE.md "Nothing is lost": every row is used, skipped, duplicate or after as-of."""
    i = report["input"]
    assert i["rows"] == i["used_rows"] + i["skipped_rows"] + i["duplicate_rows"] + \
        i["after_as_of_rows"], i
    assert min(i["used_rows"], i["skipped_rows"], i["duplicate_rows"],
               i["after_as_of_rows"]) >= 0, i


def parse_json(text: str) -> Any:
    """Parse a JSON output, failing with the text shown."""
    try:
        return json.loads(text)
    except ValueError as e:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"not JSON: {e}\n{text[:2000]}") from e


# -- values ------------------------------------------------------------------------------------

HOSTILE_TEXT = (
    "\x1b[2J\x1b[H", "\x1b]0;owned\x07", "\x9b31m", "=HYPERLINK(\"http://x\")", "+1+1", "-2",
    "@SUM(A1)", "\tlead", "\rlead", "a|b", "`rm -rf`", "<script>alert(1)</script>",
    "\"quoted\"", "'", "%0A%25", "line\nbreak", "crlf\r\n::error::owned", "\x00nul",
    "\u202eevil", "\ufeffbom", "\ud7ff", "é", "ß", "😀", "\u0000", "\\", "{{x}}", "${x}",
    "]]>", "&amp;", "*bold*", "[link](http://x)", " ", "",
)
"""Text that attacks one output format or another."""

unicode_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
hostile_text = st.one_of(st.sampled_from(HOSTILE_TEXT), unicode_text)
huge_numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([10**400, -(10**400), 2**63, 2**63 - 1, -(2**63), 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), huge_numbers, hostile_text,
)
junk_values: st.SearchStrategy[Any] = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(hostile_text, scalars, max_size=3),
    st.just([]), st.just({}),
)


# -- documents -----------------------------------------------------------------------------------

EVENTS = ("lead_received", "assigned", "call_attempt", "sms_sent", "contacted", "outcome")
ZONES = ("UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Kiritimati",
         "Not/AZone", "")
DURATIONS = ("15m", "1h", "30s", "2bd", "1d", "24h", "0m", "90m", "1bd", "7bd", "-1h",
             "99999999h", "1.5h", "15", "m", "")
PERCENTS = ("95%", "100%", "0%", "50%", "80%", "101%", "-5%", 0.9, 95, "x%")
idents = st.one_of(
    st.sampled_from(["t1", "speed", "follow-up", "a", "x_y", "with space", "", "T-1"]),
    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
)
refs = st.one_of(st.sampled_from(EVENTS), st.sampled_from(["got", "tried", "done", "nope"]))


def _spans() -> st.SearchStrategy[Any]:
    span = st.sampled_from(["08:00-12:00", "13:00-18:00", "00:00-24:00", "22:00-06:00",
                            "9-5", "25:00-26:00", "12:00-12:00", "closed"])
    return st.one_of(span, st.lists(span, min_size=1, max_size=3))


@st.composite
def _calendar(draw: st.DrawFn) -> dict[str, Any]:
    cal: dict[str, Any] = {"hours": draw(st.dictionaries(
        st.sampled_from(["mon-fri", "sat", "sun", "mon-sun", "fri-mon", "monday", "xyz"]),
        _spans(), min_size=0, max_size=3))}
    if draw(st.booleans()):
        cal["timezone"] = draw(st.sampled_from(ZONES))
    if draw(st.booleans()):
        cal["holidays"] = {"country": draw(st.sampled_from(["US", "GB", "ZZ", "us", ""])),
                           **({"subdivision": "NY"} if draw(st.booleans()) else {}),
                           "include": draw(st.lists(st.sampled_from(
                               ["2026-03-03", "2026-02-30", "0001-01-01", "9999-12-31"]),
                               max_size=2))}
    if draw(st.booleans()):
        cal["overrides"] = {draw(st.sampled_from(["2026-03-04", "2026-13-01"])):
                            draw(st.sampled_from(["closed", "08:00-12:00", "x"]))}
    return cal


@st.composite
def _target(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["response", "response", "cadence", "quality", "other"]))
    t: dict[str, Any] = {"id": draw(idents)}
    if kind != "response" or draw(st.booleans()):
        t["kind"] = kind
    if kind == "cadence":
        t.update(start=draw(refs), attempts=draw(refs),
                 schedule=draw(st.lists(st.sampled_from(DURATIONS), max_size=4)))
        if draw(st.booleans()):
            t["until"] = draw(st.lists(refs, min_size=1, max_size=2))
    elif kind == "quality":
        if draw(st.booleans()):
            t["on"] = draw(refs)
        else:
            t["each"] = {"event": draw(st.lists(st.sampled_from(EVENTS), min_size=1, max_size=2))}
            t["allow"] = {"template": draw(st.lists(hostile_text, max_size=2))}
        t["require"] = draw(st.lists(st.sampled_from(
            ["outcome", "reason_code|next_step_date", "phone|email", "team", "a||b"]), max_size=2))
    else:
        t.update(start=draw(refs), stop=draw(refs), within=draw(st.sampled_from(DURATIONS)))
        if draw(st.booleans()):
            t["cancel"] = draw(refs)
        if draw(st.booleans()):
            t["warn"] = draw(st.sampled_from(PERCENTS))
        if draw(st.booleans()):
            t["after_hours"] = draw(st.sampled_from(DURATIONS))
        if draw(st.booleans()):
            t["pause"] = {"from": draw(refs), "to": draw(refs)}
    if draw(st.booleans()):
        t["objective"] = draw(st.sampled_from(PERCENTS))
    if draw(st.booleans()):
        t["title"] = draw(hostile_text)
    if draw(st.booleans()):
        t["for"] = {draw(st.sampled_from(["channel", "lead_type", "phone"])):
                    draw(st.lists(hostile_text, min_size=1, max_size=2))}
    if draw(st.booleans()):
        t["calendar"] = draw(st.sampled_from(["desk", "24x7", "nowhere"]))
    return t


@st.composite
def valid_ish_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A document close to valid: right shape, random choices, some wrong references."""
    doc: dict[str, Any] = {"slakit": draw(st.sampled_from([1, 1, 1, 2, "1"])),
                           "name": draw(idents)}
    if draw(st.booleans()):
        doc["title"] = draw(hostile_text)
    if draw(st.booleans()):
        doc["timezone"] = draw(st.sampled_from(ZONES))
    if draw(st.booleans()):
        doc["source"] = draw(st.fixed_dictionaries({}, optional={
            "nulls": st.lists(hostile_text, max_size=3),
            "pii": st.lists(st.sampled_from(["insurance_id", "notes", "channel"]), max_size=2),
            "events": st.dictionaries(hostile_text, st.sampled_from(EVENTS), max_size=2),
            "timestamp_format": st.sampled_from(["%Y-%m-%d %H:%M", "%m/%d/%Y", "%Q", "", "%"]),
            "delimiter": st.sampled_from([",", ";", "tab", "\"", "ab", ""]),
            "encoding": st.sampled_from(["utf-8", "cp1252", "utf-16", "rot13", "nope"]),
            "order": st.sampled_from(["oldest-first", "newest-first", "random"]),
        }))
    if draw(st.booleans()):
        doc["calendars"] = {"desk": draw(_calendar())}
    if draw(st.booleans()):
        doc["definitions"] = {
            "got": {"event": "lead_received",
                    **({"require": ["phone|email"]} if draw(st.booleans()) else {})},
            "tried": {"event": ["call_attempt", "sms_sent"]},
            "done": {"event": "outcome",
                     **({"where": {"outcome": ["booked", "lost"]}} if draw(st.booleans())
                        else {})},
        }
    if draw(st.booleans()):
        doc["routing"] = {"rules": [{"name": draw(hostile_text) or "r", "team": draw(hostile_text)
                                     or "team", "calendar": draw(st.sampled_from(
                                         ["desk", "24x7", "nowhere"]))}]}
        if draw(st.booleans()):
            doc["routing"]["check"] = {"on": "assigned", "field": "team"}
    doc["targets"] = draw(st.lists(_target(), min_size=0, max_size=3))
    if draw(st.booleans()):
        doc["escalations"] = [draw(st.sampled_from([
            {"id": "e1", "when": {"count": "call_attempt", "reaches": 3, "without": "contacted"},
             "action": "review"},
            {"id": "e2", "when": {"since": "lead_received", "without": "call_attempt",
                                  "over": "2bd"}, "action": "reassign"},
            {"id": "e3", "when": {"unmet": ["phone|email"], "after": "1h"}, "action": "fix"},
            {"id": "e4", "when": {"target": "t1", "at": "80%"}, "action": "notify"},
        ]))]
    if draw(st.booleans()):
        doc["duplicates"] = {"match": ["phone", "email"], "within": draw(
            st.sampled_from(DURATIONS))}
    if draw(st.booleans()):
        doc["stages"] = draw(st.lists(refs, max_size=3))
    if draw(st.booleans()):
        doc["report"] = {"by": draw(st.lists(st.sampled_from(["channel", "team", "phone"]),
                                             max_size=2))}
    return doc


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _deep(depth: int, leaf: Any) -> Any:
    for i in range(depth):
        leaf = [leaf] if i % 2 else {"k": leaf}
    return leaf


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid-ish document with up to three random structural mutations."""
    doc = draw(valid_ish_documents())
    for _ in range(draw(st.integers(0, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths[1:] or paths))
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        op = draw(st.sampled_from(["replace", "replace", "delete", "deep", "unknown", "empty"]))
        if not path:
            break
        last = path[-1]
        if op == "delete":
            del parent[last]
        elif op == "replace":
            parent[last] = draw(junk_values)
        elif op == "deep":
            parent[last] = _deep(draw(st.sampled_from([10, 63, 70, 200])), parent[last])
        elif op == "empty":
            parent[last] = draw(st.sampled_from([[], {}, "", None]))
        elif isinstance(parent, dict):
            parent[draw(hostile_text)] = draw(scalars)
    return doc


YAML_SNIPPETS = (
    "&a ", "*a", "*nope", "!!python/object/apply:os.system ['echo owned']", "!!binary aGk=",
    "!custom ", "<<: *a\n", "\t", "\x00", "\ufeff", "\n---\n", "\n...\n", "%YAML 1.1\n", ": :",
    "{", "[", "'", '"', "\\", "? ", "|\n", ">-\n", "\r", "\x85", "\u2028", "#", "- ", "@", "`",
    "!!python/name:os.system", "!!set {a, b}", "!!timestamp 2026-01-01", "0x1F", "1e400",
    ".inf", "~", "010", "on", "yes", "2026-03-08",
)


def dump(doc: Any, *, flow: bool, unicode: bool) -> str:
    """Serialise a generated document as YAML text."""
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=flow, allow_unicode=unicode,
                          width=10**6)


@st.composite
def document_bytes(draw: st.DrawFn) -> bytes:
    """The bytes of a document file: valid-ish or mutated, then maybe damaged as text/bytes."""
    doc = draw(st.one_of(valid_ish_documents(), mutated_documents()))
    text = dump(doc, flow=draw(st.booleans()), unicode=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(YAML_SNIPPETS)) + text[at:]
    data = text.encode("utf-8", errors="surrogatepass")
    damage = draw(st.sampled_from(["none"] * 6 + ["bytes", "truncate", "utf16", "latin1",
                                                  "bom", "crlf"]))
    if damage == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "utf16":
        data = text.encode("utf-16", errors="surrogatepass")
    elif damage == "latin1":
        data = text.encode("latin-1", errors="replace")
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "crlf":
        data = data.replace(b"\n", b"\r\n")
    return data


# -- exports ---------------------------------------------------------------------------------------

FUZZ_DOC = """\
slakit: 1
name: fuzz
title: Fuzz target
timezone: America/New_York
source:
  nulls: ["", "N/A"]
  pii: [insurance_id]
calendars:
  desk:
    hours: {mon-fri: ["08:00-12:00", "13:00-18:00"], sat: "22:00-02:00"}
definitions:
  got: {event: lead_received, require: [phone|email]}
  tried: {event: [call_attempt, sms_sent]}
  done: {event: outcome, where: {outcome: [booked, lost]}}
closed: done
routing:
  check: {on: assigned, field: team}
  rules:
    - {name: web, when: {channel: web}, team: web-team, calendar: desk}
    - {name: rest, team: inside, calendar: 24x7}
stages: [got, tried, done]
targets:
  - {id: speed, start: got, stop: tried, cancel: done, within: 15m, after_hours: 1h,
     warn: 80%, objective: 90%}
  - {id: cadence, kind: cadence, start: got, attempts: tried, schedule: [15m, 4h, 1bd],
     until: [contacted, done], objective: 80%}
  - {id: documented, kind: quality, on: done, require: [outcome, reason_code|insurance_id],
     objective: 90%}
  - {id: messaging, kind: quality, each: {event: sms_sent}, allow: {template: [ok-v1]}}
escalations:
  - {id: unreached, when: {count: tried, reaches: 2, without: contacted}, action: review,
     expect: {event: supervisor_review, within: 4h}}
  - {id: stalled, when: {since: got, without: tried, over: 1bd}, action: reassign}
  - {id: no-contact, when: {unmet: [phone|email], after: 1h}, action: cleanup}
duplicates: {match: [phone, email], within: 30d}
outcomes: {field: outcome, values: {booked: won, lost: lost}, reason: reason_code}
report: {by: [channel], aging: [1bd, 3bd]}
"""
"""The document the export fuzzing evaluates: every section, small enough to load quickly."""

WIDE_DOC = """\
slakit: 1
name: fuzz-wide
timezone: UTC
source:
  shape: wide
  order: newest-first
  columns: {lead_id: Lead ID}
  milestones: {lead_received: Created, call_attempt: First Call}
  timestamp_format: ["%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S"]
targets:
  - {id: speed, start: lead_received, stop: call_attempt, within: 1h, objective: 50%}
"""
"""A wide-shape document with strftime formats."""

COLUMNS = ("lead_id", "event", "timestamp", "channel", "team", "template", "outcome",
           "reason_code", "phone", "email", "insurance_id")
LEADS = ("L1", "L2", "L3", "L4", "=L5", " L1 ", "", "N/A", "\x1b[2J", "l1")
YEARS = (1, 1899, 1900, 1970, 2026, 2026, 2026, 2026, 2199, 2200, 9999)
OFFSETS = ("", "Z", "+00:00", "-05:00", "-04:00", "+14:00", "-12:00", "+05:30", "+0530",
           "+25:00", "-00:00", " UTC", "+05")


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    """ISO-ish timestamps: mostly plausible, some at years 0001/9999, odd offsets, garbage."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.one_of(
            st.sampled_from(["", " ", "N/A", "not a time", "2026-02-30", "2026-03-08 02:30",
                             "2026-11-01T01:30", "1700000000", "24:00", "2026-03-02T24:00:00",
                             "03/02/2026 09:15", "2026-03-02 09:15:00", "0001-01-01T00:00:00Z",
                             "9999-12-31T23:59:59-12:00", "9999-12-31T23:59:59.999999+14:00",
                             "2026-W10-1", "+002026-03-02"]),
            unicode_text))
    year = draw(st.sampled_from(YEARS))
    month = draw(st.sampled_from([3, 3, 3, 1, 12, 2]))
    day = draw(st.integers(1, 31 if month != 2 else 29))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    sep = draw(st.sampled_from(["T", "T", " "]))
    frac = draw(st.sampled_from(["", "", ":00", ":59.123456", ".5"]))
    return f"{year:04d}-{month:02d}-{day:02d}{sep}{hour:02d}:{minute:02d}{frac}" + \
        draw(st.sampled_from(OFFSETS))


STAMP_GARBAGE = (
    "", " ", "N/A", "not a time", "2026-02-30", "2026-03-08 02:30", "2026-11-01T01:30",
    "1700000000", "24:00", "2026-03-02T24:00:00", "03/02/2026 09:15", "2026-03-02 09:15:00",
    "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00", "9999-12-31T23:59:59.999999+14:00",
    "2026-W10-1", "+002026-03-02",
)


def random_text(rng: random.Random) -> str:
    """Hostile or random unicode text (no surrogates), cheaply."""
    if rng.random() < 0.5:
        return rng.choice(HOSTILE_TEXT)
    ranges = ((0x20, 0x7F), (0x00, 0x20), (0x80, 0x800), (0x800, 0xD800), (0xE000, 0x110000))
    return "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(10)))


def random_timestamp(rng: random.Random) -> str:
    """Like ``timestamps()``, from a seeded ``Random`` (exports draw hundreds of cells)."""
    if rng.random() < 0.1:
        return rng.choice(STAMP_GARBAGE) if rng.random() < 0.7 else random_text(rng)
    month = rng.choice([3, 3, 3, 1, 12, 2])
    day = rng.randint(1, 31 if month != 2 else 29)
    return (f"{rng.choice(YEARS):04d}-{month:02d}-{day:02d}{rng.choice('TT ')}"
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
            f"{rng.choice(['', '', ':00', ':59.123456', '.5'])}{rng.choice(OFFSETS)}")


CELLS = {
    "lead_id": LEADS,
    "event": (*EVENTS, "supervisor_review", "N/A"),
    "phone": ("555-010-1111", "(555) 010-2222", "+1 555 010 1111", "", "x"),
    "email": ("a@example.org", "A@Example.org", "", "b@example.org"),
}
PLAIN = ("web", "phone", "ok-v1", "booked", "lost", "inside", "web-team", "")


def random_cell(rng: random.Random, column: str) -> str:
    """A cell of ``column``: mostly meaningful values, some hostile text."""
    if column == "timestamp":
        return random_timestamp(rng)
    if rng.random() < 0.2:
        return random_text(rng)
    return rng.choice(CELLS.get(column, PLAIN))


BIG_FIELD = "x" * 1_000_000
"""A 1 MB cell."""
MANY_COLUMNS = tuple(f"col{i}" for i in range(10_000))
"""Ten thousand extra columns."""


@st.composite
def export_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """One export file: (suffix, bytes), built as CSV then maybe re-encoded, damaged, gzipped."""
    header = list(COLUMNS)
    for _ in range(draw(st.integers(0, 2))):  # missing, renamed or extra columns
        header.pop(draw(st.integers(0, len(header) - 1)))
    header += draw(st.lists(st.one_of(hostile_text, st.sampled_from(
        ["first_name", "MRN", "Date of Birth", "lead_id", "timestamp "])), max_size=2))
    header = draw(st.permutations(header))
    many = draw(st.integers(0, 40)) == 0
    if many:
        header = [*header, *MANY_COLUMNS]
    rng = draw(st.randoms(use_true_random=True))
    rows: list[list[str]] = []
    for _ in range(draw(st.integers(0, 14))):
        row = [random_cell(rng, c) if not many or i < 12 else "" for i, c in enumerate(header)]
        shape = rng.randrange(16)
        if shape == 0:
            row = row[: rng.randrange(len(row) + 1)]  # ragged: too few
        elif shape == 1:
            row = [*row, "extra"]  # ragged: too many
        elif shape == 2 and not many and rng.random() < 0.2:
            row[rng.randrange(len(row))] = BIG_FIELD
        rows.append(row)
    delimiter = draw(st.sampled_from([",", ",", ",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline,
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    if draw(st.integers(0, 30)):
        writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "cp1252", "utf-16",
                                                     "latin-1"]))
    data = text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")
    damage = draw(st.sampled_from(["none"] * 8 + ["nul", "bytes", "truncate", "empty"]))
    if damage == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    elif damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "empty":
        data = b""
    suffix = ".csv"
    if draw(st.integers(0, 9)) == 0:
        data, suffix = gzip.compress(data, mtime=0), ".csv.gz"
    return suffix, data
