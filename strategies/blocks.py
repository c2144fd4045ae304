"""Building blocks named by role, in the manner of bt's algos: *when* to act, *what* to hold, *how much*.

Each takes the wide close frame (sessions x tickers) and returns dates or weights; a strategy file
composes them into a sentence: "from the first session after publication, rebalance quarterly to
equal weights of the Top Picks".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from aitheme.strategies.base import StrategyError

REBALANCE_FREQUENCIES = ("none", "monthly", "quarterly", "annually")
_PERIOD_CODE = {"monthly": "M", "quarterly": "Q", "annually": "Y"}


# --- When -------------------------------------------------------------------------------------


def first_session_on_or_after(index: pd.DatetimeIndex, day: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    """The first session in ``index`` dated ``day`` or later."""
    pos = index.searchsorted(pd.Timestamp(day))
    if pos >= len(index):
        raise StrategyError(f"no session on or after {pd.Timestamp(day).date()}: data ends {index[-1].date()}")
    return index[pos]


def signal_session(index: pd.DatetimeIndex, tradable_from: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    """The session whose signal the engine trades first on or after ``tradable_from``.

    The engine trades a weight row one session after its date, so a call that may be traded from day
    D is signalled on the last session before D (and on the first session when D precedes the data).
    """
    first = first_session_on_or_after(index, tradable_from)
    return index[max(index.get_loc(first) - 1, 0)]


def sessions_before_all_trade(prices: pd.DataFrame, tickers=None) -> pd.DatetimeIndex:
    """Sessions whose next session has a close for every ticker (markets on different calendars).

    The engine trades a signal at the next session's close; when one market is shut that day, its names
    would be filled at a stale close, the very price the signal saw. Signalling only on these sessions
    makes every trade land on a real close of every name. Exchange holidays are published in advance.
    """
    tickers = list(prices.columns if tickers is None else tickers)
    all_trade = prices[tickers].notna().all(axis=1)
    return prices.index[all_trade.shift(-1, fill_value=False).to_numpy(dtype=bool)]


def rebalance_sessions(index: pd.DatetimeIndex, start: pd.Timestamp, frequency: str) -> pd.DatetimeIndex:
    """``start`` plus the last session of every later month, quarter or year (none: ``start`` only)."""
    if frequency not in REBALANCE_FREQUENCIES:
        raise StrategyError(f"rebalance frequency must be one of {REBALANCE_FREQUENCIES}; got {frequency!r}")
    after = index[index >= start]
    if frequency == "none" or len(after) == 0:
        return pd.DatetimeIndex([start])
    periods = after.to_period(_PERIOD_CODE[frequency])
    period_ends = after[~periods.duplicated(keep="last")]
    # The period that holds the entry and the one still open at the end of data are not rebalanced.
    code = _PERIOD_CODE[frequency]
    period_ends = period_ends[(period_ends.to_period(code) > start.to_period(code)) & (period_ends < after[-1])]
    return pd.DatetimeIndex([start]).union(period_ends)


# --- What and how much ------------------------------------------------------------------------


def equal_weight(prices: pd.DataFrame, sessions: pd.DatetimeIndex, tickers=None) -> pd.DataFrame:
    """Equal weights on ``sessions`` across the ``tickers`` that have a price on that session."""
    tickers = list(prices.columns if tickers is None else tickers)
    listed = prices.loc[sessions, tickers].notna()
    counts = listed.sum(axis=1).replace(0, np.nan)
    return listed.astype(float).div(counts, axis=0).fillna(0.0)


def fixed_weights(sessions: pd.DatetimeIndex, weights: dict[str, float]) -> pd.DataFrame:
    """The same weights on every session of ``sessions``."""
    return pd.DataFrame([weights] * len(sessions), index=sessions, dtype=float)


def inverse_volatility(prices: pd.DataFrame, sessions: pd.DatetimeIndex, lookback: int, tickers=None) -> pd.DataFrame:
    """Weights proportional to 1 / (daily-return volatility over the ``lookback`` sessions up to each session).

    Each name's volatility is measured on its own trading sessions (markets shut on different days), and
    on a session where it did not trade its latest figure stands.
    """
    tickers = list(prices.columns if tickers is None else tickers)
    vol = pd.DataFrame(index=prices.index, columns=tickers, dtype=float)
    for ticker in tickers:
        own = prices[ticker].dropna()
        rolling = own.pct_change().rolling(lookback, min_periods=max(lookback // 2, 2)).std()
        vol[ticker] = rolling.reindex(prices.index).ffill()
    inverse = (1.0 / vol.loc[sessions]).replace([np.inf, -np.inf], np.nan)
    return inverse.div(inverse.sum(axis=1), axis=0).fillna(0.0)


def on_sessions(weights: pd.DataFrame, index: pd.DatetimeIndex) -> pd.DataFrame:
    """Target weights laid on the full session index: rows not in ``weights`` are NaN (no order)."""
    return weights.reindex(index=index)
