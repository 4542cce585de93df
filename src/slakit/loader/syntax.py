"""Friendly messages for YAML syntax errors: what went wrong, where, and how to fix it."""

from __future__ import annotations

import yaml

Position = tuple[int, int]


class YamlProblem(Exception):
    """The text cannot become data: one located problem, fatal."""

    def __init__(self, code: str, message: str, line: int, col: int) -> None:
        super().__init__(f"{line}:{col}: {code} {message}")
        self.code = code
        self.message = message
        self.line = line
        self.col = col


_INDENT_HINT = (
    "keys of one mapping, and the '-' items of one list, must start in the same column"
)


def friendly(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    tab = _first_indent_tab(text, line)
    if tab is not None:
        return YamlProblem(
            "yaml-tab",
            "a tab in the indentation: YAML indents with spaces only; replace the tab with "
            "spaces (set your editor to insert spaces)", *tab)
    if "'\\t'" in problem:  # between a key and its value, items, or before a comment
        return YamlProblem(
            "yaml-tab",
            "a tab here: slakit's YAML reader takes spaces, not tabs, between the parts of a "
            "line (after ':' or ',', before a comment); replace the tab with a space", line, col)
    runaway = _runaway_quote(text, line)
    if runaway is not None and "quoted scalar" not in context:
        start, end = runaway
        quote = text.splitlines()[start[0] - 1][start[1] - 1]
        return YamlProblem(
            "yaml-syntax",
            f"this quoted value is not closed on its line: the {quote} opened here runs on to "
            f"line {end}, where the next {quote} ends it, and what follows cannot be read; add "
            "the closing quote", *start)
    opened = error.context_mark
    unclosed = "end of stream" in problem or "<stream end>" in problem
    if unclosed and opened is not None:
        line, col = opened.line + 1, opened.column + 1  # point at what was left open
    where = f" (opened on line {opened.line + 1}, column {opened.column + 1})" if opened else ""
    if "mapping values are not allowed" in problem:
        message = (
            "unexpected ':' here: this line is probably indented deeper than the key above "
            f"({_INDENT_HINT}), or a value contains ': ' and must be quoted")
    elif problem.startswith("expected <block end>") or "did not find expected key" in problem:
        message = f"the indentation of this line does not match the lines above: {_INDENT_HINT}"
    elif "quoted scalar" in context:
        message = "this quoted value is never closed: add the closing quote"
    elif "flow mapping" in context or "flow sequence" in context:
        bracket = "{" if "mapping" in context else "["
        closing = "}" if bracket == "{" else "]"
        if unclosed:
            message = f"this '{bracket}' is never closed: add '{closing}'"
        else:
            message = (f"inside '{bracket} {closing}'{where} items are separated by ',': add the "
                       f"missing ',' or '{closing}', or quote an item that contains ':' or ','")
    elif "undefined alias" in problem:
        message = (f"{problem}: define the anchor (&name) before using it (*name), or quote a "
                   "value that starts with '*'")
    elif "another document" in problem:
        message = "a second document ('---'): one SLA document per file; split the file"
    elif "cannot start any token" in problem:
        message = (f"{problem}: characters like @, ` and % cannot start a plain value; "
                   "quote the value")
    elif "duplicate anchor" in (context + problem):
        message = "an anchor name is used twice: rename one of them"
    else:
        message = problem + (f" ({context}{where})" if context else "")
    return YamlProblem("yaml-syntax", message, line, col)


def _runaway_quote(text: str, line: int) -> tuple[Position, int] | None:
    """The quoted value that spans lines and ends on ``line`` or the line before, where the
    error is: a closing quote left out makes the value run on to the next quote (a later
    value's, or an apostrophe in a comment), and the text after it fails there. Returns its
    start and its last line."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line \
                    and line - 1 <= token.end_mark.line + 1 <= line \
                    and _text_after(text, token.end_mark):
                found = token
    except yaml.YAMLError:
        pass
    if found is None:
        return None
    start = found.start_mark
    return (start.line + 1, start.column + 1), found.end_mark.line + 1


def _text_after(text: str, mark: yaml.Mark) -> bool:
    """Whether the line goes on after ``mark`` (a closing quote) with more than a comment: a
    closing quote that was meant to open a value (``"08:00-12:00"``), or an apostrophe."""
    rest = text.splitlines()[mark.line][mark.column:].strip()
    return bool(rest) and not rest.startswith("#")


def _first_indent_tab(text: str, upto_line: int) -> Position | None:
    for number, raw in enumerate(text.splitlines()[:upto_line], start=1):
        stripped = raw.lstrip(" \t")
        lead = raw[: len(raw) - len(stripped)]
        if "\t" in lead and stripped and not stripped.startswith("#"):
            return number, lead.index("\t") + 1
    return None
