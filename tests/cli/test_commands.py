"""Every command has help with an example and a section in docs/cli.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from cli_kit import write_case

from slakit.cli import app, run

REPO = Path(__file__).resolve().parent.parent.parent
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"validate", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Examples?:", out), out
    assert re.search(rf"^\s+slakit {command}\b", out, re.MULTILINE), out
    # CLI.md lists --debug for every command: each one's help says so.
    assert "--debug" in out, out


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command: str) -> None:
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert re.search(rf"^## `slakit {command}\b", docs, re.MULTILINE), (
        f"docs/cli.md needs a '## `slakit {command} ...`' section")


CONSULT = ["examples/consult-follow-up/consult.sla.yaml", "examples/consult-follow-up/events.csv"]


@pytest.mark.parametrize(("value", "code"), [
    ("0", 0), ("0%", 0), (" 0 % ", 0), ("100", 1), ("99.5%", 1),
    ("101", 2), ("101%", 2), ("-1", 2), ("abc", 2), ("1/2", 2), ("nan", 2), ("", 2),
    ("0.95", 2), ("0.5%", 0),  # a share typed for a percentage is asked about, not taken
])
def test_fail_under_takes_a_percentage_with_or_without_the_sign(
        value: str, code: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert run(["evaluate", *CONSULT, "-f", "json", "--fail-under", value]) == code
    if code == 2:
        err = capsys.readouterr().err
        assert "--fail-under takes a percentage" in err or "write 95% for 95%" in err


@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_a_from_to_window_holding_no_instant_is_bad_usage(
        command: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    lead = ["--lead", "L-900001"] if command == "explain" else []
    for window in (["--from", "2026-03-01", "--to", "2026-02-01"],
                   ["--from", "2026-03-01", "--to", "2026-03-01"]):
        assert run([command, *CONSULT, *lead, *window]) == 2
        assert "is not before --to" in capsys.readouterr().err


def test_an_event_spelled_nearly_like_a_used_one_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntimezone: UTC\ntargets:\n"
        "  - {id: t, start: lead_received, stop: call_attempt, within: 15m}\n",
        "lead_id,event,timestamp\n"
        "L1,LEAD_RECEIVED,2026-02-02T09:00:00Z\nL1,call_attempt,2026-02-02T09:05:00Z\n"
        "L2,lead_received,2026-02-02T09:00:00Z\nL2,note_added,2026-02-02T09:01:00Z\n"
        "L2,Call Attempt,2026-02-02T09:30:00Z\n"
        "L2,Call Attempt,2026-02-02T09:31:00Z\nL2,O_CALL_ATTEMPT,2026-02-02T09:32:00Z\n",
    )
    run(["evaluate", str(doc), str(events), "-f", "json"])
    found = [f for f in json.loads(capsys.readouterr().out)["findings"]
             if f["code"] == "unused-event"]
    messages = [e["message"] for f in found for e in f["examples"]]
    assert messages == [
        "event 'Call Attempt' (2 rows) is used by no definition; did you mean 'call_attempt'? "
        "Map it with source.events: {'Call Attempt': call_attempt}",
        "event 'LEAD_RECEIVED' (1 row) is used by no definition; did you mean 'lead_received'? "
        "Map it with source.events: {'LEAD_RECEIVED': lead_received}",
        "event 'O_CALL_ATTEMPT' (1 row) is used by no definition; it is spelt like "
        "'call_attempt': if it is that event, map it with source.events: "
        "{'O_CALL_ATTEMPT': call_attempt}; if not, ignore this",
    ]  # note_added is unused too, but near no used name: not reported


def test_a_source_events_key_spelt_another_way_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\nsource: {events: {'Web Form': lead_received}}\n"
        "targets:\n  - {id: t, start: lead_received, stop: call, within: 1h}\n",
        "lead_id,event,timestamp\nL1,Web Form,2026-02-02T09:00:00Z\n"
        "L2,Web form,2026-02-02T09:00:00Z\n",
    )
    run(["evaluate", str(doc), str(events), "-f", "json"])
    (found,) = [f for f in json.loads(capsys.readouterr().out)["findings"]
                if f["code"] == "unused-event"]
    assert [e["message"] for e in found["examples"]] == [
        "event 'Web form' (1 row) is used by no definition; source.events maps 'Web Form' to "
        "lead_received, not this spelling: add {'Web form': lead_received}"]


def test_an_as_of_before_every_row_cannot_run(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """No usable row (CLI.md: exit 2), not a passing gate over zero leads."""
    monkeypatch.chdir(REPO)
    assert run(["evaluate", *CONSULT, "-f", "json", "--as-of", "2000-01-01"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no usable row" in captured.err and "--as-of 2000-01-01T00:00:00-05:00" in captured.err
    assert "every row that could be used (3370 rows) is after --as-of" in captured.err


@pytest.mark.parametrize("out", [
    ["--results", "{e}"], ["-o", "json=./{e}"], ["-o", "markdown={d}"],
])
def test_an_output_may_not_replace_an_input(out: list[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    doc, events = (REPO / CONSULT[0]).read_text(), (REPO / CONSULT[1]).read_bytes()
    (tmp_path / "d.sla.yaml").write_text(doc)
    (tmp_path / "e.csv").write_bytes(events)
    args = [a.format(e="e.csv", d="d.sla.yaml") for a in out]
    assert run(["evaluate", "d.sla.yaml", "e.csv", "-f", "json", *args]) == 2
    assert "is an input of this run" in capsys.readouterr().err
    assert (tmp_path / "e.csv").read_bytes() == events
    assert (tmp_path / "d.sla.yaml").read_text() == doc


@pytest.mark.parametrize("command", ["evaluate", "diff"])
def test_two_outputs_may_not_share_a_path(command: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """-o json=a.json -o markdown=./a.json left the markdown in a.json without a word."""
    monkeypatch.chdir(REPO)
    inputs = CONSULT if command == "evaluate" else [CONSULT[0], CONSULT[0]]
    out = tmp_path / "a.json"
    assert run([command, *inputs, "-f", "json", "-o", f"json={out}",
                "-o", f"markdown={tmp_path}/./a.json"]) == 2
    assert "write the same file" in capsys.readouterr().err
    assert not out.exists()
    if command == "evaluate":
        assert run([command, *inputs, "-o", f"json={out}", "--results", str(out)]) == 2
        assert f"--results {out} and -o json={out} write the same file" in \
            capsys.readouterr().err


def test_a_placeholder_date_moving_as_of_is_warned(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntargets:\n  - {id: t, start: in, stop: call, "
        "within: 1h}\n",
        "lead_id,event,timestamp\nL1,in,2026-02-02T09:00:00Z\n"
        "L1,call,2026-02-02T09:10:00Z\nL2,in,2099-12-31T00:00:00Z\n",
    )
    run(["evaluate", str(doc), str(events), "-f", "json"])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert codes == ["as-of-far-ahead"]
    run(["evaluate", str(doc), str(events), "-f", "json", "--as-of", "2026-03-01"])
    assert json.loads(capsys.readouterr().out)["findings"] == []


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_machine_formats_are_utf8_bytes_whatever_the_locale(fmt: str) -> None:
    """A pipe gets the same UTF-8 bytes under ``LC_ALL=C`` or an ASCII ``PYTHONIOENCODING``
    (markdown holds a ``→``): it used to fail with "internal error: UnicodeEncodeError"."""
    import os
    import subprocess
    import sys

    example = REPO / "examples" / "consult-follow-up"
    args = [sys.executable, "-c", "from slakit.cli import main; main()", "evaluate",
            str(example / "consult.sla.yaml"), str(example / "events.csv"), "-f", fmt]
    base = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    outputs = []
    for extra in ({}, {"PYTHONIOENCODING": "ascii"},
                  {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}):
        proc = subprocess.run(args, capture_output=True, env={**base, **extra}, check=False)
        assert proc.returncode == 1 and b"internal error" not in proc.stderr, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2] and len(outputs[0]) > 1000


@pytest.mark.parametrize("given", ["2026-03-02t14:10z", "20260302T090000Z", "2026-03-02",
                                   "2026-03-02 09:00", "2026-03-02T09:00:00.5-05:00"])
def test_as_of_reads_what_an_export_cell_reads(given: str, tmp_path: Path) -> None:
    from slakit.evaluation import parse_instant
    from slakit.reader import ReadSpec, read_events

    export = tmp_path / "e.csv"
    export.write_text(f"lead_id,event,timestamp\nL1,in,{given}\n", encoding="utf-8")
    table = read_events([export], ReadSpec(timezone="America/Chicago"))
    assert parse_instant(given, "America/Chicago") == int(table.ts[0])


@pytest.mark.parametrize("given", ["2026-W10-1T09:10", "2026-061", "2026-061T09:00",
                                   "2026-03-02T0900", "2026-03-02 09:00:00 +05:30", "tomorrow"])
def test_as_of_refuses_what_an_export_cell_refuses(given: str, tmp_path: Path) -> None:
    from slakit.errors import UsageError
    from slakit.evaluation import parse_instant
    from slakit.reader import ReadSpec, read_events

    with pytest.raises(UsageError, match="not an ISO 8601 time"):
        parse_instant(given, "UTC")
    export = tmp_path / "e.csv"
    export.write_text(f"lead_id,event,timestamp\nL1,in,{given}\nL2,in,2026-03-02\n",
                      encoding="utf-8")
    assert read_events([export], ReadSpec()).skipped_rows == 1


def test_a_by_field_given_twice_is_one_segment_field(capsys: pytest.CaptureFixture[str]) -> None:
    run(["evaluate", *CONSULT, "-f", "markdown", "--by", "channel"])
    once = capsys.readouterr().out
    run(["evaluate", *CONSULT, "-f", "markdown", "--by", "channel", "--by", "channel"])
    assert capsys.readouterr().out == once
    run(["evaluate", *CONSULT, "-f", "markdown", "--by", " channel "])  # trimmed, as headers
    assert capsys.readouterr().out == once


def test_an_empty_by_field_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["evaluate", *CONSULT, "-f", "json", "--by", ""]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "one is empty: name an attribute column" in err


BY_DOC = """\
slakit: 1
name: by
timezone: UTC
targets:
  - {id: t, start: in, stop: call, within: 1h}
