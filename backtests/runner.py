"""``run(name, **overrides)``: one catalog entry from the snapshot to a ``Result`` with metrics and its verdict.

1. Resolve the entry (catalog name, ``module:name``, ``file.py:name`` or a ``Call``); split ``overrides`` into
   run settings (dates, costs, lag, currency) and the call's own parameters (unknown names are an error).
2. ``pipeline.prepare`` the inputs, ask the rule for target weights on the full history, time them into orders.
3. Simulate the window; measure the strategy and its benchmarks over the same sessions, from the same close.
4. Judge the call (``call`` and ``robustness`` entries only) on its own window: from its first possible trade to
   the end of the data, in its own currency, whatever window was asked for. A hypothesis gets the same figures,
   labelled as the project's idea, and no verdict; a hindsight run gets none either.
5. Record the tickers the run read and key the result by what produced it (``provenance``): the report's key.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from aitheme.backtests import provenance
from aitheme.backtests.engine import listings, pipeline
from aitheme.backtests.engine.result import Result
from aitheme.backtests.engine.simulation import held_weights, simulate
from aitheme.backtests.engine.window import measured_from, window_used
from aitheme.backtests.judging.assessment import assess
from aitheme.backtests.judging.verdict import Holding, judge
from aitheme.backtests.measures.metrics import benchmark_returns, measure
from aitheme.data import instruments
from aitheme.data.corporate_actions import describe, mergers_in
from aitheme.data.errors import in_step
from aitheme.data.sources import recording
from aitheme.strategies.catalog import load
from aitheme.strategies.model import CONTEXT, HINDSIGHT, HYPOTHESIS, JUDGED_KINDS, RECORD, ROBUSTNESS, Call, Params

run_settings = pipeline.run_settings
RunSettings = pipeline.RunSettings


def run(name: str | Call, **overrides: Any) -> Result:
    """Backtest catalog entry ``name`` with ``overrides`` (run settings or parameters) applied."""
    call = load(name)
    settings, params = pipeline.split_overrides(call, overrides)
    with recording() as read:
        result = _run(call, params, settings)
    static = provenance.static_part(call, params, dataclasses.asdict(settings))
    data = provenance.fingerprints(read)
    result.data["provenance"] = {"key": provenance.report_key(static, data), "static": static, "data": data}
    return result


def _run(call: Call, params: Params, settings: RunSettings) -> Result:
    inputs = pipeline.prepare(call, params, settings)
    weights = pipeline.targets(inputs)
    with in_step("simulation"):
        simulated = _simulate(inputs, weights)
    returns, benchmarks, portfolio = simulated
    with in_step("metrics"):
        metrics = measure(returns, benchmarks, measured_from(inputs))
        metrics["kind"] = call.kind
        judged = _judgement(inputs, weights, simulated)
    if judged is not None:
        metrics["verdict" if call.kind in JUDGED_KINDS else "check"] = judged
    inputs.data["window_used"] = window_used(inputs)
    held = _as_held(held_weights(portfolio), inputs)
    return Result(
        call=call,
        params=params,
        settings=settings,
        currency=inputs.currency,
        target_weights=weights.loc[inputs.context.decision_for(inputs.start) :].dropna(how="all"),
        held_weights=held,
        returns=returns,
        benchmark_returns=benchmarks,
        portfolio=portfolio,
        metrics=metrics,
        missing=inputs.missing,
        notes=notes(inputs, metrics) + listings.listing_notes(inputs, held),
        data=inputs.data,
        tables=call.tables(inputs.context) if call.tables is not None else {},
    )


def _simulate(inputs: pipeline.Inputs, weights: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, Any]:
    orders = pipeline.orders(inputs, weights)
    close = inputs.close.loc[inputs.start :]
    portfolio = simulate(close, orders, costs=inputs.settings.costs, init_cash=inputs.settings.init_cash)
    returns = portfolio.returns().rename(inputs.key)
    return returns, benchmark_returns(inputs.benchmark_close.loc[inputs.start :]), portfolio


def _judgement(inputs: pipeline.Inputs, weights: pd.DataFrame, simulated) -> dict | None:
    """The yardstick on the call's own window (first possible trade to the end of the data, own currency): the
    verdict with its readings, luck and beta (``assessment.assess``), or a hypothesis's or context's check."""
    call = inputs.call
    if call.yardstick is None or call.kind == HINDSIGHT:
        return None
    own = dataclasses.replace(inputs.settings, start=None, end=None, currency=None)
    if own != inputs.settings:
        inputs = pipeline.prepare(call, inputs.params, own)
        weights = pipeline.targets(inputs)
        simulated = _simulate(inputs, weights)
    returns, benchmarks, portfolio = simulated
    held = weights.columns[(weights.fillna(0.0) > 0).any()]
    # A name that listed later is measured from the close it was bought at, so the per-name figures list it.
    closes = listings.closes_as_bought(
        inputs.close.loc[inputs.start :, held], held_weights(portfolio), listings.late_listings(inputs)
    )
    holding = Holding(returns, benchmarks, closes)
    if call.kind in JUDGED_KINDS:
        return assess(call, inputs, weights, holding)
    verdict = judge(call.yardstick, holding, inputs.first_trade)
    verdict["label"] = LABELS[call.kind]
    return verdict


LABELS = {
    HYPOTHESIS: "hypothesis: the project's own idea, not the source's call; no verdict for the call",
    CONTEXT: "context: what the source reports, not a forecast it makes; checked, no verdict",
}


def _as_held(held: pd.DataFrame, inputs: pipeline.Inputs) -> pd.DataFrame:
    """Held weights as the holder saw them: after an all-stock merger the target's value sits under the acquirer."""
    for merger in mergers_in(inputs.universe):
        after = held.index >= pd.Timestamp(merger.closed)
        if merger.acquirer not in held.columns:
            held.insert(len(held.columns) - 1, merger.acquirer, 0.0)
        held.loc[after, merger.acquirer] += held.loc[after, merger.target]
        held.loc[after, merger.target] = 0.0
    return held


