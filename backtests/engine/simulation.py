"""The engine: trade-dated orders -> vectorbt portfolio, with costs and shared cash.

1. Orders arrive already timed by ``aitheme.backtests.engine.timing`` (lagged, nothing before the call was public, only
   on real closes). A row with any weight is a rebalance of that portfolio; NaN means no order.
2. ``Portfolio.from_orders`` with ``size_type='targetpercent'``, long only, one group with shared cash and
   ``call_seq='auto'`` so sells settle before buys; fees and slippage are fractions of traded value; shares are
   fractional. Holdings are valued at each name's last close (forward-filled within its own data only).
3. The portfolio is vectorbt's with a year of 252 sessions, so ``portfolio.stats()`` annualises as metrics.json.
4. Held weights are each asset's value over the portfolio's value at the close, cash included.

Sweeps and random baskets run many portfolios as columns of one call: ``simulate_columns`` takes plain arrays
(one group of columns per portfolio) through the same ``from_orders`` settings and reads the daily returns straight
from vectorbt's accounting kernels, skipping pandas wrapping.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from aitheme.backtests.errors import EngineError

DEFAULT_FEES = 0.001  # 10 bp a side: a commission plus spread typical of a liquid US stock
DEFAULT_SLIPPAGE = 0.0005  # 5 bp of adverse price on every fill
INIT_CASH = 100_000.0
YEAR = "252 days"  # vectorbt's year for a daily index: 252 sessions, as metrics.json
MIN_SIZE = 1e-8  # vectorbt's default smallest order, in shares


@dataclass(frozen=True)
class Costs:
    fees: float = DEFAULT_FEES
    slippage: float = DEFAULT_SLIPPAGE

    def __post_init__(self) -> None:
        for name in ("fees", "slippage"):
            value = getattr(self, name)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            if not (ok and 0.0 <= value < 0.5):
                raise EngineError(f"{name} must be a fraction in [0, 0.5), e.g. 0.001 for 10 bp; got {value!r}")


@lru_cache(maxsize=1)
def portfolio_class() -> Any:
    """vectorbt's ``Portfolio`` whose returns statistics use a 252-session year (imported on first use)."""
    import vectorbt as vbt
    from vectorbt.utils.config import merge_dicts

    class SessionPortfolio(vbt.Portfolio):
        """A vectorbt Portfolio annualised over 252 sessions, so ``stats()`` agrees with metrics.json."""

        @property
        def stats_defaults(self):
            return merge_dicts(super().stats_defaults, dict(settings=dict(year_freq=YEAR)))

        def get_returns_acc(self, *args, year_freq=None, **kwargs):
            return super().get_returns_acc(*args, year_freq=year_freq or YEAR, **kwargs)

    return SessionPortfolio


