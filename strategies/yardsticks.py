"""Yardsticks: how a source itself would judge its call, as typed data (evaluated in ``aitheme.backtests.verdict``).

A ``Yardstick`` is a set of criteria over a horizon that starts at the call's first possible trade:

* ``AbsoluteReturn(at_least)``: the call's holding returned at least this much by the horizon's end (Mirae's Buy
  is +20% over 12 months);
* ``Beat(benchmark, margin)``: it beat a named benchmark by more than ``margin`` over the horizon;
* ``TargetPrice(ticker, price, ...)``: a printed target reached, at any time within the horizon and/or at its end;
* ``Outperform(ticker, than)``: one instrument beat another over the horizon (a claim about prices, no holding);
* ``DayMove(tickers, day, at_least, on)``: each ticker moved at least this much on one session (a same-day claim);
* ``FactByDate``, ``FactNumber``, ``FactText``: claims prices cannot test, decided by dated rows of
  ``data/facts.csv``; a claim whose rows are missing stays open and says what is missing.

``combine`` says whether every criterion must hold (``all``) or one is enough (``any``: Mirae's "+20% or the target").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

STANDARD_HORIZONS = (1, 3, 6, 12, 24)  # months, as TipRanks reports (1m, 3m, 1y, 2y) plus 6m


@dataclass(frozen=True)
class AbsoluteReturn:
    at_least: float


@dataclass(frozen=True)
class Beat:
    benchmark: str
    margin: float = 0.0


@dataclass(frozen=True)
class TargetPrice:
    """A printed target for ``ticker``. ``printed_close`` on ``price_date`` restates it on the data's adjusted
    basis (target x data close / printed close); ``when``: reached at ``any`` time within the horizon, at its
    ``end``, or ``either``."""

    ticker: str
    price: float
    printed_close: float | None = None
    price_date: dt.date | None = None
    when: Literal["any", "end", "either"] = "any"


@dataclass(frozen=True)
class Outperform:
    ticker: str
    than: str


@dataclass(frozen=True)
class DayMove:
    tickers: tuple[str, ...]
    day: dt.date
    at_least: float
    on: Literal["close", "high"] = "close"


@dataclass(frozen=True)
class FactByDate:
    """``row`` of facts.csv records the event; it holds when the row's ``as_of_date`` is on or before ``by``."""

    claim: str
    row: str
    by: dt.date


@dataclass(frozen=True)
class FactNumber:
    """The number ``pattern`` (a regex with one group) finds in ``row``'s value is within [at_least, at_most]."""

    claim: str
    row: str
    pattern: str
    at_least: float | None = None
    at_most: float | None = None


@dataclass(frozen=True)
class FactText:
    """``row``'s value contains ``expected`` (case-insensitive): a status such as "no sale"."""

    claim: str
    row: str
    expected: str


Criterion = AbsoluteReturn | Beat | TargetPrice | Outperform | DayMove | FactByDate | FactNumber | FactText
FACT_CRITERIA = (FactByDate, FactNumber, FactText)
PRICE_CLAIMS = (Outperform, DayMove)


@dataclass(frozen=True)
class Yardstick:
    """The criteria a call is judged by, over ``months`` from its first possible trade."""

    description: str
    criteria: tuple[Criterion, ...]
    months: int = 12
    combine: Literal["all", "any"] = "all"

    @property
    def benchmark(self) -> str | None:
        """The benchmark the source judges against, if any: the one every page compares with first."""
        return next((c.benchmark for c in self.criteria if isinstance(c, Beat)), None)

    @property
    def needs_returns(self) -> bool:
        """Whether the criteria judge a holding (a backtest), rather than facts or named prices alone."""
        return any(isinstance(c, (AbsoluteReturn, Beat, TargetPrice)) for c in self.criteria)


def buy(description: str, target: TargetPrice | None = None, at_least: float = 0.20, months: int = 12) -> Yardstick:
    """Mirae's Buy (report lines 7707-7715): +20% absolute over 12 months, or the target reached within a year."""
    criteria: tuple[Criterion, ...] = (
        (AbsoluteReturn(at_least),) if target is None else (AbsoluteReturn(at_least), target)
    )
    return Yardstick(description, criteria, months=months, combine="any")


def beat(benchmark: str, months: int = 12, description: str = "", margin: float = 0.0) -> Yardstick:
    """Beat ``benchmark`` over ``months``."""
    text = description or f"beat {benchmark} over {months} months"
    return Yardstick(text, (Beat(benchmark, margin),), months=months)
