"""``aitheme sweep | walkforward``: parameter grids in one simulation, in- and out-of-sample checks.

1. Parse the grid (``research.grid``) and refuse one beyond the bound before any work.
2. ``research.sweep.sweep`` (or ``research.walkforward.walk_forward``): the combinations in chunks, with the
   overfitting figures of the best.
3. Write the table, the JSON and the figure the grid's shape calls for (``reports.research``); print the best
   rows and what the overfitting figures mean for this sweep."""

from __future__ import annotations

from pathlib import Path

from aitheme.cli.options import add_run_settings, run_settings_of

METRIC_CHOICES = ("sharpe", "sortino", "total_return", "cagr", "max_drawdown", "volatility")


def _add_settings(parser) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    add_run_settings(parser)
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=VALUES",
        help="values to try: a,b,c or lo:hi:step or a bare NAME for its declared range; repeatable",
    )
    parser.add_argument("--chunk-size", type=int, help="combinations per simulation (default: ~500,000 cells a chunk)")
    parser.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="run chunks here or on a Dask cluster (needs the dask extra)",
    )
    parser.add_argument("--scheduler", help="Dask scheduler address; a local cluster of 2 workers when omitted")
    parser.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--blocks",
        type=int,
        default=16,
        metavar="S",
        help="sub-periods for the probability of backtest overfitting by CSCV (even, 2 to 20; default 16)",
    )


def cmd_sweep(args) -> int:
    from aitheme.backtests.research.sweep import check_grid_size, parse_grid, sweep
    from aitheme.backtests.research.trials import check_blocks
    from aitheme.reports.research import heatmap_axes, overfitting_lines, write_sweep
    from aitheme.reports.research_plots import check_heatmap
    from aitheme.strategies.catalog import load

    call = load(args.name)
    grid = parse_grid(call, args.grid)
    check_grid_size(call, grid)
    check_blocks(args.blocks)
    axes = heatmap_axes(grid, args.x, args.y)
    if axes is not None:
        check_heatmap(grid, *axes)  # refused before any work, as a grid beyond the sweep's cap is
    result = sweep(
        args.name,
        grid,
        chunk_size=args.chunk_size,
        executor=args.executor,
        scheduler=args.scheduler,
        tradable_from=args.in_sample_from,
        split=bool(args.in_sample_from),
        progress=not args.quiet,
        blocks=args.blocks,
        **run_settings_of(args),
    )
    metric = f"oos_{args.metric}" if args.in_sample_from and args.heatmap_oos else args.metric
    folder = write_sweep(result, Path(args.out), metric=metric, x=args.x, y=args.y, agg=args.agg)
    print(
        f"{result.strategy.key}: {result.backtests:,} backtests in {result.seconds:.2f} s "
        f"({result.per_second:,.0f} backtests/s; {result.chunks} chunk(s), {result.executor}) -> {folder}"
    )
    shown = ["total_return", "sharpe", "max_drawdown"]
    if args.in_sample_from:
        shown = [f"{p}{m}" for m in ("total_return", "sharpe") for p in ("is_", "oos_")]
        pair = result.table[[f"is_{args.metric}", f"oos_{args.metric}"]].dropna()
        varies = len(pair) > 2 and (pair.nunique() > 1).all()
        corr = f"{pair.iloc[:, 0].corr(pair.iloc[:, 1], method='spearman'):+.2f}" if varies else "n/a"
        split = result.job.split  # set whenever --in-sample-from is given
        assert split is not None
        print(f"in-sample to {split.date()} vs out-of-sample from it: rank correlation of {args.metric} {corr}")
        if len(pair):
            ranks = pair.iloc[:, 1].rank(ascending=False, method="average")
            print(
                f"the in-sample best (combination {pair.iloc[:, 0].idxmax()}) ranks "
                f"{ranks[pair.iloc[:, 0].idxmax()]:,.0f} of {len(pair):,} out of sample"
            )
    varied = [k for k, v in result.grid.items() if len(v) > 1]
    top = result.table.sort_values(metric, ascending=False).head(args.top)
    print(top[varied + [c for c in shown if c not in varied]].to_string(float_format=lambda v: f"{v:.3f}"))
    for ticker, figures in result.benchmarks.items():
        print(f"benchmark {ticker}: total {figures['total_return']:+.1%}, sharpe {figures['sharpe']:.2f}")
    for line in overfitting_lines(result):
        print(line)
    return 0


