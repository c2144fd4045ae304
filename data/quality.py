"""What the price data on this machine looks like, and whether any of it is wrong.

``status()``: one row per ticker: where it comes from (cache or snapshot), first and last date, rows,
sessions missing against its exchange calendar, close-only rows, largest daily move.

``check()``: findings, each an ``error`` (the exit code of ``aitheme data check`` says so) or a
``warning``:
- non-positive price (error); duplicated date (error);
- a hole: ``HOLE_RUN`` or more consecutive sessions without a close is an error, a shorter one a warning
  (the exchange calendars lack some holidays, e.g. Korea's election day of 2026-06-03);
- a suspicious jump, per asset class: a move beyond ``SPIKE`` that the next session undoes by at least
  80% (the mark of a bad print), or any move beyond ``CAP`` (error);
- a stale series: it ends more than ``STALE_SESSIONS`` sessions before the latest series of its
  exchange (error).
An error listed in ``accepted_findings.csv`` (ticker, check, date, note) was checked by hand and is
shown as accepted instead: the snapshot's real big moves (RXRX +78% on 2023-07-12...) and its known
early ends. A finding on another date is not covered.

Sessions come from the ``exchange_calendars`` package (XNYS, XTKS, XKRX). Where it is not installed
or does not know a date, the sessions are the dates on which any series of that exchange printed,
and the status table says so. FX rates are checked against their own dates.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from aitheme.data import cache
from aitheme.data.atomic import atomic_write_text
from aitheme.data.errors import DataError
from aitheme.data.instruments import exchange_of, kind_of
from aitheme.data.settings import Settings, current
from aitheme.data.snapshot import read_snapshot

ACCEPTED_FILE = Path(__file__).resolve().parent / "accepted_findings.csv"
SPIKE = {"stock": 0.30, "etf": 0.15, "index": 0.12, "fx": 0.03}
CAP = {"stock": 0.75, "etf": 0.25, "index": 0.20, "fx": 0.08}
HOLE_RUN = 3
STALE_SESSIONS = 5
PRICE_COLUMNS = ["open", "high", "low", "close", "adj_close"]


@dataclass(frozen=True)
class Finding:
    ticker: str
    check: str
    date: str
    severity: str  # error | warning
    detail: str
    accepted: str = ""  # the note from accepted_findings.csv when a person checked it

    @property
    def fails(self) -> bool:
        return self.severity == "error" and not self.accepted


def series(settings: Settings | None = None, tickers=None) -> dict[str, tuple[pd.DataFrame, str]]:
    """Each ticker's long frame (date + price columns) and its origin, cache first."""
    settings = settings or current()
    snapshot = read_snapshot()
    wanted = tickers or sorted(set(snapshot["ticker"]) | set(cache.cached_tickers(settings)))
    out = {}
    for ticker in wanted:
        cached = cache.read_cached(ticker, settings)
        if cached is not None:
            out[ticker] = (cached.frame.reset_index(drop=True), "cache")
            continue
        rows = snapshot[snapshot["ticker"] == ticker]
        if len(rows):
            out[ticker] = (rows.drop(columns="ticker").reset_index(drop=True), "snapshot")
        elif tickers:
            raise DataError(
                f"no prices for {ticker} on this machine: neither the cache nor the snapshot has it; "
                f"try 'aitheme data refresh {ticker}'"
            )
    return out


