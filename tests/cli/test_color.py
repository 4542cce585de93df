"""Color follows the terminal and ``NO_COLOR`` (no-color.org: a non-empty
value turns color off; an empty one does not)."""

from __future__ import annotations

import io

import pytest

from slakit.cli.app import color_on


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("value", "colored"), [(None, True), ("", True), ("1", False),
                                                ("0", False)])
def test_no_color(monkeypatch: pytest.MonkeyPatch, value: str | None, colored: bool) -> None:
    if value is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", value)
    assert color_on(_Tty()) is colored


def test_a_pipe_is_never_colored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_on(io.StringIO()) is False
    assert color_on(object()) is False
