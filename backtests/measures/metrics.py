"""Performance figures from a daily return series, computed here in plain numpy (and, for the many
columns of a sweep, in one compiled pass per table: ``summary_columns``, tested against ``summary``).

1. Total return: the product of (1 + daily return) minus 1; CAGR over calendar days.
2. Volatility, Sharpe and Sortino from the daily mean and standard deviation (downside only for Sortino).
3. Max drawdown: the deepest fall of the compounded value from its running peak (the starting 1 included).
4. ``measure``: those figures for a strategy and each benchmark over the same sessions, and the excess over the
   first; ``benchmark_returns`` starts every benchmark from the strategy's first close.

Conventions (stated in every ``metrics.json``): volatility, Sharpe and Sortino annualise daily
figures with 252 sessions a year and a zero risk-free rate, as quantstats does; CAGR uses calendar
time, (1 + total) ** (365.25 / days) - 1, so calendars with more or fewer sessions do not bend it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aitheme.data.compiled import kernel

PERIODS_PER_YEAR = 252
CONVENTIONS = {
    "annualisation": f"{PERIODS_PER_YEAR} sessions per year, risk-free rate 0",
    "cagr": "(1 + total_return) ** (365.25 / calendar days) - 1",
    "sortino": "mean / sqrt(mean(min(r, 0)^2)), annualised",
    "max_drawdown": "largest fall of the compounded value from its running peak",
}


def total_return(returns: pd.Series) -> float:
    return float(np.prod(1.0 + returns.to_numpy()) - 1.0)


def cagr(returns: pd.Series) -> float:
    days = (returns.index[-1] - returns.index[0]).days
    if days <= 0:
        return float("nan")
    return float((1.0 + total_return(returns)) ** (365.25 / days) - 1.0)


def volatility(returns: pd.Series) -> float:
    return float(np.std(returns.to_numpy(), ddof=1) * np.sqrt(PERIODS_PER_YEAR))


def sharpe(returns: pd.Series) -> float:
    values = returns.to_numpy()
    std = np.std(values, ddof=1)
    return float(np.mean(values) / std * np.sqrt(PERIODS_PER_YEAR)) if std > 0 else float("nan")


def sortino(returns: pd.Series) -> float:
    values = returns.to_numpy()
    downside = np.sqrt(np.mean(np.minimum(values, 0.0) ** 2))
    return float(np.mean(values) / downside * np.sqrt(PERIODS_PER_YEAR)) if downside > 0 else float("nan")


def max_drawdown(returns: pd.Series) -> float:
    wealth = np.cumprod(1.0 + returns.to_numpy())
    peak = np.maximum.accumulate(np.maximum(wealth, 1.0))
    return float(np.min(wealth / peak - 1.0))


def summary(returns: pd.Series) -> dict[str, float]:
    """The six headline figures of one return series."""
    returns = returns.dropna()
    return {
        "total_return": total_return(returns),
        "cagr": cagr(returns),
        "volatility": volatility(returns),
        "sharpe": sharpe(returns),
        "sortino": sortino(returns),
        "max_drawdown": max_drawdown(returns),
    }


@kernel(nogil=True)
def _column_moments(returns):  # pragma: no cover - compiled
    """One pass over the rows: per column the compounded wealth, mean, variance (Welford), mean of the
    squared losses and the largest drawdown, so a sweep's many columns are read once, row by row."""
    sessions, columns = returns.shape
    wealth, peak = np.ones(columns), np.ones(columns)
    mean, m2, down, drawdown = np.zeros(columns), np.zeros(columns), np.zeros(columns), np.zeros(columns)
    for t in range(sessions):
        for c in range(columns):
            r = returns[t, c]
            wealth[c] *= 1.0 + r
            peak[c] = max(peak[c], wealth[c])
            drawdown[c] = min(drawdown[c], wealth[c] / peak[c] - 1.0)
            delta = r - mean[c]
            mean[c] += delta / (t + 1)
            m2[c] += delta * (r - mean[c])
            down[c] += min(r, 0.0) ** 2
    return wealth, mean, m2 / (sessions - 1), down / sessions, drawdown


