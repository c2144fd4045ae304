"""The verdict of one judged entry, whole: the yardstick at the used readings, every reading of its assumptions,
and beside a price verdict, the abnormal return and the luck baseline.

This is the judging step of the one pipeline (``runner.run`` and the scorecard both call it):

1. An entry with a rule is judged on its holding (``holding``: the timed orders simulated on the call's own
   window, from its first possible trade, in its own currency); an entry without one from the facts and prices
   its yardstick names (``claim_verdict``).
2. ``verdict.judge`` at the yardstick's horizon gives the status and its numbers.
3. ``readings.evaluate`` judges each reading of each assumption: the same holding when only the yardstick
   changed and its benchmarks are in the holding, else the call run again through the pipeline on its own window.
4. For a verdict on a holding: ``luck.beside`` adds the market-model abnormal return against the yardstick's
   benchmark and the share of comparable random calls that pass the same yardstick (seeded, reproducible).
Nothing here replaces the verdict: readings and luck are reported beside it.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from aitheme.backtests.engine import listings, pipeline
from aitheme.backtests.engine.simulation import check_orders, held_weights, simulate, simulate_columns
from aitheme.backtests.engine.timing import first_possible_trade
from aitheme.backtests.judging import luck, readings
from aitheme.backtests.judging.verdict import Holding, judge
from aitheme.backtests.measures.metrics import benchmark_returns
from aitheme.data import load_prices
from aitheme.strategies.model import JUDGED_KINDS, Call
from aitheme.strategies.yardsticks import DayMove, Yardstick


def assess(
    call: Call,
    inputs: pipeline.Inputs | None = None,
    weights: pd.DataFrame | None = None,
    held: Holding | None = None,
) -> dict:
    """Steps 1-4 for ``call``; ``inputs``, ``weights`` and ``held``: its prepared run on its own window and the
    holding simulated from it, when the caller has them already (they are made here otherwise)."""
    assert call.yardstick is not None
    if call.rule is None:
        verdict = claim_verdict(call)
        if call.kind in JUDGED_KINDS:
            verdict["readings"] = readings.evaluate(call, verdict, claim_verdict)
        return verdict
    if inputs is None or weights is None:
        inputs = own_window(call)
        weights = pipeline.targets(inputs)
    held = held if held is not None else holding(inputs, weights)
    start = inputs.first_trade
    verdict = judge(call.yardstick, held, start)
    if call.kind in JUDGED_KINDS:
        verdict["readings"] = readings.evaluate(call, verdict, lambda read: _judge_reading(call, read, held, inputs))
        verdict.update(luck.beside(call, verdict, held, inputs))
    return verdict


def own_window(call: Call, settings: pipeline.RunSettings | None = None) -> pipeline.Inputs:
    """The inputs of ``call`` on the verdict's window: first possible trade to the end of the data, own currency."""
    base = settings or pipeline.run_settings()
    own = dataclasses.replace(base, start=None, end=None, currency=None)
    return pipeline.prepare(call, call.resolve(), own)


def holding(inputs: pipeline.Inputs, weights: pd.DataFrame, gross: bool = False) -> Holding:
    """The timed orders simulated (``gross``: without fees and slippage), as ``runner.run`` does: vectorbt's kernel
    on the arrays (``simulate_columns``, the same returns as the ``Portfolio``'s), or the ``Portfolio`` itself when
    a name listed after the entry, whose closes are then measured from the close it was bought at."""
    settings = inputs.settings
    if gross:
        settings = dataclasses.replace(settings, fees=0.0, slippage=0.0)
    orders = pipeline.orders(inputs, weights)
    close = inputs.close.loc[inputs.start :]
    held = weights.columns[(weights.fillna(0.0) > 0).any()]
    late = listings.late_listings(inputs)
    if late:
        portfolio = simulate(close, orders, costs=settings.costs, init_cash=settings.init_cash)
        returns = portfolio.returns()
        closes = listings.closes_as_bought(close[held], held_weights(portfolio), late)
    else:
        check_orders(orders, close)
        daily = simulate_columns(
            close.ffill().to_numpy(dtype=float),
            orders.to_numpy(dtype=float),
            assets=close.shape[1],
            costs=settings.costs,
            init_cash=settings.init_cash,
        )
        returns, closes = pd.Series(daily[:, 0], index=close.index), close[held]
    return Holding(
        returns.rename(inputs.key),
        benchmark_returns(inputs.benchmark_close.loc[inputs.start :]),
        closes,
    )


def _judge_reading(call: Call, read: Call, held: Holding, inputs: pipeline.Inputs) -> dict:
    """The verdict of ``read`` (``call`` at another reading): the same holding when only its yardstick differs."""
    assert read.yardstick is not None
    same_holding = dataclasses.replace(read, yardstick=call.yardstick, benchmarks=call.benchmarks) == call
    needed = {c.benchmark for c in read.yardstick.criteria if hasattr(c, "benchmark")}
    if same_holding and needed <= set(held.benchmarks.columns):
        return judge(read.yardstick, held, inputs.first_trade)
    again = own_window(read, inputs.settings)
    return judge(read.yardstick, holding(again, pipeline.targets(again)), again.first_trade)


def claim_verdict(call: Call) -> dict:
    """The verdict of a call judged without a holding: dated facts, a same-day move, one price against another."""
    assert call.yardstick is not None
    days = [c.day for c in call.yardstick.criteria if isinstance(c, DayMove)]
    if days and len(days) == len(call.yardstick.criteria):
        # A same-day claim is about its own session, not about anything after publication.
        return judge(call.yardstick, None, pd.Timestamp(min(days)), data_end=pd.Timestamp(max(days)))
    tickers = claim_tickers(call.yardstick)
    if tickers:
        sessions = load_prices(tickers).close.dropna(how="all").index
        start = first_possible_trade(call.document.public_at, tickers, sessions)
        return judge(call.yardstick, None, start, data_end=sessions[-1])
    return judge(call.yardstick, None, pd.Timestamp(call.published))


def claim_tickers(yardstick: Yardstick) -> list[str]:
    """The instruments a rule-less yardstick names."""
    found = []
    for c in yardstick.criteria:
        found += list(getattr(c, "tickers", ()) or [t for t in (getattr(c, "ticker", None), getattr(c, "than", None))])
    return [t for t in dict.fromkeys(found) if t]
