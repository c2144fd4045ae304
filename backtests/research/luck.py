"""Is it luck? A basket strategy against many random baskets of the same size, same rule, same dates.

1. The pool: the tickers given, or every stock and ETF of the snapshot quoted in the strategy's
   currency, less its benchmarks. Only names with a price on the first simulated session can be drawn
   (known at the time); a name whose data end later is sold at its last real close, as in any run, so
   no survivor is chosen with hindsight. The snapshot itself is a list of AI-theme names
   picked after the fact, which favours the pool; the JSON says so.
2. Each draw (seeded) is ``size`` distinct names from the pool; the call's own rule, with that basket as
   its universe and the same parameters, gives its target weights, timed as every run's. A rule that
   names its own tickers cannot be given another basket: the command says so in one line.
3. The strategy and every random basket run as groups of columns (shared cash per basket) through
   the engine, one ``from_orders`` call per chunk, over the same sessions, lag and costs.
4. The report: the distribution of ``metric``, where the strategy falls (its percentile) and the
   share of random baskets at least as good (a one-sided p-value, (1 + k) / (1 + N)).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.backtests.engine.simulation import simulate_columns
from aitheme.backtests.measures.metrics import summary_columns
from aitheme.backtests.research.sweep import ELEMENTS_PER_CHUNK, METRICS
from aitheme.data import DataError, instruments, load_events, load_prices
from aitheme.data.corporate_actions import acquirers_of, carry_mergers, separately_listed
from aitheme.data.fx import to_currency
from aitheme.strategies.catalog import load
from aitheme.strategies.context import Context
from aitheme.strategies.model import Call, CallError

MAX_DRAWS = 100_000  # random baskets a run takes; each chunk holds about ELEMENTS_PER_CHUNK cells


def default_pool(call: Call) -> list[str]:
    table = instruments()
    chosen = table[table["kind"].isin(["stock", "etf"]) & (table["currency"] == call.currency)].index
    available, _ = pipeline.available(list(chosen))
    return [t for t in available if t not in pipeline.benchmark_list(call, pipeline.RunSettings())]


def with_universe(call: Call, tickers) -> Call:
    """The same call, rule and parameters, holding ``tickers`` instead."""
    return dataclasses.replace(call, universe=tuple(tickers))


@dataclass
class LuckResult:
    call: Call
    size: int
    pool: list[str]
    seed: int
    metric: str
    table: pd.DataFrame  # one row per random basket: tickers and metrics
    strategy_metrics: dict
    period: pd.DatetimeIndex

    @property
    def strategy(self) -> Call:
        return self.call

    def summary(self) -> dict:
        values = self.table[self.metric].to_numpy()
        mine = self.strategy_metrics[self.metric]
        finite = values[np.isfinite(values)]
        better = int((finite >= mine).sum())
        return {
            "strategy": self.call.key,
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
    name: str | Call,
    draws: int = 1000,
    pool: list[str] | None = None,
    seed: int = 0,
    metric: str = "sharpe",
    chunk_size: int | None = None,
    **settings,
) -> LuckResult:
    call = load(name)
    if metric not in METRICS:
        raise CallError(f"metric must be one of {', '.join(METRICS)}; got {metric!r}")
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise CallError(f"draws must be a whole number from 1 to {MAX_DRAWS:,}; got {draws!r}")
    rule = call.rule
    if rule is None:
        raise CallError(f"{call.key} has no rule: random baskets need a basket call")
    run_settings = pipeline.run_settings(**settings)
    inputs = pipeline.prepare(call, call.resolve(), run_settings)
    own, size = inputs.universe, len(inputs.universe)
    if size < 2:
        raise CallError(f"{call.key} holds {size} name(s): random baskets need a basket call")
    pool = list(dict.fromkeys(pool or default_pool(call)))
    unknown = [t for t in pool if t not in instruments().index]
    if unknown:
        raise DataError(f"pool tickers {', '.join(unknown)} are not in the instrument list")
    # Without ``end`` here: a pool name listed after ``end`` must not fail the load; it is simply not drawn.
    names = list(dict.fromkeys(pool + own))
    extra = [t for t in acquirers_of(names) if t not in names]
    # A merged name is carried into its acquirer, as in every other run (no survivorship shortcut).
    close = carry_mergers(to_currency(load_prices(names + extra), inputs.currency).close)[names]
    close = close.reindex(inputs.close.index)
    start = int(close.index.get_loc(inputs.start))
    first = int(close.index.get_loc(max(inputs.first_trade, inputs.start)))
    eligible = [t for t in pool if close[t].iloc[: first + 1].notna().any()]
    if len(eligible) < size:
        raise DataError(
            f"random baskets of {size} need at least {size} names with prices on "
            f"{inputs.first_trade.date()}; the pool has {len(eligible)}"
        )
    rng = np.random.default_rng(seed)
    baskets = [own] + [list(rng.choice(eligible, size=size, replace=False)) for _ in range(draws)]
    period = inputs.window
    per_chunk = chunk_size or max(1, ELEMENTS_PER_CHUNK // (len(close) * size))
    events = load_events()
    tables = []
    for i in range(0, len(baskets), per_chunk):
        part = baskets[i : i + per_chunk]
        targets = np.full((len(close), len(part), size), np.nan)
        for k, tickers in enumerate(part):
            context = Context(
                close=close[tickers],
                first_trade=inputs.first_trade,
                lag=run_settings.lag,
                currency=inputs.currency,
                event_table=events,
                listed=separately_listed(tickers, close.index),
            )
            try:
                weights = rule(context, inputs.params)
            except KeyError as exc:
                raise CallError(
                    f"{call.key}: its rule names its own tickers ({exc}), so random baskets cannot be drawn for it"
                ) from None
            if weights.columns.difference(tickers).size:
                raise CallError(f"{call.key}: its rule names its own tickers, so random baskets cannot be drawn for it")
            targets[:, k, :] = weights.reindex(index=close.index, columns=tickers).to_numpy(dtype=float)
        real = np.concatenate([close[tickers].notna().to_numpy() for tickers in part], axis=1)
        orders = np.concatenate(
            [
                pipeline.timed_orders(targets[:, [k], :], real[:, k * size : (k + 1) * size], run_settings.lag, first)
                for k in range(len(part))
            ],
            axis=1,
        )[start:]
        columns = close[[t for tickers in part for t in tickers]].iloc[start:].ffill().to_numpy(dtype=float)
        returns = simulate_columns(
            columns,
            orders.reshape(len(orders), -1),
            assets=size,
            costs=run_settings.costs,
            init_cash=run_settings.init_cash,
        )
        tables.append(pd.DataFrame(summary_columns(returns, period)))
    table = pd.concat(tables, ignore_index=True)
    table.insert(0, "tickers", [";".join(b) for b in baskets])
    mine = {m: float(table[m].iloc[0]) for m in METRICS}
    table = table.iloc[1:].reset_index(drop=True)
    table.index.name = "draw"
    return LuckResult(
        call=call, size=size, pool=eligible, seed=seed, metric=metric, table=table, strategy_metrics=mine, period=period
    )
