"""Every case in cases.yaml: a minimal pair of documents and the codes its diff must report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from diff_kit import diff

from slakit.changes import CODES

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text())


def _id(case: dict[str, Any]) -> str:
    return str(case.get("name") or case["code"])


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    expected = case.get("codes", [case.get("code")])
    result = diff(case["base"], case["head"])
    assert [c.code for c in result.changes] == expected
    for change in result.changes:
        assert change.direction == CODES[change.code].direction
        assert change.base_line is not None or change.head_line is not None
        assert change.message
    if "lines" in case:
        assert [[c.base_line, c.head_line] for c in result.changes] == case["lines"]
    for text in case.get("says", []):
        assert any(text in c.message for c in result.changes), text


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_case_reversed_is_symmetric(case: dict[str, Any]) -> None:
    """Swapping the sides never finds a change where there was none, nor hides one."""
    forward = diff(case["base"], case["head"])
    backward = diff(case["head"], case["base"])
    assert bool(forward.changes) == bool(backward.changes)
    flipped = {"tightened": "loosened", "loosened": "tightened", "changed": "changed"}
    assert sorted(flipped[c.direction] for c in forward.changes) == sorted(
        c.direction for c in backward.changes
    )


def test_an_empty_value_prints_as_yaml_writes_it() -> None:
    """`nulls: ['', N/A]` printed as `[, N/A]`."""
    result = diff("name: t\n", "source: {nulls: ['', N/A]}\n")
    assert [(c.old, c.new) for c in result.changes] == [("''", "['', N/A]")]
