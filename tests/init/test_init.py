"""``slakit init``: starter files that validate without warnings and evaluate cleanly."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from slakit.cli import run
from slakit.cli.init import EXAMPLE_LEAD, STARTER_FILES


def init(target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["init", str(target)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_starter_files_are_package_data() -> None:
    for name in STARTER_FILES:
        assert files("slakit").joinpath("data", name).is_file(), name


def test_init_writes_files_and_next_steps(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = init(tmp_path / "new" / "sla", capsys)
    assert code == 0, err
    for name in STARTER_FILES:
        assert (tmp_path / "new" / "sla" / name).read_bytes() == \
            files("slakit").joinpath("data", name).read_bytes()
    assert "slakit validate" in out and "slakit evaluate" in out
    assert f"--lead {EXAMPLE_LEAD}" in out


def test_init_defaults_to_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["init"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(STARTER_FILES)
    assert "slakit evaluate starter.sla.yaml starter-events.csv" in capsys.readouterr().out


def test_starter_validates_strictly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init(tmp_path, capsys)[0] == 0
    code = run(["validate", "--strict", "-f", "json", str(tmp_path / "starter.sla.yaml")])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["summary"] == {"files": 1, "errors": 0, "warnings": 0}


def test_starter_evaluates_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init(tmp_path, capsys)[0] == 0
    sla, events = (str(tmp_path / name) for name in STARTER_FILES)
    code = run(["evaluate", sla, events, "-f", "json"])
    captured = capsys.readouterr()
    assert captured.err == ""
    report = json.loads(captured.out)
    assert code == 0
    assert report["passed"] is True
    assert report["findings"] == []
    assert report["input"]["leads"] == 20
    assert report["input"]["skipped_rows"] == 0
    kinds = {t["kind"] for t in report["targets"]}
    assert kinds == {"response", "cadence"}
    assert all(t["counts"]["breached"] >= 1 for t in report["targets"])   # something to explain
    assert report["escalations"][0]["fired"] == 1


def test_starter_lead_can_be_explained(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert init(tmp_path, capsys)[0] == 0
    sla, events = (str(tmp_path / name) for name in STARTER_FILES)
    assert run(["explain", sla, events, "--lead", EXAMPLE_LEAD]) == 0
    assert "BREACHED" in capsys.readouterr().out


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "starter-events.csv"
    mine.write_text("my own export\n", encoding="utf-8")
    code, _, err = init(tmp_path, capsys)
    assert code == 2
    assert str(mine) in err and "not overwriting" in err
    assert "starter.sla.yaml" not in err
    assert mine.read_text(encoding="utf-8") == "my own export\n"
    assert not (tmp_path / "starter.sla.yaml").exists()


def test_init_twice_refuses_the_second_time(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert init(tmp_path, capsys)[0] == 0
    code, _, err = init(tmp_path, capsys)
    assert code == 2
    assert all(name in err for name in STARTER_FILES)


def test_init_into_a_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("", encoding="utf-8")
    code, _, err = init(target, capsys)
    assert code == 2
    assert "not a folder" in err
