"""``refresh(tickers)``: bring the cached series up to yesterday from Yahoo Finance.

1. The cache folder must be writable (checked before any download) and the network allowed.
2. A ticker not cached yet, or whose file is unusable, is downloaded from ``history_start``.
3. A cached ticker whose last close is the last weekday before today is left alone.
4. Otherwise only the missing dates are fetched, starting ``OVERLAP_ROWS`` rows before the cached
   end. If any overlapping close differs (relative tolerance ``TOLERANCE``), a dividend or split has
   rewritten the adjusted history: the whole series is downloaded again, never spliced.
5. Only completed sessions are fetched (up to yesterday), so a live intraday bar never gets cached.
6. All of it shares one ``Deadline`` (``refresh_timeout``); after a connection-level failure no
   further request is made, and the report names the reason (``RefreshReport.stopped``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from aitheme.data import network, yahoo
from aitheme.data.cache_files import CachedSeries, read_cached, write_cached
from aitheme.data.cache_folder import cache_root, check_writable
from aitheme.data.errors import DataError
from aitheme.data.instrument_table import basis_of, exchange_of
from aitheme.data.settings import Settings, current

OVERLAP_ROWS = 5
TOLERANCE = 1e-6


@dataclass
class RefreshReport:
    outcome: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    stopped: str = ""  # why the refresh made no further request (network down, time limit), if it stopped

    def lines(self) -> list[str]:
        return [f"{t}: {why}" for t, why in self.outcome.items()] + [
            f"{t}: FAILED {why}" for t, why in self.failed.items()
        ]

    def warning(self) -> str:
        """One line for stderr: what failed, why, and what the prices fall back to."""
        reason = self.stopped or next(iter(self.failed.values()), "")
        return (
            f"Yahoo Finance refresh failed for {len(self.failed)} ticker(s) ({', '.join(self.failed)}): "
            f"{reason}; they keep their cached or snapshot prices"
        )


def last_weekday_before(day: pd.Timestamp) -> pd.Timestamp:
    return (day - pd.offsets.BDay(1)).normalize()


def stderr_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def refresh(
    tickers: Iterable[str],
    settings: Settings | None = None,
    *,
    today: Any = None,
    fetch: Callable | None = None,
    deadline: network.Deadline | None = None,
    progress: Callable[[str], None] | None = None,
    **request_options: Any,
) -> RefreshReport:
    """Bring the cache of ``tickers`` up to yesterday; see the module docstring for the steps."""
    settings = settings or current()
    fetch = fetch or yahoo.fetch
    if settings.offline:
        raise DataError("refresh needs the network, but offline mode is on (--offline or AITHEME_OFFLINE)")
    check_writable(settings)
    deadline = deadline or network.Deadline(settings.refresh_timeout)
    today = pd.Timestamp(today or dt.date.today()).normalize()
    end = today - pd.Timedelta(days=1)
    report = RefreshReport()
    cached = {t: _read_for_refresh(t, settings, report) for t in dict.fromkeys(tickers)}
    fresh = [t for t, c in cached.items() if c is None]
    stale = [t for t, c in cached.items() if c is not None and c.last < last_weekday_before(today)]
    for ticker, series in cached.items():
        if series is not None and ticker not in stale:
            report.outcome[ticker] = f"up to date ({series.last.date()})"

    def request(start) -> yahoo.Request:
        options = {
            "basis": {t: basis_of(t) for t in cached},
            "exchange": {t: exchange_of(t) for t in cached},
            "timeout": settings.request_timeout,
            "deadline": deadline,
            "progress": progress,
            **request_options,
        }
        return yahoo.Request(start=pd.Timestamp(start), end=end, **options)

    if stale or fresh:
        _point_yfinance_cache_at(settings)
    if stale:
        present = {t: c for t, c in cached.items() if c is not None}
        start = min(present[t].frame["date"].iloc[-OVERLAP_ROWS:].iloc[0] for t in stale)
        for ticker, frame in _fetch(stale, request(start), fetch, report).items():
            if _append(ticker, present[ticker], frame, settings, report):
                fresh.append(ticker)
    if fresh:
        for ticker, frame in _fetch(fresh, request(settings.history_start), fetch, report).items():
            _store(ticker, frame, settings, basis_of(ticker), report)
            if ticker in report.failed:
                continue
            note = report.outcome.get(ticker, "")
            report.outcome[ticker] = ((note + "; ") if note else "") + (
                f"downloaded {len(frame)} rows, {frame['date'].iloc[0].date()} to {frame['date'].iloc[-1].date()}"
            )
    for ticker in report.failed:
        report.outcome.pop(ticker, None)
    return report


def _read_for_refresh(ticker: str, settings: Settings, report: RefreshReport) -> CachedSeries | None:
    """The cached series, or None when there is none or it is unusable (then it is downloaded whole)."""
    try:
        return read_cached(ticker, settings)
    except DataError as exc:
        report.outcome[ticker] = f"cache file unusable ({str(exc).split(' is ', 1)[-1][:100]}): downloading again"
        return None


def _append(ticker: str, old: CachedSeries, frame: pd.DataFrame, settings: Settings, report: RefreshReport) -> bool:
    """Append the fetched rows to the cached ones; True when the history changed and must be fetched whole."""
    changed = _overlap_change(old.frame, frame)
    if changed:
        report.outcome[ticker] = f"adjusted history changed ({changed}): downloading again"
        return True
    merged = pd.concat([old.frame[old.frame["date"] < frame["date"].iloc[0]], frame], ignore_index=True)
    if _store(ticker, merged, settings, basis_of(ticker), report):
        added = int((frame["date"] > old.frame["date"].iloc[-1]).sum())
        report.outcome[ticker] = f"{added} new row(s), to {merged['date'].iloc[-1].date()}"
    return False


def _fetch(
    tickers: list[str], request: yahoo.Request, fetch: Callable, report: RefreshReport
) -> dict[str, pd.DataFrame]:
    if report.stopped:  # the network already failed or the time ran out: no further request
        report.failed.update(dict.fromkeys(tickers, f"not attempted: {report.stopped}"))
        return {}
    try:
        return fetch(tickers, request)
    except yahoo.YahooError as exc:
        report.failed.update(exc.problems)
        report.stopped = report.stopped or exc.stopped
        return exc.frames


def _overlap_change(old: pd.DataFrame, new: pd.DataFrame) -> str | None:
    """Where the fetched rows disagree with the cached ones on the dates both have (None: they agree)."""
    tail = old.iloc[-OVERLAP_ROWS:].set_index("date")["close"]
    fetched = new.set_index("date")["close"]
    shared = tail.index.intersection(fetched.index)
    if len(shared) == 0:
        return "no overlapping date came back"
    rel = (fetched.loc[shared] / tail.loc[shared] - 1.0).abs()
    worst = rel.idxmax()
    if rel.max() > TOLERANCE:
        return f"close on {worst.date()} was {tail[worst]:.6g}, now {fetched[worst]:.6g}"
    return None


def _store(ticker: str, frame: pd.DataFrame, settings: Settings, basis: str, report: RefreshReport) -> bool:
    """Write the series; a series the checks refuse (a close <= 0 from Yahoo...) is a failed ticker."""
    from importlib import metadata

    meta = {
        "source": "yahoo",
        "basis": basis,
        "fetched_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "yfinance": metadata.version("yfinance"),
    }
    try:
        write_cached(ticker, frame, meta, settings)
    except DataError as exc:
        report.failed[ticker] = str(exc)
        return False
    return True


def _point_yfinance_cache_at(settings: Settings) -> None:
    """yfinance keeps its own small sqlite caches; keep them beside ours so one folder holds all."""
    import yfinance as yf

    yf.set_tz_cache_location(str(cache_root(settings) / "yfinance"))
