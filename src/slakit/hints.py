"""Did-you-mean hints for messages: one rule for validate's checks and the calendar."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate ``word`` most likely misspells: the same letters in another case, then
    two neighbouring letters swapped (``dnoe`` for ``done``, ``ni`` for ``in``: the commonest
    slip, which a similarity ratio misses in short words), then the closest by
    ``difflib`` at ``cutoff``; ``None`` when none is close."""
    pool = list(candidates)
    folded = {c.casefold(): c for c in pool}
    key = word.casefold()
    if key in folded:
        return folded[key]
    for i in range(len(key) - 1):
        swapped = key[:i] + key[i + 1] + key[i] + key[i + 2:]
        if swapped != key and swapped in folded:
            return folded[swapped]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return close[0] if close else None


def suggest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """Return " (did you mean 'x'?)" for the closest candidate, or an empty string."""
    close = closest(word, candidates, cutoff=cutoff)
    return f" (did you mean {close!r}?)" if close is not None else ""
