"""Files of research runs, under ``<out>/<strategy>/sweep/``, ``walkforward/``, ``luck/`` and
``<out>/events/<study>/``: a CSV table, a JSON summary with the run's settings and data hash, and figures.

1. The table, every row (``sweep.csv``, ``folds.csv``...), written atomically.
2. The figure the run's shape calls for: a line over one varied parameter, a heatmap over two, none for one
   combination; the overfitting figures of a sweep at the top of its page, in one sentence first.
3. The JSON: settings, the data's hash and sources, the figures written, and the overfitting figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from aitheme.data import snapshot_sha256
from aitheme.reports.adapter import package_versions
from aitheme.reports.files import write_csv, write_json
from aitheme.reports.research_plots import (
    heatmap_grid,
    sweep_line,
    write_car_plot,
    write_equity_plot,
    write_heatmap,
    write_histogram,
    write_sweep_line,
)


def _stamp() -> dict:
    return {"snapshot_sha256": snapshot_sha256(), "versions": package_versions()}


def heatmap_axes(result, x: str | None, y: str | None) -> tuple[str, str] | None:
    """The two parameters a heatmap spans: those given, else the first two the grid varies (``result`` is a sweep
    result or its grid)."""
    grid = result if isinstance(result, dict) else result.grid
    varied = [name for name, values in grid.items() if len(values) > 1]
    if x and y:
        return x, y
    rest = [v for v in varied if v not in (x, y)]
    picked = [v for v in (x, y) if v] + rest
    return (picked[0], picked[1]) if len(picked) >= 2 else None


def line_axis(result) -> str | None:
    """The parameter a sweep line spans: the only one the grid varies (None when it varies none or several)."""
    varied = [name for name, values in result.grid.items() if len(values) > 1]
    return varied[0] if len(varied) == 1 else None


def write_sweep(
    result, out_root: Path, metric: str = "sharpe", x: str | None = None, y: str | None = None, agg: str = "median"
) -> Path:
    """``sweep.csv`` (one row per combination), ``sweep.json`` and a figure of ``metric``: a heatmap over ``x`` and
    ``y`` when the grid varies two parameters or more, a line over the parameter when it varies one, none for a
    single combination."""
    folder = Path(out_root) / result.strategy.key / "sweep"
    axes = heatmap_axes(result, x, y)
    write_csv(folder / "sweep.csv", result.table)
    figures = []
    if axes is not None:
        grid = heatmap_grid(result.table, metric, *axes, agg=agg)
        stem = f"heatmap_{metric}_{axes[0]}_{axes[1]}"
        title = f"{result.strategy.key}: {metric} ({agg} over other parameters)"
        write_heatmap(grid, title, folder / f"{stem}.png", folder / f"{stem}.html", overfitting_lines(result))
        figures = [f"{stem}.png", f"{stem}.html"]
    elif (along := line_axis(result)) is not None:
        stem = f"line_{metric}_{along}"
        levels = {t: f[metric] for t, f in result.benchmarks.items() if metric in f}
        line = sweep_line(result.table, metric, along)
        title = f"{result.strategy.key}: {metric} by {along}"
        default = result.call.resolve()[along]
        page = folder / f"{stem}.html"
        write_sweep_line(line, title, folder / f"{stem}.png", page, default, levels, overfitting_lines(result))
        figures = [f"{stem}.png", f"{stem}.html"]
    job = result.job
    write_json(
        folder / "sweep.json",
        {
            "strategy": result.strategy.key,
            "published": result.strategy.published.isoformat(),
            "first_trade": str(job.inputs.first_trade.date()),
            "grid": result.grid,
            "fixed": {k: v for k, v in result.call.resolve().items() if k not in result.grid},
            "period": {
                "start": str(job.period[0].date()),
                "end": str(job.period[-1].date()),
                "sessions": len(job.period),
            },
            "split": None if job.split is None else str(job.split.date()),
            "settings": {
                "lag": job.inputs.settings.lag,
                "fees": job.inputs.settings.fees,
                "slippage": job.inputs.settings.slippage,
                "init_cash": job.inputs.settings.init_cash,
                "currency": result.settings.currency or result.strategy.currency,
            },
            "backtests": result.backtests,
            "chunks": result.chunks,
            "executor": result.executor,
            "seconds": result.seconds,
            "backtests_per_second": result.per_second,
            "benchmarks": result.benchmarks,
            "best": _best(result.table, metric),
            "overfitting": None if result.overfitting is None else result.overfitting.to_dict(),
            "figures": figures,
            **_stamp(),
        },
    )
    return folder


def overfitting_lines(result) -> list[str]:
    """What a sweep's page says of its overfitting figures: the sentence, then the figures (empty without them)."""
    figures = getattr(result, "overfitting", None)
    if figures is None:
        return []
    trl = figures.min_track_record
    lines = [
        figures.sentence(),
        f"Trials {figures.trials:,}; best Sharpe {figures.annual_sharpe:.2f} a year ({figures.sharpe:.4f} a session, "
        f"combination {figures.best}, skewness {figures.skew:.2f}, kurtosis {figures.kurtosis:.2f}); expected best "
        f"of as many trials with no skill {figures.expected_max_sharpe:.4f} a session; deflated Sharpe ratio "
        f"{figures.deflated_sharpe:.3f}; probabilistic Sharpe ratio against 0 {figures.probabilistic_sharpe:.3f}.",
        "Minimum track record for the best at 95%: "
        + ("none would do (its Sharpe is not above 0)" if trl is None else f"{trl:,.0f} sessions")
        + f"; the sweep has {figures.sessions:,}.",
    ]
    s = figures.splits
    if s is not None:
        sampled = f", a sample drawn with seed {s.seed}" if s.seed is not None else ""
        trials = f" of a sample of {s.trials:,} trials (seed {figures.seed})" if figures.cscv_trials_sampled else ""
        lines.append(
            f"CSCV over S = {s.blocks} sub-periods of {s.length} sessions, {s.count:,} of {s.of:,} splits"
            f"{sampled}{trials}: probability of backtest overfitting {s.pbo:.3f}; median out-of-sample rank of "
            f"the in-sample best {s.median_rank:,.0f} of {s.trials:,} (1 the best); its out-of-sample Sharpe "
            f"below 0 in {s.probability_of_loss:.0%} of splits."
        )
    return lines


