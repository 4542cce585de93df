"""What a check is: a stable code, a level, and a generator of issues over a ``Document``.

A check's docstring is its entry in docs/checks.md: the first line says what it finds, the
rest why it matters and how to fix it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from slakit.errors import Level
from slakit.model import Document

PathElement = str | int
Path = tuple[PathElement, ...]


@dataclass(frozen=True)
class Issue:
    """One thing a check found, before it is located in the file."""

    path: Path
    """The YAML keys and list indices of the offending node, e.g. ``("targets", 0, "within")``."""
    message: str
    """What is wrong and how to fix it, without PHI."""
    key: bool = False
    """Point at the key of ``path`` rather than its value (an unknown or reserved name)."""


CheckFunction = Callable[[Document], Iterator[Issue]]


@dataclass(frozen=True)
class Check:
    """A registered check: ``code`` is stable, ``level`` is ``error`` or ``warning``."""

    code: str
    level: Level
    run: CheckFunction

    @property
    def doc(self) -> str:
        """The user documentation: the check function's docstring."""
        return inspect.getdoc(self.run) or ""

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.split("\n", 1)[0]


def check(code: str, level: Level) -> Callable[[CheckFunction], Check]:
    """Declare a check: ``@check("undefined-calendar", "error")`` over a generator function."""

    def wrap(function: CheckFunction) -> Check:
        if not inspect.getdoc(function):
            raise TypeError(f"check {code} needs a docstring: it is the user documentation")
        return Check(code, level, function)

    return wrap
