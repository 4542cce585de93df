"""Build small documents from snippets and diff them (shared by the diff tests)."""

from __future__ import annotations

import re

from slakit.changes import DiffResult, diff_documents
from slakit.loader import LoadedDocument, load

DEFAULT_TARGETS = "targets: [{id: t, start: a, stop: b, within: 1h}]\n"


def document(snippet: str, name: str = "doc.sla.yaml") -> LoadedDocument:
    """A full document: ``slakit: 1``, a ``name`` and a target added when the snippet lacks them."""
    text = snippet if snippet.startswith("slakit:") else "slakit: 1\n" + snippet
    if not re.search(r"^name:", text, re.M):
        text += "name: t\n"
    if not re.search(r"^targets:", text, re.M):
        text += DEFAULT_TARGETS
    return load(text, name=name)


def diff(base: str, head: str) -> DiffResult:
    """Diff two snippets."""
    return diff_documents(document(base, "base.sla.yaml"), document(head, "head.sla.yaml"))
