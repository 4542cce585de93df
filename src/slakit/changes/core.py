"""The semantic diff: compare two documents section by section, attach lines, classify.

    >>> from slakit.loader import load
    >>> base = load("slakit: 1\\nname: d\\ntargets: [{id: t, start: a, stop: b, within: 15m}]\\n")
    >>> head = load("slakit: 1\\nname: d\\ntargets: [{id: t, start: a, stop: b, within: 10m}]\\n")
    >>> [(c.code, c.direction) for c in diff_documents(base, head).changes]
    [('target-budget-tightened', 'tightened')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from slakit.changes.change import Change, DiffResult
from slakit.changes.codes import CODES
from slakit.changes.sections import SECTIONS, Pair
from slakit.changes.site import Found, Key
from slakit.errors import Location
from slakit.model import Document


class Located(Protocol):
    """What the diff needs of a loaded document (``slakit.loader.LoadedDocument`` is one)."""

    @property
    def document(self) -> Document:
        """The validated model."""

    @property
    def path(self) -> str:
        """How the document was named."""

    @property
    def sha256(self) -> str:
        """Digest of its bytes."""

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """Where the value (or key) at ``path`` was written, or its nearest written parent."""

    def written(self, key: str) -> bool:
        """Whether the document writes the top-level ``key``."""


def compare(base: Document, head: Document) -> Iterator[Found]:
    """Yield every difference in meaning, section by section, in document order."""
    pair = Pair(base, head)
    for section in SECTIONS:
        yield from section(pair)


def _line(doc: Located, key: Key | None) -> int | None:
    """The line of ``key`` in ``doc``, or of its nearest written parent; None where the
    document has nothing of it (a whole section, such as ``outcomes``, not written)."""
    if key is None or not (key and isinstance(key[0], str) and doc.written(key[0])):
        return None
    return doc.locate(key, key=True).line


def diff_documents(base: Located, head: Located) -> DiffResult:
    """Compare two versions of a document by meaning; entries match by id or name."""
    changes = tuple(
        Change(
            code=f.code,
            direction=CODES[f.code].direction,
            path=f.site.path,
            old=f.old,
            new=f.new,
            base_line=_line(base, f.site.base),
            head_line=_line(head, f.site.head),
            message=f.message,
        )
        for f in compare(base.document, head.document)
    )
    return DiffResult(base.path, head.path, base.sha256, head.sha256, changes)