def from_orders(close, orders, *, costs: Costs, init_cash: float, group_by: Any = True, max_orders: int | None = None):
    """The one ``Portfolio.from_orders`` call of the project: target percentages, long only, shared cash.

    ``group_by`` True makes one portfolio of all columns; an array of group ids makes one per id; None makes every
    column its own portfolio (the same thing, cheaper, when each holds one asset).
    """
    grouping = {} if group_by is None else {"cash_sharing": True, "group_by": group_by, "call_seq": "auto"}
    return portfolio_class().from_orders(
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


def simulate(close: pd.DataFrame, orders: pd.DataFrame, *, costs: Costs = Costs(), init_cash: float = INIT_CASH):
    """Run trade-dated ``orders`` (sessions x tickers) against ``close`` (same shape) and return the Portfolio."""
    check_orders(orders, close)
    return from_orders(close.ffill(), orders, costs=costs, init_cash=init_cash)


def simulate_columns(
    close: np.ndarray,
    orders: np.ndarray,
    *,
    assets: int,
    costs: Costs = Costs(),
    init_cash: float = INIT_CASH,
    distinct: bool = True,
) -> np.ndarray:
    """Daily returns (sessions, portfolios) of many portfolios in one simulation.

    ``orders`` is (sessions, portfolios * assets), each portfolio's ``assets`` columns side by side, already timed.
    ``close`` is forward-filled and either the same shape or (sessions, assets) when every portfolio trades the
    same assets.

    The same simulation as ``from_orders`` (its settings, vectorbt's own kernel and accounting), called on the
    arrays directly, and only on the sessions where some portfolio trades:

    1. Between two such sessions nothing but prices moves: no order, no fee, no cash flow; an order's price and
       the value it targets a share of are that session's close (forward-filled, so the close the kernel would
       have carried). So the kernel runs on the trading sessions alone: the same order records as a run over
       every session, at a fraction of the rows (a monthly basket trades on one session in twenty, and sorts its
       sells before its buys only there).
    2. The same holds for vectorbt's accounting kernels: shares held and cash are running sums of the order
       records' flows, so they are computed on the trading sessions and each session takes the state after the
       last trading session on or before it (before the first: nothing held, the starting cash). Adding a zero
       flow changes no running sum, so these are the very numbers the kernels give over every session.
    3. Portfolios whose orders are the same, bit for bit (a sweep's combinations often trade alike), are
       simulated once when they share ``close`` (``distinct``): their returns are that one simulation's, since
       portfolios never share cash. ``distinct=False`` simulates every column (what ``aitheme bench`` also times).
    4. No ``Portfolio`` around it: it would broadcast ``close`` to every column, build a pandas wrapper and a
       call sequence of that size, which cost a sweep more than the simulation itself. Value at each close is
       cash plus shares times that close (a basket's close read per portfolio, never copied to every column);
       daily returns from vectorbt's returns kernel, as ``Portfolio.returns`` runs it.
    """
    sessions, portfolios = len(orders), orders.shape[1] // assets
    orders = np.ascontiguousarray(orders, dtype=np.float64)
    close = np.ascontiguousarray(close, dtype=np.float64)
    if distinct and portfolios > 1 and close.shape[1] == assets:
        first, same_as = distinct_portfolios(orders.reshape(sessions, portfolios, assets))
        if len(first) < portfolios:
            chosen = orders.reshape(sessions, portfolios, assets)[:, first].reshape(sessions, -1)
            return np.take(_simulated(close, chosen, assets, costs, init_cash), same_as, axis=1)
    return _simulated(close, orders, assets, costs, init_cash)


def distinct_portfolios(orders: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For orders (sessions, portfolios, assets): the first portfolio of each distinct set of orders (bit for bit),
    and for every portfolio the position of its set among those."""
    trading = ~np.isnan(orders).all(axis=(1, 2))
    rows = np.ascontiguousarray(orders[trading].transpose(1, 0, 2)).reshape(orders.shape[1], -1)
    seen: dict[bytes, int] = {}
    same_as = np.fromiter((seen.setdefault(row.tobytes(), len(seen)) for row in rows), np.int64, len(rows))
    first = np.unique(same_as, return_index=True)[1]
    return first, same_as


def _simulated(close: np.ndarray, orders: np.ndarray, assets: int, costs: Costs, init_cash: float) -> np.ndarray:
    """Daily returns of every portfolio of ``orders``: points 1, 2 and 4 of ``simulate_columns``."""
    from vectorbt.portfolio import dispatch
    from vectorbt.returns import dispatch as returns_dispatch

    sessions, portfolios = len(orders), orders.shape[1] // assets
    trading = np.flatnonzero(~np.isnan(orders).all(axis=1))
    group_lens = np.full(portfolios, assets, dtype=np.int64)
    starting = np.full(portfolios, float(init_cash))
    if len(trading):
        check_order_array(
            orders[trading].reshape(len(trading), portfolios, assets),
            close[trading].reshape(len(trading), close.shape[1] // assets, assets),
        )
    held, cash = _states_on_trading_sessions(close[trading], orders[trading], group_lens, costs, starting)
    # Row 0 of ``held``/``cash`` is the state before any trade; row k + 1 the state after trading session k.
    after = np.searchsorted(trading, np.arange(sessions), side="right")
    value = np.take(held, after, axis=0)
    # Long only: nothing held is worth 0 (the closes are positive, or NaN before the data start, read as 0).
    np.maximum(value, 0.0, out=value)
    value = value.reshape(sessions, -1, assets)
    value *= np.nan_to_num(close).reshape(sessions, -1, assets)
    value = value.reshape(sessions, -1)
    if assets > 1:
        value = dispatch.asset_value_grouped(value, group_lens)
    return returns_dispatch.returns(dispatch.value(np.take(cash, after, axis=0), value), starting)


def _states_on_trading_sessions(
    close: np.ndarray, orders: np.ndarray, group_lens: np.ndarray, costs: Costs, starting: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Shares held (1 + trading sessions, columns) and cash (1 + trading sessions, portfolios): row 0 before any
    trade, row k + 1 after trading session k; vectorbt's order simulation and accounting kernels."""
    from vectorbt.portfolio import dispatch
    from vectorbt.portfolio.enums import Direction
    from vectorbt.records import dispatch as records_dispatch

    columns = orders.shape[1]
    held, cash = np.zeros((1 + len(orders), columns)), np.empty((1 + len(orders), len(group_lens)))
    cash[0] = starting
    if not len(orders):
        return held, cash
    records = _order_records(close, orders, group_lens, costs, float(starting[0]))
    col_map = records_dispatch.col_map(records["col"], columns)
    held[1:] = dispatch.assets(dispatch.asset_flow(orders.shape, records, col_map, Direction.Both))
    cash_flow = dispatch.cash_flow(orders.shape, records, col_map, False)
    if group_lens[0] > 1:
        flows = dispatch.cash_flow_grouped(cash_flow, group_lens)
        cash[1:] = dispatch.cash_grouped(orders.shape, flows, group_lens, starting)
    else:
        cash[1:] = dispatch.cash(cash_flow, starting)
    return held, cash


def _order_records(
    close: np.ndarray, orders: np.ndarray, group_lens: np.ndarray, costs: Costs, init_cash: float
) -> np.ndarray:
    """vectorbt's ``simulate_from_orders`` with ``from_orders``' settings: one group of columns a portfolio with
    shared cash and sells before buys (one asset: every column its own portfolio)."""
    from vectorbt.portfolio import dispatch
    from vectorbt.portfolio.enums import Direction, SizeType

    assets, shape = int(group_lens[0]), orders.shape
    if assets > 1 and close.shape[1] != shape[1]:
        close = np.tile(close, (1, len(group_lens)))  # flexible indexing broadcasts one column, not a group
    if assets > 1:
        call_seq = np.tile(np.arange(assets, dtype=np.int64), (shape[0], len(group_lens)))  # sorted in place
    else:  # the default call sequence of ungrouped columns: all zeros
        call_seq = np.zeros(shape, dtype=np.int64)
    records, _ = dispatch.simulate_from_orders(
        shape,
        group_lens if assets > 1 else np.ones(shape[1], dtype=np.int64),
        np.full(len(group_lens), float(init_cash)),
        call_seq,
        size=orders,
        size_type=np.asarray(SizeType.TargetPercent),
        direction=np.asarray(Direction.LongOnly),
        fees=np.asarray(float(costs.fees)),
        slippage=np.asarray(float(costs.slippage)),
        min_size=np.asarray(MIN_SIZE),
        close=close,
        auto_call_seq=assets > 1,
        ffill_val_price=True,
        update_value=False,
        max_orders=max(int(np.count_nonzero(~np.isnan(orders))), 1),
        max_logs=1,
        flex_2d=True,
    )
    return records


def check_order_array(orders: np.ndarray, close: np.ndarray) -> None:
    """``check_orders`` for orders (sessions, portfolios, assets) against close (sessions, assets) or the same shape."""
    # fmax/fmin reductions skip NaN without the copies nansum makes: this runs on every sweep chunk.
    gross = orders[:, :, 0] if orders.shape[2] == 1 else np.nansum(orders, axis=2)
    if np.fmin.reduce(orders, axis=None, initial=0.0) < 0:  # first: the sum below counts on no negative weight
        raise EngineError("target weights must be >= 0 (long only)")
    if np.fmax.reduce(gross, axis=None, initial=0.0) > 1.0 + 1e-9:
        raise EngineError(f"target weights must sum to at most 1 (no leverage); found {np.nanmax(gross):.4f}")
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
