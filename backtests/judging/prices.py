"""Criteria on named prices, with no holding: a printed target, one instrument against another, a same-day move.

1. ``TargetPrice``: the target restated on the data's adjusted basis (target x data close / printed close on the
   printed day); reached at any time within the horizon (final once reached), at its end, or either.
2. ``Outperform``: each instrument's close-to-close return over the horizon; right when the first is higher.
3. ``DayMove``: each ticker's move on one session, from the previous close to that day's close or intraday high.
"""

from __future__ import annotations

import pandas as pd

from aitheme.data import load_prices
from aitheme.data.prices import load_bars
from aitheme.strategies.yardsticks import DayMove, Outperform, TargetPrice


def target(claim: TargetPrice, start, end, complete: bool) -> dict:
    close = load_prices([claim.ticker], end=end).close[claim.ticker].dropna()
    price = claim.price
    if claim.printed_close is not None and claim.price_date is not None:
        # Printed in the prices of ``price_date``; the data are adjusted since: restate through that day's close.
        price = claim.price * float(close.loc[: pd.Timestamp(claim.price_date)].iloc[-1]) / claim.printed_close
    within = close.loc[start:end]
    reached = within[within >= price]
    at_end = float(within.iloc[-1]) if len(within) else float("nan")
    reached_any: bool | None = True if len(reached) else (False if complete else None)
    reached_end: bool | None = (at_end >= price) if complete else None
    passed = {
        "any": reached_any,
        "end": reached_end,
        "either": True if (reached_any or reached_end) else (False if complete else None),
    }[claim.when]
    return {
        "ticker": claim.ticker,
        "target": claim.price,
        "target_on_data_basis": price,
        "max_close": float(within.max()) if len(within) else None,
        "reached_on": None if reached.empty else str(reached.index[0].date()),
        "close_at_end": at_end,
        "reached_at_end": reached_end,
        "when": claim.when,
        "passed": passed,
    }


def outperform(claim: Outperform, start, end, complete: bool) -> dict:
    close = load_prices([claim.ticker, claim.than], end=end).close.ffill().loc[start:end]
    moves = close.iloc[-1] / close.iloc[0] - 1.0
    first, second = float(moves[claim.ticker]), float(moves[claim.than])
    return {
        "ticker": claim.ticker,
        "return": first,
        "than": claim.than,
        "than_return": second,
        "value": first - second,
        "passed": (first > second) if complete else None,
    }


def day_move(claim: DayMove) -> dict:
    moves = {}
    for ticker in claim.tickers:
        bars = load_bars(ticker, end=claim.day)
        if pd.Timestamp(claim.day) not in bars.index or len(bars) < 2:
            return {"day": str(claim.day), "on": claim.on, "passed": None, "missing": f"no {ticker} bar on {claim.day}"}
        previous, day = bars.iloc[-2], bars.loc[pd.Timestamp(claim.day)]
        moves[ticker] = float(day[claim.on] / previous["close"] - 1.0)
    return {
        "day": str(claim.day),
        "on": claim.on,
        "threshold": claim.at_least,
        "moves": moves,
        "passed": all(m >= claim.at_least for m in moves.values()),
    }
