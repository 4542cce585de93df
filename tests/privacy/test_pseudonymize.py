"""``--pseudonymize``: lead ids become keyed hashes in every output, joinable by the key holder.

The pseudonym is ``p-`` + the first 16 hex digits of HMAC-SHA256(key, lead id), the key taken
from ``SLAKIT_PSEUDONYM_KEY``; without a key the command refuses to run.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from pathlib import Path

import pytest
import typer
from hostile_kit import Outcome, check_contract, invoke
from phi_kit import DOC, assert_no_phi, export_text

from slakit.cli import app

COMMANDS = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
KEY = "correct horse battery staple"
RAW = ("CRM-00101", "CRM-00102", "CRM-00103", "CRM-00104", "CRM-00105", "CRM-00106",
       "CRM-00201", "CRM-00301", "CRM-00302", "CRM-00303", "CRM-00304")
FORMATS = ("json", "markdown", "csv", "html", "junit")


def expected(lead: str, key: str = KEY) -> str:
    return "p-" + hmac.new(key.encode(), lead.encode(), hashlib.sha256).hexdigest()[:16]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pseudo")
    (root / "clinic.sla.yaml").write_text(DOC, encoding="utf-8")
    (root / "events.csv").write_text(export_text(), encoding="utf-8")
    return root


def run(argv: list[str], expect: tuple[int, ...] = (0, 1)) -> Outcome:
    outcome = invoke(argv)
    check_contract(outcome, argv)
    assert outcome.code in expect, (argv, outcome.err)
    return outcome


def assert_no_raw_id(where: str, text: str) -> None:
    for lead in RAW:
        assert lead not in text, f"{where}: raw lead id {lead} in the output"


def evaluate(files: Path, key: str, out: Path) -> dict[str, str]:
    out.mkdir(exist_ok=True)
    argv = ["evaluate", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
            "--pseudonymize", "--results", str(out / "results.csv")]
    argv += [a for fmt in FORMATS for a in ("-o", f"{fmt}={out / fmt}")]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SLAKIT_PSEUDONYM_KEY", key)
        mp.setenv("GITHUB_STEP_SUMMARY", str(out / "summary.md"))
        outcome = run(argv)
    found = {fmt: (out / fmt).read_text(encoding="utf-8") for fmt in FORMATS}
    found.update(text=outcome.text, results=(out / "results.csv").read_text(encoding="utf-8"),
                 summary=(out / "summary.md").read_text(encoding="utf-8"))
    return found


def test_every_output_hides_lead_ids(files: Path) -> None:
    found = evaluate(files, KEY, files / "a")
    for where, text in found.items():
        assert_no_raw_id(where, text)
        assert_no_phi(where, text)
    report = json.loads(found["json"])
    assert report["routing"]["misrouted"], "the misrouted list is there, pseudonymized"
    for lead in report["routing"]["misrouted"]:
        assert lead["lead_id"].startswith("p-")
    never_met = [e for f in report["findings"] if f["code"] == "requirement-never-met"
                 for e in f["examples"]]
    assert never_met and never_met[0]["lead_id"] == expected("CRM-00105")


def test_pseudonyms_join_back_with_the_key(files: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(evaluate(files, KEY, files / "b")["results"])))
    by_pseudonym = {expected(lead): lead for lead in RAW}
    assert {r["lead_id"] for r in rows} <= set(by_pseudonym)
    assert {by_pseudonym[r["lead_id"]] for r in rows} >= {"CRM-00101", "CRM-00201"}
    duplicates = {r["duplicate_of"] for r in rows if r["duplicate_of"]}
    assert expected("CRM-00101") in duplicates and duplicates <= set(by_pseudonym)


def test_same_key_same_pseudonyms_other_key_others(files: Path) -> None:
    first = evaluate(files, KEY, files / "c")["results"]
    again = evaluate(files, KEY, files / "d")["results"]
    other = evaluate(files, "another key", files / "e")["results"]
    assert first == again
    ids = {r["lead_id"] for r in csv.DictReader(io.StringIO(first))}
    other_ids = {r["lead_id"] for r in csv.DictReader(io.StringIO(other))}
    assert ids.isdisjoint(other_ids)


@pytest.mark.parametrize("key", [None, ""])
@pytest.mark.parametrize("command", ["evaluate", "explain"])
def test_no_key_refuses_to_run(files: Path, key: str | None, command: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    if command not in COMMANDS:
        pytest.skip(f"{command} has not landed")
    if key is None:
        monkeypatch.delenv("SLAKIT_PSEUDONYM_KEY", raising=False)
    else:
        monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", key)
    argv = [command, str(files / "clinic.sla.yaml"), str(files / "events.csv"),
            "--pseudonymize", *(["--lead", "CRM-00101"] if command == "explain" else [])]
    outcome = run(argv, expect=(2,))
    assert "SLAKIT_PSEUDONYM_KEY" in outcome.err
    assert outcome.out == ""


@pytest.mark.skipif("explain" not in COMMANDS, reason="explain has not landed")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_shows_the_pseudonym(files: Path, fmt: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", KEY)
    for asked in ("CRM-00201", expected("CRM-00201")):
        outcome = run(["explain", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
                       "--lead", asked, "--pseudonymize", "-f", fmt], expect=(0,))
        assert expected("CRM-00201") in outcome.out
        assert_no_raw_id(f"explain -f {fmt}", outcome.text)  # duplicate_of too


@pytest.mark.skipif("explain" not in COMMANDS, reason="explain has not landed")
def test_explain_unknown_lead_suggests_pseudonyms(files: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", KEY)
    outcome = run(["explain", str(files / "clinic.sla.yaml"), str(files / "events.csv"),
                   "--lead", "CRM-0010", "--pseudonymize"], expect=(2,))
    assert_no_raw_id("explain unknown lead", outcome.err.replace("'CRM-0010'", ""))
