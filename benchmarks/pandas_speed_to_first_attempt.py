"""The pandas script slakit is measured against: speed to first attempt, by lead type x channel.

    /tmp/benchvenv/bin/python benchmarks/pandas_speed_to_first_attempt.py /tmp/bench.csv

What a careful analyst would write by hand for benchmarks/one_target.sla.yaml: read the five
columns it needs, parse the mixed ISO timestamps (offsets, UTC, naive New York times), take
each lead's first ``lead_received`` and its first ``call_attempt``/``sms_sent``/``email_sent``
at or after it, measure business time on Mon-Fri 08:00-18:00 America/New_York without US
holidays (``holidays`` package, observed days), and call a lead met within 15 business
minutes. Leads still waiting at the latest timestamp in the file are breached once their 15
minutes are used up. Prints JSON: met and breached per (lead_type, channel), and overall.

pandas is not a slakit dependency: run this from a separate virtual environment
(``python -m venv /tmp/benchvenv && /tmp/benchvenv/bin/pip install pandas pyarrow holidays``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pandas as pd

ZONE = "America/New_York"
BUDGET_US = 15 * 60 * 1_000_000
ATTEMPTS = ("call_attempt", "sms_sent", "email_sent")


def open_spans(first_year: int, last_year: int) -> tuple[np.ndarray, np.ndarray]:
    """Open intervals [start, end) in epoch microseconds: weekdays 08:00-18:00, no holidays."""
    zone = ZoneInfo(ZONE)
    closed = holidays.US(years=range(first_year, last_year + 1))
    starts, ends = [], []
    day = dt.date(first_year, 1, 1)
    while day.year <= last_year:
        if day.weekday() < 5 and day not in closed:
            for hour, out in ((8, starts), (18, ends)):
                moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=zone)
                out.append(int(moment.timestamp()) * 1_000_000)
        day += dt.timedelta(days=1)
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def business_us(a: np.ndarray, b: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Open microseconds in each [a, b)."""
    cum = np.concatenate(([0], np.cumsum(ends - starts)))

    def at(x: np.ndarray) -> np.ndarray:
        i = np.searchsorted(starts, x, side="right") - 1
        inside = np.clip(x - starts[np.maximum(i, 0)], 0, (ends - starts)[np.maximum(i, 0)])
        return np.where(i >= 0, cum[np.maximum(i, 0)] + inside, 0)

    return np.maximum(at(b) - at(a), 0)


def parse_instants(text: pd.Series) -> pd.Series:
    """ISO 8601 with an offset or Z as given; naive times in New York (first occurrence)."""
    text = text.str.strip()
    naive = ~text.str.contains(r"(?:Z|[+-]\d\d:?\d\d)$", regex=True, na=False)
    out = pd.to_datetime(text.where(~naive), format="ISO8601", utc=True, errors="coerce")
    if naive.any():
        local = pd.to_datetime(text[naive], format="ISO8601", errors="coerce")
        local = local.dt.tz_localize(ZONE, ambiguous=True, nonexistent=pd.Timedelta(hours=1))
        out[naive] = local.dt.tz_convert("UTC")
    return out


def main(path: str) -> None:
    """Print met/breached per segment for the export at ``path``."""
    cols = ["lead_id", "event", "timestamp", "lead_type", "channel"]
    df = pd.read_csv(path, usecols=cols, dtype="string", engine="pyarrow")
    for c in cols:
        df[c] = df[c].str.strip().replace("", pd.NA)
    df["at"] = parse_instants(df["timestamp"])
    df = df.dropna(subset=["lead_id", "event", "at"])
    years = df["at"].dt.year
    df = df[(years >= 1900) & (years <= 2199)]
    df["us"] = df["at"].astype("int64") // (1 if df["at"].dt.unit == "us" else 1000)
    df = df.sort_values(["lead_id", "us"], kind="stable")
    as_of = int(df["us"].max())

    attrs = df.groupby("lead_id", sort=False)[["lead_type", "channel"]].first()
    start = df[df["event"] == "lead_received"].groupby("lead_id", sort=False)["us"].first()
    tries = df[df["event"].isin(ATTEMPTS)][["lead_id", "us"]]
    tries = tries.merge(start.rename("start"), left_on="lead_id", right_index=True)
    stop = tries[tries["us"] >= tries["start"]].groupby("lead_id", sort=False)["us"].first()

    leads = pd.DataFrame({"start": start}).join(stop.rename("stop"))
    first_year = dt.datetime.fromtimestamp(int(leads["start"].min()) // 10**6, dt.UTC).year
    spans = open_spans(first_year - 1, dt.datetime.fromtimestamp(as_of // 10**6, dt.UTC).year + 1)
    stopped = leads["stop"].notna().to_numpy()
    end = np.where(stopped, leads["stop"].fillna(0).to_numpy(np.int64), as_of)
    used = business_us(leads["start"].to_numpy(np.int64), end, *spans)
    leads["met"] = stopped & (used <= BUDGET_US)
    leads["breached"] = used > BUDGET_US
    leads = leads.join(attrs).fillna({"lead_type": "", "channel": ""})
    table = leads.groupby(["lead_type", "channel"])[["met", "breached"]].sum()
    segments = [
        {"lead_type": lt, "channel": ch, "met": int(r.met), "breached": int(r.breached)}
        for (lt, ch), r in table.iterrows()
    ]
    print(json.dumps({
        "met": int(leads["met"].sum()), "breached": int(leads["breached"].sum()),
        "segments": segments,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
