"""slakit: SLA-as-code for healthcare lead follow-up.

Library first: ``slakit.load`` reads and validates a document, ``slakit.evaluate`` runs it on
event exports. Heavy modules are imported lazily so that ``slakit --help`` stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slakit.diff import DiffResult
    from slakit.errors import Problem
    from slakit.evaluation import Evaluation
    from slakit.loader import LoadedDocument

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
    """Compare two loaded documents by meaning (see ``slakit.diff.diff_documents``)."""
    from slakit.diff import diff_documents

    return diff_documents(base, head)
