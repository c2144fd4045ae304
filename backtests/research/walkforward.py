"""Walk-forward: choose parameters on a rolling window, score the choice on the window after it.

1. Sweep the grid once over the whole period (every combination a column, in chunks).
2. Cut the report period into folds: ``train`` sessions to choose on, then the next ``test`` sessions
   to score on; the folds step forward by ``test`` sessions, so the test windows tile the period.
3. In each fold, the combination with the highest ``metric`` on the train window (ties: the first in
   grid order) is chosen; its returns over the test window are the out-of-sample result. When no
   combination has a defined metric (all in cash, say) the default parameters are used.
4. The test windows' returns are chained into one out-of-sample series and compared with the default
   parameters and the benchmarks over the same sessions.
5. How much of each choice is the search (``overfitting``): per fold, the deflated Sharpe ratio of the chosen
   combination's train-window Sharpe against every distinct combination's there; for the grid over the whole
   period, the sweep's figures (PBO by CSCV, deflated Sharpe, MinTRL); for the chained out-of-sample series, its
   probabilistic Sharpe ratio against 0 and minimum track record. Memory: a float32 per fold and combination.

Each combination's returns come from its own continuous simulation, so a change of parameters
between folds is not charged the trades it would cost; the table says which folds changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.backtests.measures.metrics import PERIODS_PER_YEAR, summary, summary_columns
from aitheme.backtests.research import overfitting, trials
from aitheme.backtests.research.overfitting import Overfitting
from aitheme.backtests.research.sweep import (
    MAX_COMBINATIONS,
    chunk_bounds,
    combinations,
    default_chunk_size,
    grid_size,
    map_chunks,
    parse_grid,
    prepare,
    sweep_returns,
)
from aitheme.strategies.catalog import load
from aitheme.strategies.model import Call, CallError


def fold_bounds(sessions: int, train: int, test: int) -> list[tuple[int, int, int, int]]:
    """(train_start, train_stop, test_start, test_stop) positions; the last test window may be shorter."""
    if train < 2 or test < 1:
        raise CallError(f"walk-forward needs train >= 2 and test >= 1 sessions; got train={train}, test={test}")
    if train >= sessions:
        raise CallError(f"walk-forward train window of {train} sessions leaves no test window in {sessions} sessions")
    folds, first = [], 0
    while first + train < sessions:
        folds.append((first, first + train, first + train, min(first + train + test, sessions)))
        first += test
    return folds


@dataclass(frozen=True)
class FoldBest:
    """Reducer: per fold, the chunk's best combination on the train window, its test-window returns and every
    combination's per-session Sharpe ratio on the train window."""

    folds: tuple
    metric: str

    def __call__(self, job, combos: pd.DataFrame, returns: np.ndarray) -> list:
        period, best = job.period, []
        for a, b, c, d in self.folds:
            figures = summary_columns(returns[a:b], period[a:b])
            scores = np.where(np.isfinite(figures[self.metric]), figures[self.metric], -np.inf)
            i = int(np.argmax(scores))
            sharpe = (figures["sharpe"] / np.sqrt(PERIODS_PER_YEAR)).astype(np.float32)
            best.append((float(scores[i]), int(combos.index[i]), returns[c:d, i].copy(), sharpe))
        return best


@dataclass
class WalkForwardResult:
    call: Call
    grid: dict
    metric: str
    train: int
    test: int
    folds: pd.DataFrame
    returns: pd.Series
    default_returns: pd.Series
    benchmark_returns: pd.DataFrame
    overfitting: Overfitting | None = None  # of the grid over the whole period, as a sweep's

    @property
    def strategy(self) -> Call:
        return self.call

    def summary(self) -> dict:
        return {
            "strategy": self.call.key,
            "metric": self.metric,
            "train_sessions": self.train,
            "test_sessions": self.test,
            "grid": self.grid,
            "folds": len(self.folds),
            "changes_of_parameters": int(self.folds["changed"].sum()),
            "out_of_sample": {
                "start": str(self.returns.index[0].date()),
                "end": str(self.returns.index[-1].date()),
                "sessions": len(self.returns),
            },
            "walk_forward": summary(self.returns),
            "default": summary(self.default_returns),
            "benchmarks": {
                t: summary(self.benchmark_returns[t])
                for t in self.benchmark_returns.columns
                if self.benchmark_returns[t].notna().sum() > 1
            },
            "overfitting": {
                "grid": None if self.overfitting is None else self.overfitting.to_dict(),
                "walk_forward": out_of_sample_figures(self.returns.to_numpy()),
                "folds": "train_dsr in folds.csv: the deflated Sharpe ratio of each fold's choice on its train "
                "window, against the distinct combinations there",
            },
            "caveat": "each combination is simulated continuously; trades caused by a change of parameters "
            "between folds are not charged",
        }


