"""Safe YAML 1.2 with limits and node locations: the only way slakit reads a document's text.

* **YAML 1.2 core schema**: only ``true``/``false`` are booleans (``on``, ``off``, ``yes``,
  ``no``, ``y``, ``n`` stay text, so ``on:`` is a key and country ``NO`` stays Norway); no
  sexagesimal numbers (``12:30`` is text), no implicit dates (``2026-12-24`` is text; the model
  reads it as a date where a date belongs), no ``<<`` merge keys, ``010`` is ten.
* **Refused**: duplicate keys (at the second), tags other than str/int/float/bool/null/seq/map,
  nesting deeper than ``MAX_DEPTH``, more than ``MAX_NODES`` values once aliases are expanded
  (a "billion laughs" document fails at the first anchor that crosses the bound, in
  milliseconds), an alias inside its own anchor. Anchors and aliases are otherwise allowed.
* **Locations**: ``NodeIndex`` maps every key and value, by its path of keys and indices, to
  its 1-based line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from slakit.loader.syntax import YamlProblem, friendly

MAX_BYTES = 5 * 1024 * 1024
"""Largest document file, checked before reading."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings, counting through aliases."""
MAX_NODES = 100_000
"""Most values (keys, items, scalars) in a document once aliases are expanded."""

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map"))
_PY_NAMES = {"for_": "for", "from_": "from"}


@dataclass(frozen=True)
class NodeProblem:
    """A located problem found in well-formed YAML (a duplicate key, a refused tag)."""

    code: str
    message: str
    line: int
    col: int


Position = tuple[int, int]
Path = tuple[Any, ...]


@dataclass(frozen=True)
class NodeIndex:
    """Where each key and value of a document was written, by data path."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Sequence[Any], *, key: bool = False) -> Position:
        """Return (line, col) of the value at ``path`` or, with ``key``, of its key.

        Elements the document does not have (union tags, keys left at their default) are
        skipped, so the answer is the nearest written ancestor.
        """
        elements = [_PY_NAMES.get(e, e) for e in path]
        if len(elements) <= 16:
            current = self._resolve(elements, 0, ())
        else:  # no document is this deep; stay linear
            current = ()
            for element in elements:
                if (*current, element) in self.values:
                    current = (*current, element)
        if key and current in self.keys and len(current) == len(path):
            return self.keys[current]
        return self.values.get(current, (1, 1))

    def written(self, key: str) -> bool:
        """Whether the document writes the top-level ``key``."""
        return (key,) in self.values

    def _resolve(self, elements: list[Any], i: int, current: Path) -> Path:
        """Return the best written path matching ``elements[i:]``, each taken or skipped.

        A tag can equal a real key (``when: {target: ..., at: ...}`` has the tag ``target``),
        so both readings are tried: the one resolving more elements wins, then the one reaching
        further along the path (``at`` rather than ``target``).
        """
        return self._best(elements, i, current, -1)[0]

    def _best(self, elements: list[Any], i: int, current: Path, last: int) -> tuple[Path, int]:
        if i == len(elements):
            return current, last
        skipped = self._best(elements, i + 1, current, last)
        candidate = (*current, elements[i])
        if candidate not in self.values:
            return skipped
        taken = self._best(elements, i + 1, candidate, i)
        return max(taken, skipped, key=lambda found: (len(found[0]), found[1]))


@dataclass(frozen=True)
class Parsed:
    """The data of a document (``None`` when empty), its locations and non-fatal problems."""

    data: Any
    index: NodeIndex
    problems: list[NodeProblem]


# -- resolver and constructor: YAML 1.2 core schema ---------------------------------------

_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema and composition limits."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - replaces, never extends, SafeLoader's table
    yaml_constructors: ClassVar[dict[Any, Any]] = dict(yaml.SafeLoader.yaml_constructors)

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0
        self.count = 0
        self.aliases = 0
        self.sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, height)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            mark = self._mark()
            node = self._compose(parent, index)
            if id(node) not in self.sizes:
                raise YamlProblem(
                    "yaml-recursive-alias",
                    "this alias is used inside its own anchor, which would make the value "
                    "infinite: write the value out",
                    mark.line + 1, mark.column + 1)
            self.aliases += 1
            return node
        mark = self._mark()
        self.depth += 1
        self.count += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(mark)
        if self.count > MAX_NODES:
            raise _too_many(mark, aliases=False)
        node = self._compose(parent, index)
        self.depth -= 1
        self._measure(node, mark)
        return node

    def _mark(self) -> Any:  # yaml.error.Mark, or the C extension's Mark
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        mark = event.start_mark
        assert mark is not None  # the parser marks every event
        return mark

    def _compose(self, parent: Node | None, index: Any) -> Node:
        node = super().compose_node(parent, index)
        assert node is not None  # an event was pending, so a node follows
        return node

    def _measure(self, node: Node, mark: yaml.Mark) -> None:
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        size, height = 1, 1
        for child in children:
            child_size, child_height = self.sizes[id(child)]
            size += child_size
            height = max(height, child_height + 1)
        if size > MAX_NODES:
            raise _too_many(mark, aliases=self.aliases > 0)
        if height > MAX_DEPTH:
            raise _too_deep(mark)
        self.sizes[id(node)] = (size, height)


def _too_deep(mark: yaml.Mark) -> YamlProblem:
    return YamlProblem(
        "yaml-too-deep",
        f"nesting goes deeper than {MAX_DEPTH} levels (aliases included): an SLA document "
        "needs a handful; flatten it", mark.line + 1, mark.column + 1)


def _too_many(mark: yaml.Mark, *, aliases: bool) -> YamlProblem:
    if aliases:
        message = (f"aliases expand the document past {MAX_NODES} values (a \"billion laughs\" "
                   "document?): write the values out or use fewer aliases")
    else:
        message = (f"the document has more than {MAX_NODES} values: an SLA document needs a "
                   "few hundred; is this the right file?")
    return YamlProblem("yaml-too-many-values", message, mark.line + 1, mark.column + 1)


def _construct_int(loader: _Loader, node: ScalarNode) -> int | str:
    text = str(loader.construct_scalar(node))
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    try:
        return int(text, 10)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        return text  # stays text: the model then says where a number was expected


def _construct_float(loader: _Loader, node: ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _construct_bool(loader: _Loader, node: ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


def _construct_null(loader: _Loader, node: ScalarNode) -> None:
    loader.construct_scalar(node)


for _tag, _pattern, _first in (
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+.0123456789"),
    ("null", _NULL, ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_TAG + _tag, _pattern, list(_first))
_Loader.add_constructor(_TAG + "int", _construct_int)
_Loader.add_constructor(_TAG + "float", _construct_float)
_Loader.add_constructor(_TAG + "bool", _construct_bool)
_Loader.add_constructor(_TAG + "null", _construct_null)


# -- parse ---------------------------------------------------------------------------------


def parse(text: str) -> Parsed:
    """Turn a document's text into data with locations; raise ``YamlProblem`` when impossible."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as e:
        line, col = _text_position(text, e.position)
        raise YamlProblem(
            "yaml-syntax",
            f"character U+{int(e.character):04X} is a control character YAML does not allow: "
            "delete it", line, col) from None
    try:
        root = loader.get_single_node()
        if root is None:
            return Parsed(None, NodeIndex(), [])
        problems = _tag_problems(root) + _surrogates(root)
        if not problems:
            problems = _duplicate_keys(loader, root)
        if problems:
            return Parsed(None, NodeIndex(), problems)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as e:
        raise friendly(e, text) from None
    except (ValueError, OverflowError):  # the scanner's chr() of an escape past U+10FFFF
        mark = loader.get_mark()
        raise YamlProblem(
            "yaml-syntax",
            "an escape (\\U...) names no Unicode character: the largest is \\U0010FFFF",
            mark.line + 1, mark.column + 1) from None
    finally:
        loader.dispose()
    index = NodeIndex()
    _index(root, data, (), index)
    return Parsed(data, index, [])


