"""The light commands import no numpy, pyarrow or pandas, and no source file imports pandas.

The issue's start-up requirement: ``slakit --help``, ``slakit validate`` and ``slakit diff``
without ``--replay`` stay import-light (the calendar check builds every calendar, and the
calendar's numpy half is imported only by its first query; the replay module is imported only
with ``--replay``), and pandas is never imported at all. Validating imports only the holiday
countries a document names, each module by itself, and no ``holidays`` at all when it names
none. Each command runs in a fresh interpreter through ``slakit.cli.run``; no timing is
asserted.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "slakit"
CONSULT = REPO / "examples" / "consult-follow-up" / "consult.sla.yaml"
MULTI_REGION = REPO / "examples" / "multi-region" / "multi-region.sla.yaml"
HEAVY = ("numpy", "pyarrow", "pandas")
# Holidays, overrides, an overnight span and a zone of its own: the calendar check builds it.
CALENDARS = """\
slakit: 1
name: calendars
timezone: America/New_York
calendars:
  clinic:
    timezone: America/Chicago
    hours: {mon-fri: ["08:00-12:00", "13:00-17:00"], sat: "22:00-06:00"}
    holidays: {country: US, subdivision: TX, include: [2026-12-24], exclude: [2026-11-11]}
    overrides: {2026-12-31: "09:00-12:00"}
targets:
  - {id: t, start: a, stop: b, within: 1bd, calendar: clinic}
"""


def _heavy_after(code: str) -> tuple[list[str], str]:
    """Run ``code`` in a fresh interpreter; return which of ``HEAVY`` it imported, and stdout."""
    probe = (f"import json, sys\n{code}\n"
             f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("SLAKIT_ENGINE", None)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    *out, last = proc.stdout.strip().splitlines()
    found: list[str] = json.loads(last)
    return found, "\n".join(out)


def _run(*args: str) -> str:
    """Return code that runs the command line with ``args`` and requires exit code 0."""
    return ("from slakit.cli import run\n"
            f"code = run({list(args)!r})\n"
            "assert code == 0, code")


@pytest.mark.parametrize("args", [
    ["--help"],
    ["validate", "--help"],
    ["evaluate", "--help"],
    ["validate", str(CONSULT)],
    ["validate", "-f", "json", str(CONSULT)],
    ["validate", "-f", "junit", str(REPO / "examples")],
    ["schema"],
    ["diff", str(CONSULT), str(MULTI_REGION)],
    ["diff", "-f", "json", str(MULTI_REGION), str(CONSULT)],
    ["diff", "-f", "markdown", str(CONSULT), str(MULTI_REGION)],
], ids=lambda args: " ".join(a if "/" not in a else Path(a).name for a in args))
def test_light_command_imports_no_numpy_pyarrow_or_pandas(args: list[str]) -> None:
    found, _ = _heavy_after(_run(*args))
    assert found == []


def test_validate_of_a_calendar_with_holidays_and_overrides_is_light(tmp_path: Path) -> None:
    doc = tmp_path / "calendars.sla.yaml"
    doc.write_text(CALENDARS, encoding="utf-8")
    found, out = _heavy_after(_run("validate", str(doc)))
    assert found == []
    assert "1 file valid" in out


def _holidays_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; return the ``holidays`` modules it imported."""
    probe = (f"{code}\nimport sys\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('holidays'))))")
    _, out = _heavy_after(probe)
    found: list[str] = json.loads(out.strip().splitlines()[-1])
    return found


def test_validate_loads_only_the_holiday_countries_a_document_names() -> None:
    # At most US, NL and IT load, each by itself (a country without a subdivision needs no
    # module at all): the package's holidays.countries would import them all.
    code = (_run("validate", str(REPO / "examples")) + "\n"
            "from slakit.calendar import regions\n"
            "assert regions.load_alone.cache_info().currsize <= 3")
    found = _holidays_after(code)
    assert "holidays" in found
    assert [m for m in found if m.startswith("holidays.countries")] == []


def test_validate_of_a_document_without_holidays_imports_no_holidays(tmp_path: Path) -> None:
    doc = tmp_path / "plain.sla.yaml"
    doc.write_text(CALENDARS.replace("    holidays:", "    # holidays:"), encoding="utf-8")
    assert _holidays_after(_run("validate", str(doc))) == []


