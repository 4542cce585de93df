"""One comparer per document section; ``SECTIONS`` runs them in document order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slakit.diff.sections.calendars import compare_calendars
from slakit.diff.sections.common import Pair
from slakit.diff.sections.definitions import compare_closed, compare_definitions, compare_stages
from slakit.diff.sections.document import compare_meta, compare_source
from slakit.diff.sections.escalations import compare_escalations
from slakit.diff.sections.extras import (
    compare_duplicates,
    compare_outcomes,
    compare_raci,
    compare_report,
)
from slakit.diff.sections.routing import compare_routing
from slakit.diff.sections.targets import compare_targets
from slakit.diff.site import Found

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
