"""What every columnar judge shares: the frame, occurrences, clocks and the lead's clock."""

from __future__ import annotations

import numpy as np

from slakit.compile import ALWAYS_OPEN, CompiledSla, Ref
from slakit.engine.columnar.clocks import Clocks
from slakit.engine.columnar.frame import NEVER, Bools, Frame, Idx
from slakit.engine.columnar.refs import Occurrences
from slakit.memory import give_back


class Judging:
    """The context of one columnar run."""

    def __init__(self, sla: CompiledSla, frame: Frame, as_of: int) -> None:
        self.sla = sla
        self.frame = frame
        self.as_of = as_of
        self.occ = Occurrences(frame)
        self.route = np.full(frame.count, -1, dtype=np.intp)
        """Per lead: the index of the routing rule that matched (-1: none)."""
        names = [ALWAYS_OPEN]
        self.lead_cal = np.zeros(frame.count, dtype=np.intp)
        """Per lead: the code of its clock's calendar in ``clocks.names``."""
        if sla.routing is not None:
            free = np.ones(frame.count, dtype=bool)
            for r, rule in enumerate(sla.routing.rules):
                hit = free & frame.leads_hold(rule.when)
                if rule.calendar not in names:
                    names.append(rule.calendar)
                self.route[hit] = r
                self.lead_cal[hit] = names.index(rule.calendar)
                free &= ~hit
        self.clocks = Clocks(sla, names)
        self._any: dict[Ref, Bools] = {}

    def step_done(self) -> None:
        """Forget the cached occurrences and hand freed memory back to the system.

        Called after each target and escalation when they run one at a time: their
        intermediate arrays are dead by then, and recomputing a forgotten occurrence costs
        milliseconds, so the peak memory of a run is one step's, not the sum of them
        (docs/performance.md). When they run on two threads (up to ``PARALLEL_MAX_ROWS``
        events) the caches are shared and forgotten once, after the last step.
        """
        self.occ.forget()
        give_back()

    def target_calendar(self, calendar: str | None, leads: Idx) -> Idx:
        """Calendar codes of a target's clock for ``leads`` (its own or the lead's)."""
        if calendar is None:
            return self.lead_cal[leads]
        return np.full(leads.shape, self.clocks.code(calendar), dtype=np.intp)

    def has_any(self, ref: Ref) -> Bools:
        """Per lead: ``ref`` happened at least once."""
        found = self._any.get(ref)
        if found is None:
            found = self.occ.first(ref).row != NEVER
            self._any[ref] = found
        return found
