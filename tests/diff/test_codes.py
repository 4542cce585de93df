"""The code registry: every code is tested on a minimal pair and documented with its direction."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from test_roles import INLINE, TEMPLATES

from slakit.changes.codes import CODES, OPTIONAL_ROLES, ROLES

HERE = Path(__file__).parent
DOCS = HERE.parents[1] / "docs" / "diff.md"


def _role_codes_tested() -> set[str]:
    """The codes test_roles.py asserts, derived the way it derives them."""
    out: set[str] = set()
    for role in INLINE:
        prefix = TEMPLATES[role][0]
        stem = f"{prefix}-{role}" if prefix else role
        out.add(f"{stem}-changed")
        if ROLES[role].widened != "changed":
            out |= {f"{stem}-widened", f"{stem}-narrowed"}
        if role in OPTIONAL_ROLES:
            out |= {f"{stem}-added", f"{stem}-removed"}
    for role, spec in ROLES.items():
        if spec.widened != "changed":
            out |= {f"definition-{role}-widened", f"definition-{role}-narrowed"}
    return out


def test_every_code_has_a_minimal_pair() -> None:
    cases = yaml.safe_load((HERE / "cases.yaml").read_text())
    tested = {c for case in cases for c in case.get("codes", [case.get("code")])}
    tested |= _role_codes_tested()
    assert set(CODES) - tested == set()
    assert tested - set(CODES) == set()


def test_codes_are_well_formed() -> None:
    for name, code in CODES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
        assert code.name == name
        assert code.summary


def test_every_code_is_documented_with_its_direction() -> None:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([a-z-]+)` \| (tightened|loosened|changed) \| (.+) \| (.+) \|$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    assert rows == {name: code.direction for name, code in CODES.items()}


def test_directions_the_brief_names() -> None:
    expected = {
        "target-budget-tightened": "tightened", "calendar-hours-added": "tightened",
        "calendar-hours-reduced": "loosened", "holiday-added": "loosened",
        "target-scope-widened": "tightened", "target-scope-narrowed": "loosened",
        "target-added": "tightened", "target-removed": "loosened",
        "target-objective-raised": "tightened", "target-warn-changed": "changed",
        "escalation-added": "tightened", "escalation-removed": "loosened",
        "escalation-threshold-raised": "loosened", "definition-stop-widened": "loosened",
        "target-start-changed": "changed", "routing-rule-reordered": "changed",
        "source-columns-changed": "changed", "target-pause-added": "loosened",
        "target-cancel-added": "loosened", "target-after-hours-loosened": "loosened",
        "target-require-tightened": "tightened", "target-allow-widened": "loosened",
        "duplicates-window-changed": "changed", "raci-owner-changed": "changed",
        "timezone-changed": "changed",
    }
    assert {k: CODES[k].direction for k in expected} == expected
