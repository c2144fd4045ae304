"""What the price data on this machine looks like, and whether any of it is wrong.

Each ticker's series is the one ``load_prices`` would use (``data.sources.choose``), read leniently:
a cache file with bad rows or bad metadata is examined rather than refused, and one that cannot be
read at all becomes a finding while the snapshot (if it has the ticker) stands in for it.

``status()``: one row per ticker: where it comes from (cache or snapshot, and why), first and last
date, rows, sessions missing against its exchange calendar, close-only rows, largest daily move.

``check()``: findings, each an ``error`` (the exit code of ``aitheme data check`` says so) or a
``warning``:
- a cache file that cannot be read, or whose metadata is wrong (error);
- the row rules of ``data.validate``: non-positive price, duplicated date, infinite value, a long
  run of empty closes, a timestamp instead of a date (error);
- a cache that ends before the snapshot, which is therefore used instead (warning);
- a hole: ``HOLE_RUN`` or more consecutive sessions without a close is an error, a shorter one a warning
  (the exchange calendars lack some holidays, e.g. Korea's election day of 2026-06-03);
- a suspicious jump, per asset class: a move beyond ``SPIKE`` that the next session undoes by at least
  80% (the mark of a bad print), or any move beyond ``CAP`` (error);
- a stale series: it ends more than ``STALE_SESSIONS`` sessions before the latest series of its
  exchange (error).
An error listed in ``accepted_findings.csv`` (ticker, check, date, note) was checked by hand and is
shown as accepted instead: the snapshot's real big moves (RXRX +78% on 2023-07-12...) and its known
early ends. A finding on another date is not covered.

Sessions come from the ``exchange_calendars`` package (XNYS, XTKS, XKRX; ``data.calendars``). Where
it is not installed or does not know a date, the sessions are the dates on which any series of that
exchange printed, and the status table says so. FX rates are checked against their own dates.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from aitheme.data import cache, calendars, sources
from aitheme.data.errors import DataError
from aitheme.data.instrument_table import exchange_of, kind_of
from aitheme.data.settings import Settings, current
from aitheme.data.snapshot import snapshot_frames, snapshot_label
from aitheme.data.validate import PRICE_COLUMNS

ACCEPTED_FILE = Path(__file__).resolve().parent / "accepted_findings.csv"
SPIKE = {"stock": 0.30, "etf": 0.15, "index": 0.12, "fx": 0.03}
CAP = {"stock": 0.75, "etf": 0.25, "index": 0.20, "fx": 0.08}
HOLE_RUN = 3
STALE_SESSIONS = 5
__all__ = ["PRICE_COLUMNS", "Finding", "check", "series", "status"]
Sessions = dict[str, tuple[pd.DatetimeIndex, str]]  # exchange -> (its sessions, where the list comes from)


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


def _gather(
    settings: Settings, tickers: list[str] | None
) -> tuple[dict[str, sources.Chosen], dict[str, str], list[Finding]]:
    """Each ticker's chosen series, a note on its origin, and the findings about its cache file."""
    wanted = tickers or sorted(set(snapshot_frames()) | set(cache.cached_tickers(settings)))
    chosen: dict[str, sources.Chosen] = {}
    notes: dict[str, str] = {}
    findings: list[Finding] = []
    blocked = cache.folder_problem(settings)
    if blocked:  # one finding for the folder, not one per ticker; the snapshot is all there is
        findings.append(Finding("(cache)", "unusable_cache", "", "error", blocked))
        for ticker in wanted:
            shipped = snapshot_frames().get(ticker)
            if shipped is None:
                raise DataError(f"no prices for {ticker} on this machine: {blocked}")
            chosen[ticker] = sources.Chosen(ticker, shipped, "snapshot", snapshot_label(ticker))
            notes[ticker] = "snapshot (cache folder unusable)"
        return chosen, notes, findings
    for ticker in wanted:
        try:
            picked = sources.choose(ticker, settings, strict=False)
        except DataError as exc:  # the cache file cannot be read at all: say so, show the snapshot
            findings.append(Finding(ticker, "unusable_cache", "", "error", str(exc)))
            shipped = snapshot_frames().get(ticker)
            if shipped is not None:
                chosen[ticker] = sources.Chosen(ticker, shipped, "snapshot", snapshot_label(ticker))
                notes[ticker] = "snapshot (cache file unusable)"
            continue
        if picked is None:
            if tickers:
                raise DataError(
                    f"no prices for {ticker} on this machine: neither the cache nor the snapshot has it; "
                    f"try 'aitheme data refresh {ticker}'"
                )
            continue
        chosen[ticker] = picked
        notes[ticker] = picked.origin
        findings += [Finding(ticker, p.check, p.date, "error", f"cache file: {p.detail}") for p in picked.problems]
        if picked.problems:  # load_prices refuses this file; the rows shown are what it holds
            notes[ticker] = f"cache file unusable ({picked.problems[0].check})"
        elif picked.origin == "snapshot" and "used instead of the cache" in picked.label:
            notes[ticker] = "snapshot (newer than the cache)"
            findings.append(Finding(ticker, "cache_older", "", "warning", picked.label.split("; ", 1)[-1]))
    return chosen, notes, findings


def series(settings: Settings | None = None, tickers: list[str] | None = None) -> dict[str, tuple[pd.DataFrame, str]]:
    """Each ticker's long frame (date + price columns) and its origin, as ``load_prices`` picks them."""
    chosen, _, _ = _gather(settings or current(), tickers)
    return {t: (c.frame.reset_index(drop=True), c.origin) for t, c in chosen.items()}


