"""Output formats of ``slakit validate``: one small class each, and the ``REPORTERS`` registry.

The ``--format``/``--output`` choices are the registry's keys. Every format is plain text with
no color and no wall-clock time, so the same inputs give byte-identical output.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import ClassVar

from slakit import __version__
from slakit.errors import Problem


@dataclass(frozen=True)
class FileResult:
    """What validating one document found."""

    path: str
    """The path as given (``<stdin>`` for ``-``)."""
    sha256: str | None
    """Digest of the bytes read; ``None`` when the file could not be read."""
    problems: tuple[Problem, ...]
    """Errors and warnings, sorted by position."""
    readable: bool = True
    """False when the file could not be read (missing, binary, too large): exit 2."""


@dataclass(frozen=True)
class ValidationRun:
    """The result of ``slakit validate`` over all its files."""

    files: tuple[FileResult, ...]
    strict: bool = False
    """Warnings fail the run: they are errors in every format (LANGUAGE.md: "Warnings (errors
    with ``--strict``)"), so an annotation or a test case never calls a failure a warning."""

    def __post_init__(self) -> None:
        if self.strict:
            object.__setattr__(self, "files", tuple(
                replace(f, problems=tuple(replace(p, level="error") for p in f.problems))
                for f in self.files))

    def count(self, level: str) -> int:
        """Return how many problems of ``level`` were found."""
        return sum(p.level == level for f in self.files for p in f.problems)

    @property
    def passed(self) -> bool:
        """True when every file was read and nothing failed the gate."""
        return self.count("error") == 0 and all(f.readable for f in self.files)

    @property
    def exit_code(self) -> int:
        """0 passed, 1 invalid (or warnings with ``--strict``), 2 a file could not be read."""
        if not all(f.readable for f in self.files):
            return 2
        return 0 if self.passed else 1

    def summary(self) -> str:
        """Return one line: counts of files, errors and warnings."""
        n = len(self.files)
        files = f"{n} file{'s' if n != 1 else ''}"
        errors, warnings = self.count("error"), self.count("warning")
        if not errors and not warnings:
            return f"{files} valid"
        parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        strict = " (--strict: warnings are errors)" if self.strict else ""
        return f"{', '.join(parts)} in {files}{strict}"


def problem_line(problem: Problem) -> str:
    """Return ``path:line:col: level CODE message``, the line editors and CI jump to.

    Control characters (a file name or key holding ``\\x1b[2J``) are shown as ``\\xNN``.
    """
    from slakit.report import safe  # here, not at the top: slakit --help stays fast

    return safe.terminal(f"{problem.location}: {problem.level} {problem.code} {problem.message}")


class Reporter(ABC):
    """One output format of ``slakit validate``."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, run: ValidationRun) -> str:
        """Return the whole output, ending with a newline."""


class TextReporter(Reporter):
    """One line per problem, then a summary line."""

    name = "text"

    def render(self, run: ValidationRun) -> str:
        lines = [problem_line(p) for f in run.files for p in f.problems]
        return "\n".join([*lines, run.summary()]) + "\n"


class JsonReporter(Reporter):
    """A stable JSON document (``validate_version`` changes when it breaks)."""

    name = "json"

    def render(self, run: ValidationRun) -> str:
        data = {
            "validate_version": 1,
            "slakit": __version__,
            "strict": run.strict,
            "passed": run.passed,
            "summary": {
                "files": len(run.files),
                "errors": run.count("error"),
                "warnings": run.count("warning"),
            },
            "files": [
                {
                    "path": f.path,
                    "sha256": f.sha256,
                    "readable": f.readable,
                    "problems": [
                        {
                            "code": p.code,
                            "level": p.level,
                            "line": p.location.line,
                            "col": p.location.col,
                            "message": p.message,
                        }
                        for p in f.problems
                    ],
                }
                for f in run.files
            ],
        }
        from slakit.report import safe

        return safe.json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


class GithubReporter(Reporter):
    """GitHub Actions workflow annotations, at most 10 per level, then plain lines."""

    name = "github"

    def render(self, run: ValidationRun) -> str:
        from slakit.report.github import Annotation, workflow_commands

        lines = workflow_commands(
            # Line 0: the file as a whole (a diff side read from another revision).
            Annotation(p.level, (("file", p.location.file), ("line", p.location.line or None),
                                 ("col", p.location.col or None), ("title", p.code)),
                       p.message, problem_line(p))
            for f in run.files for p in f.problems)
        lines.append(run.summary())
        return "\n".join(lines) + "\n"


class JunitReporter(Reporter):
    """JUnit XML for CI test reporters: a test case per document, failing on its errors."""

    name = "junit"

    def render(self, run: ValidationRun) -> str:
        from slakit.report.junit_format import validate_junit

        return validate_junit((f.path, f.problems) for f in run.files)


REPORTERS: dict[str, Reporter] = {
    r.name: r for r in (TextReporter(), JsonReporter(), GithubReporter(), JunitReporter())
}
"""Every output format of ``slakit validate`` by name (``--format`` choices)."""
