"""Personal data: PHI columns may be tested for presence and matched, nothing else."""

from __future__ import annotations

from collections.abc import Iterator

from slakit import pii
from slakit.checks.base import Issue, Path, check
from slakit.checks.walk import filtering_fields
from slakit.model import Document
from slakit.model.document import REQUIRED_COLUMNS


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
    phi = pii.personal(doc.source.pii, doc.source.columns)
    for use in filtering_fields(doc):
        if pii.key(use.field) in phi:
            header = doc.source.columns.get(use.field)
            read = f" (read from {header!r})" if header and header != use.field else ""
            yield Issue(use.path, f"{use.field!r}{read} holds personal data (PHI) and cannot be "
                        f"used in {use.role}: slakit never filters, segments, routes or reports "
                        "on it; test it with require instead", key=use.key)


@check("phi-lead-id", "error")
def phi_lead_id(doc: Document) -> Iterator[Issue]:
    """``source.columns`` reads lead ids, events or times from a personal-data column.

    Reports, ``--results`` and ``explain`` print lead ids, event names and event times, so a
    lead id read from ``MRN`` or ``Patient Name``, or a time read from ``DOB`` (the
    ``timestamp`` column, or a wide export's milestone), would print personal data. Map
    ``lead_id`` onto the CRM's own record id (``Lead ID``, ``Case Number``) and times onto
    its activity dates; match people with ``duplicates`` and test their fields with
    ``require`` instead.
    """
    phi = pii.personal(doc.source.pii)
    read: list[tuple[Path, str, str]] = [
        (("source", "columns", name), name, header)
        for name in REQUIRED_COLUMNS
        if (header := doc.source.columns.get(name)) is not None]
    read += [(("source", "milestones", event), f"milestone {event}", header)
             for event, header in doc.source.milestones.items()]
    for path, what, header in read:
        if pii.key(header) in phi:
            yield Issue(path, f"{what} is read from {header!r}, which holds personal data "
                        "(PHI), and reports print every lead id, event and time: read it from "
                        "the CRM's record id or activity dates instead")


CHECKS = (phi_column, phi_lead_id)
