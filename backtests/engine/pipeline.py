"""The pipeline: one catalog entry from its declaration to a result, shared by run, sweep, walk-forward, luck, bench.

``prepare(call, params, settings)`` builds the ``Inputs`` of a run:

1. The universe: names the call lists that have data, the ones it lists without (reported, never dropped
   silently), acquirers of names taken over in all-stock deals (the target continues as acquirer shares).
2. Benchmarks: the yardstick's first, then the call's, then the settings' extra ones; each only within its own data.
3. Prices from the data layer in the run's currency (FX applied there); ``real`` marks each real close.
4. Timing (``timing``): the first session at whose close the call can trade, from the exchange calendars and the
   moment the document became public (a hindsight entry: from its ``trade_from``).
5. The window: from that session (or the user's ``start``) to ``end``; the rule sees the whole history before it.
6. The context a rule reads.

Then ``orders(inputs, targets)`` times the rule's decisions (lag, nothing before the first possible trade, only at
real closes, exits where data end early) and ``run`` simulates them, measures strategy and benchmarks over the
same sessions, and judges the call on its own window from its first possible trade, whatever window was asked for.
The run's settings and their checks are in ``settings`` (``RunSettings``, ``run_settings``, ``split_overrides``,
named here too: every caller reads them through this module).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from aitheme.backtests.engine import timing
from aitheme.backtests.engine.settings import RunSettings, checked_date, run_settings, split_overrides
from aitheme.backtests.engine.simulation import EngineError
from aitheme.data import DataError, instruments, known_tickers, load_events, load_prices
from aitheme.data.corporate_actions import acquirers_of, carry_mergers, separately_listed
from aitheme.data.fx import to_currency
from aitheme.strategies.context import Context
from aitheme.strategies.model import HINDSIGHT, Call, CallError, Params

__all__ = [
    "Inputs",
    "RunSettings",
    "available",
    "benchmark_list",
    "checked_date",
    "exits",
    "orders",
    "prepare",
    "run_settings",
    "split_overrides",
    "targets",
    "timed_orders",
]


# --- Inputs ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    call: Call
    params: Params
    settings: RunSettings
    currency: str
    universe: list[str]  # the names the call lists that have data
    missing: list[str]  # the names it lists that have none
    benchmarks: list[str]
    missing_benchmarks: list[str]
    close: pd.DataFrame  # universe closes in the run's currency, full history to ``end``; mergers carried
    benchmark_close: pd.DataFrame  # benchmarks on the same sessions, each only within its own data
    first_trade: pd.Timestamp  # the first session at whose close the call may trade
    start: pd.Timestamp  # the first session simulated (the first trade, or the user's start)
    context: Context
    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.call.key

    @property
    def real(self) -> pd.DataFrame:
        """True where a name has a real close (a merged name: its acquirer's, as the shares it became)."""
        return self.close.notna()

    @property
    def window(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.close.index[self.close.index >= self.start])

    @property
    def hindsight(self) -> bool:
        return self.call.kind == HINDSIGHT


def available(tickers: list[str]) -> tuple[list[str], list[str]]:
    """(tickers with prices, tickers the instrument list names but no data exists for)."""
    have, listed = set(known_tickers()), set(instruments().index)
    missing = [t for t in tickers if t not in have and t in listed]
    return [t for t in tickers if t not in missing], missing


def benchmark_list(call: Call, settings: RunSettings) -> list[str]:
    """The yardstick's benchmark first (every page compares with it), then the call's, then the extra ones."""
    first = [call.yardstick.benchmark] if call.yardstick is not None and call.yardstick.benchmark else []
    return list(dict.fromkeys([*first, *call.benchmarks, *settings.extra_benchmarks]))


def prepare(call: Call, params: Params, settings: RunSettings, trade_from: Any = None) -> Inputs:
    """Everything a run of ``call`` needs; ``trade_from`` treats the rule as known from that date (hindsight)."""
    if call.rule is None:
        why = call.untestable or "it is judged from facts and dated prices, not a holding (see aitheme scorecard)"
        raise CallError(f"{call.key} has no rule to backtest: {why}")
    currency = (settings.currency or call.currency).upper()
    universe, missing = available(list(call.universe))
    if not universe:
        raise DataError(f"{call.key}: no ticker of its universe has data ({', '.join(missing)})")
    benchmarks, missing_benchmarks = available(benchmark_list(call, settings))
    acquirers = [t for t in acquirers_of(universe) if t not in universe]
    prices = to_currency(load_prices(universe + benchmarks + acquirers, end=settings.end), currency)
    close = carry_mergers(prices.close)[universe].dropna(how="all")
    close = _until_first_benchmark_ends(close, prices.close, benchmarks)
    sessions = pd.DatetimeIndex(close.index)
    hindsight_from = trade_from if trade_from is not None else call.trade_from
    if hindsight_from is not None:
        first_trade = timing.on_or_after(sessions, pd.Timestamp(hindsight_from))
    else:
        try:
            first_trade = timing.first_possible_trade(call.document.public_at, universe, sessions)
        except timing.TimingError:
            raise CallError(
                f"{call.key}: the data end {sessions[-1].date()}, before the call's first possible trade "
                f"(published {call.published}); nothing to backtest"
            ) from None
    start = first_trade
    if settings.start is not None:
        if pd.Timestamp(settings.start) > sessions[-1]:
            raise CallError(f"{call.key}: start {settings.start} is after the data end {sessions[-1].date()}")
        start = timing.on_or_after(sessions, pd.Timestamp(settings.start))
    if settings.end is not None and pd.Timestamp(settings.end) < first_trade and hindsight_from is None:
        raise CallError(
            f"{call.key}: end {settings.end} is before the call's first possible trade ({first_trade.date()}, "
            f"published {call.published}); nothing to backtest"
        )
    window = sessions[sessions >= start]
    if len(window) < 2:
        raise EngineError(
            f"{call.key}: fewer than two sessions from {start.date()} to {sessions[-1].date()}; "
            f"the data have {sessions[0].date()} to {sessions[-1].date()}"
        )
    bench = _within_own_data(prices.close[benchmarks], sessions)
    context = Context(
        close=close,
        first_trade=first_trade,
        lag=settings.lag,
        currency=currency,
        event_table=load_events(),
        listed=separately_listed(universe, sessions),
    )
    data = {
        "snapshot_sha256": prices.snapshot_sha256,
        "source": prices.source,
        "last_date": {t: str(prices.close[t].last_valid_index().date()) for t in universe + benchmarks},
        "holes": {
            t: [str(d) for d in prices.holes.get(t, []) if start.date() <= d <= sessions[-1].date()]
            for t in universe + benchmarks
        },
        "run_settings": dataclasses.asdict(settings),
    }
    return Inputs(
        call,
        params,
        settings,
        currency,
        universe,
        missing,
        benchmarks,
        missing_benchmarks,
        close,
        bench,
        first_trade,
        start,
        context,
        data,
    )


def _until_first_benchmark_ends(close: pd.DataFrame, raw: pd.DataFrame, benchmarks: list[str]) -> pd.DataFrame:
    """The universe's closes cut where the first benchmark's data end, so that the strategy and the benchmark it
    is compared with (the yardstick's) always cover the same sessions."""
    if not benchmarks:
        return close
    last = raw[benchmarks[0]].last_valid_index()
    return close.loc[:last] if last is not None and last < close.index[-1] else close


def _within_own_data(close: pd.DataFrame, sessions: pd.DatetimeIndex) -> pd.DataFrame:
    """Closes on ``sessions``: carried over a closed market's days, never past a series' last real close."""
    aligned = close.reindex(close.index.union(sessions)).ffill().reindex(sessions)
    for ticker in close.columns:
        last = close[ticker].last_valid_index()
        if last is not None:
            aligned.loc[aligned.index > last, ticker] = np.nan
    return aligned


# --- The rule's decisions, timed ------------------------------------------------------------------------------


def targets(inputs: Inputs, params: Params | None = None, context: Context | None = None) -> pd.DataFrame:
    """The rule's decision-dated target weights on the full session index, checked."""
    call = inputs.call
    weights = call.rule(context or inputs.context, params or inputs.params)  # type: ignore[misc]
    if not isinstance(weights, pd.DataFrame):
        raise CallError(f"{call.key}: its rule must return a DataFrame; got {type(weights).__name__}")
    extra = weights.columns.difference(inputs.close.columns)
    if len(extra):
        raise CallError(f"{call.key}: its rule returned tickers outside its universe: {list(extra)}")
    late = weights.index.difference(inputs.close.index)
    if len(late):
        raise CallError(f"{call.key}: its rule dated weights {late[0].date()} on no session of its prices")
    laid = weights.reindex(index=inputs.close.index, columns=inputs.close.columns).astype(float)
    if laid.dropna(how="all").empty:
        raise CallError(f"{call.key}: its rule returned no weights at all for the data given")
    return laid


def timed_orders(targets3: np.ndarray, real: np.ndarray, lag: int, first: int) -> np.ndarray:
    """Decision-dated targets (sessions, portfolios, assets) -> trade-dated orders: lagged, nothing before row
    ``first`` (the first possible trade, or the window's start), only on real closes, sold where data end early."""
    orders = timing.not_before(timing.lagged(targets3, lag), first)
    if not real.all():
        orders = timing.on_real_closes(orders, real)
        orders = timing.exit_at_data_end(orders, timing.last_priced(real))
    return orders


def orders(inputs: Inputs, weights: pd.DataFrame) -> pd.DataFrame:
    """``timed_orders`` of one run, on the window's sessions."""
    index = inputs.close.index
    first = int(index.get_loc(max(inputs.first_trade, inputs.start)))
    timed = timed_orders(weights.to_numpy(dtype=float)[:, None, :], inputs.real.to_numpy(), inputs.settings.lag, first)
    frame = pd.DataFrame(timed[:, 0, :], index=index, columns=weights.columns)
    return frame.loc[inputs.start :]


def exits(inputs: Inputs) -> dict[str, str]:
    """Names whose data end before the window's last session: ticker -> last real close."""
    real = inputs.real.loc[inputs.start :]
    last = real.index[-1]
    out = {}
    for ticker in real.columns:
        ends = real[ticker][real[ticker]].index
        if len(ends) and ends[-1] < last:
            out[ticker] = str(ends[-1].date())
    return out
