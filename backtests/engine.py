"""The engine: target weights -> vectorbt portfolio, with a one-session lag, costs and shared cash.

1. Lay the target weights on the session index and shift them ``lag`` sessions (default 1): a row
   computed from prices up to session t is traded at the close of session t+1. ``lag=0`` must be
   asked for explicitly.
2. In a row with any weight, a missing weight means 0 (sell it); an all-NaN row places no order.
3. ``Portfolio.from_orders`` with ``size_type='targetpercent'``, one group with shared cash and
   ``call_seq='auto'`` so sells settle before buys; fees and slippage are fractions of traded value;
   shares are fractional.
4. Held weights are each asset's value over the portfolio's value at the close, cash included.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DEFAULT_FEES = 0.001  # 10 bp a side: a commission plus spread typical of a liquid US stock
DEFAULT_SLIPPAGE = 0.0005  # 5 bp of adverse price on every fill
INIT_CASH = 100_000.0


class EngineError(ValueError):
    """Inputs the engine cannot simulate honestly (weights without prices, negative lag...)."""


@dataclass(frozen=True)
class Costs:
    fees: float = DEFAULT_FEES
    slippage: float = DEFAULT_SLIPPAGE

    def __post_init__(self):
        for name in ("fees", "slippage"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and 0.0 <= value < 0.5):
                raise EngineError(f"{name} must be a fraction in [0, 0.5), e.g. 0.001 for 10 bp; got {value!r}")


def orders_from_targets(targets: pd.DataFrame, index: pd.DatetimeIndex, lag: int) -> pd.DataFrame:
    """Target weights as orders on ``index``: shifted ``lag`` sessions, NaN where no order is placed."""
    if not isinstance(lag, (int, np.integer)) or lag < 0:
        raise EngineError(f"lag must be a whole number of sessions >= 0; got {lag!r}")
    laid = targets.reindex(index=index)
    late = targets.index.difference(index)
    if len(late):
        raise EngineError(f"target weights dated {late[0].date()} fall on no session of the price index")
    active = laid.notna().any(axis=1)
    laid = laid.where(~active, laid.fillna(0.0), axis=0)
    return laid.shift(lag)


def simulate(close: pd.DataFrame, targets: pd.DataFrame, *, lag: int = 1, costs: Costs = Costs(),
             init_cash: float = INIT_CASH):
    """Run ``targets`` (sessions x tickers) against ``close`` (same columns) and return the Portfolio."""
    import vectorbt as vbt

    unknown = targets.columns.difference(close.columns)
    if len(unknown):
        raise EngineError(f"target weights name {list(unknown)} but prices have only {list(close.columns)}")
    orders = orders_from_targets(targets.reindex(columns=close.columns), close.index, lag)
    check_orders(orders, close)
    # Holdings are valued at the last price on sessions when another market traded and this one did not.
    valued = close.ffill()
    return vbt.Portfolio.from_orders(
        close=valued,
        size=orders,
        size_type="targetpercent",
        direction="longonly",
        fees=costs.fees,
        slippage=costs.slippage,
        init_cash=init_cash,
        cash_sharing=True,
        group_by=True,
        call_seq="auto",
        freq="1D",
    )


def check_orders(orders: pd.DataFrame, close: pd.DataFrame) -> None:
    gross = orders.abs().sum(axis=1)
    if (gross > 1.0 + 1e-9).any():
        day = gross[gross > 1.0 + 1e-9].index[0]
        raise EngineError(f"target weights must sum to at most 1 (no leverage); {day.date()} sums to {gross[day]:.4f}")
    if (orders < 0).any().any():
        raise EngineError("target weights must be >= 0 (long only)")
    unpriced = (orders > 0) & close.ffill().isna()
    if unpriced.any().any():
        day, ticker = unpriced.stack().loc[lambda s: s].index[0]
        raise EngineError(f"target weight for {ticker} on {day.date()} but it has no price yet")


def held_weights(portfolio) -> pd.DataFrame:
    """Weights actually held at each session's close: assets and ``cash``, summing to 1."""
    value = portfolio.value()
    held = portfolio.asset_value(group_by=False).div(value, axis=0)
    held["cash"] = portfolio.cash().div(value, axis=0)
    return held