def sessions_by_exchange(frames: dict[str, tuple[pd.DataFrame, str]], settings: Settings | None = None) -> Sessions:
    """The session dates each exchange should have, and where that list comes from."""
    printed: dict[str, list[np.ndarray]] = {}
    for ticker, (frame, _) in frames.items():
        # datetime64 arrays, not sets of Timestamps: a set of every date of every series took most of a second.
        dates = frame.loc[frame["close"].notna(), "date"].to_numpy(dtype="datetime64[ns]")
        printed.setdefault(exchange_of(ticker), []).append(dates)
    out = {}
    folder = cache.cache_root(settings) / "calendars"
    for exchange, arrays in printed.items():
        derived = pd.DatetimeIndex(np.unique(np.concatenate(arrays)))
        known = calendars.calendar_sessions(exchange, folder) if exchange not in {"FX", "?"} else None
        if known is not None and len(known) and (not len(derived) or known[-1] >= derived[-1]):
            out[exchange] = (known, f"exchange_calendars {exchange}")
        else:
            out[exchange] = (derived, f"dates any {exchange} series printed")
    return out


def _with_close(frame: pd.DataFrame) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(frame.loc[frame["close"].notna(), "date"])


def _expected(frame: pd.DataFrame, ticker: str, sessions: Sessions) -> pd.DatetimeIndex:
    dates = pd.DatetimeIndex(frame["date"])
    if exchange_of(ticker) == "FX":
        return dates  # an FX series has no exchange: its own rows are its sessions
    with_close = _with_close(frame)
    if not len(with_close):
        return with_close
    calendar = sessions[exchange_of(ticker)][0]
    return calendar[(calendar >= with_close.min()) & (calendar <= with_close.max())]


def _one_close_per_date(frame: pd.DataFrame) -> pd.Series:
    """Closes by date; of duplicated dates the last row (duplicates are a finding of their own)."""
    close = frame.set_index("date")["close"].dropna()
    return close[~close.index.duplicated(keep="last")].sort_index()


def _largest_move(frame: pd.DataFrame) -> tuple[float, str]:
    moves = _one_close_per_date(frame).pct_change().dropna()
    if moves.empty:
        return 0.0, ""
    day = moves.abs().idxmax()
    return float(moves[day]), str(day.date())


def status(settings: Settings | None = None, tickers: list[str] | None = None) -> pd.DataFrame:
    settings = settings or current()
    chosen, notes, _ = _gather(settings, tickers)
    frames = {t: (c.frame, c.origin) for t, c in chosen.items()}
    sessions = sessions_by_exchange(frames, settings)
    rows = []
    for ticker, (frame, _) in frames.items():
        with_close = _with_close(frame)
        expected = _expected(frame, ticker, sessions)
        move, move_date = _largest_move(frame)
        rows.append(
            {
                "ticker": ticker,
                "source": notes[ticker],
                "exchange": exchange_of(ticker),
                "first": str(with_close.min().date()) if len(with_close) else "",
                "last": str(with_close.max().date()) if len(with_close) else "",
                "rows": len(frame),
                "gaps": len(expected.difference(with_close)),
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
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


STATUS_COLUMNS = [
    "ticker",
    "source",
    "exchange",
    "first",
    "last",
    "rows",
    "gaps",
    "close_only",
    "largest_move",
    "largest_move_date",
    "calendar",
]


@lru_cache(maxsize=1)
def accepted() -> dict[tuple[str, str, str], str]:
    table = pd.read_csv(ACCEPTED_FILE, dtype=str, keep_default_na=False)
    return {(r.ticker, r.check, r.date): r.note for r in table.itertuples()}


def check(settings: Settings | None = None, tickers: list[str] | None = None) -> list[Finding]:
    settings = settings or current()
    chosen, _, findings = _gather(settings, tickers)
    frames = {t: (c.frame, c.origin) for t, c in chosen.items()}
    sessions = sessions_by_exchange(frames, settings)
    last_by_exchange: dict[str, pd.Timestamp] = {}
    for ticker, (frame, _) in frames.items():
        with_close = _with_close(frame)
        if len(with_close):
            exchange = exchange_of(ticker)
            last = with_close.max()
            last_by_exchange[exchange] = max(last, last_by_exchange.get(exchange, last))
    for ticker, (frame, _) in frames.items():
        if len(_with_close(frame)):  # a series without a close has its finding already
            findings += _check_one(ticker, frame, sessions, last_by_exchange)
    notes = accepted()
    return [Finding(**{**asdict(f), "accepted": notes.get((f.ticker, f.check, f.date), "")}) for f in findings]


def _check_one(
    ticker: str, frame: pd.DataFrame, sessions: Sessions, last_by_exchange: dict[str, pd.Timestamp]
) -> list[Finding]:
    out = _holes(ticker, frame, sessions) + _jumps(ticker, frame)
    exchange_sessions = sessions[exchange_of(ticker)][0]
    last = _with_close(frame).max()
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


def _holes(ticker: str, frame: pd.DataFrame, sessions: Sessions) -> list[Finding]:
    have = _with_close(frame)
    expected = _expected(frame, ticker, sessions).unique()
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


def _jumps(ticker: str, frame: pd.DataFrame) -> list[Finding]:
    kind = kind_of(ticker)
    close = _one_close_per_date(frame)
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
