"""The shadowed-rule check finds the same rules as comparing every pair, without doing so.

Comparing every rule with every earlier one made ``slakit validate`` quadratic: 8,000 routing
rules (a 450 kB document, well inside the size limits) took a minute. The check now indexes
earlier rules by field and value; this test holds it to the pairwise definition.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from slakit.checks.routing import shadowed_rule
from slakit.model import Document

FIELDS = ("channel", "region", "service_line")
VALUES = ("a", "b", "c")

whens = st.dictionaries(st.sampled_from(FIELDS),
                        st.lists(st.sampled_from(VALUES), min_size=1, max_size=3, unique=True),
                        max_size=3)


def pairwise(rules: list[dict[str, list[str]]]) -> list[tuple[int, int]]:
    """(shadowed rule, first earlier rule taking all its leads), by comparing every pair."""
    out = []
    for j, later in enumerate(rules):
        for i, earlier in enumerate(rules[:j]):
            if all(f in later and set(later[f]) <= set(v) for f, v in earlier.items()):
                out.append((j, i))
                break
    return out


def document(rules: list[dict[str, list[str]]]) -> Document:
    return Document.model_validate({
        "slakit": 1, "name": "r",
        "routing": {"rules": [{"name": f"r{i}", "when": w, "team": "t"}
                              for i, w in enumerate(rules)]},
        "targets": [{"id": "t", "start": "a", "stop": "b", "within": "1h"}],
    })


@settings(max_examples=300, deadline=None)
@given(st.lists(whens, min_size=1, max_size=12))
def test_same_findings_as_every_pair(rules: list[dict[str, list[str]]]) -> None:
    found = [(issue.path[2], issue.message) for issue in shadowed_rule.run(document(rules))]
    expected = pairwise(rules)
    assert [j for j, _ in found] == [j for j, _ in expected]
    for (_, message), (_, i) in zip(found, expected, strict=True):
        assert f"earlier rule 'r{i}'" in message


def test_thousands_of_rules() -> None:
    # Distinct values (nothing shadowed), then one copy of the first rule (shadowed by it).
    rules = [{"channel": [f"c{i}"]} for i in range(5_000)] + [{"channel": ["c0"]}]
    issues = list(shadowed_rule.run(document(rules)))
    assert [issue.path for issue in issues] == [("routing", "rules", 5_000)]
    assert "earlier rule 'r0'" in issues[0].message


# -- diff: which keys moved -------------------------------------------------------------------


def moved_by_table(base: list[str], head: list[str]) -> list[str]:
    """The longest common subsequence by the classic table of every pair (the definition)."""
    shared = set(base) & set(head)
    a = [k for k in base if k in shared]
    b = [k for k in head if k in shared]
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = (table[i + 1][j + 1] + 1 if a[i] == b[j]
                           else max(table[i + 1][j], table[i][j + 1]))
    keep, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            keep.add(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return [k for k in b if k not in keep]


keys = st.lists(st.sampled_from([f"k{i}" for i in range(10)]), unique=True, max_size=10)


@settings(max_examples=1000, deadline=None)
@given(keys, keys)
def test_moved_keys_are_the_table_s(base: list[str], head: list[str]) -> None:
    from slakit.changes.sections.common import moved

    assert moved(base, head) == moved_by_table(base, head)


def test_moved_keys_of_thousands_of_rules() -> None:
    from slakit.changes.sections.common import moved

    base = [f"r{i}" for i in range(20_000)]
    head = [*base[:10], base[15], *base[10:15], *base[16:]]  # r15 moved up
    assert moved(base, head) == ["r15"]
    assert moved(base, list(reversed(base)))[:2] == ["r19998", "r19997"]
