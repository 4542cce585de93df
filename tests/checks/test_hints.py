"""Did-you-mean: one rule (``slakit.hints.closest``) for the checks, keys and event names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slakit.hints import closest, suggest


@given(st.text("abcdefghijklmnopqrstuvwxyz_", min_size=2, max_size=12), st.data())
def test_two_neighbouring_letters_swapped_find_the_word(word: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(word) - 2))
    typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    assert closest(typo, ["zzzzzzzzzzzzzz", word]) == word


@pytest.mark.parametrize(("typo", "meant"), [("dnoe", "done"), ("ni", "in"), ("tlak", "talk"),
                                             ("Done", "done"), ("tuch", "touch")])
def test_common_slips(typo: str, meant: str) -> None:
    assert suggest(typo, ["done", "in", "talk", "touch"]) == f" (did you mean {meant!r}?)"


def test_nothing_close_is_no_suggestion() -> None:
    assert closest("schedule", ["in", "done"]) is None and suggest("x", ["in"]) == ""
