"""The strict base model every section uses: unknown keys are errors, values are immutable."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Strict(BaseModel):
    """A document section: unknown keys are errors, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _listify(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def _scalar_text(value: Any) -> Any:
    """Compare like the export does: as text (``true``, ``3``, ``2026-01-02``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _values(value: Any) -> Any:
    return [_scalar_text(v) for v in _listify(value)]


Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
        description="An id: letters, digits, '-', '_' and '.', starting with a letter or digit.",
    ),
]
FieldName = Annotated[str, Field(min_length=1, description="An export column (canonical name).")]
Scalar = str | int | float | bool

Values = Annotated[
    list[str],
    BeforeValidator(_values, json_schema_input_type=Scalar | list[Scalar]),
    Field(description="One value or a list of values; a field matches when equal to any of them."),
]
"""The right-hand side of a condition: ``{channel: form}`` or ``{channel: [form, phone]}``."""

Conditions = dict[FieldName, Values]
"""``{field: value-or-values}``: every field must match (and), each field any value (or)."""
