"""Which documents a list of paths names: files, folders and globs, as ``slakit validate``
and ``slakit.validate`` take them."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from slakit.errors import UsageError

SUFFIXES = (".sla.yaml", ".sla.yml")
"""Documents a folder argument is searched for."""
STDIN = "-"


def discover(paths: list[str]) -> list[str]:
    """Expand folders and globs into document paths, in argument order, each file once.

    A folder yields its ``*.sla.yaml``/``*.sla.yml`` files (recursively, skipping hidden
    folders, sorted); a glob its matches (sorted); a file, or ``-``, itself. A missing file is
    kept so that it is reported; a folder or glob that yields nothing is a usage error.
    """
    found: list[str] = []
    for arg in paths:
        if arg == STDIN or os.path.isfile(arg):
            found.append(arg)
        elif os.path.isdir(arg):
            docs = _documents_under(Path(arg))
            if not docs:
                raise UsageError(f"no SLA documents (*.sla.yaml, *.sla.yml) under {arg}")
            found += docs
        elif glob.has_magic(arg):
            matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
            if not matches:
                raise UsageError(f"no file matches {arg}")
            found += matches
        else:
            found.append(arg)
    # One file, however spelt (``a.sla.yaml``, ``./a.sla.yaml``, a folder that holds it), once.
    first: dict[str, str] = {}
    for path in found:
        first.setdefault(path if path == STDIN else os.path.realpath(path), path)
    return list(first.values())


def _documents_under(root: Path) -> list[str]:
    def unreadable(error: OSError) -> None:  # a folder left out would be documents unchecked
        raise UsageError(f"cannot read the folder {error.filename}: "
                         f"{(error.strerror or str(error)).lower()}")

    out = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.normpath(os.path.join(folder, f))
                for f in sorted(files) if f.endswith(SUFFIXES)]
    return sorted(out)