def _best(table: pd.DataFrame, metric: str) -> dict | None:
    if metric not in table.columns or table[metric].isna().all():
        return None
    row = table.loc[table[metric].idxmax()]
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}


def write_walkforward(result, out_root: Path) -> Path:
    folder = Path(out_root) / result.strategy.key / "walkforward"
    write_csv(folder / "folds.csv", result.folds)
    curves = pd.concat(
        [
            result.returns.rename("walk-forward"),
            result.default_returns.rename("default parameters"),
            result.benchmark_returns,
        ],
        axis=1,
    )
    curves.index.name = "date"
    write_csv(folder / "returns.csv", curves)
    write_equity_plot(
        curves, f"{result.strategy.key}: walk-forward out-of-sample ({result.metric})", folder / "walkforward.png"
    )
    write_json(folder / "walkforward.json", {**result.summary(), **_stamp()})
    return folder


def write_event_study(study, out_root: Path) -> Path:
    folder = Path(out_root) / "events" / study.slug
    write_csv(folder / "events.csv", study.table)
    write_csv(folder / "car_paths.csv", study.paths)
    write_car_plot(study.paths, study.mean_path, study.band, study.title, folder / "car.png")
    write_json(folder / "summary.json", {**study.summary(), **_stamp()})
    return folder


def write_luck(result, out_root: Path, metric: str = "sharpe") -> Path:
    folder = Path(out_root) / result.strategy.key / "luck"
    write_csv(folder / "random_baskets.csv", result.table)
    write_histogram(
        result.table[metric].to_numpy(),
        result.strategy_metrics[metric],
        metric,
        f"{result.strategy.key} vs {len(result.table)} random baskets of {result.size}",
        folder / f"luck_{metric}.png",
    )
    write_json(folder / "luck.json", {**result.summary(), **_stamp()})
    return folder
