"""Read an SLA document: safe YAML 1.2 -> ``Document``, every problem at ``file:line:col``.

    >>> text = "slakit: 1\\nname: demo\\ntargets: [{id: t, start: a, stop: b, within: 1h}]\\n"
    >>> load(text).document.targets[0].id
    't'

The YAML layer (``loader.yaml12``) refuses what a reviewer could not see at a glance: duplicate
keys, tags that build objects, aliases that expand past a bound, deep nesting, huge files. This
module turns its nodes into the model and maps pydantic's errors onto those nodes with
friendly, fix-it messages (``loader.messages``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from slakit.errors import DocumentError, DocumentReadError, Location, Problem, UsageError
from slakit.loader.messages import problems_from_validation
from slakit.loader.syntax import YamlProblem
from slakit.loader.yaml12 import MAX_BYTES, NodeIndex, parse
from slakit.model import Document

__all__ = [
    "CODES",
    "MAX_BYTES",
    "LoadedDocument",
    "UnreadableDocument",
    "load",
]

CODES: dict[str, str] = {
    "file-not-found": "The document file does not exist. Check the path (exit 2).",
    "file-unreadable": "The path cannot be read: a folder, or no permission (exit 2).",
    "file-not-text": (
        "The file is not UTF-8 text: it holds a NUL byte or bytes that are not UTF-8. Save it as "
        "UTF-8 (an editor's \"Save with encoding\"); the problem points at the first bad byte "
        "(exit 2)."
    ),
    "file-too-large": (
        f"The file is larger than {MAX_BYTES // (1024 * 1024)} MiB. SLA documents are small; "
        "this is probably the wrong file (an export?). It is refused before parsing (exit 2)."
    ),
    "empty-document": "The file holds no YAML content. A document starts with `slakit: 1`.",
    "not-a-mapping": (
        "The top level is a list or a plain value. A document is a mapping: `slakit: 1`, "
        "`name: ...`, `targets: ...`."
    ),
    "yaml-syntax": (
        "The YAML cannot be parsed: an unclosed quote or bracket, a `:` where none may be, "
        "lines indented inconsistently, more than one document. The message says which."
    ),
    "yaml-tab": ("A tab character in the indentation (YAML indents with spaces only) or "
                 "between the parts of a line, where slakit's YAML reader takes spaces."),
    "yaml-duplicate-key": (
        "A key appears twice in one mapping; YAML would silently keep the last. The problem "
        "points at the second; delete or rename one of them."
    ),
    "yaml-tag": (
        "A YAML tag (`!!python/object`, `!!binary`, `!custom`, ...) that would build something "
        "other than text, numbers, booleans, lists and mappings. Remove the tag."
    ),
    "yaml-too-deep": "Nesting deeper than 64 levels (aliases included). Flatten the document.",
    "yaml-too-many-values": (
        "More than 100000 values once aliases are expanded (a \"billion laughs\" document), or "
        "in total. Write the values out, or use fewer aliases."
    ),
    "yaml-recursive-alias": "An alias used inside its own anchor: the value would be infinite.",
    "unknown-key": (
        "A key the language does not have at this place (often a typo; the message suggests "
        "the closest key). Keys of other target kinds are named as such."
    ),
    "missing-key": "A required key is missing; the message lists what this section needs.",
    "wrong-type": (
        "A value of the wrong shape: a list where text is expected, or a mapping where a list "
        "is. The message names the expected shape."
    ),
    "invalid-value": (
        "A value the language cannot read: a duration without unit, a percentage above 100%, a "
        "span like 8-5, an unknown target kind, an id with spaces. The message shows the form."
    ),
}
"""Problem codes the loader reports, with their user documentation (docs/checks.md)."""

_TEXT_NAME = "<string>"


class UnreadableDocument(DocumentReadError):
    """A document that cannot be read at all (exit 2), with its problem located in the file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(f"{problem.location}: {problem.message}")
        self.problem = problem


@dataclass(frozen=True)
class LoadedDocument:
    """A valid document with where each of its parts was written.

    ``locate(("targets", 0, "within"))`` gives the line and column of that value.
    """

    document: Document
    """The validated model."""
    path: str
    """The file as given (or the ``name`` of text input); used in every location."""
    sha256: str
    """Hex digest of the document's bytes, for reports and caches."""
    _index: NodeIndex = field(repr=False, compare=False)

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """Return where the value (or, with ``key``, the key) at ``path`` was written.

        ``path`` uses YAML keys and list indices; Python names (``for_``, ``from_``) and
        pydantic's union tags are accepted and skipped. A path that goes further than the
        document (a key left at its default) falls back to the nearest written parent.
        """
        line, col = self._index.locate(path, key=key)
        return Location(self.path, line, col)

    def written(self, key: str) -> bool:
        """Whether the document writes the top-level ``key`` (``outcomes``, ``routing``)."""
        return self._index.written(key)


