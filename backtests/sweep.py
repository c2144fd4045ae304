"""Parameter sweeps: every combination of a grid as columns of one vectorbt simulation per chunk.

1. The grid: ``name=v1,v2``, ``name=lo:hi:step`` (``hi`` included) or a bare ``name`` (the sweep range
   the strategy declares); each value is checked by the strategy's ``Param``. Parameters not in the
   grid keep their default (or the variant's value). The combinations are the cartesian product.
2. Prices are loaded as ``run`` loads them. Every combination is simulated over the same sessions:
   from ``start`` (default: the call's first signal session) to ``end``; a target signalled before
   ``start`` is carried in, as ``run`` does.
3. Per chunk of combinations: target weights from the strategy's vectorised ``weights_grid(prices,
   combos)`` when it has one, else ``weights`` once per combination; the engine's ``order_array``
   lags them one session; ``simulate_columns`` runs the chunk as one ``from_orders`` call (a column
   per combination for one asset, a group of columns with shared cash per combination for baskets).
4. Each chunk is reduced to a few numbers per combination (metrics on the report period, which starts
   at the first session a trade can happen) before the next one runs, so memory stays bounded.
   Chunks run on a thread per core here, or as tasks on a Dask cluster; the table is the same.

``split``: with ``tradable_from`` set earlier than the publication (a hindsight run), metrics are
also computed on the sessions before the publication (in-sample) and from it (out-of-sample).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aitheme.backtests.engine import Costs, order_array, simulate_columns
from aitheme.backtests.metrics import summary, summary_columns
from aitheme.backtests.runner import RunSettings, available_tickers, universe_close
from aitheme.backtests.runner import run_settings as make_run_settings
from aitheme.data import DataError, load_prices
from aitheme.data.fx import to_currency
from aitheme.strategies.base import Strategy, StrategyError
from aitheme.strategies.blocks import signal_session
from aitheme.strategies.catalog import load

ELEMENTS_PER_CHUNK = 2_000_000  # sessions x columns of one simulation: ~16 MB per float array
METRICS = ("total_return", "cagr", "volatility", "sharpe", "sortino", "max_drawdown")


# --- The grid ---------------------------------------------------------------------------------


def _range(name: str, text: str) -> list[str]:
    parts = text.split(":")
    if len(parts) != 3:
        raise StrategyError(f"grid range for {name} looks like lo:hi:step; got {text!r}")
    try:
        lo, hi, step = (float(p) for p in parts)
    except ValueError:
        raise StrategyError(f"grid range for {name} must be numbers lo:hi:step; got {text!r}") from None
    if step <= 0 or hi < lo:
        raise StrategyError(f"grid range for {name} needs step > 0 and hi >= lo; got {text!r}")
    count = int(np.floor((hi - lo) / step + 1e-9)) + 1
    values = [round(lo + i * step, 12) for i in range(count)]
    integral = all(p.strip().lstrip("-").isdigit() for p in parts)
    return [str(int(v)) if integral else repr(v) for v in values]


def parse_grid(strategy: Strategy, specs: Iterable[str]) -> dict[str, list]:
    """``{"hold": [5, 10], ...}`` from ``hold=5,10``, ``drop=0.02:0.10:0.02`` or ``hold`` (declared sweep)."""
    grid: dict[str, list] = {}
    for spec in specs:
        name, sep, text = (s.strip() for s in spec.partition("="))
        if name not in strategy.params:
            known = ", ".join(strategy.params) or "none"
            raise StrategyError(f"{strategy.key} has no parameter {name!r} to sweep; its parameters: {known}")
        param = strategy.params[name]
        if not sep:
            if param.sweep is None and param.choices is None:
                raise StrategyError(f"parameter {name} declares no sweep range; give values, e.g. {name}=1,2,3")
            raw = list(param.sweep if param.sweep is not None else param.choices)
        elif ":" in text:
            raw = _range(name, text)
        else:
            raw = [v.strip() for v in text.split(",") if v.strip()]
        if not raw:
            raise StrategyError(f"grid for {name} has no values; got {spec!r}")
        grid[name] = list(dict.fromkeys(param.coerce(name, v) for v in raw))
    return grid


def combinations(strategy: Strategy, grid: dict[str, list]) -> pd.DataFrame:
    """One row per combination, one column per parameter (the fixed ones included), in grid order."""
    base = dict(strategy.resolve())
    names = list(strategy.params)
    axes = [grid.get(n, [base[n]]) for n in names]
    rows = list(itertools.product(*axes))
    combos = pd.DataFrame(rows, columns=names)
    combos.index.name = "combo"
    return combos


# --- What a chunk needs -----------------------------------------------------------------------


def strategy_for(key: str, tradable_from: dt.date | None = None) -> Strategy:
    """The strategy ``key``; with ``tradable_from``, the same rule treated as known from that date."""
    strategy = load(key)
    if tradable_from is None or tradable_from == strategy.published:
        return strategy
    cls = type(strategy)
    shifted = type(
        f"{cls.__name__}From{tradable_from:%Y%m%d}", (cls,), {"published": tradable_from, "__module__": cls.__module__}
    )
    return shifted(variant=strategy.variant, overrides=strategy.overrides)


@dataclass(frozen=True)
class Job:
    """Everything a chunk needs, picklable for a Dask worker (the strategy travels as its catalog key)."""

    key: str
    close: pd.DataFrame  # the strategy's universe, full history to ``end``, base currency
    start: int  # first simulated session (position in close.index)
    lag: int
    costs: Costs
    init_cash: float
    tradable_from: dt.date | None = None
    split: pd.Timestamp | None = None  # first out-of-sample session

    @property
    def window(self) -> pd.DatetimeIndex:
        return self.close.index[self.start :]

    @property
    def period(self) -> pd.DatetimeIndex:
        """The report period: from the first session a trade can happen."""
        window = self.window
        return window[min(self.lag, len(window) - 1) :]


def grid_targets(strategy: Strategy, close: pd.DataFrame, combos: pd.DataFrame) -> np.ndarray:
    """Target weights (sessions, combinations, assets): ``weights_grid`` if the strategy has it, else a loop."""
    shape = (len(close), len(combos), close.shape[1])
    hook = getattr(strategy, "weights_grid", None)
    if hook is not None:
        targets = np.asarray(hook(close, combos), dtype=float)
        if targets.shape != shape:
            raise StrategyError(f"{strategy.key}.weights_grid must return shape {shape}; got {targets.shape}")
        return targets
    targets = np.full(shape, np.nan)
    for i, (_, row) in enumerate(combos.iterrows()):
        params = strategy.resolve(**{k: v.item() if hasattr(v, "item") else v for k, v in row.items()})
        weights = strategy.weights(close, params)
        extra = weights.columns.difference(close.columns)
        if len(extra):
            raise StrategyError(f"{strategy.key}.weights returned tickers outside its universe: {list(extra)}")
        targets[:, i, :] = weights.reindex(index=close.index, columns=close.columns).to_numpy(dtype=float)
    return targets


def carry_in(targets: np.ndarray, start: int) -> np.ndarray:
    """Targets from ``start`` on, each combination's last target before ``start`` moved onto it."""
    active = ~np.isnan(targets[: start + 1]).all(axis=2)
    last = np.where(active, np.arange(start + 1)[:, None], -1).max(axis=0)
    window = targets[start:].copy()
    carried = (last >= 0) & (last < start)
    window[0, carried] = targets[last[carried], carried]
    return window


