"""Routing: the check, and rules matched by name. The first matching rule wins, so order counts.

Routing changes which team and clock a lead gets; that is neither a stronger nor a weaker
promise in itself, so every routing code is ``changed``.
"""

from __future__ import annotations

from collections.abc import Iterator

from slakit.changes.meaning import compare_conditions, compare_refs, text
from slakit.changes.sections.common import Pair, found, if_differs, in_order, matched, moved
from slakit.changes.site import Found, Site
from slakit.model import RoutingRule


def compare_routing(pair: Pair) -> Iterator[Found]:
    """``routing.check`` and ``routing.rules``."""
    b, h = pair.base.routing, pair.head.routing
    root = Site.root("routing")
    if b is None and h is None:
        return
    if b is None or h is None:
        yield found("routing-added" if b is None else "routing-removed",
                    Site("routing", None if b is None else ("routing",),
                         None if h is None else ("routing",)),
                    None if b is None else f"{len(b.rules)} rules",
                    None if h is None else f"{len(h.rules)} rules", "")
        return
    check = root.field("check")
    bc, hc = b.check, h.check
    if (bc is None) != (hc is None):
        yield found("routing-check-changed", check, bc and bc.model_dump(by_alias=True),
                    hc and hc.model_dump(by_alias=True), "")
    elif bc is not None and hc is not None:
        if compare_refs([bc.on], pair.base, [hc.on], pair.head) != "same":
            yield found("routing-check-changed", check.field("on"), bc.on, hc.on, "")
        yield from if_differs("routing-check-changed", check.field("field"), bc.field, hc.field,
                              "")
    yield from _rules(pair, root.field("rules"), b.rules, h.rules)


def _rules(pair: Pair, site: Site, base: list[RoutingRule], head: list[RoutingRule]
           ) -> Iterator[Found]:
    index: dict[str, tuple[int | None, int | None]] = {}
    for name, bi, old, hi, new in matched(base, head, lambda r: r.name):
        index[name] = (bi, hi)
        where = site.entry(name, bi, hi)
        subject = f"rule {name}"
        if old is None or new is None:
            yield found("routing-rule-added" if old is None else "routing-rule-removed", where,
                        None if old is None else _rule_text(old),
                        None if new is None else _rule_text(new), subject)
            continue
        if compare_conditions(old.when, new.when) != "same":
            yield found("routing-rule-condition-changed", where.field("when"), old.when or "any",
                        new.when or "any", subject)
        yield from if_differs("routing-rule-team-changed", where.field("team"), old.team,
                              new.team, subject)
        yield from if_differs("routing-rule-calendar-changed", where.field("calendar"),
                              old.calendar, new.calendar, subject)
    for name in moved(*in_order(index)):
        bi, hi = index[name]
        yield found("routing-rule-reordered", site.entry(name, bi, hi),
                    f"position {(bi or 0) + 1}", f"position {(hi or 0) + 1}", f"rule {name}")


def _rule_text(rule: RoutingRule) -> str:
    return f"when {text(rule.when) if rule.when else 'any'} -> {rule.team} on {rule.calendar}"
