"""Values written to be compared with the export's cells."""

from __future__ import annotations

from collections.abc import Iterator

from slakit.checks.base import Issue, check
from slakit.checks.walk import value_maps
from slakit.model import Document


@check("padded-value", "warning")
def padded_value(doc: Document) -> Iterator[Issue]:
    """A value in ``for``, ``where``, routing ``when`` or ``allow`` has spaces around it.

    The export's cells are trimmed before they are compared (``" west "`` in a cell reads as
    ``west``), so a value written with surrounding spaces, usually by quoting, never matches:
    ``for: {region: " west "}`` judges no lead. Write the value without them.
    """
    for path, mapping, role in value_maps(doc):
        for field, values in mapping.items():
            for j, value in enumerate(values):
                if value != value.strip():
                    yield Issue((*path, field, j) if len(values) > 1 else (*path, field),
                                f"{role} value {value!r} of {field} has spaces around it: cells "
                                f"are trimmed, so it never matches; write {value.strip()!r}")


CHECKS = (padded_value,)
