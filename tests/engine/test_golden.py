"""Golden tests for `slakit evaluate`, worked out by hand from the design contract.

Each folder under tests/golden/engine/ holds one case:

* ``sla.yaml``       the SLA document,
* ``events.csv``     the event export,
* ``expected.yaml``  ``args`` (extra CLI arguments), ``results`` (rows of the ``--results``
  CSV, matched on (lead_id, target); only the listed keys are compared) and ``report`` (a
  partial JSON report compared as a subset: dict keys listed must match, lists are compared
  element-wise in full; ``targets`` and ``escalations`` are keyed by id).

Comparison rules: numbers with an absolute tolerance of 0.005, strings exactly; in ``results``
``null`` means an empty CSV cell; in ``report`` ``null`` means JSON null.

The arithmetic behind every expected number is written as a YAML comment in expected.yaml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "engine"
TOLERANCE = 0.005
STATUSES = {"met", "breached", "pending", "at_risk", "cancelled", "not_applicable", "duplicate"}
RESULT_COLUMNS = [
    "lead_id",
    "target",
    "status",
    "started_at",
    "stopped_at",
    "due_at",
    "elapsed_minutes",
    "wall_minutes",
    "team",
    "calendar",
    "duplicate_of",
    "detail",
]
TIME_COLUMNS = {"started_at", "stopped_at", "due_at"}
NUMBER_COLUMNS = {"elapsed_minutes", "wall_minutes"}
KEYED_LISTS = {"targets": "id", "escalations": "id"}


def _cases() -> list[Path]:
    if not GOLDEN.is_dir():
        return []
    return sorted(p for p in GOLDEN.iterdir() if p.is_dir() and (p / "expected.yaml").exists())


CASES = _cases()


def _load_expected(case: Path) -> dict[str, Any]:
    with (case / "expected.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{case.name}: expected.yaml must be a mapping"
    return data


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --------------------------------------------------------------------------- comparison


def _compare_cell(expected: Any, actual: str) -> str | None:
    """Compare one expected value with one CSV cell; return a problem or None."""
    if expected is None:
        return None if actual == "" else f"expected an empty cell, got {actual!r}"
    if isinstance(expected, bool):
        return f"booleans are not used in results (expected {expected!r})"
    if _is_number(expected):
        if actual == "":
            return f"expected {expected}, got an empty cell"
        try:
            number = float(actual)
        except ValueError:
            return f"expected the number {expected}, got {actual!r}"
        if math.isnan(number) or abs(number - float(expected)) > TOLERANCE:
            return f"expected {expected}, got {actual!r}"
        return None
    if isinstance(expected, str):
        return None if actual == expected else f"expected {expected!r}, got {actual!r}"
    return f"unsupported expected value {expected!r} ({type(expected).__name__})"


def _compare_json(expected: Any, actual: Any, path: str, problems: list[str]) -> None:
    """Subset comparison: dict keys listed must match; lists element-wise in full."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            problems.append(f"{path}: expected an object, got {actual!r}")
            return
        for key, value in expected.items():
            key_s = str(key)
            if key_s not in actual:
                problems.append(f"{path}.{key_s}: missing (keys present: {sorted(actual)})")
                continue
            _compare_json(value, actual[key_s], f"{path}.{key_s}", problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list):
            problems.append(f"{path}: expected a list, got {actual!r}")
            return
        if len(expected) != len(actual):
            problems.append(
                f"{path}: expected {len(expected)} elements, got {len(actual)}: {actual!r}"
            )
            return
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _compare_json(e, a, f"{path}[{i}]", problems)
    elif expected is None:
        if actual is not None:
            problems.append(f"{path}: expected null, got {actual!r}")
    elif isinstance(expected, bool):
        if actual is not expected:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    elif _is_number(expected):
        if not _is_number(actual) or abs(float(actual) - float(expected)) > TOLERANCE:
            problems.append(f"{path}: expected {expected}, got {actual!r}")
    elif isinstance(expected, str):
        if actual != expected:
            problems.append(f"{path}: expected {expected!r}, got {actual!r}")
    else:
        problems.append(f"{path}: unsupported expected value {expected!r}")


def _keyed(actual_report: dict[str, Any], section: str, key: str, problems: list[str]) -> Any:
    """Turn the report's list of targets/escalations into a dict keyed by id."""
    items = actual_report.get(section)
    if not isinstance(items, list):
        problems.append(f"report.{section}: expected a list, got {items!r}")
        return None
    out: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict) or key not in item:
            problems.append(f"report.{section}: element without {key!r}: {item!r}")
            continue
        if item[key] in out:
            problems.append(f"report.{section}: {key} {item[key]!r} appears twice")
        out[str(item[key])] = item
    return out