def cmd_walkforward(args) -> int:
    from aitheme.backtests.research.trials import check_blocks
    from aitheme.backtests.research.walkforward import walk_forward
    from aitheme.reports.research import write_walkforward

    check_blocks(args.blocks)
    result = walk_forward(
        args.name,
        args.grid,
        train=args.train,
        test=args.test,
        metric=args.metric,
        tradable_from=args.from_date,
        chunk_size=args.chunk_size,
        executor=args.executor,
        scheduler=args.scheduler,
        progress=not args.quiet,
        blocks=args.blocks,
        **run_settings_of(args),
    )
    folder = write_walkforward(result, Path(args.out))
    print(result.folds.to_string(float_format=lambda v: f"{v:.3f}"))
    s = result.summary()
    print(
        f"walk-forward out-of-sample: total {s['walk_forward']['total_return']:+.1%}, "
        f"sharpe {s['walk_forward']['sharpe']:.2f}; default parameters over the same sessions: total "
        f"{s['default']['total_return']:+.1%}, sharpe {s['default']['sharpe']:.2f} -> {folder}"
    )
    oos = s["overfitting"]["walk_forward"]
    if oos["probabilistic_sharpe_ratio_vs_0"] is not None:
        trl = oos["min_track_record_sessions_95"]
        print(
            f"walk-forward out-of-sample: probabilistic Sharpe ratio against 0 "
            f"{oos['probabilistic_sharpe_ratio_vs_0']:.3f}; minimum track record at 95% "
            + ("none would do" if trl is None else f"{trl:,.0f} sessions")
            + f" of {oos['sessions']:,}"
        )
    if result.overfitting is not None:
        print(f"the grid over the whole period: {result.overfitting.sentence()}")
    return 0


def add_commands(sub) -> None:
    sweep = sub.add_parser("sweep", help="backtest every combination of a parameter grid in one simulation")
    sweep.add_argument("name", help="catalog name or module:Class")
    _add_settings(sweep)
    sweep.add_argument("--metric", choices=METRIC_CHOICES, default="sharpe", help="heatmap and ranking metric")
    sweep.add_argument("--x", help="heatmap columns: a swept parameter (default: the first)")
    sweep.add_argument("--y", help="heatmap rows: a swept parameter (default: the second)")
    sweep.add_argument(
        "--agg",
        choices=("median", "mean", "max", "min"),
        default="median",
        help="how other swept parameters are folded into a heatmap cell (default median)",
    )
    sweep.add_argument(
        "--in-sample-from",
        metavar="DATE",
        help="also apply the rule from DATE (before publication) and report in-sample metrics "
        "(before the publication) beside out-of-sample ones (from it)",
    )
    sweep.add_argument("--heatmap-oos", action="store_true", help="with --in-sample-from: map the out-of-sample metric")
    sweep.add_argument("--top", type=int, default=5, help="rows of the best combinations to print")
    sweep.set_defaults(func=cmd_sweep)

    walk = sub.add_parser("walkforward", help="choose parameters on a rolling window, score them on the next")
    walk.add_argument("name", help="catalog name or module:Class")
    _add_settings(walk)
    walk.add_argument("--train", type=int, default=252, help="sessions in each choosing window (default 252)")
    walk.add_argument("--test", type=int, default=63, help="sessions in each scoring window (default 63)")
    walk.add_argument("--metric", choices=METRIC_CHOICES, default="sharpe", help="what the choice maximises")
    walk.add_argument(
        "--from",
        dest="from_date",
        metavar="DATE",
        help="apply the rule from DATE (hindsight; default: the call's publication)",
    )
    walk.set_defaults(func=cmd_walkforward)
