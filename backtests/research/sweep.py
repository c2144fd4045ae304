"""Parameter sweeps: every combination of a grid as columns of one vectorbt simulation per chunk.

1. The grid: ``name=v1,v2``, ``name=lo:hi:step`` (``hi`` included) or a bare ``name`` (the sweep range the call
   declares); no grid at all sweeps every declared range. Each value is checked by the call's ``Param``;
   parameters not in the grid keep their default (or the variant's). The combinations are the cartesian product,
   enumerated lazily chunk by chunk; a grid beyond ``MAX_COMBINATIONS`` is refused before any work.
2. ``pipeline.prepare`` loads the inputs as a single run does. Every combination is simulated over the same
   sessions: from the call's first possible trade (or ``start``) to ``end``.
3. Per chunk: target weights from the call's ``grid_rule`` when it has one, else its ``rule`` once per
   combination; ``pipeline.timed_orders`` times them as every run (lag, nothing before the first possible trade,
   real closes only); ``simulate_columns`` runs the chunk as one ``from_orders`` call, combinations whose orders
   are the same simulated once.
4. Each chunk is reduced to a few numbers per combination (metrics over the report period) before the next one
   runs, so memory stays bounded. Chunks run on a thread per core here, or as tasks on a Dask cluster.
5. Each chunk also keeps, per combination, what ``overfitting`` needs (Sharpe, skewness, kurtosis and 2 x S sums
   over S sub-periods); after the last chunk, the deflated Sharpe, PBO by CSCV and MinTRL of the best Sharpe.

``split``: with ``tradable_from`` earlier than the publication (a hindsight run), metrics are also computed on the
sessions before the call's first possible trade (in-sample) and from it (out-of-sample).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

from aitheme.backtests.engine import pipeline, timing
from aitheme.backtests.measures.metrics import benchmark_returns, benchmarks_from, summary
from aitheme.backtests.research import overfitting, trials
from aitheme.backtests.research.chunks import (  # noqa: F401  (the sweep's chunk API, importable from here)
    ELEMENTS_PER_CHUNK,
    METRICS,
    Job,
    MetricsTable,
    chunk_returns,
    grid_targets,
    run_chunk,
)
from aitheme.backtests.research.grid import (  # noqa: F401  (the sweep's grid API, importable from here)
    MAX_COMBINATIONS,
    check_grid_size,
    chunk_bounds,
    chunk_size,
    combinations,
    grid_size,
    parse_grid,
)
from aitheme.backtests.research.overfitting import Overfitting
from aitheme.strategies.catalog import load
from aitheme.strategies.model import Call, CallError

# --- The sweep ----------------------------------------------------------------------------------------------


@dataclass
class SweepResult:
    call: Call
    grid: dict[str, list]
    table: pd.DataFrame  # combos + metrics, one row per combination
    benchmarks: dict[str, dict]
    job: Job
    seconds: float
    chunks: int
    executor: str
    settings: pipeline.RunSettings
    notes: list[str] = field(default_factory=list)
    overfitting: Overfitting | None = None  # deflated Sharpe, PBO, MinTRL of the best Sharpe

    @property
    def strategy(self) -> Call:
        return self.call

    @property
    def backtests(self) -> int:
        return len(self.table)

    @property
    def per_second(self) -> float:
        return self.backtests / self.seconds if self.seconds > 0 else float("inf")


def prepare(
    call: Call,
    settings: pipeline.RunSettings,
    tradable_from: dt.date | None = None,
    split: bool = False,
    distinct: bool = True,
) -> tuple[Job, pd.DataFrame]:
    """The job for ``call`` and the benchmark returns over its report period."""
    inputs = pipeline.prepare(call, call.resolve(), settings, trade_from=tradable_from)
    split_at = None
    if split:
        split_at = timing.first_possible_trade(call.document.public_at, inputs.universe, inputs.close.index)
    job = Job(inputs=inputs, split=split_at, distinct=distinct)
    return job, benchmark_returns(inputs.benchmark_close.loc[inputs.start :])


def default_chunk_size(job: Job, combos: int | None = None, workers: int | None = None) -> int:
    """At most ``ELEMENTS_PER_CHUNK`` cells a chunk (sessions x combinations x assets over the full history the
    rule reads), in equal chunks over whole rounds of ``workers`` (``grid.chunk_size``)."""
    return chunk_size(len(job.inputs.close) * job.inputs.close.shape[1], ELEMENTS_PER_CHUNK, combos, workers)


def map_chunks(
    job: Job,
    chunks: list,
    reducer: Callable,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    workers: int | None = None,
) -> list:
    """``reducer`` of every chunk (a frame of combinations, or a callable making one), in chunk order, here (one
    thread per core) or on a Dask cluster."""
    if executor == "local":
        from tqdm import tqdm

        # numpy and vectorbt's compiled kernels release the GIL, so threads use every core; each thread holds one
        # chunk, so memory stays at (threads x chunk).
        threads = max(1, min(workers or os.cpu_count() or 1, len(chunks)))
        with ThreadPoolExecutor(threads) as pool:
            done = pool.map(lambda chunk: run_chunk(job, _materialise(chunk), reducer), chunks)
            return list(tqdm(done, total=len(chunks), desc="chunks", disable=not progress))
    if executor == "dask":
        from aitheme.backtests.engine.cluster import dask_map

        return dask_map(
            run_chunk, job, [_materialise(c) for c in chunks], reducer, scheduler=scheduler, progress=progress
        )
    raise CallError(f"executor must be local or dask; got {executor!r}")


def _materialise(chunk) -> pd.DataFrame:
    return chunk() if callable(chunk) else chunk


def sweep(
    name: str | Call,
    grid: dict[str, list] | Iterable[str] = (),
    *,
    chunk_size: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    tradable_from: dt.date | str | None = None,
    split: bool = False,
    progress: bool = False,
    blocks: int = trials.BLOCKS,
    distinct: bool = True,
    **settings,
) -> SweepResult:
    """Backtest every combination of ``grid`` for call ``name``; see the module docstring. ``distinct=False``
    simulates every combination even where two trade alike (the same table, more time)."""
    call = load(name)
    if not isinstance(grid, dict):
        grid = parse_grid(call, grid)
    total = check_grid_size(call, grid)
    run_settings = pipeline.run_settings(**settings)
    hindsight_from = None
    if tradable_from is not None:
        hindsight_from = pd.Timestamp(pipeline.checked_date("tradable_from", tradable_from)).date()
    if split and hindsight_from is None:
        raise CallError("an in-sample/out-of-sample split needs tradable_from, a date before the publication")
    job, bench_returns = prepare(call, run_settings, hindsight_from, split, distinct)
    size = default_chunk_size(job, total) if chunk_size is None else chunk_size
    if size < 1:
        raise CallError(f"chunk size must be at least 1; got {size}")
    bounds = chunk_bounds(total, size)
    chunks = [lambda first=first, count=count: combinations(call, grid, first, count) for first, count in bounds]
    import vectorbt  # noqa: F401  (the clock measures backtests, not the library's import)

    reducer = trials.reducer(MetricsTable(), total, blocks)
    began = time.perf_counter()
    done = map_chunks(job, chunks, reducer, executor, scheduler, progress)
    parts, kept = [d[0] for d in done], [d[1] for d in done]
    seconds = time.perf_counter() - began
    table = combinations(call, grid).join(pd.concat(parts)) if total <= 200_000 else _joined(call, grid, bounds, parts)
    bench_returns = benchmarks_from(bench_returns, job.period[job.first - job.start])
    benchmarks = {t: summary(bench_returns[t]) for t in bench_returns.columns if bench_returns[t].notna().sum() > 1}
    return SweepResult(
        call=call,
        grid=grid,
        table=table,
        benchmarks=benchmarks,
        job=job,
        seconds=seconds,
        chunks=len(bounds),
        executor=executor,
        settings=run_settings,
        overfitting=overfitting.assess(
            trials.Trials.joined(kept),
            lambda number: chunk_returns(job, combinations(call, grid, number, 1))[:, 0],
            blocks,
            sampled=reducer.fraction < 1,
        ),
    )


def _joined(call: Call, grid: dict[str, list], bounds, parts) -> pd.DataFrame:
    """The table chunk by chunk, for a large grid: only the swept parameters beside the metrics."""
    swept = [n for n in call.params if n in grid]
    frames = [
        combinations(call, grid, first, count)[swept].join(part)
        for (first, count), part in zip(bounds, parts, strict=True)
    ]
    return pd.concat(frames)


def sweep_returns(result_or_job, combos: pd.DataFrame) -> pd.DataFrame:
    """Daily returns of some combinations of a sweep (one column per row of ``combos``)."""
    job = result_or_job.job if isinstance(result_or_job, SweepResult) else result_or_job
    return pd.DataFrame(chunk_returns(job, combos), index=job.period, columns=combos.index)
