"""Turn pydantic's validation errors into located, fix-it problems.

Pydantic reports ``('targets', 0, 'response', 'within')``: the union tag ``response`` is no
key of the YAML. ``_Walk`` follows the model's types along the error path, drops such tags
and remembers the model it passed through, for messages like "unknown key 'stp' in a
response target: did you mean 'stop'?".
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from slakit.hints import closest
from slakit.model import CadenceTarget, Document, QualityTarget, ResponseTarget
from slakit.model.values import shown

__all__ = ["SchemaProblem", "problems_from_validation"]

_KIND_NAMES: dict[str, str] = {
    "Document": "the document",
    "Source": "source",
    "CalendarDef": "a calendar",
    "Holidays": "holidays",
    "Definition": "a definition",
    "InlineDefinition": "an inline definition",
    "Routing": "routing",
    "RoutingCheck": "routing.check",
    "RoutingRule": "a routing rule",
    "ResponseTarget": "a response target",
    "CadenceTarget": "a cadence target",
    "QualityTarget": "a quality target",
    "Pause": "pause",
    "Escalation": "an escalation",
    "CountTrigger": "a count trigger",
    "SinceTrigger": "a since trigger",
    "UnmetTrigger": "an unmet trigger",
    "TargetTrigger": "a target trigger",
    "Expect": "expect",
    "Duplicates": "duplicates",
    "Raci": "a raci entry",
    "Outcomes": "outcomes",
    "Report": "report",
}

_SHAPES: dict[str, str] = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping (key: value lines or {key: value})",
    "model_type": "a mapping (key: value lines or {key: value})",
    "model_attributes_type": "a mapping (key: value lines or {key: value})",
    "list_type": "a list (- item lines or [a, b])",
    "date_type": "a date like 2026-12-24",
}

_BRANCHES: dict[str, str] = {
    "str": "a definition or event name",
    "InlineDefinition": "an inline definition {event: ..., where: ...}",
}


@dataclass(frozen=True)
class SchemaProblem:
    """A pydantic error made readable: code, message and the data path to point at."""

    code: str
    message: str
    path: tuple[Any, ...]
    at_key: bool = False
    suggestion: str | None = None
    """For an unknown key: the key it probably meant."""


@dataclass
class _Walk:
    """The data path of an error location, the model holding its last key, and union labels."""

    path: tuple[Any, ...]
    model: type[BaseModel] | None
    """The model whose key is the path's last element (for unknown and missing keys)."""
    union_at: tuple[tuple[Any, ...], str] | None
    """The data path of the innermost plain union and the branch label the error is in."""
    key_error: bool


def problems_from_validation(error: ValidationError, data: Any) -> list[SchemaProblem]:
    """Return one readable problem per pydantic error, union noise removed."""
    walked = [(e, _walk(e["loc"])) for e in error.errors()]
    problems = [_describe(e, w, data) for e, w in _prune_unions(walked)]
    return _drop_explained_missing(problems)


def _drop_explained_missing(problems: list[SchemaProblem]) -> list[SchemaProblem]:
    """Drop "missing 'stop'" when an unknown 'stp' beside it already suggests 'stop'."""
    suggested = {
        (*p.path[:-1], p.suggestion) for p in problems if p.code == "unknown-key" and p.suggestion
    }
    return [p for p in problems if not (p.code == "missing-key" and p.path in suggested)]


def _prune_unions(
    walked: list[tuple[ErrorDetails, _Walk]],
) -> Iterator[tuple[ErrorDetails, _Walk]]:
    """Keep the errors of the union branch the value was meant for; merge when none fits."""
    groups: dict[tuple[Any, ...], list[tuple[ErrorDetails, _Walk]]] = {}
    for item in walked:
        if item[1].union_at is None:
            yield item
        else:
            groups.setdefault(item[1].union_at[0], []).append(item)
    for prefix, items in groups.items():
        whole = [i for i in items if i[1].path == prefix and i[0]["type"] in _SHAPES]
        inner = [i for i in items if i not in whole]
        if inner:
            yield from inner
            continue
        found = {i[1].union_at[1] for i in items if i[1].union_at}
        labels = [b for b in _BRANCHES if b in found] + sorted(found - set(_BRANCHES))
        expected = ", or ".join(_BRANCHES.get(label, label) for label in labels)
        first = dict(items[0][0])
        first["type"] = "union_mismatch"
        first["msg"] = f"expected {expected}"
        yield typing.cast(ErrorDetails, first), _Walk(prefix, None, None, False)


