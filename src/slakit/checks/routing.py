"""Routing: every rule can match, and every lead finds a rule."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.model import Document


def _covers(earlier: dict[str, list[str]], later: dict[str, list[str]]) -> bool:
    """True when every lead matching ``later`` also matches ``earlier``."""
    return all(f in later and set(later[f]) <= set(values) for f, values in earlier.items())


@check("shadowed-rule", "warning")
def shadowed_rule(doc: Document) -> Iterator[Issue]:
    """A routing rule can never match because an earlier rule takes all its leads.

    The first matching rule wins. A rule whose ``when`` is at least as narrow as an earlier
    rule's (``{service_line: cardiology, region: west}`` after ``{service_line: cardiology}``,
    or anything after a rule without ``when``) is dead. Move it above the broader rule, or
    narrow the broader one.
    """
    if doc.routing is None:
        return
    rules = doc.routing.rules
    for j, rule in enumerate(rules):
        for earlier in rules[:j]:
            if _covers(earlier.when, rule.when):
                yield Issue(("routing", "rules", j), f"rule {rule.name!r} can never match: every "
                            f"lead it matches is taken by the earlier rule {earlier.name!r} "
                            "(first match wins); move it above that rule or narrow that rule")
                break


@check("no-catch-all-rule", "warning")
def no_catch_all_rule(doc: Document) -> Iterator[Issue]:
    """Routing has no rule without ``when``, so some leads may match no rule.

    A lead no rule matches gets no expected team and runs on ``24x7``, which is rarely meant.
    End the rules with a catch-all: ``{name: everyone else, team: ..., calendar: ...}``.
    """
    if doc.routing is not None and all(rule.when for rule in doc.routing.rules):
        yield Issue(("routing", "rules"), "no rule catches the leads the others miss (they "
                    "would run on 24x7 with no team): add a last rule without 'when'")


CHECKS = (shadowed_rule, no_catch_all_rule)