def _walk(root: Node) -> list[Node]:
    seen: set[int] = set()
    out: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
    return out


def _tag_problems(root: Node) -> list[NodeProblem]:
    out = []
    for node in _walk(root):
        if node.tag not in _ALLOWED_TAGS:
            mark = node.start_mark
            shown = "!!" + node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else node.tag
            out.append(NodeProblem(
                "yaml-tag",
                f"the tag {shown!r} is not allowed: a document holds only text, numbers, "
                "true/false, lists and mappings; remove the tag",
                mark.line + 1, mark.column + 1))
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogates(root: Node) -> list[NodeProblem]:
    """Refuse ``\\uD800``-style escapes: a lone surrogate is no character and cannot be printed."""
    out = []
    for node in _walk(root):
        if isinstance(node, ScalarNode) and _SURROGATE.search(node.value):
            mark = node.start_mark
            out.append(NodeProblem(
                "yaml-syntax",
                "an escape names a UTF-16 surrogate (\\uD800-\\uDFFF), not a character: write "
                "the character itself, or \\U0001F600 for one beyond \\uFFFF",
                mark.line + 1, mark.column + 1))
    return out


def _duplicate_keys(loader: _Loader, root: Node) -> list[NodeProblem]:
    out = []
    for node in _walk(root):
        if not isinstance(node, MappingNode):
            continue
        first: dict[Any, Node] = {}
        for key_node, _ in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, ScalarNode):
                out.append(NodeProblem(
                    "yaml-syntax", "a key must be plain text, not a list or mapping",
                    mark.line + 1, mark.column + 1))
                continue
            key = loader.construct_object(key_node)
            if key in first:
                earlier = first[key].start_mark
                out.append(NodeProblem(
                    "yaml-duplicate-key",
                    f"duplicate key {key!r}: it was already given on line {earlier.line + 1}; "
                    "YAML would keep only the last one, so delete or rename one of them",
                    mark.line + 1, mark.column + 1))
            else:
                first[key] = key_node
    return out


def _index(node: Node, data: Any, path: Path, index: NodeIndex) -> None:
    stack: list[tuple[Node, Any, Path]] = [(node, data, path)]
    index.values[path] = _pos(node)
    while stack:
        node, data, path = stack.pop()
        if isinstance(node, MappingNode) and isinstance(data, dict):
            for (key_node, value_node), (key, value) in zip(node.value, data.items(), strict=True):
                child = (*path, key)
                index.keys[child] = _pos(key_node)
                index.values[child] = _pos(value_node)
                stack.append((value_node, value, child))
        elif isinstance(node, SequenceNode) and isinstance(data, list):
            for i, (item_node, item) in enumerate(zip(node.value, data, strict=True)):
                child = (*path, i)
                index.values[child] = _pos(item_node)
                stack.append((item_node, item, child))


def _pos(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _text_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
