"""``slakit diff``: what changed in meaning between two versions of an SLA document.

    >>> from slakit.changes import diff_documents
    >>> from slakit.loader import load
    >>> result = diff_documents(load("old.sla.yaml"), load("new.sla.yaml"))  # doctest: +SKIP
    >>> result.summary()  # doctest: +SKIP
    '1 loosened, 0 tightened, 2 changed'

Changes have stable codes (``slakit.changes.codes.CODES``, docs/diff.md) and a direction seen
from the lead's side. ``replay`` evaluates both versions on the same export.

The replay names (``replay``, ``replay_report``, ``Replay``, ``TargetImpact``,
``SegmentImpact``) are imported on first use: ``slakit.changes.impact`` brings the evaluation,
the reader and numpy, which a diff without ``--replay`` does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from slakit.changes.change import FAIL_ON_CHOICES, Change, DiffResult
from slakit.changes.codes import CODES, DIRECTIONS, Code, Direction
from slakit.changes.core import Located, compare, diff_documents
from slakit.changes.formats import FORMATS, DiffFormat, DiffReport
from slakit.changes.sides import InvalidSideError, RevisionError, load_side

if TYPE_CHECKING:
    from slakit.changes.impact import Replay, SegmentImpact, TargetImpact, replay, replay_report

_IMPACT = frozenset({"Replay", "SegmentImpact", "TargetImpact", "replay", "replay_report"})

__all__ = [
    "CODES", "DIRECTIONS", "FAIL_ON_CHOICES", "FORMATS", "Change", "Code", "DiffFormat",
    "DiffReport", "DiffResult", "Direction", "InvalidSideError", "Located", "Replay",
    "RevisionError", "SegmentImpact", "TargetImpact", "compare", "diff_documents", "load_side",
    "replay", "replay_report",
]


def __getattr__(name: str) -> Any:
    """Return a replay name from ``slakit.changes.impact``, importing it on first use."""
    if name not in _IMPACT:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("slakit.changes.impact"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_IMPACT})