def notes(inputs: pipeline.Inputs, metrics: dict) -> list[str]:
    """What a reader must know to read the numbers: missing names, substitutes, labels, windows, data ends."""
    call = inputs.call
    out = [
        f"{t} ({instruments().at[t, 'name']}) is named by the call but the data have no price for it: it is not "
        "held (the rule says where its weight goes)"
        for t in inputs.missing
    ]
    out += [
        f"{stand_in} stands in for {named}, which the data do not have" for named, stand_in in call.substitutes.items()
    ]
    if call.kind == HINDSIGHT:
        out.append(
            f"hindsight run: trades from {inputs.first_trade.date()}, before the call was public "
            f"({call.published}); history for context, not the call, so no verdict"
        )
    elif call.kind == HYPOTHESIS:
        out.append(
            f"hypothesis: {call.why or 'the project’s own idea inspired by the call'}; not the source's "
            "call, so no verdict"
        )
    elif call.kind == ROBUSTNESS and call.why:
        out.append(f"robustness variant: {call.why}")
    elif call.kind == CONTEXT:
        out.append(f"context, not a forecast of the source: {call.why}; checked, so no verdict")
    elif call.kind == RECORD:
        out.append(
            f"the publisher's earlier record: a rating of {call.published} that the document discloses; judged from "
            "its own date in its own track, never in the document's hit rate"
        )
    if inputs.data.get("window_used"):
        out.append(inputs.data["window_used"])
    if inputs.start < inputs.first_trade:
        out.append(
            f"window starts {inputs.start.date()}, before the call's first possible trade "
            f"({inputs.first_trade.date()}): the earlier sessions are context (in cash), not the call; the "
            "figures of the strategy and its benchmarks cover the sessions from that trade"
        )
    elif inputs.start > inputs.first_trade and call.kind != HINDSIGHT:
        out.append(
            f"window starts {inputs.start.date()}, after the call's first possible trade "
            f"({inputs.first_trade.date()}): the verdict is computed on the call's own window from that date"
        )
    out += [describe(m) for m in mergers_in(inputs.universe)]
    out += [
        f"{t}'s data end {day}: sold at that close, its weight in cash afterwards (no stale price traded)"
        for t, day in pipeline.exits(inputs).items()
    ]
    last = inputs.close.index[-1]
    universe_end = max(inputs.data["last_date"][t] for t in inputs.universe)
    cut = inputs.benchmarks and inputs.data["last_date"].get(inputs.benchmarks[0]) == str(last.date())
    if cut and inputs.settings.end is None and str(last.date()) < universe_end:
        out.append(
            f"the report ends {last.date()}, where its benchmark {inputs.benchmarks[0]}'s data end, so that "
            f"both cover the same sessions (its names have data to {universe_end})"
        )
    for ticker in inputs.benchmarks:
        end = inputs.benchmark_close[ticker].last_valid_index()
        if end is not None and end < last:
            out.append(f"benchmark {ticker}'s data end {end.date()}: its figures stop there")
    out += [f"benchmark {t} has no price data" for t in inputs.missing_benchmarks]
    for ticker, days in inputs.data.get("holes", {}).items():
        if days:
            shown = ", ".join(days[:5]) + (f" and {len(days) - 5} more" if len(days) > 5 else "")
            out.append(
                f"{ticker} has no close on {len(days)} session(s) of its exchange's calendar in the window "
                f"({shown}): an order there waits for its next close; its value stands at its last close"
            )
    return out
