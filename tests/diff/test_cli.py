"""``slakit diff`` end to end: git sides, exit codes, formats, outputs, the job summary."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import slakit.cli.diff  # noqa: F401  (registers the command, as slakit.cli does)
from slakit.changes import FAIL_ON_CHOICES, FORMATS
from slakit.cli import run
from slakit.cli.diff import FAIL_ON, FORMAT_NAMES

V1 = "slakit: 1\nname: x\ntargets:\n  - {id: t, start: a, stop: b, within: 15m}\n"
V2 = ("slakit: 1\nname: x\ntargets:\n  - {id: t, start: a, stop: b, within: 30m}\n"
      "  - {id: u, start: a, stop: c, within: 1bd}\n")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of x.sla.yaml; the working directory is its root."""
    git(tmp_path, "init", "-q")
    (tmp_path / "x.sla.yaml").write_text(V1)
    git(tmp_path, "add", "x.sla.yaml")
    git(tmp_path, "commit", "-q", "-m", "v1")
    (tmp_path / "x.sla.yaml").write_text(V2)
    git(tmp_path, "commit", "-q", "-am", "v2")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def test_registries_match_the_cli() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES
    assert FAIL_ON == FAIL_ON_CHOICES


def test_git_revision_against_working_file(repo: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["base"]["name"] == "HEAD~1:x.sla.yaml"
    assert [(c["code"], c["base_line"], c["head_line"]) for c in data["changes"]] == [
        ("target-budget-loosened", 4, 4), ("target-added", None, 5)]
    assert data["summary"] == {"loosened": 1, "tightened": 1, "changed": 0}


def test_two_revisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "HEAD~1:x.sla.yaml", "HEAD:x.sla.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "1 loosened, 1 tightened, 0 changed"


@pytest.mark.parametrize("spec", ["nope:x.sla.yaml", "HEAD~5:x.sla.yaml", "HEAD:missing.yaml"])
def test_unknown_revision_or_path_exits_2(repo: Path, spec: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", spec, "x.sla.yaml"]) == 2
    assert "unknown revision or path" in capsys.readouterr().err


def test_missing_file_exits_2(repo: Path) -> None:
    assert run(["diff", "x.sla.yaml", "nothing.sla.yaml"]) == 2


def test_a_file_with_a_colon_in_its_name_is_a_file(repo: Path) -> None:
    (repo / "v1:x.sla.yaml").write_text(V1)
    assert run(["diff", "v1:x.sla.yaml", "x.sla.yaml", "--fail-on", "loosened"]) == 1


def test_windows_drive_path_is_a_path() -> None:
    from slakit.changes.sides import split_spec

    assert split_spec("C:\\slas\\x.sla.yaml") is None
    assert split_spec("C:/slas/x.sla.yaml") is None
    assert split_spec("main:slas/x.sla.yaml") == ("main", "slas/x.sla.yaml")


@pytest.mark.parametrize(("fail_on", "code"), [
    ([], 0), (["never"], 0), (["loosened"], 1), (["tightened"], 1), (["changed"], 0),
    (["any"], 1), (["changed", "tightened"], 1),
])
def test_fail_on(repo: Path, fail_on: list[str], code: int) -> None:
    args = [a for d in fail_on for a in ("--fail-on", d)]
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", *args]) == code


def test_no_change_passes_any_gate(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    same = V2.replace("30m", "1800s").replace("name: x\n", "name: x  # same\n")
    (repo / "same.sla.yaml").write_text(same)
    assert run(["diff", "x.sla.yaml", "same.sla.yaml", "--fail-on", "any"]) == 0
    assert "no changes in meaning" in capsys.readouterr().out


def test_bad_fail_on_is_usage(repo: Path) -> None:
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "--fail-on", "worse"]) == 2


def test_invalid_side_names_the_side(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "bad.sla.yaml").write_text(V1.replace("15m", "15"))
    assert run(["diff", "x.sla.yaml", "bad.sla.yaml"]) == 1
    err = capsys.readouterr().err
    assert "head (bad.sla.yaml) is invalid" in err
    assert "bad.sla.yaml:4:" in err


def test_an_invalid_side_in_machine_formats(repo: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # A pipeline reading standard output gets the problems, as validate -f FMT prints them.
    (repo / "bad.sla.yaml").write_text(V1.replace("15m", "15"))
    assert run(["diff", "x.sla.yaml", "bad.sla.yaml", "-f", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=bad.sla.yaml,line=4,col="), out
    assert run(["diff", "x.sla.yaml", "bad.sla.yaml", "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False
    assert [f["path"] for f in data["files"]] == ["bad.sla.yaml"]
    assert data["files"][0]["problems"][0]["line"] == 4


def test_an_invalid_side_from_git_is_annotated_on_its_path(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # GitHub draws on the working tree's file: another revision's line would point at the
    # wrong line there, so the annotation is on the file, the message naming the place.
    (repo / "x.sla.yaml").write_text(V1.replace("15m", "15"))
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "x.sla.yaml").write_text(V1)
    assert run(["diff", "HEAD:x.sla.yaml", "x.sla.yaml", "-f", "github"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=x.sla.yaml,title="), line
    assert "(at HEAD:x.sla.yaml:4:" in line
    # Past GitHub's 10 annotations, the plain lines name the file without a line 0.
    from slakit.errors import Location

    assert str(Location("x.sla.yaml", 0, 0)) == "x.sla.yaml"


def test_semantic_errors_make_a_side_invalid(repo: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    (repo / "dup.sla.yaml").write_text(V2.replace("id: u", "id: t"))
    assert run(["diff", "dup.sla.yaml", "x.sla.yaml"]) == 1
    assert "base (dup.sla.yaml) is invalid" in capsys.readouterr().err


def test_outputs_and_step_summary(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    summary = repo / "summary.md"
    summary.write_text("# earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    args = ["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "-o", "markdown=d.md", "-o", "json=d.json"]
    assert run(args) == 0
    text = capsys.readouterr().out
    assert text.startswith("slakit diff HEAD~1:x.sla.yaml -> x.sla.yaml\n")
    md = (repo / "d.md").read_text()
    assert "| loosened | `target-budget-loosened` |" in md
    assert json.loads((repo / "d.json").read_text())["changes"][0]["old"] == "15m"
    assert summary.read_text() == "# earlier step\n\n" + md


@pytest.mark.parametrize("bad", ["markdown", "xml=out.xml", "json="])
def test_bad_output_is_usage(repo: Path, bad: str) -> None:
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "-o", bad]) == 2


def test_replay_needs_events_and_events_need_replay(repo: Path) -> None:
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "--replay"]) == 2
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "events.csv"]) == 2
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "--as-of", "2026-01-01"]) == 2


def test_replay_exports_may_come_before_the_documents(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    # CLI.md's table writes the option as `--replay EVENTS...`: exports first, then BASE HEAD.
    (repo / "e.csv").write_text(
        "lead_id,event,timestamp\nL1,a,2026-03-02T10:00:00Z\nL1,b,2026-03-02T10:20:00Z\n",
        encoding="utf-8")
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "--replay", "e.csv", "-f", "json"]) == 0
    after = capsys.readouterr().out
    assert run(["diff", "--replay", "e.csv", "HEAD~1:x.sla.yaml", "x.sla.yaml", "-f", "json"]) == 0
    assert capsys.readouterr().out == after


def test_an_export_in_place_of_a_document_is_bad_usage(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    (repo / "events.csv").write_text("lead_id,event,timestamp\n", encoding="utf-8")
    assert run(["diff", "--replay", "events.csv", "x.sla.yaml", "events.csv"]) == 2
    err = capsys.readouterr().err
    assert "'events.csv' is an event export" in err and "BASE HEAD --replay EVENTS" in err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "--help"]) == 0
    assert "slakit diff main:" in capsys.readouterr().out