def chunk_returns(job: Job, combos: pd.DataFrame) -> np.ndarray:
    """Daily returns (report period, combinations) of ``combos``: one simulation."""
    strategy = strategy_for(job.key, job.tradable_from)
    targets = carry_in(grid_targets(strategy, job.close, combos), job.start)
    orders = order_array(targets, job.lag).reshape(len(targets), -1)
    close = job.close.iloc[job.start :].ffill().to_numpy(dtype=float)
    returns = simulate_columns(close, orders, assets=job.close.shape[1], costs=job.costs, init_cash=job.init_cash)
    return returns[min(job.lag, len(returns) - 1) :]


# --- Reducers: what each chunk keeps ---------------------------------------------------------


@dataclass(frozen=True)
class MetricsTable:
    """Per combination: the six metrics on the report period, and before/from ``job.split`` when set."""

    def __call__(self, job: Job, combos: pd.DataFrame, returns: np.ndarray) -> pd.DataFrame:
        period = job.period
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


# --- The sweep --------------------------------------------------------------------------------


@dataclass
class SweepResult:
    strategy: Strategy
    grid: dict[str, list]
    combos: pd.DataFrame
    table: pd.DataFrame  # combos + metrics, one row per combination
    benchmarks: dict[str, dict]
    job: Job
    seconds: float
    chunks: int
    executor: str
    settings: RunSettings
    notes: list[str] = field(default_factory=list)

    @property
    def backtests(self) -> int:
        return len(self.table)

    @property
    def per_second(self) -> float:
        return self.backtests / self.seconds if self.seconds > 0 else float("inf")


