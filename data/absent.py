"""Instruments the project names that no price source on this machine has (SoftBank Corp 9434.T, LY Corp 4689.T).

1. ``absent_tickers``: the tickers of ``instruments.csv`` that neither the snapshot nor the cache holds.
2. ``with_absent_rows``: the data status table with one row for each, its source saying so, so an absence is
   shown, never silent; ``absent_findings``: one warning each for ``aitheme data check`` (accepted in
   ``accepted_findings.csv`` when the shipped snapshot is known to lack it).
Only a listing of everything (no tickers named) adds them: a ticker named without data is an error already.
"""

from __future__ import annotations

import pandas as pd

from aitheme.data import cache
from aitheme.data.instrument_table import exchange_of, instruments
from aitheme.data.settings import Settings
from aitheme.data.snapshot import snapshot_frames

NO_DATA = "no data: listed in instruments.csv, in neither the snapshot nor the cache"


def absent_tickers(settings: Settings, tickers: list[str] | None = None) -> list[str]:
    if tickers:
        return []
    have = set(snapshot_frames()) | (set() if cache.folder_problem(settings) else set(cache.cached_tickers(settings)))
    return [t for t in instruments().index if t not in have]


def with_absent_rows(table: pd.DataFrame, settings: Settings, tickers: list[str] | None = None) -> pd.DataFrame:
    rows = [
        {
            "ticker": t,
            "source": NO_DATA,
            "exchange": exchange_of(t),
            "first": "",
            "last": "",
            "rows": 0,
            "gaps": 0,
            "close_only": 0,
            "largest_move": 0.0,
            "largest_move_date": "",
            "calendar": "",
        }
        for t in absent_tickers(settings, tickers)
    ]
    return pd.concat([table, pd.DataFrame(rows, columns=table.columns)], ignore_index=True) if rows else table


def absent_findings(settings: Settings, tickers: list[str] | None = None) -> list[tuple[str, str]]:
    """(ticker, detail) of each absent instrument."""
    return [
        (t, f"{instruments().at[t, 'name']}: {NO_DATA}; 'aitheme data refresh {t}' fetches it online")
        for t in absent_tickers(settings, tickers)
    ]