escalations:
  - {id: two-calls, when: {count: call, reaches: 2, without: talk}, action: review}
"""


def _json_reports(doc: Path, events: Path, capsys: pytest.CaptureFixture[str],
                  *variants: list[str]) -> list[dict[str, Any]]:
    """The JSON report of ``evaluate`` once per list of extra options."""
    reports = []
    for extra in variants:
        run(["evaluate", str(doc), str(events), "-f", "json", *extra])
        reports.append(json.loads(capsys.readouterr().out))
    return reports


def test_segmenting_with_by_changes_no_count(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # Two calls at one instant differ only in lead_type, which the document does not use:
    # one is a duplicate row, whether or not --by reads lead_type (it once was not, with it).
    doc, events = write_case(tmp_path, BY_DOC, (
        "lead_id,event,timestamp,lead_type\n"
        "L1,in,2026-03-02T09:00:00Z,a\n"
        "L1,call,2026-03-02T09:10:00Z,\n"
        "L1,call,2026-03-02T09:10:00Z,a\n"))
    reports = _json_reports(doc, events, capsys, [], ["--by", "lead_type"])
    for report in reports:
        assert report["input"]["duplicate_rows"] == 1
        assert report["escalations"][0]["fired"] == 0
    assert reports[1]["targets"][0]["segments"][0]["key"] == {"lead_type": "a"}
    run(["explain", str(doc), str(events), "--lead", "L1"])
    assert "two-calls: did not fire: call happened 1 of 2 times" in capsys.readouterr().out


def test_replacing_the_documents_report_by_with_by_changes_no_count(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    # Rows differing only in the document's report.by column are two rows, also when --by
    # segments by another column instead (the document's column was then not read at all).
    doc, events = write_case(tmp_path, BY_DOC + "report: {by: [site]}\n", (
        "lead_id,event,timestamp,site,channel\n"
        "L1,in,2026-03-02T09:00:00Z,a,web\n"
        "L1,call,2026-03-02T09:10:00Z,a,web\n"
        "L1,call,2026-03-02T09:10:00Z,b,web\n"))
    reports = _json_reports(doc, events, capsys, [], ["--by", "channel"])
    assert [r["input"]["duplicate_rows"] for r in reports] == [0, 0]
    assert [r["escalations"][0]["fired"] for r in reports] == [1, 1]


def test_a_file_name_that_is_not_utf8_is_escaped_in_valid_utf8(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    example = REPO / "examples" / "consult-follow-up"
    events = os.path.join(os.fsencode(tmp_path), b"ev\xe9.csv")
    with open(events, "wb") as out:
        out.write((example / "events.csv").read_bytes())
    proc = subprocess.run(
        [sys.executable, "-c", "from slakit.cli import main; main()", "evaluate",
         str(example / "consult.sla.yaml"), events, "-f", "json",
         b"-o", b"json=" + os.path.join(os.fsencode(tmp_path), b"out\xe9.json")],
        capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO / "src"), "LC_ALL": "C"},
        check=False)
    assert proc.returncode == 1 and b"internal error" not in proc.stderr, proc.stderr
    report = json.loads(proc.stdout.decode("utf-8"))
    assert report["input"]["files"][0]["path"].endswith("ev\udce9.csv")
    with open(os.path.join(os.fsencode(tmp_path), b"out\xe9.json"), "rb") as written:
        assert written.read() == proc.stdout


def test_as_of_from_and_to_take_the_exports_own_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """A user whose export writes 03/02/2026 09:00 types the same in --as-of (ISO 8601 still
    reads first)."""
    doc, events = write_case(
        tmp_path,
        "slakit: 1\nname: d\ntimezone: UTC\nsource: {timestamp_format: '%m/%d/%Y %H:%M'}\n"
        "targets:\n  - {id: t, start: in, stop: call, within: 1h}\n",
        "lead_id,event,timestamp\nL1,in,03/02/2026 09:00\nL2,in,03/03/2026 09:00\n",
    )
    for as_of in ("03/02/2026 09:30", "2026-03-02T09:30:00Z"):
        assert run(["evaluate", str(doc), str(events), "-f", "json", "--as-of", as_of,
                    "--to", "03/03/2026 00:00"]) in (0, 1)
        report = json.loads(capsys.readouterr().out)
        assert (report["as_of"], report["input"]["leads"]) == ("2026-03-02T09:30:00+00:00", 1)
    assert run(["evaluate", str(doc), str(events), "--as-of", "2 March 2026"]) == 2
    assert "is not an ISO 8601 time or '%m/%d/%Y %H:%M'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["evaluate", "diff"])
def test_an_unwritable_step_summary_keeps_the_gates_exit_code(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """A bad GITHUB_STEP_SUMMARY made a finished run exit 2, hiding the gate (1: missed)."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-dir" / "summary.md"))
    args = [*CONSULT] if command == "evaluate" else [CONSULT[0], CONSULT[0], "--fail-on",
                                                     "any"]
    expected = 1 if command == "evaluate" else 0
    assert run([command, *args, "-f", "json"]) == expected
    captured = capsys.readouterr()
    assert captured.out.startswith("{")
    assert "warning: GITHUB_STEP_SUMMARY: cannot write" in captured.err


