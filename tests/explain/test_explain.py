"""``slakit explain``: unknown leads, privacy, pseudonyms, and the clock adding up."""

from __future__ import annotations

import csv
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from cli_kit import write_case

from slakit.cli import run
from slakit.compile import compile_document
from slakit.engine.lead import lead_of, lead_slices
from slakit.engine.reference import default_as_of, judge_lead
from slakit.evaluation import pseudonym
from slakit.loader import load
from slakit.reader import read_events
from slakit.story import FORMATS, UnknownLead, explain
from slakit.story.build import Privacy, Source, build
from slakit.story.timeline import run_time

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "consult-follow-up"
SLA = str(EXAMPLE / "consult.sla.yaml")
EVENTS = str(EXAMPLE / "events.csv")
SCENARIOS = [f"L-9000{n:02d}" for n in range(1, 53)]


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["explain", SLA, EVENTS, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_unknown_lead_exits_2_with_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(["--lead", "L-90001"], capsys)
    assert code == 2
    assert out == ""
    assert "no lead 'L-90001'" in err
    assert "did you mean" in err and "L-900001" in err


def test_a_pasted_lead_id_is_trimmed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--lead", "  L-900001 \t", "-f", "json"], capsys)
    assert code == 0 and json.loads(out)["lead"]["id"] == "L-900001"
    code, _, err = cli(["--lead", "   "], capsys)
    assert code == 2 and "lead is empty" in err


def test_every_target_names_the_clock_of_its_results_row() -> None:
    # --results says which calendar a row's minutes ran on, also where no clock ran
    # (not applicable, quality): explain names the same one.
    import slakit

    evaluation = slakit.evaluate(SLA, [EVENTS])
    rows = csv.DictReader(evaluation.render("csv").splitlines())
    calendars = {(r["lead_id"], r["target"]): r["calendar"] for r in rows}
    for lead in ("L-900001", "L-900013", "L-100112", "L-900040"):
        story = explain(SLA, [EVENTS], lead)
        for t in story.targets:
            assert t.clock == calendars[(lead, t.id)], (lead, t.id)
    assert any(t.status == "not_applicable" for lead in ("L-900001", "L-900013", "L-100112",
               "L-900040") for t in explain(SLA, [EVENTS], lead).targets)


def test_unknown_lead_without_any_close_match(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["--lead", "zzzzzzzzzzzzzzzzzzzz"], capsys)
    assert code == 2
    assert "no lead 'zzzzzzzzzzzzzzzzzzzz' in the input" in err
    assert "did you mean" not in err


def test_unknown_lead_error_carries_suggestions() -> None:
    with pytest.raises(UnknownLead) as info:
        explain(SLA, [EVENTS], "L-90002")
    assert info.value.suggestions[0] == "L-900002"
    assert len(info.value.suggestions) <= 5


def test_a_lead_typed_in_the_wrong_case_is_suggested() -> None:
    with pytest.raises(UnknownLead) as info:
        explain(SLA, [EVENTS], "l-900002")
    assert info.value.suggestions == ("L-900002",)  # not its neighbours too


def test_a_short_lead_id_one_character_off_is_suggested(tmp_path: Path) -> None:
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntargets:\n  - {id: t, start: in, stop: call, "
        "within: 1h}\n",
        "lead_id,event,timestamp\nP6,in,2026-03-02T09:00:00Z\n"
        "P8a,in,2026-03-02T09:00:00Z\n",
    )
    with pytest.raises(UnknownLead) as info:
        explain(str(doc), [str(events)], "P7")
    assert info.value.suggestions[0] == "P6"


def test_lead_after_as_of_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["--lead", "L-900045", "--as-of", "2026-03-01T00:00:00-05:00"], capsys)
    assert code == 2
    assert "no event at or before --as-of" in err


def test_unknown_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["--lead", "L-900001", "-f", "html"], capsys)
    assert code == 2
    assert "text, json" in err


