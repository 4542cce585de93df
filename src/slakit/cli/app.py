"""The ``slakit`` typer app every command module registers on, and its global options.

A command is one module in this package: it imports ``command`` and decorates a function with
``@command()``; ``slakit.cli`` imports the module. Commands return their exit code
(0, 1 or 2) or raise ``SlakitError``; ``slakit.cli.run`` maps errors to codes in one place.
Heavy modules (pydantic models, numpy, pyarrow) are imported inside command functions so
that ``slakit --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import typer

from slakit import __version__
from slakit.errors import SlakitError, UsageError

app = typer.Typer(
    name="slakit",
    help="SLA-as-code for healthcare lead follow-up: validate, evaluate and diff SLA documents "
    "against CRM exports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])

DEBUG_EPILOG = "Every command also takes --debug: show the traceback of an unexpected error."


def command(name: str | None = None) -> Callable[[CommandFunction], CommandFunction]:
    """``@app.command()`` with the epilog every command's ``--help`` ends with (``--debug``
    works anywhere on the line, so it is not an option of each command)."""
    return app.command(name, epilog=DEBUG_EPILOG)


EventsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="EVENTS...",
        help="Event exports: .csv, .csv.gz, .parquet, or - for standard input. Several files "
        "are read together, in sorted path order.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="TIMESTAMP",
                 help="'Now' for running clocks (default: the latest timestamp in the input). "
                 "Naive times are in the document's zone."),
]
FromOption = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE",
                 help="Judge only leads whose first event is at or after DATE."),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE", help="Judge only leads whose first event is before DATE."),
]
PseudonymizeOption = Annotated[
    bool,
    typer.Option("--pseudonymize",
                 help="Show lead ids as keyed hashes (key in SLAKIT_PSEUDONYM_KEY)."),
]


def output_targets(specs: list[str], formats: Iterable[str],
                   results: str | None = None) -> list[tuple[str, str]]:  # fmt: skip
    """Read repeated ``-o FMT=PATH`` options against the command's format names; no two
    outputs (``--results PATH`` among them) may name one file."""
    names = list(formats)
    out: list[tuple[str, str]] = []
    given = {os.path.realpath(results): f"--results {results}"} if results else {}
    for spec in specs:
        fmt, sep, path = spec.partition("=")
        if not sep or not path:
            example = "json" if "json" in names else names[0]
            raise UsageError(f"-o takes FMT=PATH, like -o {example}=report.{example}; "
                             f"got {spec!r}")
        if fmt not in names:
            raise UsageError(f"-o {spec}: unknown format {fmt!r}; use one of {', '.join(names)}")
        where = os.path.realpath(path)
        if where in given:
            raise UsageError(f"{given[where]} and -o {spec} write the same file: the second "
                             "would replace the first; give each output its own path")
        given[where] = f"-o {spec}"
        out.append((fmt, path))
    return out


def refuse_overwriting(outputs: Iterable[str], inputs: Iterable[str]) -> None:
    """Bad usage when an output path names one of the inputs (``--results march.csv``): the
    export or document would be replaced by a report."""
    existing = [p for p in inputs if p != "-" and os.path.isfile(p)]
    for out in filter(os.path.exists, outputs):
        given = next((p for p in existing if os.path.samefile(out, p)), None)
        if given is not None:
            raise UsageError(f"{out} is an input of this run ({given}); writing the report "
                             "there would replace it: choose another path")


def append_summary(text: str) -> None:
    """Append the markdown to ``$GITHUB_STEP_SUMMARY`` when it is set. A summary that cannot
    be written is a warning on stderr: the run's own exit code (the gate) must reach CI."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        write_output(path, text, append=True)
    except SlakitError as e:
        sys.stderr.write(f"warning: GITHUB_STEP_SUMMARY: {e}; the summary is not written\n")


def write_output(path: str, text: str, *, append: bool = False) -> None:
    """Write (or append, after a blank line) one rendered output; a failure is exit 2."""
    try:
        with open(path, "a" if append else "w", encoding="utf-8", newline="\n",
                  errors="backslashreplace") as handle:  # a file name that is not UTF-8
            if append:
                handle.write("\n")
            handle.write(text)
    except OSError as e:
        raise SlakitError(f"cannot write {path}: {e.strerror or e}") from e


def color_on(stream: object) -> bool:
    """Whether to color text for ``stream``: a terminal, and ``NO_COLOR`` unset or empty
    (no-color.org: only a non-empty value turns color off)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


@contextmanager
def progress_bar() -> Iterator[None]:
    """A progress bar on a terminal's standard error for the code run inside: the bytes of the
    exports read, then each later stage (``slakit.progress``); gone when it ends. Nothing in a
    pipe, a CI log or a dumb terminal (CLI.md)."""
    isatty = getattr(sys.stderr, "isatty", None)
    if not (isatty and isatty()) or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn

    from slakit import progress

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   TaskProgressColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task("loading the document", total=None)

    class Listener:
        def step(self, what: str, total: int | None) -> None:
            bar.reset(task, total=total, description=what)

        def advance(self, done: int) -> None:
            total = bar.tasks[0].total
            bar.update(task, completed=done if total is None else min(done, total))

    with bar, progress.listening(Listener()):
        yield


def pseudonym_key() -> bytes:
    """The secret for ``--pseudonymize`` (``SLAKIT_PSEUDONYM_KEY``); refuse to run without one."""
    key = os.environ.get("SLAKIT_PSEUDONYM_KEY", "")
    if not key:
        raise UsageError(
            "--pseudonymize needs a key: set SLAKIT_PSEUDONYM_KEY to a secret string (whoever "
            "holds it can join the hashed ids back)"
        )
    return key.encode("utf-8")


@dataclass
class State:
    """Global options, read by ``run`` after a command fails."""

    debug: bool = False


STATE = State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"slakit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """SLA-as-code for healthcare lead follow-up.

    \b
    Examples:
      slakit init my-sla/                      # a starter document and sample export
      slakit validate slas/                    # check every *.sla.yaml under slas/
      slakit evaluate consult.sla.yaml march.csv
    """
    STATE.debug = debug
