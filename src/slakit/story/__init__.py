"""``slakit explain``: one lead's story, from the reference engine's reasoning.

``explain`` returns an ``Explanation`` (plain frozen values); ``FORMATS`` renders it::

    from slakit.story import FORMATS, explain
    story = explain("consult.sla.yaml", ["march.csv"], "L-900010")
    print(FORMATS["text"].render(story), end="")
"""

from __future__ import annotations

from typing import Protocol

from slakit.story.api import UnknownLead, explain, find_lead
from slakit.story.json_format import EXPLAIN_VERSION, JsonFormat, as_data
from slakit.story.model import Explanation
from slakit.story.text_format import TextFormat


class StoryFormat(Protocol):
    """One output format of ``slakit explain``."""

    name: str

    def render(self, story: Explanation, *, color: bool = False) -> str:
        """Return the whole output, ending with a newline."""
        ...


FORMATS: dict[str, StoryFormat] = {f.name: f for f in (TextFormat(), JsonFormat())}
"""Every output format of ``slakit explain`` by name (``--format`` choices)."""

__all__ = [
    "EXPLAIN_VERSION", "FORMATS", "Explanation", "StoryFormat", "UnknownLead", "as_data",
    "explain", "find_lead",
]
