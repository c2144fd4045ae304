"""Yahoo's daily frames in the snapshot's long format and price basis, and what makes one unusable.

1. ``split_download``: the per-ticker frames of a ``yf.download`` result ((Price, Ticker) columns; a ticker that
   failed has all-NaN columns, or none at all when every ticker failed).
2. ``normalise``: one ticker's frame becomes ``date, open, high, low, close, adj_close, volume``, sessions with a
   close only, with tz-naive exchange-local dates (``Ticker.history`` is tz-aware: Tokyo's 2024-01-04 00:00+09:00
   is 2024-01-04, not the UTC day before), in the snapshot's basis so that cache and snapshot agree on their
   overlap. Yahoo gives raw split-adjusted OHLC plus ``Adj Close`` (``auto_adjust=False``); then
   - US stocks, ETFs, indices (``total_return``): OHLC scaled by Adj Close / Close, as ``auto_adjust`` would, so
     close includes dividends; ``adj_close`` equals ``close``;
   - Tokyo and Seoul (``split_only``): OHLC as Yahoo prints them, adjusted for splits only; ``adj_close`` keeps
     Yahoo's dividend-adjusted close;
   - FX (``rate``): the quoted rate; ``adj_close`` equals ``close``. Yahoo's rates are not FRED's noon fixings
     that the snapshot ships; a cached FX series is wholly Yahoo's.
3. ``frame_problem``: why a normalised frame is not usable whole, judged against the dates its exchange group
   traded: empty, duplicated dates, a session missing inside its range, or an early stop.
"""

from __future__ import annotations

import pandas as pd

from aitheme.data.errors import DataError

COLUMNS = ["open", "high", "low", "close", "adj_close", "volume"]
YAHOO_COLUMNS = {
    "Open": "open",
    "High": "high",
    "Low": "low",
    "Close": "close",
    "Adj Close": "adj_close",
    "Volume": "volume",
}
EARLY_STOP_SESSIONS = 3  # a ticker ending this many sessions before its batch is partial


def split_download(frame: pd.DataFrame, tickers: list[str]) -> dict[str, pd.DataFrame]:
    """Per-ticker frames (Yahoo's column names) out of a ``yf.download`` result.

    yfinance 1.x with ``group_by='column'`` puts (Price, Ticker) on the columns; a ticker that failed
    has all-NaN columns (or none at all when every ticker failed).
    """
    if frame is None or frame.empty:
        return {t: pd.DataFrame() for t in tickers}
    if not isinstance(frame.columns, pd.MultiIndex):
        raise DataError(
            f"yf.download returned flat columns {list(frame.columns)[:8]}; expected a (Price, Ticker) "
            "MultiIndex: was multi_level_index changed?"
        )
    names = list(frame.columns.names)
    level = names.index("Ticker") if "Ticker" in names else 1
    present = set(frame.columns.get_level_values(level))
    out = {}
    for ticker in tickers:
        key = ticker if ticker in present else ticker.upper()
        out[ticker] = frame.xs(key, axis=1, level=level) if key in present else pd.DataFrame()
    return out


def normalise(frame: pd.DataFrame, basis: str) -> pd.DataFrame:
    """One ticker's Yahoo frame -> ``date`` + ``COLUMNS`` in the snapshot's basis, sessions with a close only."""
    missing = [c for c in YAHOO_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"expected Yahoo columns {', '.join(YAHOO_COLUMNS)}; missing {', '.join(missing)}")
    index = pd.DatetimeIndex(frame.index)
    if index.tz is not None:
        index = index.tz_localize(None)  # keep the exchange-local wall date; tz_convert would shift Asia a day
    out = frame[list(YAHOO_COLUMNS)].rename(columns=YAHOO_COLUMNS).astype("float64")
    out.index = index.normalize()
    out = out[out["close"].notna()]
    if basis == "total_return":
        factor = out["adj_close"] / out["close"]
        factor = factor.where(factor.notna() & (factor > 0), 1.0)
        out[["open", "high", "low", "close"]] = out[["open", "high", "low", "close"]].mul(factor, axis=0)
        out["adj_close"] = out["close"]
    elif basis == "rate":
        out["adj_close"] = out["close"]
    elif basis != "split_only":
        raise DataError(f"price basis must be total_return, split_only or rate; got {basis!r}")
    out.index.name = "date"
    return out.reset_index()


def frame_problem(frame: pd.DataFrame, peers: pd.DatetimeIndex) -> str | None:
    """Why a normalised frame is not usable whole (None when it is)."""
    if frame.empty:
        return "empty"
    dates = pd.DatetimeIndex(frame["date"])
    if dates.duplicated().any():
        return f"duplicated dates {sorted({str(d.date()) for d in dates[dates.duplicated()]})[:3]}"
    inside = peers[(peers >= dates[0]) & (peers <= dates[-1])]
    holes = inside.difference(dates)
    if len(holes):
        return f"{len(holes)} session(s) missing inside its range, first {holes[0].date()}"
    later = peers[peers > dates[-1]]
    if len(later) >= EARLY_STOP_SESSIONS:
        return f"stops on {dates[-1].date()} while its batch runs to {peers[-1].date()}"
    return None