def load(source: str | os.PathLike[str] | bytes | LoadedDocument, *,
         name: str | None = None) -> LoadedDocument:  # fmt: skip
    """Read and validate one SLA document.

    ``source`` is a path (``str`` without a newline, or ``os.PathLike``), the document's text
    (``str`` with a newline) or its bytes; ``name`` replaces the path in locations. A document
    loaded already is returned as it is.

    Raises ``DocumentError`` (exit 1) listing located problems when the document is invalid,
    ``UnreadableDocument`` (a ``DocumentReadError``, exit 2) when it cannot be read, and
    ``UsageError`` for anything else.
    """
    if isinstance(source, LoadedDocument):
        return source
    if not isinstance(source, str | bytes | os.PathLike):
        raise UsageError(f"a document is a path, its text or its bytes, or slakit.load's "
                         f"result; got {type(source).__name__}")
    path, data = _read(source, name)
    text = _decode(path, data)
    digest = hashlib.sha256(data).hexdigest()
    try:
        parsed = parse(text)
    except YamlProblem as e:
        raise DocumentError([_problem(path, e.code, e.message, e.line, e.col)]) from None
    if parsed.problems:
        raise DocumentError(
            [_problem(path, p.code, p.message, p.line, p.col) for p in parsed.problems]
        )
    index = parsed.index
    if parsed.data is None:
        raise DocumentError([_problem(
            path, "empty-document",
            "the document is empty: start it with 'slakit: 1', then 'name:' and 'targets:' "
            "(see docs/language.md)", 1, 1)])
    if not isinstance(parsed.data, Mapping):
        line, col = index.locate(())
        raise DocumentError([_problem(
            path, "not-a-mapping",
            f"the document is a {_shape(parsed.data)}, not a mapping: write keys at the top "
            "level, starting with 'slakit: 1'", line, col)])
    try:
        document = Document.model_validate(parsed.data)
    except ValidationError as e:
        problems = [
            _problem(path, p.code, p.message, *index.locate(p.path, key=p.at_key))
            for p in problems_from_validation(e, parsed.data)
        ]
        raise DocumentError(_unique(problems)) from None
    return LoadedDocument(document, path, digest, index)


def _problem(path: str, code: str, message: str, line: int, col: int) -> Problem:
    return Problem(code, "error", message, Location(path, line, col))


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Problem] = []
    for p in sorted(problems, key=lambda p: (p.location.line, p.location.col, p.code)):
        key = (p.code, p.location.line, p.location.col, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    return "plain value"


def _read(source: str | os.PathLike[str] | bytes, name: str | None) -> tuple[str, bytes]:
    if isinstance(source, bytes):
        return name or _TEXT_NAME, _bounded(name or _TEXT_NAME, source)
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return name or _TEXT_NAME, _bounded(name or _TEXT_NAME, source.encode("utf-8"))
    path = Path(source)
    shown = name or os.fspath(source)
    if os.fspath(source) in ("", "-"):  # Path("") is the current folder; "-" is no file
        why = ("an empty path: name a .sla.yaml file" if not os.fspath(source) else
               "'-' names standard input, which is read for exports (and by the validate "
               "command), not for a document here: name the document's file")
        raise UnreadableDocument(_problem(shown or "''", "file-not-found", why, 1, 1))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(shown, size)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableDocument(_problem(
            shown, "file-not-found", "no such file: check the path", 1, 1)) from None
    except IsADirectoryError:
        raise UnreadableDocument(_problem(
            shown, "file-unreadable",
            "this is a folder: name a .sla.yaml file", 1, 1,
        )) from None
    except OSError as e:
        raise UnreadableDocument(_problem(
            shown, "file-unreadable", f"cannot read the file: {e.strerror or e}", 1, 1,
        )) from None
    return shown, _bounded(shown, data)


def _bounded(shown: str, data: bytes) -> bytes:
    if len(data) > MAX_BYTES:
        raise _too_large(shown, len(data))
    return data


def _too_large(shown: str, size: int) -> UnreadableDocument:
    limit = MAX_BYTES // (1024 * 1024)
    what = f"{size:,} bytes"
    return UnreadableDocument(_problem(
        shown, "file-too-large",
        f"the file has {what} or more; an SLA document is at most {limit} MiB: is this the "
        "right file (not an event export)?", 1, 1))


def _decode(path: str, data: bytes) -> str:
    nul = data.find(b"\x00")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument(_problem(
            path, "file-not-text", "the file is UTF-16: save it as UTF-8", 1, 1))
    if nul >= 0:
        line, col = _position(data, nul)
        raise UnreadableDocument(_problem(
            path, "file-not-text",
            "a NUL byte: this is a binary file, not a YAML document; name the .sla.yaml file",
            line, col))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _position(data, e.start)
        raise UnreadableDocument(_problem(
            path, "file-not-text",
            f"byte 0x{data[e.start]:02x} is not UTF-8: save the file as UTF-8", line, col,
        )) from None
    return text.removeprefix("\ufeff")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col
