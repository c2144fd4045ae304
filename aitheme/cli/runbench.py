"""The run figures of ``aitheme bench``: how long a user waits, and for what, each measured in a fresh process.

1. ``import vectorbt`` alone (best of three): the floor every backtest pays.
2. One call, ``aitheme run top_picks --no-tearsheet`` into a fresh folder (best of three), and its ratio to 1.
3. The whole catalog with tearsheets: cold (a fresh folder and a fresh Numba cache), warm (a fresh folder, the
   Numba cache of the cold run) and no change (the warm run's folder again). Each run's wall time, and the CPU
   time of it and its workers (``resource.getrusage(RUSAGE_CHILDREN)`` before and after), so wall / CPU says how
   busy both cores were; and the seconds per step summed over the processes (``$AITHEME_TIMINGS``).
4. A sweep of at least 100,000 combinations in a fresh process, which prints its own peak resident memory when
   done: ``VmHWM`` of /proc/self/status on Linux, since ``ru_maxrss`` there carries over the size of the process
   that started it (the bench itself, over 1 GB by then), else ``ru_maxrss``; its overfitting figures included.
5. Start-up: ``aitheme --help`` and ``aitheme list`` in a fresh process, best of three.
6. The judging's cost: every judged entry with a rule judged plainly (its holding and yardstick) and whole
   (``assessment.assess``: readings, luck and beta beside it), in this process; the difference is what the
   readings and the luck baseline cost.
``quick``: one run of each instead of three, and the catalog of ``QUICK_CALLS`` only (its ratios labelled so).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SWEEP_100K = {  # 40 x 20 x 125 = 100,000 combinations of the buy-the-shock rule
    "drop": [round(0.01 * i, 2) for i in range(1, 41)],
    "window": list(range(5, 105, 5)),
    "hold": list(range(5, 630, 5)),
}
SWEEP_SCRIPT = """
import json, resource, sys, time
from aitheme.backtests.research.sweep import sweep
grid = json.loads(sys.argv[1])
began = time.perf_counter()
settings = dict(tradable_from="2018-01-02", start="2018-01-02", fees=0.0, slippage=0.0)
result = sweep("nvda_export_controls.buy_shock", grid, **settings)
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
try:  # Linux: the high-water mark of this process image alone (ru_maxrss keeps the parent's size across exec)
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0])
except (OSError, IndexError, ValueError):
    pass
figures = result.overfitting
print(json.dumps({"backtests": result.backtests, "seconds": seconds, "peak_rss_mb": peak / 1024,
                  "overfitting_s": figures.seconds, "overfitting_trials": figures.trials,
                  "overfitting_splits": figures.splits.count if figures.splits else None}))
