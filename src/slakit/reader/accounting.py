"""Row numbers and row-level findings of one file: skipped rows, ragged rows, caps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from slakit.errors import Finding
from slakit.words import counted


class Ragged(NamedTuple):
    """A record pyarrow dropped because its field count is not the header's."""

    number: int | None
    """pyarrow's 1-based number among data records (``None`` when it gives none)."""
    fields: int
    lines: int
    """Physical lines it spans: more than one when a quoted field held line breaks, or an
    unbalanced quote swallowed the lines after it."""


MAX_EXAMPLES = 100
"""Row findings kept per file and code; the rest are summed up in one finding."""

MISSING_LEAD = "missing-lead-id"
BROKEN_ROW = "broken-row"
UNBALANCED_QUOTE = "unbalanced-quote"
MISSING_EVENT = "missing-event"
BAD_TIMESTAMP = "bad-timestamp"
RAGGED = "ragged-row"
DATE_ONLY = "date-only-timestamp"
SKIPPED_HOUR = "skipped-local-time"
SKIP_CODES = frozenset((MISSING_LEAD, BROKEN_ROW, MISSING_EVENT, BAD_TIMESTAMP, RAGGED,
                        UNBALANCED_QUOTE))


@dataclass
class Skips:
    """Rows skipped in one file, by data index (0-based among well-formed records)."""

    path: str
    counts: dict[str, int] = field(default_factory=dict)
    examples: list[tuple[int, str, str]] = field(default_factory=list)
    """(data index, code, message) of the first MAX_EXAMPLES rows per code."""
    total: int = 0
    watched: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """Data indices of the rows of the lead ``read_events(watch=...)`` asks about."""
    watched_skips: list[tuple[int, str, str]] = field(default_factory=list)
    """(data index, code, message) of every skipped row among ``watched``: no cap."""

    def watch(self, idx: NDArray[np.int64]) -> None:
        """Note rows ``idx`` as the watched lead's."""
        if idx.size:
            self.watched = np.concatenate([self.watched, idx])

    def add(
        self,
        code: str,
        idx: NDArray[np.int64],
        messages: list[str] | None = None,
        message: str = "",
        weight: NDArray[np.int64] | None = None,
    ) -> None:
        """Record rows `idx` skipped for `code`; messages per row, or one `message` for all.

        `weight` is how many counted rows each skipped record stands for (wide shape).
        """
        if idx.size == 0:
            return
        seen = self.counts.get(code, 0)
        room = max(0, MAX_EXAMPLES - seen)
        for k, i in enumerate(idx[:room].tolist()):
            self.examples.append((i, code, messages[k] if messages is not None else message))
        if self.watched.size:
            for k in np.flatnonzero(np.isin(idx, self.watched)).tolist():
                said = messages[k] if messages is not None else message
                self.watched_skips.append((int(idx[k]), code, said or f"{code}; row skipped"))
        self.counts[code] = seen + int(idx.size)
        self.total += int(idx.size) if weight is None else int(weight.sum())

    def room(self, code: str) -> int:
        """Return how many more examples of `code` are kept."""
        return max(0, MAX_EXAMPLES - self.counts.get(code, 0))


class RowNumbers:
    """Map data indices to record numbers around the ragged records pyarrow dropped.

    pyarrow numbers a dropped record by its 1-based position among data records (blank lines
    not counted); the kept ones are numbered 0, 1, ... without gaps. `first` is the record
    number of the first data record: 2 after a CSV header, 1 in Parquet.
    """

    def __init__(self, ragged: list[int], first: int) -> None:
        self.ragged = np.array(sorted(ragged), dtype=np.int64)
        self.first = first
        self._shift = self.ragged - np.arange(self.ragged.size, dtype=np.int64) - 1

    def of(self, idx: NDArray[np.int64]) -> NDArray[np.int64]:
        """Return the record numbers of kept data indices `idx`."""
        if self.ragged.size == 0:
            return idx + self.first
        return idx + self.first + np.searchsorted(self._shift, idx, side="right")

    def of_ragged(self, number: int) -> int:
        """Return the record number of a ragged record numbered `number` by pyarrow."""
        return number + self.first - 1


def row_findings(
    path: str, skips: Skips, numbers: RowNumbers, ragged: list[Ragged], fields: int
) -> list[Finding]:
    """Return one finding per example row (in row order), then one summary per capped code."""
    out: list[tuple[int, Finding]] = []
    if skips.examples:
        idx = np.array([e[0] for e in skips.examples], dtype=np.int64)
        rows = numbers.of(idx).tolist()
        for row, (_, code, msg) in zip(rows, skips.examples, strict=True):
            out.append((row, Finding(code, "warning", msg, file=path, row=row)))
    counts = dict(skips.counts)
    for number, actual, lines in ragged[:MAX_EXAMPLES]:
        row = numbers.of_ragged(number) if number is not None else None
        spans = (f"; it spans {lines:,} lines (an unbalanced quote swallows the lines after "
                 "it)" if lines > 1 else "")
        msg = (
            f"record has {counted(actual, 'field')}, the header has {fields}{spans}; "
            "row skipped"
        )
        out.append((row or 0, Finding(RAGGED, "warning", msg, file=path, row=row)))
    if ragged:
        counts[RAGGED] = len(ragged)
    out.sort(key=lambda p: p[0])
    findings = [f for _, f in out]
    for code, n in counts.items():
        if n > MAX_EXAMPLES:
            findings.append(
                Finding(
                    code,
                    "warning",
                    f"{counted(n - MAX_EXAMPLES, 'more row')} skipped for the same reason "
                    f"({n} in this file; the first {MAX_EXAMPLES} are listed)",
                    file=path,
                    count=n - MAX_EXAMPLES,
                )
            )
    return findings