def test_invalid_document_is_reported_without_numpy(tmp_path: Path) -> None:
    doc = tmp_path / "bad.sla.yaml"
    doc.write_text(CALENDARS.replace("America/Chicago", "America/Chicgo"), encoding="utf-8")
    code = ("from slakit.cli import run\n"
            f"assert run(['validate', {str(doc)!r}]) == 1")
    found, out = _heavy_after(code)
    assert found == []
    assert "unknown-timezone" in out


def test_init_and_validating_its_document_are_light(tmp_path: Path) -> None:
    code = ("from slakit.cli import run\n"
            f"assert run(['init', {str(tmp_path)!r}]) == 0\n"
            f"assert run(['validate', {str(tmp_path)!r}]) == 0")
    found, out = _heavy_after(code)
    assert found == []
    assert list(tmp_path.glob("*.sla.yaml")) and "1 file valid" in out


def test_constructing_a_calendar_imports_no_numpy() -> None:
    # The calendar's numpy half (tables, vector) comes with its first query, not before.
    code = ("from datetime import date\n"
            "from slakit.calendar import Calendar, CalendarSpec\n"
            "cal = Calendar(CalendarSpec('America/Chicago', {0: ((480, 1020),)}, country='US',\n"
            "               overrides={date(2026, 1, 3): ((540, 600),)}, name='c'))\n"
            "assert cal.always_open().is_24x7 and not cal.is_24x7")
    assert _heavy_after(code)[0] == []


def test_the_first_query_still_answers() -> None:
    # Laziness changes when numpy is imported, not the answers (scalar and vectorized).
    code = ("from slakit.calendar import Calendar, CalendarSpec\n"
            "cal = Calendar(CalendarSpec('UTC', {0: ((540, 1020),)}))\n"
            "monday_9, hour = 1_768_208_400_000_000, 3_600_000_000\n"
            "assert cal.elapsed(monday_9 - hour, monday_9 + hour) == hour\n"
            "assert cal.elapsed_v([monday_9], [monday_9 + hour]).tolist() == [hour]")
    assert "numpy" in _heavy_after(code)[0]


def _imported_names(tree: ast.AST) -> set[str]:
    """Return every module name ``tree`` imports: statements and ``import_module("...")``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
    return names


def test_no_source_file_imports_pandas() -> None:
    sources = sorted(SRC.rglob("*.py"))
    assert len(sources) > 50
    offenders = [
        str(path.relative_to(REPO)) for path in sources
        if any(name.split(".")[0] == "pandas"
               for name in _imported_names(ast.parse(path.read_text(encoding="utf-8"))))
    ]
    assert offenders == []


def test_the_pandas_check_sees_imports() -> None:
    tree = ast.parse("import pandas as pd\nfrom pandas.api import types\n"
                     "importlib.import_module('pandas')\n__import__('pandas.io')")
    assert _imported_names(tree) == {"pandas", "pandas.api", "pandas.io"}


def test_evaluate_imports_no_pandas_and_only_the_format_it_writes() -> None:
    events = REPO / "examples" / "consult-follow-up" / "events.csv"
    lazy = ("rich", "slakit.report.html_format", "slakit.report.junit_format",
            "slakit.report.text_format", "slakit.report.charts")
    code = ("from slakit.cli import run\n"
            f"code = run(['evaluate', {str(CONSULT)!r}, {str(events)!r}, '-f', 'json'])\n"
            "assert code in (0, 1), code\n"
            f"print(json.dumps([m for m in {lazy!r} if m in sys.modules]))")
    found, out = _heavy_after(code)
    assert "numpy" in found and "pandas" not in found
    assert json.loads(out.splitlines()[-1]) == []


def test_help_imports_only_the_command_line() -> None:
    # `slakit --help` must stay fast (< 0.3 s): a module-level import of slakit.report in a
    # command module pulled in the report model and tripled its time.
    code = ("import contextlib, io\nfrom slakit.cli import run\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    run(['--help'])\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('slakit.') and\n"
            "      m.split('.')[1] not in ('cli', 'discover', 'errors', 'memory'))))")
    _, out = _heavy_after(code)
    assert json.loads(out.splitlines()[-1]) == []