"""


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "MPLBACKEND": "Agg", **extra}


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall and CPU seconds (user + system, the process and all it waited for) of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, env=env or _environment(), stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu}


QUICK_CALLS = ["top_picks", "aiq_etf", "nvda_note", "tsla_note", "naver_target_price", "ai_action_plan"]


def best_of(runs: int, command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    return min((timed(command, env) for _ in range(runs)), key=lambda t: t["wall_s"])


def aitheme(*args: str) -> list[str]:
    return [sys.executable, "-m", "aitheme", *args]


def single_call(scratch: Path, tries: int = 3) -> dict[str, Any]:
    """``import vectorbt`` and one call without its tearsheet into a fresh folder, each best of ``tries``."""
    floor = best_of(tries, [sys.executable, "-c", "import vectorbt"])
    runs = [
        aitheme("run", "top_picks", "--no-tearsheet", "-q", "--out", str(scratch / f"one{i}")) for i in range(tries)
    ]
    one = min((timed(command) for command in runs), key=lambda t: t["wall_s"])
    return {
        "import_vectorbt_s": floor["wall_s"],
        "single_call_no_tearsheet_s": one["wall_s"],
        "single_call_ratio": one["wall_s"] / floor["wall_s"],
    }


def _catalog_run(out: Path, numba: Path, timings: Path, jobs: int | None, names: list[str]) -> dict[str, Any]:
    env = _environment(NUMBA_CACHE_DIR=str(numba), AITHEME_TIMINGS=str(timings))
    command = aitheme("run", *names, "-q", "--out", str(out), *(["--jobs", str(jobs)] if jobs else []))
    figures: dict[str, Any] = timed(command, env)
    figures["wall_over_cpu"] = figures["wall_s"] / figures["cpu_s"] if figures["cpu_s"] else None
    figures.update(json.loads(timings.read_text()))
    return figures


def catalog(scratch: Path, jobs: int | None = None, names: list[str] | None = None) -> dict[str, Any]:
    """The whole catalog (or ``names``) cold, warm and with nothing changed."""
    numba, timings, names = scratch / "numba", scratch / "timings.json", names or []
    cold = _catalog_run(scratch / "cold", numba, timings, jobs, names)
    warm = _catalog_run(scratch / "warm", numba, timings, jobs, names)
    unchanged = _catalog_run(scratch / "warm", numba, timings, jobs, names)
    return {
        "catalog_calls": names or "all",
        "catalog_cold": cold,
        "catalog_warm": warm,
        "catalog_no_change": unchanged,
        "catalog_cold_s": cold["wall_s"],
        "catalog_warm_s": warm["wall_s"],
        "catalog_no_change_s": unchanged["wall_s"],
        "catalog_no_change_ratio": unchanged["wall_s"] / cold["wall_s"],
        "catalog_wall_over_cpu": cold["wall_over_cpu"],
    }


def sweep_memory() -> dict[str, Any]:
    """A sweep of 100,000 combinations in a fresh process: its own peak resident memory."""
    done = subprocess.run(
        [sys.executable, "-c", SWEEP_SCRIPT, json.dumps(SWEEP_100K)],
        check=True,
        env=_environment(),
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "sweep_100k_backtests": figures["backtests"],
        "sweep_100k_s": figures["seconds"],
        "sweep_100k_peak_rss_mb": figures["peak_rss_mb"],
        "sweep_100k_overfitting_s": figures["overfitting_s"],
        "sweep_100k_overfitting_trials": figures["overfitting_trials"],
        "sweep_100k_overfitting_splits": figures["overfitting_splits"],
    }


def start_up(tries: int = 3) -> dict[str, Any]:
    """Step 5: ``aitheme --help`` and ``aitheme list`` in fresh processes."""
    return {
        "help_s": best_of(tries, aitheme("--help"))["wall_s"],
        "list_s": best_of(tries, aitheme("list"))["wall_s"],
    }


def judging_cost() -> dict[str, Any]:
    """Step 6: the catalog's judged entries judged plainly and whole, in this process (prices loaded once)."""
    from aitheme.backtests.engine import pipeline
    from aitheme.backtests.judging.assessment import assess, holding, own_window
    from aitheme.backtests.judging.verdict import judge
    from aitheme.strategies.catalog import catalog as entries

    judged = [c for c in entries().entries.values() if c.judged and c.rule is not None and not c.untestable]
    windows = [(c, own_window(c)) for c in judged]
    prepared = [(c, inputs, pipeline.targets(inputs)) for c, inputs in windows]
    began = time.perf_counter()
    for call, inputs, weights in prepared:
        assert call.yardstick is not None  # a judged entry has one
        judge(call.yardstick, holding(inputs, weights), inputs.first_trade)
    plain = time.perf_counter() - began
    began = time.perf_counter()
    for call, inputs, weights in prepared:
        assess(call, inputs, weights)
    whole = time.perf_counter() - began
    return {"judging_entries": len(judged), "judging_plain_s": plain, "judging_whole_s": whole}


def run_figures(skip_catalog: bool = False, quick: bool = False) -> dict[str, Any]:
    tries = 1 if quick else 3
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        figures = single_call(scratch, tries)
        figures.update(start_up(tries))
        figures.update(sweep_memory())
        figures.update(judging_cost())
        if not skip_catalog:
            figures.update(catalog(scratch, names=QUICK_CALLS if quick else None))
            figures["catalog_cold_ratio"] = figures["catalog_cold_s"] / figures["import_vectorbt_s"]
    return figures


def steps_line(steps: dict[str, float]) -> str:
    total = sum(steps.values()) or 1.0
    ranked = sorted(steps.items(), key=lambda kv: kv[1], reverse=True)
    return ", ".join(f"{name} {seconds:.1f}s ({seconds / total:.0%})" for name, seconds in ranked)
