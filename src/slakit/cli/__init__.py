"""The ``slakit`` command line: the only place that prints, exits and maps errors to codes.

Exit codes (CLI.md): 0 ran and passed; 1 the gate failed (``DocumentError``, a missed
objective, ...); 2 could not run (usage, any other ``SlakitError``, an unexpected error,
reported in one line; ``--debug`` shows its traceback).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

import typer

from slakit.cli import diff, evaluate, explain, init, schema, validate  # noqa: F401  (each registers a command)
from slakit.cli.app import STATE, app
from slakit.errors import DocumentError, SlakitError
from slakit.memory import lean

__all__ = ["app", "main", "run"]

# Newer typer vendors click (and no longer installs it); older typer uses the click package.
_CLICK: Any = getattr(typer.core, "_click", None) or importlib.import_module("click")
_USAGE: Any = _CLICK.exceptions.ClickException
_ABORT: tuple[type[Exception], ...] = tuple(
    {getattr(_CLICK.exceptions, "Abort", typer.Abort), typer.Abort}
)
_INTERRUPTED = 130
"""What newer typer returns for Ctrl-C (older versions raise ``Abort``); no command of ours
returns it, so it is reported as an interruption: exit 2, as CLI.md wants of every command."""


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    STATE.debug = False
    # ``--debug`` works anywhere before ``--``, as CLI.md lists it for every command: the
    # error line says "run with --debug", and users add it at the end.
    end = args.index("--") if "--" in args else len(args)
    debug = "--debug" in args[:end]
    if debug:
        args = ["--debug", *(a for i, a in enumerate(args) if a != "--debug" or i >= end)]
    try:
        _refuse_repeated(args)
        result = _command().main(args=args, prog_name="slakit", standalone_mode=False)
    except _USAGE as e:
        e.show()
        return 2
    except _ABORT:
        typer.echo("interrupted", err=True)
        return 2
    except DocumentError as e:
        for p in e.problems:
            _error(f"{p.location}: {p.level} {p.code} {p.message}")
        return 1
    except SlakitError as e:
        _error(f"error: {e}")
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return 2
    except Exception as e:  # the one place an unexpected error becomes a line, not a trace
        if STATE.debug or debug:
            traceback.print_exc()
        reason = f"{type(e).__name__}: {e}".strip().splitlines()[0] if str(e) else type(e).__name__
        _error(f"internal error: {reason} (run with --debug for the traceback)")
        return 2
    if result == _INTERRUPTED:
        typer.echo("interrupted", err=True)
        return 2
    return result if isinstance(result, int) else 0


@functools.cache
def _command() -> Any:
    """Return the click command of ``app``, built once.

    Building it inspects every signature (~10 ms), which a notebook or a test calling ``run``
    many times would otherwise pay on each call.
    """
    return typer.main.get_command(app)


def _refuse_repeated(args: list[str]) -> None:
    """Refuse an option that takes one value given more than once (``--lead A --lead B``):
    click keeps the last one without a word, and the run would answer another question."""
    group = _command()
    name = next((a for a in args if not a.startswith("-")), None)
    command = group.commands.get(name) if name is not None else None
    if name is None or command is None:
        return
    takes: dict[str, Any] = {}
    for param in command.params:
        if param.param_type_name == "option" and not param.is_flag and not param.count:
            takes.update(dict.fromkeys(param.opts + param.secondary_opts, param))
    given: dict[Any, list[str]] = {}
    rest = args[args.index(name) + 1:]
    i = 0
    while i < len(rest) and rest[i] != "--":
        token = rest[i]
        key, _, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        if key in takes:
            value = inline if inline or "=" in token else (rest[i + 1] if i + 1 < len(rest)
                                                            else "")
            given.setdefault(takes[key], []).append(value)
            i += 1 if inline or "=" in token else 2
            continue
        if token[:2] in takes and not token.startswith("--") and len(token) > 2:  # -fjson
            given.setdefault(takes[token[:2]], []).append(token[2:])
        i += 1
    for param, values in given.items():
        if not param.multiple and len(values) > 1:
            shown = ", ".join(repr(v) for v in values)
            raise SlakitError(f"{param.opts[-1]} takes one value and was given {len(values)} "
                              f"({shown}): give it once")


def _error(text: str) -> None:
    """Print to standard error; control characters in it (data, a file name) made inert."""
    from slakit.report import safe

    typer.echo("\n".join(safe.terminal(line) for line in text.split("\n")), err=True)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console entry point (``slakit``, ``python -m slakit``)."""
    lean()
    # pydantic looks for plugins (the entry points of every installed package) when it builds
    # the first model: about 25 ms of each command, for observability hooks a CLI never uses.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _utf8_streams()
    _exit(run())


def _exit(code: int) -> NoReturn:
    """Leave once the output is out, without taking the interpreter apart: freeing an
    evaluation's arrays object by object took 0.07 s at 1M events, more at 10M. Files are
    closed by then (every output is written in a ``with``); the standard streams are flushed
    here, and a reader that went away (``| head``) is no error of ours."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a stream closed
            stream.flush()
    os._exit(code)


def _utf8_streams() -> None:
    """Write UTF-8 to a pipe or a file whatever the locale (``LC_ALL=C``, a Windows code page):
    machine formats are the same bytes everywhere, and a ``→`` in markdown cannot fail the
    run. A terminal keeps its encoding, with ``?`` for what it cannot show; so does stderr,
    escaped, so that an error message is never lost to its own characters."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if stream is sys.stdout and not stream.isatty():
            # a file name that is not UTF-8 goes out escaped (\udcff): JSON stays valid
            reconfigure(encoding="utf-8", errors="backslashreplace")
        else:
            reconfigure(errors=errors)
