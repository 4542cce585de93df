"""``slakit validate`` and the central error handling, through ``slakit.cli.run``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from slakit.cli import run
from slakit.report.github import LIMIT, github_data, github_property

GOOD = "slakit: 1\nname: demo\ntargets:\n  - {id: t, start: a, stop: b, within: 1h}\n"
WARN = "slakit: 1\nname: demo\ntargets:\n  - {id: t, start: a, stop: a, within: 1h}\n"
BAD = "slakit: 1\nname: demo\ntargets:\n  - {id: t, start: a, stp: b, within: 1h}\n"
REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "validate", write(tmp_path, "a.sla.yaml", GOOD))
    assert (code, out, err) == (0, "1 file valid\n", "")


def test_a_file_named_twice_is_validated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "vd/a.sla.yaml", GOOD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "validate", "vd/a.sla.yaml", "./vd/a.sla.yaml", "vd")
    assert (code, out) == (0, "1 file valid\n")


def test_warning_passes_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.sla.yaml", WARN)
    code, out, _ = cli(capsys, "validate", path)
    assert code == 0
    assert out.splitlines()[0] == f"{path}:4:29: warning start-is-stop " + (
        "'a' is both start and stop of target 't': the clock can never run; stop on the next "
        "step instead")
    assert out.splitlines()[-1] == "1 warning in 1 file"
    code, out, _ = cli(capsys, "validate", "--strict", path)
    assert code == 1  # LANGUAGE.md: "Warnings (errors with --strict)", in every format
    assert out.splitlines()[0].startswith(f"{path}:4:29: error start-is-stop ")
    assert out.splitlines()[-1] == "1 error in 1 file (--strict: warnings are errors)"
    code, out, _ = cli(capsys, "validate", "--strict", "-f", "json", path)
    report = json.loads(out)
    assert (code, report["passed"], report["summary"]["errors"]) == (1, False, 1)
    assert [p["level"] for p in report["files"][0]["problems"]] == ["error"]
    code, out, _ = cli(capsys, "validate", "--strict", "-f", "github", path)
    assert out.startswith("::error file=")


def test_invalid_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.sla.yaml", BAD)
    code, out, _ = cli(capsys, "validate", path)
    assert code == 1
    assert out == (f"{path}:4:23: error unknown-key unknown key 'stp' in a response target: "
                   "did you mean 'stop'?\n1 error in 1 file\n")


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "a.sla.yaml", GOOD)
    binary = tmp_path / "b.sla.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, _ = cli(capsys, "validate", good, str(binary), str(tmp_path / "missing.yaml"))
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(f"{binary}:3:1: error file-not-text ")
    assert lines[1].startswith(f"{tmp_path / 'missing.yaml'}:1:1: error file-not-found ")
    assert lines[-1] == "2 errors in 3 files"


def test_huge_file_exits_2_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.sla.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, out, err = cli(capsys, "validate", str(huge))
    assert code == 2 and "file-too-large" in out and err == ""


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("slakit: 1\nname: demo\ntargets:\n  - {id: t, start: a, stop: b, within: 1h}\n"
         "name: again\n", "yaml-duplicate-key"),
        ("slakit: 1\nname: demo\ntargets:\n\t- {id: t}\n", "yaml-tab"),
        ("slakit: 1\n  name: demo\n", "yaml-syntax"),
        ("", "empty-document"),
        ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [" + ", ".join(["*a"] * 10) + "]\n"
         "c: &c [" + ", ".join(["*b"] * 10) + "]\nd: &d [" + ", ".join(["*c"] * 10) + "]\n"
         "e: &e [" + ", ".join(["*d"] * 10) + "]\nf: [" + ", ".join(["*e"] * 10) + "]\n",
         "yaml-too-many-values"),
        ("slakit: 1\nname: demo\ntargets:\n  - {id: t, start: a, stop: b, withn: 1h}\n",
         "unknown-key"),
    ],
)
def test_broken_documents_give_one_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, code: str
) -> None:
    path = write(tmp_path, "a.sla.yaml", text)
    status, out, err = cli(capsys, "validate", "-f", "json", path)
    report = json.loads(out)
    problems = report["files"][0]["problems"]
    assert status == 1 and err == ""
    assert [p["code"] for p in problems] == [code]
    assert problems[0]["line"] >= 1 and problems[0]["col"] >= 1


def test_folders_globs_and_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "b/two.sla.yml", GOOD)
    write(tmp_path, "a/one.sla.yaml", GOOD)
    write(tmp_path, "a/notes.yaml", "not: an sla\n")
    write(tmp_path, ".hidden/x.sla.yaml", BAD)
    code, out, _ = cli(capsys, "validate", "-f", "json", str(tmp_path))
    files = [f["path"] for f in json.loads(out)["files"]]
    assert code == 0
    assert files == [str(tmp_path / "a/one.sla.yaml"), str(tmp_path / "b/two.sla.yml")]
    code, out, _ = cli(capsys, "validate", "-f", "json", str(tmp_path / "*" / "*.sla.y*ml"),
                          str(tmp_path / "a/one.sla.yaml"))
    assert [f["path"] for f in json.loads(out)["files"]] == files


def test_folder_without_documents_is_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "validate", str(tmp_path))
    assert code == 2 and "no SLA documents" in err
    code, _, err = cli(capsys, "validate", str(tmp_path / "*.sla.yaml"))
    assert code == 2 and "no file matches" in err


def test_an_unreadable_folder_is_said_so_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Documents in a folder nobody can read would go unchecked (and root ignores chmod)."""
    write(tmp_path, "a/one.sla.yaml", GOOD)
    write(tmp_path, "locked/two.sla.yaml", BAD)
    real = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = cli(capsys, "validate", str(tmp_path))
    assert (code, out) == (2, "")
    assert f"cannot read the folder {tmp_path / 'locked'}: permission denied" in err


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    code, out, _ = cli(capsys, "validate", "-")
    assert code == 1 and out.startswith("<stdin>:4:23: error unknown-key")


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.sla.yaml", WARN)
    code, out, _ = cli(capsys, "validate", "-f", "json", path)
    report = json.loads(out)
    assert code == 0
    assert report["validate_version"] == 1 and report["passed"] is True
    assert report["summary"] == {"files": 1, "errors": 0, "warnings": 1}
    assert report["files"][0]["problems"][0] == {
        "code": "start-is-stop", "level": "warning", "line": 4, "col": 29,
        "message": report["files"][0]["problems"][0]["message"],
    }
    assert len(report["files"][0]["sha256"]) == 64
    again = cli(capsys, "validate", "-f", "json", path)[1]
    assert again == out  # byte-reproducible