def test_replay_from_standard_input(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    csv = ("lead_id,event,timestamp\nL1,a,2026-03-02T10:00:00Z\nL1,b,2026-03-02T10:20:00Z\n"
           "L2,a,2026-03-02T10:00:00Z\nL2,b,2026-03-02T10:40:00Z\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(csv.encode())))
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "--replay", "-", "-f", "json"]) == 0
    replay = json.loads(capsys.readouterr().out)["replay"]
    assert replay["as_of"] == "2026-03-02T10:40:00+00:00"
    [t, u] = replay["targets"]
    assert (t["id"], t["old_compliance"], t["new_compliance"], t["delta_points"]) == (
        "t", 0.0, 0.5, 50.0)
    assert (t["changed_leads"], t["examples"]) == (1, ["L1"])
    assert (u["id"], u["in_base"], u["changed_leads"]) == ("u", False, 2)


def test_fail_on_never_with_a_direction_is_bad_usage(repo: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "HEAD~1:x.sla.yaml", "x.sla.yaml", "--fail-on", "never",
                "--fail-on", "loosened"]) == 2
    assert "contradicts" in capsys.readouterr().err


def test_a_side_with_a_line_break_is_a_bad_path(repo: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # The library reads a string with a line break as a document's text; a command-line
    # argument is a path, and its control characters never reach the terminal.
    assert run(["diff", "\x1f\n", "x.sla.yaml"]) == 2
    err = capsys.readouterr().err
    assert "a path or REV:PATH holds no line break" in err
    assert "\x1f" not in err
