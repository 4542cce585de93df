"""Holiday regions from the registry and single country modules answer as the package does.

``slakit.calendar.regions`` reads the country codes from ``holidays.registry.COUNTRIES`` and
loads one country's module by itself instead of importing every country. Both ways (that one,
and the package's ``list_supported_countries()`` / ``country_holidays()`` when the registry is
not shaped as expected) must give the same answers, and so the same validate findings.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import holidays
import holidays.registry
import pytest
import yaml

from slakit.calendar import Calendar, CalendarSpec, UnknownHolidayRegion, regions
from slakit.checks import validate

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = """\
slakit: 1
name: demo
calendars:
  clinic:
    hours: {{mon-fri: "08:00-17:00"}}
    holidays: {holidays}
  other:
    hours: {{mon-fri: "08:00-17:00"}}
    holidays: {{country: "NL"}}
routing:
  rules: [{{name: everyone, team: intake, calendar: clinic}}]
targets:
  - {{id: t, start: a, stop: b, within: 1h}}
"""
# Aliases, lower case, three letters, near misses, a market code; subdivisions likewise.
COUNTRIES = (None, "US", "us", "USA", "UK", "GBR", "NO", "DE", "IT", "XX", "USA-NY", "NYSE", "")
SUBDIVISIONS = (None, "NY", "ny", "NYC", "ENG", "Bayern", "BY", "")


def _documents() -> list[str]:
    """Every document of tests/cases and examples, and holiday regions right and wrong."""
    docs: list[str] = []
    for path in sorted((REPO / "tests" / "cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs += [item["doc"] for item in case.get("fail", [])] + case.get("pass", [])
    docs += [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("examples/*/*.sla.yaml"))]
    for country in COUNTRIES:
        for subdivision in SUBDIVISIONS:
            region = {"country": country, "subdivision": subdivision}
            given = {k: v for k, v in region.items() if v is not None}
            docs.append(TEMPLATE.format(holidays=json.dumps(given)))
    return docs


def _findings(docs: list[str]) -> list[list[list[str]]]:
    """Return each document's findings: code, level, message and location."""
    return [[[p.code, p.level, p.message, str(p.location)]
             for p in validate(doc, name="case.sla.yaml")] for doc in docs]


def _accepts(make: Callable[[], object]) -> bool:
    try:
        make()
    except NotImplementedError:
        return False
    return True


@pytest.fixture
def fresh_registry() -> Iterator[None]:
    regions.registry.cache_clear()
    yield
    regions.registry.cache_clear()


def test_the_registry_gives_the_codes_list_supported_countries_gives() -> None:
    assert regions.registry() is not None, "the installed holidays has an unexpected registry"
    assert list(regions.countries()) == list(holidays.list_supported_countries())


def test_every_country_loaded_alone_behaves_as_the_packages_class() -> None:
    codes = regions.registry()
    assert codes is not None
    supported = holidays.list_supported_countries()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # deprecated subdivisions
        for code, module in codes.items():
            package = getattr(importlib.import_module(f"holidays.countries.{module}"), code)
            assert type(holidays.country_holidays(code)) is package, code
            alone = regions.load_alone(module, code)
            assert alone is not None and alone is not package, code
            assert alone.__qualname__ == package.__qualname__, code
            assert list(alone.subdivisions) == supported[code], code
            assert alone.subdivisions_aliases == package.subdivisions_aliases, code
            for sub in (None, *package.subdivisions, *package.subdivisions_aliases, "NOPE"):
                assert _accepts(partial(alone, subdiv=sub)) == _accepts(
                    partial(holidays.country_holidays, code, subdiv=sub)), (code, sub)
    assert {*codes.values()} == set(holidays.registry.COUNTRIES)


