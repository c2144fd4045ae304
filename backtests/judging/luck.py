"""Luck and beta beside a price verdict: how much of the holding's result the market and chance explain.

For an entry judged on a holding (``assessment.assess``), over the verdict's own window:

1. The benchmark: the yardstick's, else the call's first (an absolute-return Buy is set against its market).
2. Abnormal return (``measures.abnormal.bhar``): the buy-and-hold abnormal return against beta times that
   benchmark, beta by OLS over the window, with a seeded stationary-bootstrap interval and p-value.
3. The luck baseline, for a yardstick on the holding's return (an absolute return, beating or trailing a
   benchmark) once its horizon is complete: comparable random calls judged by the same bar over the same window.
   a. Random baskets: ``DRAWS`` equal-weight baskets of as many names as the holding held, drawn from the pool of
      the call's market (the snapshot's stocks and ETFs quoted in its currency, less its benchmarks: an AI-theme
      list chosen after the fact, which favours the pool), each bought at the call's first trade and held;
   b. when that pool holds fewer than twice the names: the same names entered on random sessions of the year of
      the call, held as many sessions as the window.
   The share of them that pass the bar is what luck alone gives the call; its p-value is the share doing at
   least as well as the call ((1 + k) / (1 + N)).
4. Every draw is seeded from the entry's name (CRC-32), so every run gives the same figures.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.backtests.errors import EngineError
from aitheme.backtests.judging.verdict import Holding
from aitheme.backtests.measures import abnormal
from aitheme.data import DataError, instruments, load_prices
from aitheme.data.fx import to_currency
from aitheme.strategies.model import Call
from aitheme.strategies.yardsticks import AbsoluteReturn, Beat, Trail

DRAWS = 2_000  # random calls and bootstrap resamples per entry: a p-value to about 0.01, a few ms each


def seed_of(key: str) -> int:
    return zlib.crc32(key.encode())


def beside(call: Call, verdict: dict, held: Holding, inputs: pipeline.Inputs) -> dict[str, Any]:
    """Steps 1-4: ``{"abnormal": ..., "luck": ...}`` for the verdict's window (empty parts left out)."""
    window = held.returns.loc[verdict["horizon"]["from"] : verdict["horizon"]["to"]]
    benchmark = _benchmark(call, held)
    out: dict[str, Any] = {}
    if benchmark is None or len(window) < 3:
        return out
    market = held.benchmarks[benchmark].reindex(window.index)
    try:
        figures = abnormal.bhar(window.to_numpy(), market.to_numpy(), DRAWS, seed_of(call.key))
    except EngineError:
        return out
    out["abnormal"] = {"benchmark": benchmark, **figures.as_dict()}
    assert call.yardstick is not None  # a judged entry
    criterion = next((c for c in call.yardstick.criteria if isinstance(c, (AbsoluteReturn, Beat, Trail))), None)
    if criterion is not None and verdict["horizon"]["complete"]:
        out["luck"] = _baseline(call, criterion, verdict, held, inputs, window)
    return out


def _benchmark(call: Call, held: Holding) -> str | None:
    first = call.yardstick.benchmark if call.yardstick is not None else None
    candidates = [first, *call.benchmarks, *held.benchmarks.columns]
    return next((b for b in candidates if b in held.benchmarks and held.benchmarks[b].notna().sum() > 2), None)


def pool_of(call: Call, inputs: pipeline.Inputs) -> list[str]:
    """The call's market's stocks and ETFs (same currency), less every benchmark it is set against."""
    table = instruments()
    chosen = table[table["kind"].isin(["stock", "etf"]) & (table["currency"] == call.currency)].index
    have, _ = pipeline.available(list(chosen))
    return [t for t in have if t not in inputs.benchmarks]


def _baseline(call, criterion, verdict: dict, held: Holding, inputs, window: pd.Series) -> dict:
    check = verdict["checks"]["absolute_return" if isinstance(criterion, AbsoluteReturn) else "excess_return"]
    observed = float(check["value"])
    size = held.closes.shape[1] if held.closes is not None else 1
    cost = inputs.settings.fees + inputs.settings.slippage
    seed = seed_of(call.key)
    pool = pool_of(call, inputs)
    try:
        if len(pool) >= 2 * size:
            closes = _closes(pool, call.currency, window.index)
            outcomes = abnormal.random_basket_returns(closes, 0, len(window) - 1, size, DRAWS, seed, cost)
            names, baseline = pool, f"random baskets of {size} from {len(pool)} {call.currency} names"
            versus = None
        else:
            outcomes, versus, names = _entry_dates(call, held, inputs, window, criterion, seed, cost)
            baseline = f"entries of the same names on random {window.index[0].year} sessions"
    except (DataError, EngineError, ValueError) as exc:
        return {"baseline": "none", "missing": str(exc).splitlines()[0], "share_passing": None}
    if isinstance(criterion, AbsoluteReturn):
        share, p = abnormal.luck(outcomes, criterion.at_least, observed, inclusive=True)
    else:
        bench = float(check["benchmark_return"])
        excess = outcomes - (bench if versus is None else versus)
        share, p = abnormal.luck(
            excess,
            criterion.margin * (-1 if isinstance(criterion, Trail) else 1),
            observed,
            higher_passes=not isinstance(criterion, Trail),
        )
    return {
        "baseline": baseline,
        "pool": names,
        "size": size,
        "draws": DRAWS,
        "seed": seed,
        "observed": observed,
        "share_passing": share,
        "p": p,
        "method": f"{baseline}, equal weight, bought with the call's costs and held over its window, judged by the "
        "same bar; p = (1 + random calls at least as good) / (1 + draws); the pool is the snapshot's AI-theme list, "
        "chosen after the fact",
    }


def _closes(tickers: list[str], currency: str, sessions: pd.DatetimeIndex) -> np.ndarray:
    """Closes in ``currency`` on ``sessions``: NaN where a name has no real close (not listed yet, or ended)."""
    close = to_currency(load_prices(tickers), currency).close
    return close.reindex(sessions).to_numpy(dtype=float)


def _entry_dates(call, held: Holding, inputs, window: pd.Series, criterion, seed: int, cost: float):
    """Step 3b: the held names and the benchmark from random sessions of the call's year, same length."""
    names = list(held.closes.columns) if held.closes is not None else list(inputs.universe)
    bench = (call.yardstick.benchmark if call.yardstick else None) or _benchmark(call, held)
    tickers = [*names, *([bench] if bench and not isinstance(criterion, AbsoluteReturn) else [])]
    close = to_currency(load_prices(tickers), call.currency).close[tickers].dropna(how="all")
    sessions = close.index
    length = len(window)
    year = window.index[0].year
    starts = np.flatnonzero((sessions.year == year) & (np.arange(len(sessions)) + length <= len(sessions)))
    if not len(starts):
        raise ValueError(f"no session of {year} leaves {length} sessions of data for a random entry")
    values = close.ffill().to_numpy(dtype=float)
    own = abnormal.entry_date_returns(values[:, : len(names)], length, starts, DRAWS, seed, cost)
    versus = None
    if len(tickers) > len(names):
        versus = abnormal.entry_date_returns(values[:, len(names) :], length, starts, DRAWS, seed)
    return own, versus, names
