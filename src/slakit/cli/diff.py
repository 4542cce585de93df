"""``slakit diff BASE HEAD``: what changed in meaning, classified; ``--replay`` adds the impact."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from slakit.cli.app import (
    append_summary,
    command,
    output_targets,
    progress_bar,
    pseudonym_key,
    refuse_overwriting,
    write_output,
)
from slakit.errors import UsageError

if TYPE_CHECKING:
    from slakit.changes.sides import InvalidSideError, Side
    from slakit.loader import LoadedDocument

# Kept here (not imported from slakit.changes) so that `slakit --help` stays fast.
FORMAT_NAMES = ("text", "json", "markdown", "github")
FAIL_ON = ("loosened", "tightened", "changed", "any", "never")
STDIN = "-"


@command("diff")
def diff(
    base: Annotated[str, typer.Argument(
        metavar="BASE", show_default=False,
        help="The old version: a path, or REV:PATH read through git (main:sla/x.sla.yaml).")],
    head: Annotated[str, typer.Argument(
        metavar="HEAD", show_default=False, help="The new version: a path or REV:PATH.")],
    events: Annotated[list[str] | None, typer.Argument(
        metavar="EVENTS...", show_default=False,
        help="With --replay: event exports (.csv, .csv.gz, .parquet, - for standard input).")
    ] = None,
    fmt: Annotated[str, typer.Option(
        "-f", "--format", metavar="FMT", callback=lambda v: _choice("--format", [v], FORMAT_NAMES),
        help=f"What goes to standard output: {', '.join(FORMAT_NAMES)}.")] = "text",
    outputs: Annotated[list[str] | None, typer.Option(
        "-o", "--output", metavar="FMT=PATH", show_default=False,
        help="Also write another format to a file; repeatable: -o markdown=diff.md.")] = None,
    fail_on: Annotated[list[str] | None, typer.Option(
        "--fail-on", metavar="DIR", show_default=False,
        callback=lambda v: _choice("--fail-on", v or [], FAIL_ON) and v,
        help="Exit 1 when a change of this direction is present: loosened, tightened, changed "
        "(repeatable), any, or never (default).")] = None,
    replay: Annotated[bool, typer.Option(
        "--replay", help="Evaluate both versions on EVENTS and show the impact per target.")
    ] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="TIMESTAMP", show_default=False,
        help="'Now' for running clocks, the same for both sides (default: the latest "
        "timestamp in the input).")] = None,
    lead_from: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", show_default=False,
        help="Judge only leads whose first event is at or after DATE.")] = None,
    lead_to: Annotated[str | None, typer.Option(
        "--to", metavar="DATE", show_default=False,
        help="Judge only leads whose first event is before DATE.")] = None,
    by: Annotated[list[str] | None, typer.Option(
        "--by", metavar="FIELD", show_default=False,
        help="Also compare compliance per segment of this attribute (repeatable).")] = None,
    pseudonymize: Annotated[bool, typer.Option(
        "--pseudonymize",
        help="With --replay: show lead ids as keyed hashes (key in SLAKIT_PSEUDONYM_KEY).")
    ] = False,
) -> int:
    """Compare two versions of an SLA document by meaning, not text.

    Each change has a stable code (docs/diff.md) and a direction seen from the lead's side:
    tightened (a stronger promise), loosened (weaker) or changed.

    Exit 0: no change of a direction named by --fail-on. 1: there is one, or a side is
    invalid. 2: a side cannot be read (an unknown revision or path).

    \b
    Examples:
      slakit diff main:sla/consult.sla.yaml sla/consult.sla.yaml
      slakit diff old.sla.yaml new.sla.yaml --fail-on loosened -o markdown=diff.md
      slakit diff HEAD~1:x.sla.yaml x.sla.yaml --replay march.csv april.csv
    """
    from slakit.changes import InvalidSideError, diff_documents, load_side
    from slakit.report.safe import terminal

    targets = output_targets(outputs or [], FORMAT_NAMES)
    refuse_overwriting([p for _, p in targets], [base, head, *(events or [])])
    if "never" in (fail_on or []) and len(set(fail_on or [])) > 1:
        raise UsageError("--fail-on never contradicts the other --fail-on directions given: "
                         "name the directions that fail, or never alone")
    files = list(events or [])
    if files and not replay:
        raise UsageError(f"{files[0]!r}: event exports are only read with --replay; "
                         "write --replay before them")
    if replay and not files:
        raise UsageError("--replay needs event exports: slakit diff BASE HEAD --replay EVENTS...")
    given = [base, head, *files]
    if replay and _looks_like_export(base) and len(given) > 2 and \
            all(map(_looks_like_export, given[:-2])) and \
            not any(map(_looks_like_export, given[-2:])):
        # ``--replay a.csv b.csv BASE HEAD``: the option's exports came first.
        *files, base, head = given
    for spec in (base, head):
        if replay and _looks_like_export(spec):
            raise UsageError(f"{spec!r} is an event export, not a document: name BASE and HEAD "
                             "first, then the exports: slakit diff BASE HEAD --replay EVENTS...")
    if not replay and (as_of or lead_from or lead_to or by or pseudonymize):
        raise UsageError("--as-of, --from, --to, --by and --pseudonymize only apply with --replay")
    key = pseudonym_key() if pseudonymize else None
    sides: list[LoadedDocument] = []
    invalid: list[InvalidSideError] = []
    named: list[tuple[str, Side]] = [(base, "base"), (head, "head")]
    for spec, side in named:
        if "\n" in spec or "\r" in spec:  # the library reads such a string as the text
            raise UsageError(f"{side} {spec!r}: a path or REV:PATH holds no line break")
        try:
            sides.append(load_side(spec, side))
        except InvalidSideError as e:
            invalid.append(e)
            typer.echo(terminal(f"{side} ({spec}) is invalid:"), err=True)
            for p in e.problems:
                typer.echo(terminal(f"  {p.location}: {p.level} {p.code} {p.message}"),
                           err=True)
    if invalid:
        _report_invalid(invalid, fmt)
        return 1
    result = diff_documents(sides[0], sides[1])
    impact = None
    if replay:
        from slakit.changes.impact import replay_report  # evaluation, the reader, numpy: only here

        stdin = sys.stdin.buffer.read() if STDIN in files else None
        with progress_bar():  # both versions read and judge the exports
            impact = replay_report(sides[0], sides[1], files, as_of=as_of, lead_from=lead_from,
                                   lead_to=lead_to, by=by or (), stdin=stdin,
                                   pseudonym_key=key)
    for target_format, path in targets:
        write_output(path, result.render(target_format, impact))
    sys.stdout.write(result.render(fmt, impact))
    sys.stdout.flush()
    append_summary(result.render("markdown", impact))
    return 1 if result.fails(fail_on or ["never"]) else 0


def _choice(option: str, values: list[str], choices: tuple[str, ...]) -> str:
    for value in values:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}",
                                     param_hint=option)
    return values[0] if values else "-"


def _looks_like_export(spec: str) -> bool:
    """An event export given where a document belongs (``--replay a.csv old.yaml new.yaml``)."""
    name = spec.lower()
    return spec == STDIN or name.endswith((".csv", ".csv.gz", ".gz", ".parquet", ".tsv"))


def _report_invalid(errors: list[InvalidSideError], fmt: str) -> None:
    """With ``-f json`` or ``-f github``, print the invalid sides' problems as ``slakit
    validate -f FMT`` prints them, so that a pipeline reading standard output is not left
    with nothing. GitHub draws annotations on the working tree's file: a side read through
    git (``REV:PATH``) is annotated on ``PATH`` as a whole, its message naming the line and
    the revision."""
    from dataclasses import replace

    from slakit.changes.sides import split_spec
    from slakit.cli.reporters import REPORTERS, FileResult, ValidationRun
    from slakit.errors import Location

    if fmt not in ("json", "github"):
        return
    files = []
    for e in errors:
        git = split_spec(e.spec) if fmt == "github" else None
        problems = tuple(e.problems) if git is None else tuple(
            replace(p, location=Location(git[1], 0, 0),
                    message=f"{p.message} (at {p.location})")
            for p in e.problems)
        files.append(FileResult(e.spec if git is None else git[1], None, problems))
    sys.stdout.write(REPORTERS[fmt].render(ValidationRun(tuple(files))))
    sys.stdout.flush()
