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
