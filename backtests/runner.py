"""``run(name, **overrides)``: one strategy from the snapshot to a result with metrics.

1. Load the strategy; split ``overrides`` into run settings (dates, costs, lag, currency) and the
   strategy's own parameters (unknown names are an error).
2. Load closes for universe and benchmarks, in the run's base currency. Tickers the snapshot lists
   without data are reported as missing, never dropped silently.
3. Ask the strategy for target weights on the full history (look-back windows need the past).
4. Simulate from the first signal (or ``start``) to ``end``; the report period begins at the first
   session the engine could trade, where strategy and benchmarks both start from the same close.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import pandas as pd

from aitheme.backtests.engine import (
    DEFAULT_FEES,
    DEFAULT_SLIPPAGE,
    INIT_CASH,
    Costs,
    EngineError,
    held_weights,
    simulate,
)
from aitheme.backtests.metrics import CONVENTIONS, summary
from aitheme.backtests.verdict import judge
from aitheme.data import DataError, instruments, known_tickers, load_prices
from aitheme.data.corporate_actions import acquirers_of, carry_mergers, describe, mergers_in
from aitheme.data.fx import to_currency
from aitheme.data.settings import current as user_settings
from aitheme.strategies.base import Params, Strategy, StrategyError
from aitheme.strategies.catalog import load


@dataclass(frozen=True)
class RunSettings:
    """How a strategy is run; every field can be overridden by ``run(name, field=value)``."""

    start: str | None = None
    end: str | None = None
    fees: float = DEFAULT_FEES
    slippage: float = DEFAULT_SLIPPAGE
    lag: int = 1
    currency: str | None = None
    init_cash: float = INIT_CASH
    extra_benchmarks: tuple[str, ...] = ()  # compared after the strategy's own (settings: extra_benchmarks)


SETTING_NAMES = {f.name for f in fields(RunSettings)}


@dataclass
class BacktestResult:
    strategy: Strategy
    params: Params
    settings: RunSettings
    target_weights: pd.DataFrame
    held_weights: pd.DataFrame
    returns: pd.Series
    benchmark_returns: pd.DataFrame
    portfolio: Any
    metrics: dict
    currency: str
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.strategy.key


def run_settings(**values: Any) -> RunSettings:
    """The settings file's values, then ``values`` (None means "not given"); unknown names are an error."""
    unknown = set(values) - SETTING_NAMES
    if unknown:
        expected = ", ".join(sorted(SETTING_NAMES))
        raise ValueError(f"unknown run setting {sorted(unknown)[0]!r}: expected one of {expected}")
    given = {k: v for k, v in values.items() if v is not None}
    for name in ("start", "end"):
        if name in given:
            given[name] = _checked_date(name, given[name])
    return RunSettings(**{**user_settings().run_defaults(), **given})


def _checked_date(name: str, value) -> str:
    try:
        return str(pd.Timestamp(value).date())
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date like 2023-01-31; got {value!r}") from None


def split_overrides(overrides: dict[str, Any]) -> tuple[RunSettings, dict[str, Any]]:
    """Run settings (the settings file's values, then ``overrides``) and the strategy's own parameters."""
    settings = {k: v for k, v in overrides.items() if k in SETTING_NAMES}
    params = {k: v for k, v in overrides.items() if k not in SETTING_NAMES}
    return run_settings(**settings), params


def available_tickers(tickers) -> tuple[list[str], list[str]]:
    """(tickers with prices, tickers the instrument list names but no data exists for)."""
    have = set(known_tickers())
    listed = set(instruments().index)
    missing = [t for t in tickers if t not in have and t in listed]
    return [t for t in tickers if t not in missing], missing