def summary_columns(returns: np.ndarray, index: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    """``summary`` of every column of ``returns`` (sessions x portfolios) at once, same definitions."""
    returns = np.ascontiguousarray(np.asarray(returns, dtype=float).reshape(len(index), -1))
    wealth, mean, variance, downside_sq, drawdown = _column_moments(returns)
    total = wealth - 1.0
    days = (index[-1] - index[0]).days
    root = np.sqrt(PERIODS_PER_YEAR)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(total >= -1.0, 1.0 + total, np.nan)
        cagr_ = growth ** (365.25 / days) - 1.0 if days > 0 else np.full(total.shape, np.nan)
        std = np.sqrt(variance)
        downside = np.sqrt(downside_sq)
        sharpe_ = np.where(std > 0, mean / std * root, np.nan)
        sortino_ = np.where(downside > 0, mean / downside * root, np.nan)
    return {
        "total_return": total,
        "cagr": cagr_,
        "volatility": std * root,
        "sharpe": sharpe_,
        "sortino": sortino_,
        "max_drawdown": drawdown,
    }


def benchmark_returns(close: pd.DataFrame) -> pd.DataFrame:
    """Daily returns from the window's first close (0 there: strategy and benchmarks start invested at the same
    close); NaN where a benchmark has no data of its own."""
    returns = close.pct_change(fill_method=None)
    returns.iloc[0] = 0.0
    return returns.where(close.notna())


def measured(
    returns: pd.Series, benchmarks: pd.DataFrame, since: pd.Timestamp | None = None
) -> tuple[pd.Series, pd.DataFrame]:
    """Strategy and benchmark returns from session ``since`` on (all of them when None or earlier), the benchmarks
    starting from that close as the strategy does (their first return 0)."""
    if since is None or since <= returns.index[0]:
        return returns, benchmarks
    return returns.loc[since:], benchmarks_from(benchmarks, since)


def benchmarks_from(benchmarks: pd.DataFrame, since: pd.Timestamp) -> pd.DataFrame:
    """Benchmark returns from session ``since``, bought at its close (first return 0 where a benchmark has data)."""
    if since <= benchmarks.index[0]:
        return benchmarks
    cut = benchmarks.loc[since:].copy()
    first = cut.iloc[0]
    cut.iloc[0] = first.where(first.isna(), 0.0)
    return cut


def measure(returns: pd.Series, benchmarks: pd.DataFrame, since: pd.Timestamp | None = None) -> dict:
    """The six figures of the strategy and of each benchmark over the same sessions, and the excess over the first.

    ``since``: the first session the strategy could hold anything (its first possible trade); the sessions before
    it are context in cash, so neither the strategy's figures nor its benchmarks' cover them."""
    window_start = returns.index[0]
    returns, benchmarks = measured(returns, benchmarks, since)
    strategy = summary(returns)
    figures = {t: summary(benchmarks[t]) for t in benchmarks.columns if benchmarks[t].notna().sum() > 1}
    first = benchmarks.columns[0] if len(benchmarks.columns) and benchmarks.columns[0] in figures else None
    excess = None
    if first is not None:
        common = benchmarks[first].notna()
        excess = summary(returns[common])["total_return"] - figures[first]["total_return"]
    return {
        "period": {
            "start": str(returns.index[0].date()),
            "end": str(returns.index[-1].date()),
            "sessions": int(len(returns)),
            **({"context_from": str(window_start.date())} if window_start < returns.index[0] else {}),
        },
        "strategy": strategy,
        "benchmark": {"ticker": first, **(figures[first] if first else {})},
        "benchmarks": figures,
        "excess_total_return": excess,
        "conventions": CONVENTIONS,
    }
