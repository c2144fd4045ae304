"""Mergers that end a series: a holder of the target keeps its value as shares of the acquirer.

1. Each all-stock deal is declared once (target, acquirer, ratio, the date it closed).
2. ``carry_mergers`` continues the target's column after its last bar as ratio x the acquirer's close.
3. ``separately_listed`` tells a rule on which sessions a name was still its own company.

A stock bought on a research call and later taken over in an all-stock deal does not vanish from the
portfolio: each target share became ``ratio`` acquirer shares. ``carry_mergers`` continues the target's
column after its last bar as ``ratio`` x the acquirer's close, so a position held through the deal is
valued as the acquirer shares it turned into (the only jump is the merger-arbitrage spread on the
target's last day, a real part of the holder's return). Nothing is filled before the last bar, and the
acquirer's close at t is known at t: no look-ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from aitheme.data.errors import DataError


@dataclass(frozen=True)
class Merger:
    target: str
    acquirer: str
    ratio: float  # acquirer shares received per target share
    last_trading_day: dt.date  # the target's last session as a listed name
    closed: dt.date  # completion date: the target stops being a separate name from this day
    note: str = ""


MERGERS = (
    Merger(
        "EXAI",
        "RXRX",
        0.7729,
        dt.date(2024, 11, 19),
        dt.date(2024, 11, 20),
        "Exscientia ADS -> Recursion class A, all-stock; last EXAI trading day 2024-11-19 (no bar in the "
        "snapshot, whose last EXAI close is 2024-11-18)",
    ),
)
BY_TARGET = {m.target: m for m in MERGERS}


def acquirers_of(tickers) -> list[str]:
    """The acquirers whose prices are needed to value ``tickers`` through their mergers."""
    return [BY_TARGET[t].acquirer for t in tickers if t in BY_TARGET]


def mergers_in(tickers) -> list[Merger]:
    return [BY_TARGET[t] for t in tickers if t in BY_TARGET]


def carry_mergers(close: pd.DataFrame) -> pd.DataFrame:
    """``close`` with every merged target in it continued after its last bar as ratio x acquirer close."""
    carried = close.copy()
    for merger in mergers_in(close.columns):
        if merger.acquirer not in close.columns:
            raise DataError(
                f"{merger.target} merged into {merger.acquirer}: its value needs {merger.acquirer}'s "
                f"prices, which were not loaded"
            )
        last = close[merger.target].last_valid_index()
        if last is None:
            continue
        if last.date() >= merger.closed:
            raise DataError(f"{merger.target} has prices on {last.date()}, after its merger closed on {merger.closed}")
        # Only the gap the deal left: a window cut before the merger (or a missing bar earlier) is not filled.
        after = (close.index > last) & (close.index >= pd.Timestamp(merger.last_trading_day))
        carried.loc[after, merger.target] = merger.ratio * close.loc[after, merger.acquirer]
    return carried


def separately_listed(columns, index: pd.DatetimeIndex) -> pd.DataFrame:
    """True where a ticker is still its own company (before its merger closed); for choosing whom to rebalance."""
    listed = pd.DataFrame(True, index=index, columns=list(columns))
    for merger in mergers_in(listed.columns):
        listed.loc[index >= pd.Timestamp(merger.closed), merger.target] = False
    return listed


def describe(merger: Merger) -> str:
    return (
        f"{merger.target} merged into {merger.acquirer} on {merger.closed} at {merger.ratio:g} {merger.acquirer} "
        f"per {merger.target}; after its last close the {merger.target} position is valued as "
        f"{merger.ratio:g} x {merger.acquirer}"
    )