def _walk(loc: Sequence[int | str]) -> _Walk:
    tp: Any = Document
    path: list[Any] = []
    model: type[BaseModel] | None = None
    union_at: tuple[tuple[Any, ...], str] | None = None
    key_error = False
    for element in loc:
        tp = _strip(tp)
        members = _union_members(tp)
        if members:
            union_at = (tuple(path), str(element)) if not _is_tagged(members) else union_at
            tp = _pick(members, str(element))
            continue
        if element == "[key]":
            key_error = True
            continue
        path.append(element)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            model = tp
            tp = _field_type(tp, str(element))
        elif get_origin(tp) in (list, tuple):
            tp = get_args(tp)[0] if get_args(tp) else Any
        elif get_origin(tp) in (dict, Mapping):
            tp = get_args(tp)[1] if get_args(tp) else Any
        else:
            tp = Any
    return _Walk(tuple(path), model, union_at, key_error)


def _strip(tp: Any) -> Any:
    """Drop ``Annotated`` and ``None`` from an optional: what pydantic validates."""
    while True:
        if get_origin(tp) is typing.Annotated:
            tp = get_args(tp)[0]
            continue
        members = _raw_members(tp)
        if members and type(None) in members:
            rest = [m for m in members if m is not type(None)]
            tp = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
            continue
        return tp


def _raw_members(tp: Any) -> tuple[Any, ...]:
    if get_origin(tp) in (typing.Union, types.UnionType):
        return get_args(tp)
    return ()


def _union_members(tp: Any) -> tuple[Any, ...]:
    return _raw_members(tp)


def _is_tagged(members: tuple[Any, ...]) -> bool:
    return any(_tag_of(m) is not None for m in members)


def _tag_of(member: Any) -> str | None:
    if get_origin(member) is typing.Annotated:
        for meta in get_args(member)[1:]:
            if isinstance(meta, Tag):
                return meta.tag
    return None


def _pick(members: tuple[Any, ...], label: str) -> Any:
    for member in members:
        inner = _strip(member)
        name = getattr(inner, "__name__", str(inner))
        if _tag_of(member) == label or name == label:
            return member
    return Any


