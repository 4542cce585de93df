"""Business time over arrays of leads that may run on different calendars.

Each function takes calendar codes (indices into ``names``) alongside the instants and calls the
calendar's vectorized method once per calendar present (``Calendar.elapsed_v``, ``add_v``,
``add_business_days_v``, ``is_after_hours_v``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from slakit.calendar import Calendar
from slakit.compile import Budget, CompiledSla
from slakit.engine.columnar.frame import I64, Bools, Idx


class Clocks:
    """Vectorized clock arithmetic for leads whose calendars are given by code."""

    def __init__(self, sla: CompiledSla, names: Sequence[str]) -> None:
        self.sla = sla
        self.names = list(names)

    def code(self, name: str) -> int:
        """The code of calendar ``name`` (added when new)."""
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)

    def _each(self, cal: Idx, fn: Callable[[Calendar, Idx], None]) -> None:
        if cal.size == 0:
            return
        first = int(cal[0])
        if bool((cal == first).all()):
            fn(self.sla.calendar(self.names[first]), np.arange(cal.size, dtype=np.intp))
            return
        for k in np.unique(cal).tolist():
            fn(self.sla.calendar(self.names[k]), np.flatnonzero(cal == k))

    def elapsed(self, cal: Idx, a: I64, b: I64) -> I64:
        """Open time in each ``[a, b)``."""
        out = np.zeros(a.shape, dtype=np.int64)

        def one(c: Calendar, i: Idx) -> None:
            out[i] = c.elapsed_v(a[i], b[i])

        self._each(cal, one)
        return out

    def add(self, cal: Idx, a: I64, us: I64) -> I64:
        """The instant each clock started at ``a`` has run ``us``."""
        out = np.zeros(a.shape, dtype=np.int64)

        def one(c: Calendar, i: Idx) -> None:
            out[i] = c.add_v(a[i], us[i])

        self._each(cal, one)
        return out

    def add_bd(self, cal: Idx, a: I64, n: int) -> I64:
        """The ``Nbd`` due time of each start."""
        out = np.zeros(a.shape, dtype=np.int64)

        def one(c: Calendar, i: Idx) -> None:
            out[i] = c.add_business_days_v(a[i], n)

        self._each(cal, one)
        return out

    def after_hours(self, cal: Idx, a: I64) -> Bools:
        """Whether each start is outside its day's open envelope."""
        out = np.zeros(a.shape, dtype=bool)

        def one(c: Calendar, i: Idx) -> None:
            out[i] = c.is_after_hours_v(a[i])

        self._each(cal, one)
        return out

    def add_budget(self, cal: Idx, a: I64, budget: Budget) -> I64:
        """``budget`` after each ``a`` (``Nbd``: the ``Nbd`` due time), pause-free."""
        if budget.bd is not None:
            return self.add_bd(cal, a, budget.bd)
        return self.add(cal, a, np.full(a.shape, budget.us or 0, dtype=np.int64))
