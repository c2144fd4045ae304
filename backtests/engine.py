"""The engine: target weights -> vectorbt portfolio, with a one-session lag, costs and shared cash.

1. Lay the target weights on the session index and shift them ``lag`` sessions (default 1): a row
   computed from prices up to session t is traded at the close of session t+1. ``lag=0`` must be
   asked for explicitly.
2. In a row with any weight, a missing weight means 0 (sell it); an all-NaN row places no order.
3. ``Portfolio.from_orders`` with ``size_type='targetpercent'``, one group with shared cash and
   ``call_seq='auto'`` so sells settle before buys; fees and slippage are fractions of traded value;
   shares are fractional.
4. Held weights are each asset's value over the portfolio's value at the close, cash included.

Sweeps and random baskets run many portfolios as columns of one call: ``simulate_columns`` takes
plain arrays (one group of columns per portfolio) through the same ``from_orders`` settings and reads
the daily returns straight from vectorbt's accounting kernels, skipping pandas wrapping.
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
    laid = targets.reindex(index=index)
    late = targets.index.difference(index)
    if len(late):
        raise EngineError(f"target weights dated {late[0].date()} fall on no session of the price index")
    orders = order_array(laid.to_numpy(dtype=float)[:, None, :], lag)[:, 0, :]
    return pd.DataFrame(orders, index=laid.index, columns=laid.columns)


def order_array(targets: np.ndarray, lag: int) -> np.ndarray:
    """``orders_from_targets`` for many portfolios: targets (sessions, portfolios, assets) -> orders, same shape.

    In a row where a portfolio has any weight its missing weights become 0; the rows move ``lag`` down.
    """
    if not isinstance(lag, (int, np.integer)) or lag < 0:
        raise EngineError(f"lag must be a whole number of sessions >= 0; got {lag!r}")
    active = ~np.isnan(targets).all(axis=2, keepdims=True)
    filled = np.where(active & np.isnan(targets), 0.0, targets)
    orders = np.full(targets.shape, np.nan)
    orders[lag:] = filled[: len(filled) - lag]
    return orders


def simulate(
    close: pd.DataFrame, targets: pd.DataFrame, *, lag: int = 1, costs: Costs = Costs(), init_cash: float = INIT_CASH
):
    """Run ``targets`` (sessions x tickers) against ``close`` (same columns) and return the Portfolio."""

    unknown = targets.columns.difference(close.columns)
    if len(unknown):
        raise EngineError(f"target weights name {list(unknown)} but prices have only {list(close.columns)}")
    orders = orders_from_targets(targets.reindex(columns=close.columns), close.index, lag)
    check_orders(orders, close)
    # Holdings are valued at the last price on sessions when another market traded and this one did not.
    return from_orders(close.ffill(), orders, costs=costs, init_cash=init_cash)


def from_orders(close, orders, *, costs: Costs, init_cash: float, group_by=True, max_orders: int | None = None):
    """The one ``Portfolio.from_orders`` call of the project: target percentages, long only, shared cash.

    ``group_by`` True makes one portfolio of all columns; an array of group ids makes one per id;
    None makes every column its own portfolio (the same thing, cheaper, when each holds one asset).
    """
    import vectorbt as vbt

    grouping = {} if group_by is None else {"cash_sharing": True, "group_by": group_by, "call_seq": "auto"}
    return vbt.Portfolio.from_orders(
        close=close,
        size=orders,
        size_type="targetpercent",
        direction="longonly",
        fees=costs.fees,
        slippage=costs.slippage,
        init_cash=init_cash,
        freq="1D",
        max_orders=max_orders,
        **grouping,
    )


def simulate_columns(
    close: np.ndarray, orders: np.ndarray, *, assets: int, costs: Costs = Costs(), init_cash: float = INIT_CASH
) -> np.ndarray:
    """Daily returns (sessions, portfolios) of many portfolios in one simulation.

    ``orders`` is (sessions, portfolios * assets), each portfolio's ``assets`` columns side by side, as
    ``order_array`` makes them (already lagged). ``close`` is forward-filled and either the same shape
    or (sessions, assets) when every portfolio trades the same assets.
    """
    from vectorbt.portfolio import dispatch
    from vectorbt.portfolio.enums import Direction
    from vectorbt.returns import dispatch as returns_dispatch

    sessions, portfolios = len(orders), orders.shape[1] // assets
    if close.shape[1] != orders.shape[1] and assets > 1:
        close = np.tile(close, (1, portfolios))
    check_order_array(
        orders.reshape(sessions, portfolios, assets),
        close.reshape(sessions, -1, assets) if close.shape[1] > 1 else close[:, None, :],
    )
    groups = None if assets == 1 else np.repeat(np.arange(portfolios), assets)
    count = int(np.count_nonzero(~np.isnan(orders)))
    portfolio = from_orders(close, orders, costs=costs, init_cash=init_cash, group_by=groups, max_orders=max(count, 1))
    # vectorbt's own accounting kernels, as Portfolio.returns runs them, on arrays without pandas.
    records, col_map, shape = portfolio.orders.values, portfolio.orders.col_mapper.col_map, orders.shape
    held = dispatch.assets(dispatch.asset_flow(shape, records, col_map, Direction.Both))
    held = np.where(held > 0, held, 0.0)
    value = np.where(held > 0, np.nan_to_num(close) * held, 0.0)
    cash_flow = dispatch.cash_flow(shape, records, col_map, False)
    starting = np.full(portfolios, float(init_cash))
    if assets > 1:
        lens = np.full(portfolios, assets)
        cash = dispatch.cash_grouped(shape, dispatch.cash_flow_grouped(cash_flow, lens), lens, starting)
        value = dispatch.asset_value_grouped(value, lens)
    else:
        cash = dispatch.cash(cash_flow, starting)
    return returns_dispatch.returns(dispatch.value(cash, value), starting)


def check_order_array(orders: np.ndarray, close: np.ndarray) -> None:
    """``check_orders`` for orders (sessions, portfolios, assets) against close (sessions, assets) or the same shape."""
    # fmax/fmin reductions skip NaN without the copies nansum makes: this runs on every sweep chunk.
    gross = orders[:, :, 0] if orders.shape[2] == 1 else np.nansum(np.abs(orders), axis=2)
    if np.fmax.reduce(gross, axis=None, initial=0.0) > 1.0 + 1e-9:
        raise EngineError(f"target weights must sum to at most 1 (no leverage); found {np.nanmax(gross):.4f}")
    if np.fmin.reduce(orders, axis=None, initial=0.0) < 0:
        raise EngineError("target weights must be >= 0 (long only)")
    priced = ~np.isnan(close if close.ndim == 3 else close[:, None, :])
    if ((orders > 0) & ~priced).any():
        raise EngineError("a target weight falls on a session before its asset has a price")


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
