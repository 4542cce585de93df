"""Definitions by name, ``closed`` and ``stages``.

A definition has no direction of its own: matching more events loosens a ``stop`` and tightens
an escalation's ``count``. So a changed definition is reported once per role it plays in both
documents, each with that role's direction (``definition-stop-widened``, ...). Where only one
side uses it, the place that uses it reports the change (``target-stop-narrowed``, ...).
"""

from __future__ import annotations

from collections.abc import Iterator

from slakit.changes.codes import ROLES
from slakit.changes.meaning import Matcher, order_of, resolve, text
from slakit.changes.sections.common import Pair, found, in_order, matched, moved, ref_change
from slakit.changes.site import Found, Site
from slakit.model import (
    CadenceTarget,
    CountTrigger,
    Document,
    InlineDefinition,
    QualityTarget,
    ResponseTarget,
    SinceTrigger,
)


def usages(doc: Document) -> dict[str, dict[str, list[str]]]:
    """Names used by ``doc`` -> the roles they play there -> who uses them in that role
    (``speed-to-first-attempt``, ``escalation unreached-after-3``, ``stages``)."""
    out: dict[str, dict[str, list[str]]] = {}

    def use(role: str, refs: object, user: str) -> None:
        items = refs if isinstance(refs, list) else [refs]
        for ref in items:
            if isinstance(ref, str):
                users = out.setdefault(ref, {}).setdefault(role, [])
                if user not in users:
                    users.append(user)

    for target in doc.targets:
        who = target.id
        if isinstance(target, ResponseTarget | CadenceTarget):
            use("start", target.start, who)
            if target.pause is not None:
                use("pause-from", target.pause.from_, who)
                use("pause-to", target.pause.to, who)
        if isinstance(target, ResponseTarget):
            use("stop", target.stop, who)
            use("cancel", target.cancel, who)
        elif isinstance(target, CadenceTarget):
            use("attempts", target.attempts, who)
            use("until", target.until, who)
        elif isinstance(target, QualityTarget):
            use("on", target.on, who)
            use("each", target.each, who)
    for esc in doc.escalations:
        trigger, who = esc.when, f"escalation {esc.id}"
        if isinstance(trigger, CountTrigger):
            use("count", trigger.count, who)
            use("without", trigger.without, who)
        elif isinstance(trigger, SinceTrigger):
            use("since", trigger.since, who)
            use("without", trigger.without, who)
        if esc.expect is not None:
            use("expect-event", esc.expect.event, who)
    # Their key says where they are used: no user to name.
    use("closed", doc.closed, "")
    use("stage", doc.stages, "")
    if doc.routing is not None and doc.routing.check is not None:
        use("check", doc.routing.check.on, "")
    return out


def _users(role: str, base: dict[str, list[str]], head: dict[str, list[str]]) -> str:
    """``speed-to-first-attempt, escalation stalled``: who uses a name in ``role`` in both
    documents (head order)."""
    return ", ".join(u for u in head.get(role, []) if u and u in base.get(role, []))


def _changed_roles(roles: set[str]) -> list[str]:
    return [r for r in ROLES if r in roles]


def compare_definitions(pair: Pair) -> Iterator[Found]:
    """Definitions matched by name, judged in every role they play."""
    b, h = pair.base.definitions, pair.head.definitions
    used_b, used_h = usages(pair.base), usages(pair.head)
    root = Site.root("definitions")
    for name in [*h, *(n for n in b if n not in h)]:
        old, new = b.get(name), h.get(name)
        bm: Matcher = resolve(name, pair.base)
        hm: Matcher = resolve(name, pair.head)
        order = order_of(bm.within(hm), hm.within(bm))
        if order == "same":
            continue
        site = Site(f"definitions.{name}",
                    None if old is None else (*(root.base or ()), name),
                    None if new is None else (*(root.head or ()), name))
        in_base, in_head = used_b.get(name, {}), used_h.get(name, {})
        roles = _changed_roles(set(in_base) & set(in_head))
        subject = f"definition {name}" + ("" if old is not None else " (was the raw event)") + (
            "" if new is not None else " (now the raw event)")
        if not roles:
            if not in_base and not in_head:
                code = ("definition-added" if old is None else "definition-removed"
                        if new is None else "definition-changed")
                yield found(code, site, old, new, subject)
            # Otherwise the places that started or stopped using it report the change.
            continue
        undirected: list[str] = []
        for role in roles:
            spec = ROLES[role]
            users = _users(role, in_base, in_head)
            if spec.widened == "changed" or order == "other":
                undirected.append(f"`{spec.key}`" + (f" of {users}" if users else ""))
                continue
            code = f"definition-{role}-{'widened' if order == 'more' else 'narrowed'}"
            yield found(code, site, old, new, subject + (f", in {users}" if users else ""))
        if undirected:
            yield found("definition-changed", site, old, new,
                        f"{subject}, used as {'; '.join(undirected)}")


def compare_closed(pair: Pair) -> Iterator[Found]:
    """``closed``: when a lead stops aging and escalating."""
    yield from ref_change("", "closed", Site.root("closed"), pair, pair.base.closed,
                          pair.head.closed, "")


def _stage_key(ref: str | InlineDefinition) -> str:
    return ref if isinstance(ref, str) else text(ref)


def compare_stages(pair: Pair) -> Iterator[Found]:
    """Stages matched by name (an inline stage by what it says); order matters."""
    b, h = pair.base.stages, pair.head.stages
    root = Site.root("stages")
    positions: dict[str, tuple[int | None, int | None]] = {}
    for key, bi, _, hi, _ in matched(b, h, _stage_key):
        positions[key] = (bi, hi)
        if bi is None or hi is None:
            yield found("stage-added" if bi is None else "stage-removed",
                        root.entry(key, bi, hi), None if bi is None else key,
                        None if hi is None else key, "")
    for key in moved(*in_order(positions)):
        bi, hi = positions[key]
        yield found("stage-reordered", root.entry(key, bi, hi), f"position {(bi or 0) + 1}",
                    f"position {(hi or 0) + 1}", f"stage {key}")
