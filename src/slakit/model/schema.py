"""The JSON Schema of an SLA document, as ``slakit schema`` prints and schemas/ commits it."""

from __future__ import annotations

import json
from typing import Any

from slakit.model.document import Document

SCHEMA_ID = "urn:slakit:sla-document:1"
"""The schema's ``$id`` (the language version is part of it)."""


def document_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of ``Document`` with its YAML key names."""
    schema = Document.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "slakit SLA document",
    }


def schema_json() -> str:
    """Return the schema as deterministic JSON: sorted keys, two-space indent, final newline."""
    return json.dumps(document_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