def test_github_format_and_auto_detection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a,b.sla.yaml", BAD)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = cli(capsys, "validate", path)
    first = out.splitlines()[0]
    assert code == 1
    assert first == (f"::error file={github_property(path)},line=4,col=23,title=unknown-key::"
                     "unknown key 'stp' in a response target: did you mean 'stop'?")
    assert "a%2Cb.sla.yaml" in first
    code, out, _ = cli(capsys, "validate", "-f", "text", path)
    assert out.startswith(path)


def test_github_escaping() -> None:
    assert github_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github_property("C:\\a,b%") == "C%3A\\a%2Cb%25"


def test_github_annotations_are_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = "".join(f"  - {{id: t{i}, start: a, stop: a, within: 1h}}\n" for i in range(13))
    path = write(tmp_path, "a.sla.yaml", f"slakit: 1\nname: demo\ntargets:\n{targets}")
    code, out, _ = cli(capsys, "validate", "-f", "github", path)
    lines = out.splitlines()
    assert code == 0
    assert sum(line.startswith("::warning ") for line in lines) == LIMIT
    assert "::notice::3 more warnings not shown" in out
    assert sum(": warning start-is-stop " in line for line in lines) == 3
    assert lines[-1] == "13 warnings in 1 file"


def test_output_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.sla.yaml", WARN)
    report, notes = tmp_path / "out.json", tmp_path / "notes.txt"
    code, out, _ = cli(capsys, "validate", path, "-o", f"json={report}",
                          "--output", f"github={notes}")
    assert code == 0 and out.endswith("1 warning in 1 file\n")
    assert json.loads(report.read_text())["summary"]["warnings"] == 1
    assert notes.read_text().startswith("::warning ")