def _field_type(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info.annotation
    return Any


def _keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _required(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items() if info.is_required()]


def _kind_name(model: type[BaseModel] | None) -> str:
    if model is None:
        return "this section"
    return _KIND_NAMES.get(model.__name__, model.__name__)


def _describe(error: ErrorDetails, walk: _Walk, data: Any) -> SchemaProblem:
    kind = error["type"]
    path = walk.path
    last = path[-1] if path else ""
    value = error.get("input")
    if kind == "extra_forbidden":
        message, suggestion = _unknown_key(str(last), walk.model)
        return SchemaProblem("unknown-key", message, path, True, suggestion)
    if kind == "missing":
        return SchemaProblem("missing-key", _missing_key(str(last), walk.model), path)
    if kind == "union_tag_invalid":
        return _bad_tag(error, path, data)
    if path == ("slakit",):
        return SchemaProblem(
            "invalid-value",
            f"language version {shown(_at(data, path))} is not one this slakit reads: write "
            "'slakit: 1'", path)
    if kind in _SHAPES:
        what = _SHAPES[kind]
        hint = ""
        if kind == "string_type" and isinstance(value, bool):  # true: won, a yes/no column
            hint = f": quote it to make it text, \"{str(value).lower()}\""
        elif kind == "string_type" and isinstance(value, int | float):
            hint = f": quote it to make it text, \"{value}\""
        return SchemaProblem(
            "wrong-type", f"expected {what} here, got {shown(value)}{hint}", path,
            walk.key_error)
    if kind == "union_mismatch":
        return SchemaProblem(
            "wrong-type", f"{error['msg']} here, got {shown(value)}", path)
    subject = repr(last) if isinstance(last, str) and last else "this list"
    message = _value_message(error, value, subject)
    return SchemaProblem("invalid-value", message, path, walk.key_error)


def _unknown_key(key: str, model: type[BaseModel] | None) -> tuple[str, str | None]:
    where = _kind_name(model)
    allowed = _keys(model) if model is not None else []
    message = f"unknown key {key!r} in {where}"
    elsewhere = _other_target_kind(key, model)
    if elsewhere:
        return (f"{message}: {key!r} belongs to a target of kind: {elsewhere}; set 'kind' or "
                "remove it"), None
    if key == "<<":
        return (f"{message}: YAML merge keys are not read in an SLA document (YAML 1.2 has "
                "none); write the keys out in each place, or give the whole value an anchor "
                "(&name) and reuse it (*name)"), None
    close = closest(key, allowed)
    synonym = _SYNONYMS.get(key.casefold())
    if close is None and synonym in allowed:
        close = synonym
    if close is not None:
        return f"{message}: did you mean {close!r}?", close
    return f"{message}; allowed keys: {', '.join(allowed)}", None


_SYNONYMS = {"type": "kind", "budget": "within", "sla": "within", "deadline": "within",
             "tz": "timezone", "zone": "timezone", "goal": "objective", "target": "objective",
             "threshold": "warn", "filter": "for", "if": "when", "mapping": "columns",
             "holiday": "holidays", "schedule_hours": "hours", "owner_team": "team"}
"""Words newcomers use for a key, and the key they mean (when no key is spelt alike)."""


def _other_target_kind(key: str, model: type[BaseModel] | None) -> str | None:
    kinds: dict[type[BaseModel], str] = {
        ResponseTarget: "response", CadenceTarget: "cadence", QualityTarget: "quality"
    }
    if model not in kinds:
        return None
    for other, name in kinds.items():
        if other is not model and key in _keys(other):
            return name
    return None


def _missing_key(key: str, model: type[BaseModel] | None) -> str:
    needs = _required(model) if model is not None else []
    if key == "slakit":
        return "missing 'slakit: 1' (the language version) at the top of the document"
    message = f"missing key {key!r}"
    if model is not None:
        message += f": {_kind_name(model)} needs {', '.join(repr(k) for k in needs)}"
    return message


def _bad_tag(error: ErrorDetails, path: tuple[Any, ...], data: Any) -> SchemaProblem:
    ctx = error.get("ctx") or {}
    if "_target_kind" in str(ctx.get("discriminator", "")):
        kind = ctx.get("tag")
        return SchemaProblem(
            "invalid-value",
            f"unknown target kind {kind!r}: write kind: response (the default), cadence or "
            "quality", (*path, "kind"))
    value = _at(data, path)
    keys = ", ".join(repr(k) for k in value) if isinstance(value, dict) and value else ""
    found = f"found keys: {keys}" if keys else "it has none"
    triggers = [k for k in ("count", "since", "unmet", "target")
                if isinstance(value, dict) and k in value]
    if len(triggers) > 1:
        return SchemaProblem(
            "invalid-value",
            f"an escalation's 'when' is one trigger, and this one mixes {len(triggers)} "
            f"({', '.join(triggers)}): split it into {len(triggers)} escalations", path)
    return SchemaProblem(
        "invalid-value",
        "an escalation's 'when' starts with one of count, since, unmet or target "
        f"({found})", path)


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for element in path:
        try:
            data = data[element]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _value_message(error: ErrorDetails, value: Any, subject: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{shown(value)} is not allowed here: write one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return (f"{shown(value)} is not a valid id: use letters, digits, '-', '_' and "
                "'.', starting with a letter or digit (no spaces)")
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{subject} needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"{shown(value)} is too long: at most {ctx.get('max_length')} character(s)"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"{shown(value)} is too small: write {bound} or more"
    if kind.startswith("date"):
        reason = ctx.get("error")
        suffix = f" ({reason})" if reason else ""
        return f"{shown(value)} is not a date{suffix}: write it like 2026-12-24"
    return str(error["msg"])
