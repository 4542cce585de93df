"""Holiday regions the ``holidays`` package knows, found without importing every country.

``holidays.list_supported_countries()`` imports all ~250 country modules to read each one's
subdivisions, and naming any one country through the package (``holidays.US``,
``holidays.country_holidays("US")``) imports them all too: the ``holidays.countries`` package
imports every module (~150 ms of ``slakit validate``). Here instead:

* the country codes come from the package's registry, ``holidays.registry.COUNTRIES`` (module
  name -> ``(class name, code, ...)``), read the way ``list_supported_countries`` reads it:
  the same codes, in the same order;
* a country's class comes from its own module file, executed by itself (its imports, such as
  ``holidays.groups``, are ordinary ones) and kept here: ``sys.modules`` does not get a
  ``holidays.countries`` module without its package. ``slakit evaluate`` computes its holiday
  dates through the same class (about 0.1-0.2 s less start-up); once the package has been
  imported by anyone, its classes are used.

When the registry is not shaped as expected (another ``holidays`` version), or a module does
not load by itself, the answers come from ``list_supported_countries()`` and
``country_holidays()`` as before: the same answers, at the old cost. tests/calendar/
test_regions.py checks that both ways agree on every country.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from slakit.hints import suggest

if TYPE_CHECKING:
    from holidays.holiday_base import HolidayBase

PACKAGE = "holidays.countries"


@functools.cache
def registry() -> dict[str, str] | None:
    """Return country code -> module name; ``None`` when the registry is not as expected.

    The codes are those ``list_supported_countries()`` has, in its order: every name of two or
    three characters after the class name; a code listed twice belongs to the later module, as
    in the package's namespace. The package's ``holidays.US`` is the class ``US`` of its module
    (an alias of ``UnitedStates``), so a code names its class too. ``None`` when
    ``holidays.registry.COUNTRIES`` is missing, is not a mapping of module names to tuples of
    names, or lists a code the package does not export.
    """
    import holidays

    try:
        from holidays.registry import COUNTRIES
    except ImportError:
        return None
    if not isinstance(COUNTRIES, dict) or not COUNTRIES:
        return None
    codes: dict[str, str] = {}
    for module, names in COUNTRIES.items():
        if not (isinstance(module, str) and module.isidentifier() and isinstance(names, tuple)
                and len(names) >= 2
                and all(isinstance(n, str) and n.isidentifier() for n in names)):
            return None
        for code in names[1:]:
            if 2 <= len(code) <= 3:
                codes[code] = module
    exported = vars(holidays)
    if not codes or any(code not in exported for code in codes):
        return None
    return codes


def countries() -> Sequence[str]:
    """Return the country codes the package supports, as ``list_supported_countries()`` keys."""
    codes = registry()
    if codes is None:
        import holidays

        return tuple(holidays.list_supported_countries())
    return tuple(codes)


def subdivisions(country: str) -> list[str]:
    """Return the subdivision codes of ``country`` (one of ``countries()``), in package order."""
    entity = _entity(country)
    if entity is None:
        import holidays

        found: dict[str, list[str]] = holidays.list_supported_countries()
        return list(found[country])
    return list(entity.subdivisions)


def problem(country: str | None, subdivision: str | None) -> tuple[str, str] | None:
    """Return ``(field, message)`` when the package does not know the region, else ``None``.

    ``field`` is ``country`` or ``subdivision``; the message says what is wrong and what to
    write instead (the closest code, the known subdivisions). ``slakit validate`` reports it at
    the field, and a ``Calendar`` built from an unchecked spec raises it.
    """
    if country is None:
        if subdivision is None:
            return None
        return ("subdivision", "a subdivision needs a country: add 'country:' "
                "(e.g. country: US, subdivision: NY)")
    known_countries = countries()
    if country not in known_countries:
        return ("country", f"unknown holiday country {country!r}"
                f"{suggest(country, known_countries)}: write an ISO 3166 code like US")
    if subdivision is None:
        return None
    try:
        region(country, subdivision)
    except NotImplementedError:
        known = subdivisions(country)
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        return ("subdivision", f"{country} has no holiday subdivision {subdivision!r}"
                f"{suggest(subdivision, known)}: write one of "
                f"{listed or 'none (remove subdivision)'}")
    return None


def region(country: str, subdivision: str | None, year: int | None = None) -> HolidayBase:
    """Return ``holidays.country_holidays(country, subdiv=subdivision, years=year)``.

    ``country`` is one of ``countries()``. Raises ``NotImplementedError`` when the country has
    no such subdivision, as the package does.
    """
    entity = _entity(country)
    if entity is None:
        import holidays

        table: HolidayBase = holidays.country_holidays(country, subdiv=subdivision, years=year)
        return table
    return entity(subdiv=subdivision, years=year)


def _entity(country: str) -> type[HolidayBase] | None:
    """Return the class of ``country`` loaded by itself, or ``None``: ask the package.

    ``None`` when the registry is unexpected, when the package's ``holidays.countries`` is
    already imported (its classes cost nothing more), or when the module does not load alone.
    """
    codes = registry()
    if codes is None or PACKAGE in sys.modules:
        return None
    return load_alone(codes[country], country)


@functools.cache
def load_alone(module: str, name: str) -> type[HolidayBase] | None:
    """Execute ``holidays/countries/<module>.py`` by itself; return its class ``name`` or ``None``.

    The module is not put in ``sys.modules``: a later import of the package executes it again,
    as usual, and this copy of the class serves only the questions asked here.
    """
    import holidays
    from holidays.holiday_base import HolidayBase

    where = [str(Path(p) / "countries") for p in holidays.__path__]
    spec = importlib.machinery.PathFinder.find_spec(f"{PACKAGE}.{module}", where)
    if spec is None or spec.loader is None:
        return None
    found = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(found)
    except Exception:
        return None
    entity = getattr(found, name, None)
    if isinstance(entity, type) and issubclass(entity, HolidayBase):
        return entity
    return None