def compare_results(case: str, expected_rows: list[dict[str, Any]], csv_text: str) -> list[str]:
    """Compare the expected result rows with the --results CSV text."""
    problems: list[str] = []
    reader = csv.DictReader(io.StringIO(csv_text, newline=""))
    header = reader.fieldnames or []
    missing_cols = [c for c in RESULT_COLUMNS if c not in header]
    if missing_cols:
        problems.append(f"{case}: results CSV lacks columns {missing_cols} (header {header})")
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for n, row in enumerate(reader, start=2):
        key = (row.get("lead_id") or "", row.get("target") or "")
        if key in rows:
            problems.append(
                f"{case}: results CSV line {n}: second row for lead {key[0]!r} target {key[1]!r}"
            )
        rows[key] = {k: (v if v is not None else "") for k, v in row.items() if k is not None}
    for exp in expected_rows:
        lead, target = str(exp["lead_id"]), str(exp["target"])
        actual = rows.get((lead, target))
        where = f"{case}: lead {lead} target {target}"
        if actual is None:
            problems.append(f"{where}: no row in the results CSV")
            continue
        for column, value in exp.items():
            if column in ("lead_id", "target"):
                continue
            if column not in actual:
                problems.append(f"{where}: column {column!r} missing from the results CSV")
                continue
            problem = _compare_cell(value, actual[column])
            if problem:
                problems.append(f"{where}: {column}: {problem}")
    return problems


def compare_report(case: str, expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Compare the expected partial report with the JSON report."""
    problems: list[str] = []
    for section, value in expected.items():
        if section in KEYED_LISTS:
            keyed = _keyed(actual, section, KEYED_LISTS[section], problems)
            if keyed is None:
                continue
            for item_id, item_expected in value.items():
                path = f"{case}: report.{section}[{item_id}]"
                if str(item_id) not in keyed:
                    problems.append(f"{path}: missing (ids present: {sorted(keyed)})")
                    continue
                _compare_json(item_expected, keyed[str(item_id)], path, problems)
        elif section not in actual:
            problems.append(f"{case}: report.{section}: missing (keys: {sorted(actual)})")
        else:
            _compare_json(value, actual[section], f"{case}: report.{section}", problems)
    return problems


# --------------------------------------------------------------------------- running


def _run_evaluate(case: Path, args: list[str], results: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NO_COLOR"] = "1"
    env.pop("GITHUB_STEP_SUMMARY", None)
    env.pop("GITHUB_ACTIONS", None)
    cmd = [
        sys.executable,
        "-m",
        "slakit",
        "evaluate",
        str(case / "sla.yaml"),
        str(case / "events.csv"),
        *args,
        "--results",
        str(results),
        "-f",
        "json",
    ]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=str(case),
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path, tmp_path: Path) -> None:
    expected = _load_expected(case)
    args = [str(a) for a in expected.get("args") or []]
    results = tmp_path / "results.csv"
    proc = _run_evaluate(case, args, results)
    if proc.returncode not in (0, 1):
        pytest.fail(
            f"{case.name}: slakit evaluate exited {proc.returncode}\n"
            f"stderr:\n{proc.stderr[-4000:]}\nstdout:\n{proc.stdout[-2000:]}"
        )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        pytest.fail(
            f"{case.name}: stdout is not JSON ({exc}):\n{proc.stdout[:2000]}\n"
            f"stderr:\n{proc.stderr[-2000:]}"
        )
    assert results.exists(), f"{case.name}: --results file was not written"
    problems = compare_results(
        case.name, expected.get("results") or [], results.read_text(encoding="utf-8-sig")
    )
    problems += compare_report(case.name, expected.get("report") or {}, report)
    assert not problems, f"{case.name}: {len(problems)} mismatch(es)\n" + "\n".join(problems)


# --------------------------------------------------------------------------- self-checks
# These run without the CLI: they keep the golden data itself well-formed.


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case_is_well_formed(case: Path) -> None:
    for name in ("sla.yaml", "events.csv", "expected.yaml"):
        assert (case / name).is_file(), f"{case.name}: {name} missing"
    doc = yaml.safe_load((case / "sla.yaml").read_text(encoding="utf-8"))
    assert isinstance(doc, dict) and doc.get("slakit") == 1, f"{case.name}: not a slakit: 1 doc"
    assert doc.get("name") and doc.get("timezone"), f"{case.name}: name and timezone required"
    expected = _load_expected(case)
    assert set(expected) <= {"args", "results", "report"}, f"{case.name}: unknown keys"
    args = expected.get("args") or []
    assert isinstance(args, list) and all(isinstance(a, str) for a in args), case.name
    assert "--as-of" in args, f"{case.name}: always pass --as-of"
    seen: set[tuple[str, str]] = set()
    for row in expected.get("results") or []:
        assert isinstance(row, dict) and "lead_id" in row and "target" in row, (case.name, row)
        key = (str(row["lead_id"]), str(row["target"]))
        assert key not in seen, f"{case.name}: {key} listed twice"
        seen.add(key)
        unknown = set(row) - set(RESULT_COLUMNS)
        assert not unknown, f"{case.name}: {key}: unknown result columns {unknown}"
        if "status" in row:
            assert row["status"] in STATUSES, f"{case.name}: {key}: bad status {row['status']}"
        for col in TIME_COLUMNS & set(row):
            value = row[col]
            if value is None:
                continue
            assert isinstance(value, str), f"{case.name}: {key}: quote {col} in expected.yaml"
            parsed = dt.datetime.fromisoformat(value)
            assert parsed.utcoffset() is not None, f"{case.name}: {key}: {col} needs an offset"
        for col in NUMBER_COLUMNS & set(row):
            assert row[col] is None or _is_number(row[col]), f"{case.name}: {key}: {col}"
    report = expected.get("report") or {}
    assert isinstance(report, dict), case.name
    for section in KEYED_LISTS:
        assert isinstance(report.get(section, {}), dict), f"{case.name}: {section} keyed by id"


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 8, f"expected at least 8 golden cases under {GOLDEN}"
