"""When a call can first trade, and when each order lands: timing belongs to the pipeline, never to a rule.

1. A document becomes public at a moment (``Document.public_at``, time-zone aware). For each exchange of the
   call's tickers, the first session at whose close the call can trade is the first session whose closing time
   (from ``exchange_calendars``) is after that moment; a basket across markets waits for the last of them. The
   calendars decide, not which rows happen to exist in the data. A hindsight entry trades from ``trade_from``.
2. Target weights decided on session t are traded ``lag`` sessions later (``orders``).
3. Nothing trades before the first possible trade: the last order decided before it is carried to it.
4. No order is filled at a forward-filled price: a name without a real close on a session (its market shut, a
   hole in its data) gets its order at its next real close; a name whose data end early is sold at its last
   real close and never bought again (the report names it).

The order arrays are (sessions, portfolios, assets), so a single run, a sweep and random baskets share them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from aitheme.backtests.errors import TimingError
from aitheme.data.calendars import session_closes
from aitheme.data.instrument_table import exchange_of


def first_session_after(moment: pd.Timestamp, exchange: str) -> pd.Timestamp | None:
    """The first session of ``exchange`` whose close is after ``moment`` (None when the calendar is unknown)."""
    closes = session_closes(exchange)
    if closes is None:
        return None
    later = closes[closes > moment.tz_convert("UTC")]
    if later.empty:
        raise TimingError(f"{exchange} has no session after {moment}")
    return pd.Timestamp(later.index[0])


def first_possible_trade(public_at: dt.datetime, tickers: list[str], sessions: pd.DatetimeIndex) -> pd.Timestamp:
    """The session of ``sessions`` at whose close a call public at ``public_at`` can first trade ``tickers``."""
    moment = pd.Timestamp(public_at)
    firsts = [first_session_after(moment, exchange) for exchange in sorted({exchange_of(t) for t in tickers})]
    known = [f for f in firsts if f is not None]
    # No calendar (an FX-only universe): the first data session after the moment's local date.
    earliest = max(known) if known else pd.Timestamp(moment.date()) + pd.Timedelta(days=1)
    return on_or_after(sessions, earliest)


def on_or_after(sessions: pd.DatetimeIndex, day: dt.date | pd.Timestamp) -> pd.Timestamp:
    position = int(sessions.searchsorted(pd.Timestamp(day)))
    if position >= len(sessions):
        raise TimingError(f"no data on or after {pd.Timestamp(day).date()}: the data end {sessions[-1].date()}")
    return sessions[position]


# --- Orders ------------------------------------------------------------------------------------------------


def lagged(targets: np.ndarray, lag: int) -> np.ndarray:
    """Decision-dated targets (sessions, portfolios, assets) as trade-dated orders: in a row where a portfolio has
    any weight its missing weights become 0 (sold); the rows move ``lag`` sessions down."""
    if not isinstance(lag, (int, np.integer)) or isinstance(lag, bool) or lag < 0:
        raise TimingError(f"lag must be a whole number of sessions >= 0; got {lag!r}")
    orders = np.empty(targets.shape)
    orders[:lag] = np.nan
    moved = orders[lag:]
    np.copyto(moved, targets[: max(len(targets) - lag, 0)])
    if targets.shape[2] > 1:  # with one asset a row with any weight has no missing one (a sweep's common case)
        missing = np.isnan(moved)
        moved[missing & ~missing.all(axis=2, keepdims=True)] = 0.0
    return orders


def not_before(orders: np.ndarray, first: int) -> np.ndarray:
    """Orders with nothing before row ``first``: each portfolio's last earlier order is carried to ``first``
    when it has none there (the position the rule wanted at that moment)."""
    if first <= 0:
        return orders
    out = orders.copy()
    active = ~np.isnan(orders[:first]).all(axis=2)  # (first, portfolios)
    last = np.where(active, np.arange(first)[:, None], -1).max(axis=0)
    empty_at_first = np.isnan(orders[first]).all(axis=1)
    carry = (last >= 0) & empty_at_first
    portfolios = np.flatnonzero(carry)
    out[first, portfolios] = orders[last[portfolios], portfolios]
    out[:first] = np.nan
    return out


def on_real_closes(orders: np.ndarray, real: np.ndarray) -> np.ndarray:
    """Each asset's orders moved off sessions where it has no real close (``real``: sessions x assets) to its next
    real close; an order decided meanwhile for the same asset supersedes it. Orders past its last real close are
    dropped (``exit_at_data_end`` sells it there)."""
    n = len(orders)
    rows = np.arange(n)[:, None, None]
    has = ~np.isnan(orders)
    last_order = np.maximum.accumulate(np.where(has, rows, -1), axis=0)  # latest order row at or before each row
    real3 = np.broadcast_to(real[:, None, :], orders.shape)
    real_rows = np.where(real3, rows, -1)
    previous_real = np.concatenate([np.full((1, *orders.shape[1:]), -1), np.maximum.accumulate(real_rows, axis=0)[:-1]])
    pending = real3 & (last_order > previous_real)
    taken = np.take_along_axis(orders, np.maximum(last_order, 0), axis=0)
    return np.where(pending, taken, np.nan)


def exit_at_data_end(orders: np.ndarray, last_real: np.ndarray) -> np.ndarray:
    """Sell each asset at its last real close when its data end before the window's (``last_real``: row per asset,
    -1 without data); nothing is bought after it."""
    n = len(orders)
    out = orders.copy()
    for asset, last in enumerate(last_real):
        if 0 <= last < n - 1:
            out[last, :, asset] = 0.0
            out[last + 1 :, :, asset] = np.nan
    return out


def last_priced(real: np.ndarray) -> np.ndarray:
    """Row of each asset's last real close (-1 when it has none)."""
    flipped = real[::-1].argmax(axis=0)
    return np.where(real.any(axis=0), len(real) - 1 - flipped, -1)