def prepare(
    strategy: Strategy, settings: RunSettings, tradable_from: dt.date | None = None, split: bool = False
) -> tuple[Job, pd.DataFrame]:
    """The job for ``strategy`` and the benchmark returns over its report period."""
    currency = settings.currency or strategy.currency
    universe, missing = available_tickers(list(strategy.universe))
    if not universe:
        raise DataError(f"{strategy.key}: no ticker of its universe has data ({', '.join(missing)})")
    benchmarks, _ = available_tickers(list(strategy.benchmarks))
    prices = to_currency(load_prices(universe + benchmarks, end=settings.end), currency)
    close = universe_close(prices, universe)
    first = (
        pd.Timestamp(settings.start)
        if settings.start
        else signal_session(close.index, tradable_from or strategy.published)
    )
    start = int(close.index.searchsorted(first))
    if len(close) - start < 2:
        raise DataError(f"{strategy.key}: fewer than two sessions from {first.date()} to {close.index[-1].date()}")
    split_at = None
    if split:
        split_at = close.index[close.index.searchsorted(pd.Timestamp(strategy.published))]
    job = Job(
        key=strategy.key,
        close=close,
        start=start,
        lag=settings.lag,
        costs=Costs(settings.fees, settings.slippage),
        init_cash=settings.init_cash,
        tradable_from=tradable_from,
        split=split_at,
    )
    window = job.window
    bench = prices.close[benchmarks].reindex(prices.close.index).ffill().reindex(window)
    bench_returns = bench.pct_change(fill_method=None).loc[job.period]
    bench_returns.iloc[0] = 0.0
    return job, bench_returns.fillna(0.0)


def chunked(combos: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    return [combos.iloc[i : i + size] for i in range(0, len(combos), size)]


def default_chunk_size(job: Job, combos: int | None = None, workers: int | None = None) -> int:
    """At most ``ELEMENTS_PER_CHUNK`` cells a chunk; given ``combos``, chunks of equal size in whole rounds of
    ``workers`` (default: one per core), so no core sits idle while another finishes a last chunk."""
    largest = max(1, ELEMENTS_PER_CHUNK // (len(job.window) * job.close.shape[1]))
    if combos is None or combos <= largest:
        return largest
    workers = max(1, workers or os.cpu_count() or 1)
    rounds = math.ceil(math.ceil(combos / largest) / workers)
    return max(1, math.ceil(combos / (rounds * workers)))


def map_chunks(
    job: Job,
    chunks: list[pd.DataFrame],
    reducer: Callable,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    workers: int | None = None,
) -> list:
    """``reducer`` of every chunk, in chunk order, run here (one thread per core) or on a Dask cluster."""
    if executor == "local":
        from tqdm import tqdm

        # numpy and vectorbt's compiled kernels release the GIL, so threads use every core; each
        # thread holds one chunk, so memory stays at (threads x chunk).
        threads = max(1, min(workers or os.cpu_count() or 1, len(chunks)))
        with ThreadPoolExecutor(threads) as pool:
            done = pool.map(lambda chunk: run_chunk(job, chunk, reducer), chunks)
            return list(tqdm(done, total=len(chunks), desc="chunks", disable=not progress))
    if executor == "dask":
        from aitheme.backtests.cluster import dask_map

        return dask_map(run_chunk, job, chunks, reducer, scheduler=scheduler, progress=progress)
    raise ValueError(f"executor must be local or dask; got {executor!r}")


def sweep(
    name: str | Strategy,
    grid: dict[str, list] | Iterable[str] = (),
    *,
    chunk_size: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    tradable_from: dt.date | str | None = None,
    split: bool = False,
    progress: bool = False,
    **settings,
) -> SweepResult:
    """Backtest every combination of ``grid`` for strategy ``name``; see the module docstring."""
    strategy = name if isinstance(name, Strategy) else load(name)
    if not isinstance(grid, dict):
        grid = parse_grid(strategy, grid)
    run_settings = make_run_settings(**settings)
    if tradable_from is not None:
        tradable_from = pd.Timestamp(tradable_from).date()
    if split and tradable_from is None:
        raise ValueError("an in-sample/out-of-sample split needs tradable_from, a date before the publication")
    combos = combinations(strategy, grid)
    job, bench_returns = prepare(strategy, run_settings, tradable_from, split)
    size = default_chunk_size(job, len(combos)) if chunk_size is None else chunk_size
    if size < 1:
        raise ValueError(f"chunk size must be at least 1; got {size}")
    chunks = chunked(combos, size)
    import vectorbt  # noqa: F401  (the clock measures backtests, not the library's import)

    began = time.perf_counter()
    parts = map_chunks(job, chunks, MetricsTable(), executor, scheduler, progress)
    seconds = time.perf_counter() - began
    table = combos.join(pd.concat(parts))
    benchmarks = {t: summary(bench_returns[t]) for t in bench_returns.columns}
    return SweepResult(
        strategy=strategy,
        grid=grid,
        combos=combos,
        table=table,
        benchmarks=benchmarks,
        job=job,
        seconds=seconds,
        chunks=len(chunks),
        executor=executor,
        settings=run_settings,
    )


def sweep_returns(result_or_job, combos: pd.DataFrame) -> pd.DataFrame:
    """Daily returns of some combinations of a sweep (one column per row of ``combos``)."""
    job = result_or_job.job if isinstance(result_or_job, SweepResult) else result_or_job
    return pd.DataFrame(chunk_returns(job, combos), index=job.period, columns=combos.index)
