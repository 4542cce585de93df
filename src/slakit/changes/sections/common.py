"""Helpers every section comparer uses: the pair of documents and small yield-if-different steps."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from slakit.changes.codes import CODES, ROLES
from slakit.changes.meaning import compare_refs, text
from slakit.changes.site import Found, Site
from slakit.model import Document, InlineDefinition

T = TypeVar("T")
Refs = Sequence[str | InlineDefinition]


@dataclass(frozen=True)
class Pair:
    """The two documents being compared."""

    base: Document
    head: Document


def found(code: str, site: Site, old: object, new: object, subject: str) -> Found:
    """A ``Found`` whose message is ``subject: <what the code means>``."""
    if code not in CODES:
        raise KeyError(f"unregistered change code {code}")
    return Found(
        code,
        site,
        None if old is None else text(old),
        None if new is None else text(new),
        f"{subject}: {CODES[code].summary}" if subject else CODES[code].summary,
    )


def if_differs(
    code: str, site: Site, old: object, new: object, subject: str
) -> Iterator[Found]:
    """Yield one ``Found`` when ``old != new``."""
    if old != new:
        yield found(code, site, old, new, subject)


def matched(
    base: Sequence[T], head: Sequence[T], key: Callable[[T], str]
) -> Iterator[tuple[str, int | None, T | None, int | None, T | None]]:
    """Pair list entries by id/name: head order first, then entries only in base.

    Yields ``(key, base_index, base_item, head_index, head_item)``; a repeated key pairs with
    its same-numbered repeat on the other side, so duplicates never vanish.
    """
    def keyed(items: Sequence[T]) -> dict[str, tuple[int, T]]:
        out: dict[str, tuple[int, T]] = {}
        for i, item in enumerate(items):
            k = key(item)
            n = 1
            while k in out:
                n += 1
                k = f"{key(item)}#{n}"
            out[k] = (i, item)
        return out

    old, new = keyed(base), keyed(head)
    for k, (hi, h) in new.items():
        bi, b = old.get(k, (None, None))
        yield k, bi, b, hi, h
    for k, (bi, b) in old.items():
        if k not in new:
            yield k, bi, b, None, None


def ref_change(
    prefix: str, role: str, site: Site, pair: Pair, base: Refs | None, head: Refs | None,
    subject: str,
) -> Iterator[Found]:
    """Compare a reference field by what it matches, in the given role.

    ``prefix`` is ``target``, ``escalation`` or empty (``closed``).
    """
    stem = f"{prefix}-{role}" if prefix else role
    if base is None and head is None:
        return
    if base is None or head is None:
        code = f"{stem}-added" if base is None else f"{stem}-removed"
        if code not in CODES:
            code = f"{stem}-changed"
        yield found(code, site, base, head, subject)
        return
    order = compare_refs(base, pair.base, head, pair.head)
    if order == "same":
        return
    if ROLES[role].widened == "changed" or order == "other":
        code = f"{stem}-changed"
    else:
        code = f"{stem}-widened" if order == "more" else f"{stem}-narrowed"
    yield found(code, site, base, head, subject)


def moved(base: Sequence[str], head: Sequence[str]) -> list[str]:
    """Keys (present on both sides) whose relative order changed, in head order.

    The longest common subsequence of the shared keys stays; every other shared key moved.
    Adding or removing entries around the others moves nothing. Keys are unique, so the
    subsequence is the longest increasing run of head positions read in base order, found
    in O(n log n) (a table of every pair took a minute and a gigabyte for 8,000 rules);
    of several such runs, the one reaching the earliest head positions stays.
    """
    shared = set(base) & set(head)
    b = [k for k in head if k in shared]
    where = {k: n for n, k in enumerate(b)}
    p = [where[k] for k in base if k in shared]
    # start[k]: length of the longest increasing run starting at p[k] (read right to left).
    start = [0] * len(p)
    tails: list[int] = []
    for k in range(len(p) - 1, -1, -1):
        r = bisect.bisect_left(tails, -p[k])
        tails[r:r + 1] = [-p[k]]
        start[k] = r + 1
    # Runs of equal start length fall in p as k grows: the next kept key is the last of its
    # level still above the previous one.
    levels: list[list[int]] = [[] for _ in range(len(tails) + 1)]
    for k in range(len(p)):
        levels[start[k]].append(k)
    keep: set[str] = set()
    last = -1
    for r in range(len(tails), 0, -1):
        falling = [-p[k] for k in levels[r]]
        k = levels[r][bisect.bisect_left(falling, -last) - 1]
        keep.add(b[p[k]])
        last = p[k]
    return [k for k in b if k not in keep]


def in_order(index: dict[str, tuple[int | None, int | None]]) -> tuple[list[str], list[str]]:
    """Keys in base order and in head order, from ``key -> (base_index, head_index)``."""
    base = sorted((bi, k) for k, (bi, _) in index.items() if bi is not None)
    head = sorted((hi, k) for k, (_, hi) in index.items() if hi is not None)
    return [k for _, k in base], [k for _, k in head]