def _phi_values() -> dict[str, set[str]]:
    """Every phone and email of every lead, as written in the export."""
    found: dict[str, set[str]] = {}
    with open(EVENTS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("phone", "email"):
                value = (row.get(column) or "").strip()
                if value and value not in ("N/A", "(No value)"):
                    found.setdefault(row["lead_id"], set()).add(value)
    return found


PHI = _phi_values()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_phone_or_email_in_any_story(fmt: str) -> None:
    leads = [*SCENARIOS, "L-100112", "L-100303", "L-100077"]
    for lead in leads:
        if lead not in PHI:
            continue
        text = FORMATS[fmt].render(explain(SLA, [EVENTS], lead))
        for value in PHI[lead]:
            assert value not in text, (lead, value)
        assert "example.org" not in text.lower(), lead
        assert not re.search(r"\b555[-. ]?01\d\d\b", text), lead


def test_show_pii_shows_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--lead", "L-900021", "--show-pii"], capsys)
    assert code == 0
    assert "+1 312 555 0101" in out
    assert "hidden:" not in out


def test_pseudonymize_accepts_raw_id_or_pseudonym(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", "test-key")
    hidden = pseudonym("L-900021", b"test-key")
    original = pseudonym("L-900020", b"test-key")
    outputs = []
    for lead in ("L-900021", hidden):
        code, out, err = cli(["--lead", lead, "--pseudonymize", "-f", "json"], capsys)
        assert code == 0, err
        outputs.append(out)
        assert "L-9000" not in out
        data = json.loads(out)
        assert data["lead"]["id"] == hidden
        assert data["lead"]["duplicate_of"] == original
        assert data["lead"]["pseudonymized"] is True
        assert all(original in t["sentence"] for t in data["targets"])
    assert outputs[0] == outputs[1]


def test_pseudonymized_suggestions_never_show_raw_ids(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", "test-key")
    code, _, err = cli(["--lead", "L-90002", "--pseudonymize"], capsys)
    assert code == 2
    assert pseudonym("L-900002", b"test-key") in err
    assert "L-9000" not in err.replace("'L-90002'", "")


def test_pseudonymize_needs_a_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLAKIT_PSEUDONYM_KEY", raising=False)
    code, _, err = cli(["--lead", "L-900001", "--pseudonymize"], capsys)
    assert code == 2
    assert "SLAKIT_PSEUDONYM_KEY" in err


def test_from_to_marks_a_lead_outside_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--lead", "L-900001", "--from", "2026-04-01", "-f", "json"], capsys)
    assert code == 0
    assert json.loads(out)["lead"]["judged"] is False
    code, out, _ = cli(["--lead", "L-900001", "--from", "2026-04-01"], capsys)
    assert "not judged in this window" in out


def test_as_of_earlier_shows_a_running_clock(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--lead", "L-900001", "--as-of", "2026-03-03T10:13:00-05:00",
                        "-f", "json"], capsys)
    assert code == 0
    speed = json.loads(out)["targets"][0]
    assert speed["status"] == "at_risk"
    assert speed["elapsed_minutes"] == 13.0
    assert speed["sentence"].startswith("at risk: no first_attempt yet; 13m of the 15m budget")


def test_text_has_no_color_in_a_pipe_and_is_inert(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--lead", "L-900029"], capsys)
    assert code == 0
    assert "\x1b" not in out
    assert all(len(line) <= 100 for line in out.splitlines()), max(out.splitlines(), key=len)


def test_color_marks_status_words_only() -> None:
    story = explain(SLA, [EVENTS], "L-900039")
    colored = FORMATS["text"].render(story, color=True)
    assert "\x1b[31mBREACHED\x1b[0m" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == FORMATS["text"].render(story)


def test_every_response_clock_adds_up_to_the_engine_elapsed() -> None:
    """The runs shown (open spans, pauses left out) sum to the engine's elapsed clock time,
    for every lead of the example, and the segments cover start to end without a gap."""
    loaded = load(SLA)
    sla = compile_document(loaded.document)
    table = read_events([EVENTS], sla.read_spec())
    now = default_as_of(table)
    source = Source("t", loaded.sha256, "0", tuple(f.path for f in table.files))
    checked = 0
    for index, lo, hi in lead_slices(table, now):
        story = judge_lead(sla, lead_of(table, index, lo, hi), now, None)
        for target in build(story, sla, source, Privacy()).targets:
            segments = target.segments
            for a, b in pairwise(segments):
                assert a.end == b.start and a.kind != b.kind
            if target.kind == "response" and target.elapsed_us is not None:
                assert not segments or segments[0].start == target.started_at
                assert run_time(segments) == target.elapsed_us, (story.result.lead_id, target.id)
                checked += 1
    assert checked > 600


def test_every_json_key_is_documented() -> None:
    from slakit.story import as_data

    doc = (REPO / "docs" / "explain.md").read_text(encoding="utf-8")
    data = as_data(explain(SLA, [EVENTS], "L-900029"))
    for key in [*data, *data["targets"][0], *data["lead"], *data["routing"]]:
        assert f"`{key}`" in doc or f"`{key}[]`" in doc, key



def test_a_lead_whose_rows_were_all_skipped_is_told_where_they_are(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntargets:\n  - {id: t, start: in, stop: call, "
        "within: 1h}\n",
        "lead_id,event,timestamp\nL1,in,2026-02-02T09:00:00Z\nP2,in,not-a-time\n",
    )
    assert run(["explain", str(doc), str(events), "--lead", "P2"]) == 2
    err = capsys.readouterr().err
    assert "lead 'P2' has no usable row: its one row was skipped" in err
    assert f"{events}:3: cannot read timestamp" in err
    assert run(["explain", str(doc), str(events), "--lead", "P3"]) == 2  # no row at all
    assert "no lead 'P3'" in capsys.readouterr().err


def test_a_window_still_to_come_is_upcoming(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntargets:\n  - {id: c, kind: cadence, start: in, "
        "attempts: call, schedule: [30m, 4h]}\n",
        "lead_id,event,timestamp\nL1,in,2026-02-02T09:00:00Z\n"
        "L2,in,2026-02-02T09:20:00Z\n",
    )
    assert run(["explain", str(doc), str(events), "--lead", "L1"]) == 0
    out = capsys.readouterr().out
    states = re.findall(r"^\s+\d\. .*?(open|upcoming)$", out, re.MULTILINE)
    assert states == ["open", "upcoming"], out


@pytest.mark.parametrize(("events", "said", "due"), [
    ("hold,2026-03-02T09:20:00Z\nA1,call,2026-03-02T09:30:00Z\nA1,resume,2026-03-02T09:40:00Z",
     "the clock ended during a pause that lasted until Mon 2026-03-02 09:40; the due time "
     "allows for all of it", "10:20"),
    ("hold,2026-03-02T09:20:00Z\nA1,call,2026-03-02T09:30:00Z",
     "the clock ended during a pause still open at as-of, so the due time is not known", None),
    # a pause begun after the budget ran out does not push due back: no word of it
    ("hold,2026-03-02T10:30:00Z\nA1,call,2026-03-02T10:45:00Z", None, "10:00"),
])
def test_a_stop_during_a_pause_says_how_long_the_pause_lasted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], events: str, said: str | None,
        due: str | None) -> None:  # fmt: skip
    doc, export = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntimezone: UTC\ntargets:\n  - {id: t, start: in, stop: call, "
        "pause: {from: hold, to: resume}, within: 1h}\n",
        f"lead_id,event,timestamp\nA1,in,2026-03-02T09:00:00Z\nA1,{events}\n",
    )
    assert run(["explain", str(doc), str(export), "--lead", "A1"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (said in out) if said else ("ended during a pause" not in out)
    assert (f"due Mon 2026-03-02 {due}" in out) if due else ("; due Mon" not in out)


SKIPPING = ("slakit: 1\nname: d\ntimezone: UTC\ntargets:\n"
            "  - {id: t, start: lead_received, stop: call_attempt, within: 15m}\n")


def _skipping_export(bad_rows: int) -> str:
    """L1 with a good start, ``bad_rows`` call rows whose time cannot be read and one row
    without an event; L2's bad row; a row without a lead id; a ragged row."""
    return ("lead_id,event,timestamp\n"
            "L1,lead_received,2026-02-02T09:00:00Z\n"
            + "L2,call_attempt,2026-02-02 9h00\n"
            + "L1,call_attempt,2026-02-02 9h05\n" * bad_rows
            + "L1,,2026-02-02T09:06:00Z\n"
            + ",call_attempt,2026-02-02T09:07:00Z\n"
            + "L2,lead_received,2026-02-02T09:00:00Z,extra\n"
            + "L2,lead_received,2026-02-02T09:00:00Z\n")


def test_explain_names_every_skipped_row_of_the_lead(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """A call whose time could not be read is not in the story: in a dispute explain says
    where it is and why, past the 100 rows per reason the findings list."""
    doc, events = write_case(tmp_path, SKIPPING, _skipping_export(120))
    assert run(["explain", str(doc), str(events), "--lead", "L1", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = [(s["row"], s["code"]) for s in data["skipped_rows"]]
    assert rows == [*((r, "bad-timestamp") for r in range(4, 124)), (124, "missing-event")]
    assert data["unattributed_skipped_rows"] == 2  # no lead id, and the ragged row
    assert run(["explain", str(doc), str(events), "--lead", "L1"]) == 0
    text = capsys.readouterr().out
    assert "Skipped rows of this lead (121): not in this story" in text
    assert "e.csv:23 bad-timestamp:" in text and "e.csv:24 " not in text
    assert "  and 101 more (-f json lists every one)" in text
    assert "2 rows of the input name no lead" in text
    assert run(["explain", str(doc), str(events), "--lead", "L2", "-f", "json"]) == 0
    assert [s["row"] for s in json.loads(capsys.readouterr().out)["skipped_rows"]] == [3]


def test_skipped_rows_are_found_by_pseudonym_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """One read (a pipe or standard input cannot be read twice) finds the lead's skipped rows
    whether it is typed raw or as its pseudonym; their messages are not rewritten (a lead id
    such as 2026 is inside a quoted time cell)."""
    import io

    monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", "test-key")
    doc, events = write_case(tmp_path, SKIPPING, _skipping_export(2).replace("L1,", "2026,"))
    shown = []
    for lead in ("2026", pseudonym("2026", b"test-key")):
        assert run(["explain", str(doc), str(events), "--lead", lead, "--pseudonymize",
                    "-f", "json"]) == 0
        shown.append(json.loads(capsys.readouterr().out)["skipped_rows"])
        piped = explain(str(doc), ["-"], lead, pseudonym_key=b"test-key",
                        stdin=io.BytesIO(events.read_bytes()))
        assert [(s.row, s.code) for s in piped.skipped] == [(4, "bad-timestamp"),
                                                          (5, "bad-timestamp"),
                                                          (6, "missing-event")]
    assert [s["row"] for s in shown[0]] == [4, 5, 6]
    assert shown[0] == shown[1]
    assert "timestamp value" in shown[0][0]["message"] or "2026-02-02" in shown[0][0]["message"]
    assert "p-" not in shown[0][0]["message"]


def test_explain_names_holidays_overrides_and_hidden_cells(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """A reviewer checks why a Friday was closed (Independence Day, observed), why a day
    closed at noon (an override), which row held the phone (hidden), and sees the due time
    of a clock stopped at its start (LANGUAGE.md: shown whenever the clock started)."""
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntimezone: America/New_York\ncalendars:\n"
        "  office:\n    hours: {mon-fri: '09:00-17:00'}\n"
        "    holidays: {country: US}\n    overrides: {2026-07-08: '09:00-12:00'}\n"
        "targets:\n  - {id: t, start: in, stop: call, within: 30m, calendar: office}\n"
        "  - {id: u, start: in, stop: done, within: 2bd, calendar: office}\n"
        "duplicates: {match: [phone], within: 30d}\n",
        "lead_id,event,timestamp,phone\n"
        "A,in,2026-07-02T16:50:00-04:00,312-555-0101\nA,call,2026-07-06T09:20:00-04:00,\n"
        "A,done,2026-07-08T13:00:00-04:00,\n"
        "B,in,2026-07-07T10:00:00-04:00,\nB,call,2026-07-07T10:00:00-04:00,\n",
    )
    assert run(["explain", str(doc), str(events), "--lead", "A"]) == 0
    text = capsys.readouterr().out
    assert "(Fri 07-03: Independence Day (observed))" in text
    assert "(Wed 07-08: override 09:00-12:00)" in text
    assert "phone=(hidden)" in text and "312-555-0101" not in text
    assert run(["explain", str(doc), str(events), "--lead", "A", "-f", "json"]) == 0
    notes = [s["note"] for t in json.loads(capsys.readouterr().out)["targets"]
             for s in t["segments"] if s["note"]]
    assert notes[0] == "Fri 07-03: Independence Day (observed)"
    assert run(["explain", str(doc), str(events), "--lead", "B"]) == 0
    text = capsys.readouterr().out
    assert "clock time used 0m; wall time 0m; due Tue 2026-07-07 10:30" in text


def test_events_name_their_file_when_the_run_reads_several(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    doc, events = write_case(tmp_path, SKIPPING, "lead_id,event,timestamp\n"
                             "L1,lead_received,2026-02-02T09:00:00Z\n")
    other = tmp_path / "more.csv"
    other.write_text("lead_id,event,timestamp\nL2,lead_received,2026-02-02T09:00:00Z\n")
    assert run(["explain", str(doc), str(events), "--lead", "L1"]) == 0
    assert "  row 2" in capsys.readouterr().out
    assert run(["explain", str(doc), str(events), str(other), "--lead", "L1"]) == 0
    assert f"{events}:2" in capsys.readouterr().out


@pytest.mark.parametrize(("reached", "words"), [
    (["in", "call", "contact", "done"], "contact->done"),
    (["in", "call", "done"], "contact->done (from call: this lead never reached contact)"),
    (["in", "call"], "contact->done"),  # still running: the time to as-of
])
def test_a_breach_stage_says_where_the_lead_came_from(reached: list[str], words: str) -> None:
    """The report's stage rows are the document's pairs; a lead that skipped `contact` spent
    that time between `call` and `done`, and explain says so."""
    from slakit.story.text_format import _stage_words

    assert _stage_words("contact->done", reached) == words


def test_a_duplicate_says_what_matched_and_when_the_original_began(
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    code, out, _ = cli(["--lead", "L-900021"], capsys)
    assert code == 0
    assert ("duplicate of L-900020 (the same phone; its first event at Mon 2026-03-09 09:00, "
            "within 30d before") in out
    code, out, _ = cli(["--lead", "L-900021", "-f", "json"], capsys)
    assert json.loads(out)["lead"]["duplicate_match"] == {
        "fields": ["phone"], "original_first_event_at": "2026-03-09T09:00:00-04:00",
        "within": "30d"}


STORIES = {
    "without-before-since": (
        "slakit: 1\nname: d\ntimezone: UTC\ntargets:\n"
        "  - {id: t, start: in, stop: call, within: 1h}\nescalations:\n"
        "  - {id: stalled, when: {since: in, without: call, over: 1h}, action: a}\n",
        "lead_id,event,timestamp\nL1,call,2026-03-02T08:50:00Z\nL1,in,2026-03-02T09:00:00Z\n",
        "stalled: did not fire: call happened before in"),
    # A running cadence's clock runs to as-of, not to its last attempt.
    "running-cadence": (
        "slakit: 1\nname: d\ntimezone: UTC\ntargets:\n"
        "  - {id: c, kind: cadence, start: in, attempts: call, schedule: [15m, 4h]}\n",
        "lead_id,event,timestamp\nL1,in,2026-02-02T09:00:00Z\nL1,call,2026-02-02T09:05:00Z\n"
        "L2,in,2026-02-02T11:00:00Z\n",
        "clock time to as-of 2h; wall time 2h"),
    # A call at 12:30, in the lunch gap, still sits at 30m of clock: window 1 is satisfied
    # though its end prints as 12:00.
    "attempt-in-closed-hours": (
        "slakit: 1\nname: d\ntimezone: America/New_York\ncalendars:\n"
        "  office: {hours: {mon-fri: ['09:00-12:00', '13:00-17:00']}}\ntargets:\n"
        "  - {id: c, kind: cadence, start: in, attempts: call, schedule: [30m, 4h],"
        " calendar: office}\n",
        "lead_id,event,timestamp\nL1,in,2026-04-09T11:30:00-04:00\n"
        "L1,call,2026-04-09T12:30:00-04:00\nL1,call,2026-04-09T14:00:00-04:00\n",
        "at 12:30 (closed hours: the clock had not moved on)"),
    # 02:30 on the New York spring-forward night does not exist: the event says how it was
    # read; a date alone, too.
    "skipped-hour-note": (
        "slakit: 1\nname: d\ntimezone: America/New_York\ntargets:\n"
        "  - {id: t, start: in, stop: call, within: 1h}\n",
        "lead_id,event,timestamp\nL1,in,2026-03-08 02:30:00\nL1,call,2026-03-09\n",
        "note: the export's time does not exist in its zone"),
    "date-only-note": (
        "slakit: 1\nname: d\ntimezone: UTC\ntargets:\n"
        "  - {id: t, start: in, stop: call, within: 1h}\n",
        "lead_id,event,timestamp\nL1,in,2026-03-08 02:30:00\nL1,call,2026-03-09\n",
        "note: the export gives a date but no time of day: read as 00:00"),
}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_explain_tells_it_so(name: str, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """Small stories whose text must say one thing: L1's explain holds the sentence."""
    doc_text, export, sentence = STORIES[name]
    doc, events = write_case(tmp_path, doc_text, export)
    assert run(["explain", str(doc), str(events), "--lead", "L1"]) == 0
    assert sentence in capsys.readouterr().out


def test_rows_after_as_of_are_counted_not_told(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["--lead", "L-100112", "--as-of", "2026-03-10T00:00:00", "-f", "json"],
                       capsys)
    later = json.loads(out)["later_rows"]
    full = json.loads(cli(["--lead", "L-100112", "-f", "json"], capsys)[1])
    assert code == 0 and later == len(full["events"]) - len(json.loads(out)["events"]) > 0
    assert full["later_rows"] == 0
    text = cli(["--lead", "L-100112", "--as-of", "2026-03-10T00:00:00"], capsys)[1]
    assert f"{later} later rows of this lead, after as-of, are not part of this story" in text


def test_a_stop_during_an_open_pause(tmp_path: Path) -> None:
    # Resolved while the clinical review it waits for is still open at as-of: the 5bd clock
    # stood still, so it is met, and its due time is not known yet.
    header = Path(EVENTS).read_text(encoding="utf-8").splitlines()[0]
    rows = ["P2,lead_received,2026-03-02T09:00:00-05:00,form,general_inquiry,orthopedics,"
            "east,,,,,,518-555-0202,",
            "P2,clinical_review_requested,2026-03-02T10:00:00-05:00,,,,,,,,,,,",
            "P2,outcome,2026-03-20T09:30:00-04:00,,,,,,consult_booked,,2026-03-30,,,"]
    events = tmp_path / "e.csv"
    events.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    story = explain(SLA, [events], "P2")
    t = next(t for t in story.targets if t.id == "time-to-resolution")
    assert t.status == "met" and t.due_at is None
    assert t.sentence.startswith("met: resolved at Fri 2026-03-20 09:30, while the clock was "
                                 "paused: the 5bd budget was not used up")


@pytest.mark.parametrize("filler", [f"word{'s' * k}" for k in range(12)])
def test_wrapping_never_splits_a_duration_or_a_time(filler: str) -> None:
    from slakit.story.text_format import WIDTH, _Lines

    kept = ("2d 28m 21s", "Mon 2026-03-02 10:07:35 EST", "20h 9m 33s", "Sat 2026-03-07 09:00")
    text = " ".join(f"{filler} {k}" for k in kept * 4) + " a\x00b"
    out = _Lines(color=False)
    out.wrap(text, "    ", "      ")
    joined = out.text()
    assert all(len(line) <= WIDTH for line in joined.splitlines())
    assert all(joined.count(k) == 4 for k in kept)  # none of them folded over a line end
    assert "a\\x00b" in joined  # a NUL of the text is still shown escaped, not as a space
