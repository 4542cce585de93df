"""Whole-document properties: a document equals itself, and moving entries changes nothing."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from slakit.changes import diff_documents
from slakit.loader import load
from slakit.loader.yaml12 import parse

ROOT = Path(__file__).parents[2]
DOCUMENTS = sorted(
    [*ROOT.glob("examples/*/*.sla.yaml"), *(Path(__file__).parent / "golden").glob("*.sla.yaml")]
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_a_document_equals_itself(path: Path) -> None:
    assert diff_documents(load(path), load(path)).changes == ()


def _shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    out = dict(data)
    for key in ("targets", "escalations"):
        if key in out:
            out[key] = rng.sample(out[key], len(out[key]))
    for key in ("calendars", "definitions", "raci"):
        if key in out:
            items = list(out[key].items())
            out[key] = dict(rng.sample(items, len(items)))
    keys = list(out)
    return {k: out[k] for k in rng.sample(keys, len(keys))}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_moving_entries_changes_nothing(path: Path, seed: int) -> None:
    data = parse(path.read_text(encoding="utf-8")).data
    moved = yaml.safe_dump(_shuffled(data, seed), sort_keys=False, allow_unicode=True)
    assert diff_documents(load(path), load(moved, name="moved")).changes == ()


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_reversing_routing_rules_reorders(path: Path) -> None:
    data = parse(path.read_text(encoding="utf-8")).data
    rules = (data.get("routing") or {}).get("rules", [])
    if len(rules) < 2:
        pytest.skip("fewer than two routing rules")
    data["routing"]["rules"] = rules[::-1]
    changes = diff_documents(load(path), load(yaml.safe_dump(data), name="moved")).changes
    assert {c.code for c in changes} == {"routing-rule-reordered"}
    assert len(changes) == len(rules) - 1