@lru_cache(maxsize=8)
def _calendar_sessions(code: str, folder: Path) -> pd.DatetimeIndex | None:
    """Sessions of ``code``, kept in the cache folder: building XKRX's lunar holidays takes seconds."""
    try:
        from importlib import metadata

        import exchange_calendars as xc
    except ImportError:
        return None
    path = folder / f"{code}-{metadata.version('exchange_calendars')}-{dt.date.today():%Y-%m}.csv"
    if path.is_file():
        return pd.DatetimeIndex(pd.read_csv(path, parse_dates=["session"])["session"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its own pandas-3.1 deprecation notices
            sessions = pd.DatetimeIndex(xc.get_calendar(code, start="2017-01-02").sessions).tz_localize(None)
    except Exception:  # an exchange it does not know
        return None
    atomic_write_text(path, pd.Series(sessions, name="session").to_csv(index=False, date_format="%Y-%m-%d"))
    return sessions


def sessions_by_exchange(
    frames: dict[str, tuple[pd.DataFrame, str]], settings: Settings | None = None
) -> dict[str, tuple[pd.DatetimeIndex, str]]:
    """The session dates each exchange should have, and where that list comes from."""
    printed: dict[str, set] = {}
    for ticker, (frame, _) in frames.items():
        printed.setdefault(exchange_of(ticker), set()).update(frame.loc[frame["close"].notna(), "date"])
    out = {}
    for exchange, dates in printed.items():
        derived = pd.DatetimeIndex(sorted(dates))
        known = _calendar_sessions(exchange, cache.cache_root(settings) / "calendars") if exchange != "FX" else None
        if known is not None and len(known) and known[-1] >= derived[-1]:
            out[exchange] = (known, f"exchange_calendars {exchange}")
        else:
            out[exchange] = (derived, f"dates any {exchange} series printed")
    return out


def _expected(frame: pd.DataFrame, ticker: str, sessions) -> pd.DatetimeIndex:
    dates = pd.DatetimeIndex(frame["date"])
    if exchange_of(ticker) == "FX":
        return dates  # an FX series has no exchange: its own rows are its sessions
    with_close = dates[frame["close"].notna().to_numpy()]
    calendar = sessions[exchange_of(ticker)][0]
    return calendar[(calendar >= with_close[0]) & (calendar <= with_close[-1])]


def _largest_move(frame: pd.DataFrame) -> tuple[float, str]:
    close = frame.set_index("date")["close"].dropna()
    moves = close.pct_change().dropna()
    if moves.empty:
        return 0.0, ""
    day = moves.abs().idxmax()
    return float(moves[day]), str(day.date())


def status(settings: Settings | None = None, tickers=None) -> pd.DataFrame:
    frames = series(settings, tickers)
    sessions = sessions_by_exchange(frames, settings)
    rows = []
    for ticker, (frame, origin) in frames.items():
        with_close = frame[frame["close"].notna()]
        expected = _expected(frame, ticker, sessions)
        move, move_date = _largest_move(frame)
        rows.append(
            {
                "ticker": ticker,
                "source": origin,
                "exchange": exchange_of(ticker),
                "first": str(with_close["date"].iloc[0].date()),
                "last": str(with_close["date"].iloc[-1].date()),
                "rows": len(frame),
                "gaps": len(expected.difference(pd.DatetimeIndex(with_close["date"]))),
                "close_only": int((frame["close"].notna() & frame["open"].isna()).sum()),
                "largest_move": round(move, 4),
                "largest_move_date": move_date,
                "calendar": (
                    "own rows (FRED: US holidays are empty rows)"
                    if exchange_of(ticker) == "FX"
                    else sessions[exchange_of(ticker)][1]
                ),
            }
        )
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def accepted() -> dict[tuple[str, str, str], str]:
    table = pd.read_csv(ACCEPTED_FILE, dtype=str, keep_default_na=False)
    return {(r.ticker, r.check, r.date): r.note for r in table.itertuples()}


def check(settings: Settings | None = None, tickers=None) -> list[Finding]:
    frames = series(settings, tickers)
    sessions = sessions_by_exchange(frames, settings)
    findings: list[Finding] = []
    last_by_exchange: dict[str, pd.Timestamp] = {}
    for ticker, (frame, _) in frames.items():
        last = frame.loc[frame["close"].notna(), "date"].iloc[-1]
        exchange = exchange_of(ticker)
        last_by_exchange[exchange] = max(last, last_by_exchange.get(exchange, last))
    for ticker, (frame, _) in frames.items():
        findings += _check_one(ticker, frame, sessions, last_by_exchange)
    notes = accepted()
    return [Finding(**{**asdict(f), "accepted": notes.get((f.ticker, f.check, f.date), "")}) for f in findings]


def _check_one(ticker, frame, sessions, last_by_exchange) -> list[Finding]:
    out = []
    prices = frame[PRICE_COLUMNS]
    bad = frame.loc[(prices <= 0).any(axis=1), "date"]
    if len(bad):
        out.append(
            Finding(ticker, "non_positive", str(bad.iloc[0].date()), "error", f"{len(bad)} row(s) with a price <= 0")
        )
    dupes = frame.loc[frame["date"].duplicated(), "date"]
    if len(dupes):
        out.append(
            Finding(ticker, "duplicate_date", str(dupes.iloc[0].date()), "error", f"{len(dupes)} duplicated date(s)")
        )
    out += _holes(ticker, frame, sessions)
    out += _jumps(ticker, frame)
    exchange_sessions = sessions[exchange_of(ticker)][0]
    last = frame.loc[frame["close"].notna(), "date"].iloc[-1]
    behind = int(((exchange_sessions > last) & (exchange_sessions <= last_by_exchange[exchange_of(ticker)])).sum())
    if behind > STALE_SESSIONS:
        out.append(
            Finding(
                ticker,
                "stale",
                str(last.date()),
                "error",
                f"ends {behind} sessions before the latest {exchange_of(ticker)} series "
                f"({last_by_exchange[exchange_of(ticker)].date()})",
            )
        )
    return out


def _holes(ticker, frame, sessions) -> list[Finding]:
    have = pd.DatetimeIndex(frame.loc[frame["close"].notna(), "date"])
    expected = _expected(frame, ticker, sessions)
    missing = ~expected.isin(have)
    out = []
    run_start = None
    for i, gone in enumerate([*missing, False]):
        if gone and run_start is None:
            run_start = i
        elif not gone and run_start is not None:
            length = i - run_start
            severity = "error" if length >= HOLE_RUN else "warning"
            # FRED leaves US holidays as single empty rows: short holes in FX are its normal shape
            if severity == "error" or exchange_of(ticker) != "FX":
                out.append(
                    Finding(
                        ticker,
                        "hole",
                        str(expected[run_start].date()),
                        severity,
                        f"{length} session(s) without a close from {expected[run_start].date()}",
                    )
                )
            run_start = None
    return out


def _jumps(ticker, frame) -> list[Finding]:
    kind = kind_of(ticker)
    close = frame.set_index("date")["close"].dropna()
    close = close[close > 0]  # non-positive prices have their own finding; a log of them means nothing
    if len(close) < 2:
        return []
    log_move = np.log(close).diff()
    move = close.pct_change()
    undone = (log_move + log_move.shift(-1)).abs() < 0.2 * log_move.abs()
    spike = (move.abs() > SPIKE[kind]) & undone
    hard = move.abs() > CAP[kind]
    out = []
    for day in close.index[(spike | hard).to_numpy()]:
        why = f"beyond the {CAP[kind]:.0%} cap for {kind}s" if hard[day] else "undone the next session"
        out.append(Finding(ticker, "jump", str(day.date()), "error", f"{move[day]:+.1%} close to close, {why}"))
    return out
