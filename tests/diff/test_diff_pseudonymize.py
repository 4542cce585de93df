"""`diff --replay --pseudonymize` shows keyed hashes instead of lead ids, and needs its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from slakit.cli import run
from slakit.evaluation import pseudonym

ROOT = Path(__file__).resolve().parents[2]
CONSULT = ROOT / "examples" / "consult-follow-up"


def _tightened(tmp_path: Path) -> Path:
    text = (CONSULT / "consult.sla.yaml").read_text(encoding="utf-8")
    head = tmp_path / "head.sla.yaml"
    head.write_text(text.replace("within: 15m", "within: 10m", 1), encoding="utf-8")
    return head


def test_replay_lead_ids_are_pseudonyms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLAKIT_PSEUDONYM_KEY", "s3cret")
    head = _tightened(tmp_path)
    code = run(["diff", str(CONSULT / "consult.sla.yaml"), str(head), "--replay",
                str(CONSULT / "events.csv"), "--pseudonymize", "-f", "json"])
    assert code == 0
    out = capsys.readouterr().out
    assert "L-1" not in out and "L-9" not in out
    assert "p-" in out
    assert pseudonym("L-100001", b"s3cret").startswith("p-")


def test_pseudonymize_without_key_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLAKIT_PSEUDONYM_KEY", raising=False)
    head = _tightened(tmp_path)
    code = run(["diff", str(CONSULT / "consult.sla.yaml"), str(head), "--replay",
                str(CONSULT / "events.csv"), "--pseudonymize"])
    assert code == 2
    assert "SLAKIT_PSEUDONYM_KEY" in capsys.readouterr().err
