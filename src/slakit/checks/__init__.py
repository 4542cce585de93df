"""Semantic checks of a valid document: references, calendars, durations, lint.

Each check is a small generator registered in ``CHECKS`` under its stable code; its
docstring is its documentation (docs/checks.md). ``run_checks`` locates what they find.

    >>> from slakit.loader import load
    >>> text = "slakit: 1\\nname: d\\ntargets: [{id: t, start: a, stop: a, within: 1h}]\\n"
    >>> [(p.code, p.location.line) for p in run_checks(load(text))]
    [('start-is-stop', 3)]
"""

from __future__ import annotations

import os

from slakit.checks import (
    calendars,
    durations,
    escalations,
    ids,
    privacy,
    references,
    routing,
    source,
    targets,
    values,
)
from slakit.checks.base import Check, Issue, check
from slakit.errors import DocumentError, Problem
from slakit.loader import CODES as LOADER_CODES
from slakit.loader import LoadedDocument, load

__all__ = ["CHECKS", "LOADER_CODES", "Check", "Issue", "check", "check_valid", "run_checks",
           "validate"]

CHECKS: dict[str, Check] = {
    c.code: c
    for module in (references, ids, calendars, durations, targets, values, routing, escalations,
                   privacy, source)
    for c in module.CHECKS
}
"""Every check by its stable code, in documentation order."""


def run_checks(loaded: LoadedDocument) -> list[Problem]:
    """Run every check on a loaded document; return located problems, sorted by position."""
    problems = [
        Problem(c.code, c.level, issue.message, loaded.locate(issue.path, key=issue.key))
        for c in CHECKS.values()
        for issue in c.run(loaded.document)
    ]
    return sorted(problems, key=lambda p: (p.location.line, p.location.col, p.code, p.message))


def check_valid(loaded: LoadedDocument) -> None:
    """Raise ``DocumentError`` with the document's errors, sorted by position.

    These are what ``slakit validate`` fails on without ``--strict``; warnings pass. evaluate,
    explain and diff run nothing on a document with an error (LANGUAGE.md: such a document
    is invalid), so a document that filters on a phone number cannot be run by mistake.
    """
    errors = [p for p in run_checks(loaded) if p.level == "error"]
    if errors:
        raise DocumentError(errors)


def validate(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> list[Problem]:
    """Load a document and check it: every problem, errors and warnings, sorted by position.

    An empty list means the document is valid and clean. Raises ``DocumentReadError`` when
    the file cannot be read at all.
    """
    try:
        loaded = load(source, name=name)
    except DocumentError as e:
        return list(e.problems)
    return run_checks(loaded)
