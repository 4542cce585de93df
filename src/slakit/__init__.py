"""slakit: SLA-as-code for healthcare lead follow-up.

Library first: each command is a thin layer over a function here. ``slakit.load`` reads and
validates a document, ``slakit.validate`` lists its problems, ``slakit.evaluate`` runs it on
event exports, ``slakit.diff`` compares two versions and ``slakit.explain`` tells one lead's
story. Their machinery lives in subpackages of other names (``slakit.changes``,
``slakit.story``), so that importing one never hides these functions. Heavy modules are
imported lazily so that ``slakit --help`` stays fast.
"""

from __future__ import annotations

import os as _os
from collections.abc import Iterable as _Iterable
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from slakit.errors import (
    DocumentError,
    DocumentReadError,
    InputError,
    Location,
    Problem,
    SlakitError,
    UsageError,
)

if _TYPE_CHECKING:
    from slakit.changes import DiffResult
    from slakit.evaluation import evaluate
    from slakit.loader import LoadedDocument
    from slakit.story import explain

__version__ = "0.1.0"
__all__ = [
    "DocumentError", "DocumentReadError", "InputError", "Location", "Problem", "SlakitError",
    "UsageError", "__version__", "diff", "evaluate", "explain", "load", "validate",
]

def load(source: str | _os.PathLike[str] | bytes | LoadedDocument, *,
         name: str | None = None) -> LoadedDocument:
    """Read one SLA document (a path, its text or its bytes) and check it as ``evaluate``
    does: a string holding a line break is the document's text, any other a path::

        loaded = slakit.load("consult.sla.yaml")
        loaded.document.targets[0].within          # Duration(amount=15, unit='m')
        loaded.locate(("targets", 0, "within"))    # Location(file=..., line=92, col=13)

    Raises ``DocumentError`` (its ``problems``, exit 1) when the document is invalid: a
    schema error or any error ``slakit validate`` reports (warnings pass). Raises
    ``DocumentReadError`` (exit 2) when it cannot be read. See ``slakit.loader.load``.
    """
    from slakit.checks import check_valid
    from slakit.loader import load as _load

    loaded = _load(source, name=name)
    check_valid(loaded)
    return loaded


def validate(source: str | _os.PathLike[str] | bytes | LoadedDocument |
             _Iterable[str | _os.PathLike[str]], *, name: str | None = None) -> list[Problem]:
    """Check SLA documents; return every problem (errors and warnings), each located.

    ``source`` is one document (a path, its text or its bytes) or, as ``slakit validate``
    takes them, a folder (its ``*.sla.yaml``/``*.sla.yml``), a glob, or a list of those.
    An empty result means valid and clean (an empty list given is a ``UsageError``). Raises
    ``DocumentReadError`` when a file cannot be read. See ``slakit.checks.validate`` and
    docs/checks.md.
    """
    from slakit.checks import run_checks
    from slakit.checks import validate as _validate
    from slakit.loader import LoadedDocument

    if isinstance(source, LoadedDocument):
        return run_checks(source)
    if isinstance(source, bytes) or (isinstance(source, str) and "\n" in source):
        return _validate(source, name=name)
    if isinstance(source, str | _os.PathLike):
        path = _os.fspath(source)
        if not (_os.path.isdir(path) or _glob(path)):
            return _validate(path, name=name)
        source = [path]
    elif not isinstance(source, list | tuple):
        raise UsageError(f"validate takes a document (path, text or bytes), a folder, a glob or "
                         f"a list of paths; got {type(source).__name__}")
    if not all(isinstance(s, str | _os.PathLike) for s in source):
        raise UsageError("validate's list holds paths (folders and globs too), not documents")
    if not source:  # "no problems" would read as valid: a job's empty list checked nothing
        raise UsageError("validate was given an empty list: name a document, folder or glob")
    from slakit.discover import discover

    return [p for path in discover([_os.fspath(s) for s in source]) for p in _validate(path)]


def _glob(path: str) -> bool:
    import glob

    return glob.has_magic(path)


def diff(base: _Any, head: _Any) -> DiffResult:
    """Compare two versions of a document by meaning, as ``slakit diff BASE HEAD`` does::

        result = slakit.diff("main:slas/consult.sla.yaml", "slas/consult.sla.yaml")
        result.summary()
        result.fails(["loosened"])                 # the --fail-on gate

    Each side is a ``LoadedDocument`` or, as on the command line, a path or ``REV:PATH``
    (read through git). Raises ``InvalidSideError`` (a ``DocumentError``, exit 1) when a side
    is invalid, ``RevisionError``/``DocumentReadError`` (exit 2) when it cannot be read.
    Replay is ``slakit.changes.replay``; see docs/diff.md.
    """
    from slakit.changes import diff_documents, load_side

    return diff_documents(load_side(base, "base"), load_side(head, "head"))


def __getattr__(name: str) -> _Any:
    """``evaluate`` (``slakit.evaluation.evaluate``) and ``explain``
    (``slakit.story.explain``) themselves, imported on first use: numpy and pyarrow are not
    for ``slakit --help``. ``help(slakit.evaluate)`` shows their options."""
    if name == "evaluate":
        from slakit.evaluation import evaluate

        return evaluate
    if name == "explain":
        from slakit.story import explain

        return explain
    raise AttributeError(f"module 'slakit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "evaluate", "explain"})
