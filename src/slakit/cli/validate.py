"""``slakit validate PATH...``: schema, reference and lint checks of SLA documents."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from slakit.cli.app import command, output_targets, refuse_overwriting, write_output
from slakit.cli.reporters import REPORTERS, FileResult, ValidationRun
from slakit.discover import STDIN, discover

STDIN_NAME = "<stdin>"


@command()
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="SLA documents: files, folders (searched for *.sla.yaml and *.sla.yml), "
            "globs ('slas/**/*.sla.yaml'), or - for standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FMT",
            callback=lambda value: _known_format(value),
            help=f"What goes to standard output: {', '.join(REPORTERS)} (default: text; github "
            "when GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    outputs: Annotated[
        list[str] | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FMT=PATH",
            help="Also write another format to a file; repeatable: -o json=validate.json.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail (exit 1).")] = False,
) -> int:
    """Check SLA documents: schema, references, calendars and lint.

    Prints one "path:line:col: level CODE message" line per problem, then a summary.
    Codes and fixes: docs/checks.md.
    Exit 0: every document valid (warnings allowed unless --strict); 1: invalid; 2: unreadable.

    \b
    Examples:
      slakit validate slas/
      slakit validate consult.sla.yaml --strict -f json
      slakit validate 'slas/**/*.sla.yaml' -o github=annotations.txt
      cat consult.sla.yaml | slakit validate -
    """
    from slakit.checks import run_checks
    from slakit.errors import DocumentError
    from slakit.loader import MAX_BYTES, UnreadableDocument, load

    chosen = fmt if fmt is not None else (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    targets = output_targets(outputs or [], REPORTERS)
    documents = discover(paths)
    # The documents a folder or glob found are inputs too: a report never replaces one.
    refuse_overwriting([p for _, p in targets], [*paths, *documents])
    results: list[FileResult] = []
    for path in documents:
        name = STDIN_NAME if path == STDIN else path
        try:
            # One byte past the limit is enough to refuse: an endless pipe is not read whole.
            source: str | bytes = sys.stdin.buffer.read(MAX_BYTES + 1) if path == STDIN else path
            loaded = load(source, name=name)
        except UnreadableDocument as e:
            results.append(FileResult(name, None, (e.problem,), readable=False))
            continue
        except DocumentError as e:
            results.append(FileResult(name, _digest(source), tuple(e.problems)))
            continue
        results.append(FileResult(name, loaded.sha256, tuple(run_checks(loaded))))
    run = ValidationRun(tuple(results), strict=strict)
    for target_format, target in targets:
        write_output(target, REPORTERS[target_format].render(run))
    sys.stdout.write(REPORTERS[chosen].render(run))
    sys.stdout.flush()
    return run.exit_code


def _known_format(value: str | None) -> str | None:
    if value is not None and value not in REPORTERS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(REPORTERS)}")
    return value


def _digest(source: str | bytes) -> str | None:
    import hashlib

    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    try:
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()
    except OSError:
        return None
