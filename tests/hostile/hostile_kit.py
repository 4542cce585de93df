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
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
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


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters that must never reach a terminal raw (tab and newline may)."""


def check_inert(text: str, where: str) -> None:
    """Assert that ``text`` holds no control character a terminal would obey."""
    found = CONTROL.search(text)
    assert found is None, f"{where}: raw {found.group()!r} at {found.start()}: " \
        f"{text[max(0, found.start() - 80): found.start() + 40]!r}"


def fuzz_case(argv: Sequence[str], stdin: bytes = b"") -> Outcome:
    """Run one generated case, check the contract and count it."""
    started = time.perf_counter()
    outcome = invoke(argv, stdin)
    FUZZ["seconds"] += time.perf_counter() - started
    FUZZ["cases"] += 1
    try:
        check_contract(outcome, argv)
        check_inert(outcome.err, "standard error")
    except AssertionError:
        _keep(argv, stdin)
        raise
    return outcome


def _keep(argv: Sequence[str], stdin: bytes) -> None:
    """Copy a failing case's files to $SLAKIT_FUZZ_KEEP (a folder) to replay it by hand."""
    folder = os.environ.get("SLAKIT_FUZZ_KEEP")
    if not folder:
        return
    keep = Path(folder)
    keep.mkdir(parents=True, exist_ok=True)
    for arg in argv:
        path = Path(arg.partition("=")[2] or arg) if "=" in arg else Path(arg)
        with contextlib.suppress(OSError):
            if path.is_file():
                shutil.copy(path, keep / path.name)
    (keep / "stdin.bin").write_bytes(stdin)
    (keep / "argv.json").write_text(json.dumps(list(argv)), encoding="utf-8")


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


# -- documents -----------------------------------------------------------------------------------
# Built from a seeded ``Random`` that Hypothesis draws (``st.randoms``): a document has dozens of
# choices, and drawing each through Hypothesis costs more than running slakit on the result.
# A failing case still replays (the seed is in Hypothesis's database) and prints its bytes.

EVENTS = ("lead_received", "assigned", "call_attempt", "sms_sent", "contacted", "outcome")
ZONES = ("UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Kiritimati",
         "Not/AZone", "")
DURATIONS = ("15m", "1h", "30s", "2bd", "1d", "24h", "0m", "90m", "1bd", "7bd", "-1h",
             "99999999h", "1.5h", "15", "m", "")
PERCENTS = ("95%", "100%", "0%", "50%", "80%", "101%", "-5%", 0.9, 95, "x%")
IDS = ("t1", "speed", "follow-up", "a", "x_y", "with space", "", "T-1", "9", "a.b")
REFS = (*EVENTS, "got", "tried", "done", "nope")
SPANS = ("08:00-12:00", "13:00-18:00", "00:00-24:00", "22:00-06:00", "9-5", "25:00-26:00",
         "12:00-12:00", "closed", "18:00-00:00")
DAYS = ("mon-fri", "sat", "sun", "mon-sun", "fri-mon", "monday", "xyz")
HUGE = (10**400, -(10**400), 2**63, 2**63 - 1, -(2**63), 0, -1, 2**70, float("inf"),
        float("-inf"), float("nan"), 1e308, -0.0)


def random_text(rng: random.Random) -> str:
    """Hostile or random unicode text (no surrogates), cheaply."""
    if rng.random() < 0.5:
        return rng.choice(HOSTILE_TEXT)
    ranges = ((0x20, 0x7F), (0x00, 0x20), (0x80, 0x800), (0x800, 0xD800), (0xE000, 0x110000))
    return "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(10)))


def _maybe(rng: random.Random, p: float = 0.5) -> bool:
    return rng.random() < p


def random_scalar(rng: random.Random) -> Any:
    """None, a boolean, a huge or odd number, or hostile text."""
    kind = rng.randrange(5)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.choice(HUGE)
    if kind == 2:
        return rng.randint(-(2**70), 2**70)
    return random_text(rng)


def random_junk(rng: random.Random) -> Any:
    """A value of any shape: scalar, short list, small mapping, empty container."""
    kind = rng.randrange(6)
    if kind == 0:
        return [random_scalar(rng) for _ in range(rng.randrange(4))]
    if kind == 1:
        return {random_text(rng): random_scalar(rng) for _ in range(rng.randrange(4))}
    if kind == 2:
        return rng.choice([[], {}, "", None])
    return random_scalar(rng)


def _spans(rng: random.Random) -> Any:
    return rng.choice(SPANS) if _maybe(rng) else rng.sample(SPANS, rng.randint(1, 3))


