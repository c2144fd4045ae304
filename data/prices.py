"""Wide daily closes for a list of tickers, from the local cache or the shipped snapshot.

1. When the settings allow the network (``online = true``, not ``--offline``), bring the requested
   tickers' cache up to date once per process (``data.cache.refresh``); a failed refresh warns and
   falls back, it never stops a run.
2. Check every ticker against ``instruments.csv`` (unknown: error naming the known ones).
3. Each ticker comes from its cached series if there is one, else from the snapshot; ``Prices.source``
   records which (the tearsheet stamp prints it). Closes go to one column per ticker on tz-naive
   session dates.
4. Check the requested range against what each ticker has (empty: error naming the range available).

Prices stay in the instrument's own currency; ``data.fx`` converts them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

from aitheme.data import cache
from aitheme.data.errors import DataError
from aitheme.data.instruments import INSTRUMENTS_FILE, currency_of, instruments
from aitheme.data.settings import Settings, current
from aitheme.data.snapshot import read_snapshot, snapshot_label, snapshot_sha256

__all__ = ["INSTRUMENTS_FILE", "Prices", "currency_of", "instruments", "known_tickers", "load_prices"]


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


def snapshot_tickers() -> list[str]:
    return sorted(read_snapshot()["ticker"].unique().tolist())


def known_tickers() -> list[str]:
    """Tickers with prices on this machine: the snapshot's and the cache's."""
    return sorted(set(snapshot_tickers()) | set(cache.cached_tickers()))


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
    start_ts, end_ts = _as_date(start, "start"), _as_date(end, "end")
    if start_ts is not None and end_ts is not None and start_ts > end_ts:
        raise DataError(f"empty date range: start {start_ts.date()} is after end {end_ts.date()}")
    settings = current()
    if settings.network_allowed:
        _refresh_once(tickers, settings)
    check_tickers(tickers)
    columns, source, origin = {}, {}, {}
    for ticker in tickers:
        cached = cache.read_cached(ticker, settings)
        if cached is not None:
            columns[ticker] = cached.frame.set_index("date")["close"]
            source[ticker], origin[ticker] = cached.label(), "cache"
    from_snapshot = [t for t in tickers if t not in columns]
    if from_snapshot:
        long = read_snapshot()
        long = long[long["ticker"].isin(from_snapshot)]
        wide = long.pivot(index="date", columns="ticker", values="close")
        columns.update({t: wide[t] for t in from_snapshot})
        source.update({t: snapshot_label(t) for t in from_snapshot})
        origin.update(dict.fromkeys(from_snapshot, "snapshot"))
    for ticker in _refresh_failed:
        if ticker in source:
            source[ticker] += "; yahoo refresh failed"
    close = pd.concat([columns[t].rename(t) for t in tickers], axis=1, sort=True)
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
            f"the {origin[ticker]} has {have[0].date()} to {have[-1].date()}"
        )
    return Prices(
        close=window.copy(),
        currency={t: currency_of(t) for t in tickers},
        source=source,
        snapshot_sha256=snapshot_sha256(),
    )


_refreshed: set[tuple[str, str]] = set()
_refresh_failed: dict[str, str] = {}


def _refresh_once(tickers: list[str], settings: Settings) -> None:
    """Refresh each ticker at most once per process: a run calls ``load_prices`` several times."""
    root = str(cache.cache_root(settings))
    todo = [t for t in tickers if (root, t) not in _refreshed and t in instruments().index]
    if not todo:
        return
    _refreshed.update((root, t) for t in todo)
    try:
        report = cache.refresh(todo, settings, retries=1, backoff=1.0)
        failed = report.failed
    except Exception as exc:  # the network is a bonus here: a run goes on with what is on disk
        failed = dict.fromkeys(todo, f"{type(exc).__name__}: {exc}"[:120])
    for ticker, why in failed.items():
        _refresh_failed[ticker] = why
    if failed:
        first = next(iter(failed.values()))
        warnings.warn(
            f"Yahoo Finance refresh failed for {', '.join(failed)} (first reason: {first}); "
            "using the cache or snapshot as is",
            RuntimeWarning,
            stacklevel=3,
        )


def _fmt(stamp: pd.Timestamp | None, open_end: str) -> str:
    return open_end if stamp is None else str(stamp.date())


def load_bars(ticker: str, start=None, end=None) -> pd.DataFrame:
    """Open, high, low and close of one ticker in its own currency (close-only stretches leave the rest empty)."""
    check_tickers([ticker])
    long = read_snapshot()
    bars = long.loc[long["ticker"] == ticker, ["date", "open", "high", "low", "close"]].set_index("date")
    bars = bars.loc[_as_date(start, "start") : _as_date(end, "end")]
    if bars.empty:
        raise DataError(f"no bars for {ticker} between {start} and {end}")
    return bars