@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_an_empty_format_is_bad_usage(command: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # An unset $FMT in a CI script: never a quiet fall-back to text.
    monkeypatch.chdir(REPO)
    lead = ["--lead", "L-900010"] if command == "explain" else []
    assert run([command, *CONSULT, *lead, "-f", ""]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "-f ''" in err


def test_init_refuses_an_empty_folder_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["init", ""]) == 2
    assert "DIR is empty" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_validate_never_writes_over_a_document_a_folder_or_glob_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "slas").mkdir()
    doc = tmp_path / "slas" / "a.sla.yaml"
    text = (REPO / CONSULT[0]).read_text(encoding="utf-8")
    doc.write_text(text, encoding="utf-8")
    for given in ("slas", "slas/*.sla.yaml"):
        assert run(["validate", given, "-o", "json=slas/a.sla.yaml"]) == 2
        assert "is an input of this run" in capsys.readouterr().err
    assert doc.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("given", "says"), [
    ("-", "'-' names standard input, which is read for exports"),
    ("examples", "this is a folder: name a .sla.yaml file\n"),
])
def test_a_document_that_is_no_file_says_why(given: str, says: str,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    assert run(["evaluate", given, CONSULT[1]]) == 2
    assert says in capsys.readouterr().err


def test_a_window_holding_no_lead_passes_but_says_so(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(REPO)
    assert run(["evaluate", *CONSULT, "--from", "2026-05-01", "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (warning,) = [f for f in report["findings"] if f["code"] == "no-lead-in-window"]
    assert "2026-03-02T02:00:09-05:00 to 2026-04-10T17:00:00-04:00" in \
        warning["examples"][0]["message"]
    assert run(["evaluate", *CONSULT, "--from", "2026-03-01", "-f", "json"]) == 1
    assert "no-lead-in-window" not in capsys.readouterr().out


@pytest.mark.parametrize(("args", "says"), [
    (["explain", *CONSULT, "--lead", "L-900010", "--lead", "L-900012"],
     "--lead takes one value and was given 2 ('L-900010', 'L-900012')"),
    (["evaluate", *CONSULT, "-f", "json", "--format=csv"], "--format takes one value"),
    (["evaluate", *CONSULT, "--as-of=2026-04-01", "--as-of", "2026-04-02"],
     "--as-of takes one value"),
])
def test_an_option_of_one_value_given_twice_is_bad_usage(
        args: list[str], says: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    # click kept the last one without a word: explain told another lead's story.
    monkeypatch.chdir(REPO)
    assert run(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and says in err


def test_options_of_many_values_may_repeat(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    assert run(["evaluate", *CONSULT, "--by", "channel", "--by", "lead_type", "-f", "json"]) == 1
    assert run(["diff", CONSULT[0], CONSULT[0], "--fail-on", "loosened", "--fail-on",
                "tightened"]) == 0
