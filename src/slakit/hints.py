"""Did-you-mean hints for messages: one rule for validate's checks and the calendar."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """Return " (did you mean 'x'?)" for the closest candidate, or an empty string."""
    pool = list(candidates)
    folded = {c.casefold(): c for c in pool}
    if word.casefold() in folded:
        return f" (did you mean {folded[word.casefold()]!r}?)"
    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""
