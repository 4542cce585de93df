"""A strict well-formedness checker for the HTML report (``html.parser`` is lenient)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
SVG_EMPTY = frozenset({"rect", "line", "circle", "polyline", "path"})
"""SVG elements the charts write self-closed (``<rect/>``)."""


class StrictChecker(HTMLParser):
    """Collects every problem: unbalanced or misnested tags, duplicate ids, raw ``<``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.errors: list[str] = []
        self.ids: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.text: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)
        if tag not in VOID and tag not in SVG_EMPTY:
            self.errors.append(f"{self.getpos()}: <{tag}/> self-closed")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"{self.getpos()}: end tag of void element </{tag}>")
            return
        if not self.stack:
            self.errors.append(f"{self.getpos()}: </{tag}> without a start tag")
            return
        top, pos = self.stack.pop()
        if top != tag:
            self.errors.append(f"{self.getpos()}: </{tag}> closes <{top}> opened at {pos}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id" and value:
                self.ids[value] += 1

    def close(self) -> None:
        super().close()
        self.errors += [f"<{tag}> opened at {pos} never closed" for tag, pos in self.stack]
        self.errors += [f'id "{i}" used {n} times' for i, n in self.ids.items() if n > 1]


def check(document: str) -> StrictChecker:
    """Parse ``document``; the checker's ``errors`` lists what is wrong."""
    checker = StrictChecker()
    checker.feed(document)
    checker.close()
    return checker
