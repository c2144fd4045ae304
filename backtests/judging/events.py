"""Criteria on dated news: the abnormal reaction to events, and names bought after their own news.

1. ``EventReaction``: each ticker's market-model CAR (``measures.event_study``) on each judged event and on the
   context events (measured, never judged), with the market-adjusted move beside; right when every judged CAR has
   the expected sign.
2. ``EachAfter``: each entry's name bought at the first close after its news (the exchange calendar decides), held
   ``months``, against the benchmark over the same closes; right when the complete windows beat it on average,
   once every window is complete.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from aitheme.backtests.engine import timing
from aitheme.backtests.measures.event_study import Windows, study
from aitheme.data import load_prices
from aitheme.strategies.yardsticks import EachAfter, EventReaction


def event_reaction(claim: EventReaction) -> dict:
    """Market-model CARs of each ticker on the judged and the context events, and the market-adjusted moves."""
    measured = (*claim.events, *claim.context)
    reactions = {t: _reactions(t, claim.benchmark, measured, claim.window) for t in claim.tickers}
    judged = [reactions[t][e] for t in claim.tickers for e in claim.events]
    sign = -1.0 if claim.expect == "negative" else 1.0
    passed = None if any("car" not in r for r in judged) else all(sign * r["car"] > 0 for r in judged)
    return {
        "benchmark": claim.benchmark,
        "events": list(claim.events),
        "context": list(claim.context),
        "window": list(claim.window),
        "expect": claim.expect,
        "reactions": reactions,
        "unpriced": list(claim.unpriced),
        "passed": passed,
    }


def _reactions(ticker: str, benchmark: str, events: tuple[str, ...], window: tuple[int, int]) -> dict:
    windows = Windows(pre=window[0], post=window[1])
    table = study(ticker, benchmark, category=None, listed_only=False, windows=windows, bootstrap=1).table
    table = table.set_index("event_id")
    close = load_prices([ticker, benchmark]).close
    own = close[ticker].dropna()
    market = close[benchmark].reindex(close.index).ffill().reindex(own.index)
    moved = own.pct_change(fill_method=None) - market.pct_change(fill_method=None)
    out: dict[str, dict[str, Any]] = {}
    for event in events:
        if event not in table.index:
            out[event] = {"missing": f"no event {event} in events.csv"}
            continue
        row = table.loc[event]
        if row["skipped"]:
            out[event] = {"missing": row["skipped"]}
            continue
        at = own.index.get_loc(row["session"])
        out[event] = {
            "session": str(row["session"].date()),
            "car": float(row["car"]),
            "t": float(row["t"]),
            "beta": float(row["beta"]),
            "market_adjusted": float(moved.iloc[at + window[0] : at + window[1] + 1].sum()),
        }
    return out


def each_after(claim: EachAfter) -> dict:
    """Each entry's own close-to-close return from its first trade over ``months`` against the benchmark's."""
    names: dict[str, dict[str, Any]] = {}
    for entry in claim.entries:
        close = load_prices([entry.ticker, claim.benchmark]).close
        own = close[entry.ticker].dropna()
        bench = close[claim.benchmark].reindex(own.index).ffill()
        first = timing.first_possible_trade(entry.public_at, [entry.ticker], own.index)
        end = pd.Timestamp(first) + pd.DateOffset(months=claim.months)
        held, versus = own.loc[first:end], bench.loc[first:end]
        gained, bench_gained = float(held.iloc[-1] / held.iloc[0] - 1.0), float(versus.iloc[-1] / versus.iloc[0] - 1.0)
        names[entry.ticker] = {
            "row": entry.row,
            "news": entry.what,
            "from": str(first.date()),
            "to": str(held.index[-1].date()),
            "complete": bool(own.index[-1] >= end),
            "return": gained,
            "benchmark_return": bench_gained,
            "excess": gained - bench_gained,
        }
    done = [n["excess"] for n in names.values() if n["complete"]]
    mean = sum(done) / len(done) if done else None
    every = len(done) == len(names) and names
    return {
        "benchmark": claim.benchmark,
        "months": claim.months,
        "names": names,
        "undated": list(claim.undated),
        "mean_excess_complete": mean,
        "passed": (mean > 0) if every and mean is not None else None,
    }