def _calendar(rng: random.Random) -> dict[str, Any]:
    cal: dict[str, Any] = {"hours": {rng.choice(DAYS): _spans(rng)
                                     for _ in range(rng.randrange(4))}}
    if _maybe(rng):
        cal["timezone"] = rng.choice(ZONES)
    if _maybe(rng):
        cal["holidays"] = {"country": rng.choice(["US", "GB", "ZZ", "us", ""]),
                           **({"subdivision": "NY"} if _maybe(rng) else {}),
                           "include": rng.sample(["2026-03-03", "2026-02-30", "0001-01-01",
                                                  "9999-12-31"], rng.randrange(3))}
    if _maybe(rng):
        cal["overrides"] = {rng.choice(["2026-03-04", "2026-13-01"]):
                            rng.choice(["closed", "08:00-12:00", "x"])}
    return cal


def _target(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(["response", "response", "cadence", "quality", "other"])
    t: dict[str, Any] = {"id": rng.choice(IDS)}
    if kind != "response" or _maybe(rng):
        t["kind"] = kind
    if kind == "cadence":
        t.update(start=rng.choice(REFS), attempts=rng.choice(REFS),
                 schedule=[rng.choice(DURATIONS) for _ in range(rng.randrange(5))])
        if _maybe(rng):
            t["until"] = rng.sample(REFS, rng.randint(1, 2))
    elif kind == "quality":
        if _maybe(rng):
            t["on"] = rng.choice(REFS)
        else:
            t["each"] = {"event": rng.sample(EVENTS, rng.randint(1, 2))}
            t["allow"] = {"template": [random_text(rng) for _ in range(rng.randrange(3))]}
        t["require"] = rng.sample(["outcome", "reason_code|next_step_date", "phone|email",
                                   "team", "a||b"], rng.randrange(3))
    else:
        t.update(start=rng.choice(REFS), stop=rng.choice(REFS), within=rng.choice(DURATIONS))
        if _maybe(rng):
            t["cancel"] = rng.choice(REFS)
        if _maybe(rng):
            t["warn"] = rng.choice(PERCENTS)
        if _maybe(rng):
            t["after_hours"] = rng.choice(DURATIONS)
        if _maybe(rng, 0.3):
            t["pause"] = {"from": rng.choice(REFS), "to": rng.choice(REFS)}
    if _maybe(rng):
        t["objective"] = rng.choice(PERCENTS)
    if _maybe(rng):
        t["title"] = random_text(rng)
    if _maybe(rng, 0.3):
        t["for"] = {rng.choice(["channel", "lead_type", "phone"]):
                    [random_text(rng) for _ in range(rng.randint(1, 2))]}
    if _maybe(rng, 0.3):
        t["calendar"] = rng.choice(["desk", "24x7", "nowhere"])
    return t


ESCALATIONS = (
    {"id": "e1", "when": {"count": "call_attempt", "reaches": 3, "without": "contacted"},
     "action": "review", "expect": {"event": "contacted", "within": "4h"}},
    {"id": "e2", "when": {"since": "lead_received", "without": "call_attempt", "over": "2bd"},
     "action": "reassign"},
    {"id": "e3", "when": {"unmet": ["phone|email"], "after": "1h"}, "action": "fix"},
    {"id": "e4", "when": {"target": "t1", "at": "80%"}, "action": "notify"},
    {"id": "e5", "when": {"nope": 1}, "action": ""},
)


def random_document(rng: random.Random) -> dict[str, Any]:
    """A document close to valid: right shape, random choices, some wrong references."""
    doc: dict[str, Any] = {"slakit": rng.choice([1, 1, 1, 2, "1"]), "name": rng.choice(IDS)}
    if _maybe(rng):
        doc["title"] = random_text(rng)
    if _maybe(rng):
        doc["timezone"] = rng.choice(ZONES)
    if _maybe(rng, 0.3):
        options: dict[str, Any] = {
            "nulls": [random_text(rng) for _ in range(rng.randrange(3))],
            "pii": rng.sample(["insurance_id", "notes", "channel"], rng.randrange(3)),
            "events": {random_text(rng): rng.choice(EVENTS) for _ in range(rng.randrange(3))},
            "timestamp_format": rng.choice(["%Y-%m-%d %H:%M", "%m/%d/%Y", "%Q", "", "%"]),
            "delimiter": rng.choice([",", ";", "tab", "\"", "ab", ""]),
            "encoding": rng.choice(["utf-8", "cp1252", "utf-16", "rot13", "nope"]),
            "order": rng.choice(["oldest-first", "newest-first", "random"]),
            "shape": rng.choice(["long", "wide", "tall"]),
        }
        doc["source"] = {k: v for k, v in options.items() if _maybe(rng, 0.3)}
    if _maybe(rng):
        doc["calendars"] = {"desk": _calendar(rng)}
    if _maybe(rng):
        doc["definitions"] = {
            "got": {"event": "lead_received", **({"require": ["phone|email"]}
                                                 if _maybe(rng) else {})},
            "tried": {"event": ["call_attempt", "sms_sent"]},
            "done": {"event": "outcome", **({"where": {"outcome": ["booked", "lost"]}}
                                            if _maybe(rng) else {})},
        }
    if _maybe(rng):
        doc["routing"] = {"rules": [{"name": random_text(rng) or "r",
                                     "team": random_text(rng) or "team",
                                     "calendar": rng.choice(["desk", "24x7", "nowhere"])}]}
        if _maybe(rng):
            doc["routing"]["check"] = {"on": "assigned", "field": "team"}
    doc["targets"] = [_target(rng) for _ in range(rng.randrange(4))]
    if _maybe(rng):
        doc["escalations"] = rng.sample(ESCALATIONS, rng.randint(1, 2))
    if _maybe(rng, 0.3):
        doc["duplicates"] = {"match": ["phone", "email"], "within": rng.choice(DURATIONS)}
    if _maybe(rng, 0.3):
        doc["stages"] = rng.sample(REFS, rng.randrange(4))
    if _maybe(rng, 0.3):
        doc["report"] = {"by": rng.sample(["channel", "team", "phone"], rng.randrange(3))}
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


def mutate(rng: random.Random, doc: dict[str, Any]) -> dict[str, Any]:
    """Apply up to three structural mutations: replace, delete, nest deeply, add, empty."""
    for _ in range(rng.randrange(4)):
        path = rng.choice(_paths(doc)[1:] or [()])
        if not path:
            break
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        op = rng.choice(["replace", "replace", "delete", "deep", "unknown", "empty"])
        if op == "delete":
            del parent[last]
        elif op == "replace":
            parent[last] = random_junk(rng)
        elif op == "deep":  # past the loader's 64; deeper is tested as text (yaml.dump recurses)
            parent[last] = _deep(rng.choice([10, 63, 65, 70, 100]), parent[last])
        elif op == "empty":
            parent[last] = rng.choice([[], {}, "", None])
        elif isinstance(parent, dict):
            parent[random_text(rng)] = random_scalar(rng)
    return doc


def _document(rng: random.Random) -> dict[str, Any]:
    doc = random_document(rng)
    return mutate(rng, doc) if _maybe(rng) else doc


valid_ish_documents = st.randoms(use_true_random=True).map(random_document)
"""Documents close to valid."""
mutated_documents = st.randoms(use_true_random=True).map(
    lambda rng: mutate(rng, random_document(rng)))
"""Documents with up to three structural mutations."""

YAML_SNIPPETS = (
    "&a ", "*a", "*nope", "!!python/object/apply:os.system ['echo owned']", "!!binary aGk=",
    "!custom ", "<<: *a\n", "\t", "\x00", "\ufeff", "\n---\n", "\n...\n", "%YAML 1.1\n", ": :",
    "{", "[", "'", '"', "\\", "? ", "|\n", ">-\n", "\r", "\x85", "\u2028", "#", "- ", "@", "`",
    "!!python/name:os.system", "!!set {a, b}", "!!timestamp 2026-01-01", "0x1F", "1e400",
    ".inf", "~", "010", "on", "yes", "2026-03-08",
)


def dump(doc: Any, *, flow: bool, unicode: bool) -> str:
    """Serialise a generated document as YAML text (libyaml's emitter when installed)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, default_flow_style=flow,
                     allow_unicode=unicode, width=10**6)


def document_text(rng: random.Random) -> bytes:
    """The bytes of a document file: valid-ish or mutated, then maybe damaged as text/bytes."""
    text = dump(_document(rng), flow=_maybe(rng), unicode=_maybe(rng))
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(YAML_SNIPPETS) + text[at:]
    data = text.encode("utf-8", errors="surrogatepass")
    damage = rng.choice(["none"] * 6 + ["bytes", "truncate", "utf16", "latin1", "bom", "crlf"])
    if damage == "bytes":
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.randbytes(rng.randint(1, 8)) + data[at:]
    elif damage == "truncate":
        data = data[: rng.randrange(len(data) + 1)]
    elif damage == "utf16":
        data = text.encode("utf-16", errors="surrogatepass")
    elif damage == "latin1":
        data = text.encode("latin-1", errors="replace")
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "crlf":
        data = data.replace(b"\n", b"\r\n")
    return data


document_bytes = st.randoms(use_true_random=True).map(document_text)
"""The bytes of a document file, sometimes damaged."""


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
