"""Validate, the engine and the reader agree on which columns hold personal data.

Three layers test a column name for PHI (validate's ``phi-column`` check, the engine's
``is_pii`` that hides values, the reader's guard on echoed time cells). When they disagreed on
``-`` (``Date-of-Birth``), validate refused a document that evaluate then ran, printing dates
of birth as segment keys.
"""

from __future__ import annotations

import json

import pytest

from slakit import pii
from slakit.checks import validate
from slakit.compile import compile_document
from slakit.loader import load
from slakit.reader.rows import is_phi

DOC = """\
slakit: 1
name: names
source:
  pii: [insurance_id, Member-Number]
targets:
  - {id: t, start: a, stop: b, within: 1h}
"""

SPELLINGS = (
    "phone", "Phone", "PHONE", "mobile", "Mobile ", "email", "E-mail", "e_mail", "name", "Name",
    "first_name", "First Name", "first-name", "FIRSTNAME", "last_name", "Last-Name",
    "full_name", "Full Name", "patient_name", "Patient-Name", "address", "ADDRESS", "street",
    "dob", "DOB", "date_of_birth", "Date of Birth", "date-of-birth", "birth_date", "Birth Date",
    "mrn", "MRN", "ssn", "S_S_N", "insurance_id", "Insurance ID", "insurance-id",
    "member_number", "Member Number", "MEMBER-NUMBER",
    "channel", "team", "phone_type", "email_opt_in", "named_provider", "lead_id", "timestamp",
    "zip", "Service Line", "mrn_status",
    "Mobile Phone", "Home Phone", "Phone Number", "Work Email", "Email Address",
    "Patient DOB", "Mailing Address", "Address Line 1", "email_template",
    "Owner First Name", "Contact Name", "Campaign Name",
    "Phone 2", "Phone (Mobile)", "SSN (last 4)", "Patient's Name", "Lead Type 2",
)


@pytest.mark.parametrize(("column", "personal"), [
    ("Mobile Phone", True), ("Home Phone", True), ("Phone Number", True), ("Work Email", True),
    ("Email Address", True), ("Patient DOB", True), ("Mailing Address", True),
    ("Address Line 1", True), ("email_template", False), ("phone_type", False),
    ("email_opt_in", False), ("team_name", False), ("mrn_status", False),
    ("Owner First Name", True), ("Patient Last Name", True), ("Contact Name", True),
    ("Caller Full Name", True), ("Surname", True), ("Campaign Name", False),
    ("Template Name", False), ("Service Line Name", False),
    # Numbered or annotated, as CRMs write them (a privacy audit's list).
    ("Phone 2", True), ("Phone1", True), ("Phone #", True), ("Phone (Mobile)", True),
    ("Tel", True), ("Cell", True), ("Caller ID", True), ("Email1", True),
    ("Patient_Email_Addr", True), ("Patient's Name", True), ("Name (First)", True),
    ("Preferred Name", True), ("Nickname", True), ("Guarantor Name", True), ("Address 2", True),
    ("DOB (MM/DD/YYYY)", True), ("Medical Record Number", True), ("MRN#", True),
    ("SSN (last 4)", True), ("Lead Type 2", False), ("Team (Primary)", False),
    ("Hotel", False), ("Stage 2", False),
])
def test_crm_spellings_of_personal_columns(column: str, personal: bool) -> None:
    """Beyond LANGUAGE.md's exact names: a CRM's ``Mobile Phone`` is a phone number too."""
    assert compile_document(load(DOC).document).is_pii(column) is personal


@pytest.mark.parametrize("column", SPELLINGS)
def test_every_layer_agrees(column: str) -> None:
    loaded = load(DOC)
    doc = loaded.document
    segmented = DOC + f"report: {{by: [{json.dumps(column.strip())}]}}\n"
    by_validate = "phi-column" in {p.code for p in validate(segmented.encode())}
    by_engine = compile_document(doc).is_pii(column.strip())
    by_reader = is_phi(column.strip(), pii.personal(doc.source.pii))
    assert by_validate == by_engine == by_reader, (column, by_validate, by_engine, by_reader)


def test_a_name_mapped_onto_a_phi_header_is_phi() -> None:
    mapped = DOC.replace("source:\n", "source:\n  columns: {contact: Phone, zone: Address, "
                         "team: Team}\n")
    sla = compile_document(load(mapped).document)
    assert sla.is_pii("contact") and sla.is_pii("zone") and not sla.is_pii("team")


def test_a_header_a_phi_name_is_mapped_onto_is_phi() -> None:
    # {phone: Contact Number}: the header holds phone numbers too; --by on it would print them.
    mapped = DOC.replace("source:\n", "source:\n  columns: {phone: Contact Number}\n")
    assert compile_document(load(mapped).document).is_pii("Contact Number")
    segmented = mapped + 'report: {by: ["Contact Number"]}\n'
    assert "phi-column" in {p.code for p in validate(segmented.encode())}


def test_the_listed_names_are_phi() -> None:
    doc = load(DOC).document
    sla = compile_document(doc)
    for column in ("phone", "Date-of-Birth", "Insurance ID", "member number"):
        assert sla.is_pii(column)
    for column in ("channel", "phone_type", "team"):
        assert not sla.is_pii(column)
