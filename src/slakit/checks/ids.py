"""Duplicate ids: each target, escalation and routing rule is named once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from slakit.checks.base import Issue, Path, check
from slakit.model import Document, ref_name


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _duplicates(items: Iterable[tuple[Path, str]], what: str) -> Iterator[Issue]:
    first: dict[str, int] = {}
    for n, (path, name) in enumerate(items, start=1):
        if name in first:
            yield Issue(path, f"{what} {name!r} is already used by the {_ordinal(first[name])} "
                        f"{what.split()[0]}: {what}s must be unique; rename one")
        else:
            first[name] = n


@check("duplicate-target-id", "error")
def duplicate_target_id(doc: Document) -> Iterator[Issue]:
    """Two targets have the same ``id``.

    Reports, results, ``raci`` and escalations name targets by id, so ids must be unique.
    The problem points at the second; rename one of them.
    """
    yield from _duplicates(
        ((("targets", i, "id"), t.id) for i, t in enumerate(doc.targets)), "target id")


@check("duplicate-escalation-id", "error")
def duplicate_escalation_id(doc: Document) -> Iterator[Issue]:
    """Two escalations have the same ``id``.

    Reports count each escalation by id. Rename one of them.
    """
    yield from _duplicates(
        ((("escalations", i, "id"), e.id) for i, e in enumerate(doc.escalations)),
        "escalation id")


@check("duplicate-rule-name", "error")
def duplicate_rule_name(doc: Document) -> Iterator[Issue]:
    """Two routing rules have the same ``name``.

    Routing reports name the rule that routed each lead; two rules with one name cannot be
    told apart. Rename one of them.
    """
    if doc.routing is None:
        return
    yield from _duplicates(
        ((("routing", "rules", i, "name"), r.name) for i, r in enumerate(doc.routing.rules)),
        "rule name")


@check("duplicate-stage", "error")
def duplicate_stage(doc: Document) -> Iterator[Issue]:
    """Two ``stages`` show the same name.

    The stage report has one row per stage, named by the stage before it and the stage
    itself, and breaches are attributed to those rows: two stages shown as ``outcome`` (a
    name listed twice, or two inline definitions of the same events) cannot be told apart.
    Give each its own definition and list the names.
    """
    yield from _duplicates(((("stages", i), ref_name(s)) for i, s in enumerate(doc.stages)),
                           "stage name")


CHECKS = (duplicate_target_id, duplicate_escalation_id, duplicate_rule_name, duplicate_stage)
