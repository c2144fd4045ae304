"""Was the call right? The strategy's ``Yardstick`` applied to the result, with the numbers behind it.

1. The horizon runs from the first traded close for ``horizon_days`` calendar days (to the last session
   on or before that day). When the data end first, the verdict is ``open``.
2. Each criterion set on the yardstick is checked: absolute return, excess over a benchmark, target
   price reached (first close at or above it, and when).
3. The call is ``right`` when every criterion holds, ``wrong`` when any fails.
4. For a basket judged against a benchmark, each name's own return over the same horizon is
   compared with it too (``names``: how many beat it); this is reported, not a criterion.
"""

from __future__ import annotations

import pandas as pd

from aitheme.data import load_prices


def _compound(returns: pd.Series) -> float:
    return float((1.0 + returns).prod() - 1.0)


def judge(yardstick, returns: pd.Series, benchmark_returns: pd.DataFrame, close: pd.DataFrame | None = None) -> dict:
    """The verdict of ``yardstick`` on a strategy's daily ``returns`` (first row = entry close).

    ``close`` (the universe's closes, as the engine valued them) adds the per-name comparison.
    """
    entry = returns.index[0]
    horizon_end = entry + pd.Timedelta(days=yardstick.horizon_days)
    complete = returns.index[-1] >= horizon_end
    window = returns.loc[:horizon_end]
    checks: dict[str, dict] = {}
    if yardstick.min_return is not None:
        value = _compound(window)
        checks["absolute_return"] = {
            "value": value,
            "threshold": yardstick.min_return,
            "passed": value >= yardstick.min_return,
        }
    if yardstick.beat is not None:
        strat, bench = _compound(window), _compound(benchmark_returns[yardstick.beat].loc[window.index])
        checks["excess_return"] = {
            "value": strat - bench,
            "strategy": strat,
            "benchmark": yardstick.beat,
            "benchmark_return": bench,
            "passed": strat > bench,
        }
    if yardstick.target is not None:
        target_close = load_prices([yardstick.target_ticker], entry, window.index[-1]).close[yardstick.target_ticker]
        reached = target_close[target_close >= yardstick.target]
        checks["target_price"] = {
            "ticker": yardstick.target_ticker,
            "target": yardstick.target,
            "max_close": float(target_close.max()),
            "reached_on": None if reached.empty else str(reached.index[0].date()),
            "passed": not reached.empty,
        }
    names = None
    if yardstick.beat is not None and close is not None and close.shape[1] > 1:
        names = _names_vs_benchmark(close, window.index, checks["excess_return"]["benchmark_return"])
    passed = _passed(yardstick, checks)
    status = "right" if passed and (complete or _target_only_met(checks)) else "wrong" if complete else "open"
    return {
        "yardstick": yardstick.description,
        "status": status,
        "horizon": {
            "from": str(entry.date()),
            "to": str(window.index[-1].date()),
            "days": yardstick.horizon_days,
            "complete": bool(complete),
        },
        "checks": checks,
        **({"names": names} if names else {}),
    }


def _passed(yardstick, checks: dict) -> bool:
    if yardstick.return_or_target and {"absolute_return", "target_price"} <= checks.keys():
        either = checks["absolute_return"]["passed"] or checks["target_price"]["passed"]
        rest = [c["passed"] for k, c in checks.items() if k not in ("absolute_return", "target_price")]
        return either and all(rest)
    return all(c["passed"] for c in checks.values())


def _names_vs_benchmark(close: pd.DataFrame, sessions: pd.DatetimeIndex, benchmark_return: float) -> dict:
    """Each name's return from the entry close to the horizon's last close, and whether it beat the benchmark."""
    held = close.ffill().reindex(sessions)
    start, end = held.iloc[0], held.iloc[-1]
    per_name = {t: float(end[t] / start[t] - 1.0) for t in held.columns if pd.notna(start[t]) and pd.notna(end[t])}
    beat = [t for t, r in per_name.items() if r > benchmark_return]
    return {"beat": len(beat), "of": len(per_name), "returns": per_name}


def _target_only_met(checks: dict) -> bool:
    """A target reached before the data end is settled even if the horizon is not over."""
    return list(checks) == ["target_price"] and checks["target_price"]["passed"]


def one_line(verdict: dict) -> str:
    """``right: +35.2% in 12 months (needs >= +20%); +12.0% vs ^IXIC; target 392 not reached (max 299.1)``."""
    parts = []
    for name, check in verdict["checks"].items():
        if name == "absolute_return":
            parts.append(f"{check['value']:+.1%} over the horizon (needs {check['threshold']:+.0%})")
        elif name == "excess_return":
            parts.append(f"{check['value']:+.1%} vs {check['benchmark']}")
        else:
            reached = check["reached_on"]
            when = f"reached {reached}" if reached else f"not reached (max {check['max_close']:.2f})"
            parts.append(f"target {check['target']:g} {when}")
    if "names" in verdict:
        benchmark = verdict["checks"]["excess_return"]["benchmark"]
        parts.append(f"{verdict['names']['beat']} of {verdict['names']['of']} names beat {benchmark}")
    span = f"{verdict['horizon']['from']} to {verdict['horizon']['to']}"
    return f"{verdict['status']}: " + "; ".join(parts) + f" ({span})"