def out_of_sample_figures(returns: np.ndarray) -> dict:
    """The chained out-of-sample series' probabilistic Sharpe ratio against 0 and minimum track record at 95%."""
    sharpe, skew, kurtosis = (float(v[0]) for v in overfitting.moments(returns))
    if not np.isfinite(sharpe):
        return {"sharpe_per_session": None, "probabilistic_sharpe_ratio_vs_0": None}
    return {
        "sharpe_per_session": sharpe,
        "sessions": len(returns),
        "skew": skew,
        "kurtosis": kurtosis,
        "probabilistic_sharpe_ratio_vs_0": overfitting.psr(sharpe, len(returns), skew, kurtosis),
        "min_track_record_sessions_95": overfitting.min_track_record(sharpe, skew, kurtosis),
    }


def fold_dsr(job, combos, position: int, fold, sharpe: np.ndarray, distinct: np.ndarray) -> float:
    """The deflated Sharpe ratio of combination ``position`` on ``fold``'s train window, against the train-window
    Sharpe ratios of the ``distinct`` combinations."""
    a, b = fold[0], fold[1]
    others = sharpe[distinct]
    others = others[np.isfinite(others)]
    chosen = float(sharpe[position])
    if not np.isfinite(chosen) or not len(others):
        return float("nan")
    returns = sweep_returns(job, combos.iloc[[position]]).iloc[a:b, 0].to_numpy()
    _, skew, kurtosis = overfitting.moments(returns)
    return overfitting.deflated_sharpe(chosen, b - a, float(skew[0]), float(kurtosis[0]), others.astype(float))


def walk_forward(
    name: str | Call,
    grid: dict | Iterable[str] = (),
    *,
    train: int = 252,
    test: int = 63,
    metric: str = "sharpe",
    tradable_from: dt.date | str | None = None,
    chunk_size: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    blocks: int = trials.BLOCKS,
    **settings,
) -> WalkForwardResult:
    call = load(name)
    if not isinstance(grid, dict):
        grid = parse_grid(call, grid)
    total = grid_size(call, grid)
    if total > MAX_COMBINATIONS:
        raise CallError(
            f"{call.key}: the grid has {total:,} combinations, more than the {MAX_COMBINATIONS:,} a "
            "walk-forward takes; narrow a range"
        )
    run_settings = pipeline.run_settings(**settings)
    start_date = pd.Timestamp(pipeline.checked_date("from", tradable_from)).date() if tradable_from else None
    combos = combinations(call, grid)
    job, bench = prepare(call, run_settings, start_date)
    period = job.period
    folds = fold_bounds(len(period), train, test)
    reducer = trials.reducer(FoldBest(tuple(folds), metric), total, blocks)
    size = default_chunk_size(job) if chunk_size is None else chunk_size
    if size < 1:
        raise CallError(f"chunk size must be at least 1; got {size}")
    chunks = [combos.iloc[first : first + count] for first, count in chunk_bounds(total, size)]
    done = map_chunks(job, chunks, reducer, executor, scheduler, progress)
    parts = [d[0] for d in done]
    kept = trials.Trials.joined([d[1] for d in done])
    distinct = kept.distinct()
    default = combinations(call, {})
    default_returns = sweep_returns(job, default).iloc[:, 0]

    rows, pieces, previous = [], [], None
    for k, (a, b, c, d) in enumerate(folds):
        score, combo, returns, _ = parts[0][k]
        for part in parts[1:]:  # strictly better only: ties go to the first combination in grid order
            if part[k][0] > score:
                score, combo, returns, _ = part[k]
        chosen = combos.loc[combo] if np.isfinite(score) else default.iloc[0]
        test_returns = returns if np.isfinite(score) else default_returns.iloc[c:d].to_numpy()
        piece = pd.Series(test_returns, index=period[c:d])
        pieces.append(piece)
        label = int(combo) if np.isfinite(score) else "default"
        figures = (
            summary(piece)
            if len(piece) >= 2
            else {"total_return": float(piece.add(1).prod() - 1), "sharpe": float("nan")}
        )
        rows.append(
            {
                "fold": k + 1,
                "train_start": period[a].date(),
                "train_end": period[b - 1].date(),
                "test_start": period[c].date(),
                "test_end": period[d - 1].date(),
                "combo": label,
                **{name: chosen[name] for name in grid},
                f"train_{metric}": score if np.isfinite(score) else float("nan"),
                "test_total_return": figures["total_return"],
                "test_sharpe": figures["sharpe"],
                "default_test_total_return": float(default_returns.iloc[c:d].add(1).prod() - 1),
                "changed": previous is not None and label != previous,
            }
        )
        sharpe = np.concatenate([part[k][3] for part in parts])
        rows[-1]["train_dsr"] = (
            fold_dsr(job, combos, int(combo), folds[k], sharpe, distinct) if np.isfinite(score) else np.nan
        )
        previous = label
    returns = pd.concat(pieces).rename("walk_forward")
    return WalkForwardResult(
        call=call,
        grid=grid,
        metric=metric,
        train=train,
        test=test,
        folds=pd.DataFrame(rows),
        returns=returns,
        default_returns=default_returns.loc[returns.index].rename("default"),
        benchmark_returns=bench.loc[returns.index],
        overfitting=overfitting.assess(
            kept,
            lambda number: sweep_returns(job, combos.loc[[number]]).iloc[:, 0].to_numpy(),
            blocks,
            sampled=reducer.fraction < 1,
        ),
    )
