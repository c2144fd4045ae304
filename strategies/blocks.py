"""Building blocks for rules, named by role as bt's algos are: *when* to act, *what* to hold, *how much*.

Each takes closes (sessions x tickers) or a ``Context`` and returns sessions or weights, so a rule reads as a
sentence: "from the entry, rebalance quarterly to equal weights of the Top Picks". ``hold`` is the rule of most
calls: the universe in equal weight from the call's first possible trade, held.

A name that lists after the entry (no close yet: ARM from 2023-09-14) cannot be bought there. ``hold`` buys it
when it lists: ``listing_sessions`` are the sessions of each such name's first real close, and the basket
returns to equal weight over every priced name at that close (decided there, traded ``lag`` sessions later
like every decision). A call may declare ``"listings": LISTINGS`` to let ``-p listings=wait`` turn it off
(the name then waits for the next rebalance, or is never bought when there is none); a rule built from
``rebalance_sessions`` gets the same by passing ``listings=ctx.close``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from aitheme.strategies.context import Context
from aitheme.strategies.model import CallError, Param, Params

REBALANCE_FREQUENCIES = ("none", "monthly", "quarterly", "annually")
_PERIOD_CODE = {"monthly": "M", "quarterly": "Q", "annually": "Y"}
REBALANCE = Param("none", "how often weights return to their targets", choices=REBALANCE_FREQUENCIES)
LISTINGS = Param(
    "join",
    "a name without prices at the entry: join the basket at its first close (equal weight again), or wait for "
    "the next rebalance",
    choices=("join", "wait"),
)


# --- When -------------------------------------------------------------------------------------------


def sessions_before_all_trade(close: pd.DataFrame, tickers: Sequence[str] | None = None) -> pd.DatetimeIndex:
    """Sessions whose next session has a close for every ticker (markets on different calendars).

    A decision is traded at a later close; when one market is shut that day its names would wait for their next
    real close while the others trade. Deciding only on these sessions keeps a basket's legs on the same close.
    Exchange holidays are published in advance, so this is no look-ahead.
    """
    tickers = list(close.columns if tickers is None else tickers)
    all_trade = close[tickers].notna().all(axis=1)
    return pd.DatetimeIndex(close.index[all_trade.shift(-1, fill_value=False).to_numpy(dtype=bool)])


def listing_sessions(close: pd.DataFrame, start: pd.Timestamp) -> pd.DatetimeIndex:
    """The session of each name's first real close when it comes after ``start`` (the name listed later)."""
    firsts = close.apply(lambda column: column.first_valid_index())
    return pd.DatetimeIndex(sorted({day for day in firsts.dropna() if day > start}))


def rebalance_sessions(
    index: pd.DatetimeIndex, start: pd.Timestamp, frequency: str, listings: pd.DataFrame | None = None
) -> pd.DatetimeIndex:
    """``start`` plus the last session of every later month, quarter or year (none: ``start`` only); with
    ``listings`` (closes), also the first close of each name that lists after ``start``."""
    joins = listing_sessions(listings, start) if listings is not None else pd.DatetimeIndex([])
    return _periodic(index, start, frequency).union(joins[joins.isin(index)])


def _periodic(index: pd.DatetimeIndex, start: pd.Timestamp, frequency: str) -> pd.DatetimeIndex:
    if frequency not in REBALANCE_FREQUENCIES:
        raise CallError(f"rebalance frequency must be one of {REBALANCE_FREQUENCIES}; got {frequency!r}")
    after = index[index >= start]
    if frequency == "none" or len(after) == 0:
        return pd.DatetimeIndex([start])
    code = _PERIOD_CODE[frequency]
    periods = after.to_period(code)
    period_ends = after[~periods.duplicated(keep="last")]
    # The period that holds the entry and the one still open at the end of data are not rebalanced.
    period_ends = period_ends[(period_ends.to_period(code) > start.to_period(code)) & (period_ends < after[-1])]
    return pd.DatetimeIndex([start]).union(period_ends)


def first_on_or_after(index: pd.DatetimeIndex, day: pd.Timestamp) -> pd.Timestamp:
    """The first session of ``index`` on or after ``day``."""
    position = int(index.searchsorted(day))
    if position >= len(index):
        raise CallError(f"no session on or after {day.date()}: the sessions end {index[-1].date()}")
    return index[position]


def changes_only(position: pd.Series, start: pd.Timestamp) -> pd.Series:
    """``position`` from ``start`` on, kept at ``start`` and where it changes, NaN elsewhere: an order only when the
    holding moves, no daily churn while it stands."""
    held = position.loc[start:]
    return held.where(held.ne(held.shift()))


# --- What and how much -------------------------------------------------------------------------------


def equal_weight(close: pd.DataFrame, sessions: pd.DatetimeIndex, tickers: Sequence[str] | None = None) -> pd.DataFrame:
    """Equal weights on ``sessions`` across the ``tickers`` that have a price on that session."""
    tickers = list(close.columns if tickers is None else tickers)
    listed = close.loc[sessions, tickers].notna()
    counts = listed.sum(axis=1).replace(0, np.nan)
    return listed.astype(float).div(counts, axis=0).fillna(0.0)


def fixed_weights(sessions: pd.DatetimeIndex, weights: dict[str, float]) -> pd.DataFrame:
    """The same weights on every session of ``sessions``."""
    return pd.DataFrame([weights] * len(sessions), index=sessions, dtype=float)


def inverse_volatility(
    close: pd.DataFrame, sessions: pd.DatetimeIndex, lookback: int, tickers: Sequence[str] | None = None
) -> pd.DataFrame:
    """Weights proportional to 1 / (daily-return volatility over the ``lookback`` sessions up to each session).

    Each name's volatility is measured on its own trading sessions (markets shut on different days), and on a
    session where it did not trade its latest figure stands.
    """
    tickers = list(close.columns if tickers is None else tickers)
    vol = pd.DataFrame(index=close.index, columns=tickers, dtype=float)
    for ticker in tickers:
        own = close[ticker].dropna()
        rolling = own.pct_change().rolling(lookback, min_periods=max(lookback // 2, 2)).std()
        vol[ticker] = rolling.reindex(close.index).ffill()
    inverse = (1.0 / vol.loc[sessions]).replace([np.inf, -np.inf], np.nan)
    return inverse.div(inverse.sum(axis=1), axis=0).fillna(0.0)


def on_sessions(weights: pd.DataFrame, index: pd.DatetimeIndex) -> pd.DataFrame:
    """Target weights laid on the full session index: rows not in ``weights`` are NaN (no order)."""
    return weights.reindex(index=index)


# --- Whole rules ---------------------------------------------------------------------------------------


def hold(ctx: Context, params: Params) -> pd.DataFrame:
    """The universe in equal weight from the call's first possible trade, held (``rebalance``: back to equal
    weight at the end of every month, quarter or year, when the call declares that parameter); a name that lists
    later joins at its first close, the basket back to equal weight there (``listings="wait"``: it does not)."""
    frequency = params.get("rebalance", "none")
    joining = ctx.close if params.get("listings", "join") == "join" else None
    sessions = rebalance_sessions(ctx.sessions, ctx.entry, frequency, listings=joining)
    return on_sessions(equal_weight(ctx.close, sessions), ctx.sessions)
