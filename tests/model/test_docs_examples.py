"""Whole documents shown in docs/language.md validate clean; its fragments parse as YAML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from slakit.checks import validate
from slakit.loader.yaml12 import parse

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "language.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_there_are_examples() -> None:
    assert len(BLOCKS) >= 15 and WHOLE


WHOLE = [b for b in BLOCKS if "\nslakit: 1" in "\n" + b and "targets:" in b]


@pytest.mark.parametrize("block", WHOLE)
def test_whole_documents_are_clean(block: str) -> None:
    assert validate(block, name="language.md") == []


@pytest.mark.parametrize("block", BLOCKS)
def test_fragments_are_valid_yaml(block: str) -> None:
    parse(block)
