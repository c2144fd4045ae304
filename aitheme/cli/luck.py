"""``aitheme luck NAME``: the strategy against random baskets of the same size, same rule, same dates.

1. ``research.luck.random_baskets``: the call's rule on ``--draws`` random baskets (seeded) through the engine.
2. Write the table and the histogram (``reports.research``); print where the call falls and its p-value."""

from __future__ import annotations

from pathlib import Path

from aitheme.cli.options import add_run_settings, run_settings_of


def cmd_luck(args) -> int:
    from aitheme.backtests.research.luck import random_baskets
    from aitheme.reports.research import write_luck

    pool = [t.strip() for t in args.pool.split(",") if t.strip()] if args.pool else None
    settings = run_settings_of(args)
    result = random_baskets(args.name, draws=args.draws, pool=pool, seed=args.seed, metric=args.metric, **settings)
    folder = write_luck(result, Path(args.out), args.metric)
    s = result.summary()
    print(
        f"{result.strategy.key}: {args.metric} {s['strategy_metrics'][args.metric]:.3f}; "
        f"{s['random_baskets']} random baskets of {result.size} from {len(result.pool)} names: median "
        f"{s['random']['median']:.3f} (5%-95%: {s['random']['p5']:.3f} to {s['random']['p95']:.3f})"
    )
    print(
        f"percentile {s['percentile']:.1f}; share of random baskets at least as good "
        f"{s['share_at_least_as_good']:.1%} (p = {s['p_value']:.3f}) -> {folder}"
    )
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    luck = sub.add_parser("luck", help="compare a basket strategy with random baskets of the same size")
    luck.add_argument("name", help="catalog name or module:Class")
    luck.add_argument("--draws", type=int, default=1000, help="random baskets (default 1000)")
    luck.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    luck.add_argument(
        "--metric",
        default="sharpe",
        choices=("sharpe", "sortino", "total_return", "cagr", "max_drawdown", "volatility"),
    )
    luck.add_argument(
        "--pool",
        help="comma-separated tickers to draw from (default: the snapshot's stocks "
        "and ETFs in the call's currency, less its benchmarks)",
    )
    add_run_settings(luck)
    luck.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    luck.set_defaults(func=cmd_luck)
