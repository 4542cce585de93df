"""Hypothesis strategies for random calendars and instants (shared by the calendar tests)."""

from __future__ import annotations

import os
import random
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import settings
from hypothesis import strategies as st

from slakit.calendar import Calendar, CalendarSpec

ZONES = ("America/New_York", "America/Los_Angeles", "Europe/Rome", "Australia/Sydney",
         "Asia/Kolkata", "UTC", "America/Santiago", "Australia/Lord_Howe")
REGIONS = ((None, None), ("US", None), ("US", "NY"), ("IT", None), ("AU", "NSW"),
           ("IN", None), ("GB", None))
FIRST_YEAR, LAST_YEAR = 2023, 2027
MIN = 60_000_000
HOUR = 60 * MIN
DAY = 24 * HOUR


def us(dt: datetime) -> int:
    return (dt - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


LO = us(datetime(FIRST_YEAR, 1, 1, tzinfo=UTC))
HI = us(datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC))


@cache
def dst_changes(zone: str) -> tuple[int, ...]:
    """Instants (hour precision) at which ``zone``'s offset changes in the test years."""
    tz = ZoneInfo(zone)
    out = []
    t = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
    prev = t.astimezone(tz).utcoffset()
    while t.year <= LAST_YEAR:
        t += timedelta(hours=1)
        off = t.astimezone(tz).utcoffset()
        if off != prev:
            out.append(us(t))
        prev = off
    return tuple(out)


minutes = st.one_of(st.integers(0, 1440), st.sampled_from([0, 60, 120, 150, 180, 720, 1440]))


@st.composite
def day_spans(draw: st.DrawFn, max_spans: int = 3) -> tuple[tuple[int, int], ...]:
    """Non-overlapping spans of one day; the last may spill past midnight."""
    k = draw(st.integers(0, max_spans))
    points = sorted(draw(st.lists(minutes, min_size=2 * k, max_size=2 * k, unique=True)))
    spans = [(points[2 * i], points[2 * i + 1]) for i in range(k)]
    spans = [(s, e) for s, e in spans if s < 1440]
    if spans and draw(st.integers(0, 3)) == 0:
        s, _ = spans[-1]
        spans[-1] = (s, draw(st.integers(1, max(1, s))) if s else 1440)
    return tuple(spans)


dates = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))


@st.composite
def specs(draw: st.DrawFn, overnight: bool = True, country: bool | None = None) -> CalendarSpec:
    """A random calendar that opens on at least one weekday."""
    spans = day_spans() if overnight else day_spans().map(
        lambda ss: tuple((s, e) for s, e in ss if e > s))
    weekly = {d: draw(spans) for d in range(7)}
    if not any(weekly.values()):
        weekly[draw(st.integers(0, 6))] = ((540, 1020),)
    regions = REGIONS if country is None else (REGIONS[1:] if country else REGIONS[:1])
    region = draw(st.sampled_from(regions))
    overrides = draw(st.dictionaries(dates, spans, max_size=3))
    return CalendarSpec(
        timezone=draw(st.sampled_from(ZONES)),
        weekly=weekly,
        country=region[0],
        subdivision=region[1],
        include=tuple(draw(st.lists(dates, max_size=3))),
        exclude=tuple(draw(st.lists(dates, max_size=2))),
        overrides=overrides,
    )


def instants(zone: str) -> st.SearchStrategy[int]:
    """Instants in the test years, often within hours of a DST change of ``zone``."""
    uniform = st.integers(LO + 10 * DAY, HI - 60 * DAY)
    changes = dst_changes(zone)
    if not changes:
        return uniform
    near = st.builds(lambda c, d: c + d, st.sampled_from(changes),
                     st.integers(-30 * HOUR, 30 * HOUR))
    whole = st.builds(lambda t: t - t % (15 * MIN), uniform)
    return st.one_of(uniform, near, whole)


durations = st.one_of(st.integers(0, 40 * DAY), st.integers(0, 8 * HOUR),
                      st.sampled_from([0, 1, MIN, HOUR, 8 * HOUR]))


@st.composite
def calendars(draw: st.DrawFn, overnight: bool = True) -> tuple[CalendarSpec, Calendar]:
    spec = draw(specs(overnight=overnight))
    return spec, Calendar(spec)


def random_spec(rng: random.Random) -> CalendarSpec:
    """A random calendar like ``specs()``, from a seeded generator (for counted test runs)."""
    def spans() -> tuple[tuple[int, int], ...]:
        k = rng.choice([0, 1, 1, 2, 2, 3])
        pool = [rng.choice([0, 60, 120, 150, 180, 720, 1440]) if rng.random() < 0.2
                else rng.randint(0, 1440) for _ in range(4 * k)]
        points = sorted(set(pool))[: 2 * k]
        out = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)
               if points[i] < 1440]
        if out and rng.random() < 0.25:
            s, _ = out[-1]
            out[-1] = (s, rng.randint(1, s) if s else 1440)
        return tuple(out)

    def day() -> date:
        return date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, 365 * 5 - 1))

    weekly = {d: spans() for d in range(7)}
    if not any(weekly.values()):
        weekly[rng.randint(0, 6)] = ((540, 1020),)
    country, subdivision = rng.choice(REGIONS)
    return CalendarSpec(
        timezone=rng.choice(ZONES), weekly=weekly, country=country, subdivision=subdivision,
        include=tuple(day() for _ in range(rng.randint(0, 3))),
        exclude=tuple(day() for _ in range(rng.randint(0, 2))),
        overrides={day(): spans() for _ in range(rng.randint(0, 3))},
    )


def random_instant(rng: random.Random, zone: str) -> int:
    """An instant in the test years, half the time within a day of a DST change."""
    changes = dst_changes(zone)
    if changes and rng.random() < 0.5:
        return rng.choice(changes) + rng.randint(-30 * HOUR, 30 * HOUR)
    t = rng.randint(LO + 10 * DAY, HI - 60 * DAY)
    return t - t % (15 * MIN) if rng.random() < 0.3 else t


def examples(n: int) -> settings:
    """Hypothesis settings for ``n`` examples, times ``$SLAKIT_FUZZ`` for a deep local run."""
    return settings(max_examples=n * int(os.environ.get("SLAKIT_FUZZ", "1")), deadline=None)