def run(name: str | Strategy, **overrides: Any) -> BacktestResult:
    """Backtest the strategy ``name`` (catalog name or ``module:Class``) with ``overrides`` applied."""
    strategy = name if isinstance(name, Strategy) else load(name)
    settings, param_overrides = split_overrides(overrides)
    params = strategy.resolve(**param_overrides)
    if settings.end and pd.Timestamp(settings.end).date() < strategy.published and not strategy.hindsight(params):
        raise StrategyError(
            f"{strategy.key}: end {settings.end} is before the call was published "
            f"({strategy.published}); nothing to backtest"
        )
    currency = (settings.currency or strategy.currency).upper()
    universe, missing = available_tickers(list(strategy.universe))
    if not universe:
        raise DataError(f"{strategy.key}: no ticker of its universe has data ({', '.join(missing)})")
    wanted = list(dict.fromkeys([*strategy.benchmarks, *settings.extra_benchmarks]))
    benchmarks, missing_bench = available_tickers(wanted)

    extra = [t for t in acquirers_of(universe) if t not in universe + benchmarks]
    prices = to_currency(load_prices(universe + benchmarks + extra, end=settings.end), currency)
    close = universe_close(prices, universe)
    hindsight = strategy.hindsight(params)
    targets = _checked_targets(strategy, strategy.weights(close, params), close, hindsight)
    window, targets = _window(close, targets, settings.start, settings.end, strategy.key)
    portfolio = simulate(
        close.loc[window],
        targets,
        lag=settings.lag,
        costs=Costs(settings.fees, settings.slippage),
        init_cash=settings.init_cash,
    )

    period = window[min(settings.lag, len(window) - 1) :]
    returns = portfolio.returns().loc[period].rename(strategy.key)
    bench_close = prices.close[benchmarks].reindex(prices.close.index).ffill().reindex(window)
    bench_returns = bench_close.pct_change(fill_method=None).loc[period]
    bench_returns.iloc[0] = 0.0  # both start invested at the first trading session's close
    bench_returns = bench_returns.fillna(0.0)

    metrics = _metrics(returns, bench_returns)
    if strategy.yardstick is not None and not hindsight:
        # Names the rule never bought (a variant's unused universe) are no part of "how many names beat it".
        held = targets.columns[(targets.fillna(0.0) > 0).any()]
        metrics["verdict"] = judge(strategy.yardstick, returns, bench_returns, close.loc[window, held])
    notes = [
        f"{t} ({instruments().at[t, 'name']}) is named by the call but the snapshot has no price for it: "
        "it is not held (the rule says where its weight goes)"
        for t in missing
    ]
    if hindsight:
        notes.append(
            f"hindsight run: trades from {targets.index[0].date()}, before the call was published "
            f"({strategy.published}); context, not the call, so no verdict"
        )
    notes += [describe(m) for m in mergers_in(universe)]
    notes += [f"benchmark {t} has no price data" for t in missing_bench]
    claims = strategy.claims()
    if claims:
        metrics["claims"] = claims
        notes += [
            f"claim {'holds' if c['holds'] else 'does not hold'}: {c['claim']} ({c['detail']})" for c in claims.values()
        ]
    return BacktestResult(
        strategy=strategy,
        params=params,
        settings=settings,
        target_weights=targets.loc[window[0] :],
        held_weights=held_weights(portfolio).loc[period],
        returns=returns,
        benchmark_returns=bench_returns,
        portfolio=portfolio,
        metrics=metrics,
        currency=currency,
        missing=missing,
        notes=notes,
        data={
            "snapshot_sha256": prices.snapshot_sha256,
            "source": prices.source,
            "last_date": {t: str(prices.close[t].last_valid_index().date()) for t in universe + benchmarks},
            "run_settings": asdict(settings),
        },
        tables=strategy.tables(),
    )


def universe_close(prices, universe: list[str]) -> pd.DataFrame:
    """The closes a strategy sees: its universe, on the sessions where any of it traded.

    A name taken over in an all-stock merger is continued as the acquirer shares it became.
    """
    return carry_mergers(prices.close)[universe].dropna(how="all")


def strategy_inputs(strategy: Strategy, currency: str | None = None, end=None) -> pd.DataFrame:
    """The price frame ``run`` hands to ``strategy.weights`` (used by tests and sweeps)."""
    universe, _ = available_tickers(list(strategy.universe))
    extra = [t for t in acquirers_of(universe) if t not in universe]
    prices = to_currency(load_prices(universe + extra, end=end), currency or strategy.currency)
    return universe_close(prices, universe)


def _checked_targets(strategy: Strategy, targets, close: pd.DataFrame, hindsight: bool = False) -> pd.DataFrame:
    if not isinstance(targets, pd.DataFrame):
        raise StrategyError(f"{strategy.key}.weights must return a DataFrame; got {type(targets).__name__}")
    extra = targets.columns.difference(close.columns)
    if len(extra):
        raise StrategyError(f"{strategy.key}.weights returned tickers outside its universe: {list(extra)}")
    targets = targets.dropna(how="all")
    if targets.empty:
        raise StrategyError(f"{strategy.key}.weights returned no weights at all for the data given")
    # The engine trades a signal at the next session: that session may not precede the publication.
    first_signal = targets.index[0]
    later = close.index[close.index > first_signal]
    first_trade = (later[0] if len(later) else first_signal).date()
    if first_trade < strategy.published and not hindsight:
        raise StrategyError(
            f"{strategy.key} would first trade on {first_trade} (signal of {first_signal.date()}), "
            f"before its call was published on {strategy.published}"
        )
    return targets


def _window(close: pd.DataFrame, targets: pd.DataFrame, start, end, key: str):
    """The simulated sessions and the targets inside them, with the standing target carried in."""
    start_ts = pd.Timestamp(start) if start is not None else targets.index[0]
    sessions = close.index[(close.index >= start_ts) & ((close.index <= pd.Timestamp(end)) if end else True)]
    if len(sessions) < 2:
        have = f"{close.index[0].date()} to {close.index[-1].date()}"
        raise EngineError(
            f"{key}: fewer than two sessions between {start_ts.date()} and "
            f"{end or close.index[-1].date()}; the data has {have}"
        )
    standing = targets.loc[: sessions[0]]
    inside = targets.loc[sessions[0] : sessions[-1]]
    if len(standing) and standing.index[-1] < sessions[0]:
        inside = pd.concat([standing.iloc[[-1]].set_axis([sessions[0]]), inside])
    return sessions, inside


def _metrics(returns: pd.Series, bench_returns: pd.DataFrame) -> dict:
    strategy = summary(returns)
    benchmarks = {t: summary(bench_returns[t]) for t in bench_returns.columns}
    first = bench_returns.columns[0] if len(bench_returns.columns) else None
    return {
        "period": {
            "start": str(returns.index[0].date()),
            "end": str(returns.index[-1].date()),
            "sessions": int(len(returns)),
        },
        "strategy": strategy,
        "benchmark": {"ticker": first, **(benchmarks[first] if first else {})},
        "benchmarks": benchmarks,
        "excess_total_return": strategy["total_return"] - benchmarks[first]["total_return"] if first else None,
        "conventions": CONVENTIONS,
    }
