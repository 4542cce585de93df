"""Where a difference sits: a readable path plus the key path in each document.

Section comparers yield ``Found`` values; ``slakit.changes.core`` turns them into ``Change``s
with line numbers. Key paths use YAML keys (``for``, ``from``) and list indexes, as the loader
locates them; ``None`` means the entry does not exist on that side.
"""

from __future__ import annotations

from dataclasses import dataclass

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Site:
    """A place named in both documents."""

    path: str
    base: Key | None
    head: Key | None

    @classmethod
    def root(cls, key: str) -> Site:
        """A top-level key, present (or absent) in both documents."""
        return cls(key, (key,), (key,))

    def field(self, key: str | int, label: str | None = None) -> Site:
        """A key below this site, on whichever sides this site exists."""
        name = label if label is not None else str(key)
        return Site(
            f"{self.path}.{name}",
            None if self.base is None else (*self.base, key),
            None if self.head is None else (*self.head, key),
        )

    def entry(self, label: str, base_index: int | str | None, head_index: int | str | None) -> Site:
        """A list or mapping entry matched by id/name, at its index (or key) on each side."""
        return Site(
            f"{self.path}[{label}]",
            None if self.base is None or base_index is None else (*self.base, base_index),
            None if self.head is None or head_index is None else (*self.head, head_index),
        )


@dataclass(frozen=True)
class Found:
    """A difference before lines are attached; the direction comes from the code."""

    code: str
    site: Site
    old: str | None
    new: str | None
    message: str
