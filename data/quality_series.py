"""The series the data checks look at, and the sessions each exchange should have.

1. ``gather``: each ticker's series as ``load_prices`` would pick it (``data.sources.choose``), read leniently: a
   cache file with bad rows or bad metadata is examined rather than refused, and one that cannot be read at all
   becomes a finding while the snapshot (if it has the ticker) stands in for it. A cache folder that cannot be
   used is one finding, and the snapshot is all there is.
2. ``sessions_by_exchange``: the sessions come from the ``exchange_calendars`` package (XNYS, XTKS, XKRX;
   ``data.calendars``). Where it is not installed or does not know a date, the sessions are the dates on which
   any series of that exchange printed, and the status table says so. FX rates have no exchange: their own rows
   are their sessions.
3. Per series: its sessions with a close, those it should have between its first and last close, one close per
   date, and its largest daily move.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aitheme.data import cache, calendars, sources
from aitheme.data.errors import DataError
from aitheme.data.findings import Finding
from aitheme.data.instrument_table import exchange_of
from aitheme.data.settings import Settings, current
from aitheme.data.snapshot import snapshot_frames, snapshot_label

Sessions = dict[str, tuple[pd.DatetimeIndex, str]]  # exchange -> (its sessions, where the list comes from)


def gather(
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
    chosen, _, _ = gather(settings or current(), tickers)
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
            shut = calendars.closures(exchange)
            less = f" less its declared closures {', '.join(str(d.date()) for d in shut)}" if len(shut) else ""
            out[exchange] = (known, f"exchange_calendars {exchange}{less}")
        else:
            out[exchange] = (derived, f"dates any {exchange} series printed")
    return out


def closed_sessions(frame: pd.DataFrame) -> pd.DatetimeIndex:
    """The dates on which the series has a close."""
    return pd.DatetimeIndex(frame.loc[frame["close"].notna(), "date"])


def expected_sessions(frame: pd.DataFrame, ticker: str, sessions: Sessions) -> pd.DatetimeIndex:
    """The sessions of its exchange from the series' first close to its last (an FX series: its own dates)."""
    dates = pd.DatetimeIndex(frame["date"])
    if exchange_of(ticker) == "FX":
        return dates  # an FX series has no exchange: its own rows are its sessions
    with_close = closed_sessions(frame)
    if not len(with_close):
        return with_close
    calendar = sessions[exchange_of(ticker)][0]
    return calendar[(calendar >= with_close.min()) & (calendar <= with_close.max())]


def one_close_per_date(frame: pd.DataFrame) -> pd.Series:
    """Closes by date; of duplicated dates the last row (duplicates are a finding of their own)."""
    close = frame.set_index("date")["close"].dropna()
    return close[~close.index.duplicated(keep="last")].sort_index()


def largest_move(frame: pd.DataFrame) -> tuple[float, str]:
    """The largest close-to-close move and its date ("" for a series without two closes)."""
    moves = one_close_per_date(frame).pct_change().dropna()
    if moves.empty:
        return 0.0, ""
    day = moves.abs().idxmax()
    return float(moves[day]), str(day.date())