@pytest.mark.parametrize(
    "args",
    [["-o", "json"], ["-o", "xml=out.xml"], ["-f", "xml"], ["--nope"], []],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    path = write(tmp_path, "a.sla.yaml", GOOD)
    code, _, err = cli(capsys, "validate", *args, *([path] if args else []))
    assert code == 2
    assert "Traceback" not in err and err.strip()


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.sla.yaml", GOOD)
    code, _, err = cli(capsys, "validate", path, "-o", f"json={tmp_path / 'no' / 'x.json'}")
    assert code == 2 and err.startswith("error: cannot write")


# -- the central error mapping ----------------------------------------------------------------


def test_unexpected_error_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import slakit.checks

    def boom(loaded: object) -> list[object]:
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr(slakit.checks, "run_checks", boom)
    path = write(tmp_path, "a.sla.yaml", GOOD)
    code, _, err = cli(capsys, "validate", path)
    assert code == 2
    assert err == "internal error: RuntimeError: kaboom (run with --debug for the traceback)\n"
    code, _, err = cli(capsys, "--debug", "validate", path)
    assert code == 2 and "Traceback" in err and "kaboom" in err
    code, _, err = cli(capsys, "validate", path, "--debug")  # where users add it
    assert code == 2 and "Traceback" in err and "kaboom" in err
    code, _, err = cli(capsys, "validate", "--", path, "--debug")  # after --: a path
    assert code == 2 and "Traceback" not in err


def test_document_and_slakit_errors_map_to_1_and_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import slakit.checks
    from slakit.errors import DocumentError, InputError, Location, Problem

    problem = Problem("x-code", "error", "bad", Location("f.sla.yaml", 3, 4))

    def invalid(loaded: object) -> list[object]:
        raise DocumentError([problem])

    def cannot(loaded: object) -> list[object]:
        raise InputError("no usable row", file="e.csv")

    path = write(tmp_path, "a.sla.yaml", GOOD)
    monkeypatch.setattr(slakit.checks, "run_checks", invalid)
    assert cli(capsys, "validate", path)[::2] == (1, "f.sla.yaml:3:4: error x-code bad\n")
    monkeypatch.setattr(slakit.checks, "run_checks", cannot)
    assert cli(capsys, "validate", path)[::2] == (2, "error: e.csv: no usable row\n")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--version")[:2] == (0, "slakit 0.1.0\n")
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "validate" in out and "schema" in out
    assert cli(capsys, "nope")[0] == 2
    assert cli(capsys)[0] == 2


def test_python_m_slakit_end_to_end(tmp_path: Path) -> None:
    binary = tmp_path / "x.sla.yaml"
    binary.write_bytes(os.urandom(64) + b"\x00")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-m", "slakit", "validate", str(binary)],
                          capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 2
    assert "file-not-text" in proc.stdout and "Traceback" not in proc.stderr


def test_help_is_import_light() -> None:
    code = ("import sys, slakit.cli; "
            "print(sorted(m for m in ('numpy', 'pyarrow', 'pydantic', 'holidays') "
            "if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    assert proc.stdout.strip() == "[]"


def test_ctrl_c_is_reported_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import slakit.checks

    def interrupted(loaded: object) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(slakit.checks, "run_checks", interrupted)
    code, out, err = cli(capsys, "validate", write(tmp_path, "a.sla.yaml", GOOD))
    assert (code, out, err) == (2, "", "interrupted\n")
