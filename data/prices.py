"""Wide daily closes for a list of tickers, from the shipped snapshot.

1. Check every ticker against ``instruments.csv`` (unknown: error naming the known ones).
2. Pivot the snapshot's long table to one column per ticker on tz-naive session dates.
3. Check the requested range against what each ticker has (empty: error naming the range available).

Prices stay in the instrument's own currency; ``data.fx`` converts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.errors import DataError
from data.snapshot import read_snapshot, snapshot_sha256

INSTRUMENTS_FILE = Path(__file__).resolve().parent / "instruments.csv"


@dataclass(frozen=True)
class Prices:
    """Daily closes (rows: sessions, columns: tickers) with each ticker's currency and origin."""

    close: pd.DataFrame
    currency: dict[str, str]
    source: dict[str, str] = field(default_factory=dict)
    snapshot_sha256: str = ""

    @property
    def tickers(self) -> list[str]:
        return list(self.close.columns)


@lru_cache(maxsize=1)
def instruments() -> pd.DataFrame:
    return pd.read_csv(INSTRUMENTS_FILE, keep_default_na=False).set_index("ticker")


def known_tickers() -> list[str]:
    return sorted(read_snapshot()["ticker"].unique().tolist())


def currency_of(ticker: str) -> str:
    table = instruments()
    if ticker not in table.index:
        raise DataError(f"unknown ticker {ticker!r}: expected one listed in {INSTRUMENTS_FILE.name}")
    return table.at[ticker, "currency"]


def _as_date(value, what: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise DataError(f"{what} date must look like YYYY-MM-DD; got {value!r}") from None
    return stamp.tz_localize(None).normalize() if stamp.tzinfo else stamp.normalize()


def check_tickers(tickers: list[str]) -> None:
    available = set(known_tickers())
    unknown = [t for t in tickers if t not in available]
    if not unknown:
        return
    listed_without_data = [t for t in unknown if t in instruments().index]
    if listed_without_data:
        raise DataError(
            f"no prices for {', '.join(listed_without_data)}: listed in {INSTRUMENTS_FILE.name} "
            "but the snapshot has no data for it"
        )
    raise DataError(
        f"unknown ticker {', '.join(repr(t) for t in unknown)}: expected one of the "
        f"{len(available)} snapshot tickers ({', '.join(sorted(available))})"
    )


def load_prices(tickers, start=None, end=None) -> Prices:
    """Closes for ``tickers`` between ``start`` and ``end`` (inclusive), from the shipped snapshot.

    A ticker with no row in the range is an error naming the range the snapshot holds for it.
    """
    tickers = list(dict.fromkeys([tickers] if isinstance(tickers, str) else tickers))
    if not tickers:
        raise DataError("expected at least one ticker; got none")
    check_tickers(tickers)
    start_ts, end_ts = _as_date(start, "start"), _as_date(end, "end")
    if start_ts is not None and end_ts is not None and start_ts > end_ts:
        raise DataError(f"empty date range: start {start_ts.date()} is after end {end_ts.date()}")

    long = read_snapshot()
    long = long[long["ticker"].isin(tickers)]
    close = long.pivot(index="date", columns="ticker", values="close")[tickers]
    close.index.name = "date"
    close.columns.name = None
    # FX files carry US holidays as empty rows; a session is a date where some instrument printed.
    close = close.dropna(how="all")

    window = close.loc[start_ts:end_ts] if (start_ts is not None or end_ts is not None) else close
    for ticker in tickers:
        if window[ticker].notna().any():
            continue
        have = close[ticker].dropna().index
        raise DataError(
            f"no prices for {ticker} between {_fmt(start_ts, 'the beginning')} and {_fmt(end_ts, 'the end')}: "
            f"the snapshot has {have[0].date()} to {have[-1].date()}"
        )
    return Prices(
        close=window.copy(),
        currency={t: currency_of(t) for t in tickers},
        source=dict.fromkeys(tickers, "snapshot"),
        snapshot_sha256=snapshot_sha256(),
    )


def _fmt(stamp: pd.Timestamp | None, open_end: str) -> str:
    return open_end if stamp is None else str(stamp.date())


def load_bars(ticker: str, start=None, end=None) -> pd.DataFrame:
    """Open, high, low and close of one ticker in its own currency (close-only stretches leave the rest empty)."""
    check_tickers([ticker])
    long = read_snapshot()
    bars = long.loc[long["ticker"] == ticker, ["date", "open", "high", "low", "close"]].set_index("date")
    bars = bars.loc[_as_date(start, "start"):_as_date(end, "end")]
    if bars.empty:
        raise DataError(f"no bars for {ticker} between {start} and {end}")
    return bars
