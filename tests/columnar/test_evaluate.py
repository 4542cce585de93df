"""``slakit.evaluate`` gives byte-identical output with either engine, on every example."""

from __future__ import annotations

from pathlib import Path

import pytest

import slakit
from slakit.cli.evaluate import FORMAT_NAMES
from slakit.errors import UsageError
from slakit.evaluation import engine_name

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [
    ("consult-follow-up/consult.sla.yaml", {}),
    ("consult-follow-up/consult.sla.yaml", {"as_of": "2026-03-20T12:00:00", "period": "month"}),
    ("consult-follow-up/consult.sla.yaml", {"lead_from": "2026-03-09", "lead_to": "2026-03-23",
                                            "by": ["service_line"]}),
    ("multi-region/multi-region.sla.yaml", {}),
    ("partner-delivery/partner.sla.yaml", {}),
]


@pytest.mark.parametrize(("doc", "options"), EXAMPLES)
def test_every_format_is_byte_identical(doc: str, options: dict[str, object]) -> None:
    path = ROOT / "examples" / doc
    events = [path.parent / "events.csv"]
    ref = slakit.evaluate(path, events, engine="reference", **options)
    col = slakit.evaluate(path, events, engine="columnar", **options)
    assert col.engine == "columnar" and ref.engine == "reference"
    assert col.leads == ref.leads
    assert col.report == ref.report
    for fmt in FORMAT_NAMES:
        assert col.render(fmt) == ref.render(fmt), fmt


def test_pseudonymized_results_agree() -> None:
    path = ROOT / "examples" / "consult-follow-up" / "consult.sla.yaml"
    events = [path.parent / "events.csv"]
    key = b"k" * 32
    ref = slakit.evaluate(path, events, engine="reference", pseudonym_key=key)
    col = slakit.evaluate(path, events, pseudonym_key=key)
    assert col.leads == ref.leads and col.report == ref.report


def test_engine_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLAKIT_ENGINE", raising=False)
    assert engine_name() == "columnar"
    monkeypatch.setenv("SLAKIT_ENGINE", "reference")
    assert engine_name() == "reference"
    assert engine_name("columnar") == "columnar"
    with pytest.raises(UsageError):
        engine_name("fast")
