"""The array path of duplicate detection (one ``match`` field) equals the greedy loop."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from slakit.engine.columnar.duplicates import _one_field


def _greedy(key: list[int], first: list[int], end: list[int]) -> list[int]:
    """The definition, lead by lead in time order: the last original of a key is in time?"""
    last: dict[int, int] = {}
    found = []
    for r, (k, at) in enumerate(zip(key, first, strict=True)):
        o = last.get(k)
        if o is not None and end[o] >= at:
            found.append(o)
        else:
            last[k] = r
            found.append(-1)
    return found


@settings(max_examples=400)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 40), st.integers(0, 12)),
                min_size=1, max_size=60))
def test_one_field_equals_the_greedy_loop(leads: list[tuple[int, int, int]]) -> None:
    # Leads in time order (equal instants allowed); each window ends at or after its start,
    # not monotone across leads (an Nbd window depends on the lead's calendar).
    leads.sort(key=lambda x: x[1])
    key = [k for k, _, _ in leads]
    first = [t for _, t, _ in leads]
    end = [t + w for _, t, w in leads]
    got = _one_field(np.array(key, dtype=np.int64), np.array(first, dtype=np.int64),
                     np.array(end, dtype=np.int64))
    assert got.tolist() == _greedy(key, first, end)


ascii_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=14)
phones = st.from_regex(r"\A[ +()1-]{0,3}[0-9 ()-]{0,14}\Z")
any_text = st.text(max_size=8)  # not only ASCII: then the values go through normaliser


@settings(max_examples=300)
@given(st.sampled_from(["phone", "email", "text"]),
       st.lists(st.one_of(ascii_text, phones, any_text), max_size=30))
def test_arrow_keys_equal_the_normaliser(kind: str, values: list[str]) -> None:
    from slakit.engine.columnar.duplicates import _key_table
    from slakit.engine.duplicates import normaliser

    table, count = _key_table(values, kind)
    norm = normaliser({"phone": "phone", "email": "email", "text": "member_id"}[kind])
    normal = [norm(v) for v in values]
    assert table[-1] == -1 and count == len({n for n in normal if n})
    for i, a in enumerate(normal):
        assert (table[i] == -1) == (a == "")
        for k, b in enumerate(normal):
            assert (table[i] == table[k]) == (a == b)
