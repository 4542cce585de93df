"""One comparer per document section; ``SECTIONS`` runs them in document order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slakit.changes.sections.calendars import compare_calendars
from slakit.changes.sections.common import Pair
from slakit.changes.sections.definitions import compare_closed, compare_definitions, compare_stages
from slakit.changes.sections.document import compare_meta, compare_source
from slakit.changes.sections.escalations import compare_escalations
from slakit.changes.sections.extras import (
    compare_duplicates,
    compare_outcomes,
    compare_raci,
    compare_report,
)
from slakit.changes.sections.routing import compare_routing
from slakit.changes.sections.targets import compare_targets
from slakit.changes.site import Found

Comparer = Callable[[Pair], Iterator[Found]]

SECTIONS: tuple[Comparer, ...] = (
    compare_meta,
    compare_source,
    compare_calendars,
    compare_definitions,
    compare_closed,
    compare_routing,
    compare_stages,
    compare_targets,
    compare_escalations,
    compare_duplicates,
    compare_raci,
    compare_outcomes,
    compare_report,
)

__all__ = ["SECTIONS", "Comparer", "Pair"]
