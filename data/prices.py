"""Wide daily closes for a list of tickers, from the local cache or the shipped snapshot.

1. When the settings allow the network (``online = true``, not ``--offline``), bring the requested
   tickers' cache up to date once per process (``data.cache.refresh``). All such refreshes of one
   process share ``refresh_timeout`` seconds; once the network is found down, or the time is spent,
   later loads do not try again. A failed refresh warns in one line and falls back, it never stops
   a run.
2. Check every ticker against ``instruments.csv`` (unknown: error naming the known ones).
3. Each ticker comes from the source ``data.sources.choose`` picks (its cache unless the snapshot
   runs later); ``Prices.source`` records which and why (the tearsheet stamp prints it). Closes go
   to one column per ticker on tz-naive session dates.
4. Check the requested range against what each ticker has (empty: error naming the range available).
5. Note, per ticker, the last date with a real close and the sessions of its exchange that have no
   close between its first and last close in the window (``Prices.last_date``, ``Prices.holes``).

Prices stay in the instrument's own currency; ``data.fx`` converts them.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from aitheme.data import cache, calendars, network, sources
from aitheme.data.errors import DataError
from aitheme.data.instrument_table import INSTRUMENTS_FILE, currency_of, exchange_of, instruments
from aitheme.data.settings import Settings, current
from aitheme.data.snapshot import snapshot_frames, snapshot_sha256

__all__ = ["INSTRUMENTS_FILE", "Prices", "currency_of", "instruments", "known_tickers", "load_prices"]


@dataclass(frozen=True)
class Prices:
    """Daily closes (rows: sessions, columns: tickers) with each ticker's currency and origin.

    ``holes``: per ticker, the sessions of its exchange without a close between its first and last
    close in the window. ``last_date``: per ticker, the last date with a real close in the window
    (a strategy that fills forward holds that price after it)."""

    close: pd.DataFrame
    currency: dict[str, str]
    source: dict[str, str] = field(default_factory=dict)
    snapshot_sha256: str = ""
    holes: Mapping[str, list[dt.date]] = field(default_factory=dict)
    last_date: dict[str, dt.date] = field(default_factory=dict)

    @property
    def tickers(self) -> list[str]:
        return list(self.close.columns)


def snapshot_tickers() -> list[str]:
    return sorted(snapshot_frames())


def known_tickers() -> list[str]:
    """Tickers with prices on this machine: the snapshot's and the cache's."""
    return sorted(set(snapshot_tickers()) | set(cache.cached_tickers()))


def _as_date(value: Any, what: str) -> pd.Timestamp | None:
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


def load_prices(tickers: str | Iterable[str], start: Any = None, end: Any = None) -> Prices:
    """Closes for ``tickers`` between ``start`` and ``end`` (inclusive); see the module docstring.

    A ticker with no row in the range is an error naming the range its source holds.
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
    chosen = {t: _choose(t, settings) for t in tickers}
    root = str(cache.cache_root(settings))
    failed = {t for t in tickers if (root, t) in _refresh_failed}
    source = {t: c.label + ("; yahoo refresh failed" if t in failed else "") for t, c in chosen.items()}
    close = pd.concat([c.frame.set_index("date")["close"].rename(t) for t, c in chosen.items()], axis=1, sort=True)
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
            f"the {chosen[ticker].origin} has {have[0].date()} to {have[-1].date()}"
        )
    return Prices(
        close=window.copy(),
        currency={t: currency_of(t) for t in tickers},
        source=source,
        snapshot_sha256=snapshot_sha256(),
        holes=Lazy(lambda: _holes(window, settings)),  # the calendars are costly: read when a report asks
        last_date={t: window[t].last_valid_index().date() for t in tickers},
    )


class Lazy(Mapping):
    """A mapping computed on its first read (``make()``), then kept."""

    def __init__(self, make: Callable[[], dict]):
        self._make: Callable[[], dict] = make
        self._value: dict | None = None

    def _values(self) -> dict:
        if self._value is None:
            self._value = self._make()
        return self._value

    def __getitem__(self, key):
        return self._values()[key]

    def __iter__(self) -> Iterator:
        return iter(self._values())

    def __len__(self) -> int:
        return len(self._values())


def _choose(ticker: str, settings: Settings) -> sources.Chosen:
    chosen = sources.choose(ticker, settings)
    if chosen is None:  # check_tickers saw it on disk a moment ago: it was deleted since
        raise DataError(f"no prices for {ticker} on this machine: neither the cache nor the snapshot has it")
    return chosen


def _holes(window: pd.DataFrame, settings: Settings) -> dict[str, list[dt.date]]:
    """Each column's missing sessions; without a calendar, against what its exchange's columns printed."""
    folder = cache.cache_root(settings) / "calendars"
    printed: dict[str, pd.DatetimeIndex] = {}
    for ticker in window.columns:
        dates = window.index[window[ticker].notna().to_numpy()]
        exchange = exchange_of(ticker)
        printed[exchange] = printed[exchange].union(dates) if exchange in printed else dates
    return {t: calendars.holes(window[t], t, folder, printed[exchange_of(t)]) for t in window.columns}


# Online refreshes, once per ticker and cache folder in a process, within one shared time budget.
_refreshed: set[tuple[str, str]] = set()
_refresh_failed: dict[tuple[str, str], str] = {}  # (cache folder, ticker) -> why its refresh failed
_spent: dict[str, float] = {}  # cache folder -> seconds its refreshes took in this process
_stopped: dict[str, str] = {}  # cache folder -> why no further refresh is tried in this process


def _refresh_once(tickers: list[str], settings: Settings) -> None:
    """Refresh each ticker at most once per process: a run calls ``load_prices`` several times."""
    root = str(cache.cache_root(settings))
    todo = [t for t in tickers if (root, t) not in _refreshed and t in instruments().index]
    if not todo:
        return
    _refreshed.update((root, t) for t in todo)
    if root in _stopped:  # the network was found down, or the time spent, by an earlier load
        _refresh_failed.update(dict.fromkeys([(root, t) for t in todo], f"not attempted: {_stopped[root]}"))
        return
    deadline = network.Deadline(settings.refresh_timeout - _spent.get(root, 0.0))
    try:
        report = cache.refresh(
            todo, settings, retries=1, backoff=1.0, deadline=deadline, progress=cache.stderr_progress
        )
    except Exception as exc:  # the network is a bonus here: a run goes on with what is on disk
        reason = f"{type(exc).__name__}: {exc}"[:160]
        report = cache.RefreshReport(failed=dict.fromkeys(todo, reason), stopped=reason)
    _spent[root] = _spent.get(root, 0.0) + deadline.elapsed()
    if report.stopped or deadline.expired:
        _stopped[root] = report.stopped or deadline.describe()
    _refresh_failed.update({(root, t): why for t, why in report.failed.items()})
    if report.failed:
        warnings.warn(report.warning(), RuntimeWarning, stacklevel=3)


def _fmt(stamp: pd.Timestamp | None, open_end: str) -> str:
    return open_end if stamp is None else str(stamp.date())


def load_bars(ticker: str, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Open, high, low and close of one ticker in its own currency, from the same source as its closes
    (close-only stretches leave the rest empty)."""
    check_tickers([ticker])
    chosen = _choose(ticker, current())
    bars = chosen.frame[["date", "open", "high", "low", "close"]].set_index("date")
    bars = bars.loc[_as_date(start, "start") : _as_date(end, "end")]
    if bars.empty:
        raise DataError(f"no bars for {ticker} between {start} and {end}")
    return bars
