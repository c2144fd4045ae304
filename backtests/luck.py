"""Is it luck? A basket strategy against many random baskets of the same size, same rule, same dates.

1. The pool: the tickers given, or every stock and ETF of the snapshot quoted in the strategy's
   currency, less its benchmarks. Only names with a price on the first simulated session can be drawn
   (known at the time); a name that stops trading later stays in its basket at its last price, as in
   any run, so no survivor is chosen with hindsight. The snapshot itself is a list of AI-theme names
   picked after the fact, which favours the pool; the JSON says so.
2. Each draw (seeded) is ``size`` distinct names from the pool; the strategy's own rule (its
   ``weights`` with that basket as its universe and the same parameters) gives its target weights.
3. The strategy and every random basket run as groups of columns (shared cash per basket) through
   the engine, one ``from_orders`` call per chunk, over the same sessions, lag and costs.
4. The report: the distribution of ``metric``, where the strategy falls (its percentile) and the
   share of random baskets at least as good (a one-sided p-value, (1 + k) / (1 + N)).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aitheme.backtests.engine import Costs, order_array, simulate_columns
from aitheme.backtests.metrics import summary_columns
from aitheme.backtests.runner import available_tickers
from aitheme.backtests.runner import run_settings as make_run_settings
from aitheme.backtests.sweep import ELEMENTS_PER_CHUNK, METRICS, carry_in
from aitheme.data import DataError, instruments, load_prices
from aitheme.data.corporate_actions import acquirers_of, carry_mergers
from aitheme.data.fx import to_currency
from aitheme.strategies.base import Strategy, StrategyError
from aitheme.strategies.blocks import signal_session
from aitheme.strategies.catalog import load


def default_pool(strategy: Strategy) -> list[str]:
    table = instruments()
    chosen = table[table["kind"].isin(["stock", "etf"]) & (table["currency"] == strategy.currency)].index
    available, _ = available_tickers(list(chosen))
    return [t for t in available if t not in strategy.benchmarks]


def with_universe(strategy: Strategy, tickers) -> Strategy:
    cls = type(strategy)
    basket = type(f"{cls.__name__}Random", (cls,), {"universe": tuple(tickers), "__module__": cls.__module__})
    return basket(variant=strategy.variant, overrides=strategy.overrides)


@dataclass
class LuckResult:
    strategy: Strategy
    size: int
    pool: list[str]
    seed: int
    metric: str
    table: pd.DataFrame  # one row per random basket: tickers and metrics
    strategy_metrics: dict
    period: pd.DatetimeIndex

    def summary(self) -> dict:
        values = self.table[self.metric].to_numpy()
        mine = self.strategy_metrics[self.metric]
        finite = values[np.isfinite(values)]
        better = int((finite >= mine).sum())
        return {
            "strategy": self.strategy.key,
            "metric": self.metric,
            "basket_size": self.size,
            "random_baskets": len(self.table),
            "seed": self.seed,
            "pool": self.pool,
            "period": {"start": str(self.period[0].date()), "end": str(self.period[-1].date())},
            "strategy_metrics": self.strategy_metrics,
            "percentile": float((finite < mine).mean() * 100) if len(finite) else None,
            "share_at_least_as_good": better / len(finite) if len(finite) else None,
            "p_value": (1 + better) / (1 + len(finite)),
            "random": {
                "median": float(np.median(finite)),
                "p5": float(np.percentile(finite, 5)),
                "p95": float(np.percentile(finite, 95)),
            }
            if len(finite)
            else None,
            "caveat": "the pool is the snapshot's own list of AI-theme names, chosen after the fact",
        }


def random_baskets(
    name: str | Strategy,
    draws: int = 1000,
    pool: list[str] | None = None,
    seed: int = 0,
    metric: str = "sharpe",
    chunk_size: int | None = None,
    **settings,
) -> LuckResult:
    strategy = name if isinstance(name, Strategy) else load(name)
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}; got {metric!r}")
    run_settings = make_run_settings(**settings)
    params = strategy.resolve()
    own, _ = available_tickers(list(strategy.universe))
    size = len(own)
    if size < 2:
        raise StrategyError(f"{strategy.key} holds {size} name(s): random baskets need a basket strategy")
    pool = list(dict.fromkeys(pool or default_pool(strategy)))
    currency = run_settings.currency or strategy.currency
    # Without ``end`` here: a pool name listed after ``end`` must not fail the load; it is simply not drawn.
    names = list(dict.fromkeys(pool + own))
    extra = [t for t in acquirers_of(names) if t not in names]
    # A merged name is carried into its acquirer, as in every other run (no survivorship shortcut).
    close = carry_mergers(to_currency(load_prices(names + extra), currency).close)[names]
    close = close.loc[: run_settings.end] if run_settings.end else close
    close = close.dropna(how="all")
    first = pd.Timestamp(run_settings.start) if run_settings.start else signal_session(close.index, strategy.published)
    start = int(close.index.searchsorted(first))
    eligible = [t for t in pool if close[t].iloc[: start + 1].notna().any()]
    if len(eligible) < size:
        raise DataError(
            f"random baskets of {size} need at least {size} names with prices on {first.date()}; "
            f"the pool has {len(eligible)}"
        )
    rng = np.random.default_rng(seed)
    baskets = [own] + [list(rng.choice(eligible, size=size, replace=False)) for _ in range(draws)]
    costs = Costs(run_settings.fees, run_settings.slippage)
    lag = run_settings.lag
    period = close.index[start:][min(lag, len(close) - start - 1) :]
    per_chunk = chunk_size or max(1, ELEMENTS_PER_CHUNK // ((len(close) - start) * size))
    tables = []
    for i in range(0, len(baskets), per_chunk):
        part = baskets[i : i + per_chunk]
        targets = np.full((len(close), len(part), size), np.nan)
        for k, tickers in enumerate(part):
            weights = with_universe(strategy, tickers).weights(close[tickers].dropna(how="all"), params)
            if weights.columns.difference(tickers).size:
                raise StrategyError(
                    f"{strategy.key} names its tickers in weights(), not through its universe: "
                    "random baskets cannot be drawn for it"
                )
            targets[:, k, :] = weights.reindex(index=close.index, columns=tickers).to_numpy(dtype=float)
        orders = order_array(carry_in(targets, start), lag).reshape(len(close) - start, -1)
        columns = close[[t for tickers in part for t in tickers]].iloc[start:].ffill().to_numpy(dtype=float)
        returns = simulate_columns(columns, orders, assets=size, costs=costs, init_cash=run_settings.init_cash)
        tables.append(pd.DataFrame(summary_columns(returns[min(lag, len(returns) - 1) :], period)))
    table = pd.concat(tables, ignore_index=True)
    table.insert(0, "tickers", [";".join(b) for b in baskets])
    mine = {m: float(table[m].iloc[0]) for m in METRICS}
    table = table.iloc[1:].reset_index(drop=True)
    table.index.name = "draw"
    return LuckResult(
        strategy=strategy,
        size=size,
        pool=eligible,
        seed=seed,
        metric=metric,
        table=table,
        strategy_metrics=mine,
        period=period,
    )
