"""Routing: every rule can match, and every lead finds a rule."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.model import Document

When = dict[str, frozenset[str]]


def _covers(earlier: When, later: When) -> bool:
    """True when every lead matching ``later`` also matches ``earlier``."""
    return all(f in later and later[f] <= values for f, values in earlier.items())


class _Earlier:
    """The rules seen so far, indexed by field and value.

    Finding the first earlier rule that covers a rule then looks only at rules sharing its
    values, not at every pair: a document may hold thousands of rules (8,000 took a minute).
    """

    def __init__(self) -> None:
        self.whens: list[When] = []
        self.by_value: dict[tuple[str, str], list[int]] = {}
        self.by_field: dict[str, list[int]] = {}
        self.catch_all: int | None = None

    def add(self, when: When) -> None:
        i = len(self.whens)
        self.whens.append(when)
        if not when and self.catch_all is None:
            self.catch_all = i
        for f, values in when.items():
            self.by_field.setdefault(f, []).append(i)
            for v in values:
                self.by_value.setdefault((f, v), []).append(i)

    def first_covering(self, later: When) -> int | None:
        """Return the index of the first rule covering ``later`` (None: no rule does).

        A covering rule conditions on some field ``f`` of ``later`` and allows all of its
        values: it is in the list of every one of them, so in the shortest.
        """
        best = self.catch_all
        for f, values in later.items():
            lists = [self.by_value.get((f, v), []) for v in values]
            for i in min(lists, key=len) if lists else self.by_field.get(f, []):
                if best is not None and i >= best:
                    break
                if _covers(self.whens[i], later):
                    best = i
                    break
        return best


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
    seen = _Earlier()
    for j, rule in enumerate(rules):
        when = {f: frozenset(values) for f, values in rule.when.items()}
        i = seen.first_covering(when)
        if i is not None:
            yield Issue(("routing", "rules", j), f"rule {rule.name!r} can never match: every "
                        f"lead it matches is taken by the earlier rule {rules[i].name!r} "
                        "(first match wins); move it above that rule or narrow that rule")
        seen.add(when)


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
