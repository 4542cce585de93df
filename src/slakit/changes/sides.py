"""Read the two sides of a diff: a file, or ``REV:PATH`` read through git.

    >>> load_side("main:sla/consult.sla.yaml", "base")  # doctest: +SKIP

A spec is a file when a file of that name exists (so ``C:\\slas\\x.sla.yaml`` and a file that
really has a colon in its name stay files); otherwise ``REV:PATH`` is passed to
``git show REV:PATH`` in the current directory's repository.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from slakit.checks import check_valid
from slakit.errors import DocumentError, UsageError
from slakit.loader import LoadedDocument, load

Side = Literal["base", "head"]
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


class RevisionError(UsageError):
    """A ``REV:PATH`` that git cannot read: unknown revision, path, or no repository (exit 2)."""


@dataclass
class InvalidSideError(DocumentError):
    """One side of the diff is not a valid document (exit 1); ``problems`` say where."""

    side: str = "base"
    spec: str = ""

    def __str__(self) -> str:
        return f"{self.side} ({self.spec}) is invalid:\n" + super().__str__()


def split_spec(spec: str, cwd: Path | None = None) -> tuple[str, str] | None:
    """``(rev, path)`` when ``spec`` names a git object, ``None`` when it is a file path."""
    where = cwd or Path.cwd()
    if _DRIVE.match(spec) or ":" not in spec or (where / spec).exists():
        return None
    rev, path = spec.split(":", 1)
    return rev, path


def read_git(rev: str, path: str, cwd: Path | None = None) -> bytes:
    """The bytes of ``path`` at ``rev`` (``git show REV:PATH``), or ``RevisionError``."""
    spec = f"{rev}:{path}"
    if rev.startswith("-") or not path:
        raise RevisionError(f"{spec}: write a revision and a path, like main:sla/x.sla.yaml")
    try:
        kind = _git(["cat-file", "-t", spec], cwd)
        if kind.strip() != b"blob":
            raise RevisionError(f"{spec}: not a file at that revision (it is a git "
                                f"{kind.decode(errors='replace').strip()})")
        return _git(["show", spec], cwd)
    except FileNotFoundError as e:
        raise RevisionError(f"{spec}: git is not installed, so a revision cannot be read") from e


def _git(args: list[str], cwd: Path | None) -> bytes:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if done.returncode != 0:
        spec = args[-1]
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[0].removeprefix("fatal: ") if lines else f"git exited {done.returncode}"
        raise RevisionError(
            f"{spec}: unknown revision or path ({reason}); check `git log` and the path "
            "from the repository root"
        )
    return done.stdout


def load_side(spec: str | bytes | os.PathLike[str] | LoadedDocument, side: Side,
              cwd: Path | None = None) -> LoadedDocument:  # fmt: skip
    """Load one side (a path, ``REV:PATH``, or a document loaded already) and check it;
    ``InvalidSideError`` names the side and lists its errors.

    Raises ``RevisionError`` or ``DocumentReadError`` (exit 2) when it cannot be read.
    """
    if isinstance(spec, LoadedDocument):
        loaded, spec = spec, spec.path
    elif isinstance(spec, bytes) or (isinstance(spec, str) and "\n" in spec):
        try:  # a document's text (the library takes it, as slakit.load does)
            loaded = load(spec, name=side)
        except DocumentError as e:
            raise InvalidSideError(list(e.problems), side, side) from None
        spec = side
    elif not isinstance(spec, str | os.PathLike):
        raise UsageError(f"{side} takes a document's path, REV:PATH, text or slakit.load's "
                         f"result; got {type(spec).__name__}")
    else:
        spec = os.fspath(spec)
        git = split_spec(spec, cwd)
        try:
            if git is None:
                path = Path(spec) if cwd is None or Path(spec).is_absolute() else cwd / spec
                loaded = load(path, name=spec)
            else:
                loaded = load(read_git(*git, cwd=cwd), name=spec)
        except DocumentError as e:
            raise InvalidSideError(list(e.problems), side, spec) from None
    try:
        check_valid(loaded)
    except DocumentError as e:
        raise InvalidSideError(list(e.problems), side, spec) from None
    return loaded
