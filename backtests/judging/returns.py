"""Criteria on a holding's own returns: an absolute return, an excess over (or shortfall against) a benchmark, how
many held names reached a return, and how each held name did against the benchmark.

1. The holding's compound return over the judged window (its first row: the entry session, with its costs).
2. ``AbsoluteReturn``: that return against the bar, at the horizon's end.
3. ``Beat`` / ``Trail``: that return minus the benchmark's over the same sessions, against the margin.
4. ``Steadier``: the holding's annualised volatility (or deepest drawdown) against the benchmark's, same sessions.
5. ``NamesAtLeast``: each held name's close-to-close return over the window against the bar (reported beside).
6. ``names_vs``: each held name's return against the benchmark's (how many beat it; reported, not judged).
A check is decided only once the horizon is complete (``passed`` None before).
"""

from __future__ import annotations

import pandas as pd

from aitheme.backtests.measures.metrics import max_drawdown, volatility
from aitheme.strategies.yardsticks import AbsoluteReturn, Beat, NamesAtLeast, Steadier, Trail


def compound(returns: pd.Series) -> float:
    return float((1.0 + returns.dropna()).prod() - 1.0)


def absolute_return(criterion: AbsoluteReturn, window: pd.Series, complete: bool) -> dict:
    value = compound(window)
    return {
        "value": value,
        "threshold": criterion.at_least,
        "passed": (value >= criterion.at_least) if complete else None,
    }


def excess_return(criterion: Beat | Trail, benchmarks: pd.DataFrame, window: pd.Series, complete: bool) -> dict:
    strategy = compound(window)
    bench = compound(benchmarks[criterion.benchmark].loc[window.index])
    excess = strategy - bench
    trail = isinstance(criterion, Trail)
    passed = (excess < -criterion.margin if trail else excess > criterion.margin) if complete else None
    return {
        "value": excess,
        "strategy": strategy,
        "benchmark": criterion.benchmark,
        "benchmark_return": bench,
        "margin": criterion.margin,
        "expects": "trail" if trail else "beat",
        "passed": passed,
    }


def steadier(criterion: Steadier, benchmarks: pd.DataFrame, window: pd.Series, complete: bool) -> dict:
    """Lower is steadier: volatility, or the depth of the worst drawdown (a positive number here)."""
    bench = benchmarks[criterion.benchmark].loc[window.index]
    if criterion.measure == "volatility":
        own, theirs = volatility(window.dropna()), volatility(bench.dropna())
    else:
        own, theirs = -max_drawdown(window.dropna()), -max_drawdown(bench.dropna())
    return {
        "measure": criterion.measure,
        "value": own,
        "benchmark": criterion.benchmark,
        "benchmark_value": theirs,
        "passed": (own < theirs) if complete else None,
    }


def names_at_least(claim: NamesAtLeast, closes: pd.DataFrame | None, window, complete: bool) -> dict:
    if closes is None or window is None or not len(window):
        return {"at_least": claim.at_least, "passed": None, "missing": "no holding to measure"}
    returns = name_returns(closes, window.index)
    hits = [t for t, r in returns.items() if r >= claim.at_least]
    return {
        "at_least": claim.at_least,
        "hits": hits,
        "of": len(returns),
        "returns": returns,
        "passed": (len(hits) == len(returns)) if complete else None,
    }


def name_returns(closes: pd.DataFrame, sessions: pd.DatetimeIndex) -> dict[str, float]:
    """Each held name's return from the window's first close to its last (names without both closes left out)."""
    held = closes.ffill().reindex(sessions)
    first, last = held.iloc[0], held.iloc[-1]
    return {t: float(last[t] / first[t] - 1.0) for t in held.columns if pd.notna(first[t]) and pd.notna(last[t])}


def names_vs(closes: pd.DataFrame, sessions: pd.DatetimeIndex, benchmark_return: float) -> dict:
    """Each name's return from the entry close to the horizon's last close, and whether it beat the benchmark."""
    per_name = name_returns(closes, sessions)
    beat = [t for t, r in per_name.items() if r > benchmark_return]
    return {"beat": len(beat), "of": len(per_name), "returns": per_name}
