"""``aitheme bench``: the speed figures of issue 7, printed and written to reports/output/bench.json."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {
    "sweep_backtests_per_s": (">=", 10_000),
    "bt_ratio": (">=", 100),
    "catalog_warm_s": ("<=", 20),
    "numpy_floor_ratio": ("<=", 5),
}


def time_catalog(numba_cache: Path, out: Path) -> float:
    """Seconds for ``aitheme run`` over the whole catalog in a fresh process with this Numba cache."""
    env = {**os.environ, "NUMBA_CACHE_DIR": str(numba_cache), "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "aitheme", "run", "--quiet", "--out", str(out)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


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


def cmd_bench(args) -> int:
    from aitheme.backtests.bench import basket_figures, sweep_figures
    from aitheme.data.atomic import atomic_write_text

    figures: dict = {"machine": machine()}
    print(f"machine: {figures['machine']}")
    sweep = sweep_figures(args.combos)
    figures.update(sweep)
    speed = sweep["sweep_backtests_per_s"]
    print(
        f"sweep: {sweep['sweep_backtests']} backtests in {sweep['sweep_s']:.2f}s = "
        f"{speed:,.0f}/s  [{verdict('sweep_backtests_per_s', speed)}]"
    )
    print(
        f"numpy floor: {sweep['numpy_floor_s']:.3f}s; ratio {sweep['numpy_floor_ratio']:.2f}  "
        f"[{verdict('numpy_floor_ratio', sweep['numpy_floor_ratio'])}]"
    )
    baskets = basket_figures(args.batch)
    figures["baskets"] = baskets
    for row in baskets:
        if row["bt_s_per_backtest"] is None:
            bt = "bt not installed (pip install -e '.[bench]')"
        else:
            bt = (
                f"bt {row['bt_s_per_backtest'] * 1e3:.1f} ms -> ratio {row['bt_ratio']:.0f}x "
                f"[{verdict('bt_ratio', row['bt_ratio'])}]"
            )
        print(
            f"{row['workload']}: ours {row['ours_s_per_backtest'] * 1e3:.2f} ms/backtest (batch {row['batch']}); "
            f"{bt}; pandas loop {row['pandas_loop_s_per_backtest'] * 1e3:.1f} ms ({row['pandas_ratio']:.0f}x); "
            f"returns agree to 1e-6: {row['agree_1e-6']}"
        )
    ratios = [r["bt_ratio"] for r in baskets if r["bt_ratio"] is not None]
    figures["bt_ratio"] = min(ratios) if ratios else None
    if not args.skip_catalog:
        with tempfile.TemporaryDirectory() as scratch:
            cache, out = Path(scratch) / "numba", Path(scratch) / "out"
            figures["catalog_cold_s"] = time_catalog(cache, out)
            figures["catalog_warm_s"] = time_catalog(cache, out)
        print(
            f"catalog: cold {figures['catalog_cold_s']:.1f}s, warm {figures['catalog_warm_s']:.1f}s  "
            f"[{verdict('catalog_warm_s', figures['catalog_warm_s'])}]"
        )
    path = Path(args.out) / "bench.json"
    atomic_write_text(path, json.dumps(figures, indent=2, default=str) + "\n")
    print(f"figures: {path}")
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    bench = sub.add_parser("bench", help="speed figures: sweep, baskets vs bt and pandas, catalog cold/warm")
    bench.add_argument("--combos", type=int, default=10_000, help="NVDA rule combinations in the sweep")
    bench.add_argument("--batch", type=int, default=200, help="baskets per vectorbt call")
    bench.add_argument("--skip-catalog", action="store_true", help="leave out the cold/warm catalog runs")
    bench.add_argument("--out", default=str(DEFAULT_OUTPUT), help="folder for bench.json")
    bench.set_defaults(func=cmd_bench)
