"""Codes about named events, generated from one template per role.

Each role is exercised where a target or escalation writes the events inline (``target-stop-*``)
and where it names a definition that changes (``definition-stop-*``). Matching more events has
the role's direction; fewer the opposite; other events ``changed``.
"""

from __future__ import annotations

import pytest
from diff_kit import diff

from slakit.changes.codes import CODES, OPTIONAL_ROLES, ROLES

NARROW, WIDE, OTHER = "{event: a}", "{event: [a, b]}", "{event: c}"

# FIELD is replaced by "key: value, " (or nothing, for an absent optional field).
TEMPLATES: dict[str, tuple[str, str, str]] = {
    # role: (code prefix, key, document with FIELD)
    "start": ("target", "start", "targets: [{id: t, FIELD stop: s, within: 1h}]\n"),
    "stop": ("target", "stop", "targets: [{id: t, start: s, FIELD within: 1h}]\n"),
    "cancel": ("target", "cancel", "targets: [{id: t, start: s, stop: p, FIELD within: 1h}]\n"),
    "pause-from": ("target", "from",
                   "targets: [{id: t, start: s, stop: p, pause: {FIELD to: q}, within: 1h}]\n"),
    "pause-to": ("target", "to",
                 "targets: [{id: t, start: s, stop: p, pause: {FIELD from: q}, within: 1h}]\n"),
    "attempts": ("target", "attempts",
                 "targets: [{id: t, kind: cadence, start: s, FIELD schedule: [1h]}]\n"),
    "until": ("target", "until",
              "targets: [{id: t, kind: cadence, start: s, attempts: p, FIELD schedule: [1h]}]\n"),
    "on": ("target", "on", "targets: [{id: t, kind: quality, FIELD require: [f]}]\n"),
    "each": ("target", "each", "targets: [{id: t, kind: quality, FIELD require: [f]}]\n"),
    "closed": ("", "closed", "FIELD\n"),
    "count": ("escalation", "count",
              "escalations: [{id: e, when: {FIELD reaches: 2}, action: go}]\n"),
    "since": ("escalation", "since",
              "escalations: [{id: e, when: {FIELD without: w, over: 1h}, action: go}]\n"),
    "without": ("escalation", "without",
                "escalations: [{id: e, when: {count: p, FIELD reaches: 2}, action: go}]\n"),
    "expect-event": ("escalation", "event",
                     "escalations: [{id: e, when: {count: p, reaches: 2}, action: go, "
                     "expect: {FIELD within: 1h}}]\n"),
    "stage": ("", "", "stages: [x, FIELD]\n"),
    "check": ("", "on",
              "routing: {check: {FIELD field: team}, rules: [{name: all, team: a}]}\n"),
}


def _doc(role: str, value: str | None) -> str:
    _, key, template = TEMPLATES[role]
    if role == "closed":
        return f"closed: {value}\n" if value is not None else ""
    if role == "stage":
        return template.replace("FIELD", value or "")
    return template.replace("FIELD", f"{key}: {value}," if value is not None else "")


def _stem(role: str) -> str:
    prefix = TEMPLATES[role][0]
    return f"{prefix}-{role}" if prefix else role


INLINE = [r for r in ROLES if r not in ("stage", "check")]


def test_every_role_has_a_template() -> None:
    assert set(TEMPLATES) == set(ROLES)


@pytest.mark.parametrize("role", INLINE)
def test_inline_role(role: str) -> None:
    stem, spec = _stem(role), ROLES[role]
    if spec.widened != "changed":
        assert [c.code for c in diff(_doc(role, NARROW), _doc(role, WIDE)).changes] == [
            f"{stem}-widened"]
        assert [c.code for c in diff(_doc(role, WIDE), _doc(role, NARROW)).changes] == [
            f"{stem}-narrowed"]
        assert CODES[f"{stem}-widened"].direction == spec.widened
    assert [c.code for c in diff(_doc(role, NARROW), _doc(role, OTHER)).changes] == [
        f"{stem}-changed"]
    assert diff(_doc(role, WIDE), _doc(role, "{event: [b, a]}")).changes == ()
    if role in OPTIONAL_ROLES:
        added = diff(_doc(role, None), _doc(role, NARROW)).changes
        assert [(c.code, c.direction) for c in added] == [(f"{stem}-added", spec.widened)]
        removed = diff(_doc(role, NARROW), _doc(role, None)).changes
        assert [(c.code, c.direction) for c in removed] == [(f"{stem}-removed", spec.narrowed)]


def test_name_and_raw_event() -> None:
    """A definition name and a raw event compare by what they match."""
    base = "definitions: {first: {event: [call, sms]}}\n" + _doc("stop", "first")
    assert [c.code for c in diff(base, _doc("stop", "call")).changes] == ["target-stop-narrowed"]
    head = "definitions: {first: {event: [call, sms]}}\n" + _doc("stop", "[first, email]")
    assert [c.code for c in diff(base, head).changes] == ["target-stop-widened"]
    dropped = diff(base, _doc("stop", "first")).changes
    assert [(c.code, c.path) for c in dropped] == [("definition-changed", "definitions.first")]


@pytest.mark.parametrize("role", list(ROLES))
def test_definition_in_role(role: str) -> None:
    spec = ROLES[role]
    narrow = "definitions: {d: {event: a}}\n" + _doc(role, "d")
    wide = "definitions: {d: {event: [a, b]}}\n" + _doc(role, "d")
    forward = diff(narrow, wide).changes
    backward = diff(wide, narrow).changes
    if spec.widened == "changed":
        assert [c.code for c in forward] == ["definition-changed"]
        assert [c.code for c in backward] == ["definition-changed"]
        return
    assert [(c.code, c.direction) for c in forward] == [
        (f"definition-{role}-widened", spec.widened)]
    assert [(c.code, c.direction) for c in backward] == [
        (f"definition-{role}-narrowed", spec.narrowed)]
    assert forward[0].path == "definitions.d"


def test_definition_where_and_require_narrow() -> None:
    base = "definitions: {d: {event: a}}\n" + _doc("stop", "d")
    where = "definitions: {d: {event: a, where: {channel: sms}}}\n" + _doc("stop", "d")
    require = "definitions: {d: {event: a, require: [phone]}}\n" + _doc("stop", "d")
    assert [c.code for c in diff(base, where).changes] == ["definition-stop-narrowed"]
    assert [c.code for c in diff(base, require).changes] == ["definition-stop-narrowed"]


def test_definition_in_two_roles_reports_each() -> None:
    roles = ("targets: [{id: t, start: s, stop: d, within: 1h}]\n"
             "escalations: [{id: e, when: {count: d, reaches: 2}, action: go}]\n")
    result = diff("definitions: {d: {event: a}}\n" + roles,
                  "definitions: {d: {event: [a, b]}}\n" + roles)
    assert [(c.code, c.direction) for c in result.changes] == [
        ("definition-stop-widened", "loosened"), ("definition-count-widened", "tightened")]
