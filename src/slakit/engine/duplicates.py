"""Duplicates: a repeat inquiry is not a new lead (LANGUAGE.md section 3, "Duplicates").

Leads match when any ``match`` field is equal after normalisation (phones: digits only, a
leading country code 1 dropped; emails: lowercased). A lead is a duplicate of the earliest
earlier non-duplicate lead it matches whose first event lies within ``within`` before its own;
duplicates are never originals, so nothing chains through them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from slakit import pii
from slakit.compile import DuplicateRule

_NOT_DIGIT = re.compile(r"\D")


def normalise(column: str, value: str) -> str:
    """Normalise ``value`` of ``column`` for matching (``""``: never matches).

    >>> normalise("phone", "+1 (312) 555-0001")
    '3125550001'
    >>> normalise("Email", " Ann@Example.ORG")
    'ann@example.org'
    """
    return normaliser(column)(value)


def kind_of(column: str, header: str | None = None) -> Literal["phone", "email", "text"]:
    """How ``column``'s values are compared, by its name or the ``header`` it is read from."""
    key = pii.key(column) + " " + pii.key(header or "")
    if "phone" in key or "mobile" in key:
        return "phone"
    if "email" in key:
        return "email"
    return "text"


def normaliser(column: str, header: str | None = None) -> Callable[[str], str]:
    """The normalisation of ``column``'s values (chosen once per column, applied per value),
    by its name or the ``header`` it is read from."""
    return NORMALISERS[kind_of(column, header)]


def _phone(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _email(value: str) -> str:
    return value.strip().lower()


@dataclass(frozen=True)
class Inquiry:
    """What duplicate detection needs of a lead."""

    lead_id: str
    first_at: int
    """The instant of its first event."""
    order: tuple[int, int]
    """(file, row) of its first event: breaks ties between equal first instants."""
    values: Mapping[str, str]
    """Its attributes among the ``match`` columns (first non-empty values)."""


NORMALISERS: dict[str, Callable[[str], str]] = {"phone": _phone, "email": _email,
                                                "text": str.strip}
"""Each ``kind_of`` a column, and how its values are normalised."""


def find_duplicates(
    rule: DuplicateRule,
    inquiries: Iterable[Inquiry],
    window_end: Callable[[Inquiry], int],
) -> dict[str, str]:
    """Return ``{duplicate lead id: original lead id}``.

    ``window_end(original)`` is the last instant a repeat of ``original`` is still a duplicate
    (its first event plus ``within``).
    """
    originals: dict[tuple[str, str], list[Inquiry]] = defaultdict(list)
    found: dict[str, str] = {}
    headers = rule.headers or rule.match
    norms = {c: normaliser(c, h) for c, h in zip(rule.match, headers, strict=True)}
    for lead in sorted(inquiries, key=lambda q: (q.first_at, q.order, q.lead_id)):
        keys = [(c, norms[c](lead.values.get(c, ""))) for c in rule.match]
        keys = [k for k in keys if k[1]]
        matches = {o.lead_id: o for k in keys for o in originals[k]}
        candidates = sorted(matches.values(), key=lambda q: (q.first_at, q.order, q.lead_id))
        original = next((o for o in candidates if lead.first_at <= window_end(o)), None)
        if original is not None:
            found[lead.lead_id] = original.lead_id
            continue
        for k in keys:
            originals[k].append(lead)
    return found
