"""Which columns hold personal data (LANGUAGE.md section 1): one rule for validate, the reader
and the engines.

Columns named ``phone``, ``mobile``, ``email``, ``name``, ``first_name``, ``last_name``,
``full_name``, ``patient_name``, ``address``, ``street``, ``dob``, ``date_of_birth``,
``birth_date``, ``mrn`` or ``ssn`` (case, spaces, ``_`` and ``-`` aside) hold personal data, as
do the CRM spellings of them (``Mobile Phone``, ``Email Address``, ``Patient DOB``), and
so do the document's ``source.pii`` columns and both sides of every ``source.columns`` pair
with one personal side: ``{contact: Phone}`` makes ``contact`` a phone number, whatever the
document calls it, and ``{phone: Contact Number}`` makes the header ``Contact Number`` one.
This module imports nothing heavy: ``slakit validate`` uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_FOLD = re.compile(r"[\s_-]")


def key(column: str) -> str:
    """Fold a column name for the test: ``First Name``, ``first_name``, ``FIRST-NAME`` agree."""
    return _FOLD.sub("", column.casefold())


NAMES = frozenset(key(n) for n in (
    "phone", "mobile", "email", "name", "first_name", "last_name", "full_name", "patient_name",
    "address", "street", "dob", "date_of_birth", "birth_date", "mrn", "ssn",
))
"""LANGUAGE.md's personal-data column names, folded by ``key``."""


SUFFIXES = tuple(key(n) for n in (
    "phone", "mobile", "email", "dob", "ssn", "mrn", "address", "phone_number",
    "mobile_number", "email_address", "date_of_birth", "birth_date",
    "first_name", "last_name", "full_name", "given_name", "family_name", "middle_name",
    "surname", "patient_name", "contact_name", "caller_name", "customer_name", "lead_name",
    "person_name", "telephone", "email_addr", "medical_record_number", "preferred_name",
    "guarantor_name", "nickname", "caller_id",
))
"""CRM spellings of the same columns: ``Mobile Phone``, ``Home Phone``, ``Phone Number``,
``Work Email``, ``Email Address``, ``Patient DOB``, ``Mailing Address``, ``Owner First Name``,
``Contact Name`` end with one of these (``email_template``, ``phone_type``, ``Team Name`` or
``Campaign Name`` do not)."""


_EXTRA = re.compile(r"\(.*?\)|[#'’.]")
"""What a CRM adds to a name: ``(Mobile)``, ``(MM/DD/YYYY)``, ``#``, an apostrophe."""

SHORT = frozenset(("tel", "cell", "patientsname"))
"""Short or possessive spellings matched whole only (``Tel``, ``Cell``, ``Patient's Name``)."""


def named_personal(folded: str) -> bool:
    """Whether a folded column name is a personal-data name: LANGUAGE.md's list, or a CRM
    spelling of one (``SUFFIXES``, ``Address Line 1``), also numbered or annotated
    (``Phone 2``, ``Email1``, ``Phone #``, ``SSN (last 4)``, ``DOB (MM/DD/YYYY)``)."""
    core = _EXTRA.sub("", folded).rstrip("0123456789")
    return any(name in NAMES or name in SHORT or name.endswith(SUFFIXES)
               or name.startswith("addressline") for name in (folded, core) if name)


class Personal(frozenset[str]):
    """Folded personal-data column names; ``in`` also knows the CRM spellings."""

    def __contains__(self, folded: object) -> bool:
        return frozenset.__contains__(self, folded) or (
            isinstance(folded, str) and named_personal(folded))


def personal(pii: Iterable[str] = (), columns: Mapping[str, str] | None = None) -> Personal:
    """Return the folded names of the columns that hold personal data for a document.

    ``pii`` is ``source.pii``; ``columns`` is ``source.columns`` (canonical name -> header).
    """
    found = Personal(NAMES | {key(p) for p in pii})
    pairs = [(key(name), key(header)) for name, header in (columns or {}).items()]
    # Both ways: {contact: Phone} makes contact personal, {phone: Contact Number} the header.
    return Personal(found | {n for n, h in pairs if h in found}
                    | {h for n, h in pairs if n in found})
