"""How far a long ``evaluate`` has got, for a terminal's progress bar (CLI.md: "Long runs
show a progress bar on a terminal, never in a pipe or CI log").

The command line installs a listener for the run (``listening``); the library has none, so a
notebook or a job sees nothing and pays nothing. The reader reports the bytes of the exports it
has read (``step``/``advance``), evaluate the stages after it. Reports come from the reader's
threads too: a listener must be thread-safe (rich's ``Progress`` is).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Listener(Protocol):
    """What receives the reports."""

    def step(self, what: str, total: int | None) -> None:
        """A new stage begins: ``total`` units of work (``None``: not known)."""

    def advance(self, done: int) -> None:
        """``done`` units of the current stage are done (a running total, not an increment)."""


_listener: Listener | None = None


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send the reports of the code run inside to ``listener``."""
    global _listener
    before, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = before


def step(what: str, total: int | None = None) -> None:
    """Report that a stage begins (nothing without a listener)."""
    if _listener is not None:
        _listener.step(what, total)


def advance(done: int) -> None:
    """Report how much of the current stage is done (nothing without a listener)."""
    if _listener is not None:
        _listener.advance(done)


def active() -> bool:
    """Whether anyone listens (to skip the work of measuring for nobody)."""
    return _listener is not None
