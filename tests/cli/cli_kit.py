"""Helpers for command-line tests: a document and an export written side by side."""

from __future__ import annotations

from pathlib import Path


def write_case(folder: Path, doc: str, events: str) -> tuple[Path, Path]:
    """Write ``doc`` as ``d.sla.yaml`` and ``events`` as ``e.csv`` in ``folder``; return both."""
    doc_path, events_path = folder / "d.sla.yaml", folder / "e.csv"
    doc_path.write_text(doc, encoding="utf-8")
    events_path.write_text(events, encoding="utf-8")
    return doc_path, events_path