def test_holiday_dates_of_a_country_loaded_alone_are_the_packages() -> None:
    """``slakit evaluate`` takes its holiday dates from the class loaded alone."""
    codes = regions.registry()
    assert codes is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for code, module in sorted(codes.items()):
            alone = regions.load_alone(module, code)
            assert alone is not None, code
            years = (2026,) if code not in ("US", "GB", "DE", "NL", "IT", "CA") else \
                (1999, 2020, 2026, 2027, 2100)
            subs = (None,) if code not in ("US", "DE", "CA") else (None, *alone.subdivisions)
            for sub in subs:
                for year in years:
                    assert sorted(alone(subdiv=sub, years=year).items()) == sorted(
                        holidays.country_holidays(code, subdiv=sub, years=year).items()), (
                        code, sub, year)


def test_a_module_that_is_not_there_does_not_load_alone() -> None:
    assert regions.load_alone("atlantis", "Atlantis") is None
    assert regions.load_alone("united_states", "Atlantis") is None
    assert regions.load_alone("united_states", "tr") is None  # not a class


@pytest.mark.parametrize("countries", [
    {}, ["united_states"], {"united_states": ("UnitedStates",)},
    {"united_states": ["UnitedStates", "US"]}, {"united-states": ("UnitedStates", "US")},
    {"united_states": ("UnitedStates", 1)}, {"atlantis": ("Atlantis", "QQ")}, "missing",
], ids=["empty", "list", "no codes", "codes in a list", "module name", "code type",
        "code not exported", "missing"])
def test_an_unexpected_registry_is_not_used(monkeypatch: pytest.MonkeyPatch,
                                            fresh_registry: None, countries: object) -> None:
    if countries == "missing":
        monkeypatch.delattr(holidays.registry, "COUNTRIES")
    else:
        monkeypatch.setattr(holidays.registry, "COUNTRIES", countries)
    assert regions.registry() is None


def test_without_the_registry_the_package_answers(monkeypatch: pytest.MonkeyPatch,
                                                  fresh_registry: None) -> None:
    monkeypatch.setattr(holidays.registry, "COUNTRIES", {})
    assert regions.registry() is None  # cached: the package itself still reads its registry
    monkeypatch.undo()
    supported = holidays.list_supported_countries()
    assert regions.countries() == tuple(supported)
    assert regions.subdivisions("US") == supported["US"]
    assert type(regions.region("US", "NY")) is type(holidays.country_holidays("US"))
    with pytest.raises(NotImplementedError):
        regions.region("US", "NYC")
    wanted = r"no holiday subdivision 'NYC' \(did you mean 'NY'\?\): write one of AK"
    with pytest.raises(UnknownHolidayRegion, match=wanted):
        Calendar(CalendarSpec("UTC", {0: ((540, 1020),)}, country="US", subdivision="NYC"))


def test_a_country_that_does_not_load_alone_comes_from_the_package(
        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = holidays.list_supported_countries()["US"]  # the package, imported and cached
    monkeypatch.delitem(sys.modules, regions.PACKAGE)  # as if it were not: the US loads alone
    assert regions.subdivisions("US") == expected
    monkeypatch.setattr(regions, "load_alone", lambda module, name: None)
    assert regions.subdivisions("US") == expected
    with pytest.raises(NotImplementedError):
        regions.region("US", "NYC")


def test_validate_finds_the_same_with_and_without_the_registry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_registry: None) -> None:
    docs = _documents()
    given = tmp_path / "docs.json"
    given.write_text(json.dumps(docs), encoding="utf-8")
    # The registry's way, in a fresh interpreter: countries load alone, the package is never
    # imported.
    probe = ("import json, sys\n"
             "from test_regions import _findings\n"
             f"found = _findings(json.loads(open({str(given)!r}).read()))\n"
             f"print(json.dumps([found, {regions.PACKAGE!r} in sys.modules]))")
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(Path(__file__).parent)])}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    alone, package_imported = json.loads(proc.stdout)
    assert package_imported is False
    # The package's way: list_supported_countries() and country_holidays().
    monkeypatch.setattr(holidays.registry, "COUNTRIES", None)
    assert regions.registry() is None
    monkeypatch.undo()
    assert _findings(docs) == alone
    codes = {p[0] for doc in alone for p in doc}
    assert "unknown-holiday-region" in codes
