"""One chunk of a sweep: the combinations it holds, their target weights, one simulation, a few numbers kept.

1. ``Job``: everything a chunk needs (the prepared inputs, the in-sample split, whether alike combinations are
   simulated once), picklable for a Dask worker.
2. ``grid_targets``: target weights (sessions, combinations, assets) from the call's ``grid_rule`` in one pass, or
   its ``rule`` once per combination.
3. ``chunk_returns``: those weights timed as every run times them (``pipeline.timed_orders``), then one
   ``simulate_columns`` call: daily returns over the report period, one column per combination.
4. ``MetricsTable``: the reducer a sweep keeps per chunk (six metrics, and in/out of sample with a split).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.backtests.engine.simulation import simulate_columns
from aitheme.backtests.measures.metrics import summary_columns
from aitheme.strategies.model import Call, CallError

# Sessions x columns of one simulation: ~16 MB per float array. The accounting runs on the trading sessions only
# (engine.simulate_columns), so what a chunk holds while it runs is a few such arrays; measured here (aitheme bench,
# before alike combinations were simulated once):
# 10,000 NVDA combinations at 20,300/s with 0.5M cells a chunk, 25,000/s at 1M, 30,100/s at 2M, 27,600/s at 3M; the
# 100,000-combination sweep peaks at 541 MB with 1M cells and 652 MB with 2M (two threads).
ELEMENTS_PER_CHUNK = 2_000_000
METRICS = ("total_return", "cagr", "volatility", "sharpe", "sortino", "max_drawdown")


# --- What a chunk needs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """Everything a chunk needs, picklable for a Dask worker (the call's rule travels by reference)."""

    inputs: pipeline.Inputs
    split: pd.Timestamp | None = None  # first out-of-sample session
    distinct: bool = True  # combinations whose orders are the same are simulated once (simulate_columns)

    @property
    def call(self) -> Call:
        return self.inputs.call

    @property
    def first(self) -> int:
        """Row of the first session an order may land on (the first possible trade, or the window's start)."""
        inputs = self.inputs
        return int(inputs.close.index.get_loc(max(inputs.first_trade, inputs.start)))

    @property
    def start(self) -> int:
        return int(self.inputs.close.index.get_loc(self.inputs.start))

    @property
    def period(self) -> pd.DatetimeIndex:
        """The report period: the simulated sessions."""
        return self.inputs.window


def grid_targets(call: Call, inputs: pipeline.Inputs, combos: pd.DataFrame) -> np.ndarray:
    """Target weights (sessions, combinations, assets): the call's ``grid_rule`` if it has one, else a loop."""
    close = inputs.close
    shape = (len(close), len(combos), close.shape[1])
    if call.grid_rule is not None:
        targets = np.asarray(call.grid_rule(inputs.context, combos), dtype=float)
        if targets.shape != shape:
            raise CallError(f"{call.key}: its grid rule must return shape {shape}; got {targets.shape}")
        return targets
    targets = np.full(shape, np.nan)
    for i, (_, row) in enumerate(combos.iterrows()):
        params = call.resolve(**dict(row.items()))
        targets[:, i, :] = pipeline.targets(inputs, params).to_numpy(dtype=float)
    return targets


def chunk_returns(job: Job, combos: pd.DataFrame) -> np.ndarray:
    """Daily returns (report period, combinations) of ``combos``: one simulation."""
    inputs = job.inputs
    targets = grid_targets(job.call, inputs, combos)
    real = inputs.real.to_numpy()
    orders = pipeline.timed_orders(targets, real, inputs.settings.lag, job.first)[job.start :]
    orders = orders.reshape(len(orders), -1)
    close = inputs.close.iloc[job.start :].ffill().to_numpy(dtype=float)
    settings = inputs.settings
    return simulate_columns(
        close,
        orders,
        assets=inputs.close.shape[1],
        costs=settings.costs,
        init_cash=settings.init_cash,
        distinct=job.distinct,
    )


# --- Reducers: what each chunk keeps ----------------------------------------------------------------------


@dataclass(frozen=True)
class MetricsTable:
    """Per combination: the six metrics on the report period, and before/from ``job.split`` when set."""

    def __call__(self, job: Job, combos: pd.DataFrame, returns: np.ndarray) -> pd.DataFrame:
        # As ``run`` measures: from the first session an order may land on (earlier ones are context, in cash).
        skip = job.first - job.start
        period, returns = job.period[skip:], returns[skip:]
        table = pd.DataFrame(summary_columns(returns, period), index=combos.index)
        if job.split is not None:
            inside = period < job.split
            for prefix, rows in (("is_", inside), ("oos_", ~inside)):
                part = (
                    summary_columns(returns[rows], period[rows])
                    if rows.sum() >= 2
                    else {m: np.full(len(combos), np.nan) for m in METRICS}
                )
                for metric in METRICS:
                    table[prefix + metric] = part[metric]
        return table


def run_chunk(job: Job, combos: pd.DataFrame, reducer: Callable) -> object:
    return reducer(job, combos, chunk_returns(job, combos))
