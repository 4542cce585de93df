"""The interface every report format implements, and the sections a view can name."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from slakit.report.model import Report

if TYPE_CHECKING:
    from slakit.engine.results import LeadResult
    from slakit.loader import LoadedDocument
    from slakit.report.charts.elapsed import ElapsedHistogram

ALL_SECTIONS: tuple[str, ...] = (
    "targets", "segments", "outcomes", "aging", "trend", "routing", "stages", "escalations",
    "findings",
)


@dataclass(frozen=True)
class RenderOptions:
    """What the user asked for beyond the report itself."""

    sections: tuple[str, ...] = ALL_SECTIONS
    """The sections to show, in order (``--view`` narrows and orders them)."""
    color: bool = False
    width: int = 100
    histograms: tuple[ElapsedHistogram, ...] = ()
    """Per-target elapsed-time distributions for formats that draw them (html); build with
    ``slakit.report.charts.elapsed_histograms(doc, leads)``."""
    leads: Sequence[LeadResult] = ()
    """The per-lead results, for formats that list them (csv)."""
    document: LoadedDocument | None = None
    """The document the report judged, for formats that point into it (github, csv)."""


class Format(ABC):
    """One output format: renders a whole report to text."""

    name: str
    machine: bool
    """Machine formats are byte-reproducible and never carry color."""
    needs: ClassVar[tuple[str, ...]] = ()
    """The ``RenderOptions`` fields beyond the report that the format reads (``histograms``,
    ``leads``, ``document``): ``Evaluation.render`` fills only these, as the per-lead results
    cost time to make."""

    @abstractmethod
    def render(self, report: Report, options: RenderOptions) -> str:
        """Return the whole document, ending with a newline."""
