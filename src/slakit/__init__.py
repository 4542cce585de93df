"""slakit: SLA-as-code for healthcare lead follow-up.

Library first: each command is a thin layer over a function here. ``slakit.load`` reads and
validates a document, ``slakit.validate`` lists its problems, ``slakit.evaluate`` runs it on
event exports, ``slakit.diff`` compares two versions and ``slakit.explain`` tells one lead's
story. Their machinery lives in subpackages of other names (``slakit.changes``,
``slakit.story``), so that importing one never hides these functions. Heavy modules are
imported lazily so that ``slakit --help`` stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slakit.changes import DiffResult
    from slakit.errors import Problem
    from slakit.evaluation import Evaluation
    from slakit.loader import LoadedDocument
    from slakit.story import Explanation

__version__ = "0.1.0"


def load(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> LoadedDocument:
    """Read and validate one SLA document (a path, its text or its bytes).

    Raises ``DocumentError`` (its ``problems``, exit 1) when the document is invalid and
    ``DocumentReadError`` (exit 2) when it cannot be read. See ``slakit.loader.load``.
    """
    from slakit.loader import load as _load

    return _load(source, name=name)


def validate(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> list[Problem]:
    """Load and check one SLA document; return every problem (errors and warnings).

    An empty list means valid and clean. Raises ``DocumentReadError`` when the file cannot
    be read. See ``slakit.checks.validate`` and docs/checks.md.
    """
    from slakit.checks import validate as _validate

    return _validate(source, name=name)


def evaluate(sla: Any, events: Sequence[str | os.PathLike[str]], **options: Any) -> Evaluation:
    """Evaluate an SLA document on event exports and return the typed report.

    ``sla`` is a path or a ``LoadedDocument``; ``options`` are those of
    ``slakit.evaluation.evaluate`` (``as_of``, ``lead_from``, ``lead_to``, ``by``, ``period``,
    ``fail_under``, ``pseudonym_key``)::

        result = slakit.evaluate("consult.sla.yaml", ["march.csv"], as_of="2026-03-31")
        for target in result.report.targets:
            print(target.id, target.compliance, target.passed)
    """
    from slakit.evaluation import evaluate as _evaluate

    return _evaluate(sla, [os.fspath(e) for e in events], **options)


def diff(base: Any, head: Any) -> DiffResult:
    """Compare two versions of a document by meaning, as ``slakit diff BASE HEAD`` does.

    Each side is a ``LoadedDocument`` or, as on the command line, a path or ``REV:PATH``
    (read through git). Raises ``InvalidSideError`` (exit 1) when a side is invalid,
    ``RevisionError``/``DocumentReadError`` (exit 2) when it cannot be read. Replay is
    ``slakit.changes.replay``; see docs/diff.md.
    """
    from slakit.changes import diff_documents, load_side
    from slakit.loader import LoadedDocument

    old = base if isinstance(base, LoadedDocument) else load_side(os.fspath(base), "base")
    new = head if isinstance(head, LoadedDocument) else load_side(os.fspath(head), "head")
    return diff_documents(old, new)


def explain(sla: Any, events: Sequence[str | os.PathLike[str]], lead: str,
            **options: Any) -> Explanation:  # fmt: skip
    """One lead's story, as ``slakit explain SLA EVENTS --lead ID`` tells it.

    ``options`` are those of ``slakit.story.explain`` (``as_of``, ``lead_from``, ``lead_to``,
    ``show_pii``, ``pseudonym_key``); ``slakit.story.FORMATS`` renders the result as text or
    JSON. Raises ``UnknownLead`` (exit 2, with close ids) for a lead the input lacks.
    """
    from slakit.story import explain as _explain

    return _explain(sla, [os.fspath(e) for e in events], lead, **options)
