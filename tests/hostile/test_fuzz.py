"""Fuzzing: generated documents, exports and command lines never crash slakit.

Every case runs a command in-process (``slakit.cli.run``) and checks CLI.md's contract: exit 0,
1 or 2, a message when it is not 0, never a traceback (nor an "internal error", the one-line
report of a bug). ``evaluate`` cases also check LANGUAGE.md's "Nothing is lost": rows = used +
skipped + duplicate + after-as-of, from the JSON report. Outputs and errors must hold no raw
control character. The case count is printed at the end of the run ("fuzz cases: N").

``SLAKIT_FUZZ_SCALE=10`` runs ten times as many cases; ``SLAKIT_FUZZ_KEEP=DIR`` copies the
files of a failing case there (Hypothesis also prints its seed: ``document_text(Random(N))``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hostile_kit import (
    COLUMNS,
    FUZZ_DOC,
    HOSTILE_TEXT,
    WIDE_DOC,
    check_inert,
    check_rows,
    document_bytes,
    dump,
    export_files,
    fuzz_case,
    hostile_text,
    mutated_documents,
    parse_json,
    timestamps,
    valid_ish_documents,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slakit.cli import app

SCALE = float(os.environ.get("SLAKIT_FUZZ_SCALE", "1"))
COMMANDS = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
           HealthCheck.filter_too_much]


def examples(n: int) -> Any:
    """Hypothesis settings for ``n`` cases (times SLAKIT_FUZZ_SCALE), no deadline."""
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None,
                    suppress_health_check=SLOW_OK)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for the generated files, the fuzz document, and a clean environment."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "fuzz.sla.yaml").write_text(FUZZ_DOC, encoding="utf-8")
    (root / "wide.sla.yaml").write_text(WIDE_DOC, encoding="utf-8")
    (root / "small.csv").write_text(
        "lead_id,event,timestamp,channel,team,phone\n"
        "L1,lead_received,2026-03-02T09:00:00-05:00,web,,555-010-1111\n"
        "L1,assigned,2026-03-02T09:01:00-05:00,,inside,\n"
        "L1,call_attempt,2026-03-02T09:20:00-05:00,,,\n"
        "L2,lead_received,2026-03-02T10:00:00-05:00,phone,,\n"
        "L2,outcome,2026-03-03T10:00:00-05:00,,,\n", encoding="utf-8")
    names = ("GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "SLAKIT_PSEUDONYM_KEY")
    saved = {k: os.environ.pop(k, None) for k in names}
    os.environ["SLAKIT_PSEUDONYM_KEY"] = "fuzz-key"
    yield root
    for k, v in saved.items():
        os.environ.pop(k, None)
        if v is not None:
            os.environ[k] = v


# -- documents -------------------------------------------------------------------------------


@examples(5400)
@given(data=document_bytes, fmt=st.sampled_from(["text", "json", "github"]),
       strict=st.booleans(), stdin=st.integers(0, 9))
def test_validate_any_document(work: Path, data: bytes, fmt: str, strict: bool,
                               stdin: int) -> None:
    path = work / "doc.sla.yaml"
    path.write_bytes(data)
    argv = ["validate", "-" if stdin == 0 else str(path), "-f", fmt]
    argv += ["--strict"] if strict else []
    outcome = fuzz_case(argv, stdin=data)
    check_inert(outcome.out, f"validate -f {fmt}")
    if fmt == "json":
        report = parse_json(outcome.out)
        assert report["passed"] == (outcome.code == 0)
    else:
        assert outcome.out.endswith("\n")


@examples(600)
@given(doc=st.one_of(valid_ish_documents, mutated_documents), flow=st.booleans(),
       fmt=st.sampled_from(["json", "text", "markdown", "html", "junit", "csv"]))
def test_evaluate_any_document(work: Path, doc: dict[str, Any], flow: bool, fmt: str) -> None:
    path = work / "eval.sla.yaml"
    path.write_text(dump(doc, flow=flow, unicode=True), encoding="utf-8", errors="surrogatepass")
    argv = ["evaluate", str(path), str(work / "small.csv"), "-f", fmt]
    outcome = fuzz_case(argv)
    if fmt == "json" and outcome.code in (0, 1) and outcome.out.startswith("{"):
        check_rows(parse_json(outcome.out))


@examples(800)
@given(base=valid_ish_documents, head=mutated_documents,
       fmt=st.sampled_from(["text", "json", "markdown"]),
       fail_on=st.sampled_from(["never", "any", "loosened", "tightened", "changed"]))
def test_diff_any_pair(work: Path, base: dict[str, Any], head: dict[str, Any], fmt: str,
                       fail_on: str) -> None:
    (work / "base.sla.yaml").write_text(dump(base, flow=False, unicode=True), encoding="utf-8",
                                        errors="surrogatepass")
    (work / "head.sla.yaml").write_text(dump(head, flow=True, unicode=False), encoding="utf-8",
                                        errors="surrogatepass")
    argv = ["diff", str(work / "base.sla.yaml"), str(work / "head.sla.yaml"), "-f", fmt,
            "--fail-on", fail_on]
    outcome = fuzz_case(argv)
    check_inert(outcome.out, f"diff -f {fmt}")
    if fmt == "json" and outcome.code in (0, 1) and outcome.out.startswith("{"):
        parse_json(outcome.out)


# -- exports -----------------------------------------------------------------------------------

options = st.fixed_dictionaries({}, optional={
    "--as-of": timestamps(),
    "--from": st.sampled_from(["2026-03-02", "2026-03-03T12:00:00Z", "0001-01-01", "nope"]),
    "--to": st.sampled_from(["2026-03-04", "9999-12-31", "2026-03-01"]),
    "--by": st.sampled_from([*COLUMNS, "nope", *HOSTILE_TEXT[:4]]),
    "--period": st.sampled_from(["week", "month", "year"]),
    "--view": st.sampled_from(["leadership", "operations", "marketing", "nope"]),
    "--fail-under": st.sampled_from(["0", "100", "50.5", "nan", "-1", "1e309"]),
    "--pseudonymize": st.just(""),
})


@examples(2200)
@given(files=st.lists(export_files(), min_size=1, max_size=3), opts=options,
       extra=st.sampled_from(["text", "markdown", "csv", "html", "junit", None]),
       results=st.booleans(), stdin=st.integers(0, 9), wide=st.integers(0, 9))
def test_evaluate_any_export(work: Path, files: list[tuple[str, bytes]], opts: dict[str, str],
                             extra: str | None, results: bool, stdin: int, wide: int) -> None:
    paths = []
    for i, (suffix, data) in enumerate(files):
        path = work / f"export{i}{suffix}"
        path.write_bytes(data)
        paths.append(str(path))
    piped = b""
    if stdin == 0:  # the first file comes through standard input
        paths[0], piped = "-", files[0][1]
    doc = work / ("wide.sla.yaml" if wide == 0 else "fuzz.sla.yaml")
    argv = ["evaluate", str(doc), *paths, "-f", "json"]
    for name, value in opts.items():
        argv += [name, value] if value else [name]
    if extra:
        argv += ["-o", f"{extra}={work / ('out.' + extra)}"]
    if results:
        argv += ["--results", str(work / "results.csv")]
    outcome = fuzz_case(argv, stdin=piped)
    check_inert(outcome.out, "evaluate -f json")
    if extra in ("text", "markdown", "html") and outcome.code in (0, 1):
        check_inert((work / f"out.{extra}").read_text(encoding="utf-8"), f"-o {extra}")
    if outcome.code in (0, 1):
        report = parse_json(outcome.out)
        check_rows(report)
        assert report["passed"] == (outcome.code == 0)
    else:
        assert outcome.out == "", "a run that could not run writes no report"


# -- command lines -----------------------------------------------------------------------------

TOKENS = ("validate", "evaluate", "diff", "schema", "explain", "init", "-f", "json", "text",
          "csv", "html", "-o", "json=", "=x", "--as-of", "--from", "--to", "--by", "--view",
          "--period", "--results", "--fail-under", "--strict", "--replay", "--fail-on",
          "--lead", "--pseudonymize", "--show-pii", "--debug", "--version", "--help", "-",
          "--", "-x", "--nope", "", "main:x.sla.yaml", "HEAD~999:nope", "2026-03-02", "nan")


@examples(1200)
@given(args=st.lists(st.one_of(st.sampled_from(TOKENS), hostile_text,
                               st.sampled_from(["@DOC", "@CSV", "@OUT"])), max_size=8))
def test_any_command_line(work: Path, args: list[str]) -> None:
    placeholders = {"@DOC": str(work / "fuzz.sla.yaml"), "@CSV": str(work / "small.csv"),
                    "@OUT": f"json={work / 'argv-out.json'}"}
    argv = [placeholders.get(a, a) for a in args if "\x00" not in a]
    if "init" in argv:  # init writes files: keep it inside the work folder
        argv = [a for a in argv if a != "init"] + ["init", str(work / "init")]
    fuzz_case(argv, stdin=b"lead_id,event,timestamp\n")


@pytest.mark.skipif("explain" not in COMMANDS, reason="explain has not landed yet")
@examples(300)
@given(file=export_files(), lead=st.one_of(st.sampled_from(["L1", "L2", "=L5", "nope"]),
                                          hostile_text),
       fmt=st.sampled_from(["text", "json"]))
def test_explain_any_export(work: Path, file: tuple[str, bytes], lead: str, fmt: str) -> None:
    path = work / f"explain{file[0]}"
    path.write_bytes(file[1])
    fuzz_case(["explain", str(work / "fuzz.sla.yaml"), str(path), "--lead", lead, "-f", fmt])

