"""The loader: YAML 1.2 rules, limits, unreadable files, locations, friendly schema errors."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slakit.errors import DocumentError, DocumentReadError, Problem
from slakit.loader import MAX_BYTES, LoadedDocument, UnreadableDocument, load
from slakit.loader.yaml12 import parse

MINIMAL = "slakit: 1\nname: demo\ntargets:\n  - {id: t, start: a, stop: b, within: 1h}\n"
DATA = Path(__file__).parent.parent / "model" / "data"


def only_problem(source: str | bytes | Path) -> Problem:
    """Load ``source`` expecting exactly one problem, and return it."""
    with pytest.raises((DocumentError, UnreadableDocument)) as info:
        load(source)
    error = info.value
    problems = error.problems if isinstance(error, DocumentError) else [error.problem]
    assert len(problems) == 1, problems
    return problems[0]


# -- YAML 1.2 -------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["on", "off", "yes", "no", "y", "n", "Yes", "NO", "On", "Y"])
def test_yaml11_booleans_stay_text(word: str) -> None:
    assert parse(f"k: {word}\n{word}: v\n").data == {"k": word, word: "v"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True), ("False", False), ("TRUE", True), ("010", 10), ("0o17", 15),
        ("0x1F", 31), ("-3", -3), ("1.5", 1.5), ("1e3", 1000.0), (".inf", float("inf")),
        ("~", None), ("null", None), ("", None), ("12:30", "12:30"), ("1_000", "1_000"),
        ("2026-12-24", "2026-12-24"), ("08:00-12:00", "08:00-12:00"), ("0b101", "0b101"),
    ],
)
def test_core_schema_scalars(text: str, value: object) -> None:
    assert parse(f"k: {text}\n").data == {"k": value}


def test_country_no_and_on_key_survive_to_the_model() -> None:
    loaded = load(DATA / "language_example.sla.yaml")
    assert loaded.document.routing is not None
    assert loaded.document.routing.check is not None
    assert loaded.document.routing.check.on == "assigned"
    norway = MINIMAL + "calendars:\n  oslo:\n    hours: {mon-fri: '08:00-16:00'}\n" \
        "    holidays: {country: NO}\n"
    holidays = load(norway).document.calendars["oslo"].holidays
    assert holidays is not None and holidays.country == "NO"


def test_merge_key_is_not_special() -> None:
    problem = only_problem(MINIMAL + "source: &b {nulls: ['']}\nreport:\n  <<: *b\n")
    assert problem.code == "unknown-key"


def test_utf8_bom_and_crlf_are_accepted() -> None:
    loaded = load(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    assert loaded.document.name == "demo"


# -- refused YAML -----------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second() -> None:
    problem = only_problem("slakit: 1\nname: a\ntargets: []\nname: b\n")
    assert (problem.code, problem.location.line, problem.location.col) == (
        "yaml-duplicate-key", 4, 1)
    assert "line 2" in problem.message


def test_duplicate_key_in_a_flow_mapping() -> None:
    problem = only_problem(MINIMAL + "report: {by: [a], by: [b]}\n")
    assert (problem.code, problem.location.line, problem.location.col) == (
        "yaml-duplicate-key", 5, 19)


@pytest.mark.parametrize(
    "value",
    ["!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!binary aGk=",
     "!custom x", "!!set {a, b}", "!!omap [a: 1]"],
)
def test_object_tags_are_refused(value: str) -> None:
    problem = only_problem(f"slakit: 1\nname: {value}\n")
    assert problem.code == "yaml-tag"
    assert (problem.location.line, problem.location.col) == (2, 7)


def test_billion_laughs_is_refused_at_once() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    problem = only_problem("\n".join(lines) + "\n")  # 10^11 values if expanded
    assert problem.code == "yaml-too-many-values"
    assert "alias" in problem.message


def test_aliases_within_bounds_are_allowed() -> None:
    text = MINIMAL + "report:\n  by: &segments [lead_type, channel]\n" \
        "duplicates: {match: *segments, within: 30d}\n"
    assert load(text).document.duplicates is not None


def test_recursive_alias_is_refused() -> None:
    assert only_problem("a: &x [1, *x]\n").code == "yaml-recursive-alias"


@pytest.mark.parametrize("depth", [65, 10_000, 200_000])
def test_deep_nesting_is_refused_without_recursion_error(depth: int) -> None:
    problem = only_problem("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.code == "yaml-too-deep"


def test_deep_nesting_through_aliases_is_refused() -> None:
    level = "[" * 40 + "x" + "]" * 40
    text = f"a: &a {level}\nb: &b " + "[" * 30 + "*a" + "]" * 30 + "\n"
    assert only_problem(text).code == "yaml-too-deep"


def test_too_many_plain_values_are_refused() -> None:
    problem = only_problem("a: [" + ",".join(["1"] * 100_001) + "]\n")
    assert problem.code == "yaml-too-many-values"


# -- one clear problem for broken files ---------------------------------------------------------


def test_tab_in_indentation() -> None:
    problem = only_problem("slakit: 1\nname: demo\ntargets:\n\t- {id: t}\n")
    assert (problem.code, problem.location.line, problem.location.col) == ("yaml-tab", 4, 1)
    assert "spaces" in problem.message


def test_tab_after_spaces_in_indentation() -> None:
    problem = only_problem("a:\n  b: 1\n  \tc: 2\n")
    assert (problem.code, problem.location.line, problem.location.col) == ("yaml-tab", 3, 3)


def test_tab_between_a_key_and_its_value_is_not_called_indentation() -> None:
    problem = only_problem("slakit: 1\nname:\tdemo\n")
    assert (problem.code, problem.location.line) == ("yaml-tab", 2)
    assert "indentation" not in problem.message and "replace the tab with a space" in \
        problem.message


_TARGET = "targets:\n  - {id: t, start: a, stop: b, within: 15m}\n"
_COUNT = "escalations:\n  - {id: e, when: {count: a, reaches: %s}, action: x}\n"


@pytest.mark.parametrize(("text", "says"), [
    ("slakit: true\nname: d\n" + _TARGET, "language version true is"),
    ("slakit: 1.0\nname: d\n" + _TARGET, "language version 1.0 is"),
    ("slakit: 1\nname: d\n" + _TARGET + _COUNT % "true", "a whole number here, got true"),
    ("slakit: 1\nname: d\n" + _TARGET + _COUNT % "'3'", "a whole number here, got '3'"),
    # What the message quotes is the YAML as written, not Python's repr.
    ("slakit: 1\nname: d\ntargets:\n  - {id: t, start: a, stop: b, within:}\n",
     "got nothing (null)"),
    ("slakit: 1\nname: d\ntargets:\n  - {id: t, start: a, stop: b, within: [15m]}\n",
     "got a list"),
    ("slakit: 1\nname: d\ncalendars:\n  c: {hours: {mon-sun: closed}}\n" + _TARGET,
     "'closed' is for overrides (one date): in hours, leave a closed day out"),
    ("slakit: 1\nname: d\n" + _TARGET + "escalations:\n  - {id: e, when: {since: a, "
     "without: b, over: 1h, count: a, reaches: 2}, action: x}\n",
     "this one mixes 2 (count, since): split it into 2 escalations"),
])
def test_a_number_that_only_equals_one_in_python_is_refused(text: str, says: str) -> None:
    assert says in only_problem(text).message


def test_tab_inside_a_value_is_fine() -> None:
    assert load(MINIMAL + "title: \"a\\tb\"\nowner: \"x\ty\"\n").document.owner == "x\ty"


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("slakit: 1\nname: demo\n  title: x\n", 3, 8),
        ("targets:\n  - id: a\n    start: x\n   stop: y\n", 4, 4),
        ("a:\n  b:\n    - 1\n  - 2\n", 4, 3),
    ],
)
def test_wrong_indentation(text: str, line: int, col: int) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.location.line, problem.location.col) == (
        "yaml-syntax", line, col)
    assert "indent" in problem.message


def test_unclosed_quote_points_at_the_quote() -> None:
    problem = only_problem('slakit: 1\nname: "demo\ntargets: []\n')
    assert (problem.code, problem.location.line, problem.location.col) == ("yaml-syntax", 2, 7)


def test_two_documents_in_one_file() -> None:
    problem = only_problem(MINIMAL + "---\n" + MINIMAL)
    assert problem.code == "yaml-syntax"
    assert "one SLA document per file" in problem.message


def test_control_character() -> None:
    problem = only_problem("slakit: 1\nname: de\x07mo\n")
    assert (problem.code, problem.location.line, problem.location.col) == ("yaml-syntax", 2, 9)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_document(text: str) -> None:
    problem = only_problem(text.encode())
    assert problem.code in ("empty-document", "not-a-mapping")
    assert (problem.location.line, problem.location.col) == (1, 1)


@pytest.mark.parametrize("text", ["- a\n- b\n", "just words\n", "42\n"])
def test_not_a_mapping(text: str) -> None:
    assert only_problem(text.encode()).code == "not-a-mapping"


# -- unreadable files (exit 2) -----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nope.sla.yaml")
    assert problem.code == "file-not-found"
    assert problem.location.file == str(tmp_path / "nope.sla.yaml")


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    assert only_problem(tmp_path).code == "file-unreadable"


def test_binary_file_points_at_the_nul_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.sla.yaml"
    path.write_bytes(b"slakit: 1\nname: d\x00emo\n")
    problem = only_problem(path)
    assert (problem.code, problem.location.line, problem.location.col) == ("file-not-text", 2, 8)


def test_undecodable_bytes_point_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.sla.yaml"
    path.write_bytes("slakit: 1\ntitle: Café \xe9t\xe9\n".encode("latin-1"))
    problem = only_problem(path)
    assert (problem.code, problem.location.line, problem.location.col) == ("file-not-text", 2, 11)
    assert "UTF-8" in problem.message


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "x.sla.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    assert "UTF-16" in only_problem(path).message


@pytest.mark.parametrize("megabytes", [50, 100])
def test_huge_file_is_refused_before_reading(tmp_path: Path, megabytes: int) -> None:
    path = tmp_path / "huge.sla.yaml"
    with path.open("wb") as handle:
        handle.truncate(megabytes * 1024 * 1024)  # sparse: instant to create
    problem = only_problem(path)  # refused by its size, before it is read (no timing here)
    assert problem.code == "file-too-large"
    assert f"{megabytes * 1024 * 1024:,} bytes" in problem.message and "5 MiB" in problem.message


def test_large_text_is_refused() -> None:
    assert only_problem(b"#" * (MAX_BYTES + 1)).code == "file-too-large"


def test_read_errors_are_document_read_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError):
        load(tmp_path / "missing.sla.yaml")


# -- sources, identity, locations ---------------------------------------------------------------


def test_sources_path_text_bytes(tmp_path: Path) -> None:
    path = tmp_path / "demo.sla.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    by_path, by_str = load(path), load(str(path))
    by_text, by_bytes = load(MINIMAL), load(MINIMAL.encode(), name="<stdin>")
    assert by_path.path == by_str.path == str(path)
    assert by_text.path == "<string>" and by_bytes.path == "<stdin>"
    digest = hashlib.sha256(MINIMAL.encode()).hexdigest()
    assert {by_path.sha256, by_text.sha256, by_bytes.sha256} == {digest}
    assert by_path.document == by_text.document


def test_loaded_document_is_frozen() -> None:
    loaded = load(MINIMAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.path = "x"  # type: ignore[misc]


def test_locate_values_keys_tags_aliases_and_parents() -> None:
    loaded: LoadedDocument = load(DATA / "language_example.sla.yaml")
    at = loaded.locate
    assert (at(("targets", 0, "within")).line, at(("targets", 0, "within")).col) == (57, 13)
    assert at(("targets", 0, "response", "within")) == at(("targets", 0, "within"))
    assert at(("targets", 0, "for_", "channel")) == at(("targets", 0, "for", "channel"))
    assert at(("targets", 1, "pause", "from_")).line == 64
    assert at(("escalations", 3, "when", "target", "at")) == at(("escalations", 3, "when", "at"))
    assert (at(("raci", "time-to-resolution"), key=True).col,
            at(("raci", "time-to-resolution")).col) == (3, 23)
    # a key left at its default: the nearest written parent
    assert at(("targets", 1, "warn")) == at(("targets", 1))
    assert at(()).line == 2


# -- friendly schema errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "code", "needle"),
    [
        ("    stp: b\n    within: 1h\n", "unknown-key", "did you mean 'stop'"),
        ("    stop: b\n    within: 15\n", "invalid-value", "15m"),
        ("    stop: b\n    within: 1h\n    warn: 80\n", "invalid-value", "95%"),
        ("    stop: b\n    within: 1h\n    attempts: c\n", "unknown-key", "kind: cadence"),
        ("    stop: {events: x}\n    within: 1h\n", "unknown-key", "did you mean 'event'"),
        ("    stop: [b, 3]\n    within: 1h\n", "wrong-type", "event name"),
    ],
)
def test_schema_errors_are_readable(snippet: str, code: str, needle: str) -> None:
    text = "slakit: 1\nname: demo\ntargets:\n  - id: t\n    start: a\n" + snippet
    problem = only_problem(text)
    assert problem.code == code
    assert needle in problem.message
    assert "Input should" not in problem.message and "pydantic" not in problem.message


@pytest.mark.parametrize(("values", "needle"), [
    ("{true: won}", 'got true: quote it to make it text, "true"'),
    ("{booked: won, 3: lost}", 'got 3: quote it to make it text, "3"'),
])
def test_a_value_yaml_reads_as_no_text_is_told_to_quote_it(values: str, needle: str) -> None:
    problem = only_problem(MINIMAL + f"outcomes: {{field: made_sla, values: {values}}}\n")
    assert problem.code == "wrong-type"
    assert needle in problem.message


def test_bad_day_key_points_at_the_key() -> None:
    problem = only_problem(MINIMAL + "calendars:\n  c:\n    hours:\n      mon-fry: '08:00-17:00'\n")
    assert (problem.code, problem.location.line, problem.location.col) == (
        "invalid-value", 8, 7)


def test_several_problems_are_all_reported_in_order() -> None:
    text = "slakit: 1\nname: 'a b'\ntargets:\n  - {id: t, start: a, stop: b, within: 5x}\n" \
        "titel: x\n"
    with pytest.raises(DocumentError) as info:
        load(text)
    found = [(p.code, p.location.line) for p in info.value.problems]
    assert found == [("invalid-value", 2), ("invalid-value", 4), ("unknown-key", 5)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\" \t\n#%@,?0123\\")), max_size=80))
def test_any_text_gives_a_document_or_problems(text: str) -> None:
    try:
        load(text.encode())
    except DocumentError as e:
        assert e.problems and all(p.location.line >= 1 for p in e.problems)
    except UnreadableDocument:
        pass


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["slakit", "name", "targets", "calendars", "routing",
                                        "report", "for", "on", "kind", "x"]),
                       st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                                    lambda c: st.lists(c, max_size=3)
                                    | st.dictionaries(st.text(max_size=4), c, max_size=3),
                                    max_leaves=10)))
def test_any_data_gives_a_document_or_located_problems(data: dict[str, object]) -> None:
    import json

    text = json.dumps(data)  # JSON is YAML
    try:
        load(text.encode())
    except DocumentError as e:
        assert e.problems and all(p.message for p in e.problems)


def test_environment_is_untouched() -> None:
    before = dict(os.environ)
    load(MINIMAL)
    assert dict(os.environ) == before
