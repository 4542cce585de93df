"""Personal data: PHI columns may be tested for presence and matched, nothing else."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.checks.walk import filtering_fields
from slakit.model import Document

PHI_COLUMNS = frozenset({
    "phone", "mobile", "email", "name", "first_name", "last_name", "full_name", "patient_name",
    "address", "street", "dob", "date_of_birth", "birth_date", "mrn", "ssn",
})
"""LANGUAGE.md section 1: columns that hold personal data, before ``source.pii``."""


def normalise(column: str) -> str:
    """Fold a column name for comparison: ``First Name``, ``first_name``, ``FIRSTNAME`` agree."""
    return "".join(ch for ch in column.casefold() if ch not in "_- ")


def phi_columns(doc: Document) -> frozenset[str]:
    """Return the normalised names of the columns that hold PHI for this document."""
    return frozenset(normalise(c) for c in (*PHI_COLUMNS, *doc.source.pii))


@check("phi-column", "error")
def phi_column(doc: Document) -> Iterator[Issue]:
    """A PHI column is used to filter, segment, route or report.

    Columns named (ignoring case, ``_`` and spaces) ``phone``, ``mobile``, ``email``,
    ``name``, ``first_name``, ``last_name``, ``full_name``, ``patient_name``, ``address``,
    ``street``, ``dob``, ``date_of_birth``, ``birth_date``, ``mrn``, ``ssn``, plus those in
    ``source.pii``, or mapped by ``source.columns`` onto such a header, hold personal data.
    They may be tested for presence (``require``, ``unmet``) and matched (``duplicates``),
    but never appear in ``for``, ``where``, routing ``when`` or ``check.field``, ``allow``,
    ``report.by`` or ``outcomes``: that would print them or build segments from them.
    """
    phi = phi_columns(doc)
    headers = {normalise(k): normalise(v) for k, v in doc.source.columns.items()}
    for use in filtering_fields(doc):
        column = normalise(use.field)
        if column in phi or headers.get(column) in phi:
            yield Issue(use.path, f"{use.field!r} holds personal data (PHI) and cannot be used in "
                        f"{use.role}: slakit never filters, segments, routes or reports on it; "
                        "test it with require instead", key=use.key)


CHECKS = (phi_column,)
