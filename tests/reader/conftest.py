"""Fixtures for reader tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import Write


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write text (UTF-8) or bytes to tmp_path/name and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return p

    return _write
