"""``aitheme bench``: the speed figures, printed and written to reports/output/bench.json.

1. The machine it ran on. 2. Sweeps and baskets against bt, a pandas loop and a numpy floor (``backtests.bench``).
3. What a user waits for (``runbench``): import vectorbt, one call without its tearsheet, the catalog cold, warm
   and unchanged with its CPU use and where the time goes, and the peak memory of a 100,000-combination sweep.
Each figure is printed beside its target.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from aitheme.cli.runbench import steps_line

TARGETS = {
    "sweep_backtests_per_s": (">=", 20_000),
    "bt_ratio": (">=", 100),
    "catalog_warm_s": ("<=", 20),
    "numpy_floor_ratio": ("<=", 1.5),
    "sweep_every_column_floor_ratio": ("<=", 1.5),
    "overfitting_ratio": ("<=", 0.5),
    "cscv_all_distinct_ratio": ("<=", 0.5),
    "single_call_ratio": ("<=", 1.5),
    "catalog_cold_ratio": ("<=", 12),
    "help_s": ("<=", 0.3),
    "catalog_no_change_ratio": ("<=", 0.05),
    "catalog_wall_over_cpu": ("<=", 0.6),
    "sweep_100k_peak_rss_mb": ("<=", 750),
}


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def verdict(key: str, value) -> str:
    if value is None or key not in TARGETS:
        return ""
    op, goal = TARGETS[key]
    met = value >= goal if op == ">=" else value <= goal
    return f"target {op} {goal:g}: " + ("met" if met else f"MISSED by {abs(value / goal - 1):.0%}")


def _print_runs(runs: dict) -> None:
    ratio = runs["single_call_ratio"]
    print(
        f"import vectorbt: {runs['import_vectorbt_s']:.2f}s; one call --no-tearsheet: "
        f"{runs['single_call_no_tearsheet_s']:.2f}s = {ratio:.2f}x  [{verdict('single_call_ratio', ratio)}]"
    )
    rss = runs["sweep_100k_peak_rss_mb"]
    print(
        f"sweep of {runs['sweep_100k_backtests']:,} combinations: {runs['sweep_100k_s']:.1f}s, peak RSS "
        f"{rss:,.0f} MB  [{verdict('sweep_100k_peak_rss_mb', rss)}]; its overfitting figures "
        f"{runs['sweep_100k_overfitting_s']:.1f}s ({runs['sweep_100k_overfitting_trials']:,} distinct trials x "
        f"{runs['sweep_100k_overfitting_splits'] or 0:,} splits)"
    )
    print(
        f"start-up: aitheme --help {runs['help_s']:.2f}s  [{verdict('help_s', runs['help_s'])}]; aitheme list "
        f"{runs['list_s']:.2f}s"
    )
    plain, whole = runs["judging_plain_s"], runs["judging_whole_s"]
    print(
        f"judging {runs['judging_entries']} entries: plain {plain:.2f}s, with readings, luck and beta {whole:.2f}s "
        f"(their cost {whole - plain:.2f}s, {whole / plain if plain else 0:.1f}x)"
    )
    if "catalog_cold" not in runs:
        return
    subset = runs["catalog_calls"]
    label = "catalog" if subset == "all" else f"catalog of {len(subset)} calls (--quick)"
    ratio = runs["catalog_cold_ratio"]
    print(
        f"{label} from scratch, tearsheets included: {runs['catalog_cold_s']:.1f}s = {ratio:.1f}x import vectorbt  "
        f"[{verdict('catalog_cold_ratio', ratio)}]"
    )
    for name in ("cold", "warm", "no_change"):
        run = runs[f"catalog_{name}"]
        print(
            f"catalog {name.replace('_', '-')}: {run['wall_s']:.1f}s wall, {run['cpu_s']:.1f}s CPU "
            f"(wall/CPU {run['wall_over_cpu']:.2f}); {run['reports_run']} reports run, {run['reports_fresh']} fresh"
        )
        print(f"  where the time goes (CPU seconds over all processes): {steps_line(run['steps'])}")
    print(
        f"catalog: no change / cold {runs['catalog_no_change_ratio']:.1%}  "
        f"[{verdict('catalog_no_change_ratio', runs['catalog_no_change_ratio'])}]; cold wall / CPU "
        f"{runs['catalog_wall_over_cpu']:.2f}  [{verdict('catalog_wall_over_cpu', runs['catalog_wall_over_cpu'])}]; "
        f"warm {runs['catalog_warm_s']:.1f}s  [{verdict('catalog_warm_s', runs['catalog_warm_s'])}]"
    )


def cmd_bench(args) -> int:
    from aitheme.backtests.research.bench import basket_figures, sweep_figures
    from aitheme.cli.runbench import run_figures
    from aitheme.data.atomic import atomic_write_text

    figures: dict = {"machine": machine()}
    print(f"machine: {figures['machine']}")
    quick = args.quick
    sweep = sweep_figures(2_000 if quick else args.combos, tries=1 if quick else 3)
    figures.update(sweep)
    speed = sweep["sweep_backtests_per_s"]
    print(
        f"sweep: {sweep['sweep_backtests']} backtests in {sweep['sweep_s']:.2f}s = "
        f"{speed:,.0f}/s  [{verdict('sweep_backtests_per_s', speed)}]"
    )
    print(
        f"numpy floor ({sweep['numpy_floor_threads']} threads): {sweep['numpy_floor_s']:.3f}s; ratio "
        f"{sweep['numpy_floor_ratio']:.2f}  [{verdict('numpy_floor_ratio', sweep['numpy_floor_ratio'])}]"
    )
    every = sweep["sweep_every_column_floor_ratio"]
    print(
        f"  the grid has {sweep['sweep_distinct_order_sets']:,} distinct sets of target weights (the sweep simulates "
        f"alike combinations of a chunk once); with every combination simulated: "
        f"{sweep['sweep_every_column_s']:.2f}s = {sweep['sweep_every_column_per_s']:,.0f}/s, "
        f"ratio to the floor {every:.2f}  [{verdict('sweep_every_column_floor_ratio', every)}]"
    )
    ratio, worst = sweep["overfitting_ratio"], sweep["cscv_all_distinct_ratio"]
    print(
        f"overfitting figures of that sweep (DSR, PBO by CSCV over {sweep['overfitting_trials']:,} distinct trials "
        f"x {sweep['overfitting_splits'] or 0:,} splits, MinTRL): {sweep['overfitting_s']:.2f}s = "
        f"{ratio:.2f} of the sweep's own time  [{verdict('overfitting_ratio', ratio)}]; worst case, CSCV over "
        f"{sweep['cscv_all_distinct_trials']:,} distinct trials: {sweep['cscv_all_distinct_s']:.2f}s = "
        f"{worst:.2f}  [{verdict('cscv_all_distinct_ratio', worst)}]"
    )
    baskets = basket_figures(50 if quick else args.batch)
    figures["baskets"] = baskets
    for row in baskets:
        if row["bt_s_per_backtest"] is None:
            bt = "bt not installed (pip install -e '.[bench]')"
        else:
            bt = (
                f"bt {row['bt_s_per_backtest'] * 1e3:.1f} ms -> ratio {row['bt_ratio']:.0f}x "
                f"[{verdict('bt_ratio', row['bt_ratio'])}]; one basket alone {row['ours_single_s'] * 1e3:.2f} ms, "
                f"{row['bt_single_ratio']:.0f}x bt"
            )
        print(
            f"{row['workload']}: ours {row['ours_s_per_backtest'] * 1e3:.2f} ms/backtest (batch {row['batch']}); "
            f"{bt}; pandas loop {row['pandas_loop_s_per_backtest'] * 1e3:.1f} ms ({row['pandas_ratio']:.0f}x); "
            f"returns agree to 1e-6: {row['agree_1e-6']}"
        )
    ratios = [r["bt_ratio"] for r in baskets if r["bt_ratio"] is not None]
    figures["bt_ratio"] = min(ratios) if ratios else None
    runs = run_figures(skip_catalog=args.skip_catalog, quick=quick)
    figures["quick"] = quick
    figures.update(runs)
    _print_runs(runs)
    path = Path(args.out) / "bench.json"
    atomic_write_text(path, json.dumps(figures, indent=2, default=str) + "\n")
    print(f"figures: {path}")
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    bench = sub.add_parser(
        "bench", help="speed figures: sweeps, baskets vs bt and pandas, one call, the catalog, sweep memory"
    )
    bench.add_argument("--combos", type=int, default=10_000, help="NVDA rule combinations in the sweep")
    bench.add_argument("--batch", type=int, default=200, help="baskets per vectorbt call")
    bench.add_argument("--skip-catalog", action="store_true", help="leave out the catalog runs (cold, warm, no change)")
    bench.add_argument(
        "--quick",
        action="store_true",
        help="a subset in about a minute that prints every ratio: one run each, a 2,000-combination sweep, batches of "
        "50, the catalog of six calls",
    )
    bench.add_argument("--out", default=str(DEFAULT_OUTPUT), help="folder for bench.json")
    bench.set_defaults(func=cmd_bench)
