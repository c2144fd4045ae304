"""Yardsticks: how a source itself would judge its call, as typed data (judged in ``aitheme.backtests.judging``).

A ``Yardstick`` is a set of criteria over a horizon that starts at the call's first possible trade:

* ``AbsoluteReturn(at_least)``: the call's holding returned at least this much by the horizon's end (Mirae's Buy
  is +20% over 12 months);
* ``Beat(benchmark, margin)``: it beat a named benchmark by more than ``margin`` over the horizon;
* ``Trail(benchmark, margin)``: it trailed a named benchmark by more than ``margin`` (a discount that persists);
* ``TargetPrice(ticker, price, ...)``: a printed target reached, at any time within the horizon and/or at its end;
* ``Outperform(ticker, than)``: one instrument beat another over the horizon (a claim about prices, no holding);
* ``DayMove(tickers, day, at_least, on)``: each ticker moved at least this much on one session (a same-day claim);
* ``EventReaction(tickers, benchmark, events, expect)``: the abnormal reaction (market-model CAR of
  ``backtests.event_study``) of each ticker to dated events of ``data/events.csv`` had the expected sign;
* ``EachAfter(benchmark, entries, months)``: each name bought at the first close after its own dated news and held
  ``months`` beat the benchmark over the same closes, on average;
* ``NamesAtLeast(at_least)``: how many held names returned at least this much (reported beside, not judged);
* ``Steadier(benchmark, measure)``: the holding's volatility (or its deepest drawdown) over the horizon was lower
  than the benchmark's over the same sessions (a claim of stability, not of return);
* ``FactByDate``, ``FactNumber``, ``FactText``, ``FactCompare``: claims prices cannot test, decided by dated rows of
  ``data/facts.csv``; a claim whose rows are missing stays open and says what is missing (``MissingFact`` declares
  a part of a claim no row can decide yet).

``combine`` says whether every criterion must hold (``all``) or one is enough (``any``).
The constructors ``buy`` (Mirae's Buy), ``beat`` (a benchmark over a horizon) and ``by_facts`` (a claim decided by
dated facts, judged at once) write the common yardsticks in one line.
``beside`` holds criteria reported next to the verdict and never counted (a consensus target the source quotes but
does not own, a hit rate).
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
class Trail:
    """It trailed ``benchmark`` by more than ``margin`` over the horizon: a claim that a discount persists."""

    benchmark: str
    margin: float = 0.0


@dataclass(frozen=True)
class Steadier:
    """The holding's ``measure`` over the horizon was lower than ``benchmark``'s over the same sessions: annualised
    ``volatility`` of daily returns, or the depth of the worst ``drawdown`` from a running peak."""

    benchmark: str
    measure: Literal["volatility", "drawdown"] = "volatility"


@dataclass(frozen=True)
class NamesAtLeast:
    """How many held names returned at least ``at_least`` over the horizon (a hit rate, reported beside)."""

    at_least: float


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
class EventReaction:
    """Each of ``tickers`` reacted to the ``events`` (ids of ``data/events.csv``) with an abnormal return of the sign
    ``expect``: the market-model CAR against ``benchmark`` over sessions ``window`` around the first session that
    could react (``backtests.event_study``). ``context`` events are measured and reported, never judged (news the
    source had already seen); ``unpriced`` lists names the source gives that have no price data (reported)."""

    tickers: tuple[str, ...]
    benchmark: str
    events: tuple[str, ...]
    expect: Literal["negative", "positive"]
    window: tuple[int, int] = (0, 1)
    context: tuple[str, ...] = ()
    unpriced: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A name to buy once dated news about it is public: ``public_at`` (time-zone aware; the end of the day when the
    time of day is unknown), dated by row ``row`` of facts.csv."""

    ticker: str
    public_at: dt.datetime
    row: str
    what: str = ""


@dataclass(frozen=True)
class EachAfter:
    """Each entry's name, bought at the first close after its news (the exchange calendar decides) and held
    ``months``, against ``benchmark`` over the same closes: right when the names beat it on average, once every
    window is complete. ``undated`` lists the names the call covers that have no dated news (reported)."""

    benchmark: str
    entries: tuple[Entry, ...]
    months: int = 12
    undated: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactByDate:
    """``row`` of facts.csv records the event; it holds when the row's ``as_of_date`` is on or before ``by`` (and,
    with ``after``, on or after it: "in 2023" rather than "by 2023")."""

    claim: str
    row: str
    by: dt.date
    after: dt.date | None = None


@dataclass(frozen=True)
class FactNumber:
    """The number ``pattern`` (a regex with one group) finds in ``row``'s ``field`` (its printed ``value``, or the
    ``fact`` sentence) is within [at_least, at_most]."""

    claim: str
    row: str
    pattern: str
    at_least: float | None = None
    at_most: float | None = None
    field: Literal["value", "fact"] = "value"


@dataclass(frozen=True)
class FactValue:
    """A number in a row of facts.csv: the one group of ``pattern`` in the row's ``field``."""

    row: str
    pattern: str
    field: Literal["value", "fact"] = "value"


@dataclass(frozen=True)
class FactGrowth:
    """Growth in percent from one dated level to another (``now`` / ``before`` - 1), two rows of facts.csv."""

    now: FactValue
    before: FactValue


@dataclass(frozen=True)
class FactCompare:
    """The number ``left`` is greater than the number ``right`` (e.g. Amazon's ad growth above Google Search's); a
    side may be a plain number (a bar fixed in advance)."""

    claim: str
    left: FactValue | FactGrowth | float
    right: FactValue | FactGrowth | float


@dataclass(frozen=True)
class MissingFact:
    """A part of a claim no row of facts.csv can decide yet: it stays open and says what is missing."""

    claim: str
    missing: str


@dataclass(frozen=True)
class FactText:
    """``row``'s value contains ``expected`` (case-insensitive): a status such as "no sale"."""

    claim: str
    row: str
    expected: str


Criterion = (
    AbsoluteReturn
    | Beat
    | Trail
    | Steadier
    | NamesAtLeast
    | TargetPrice
    | Outperform
    | DayMove
    | EventReaction
    | EachAfter
    | FactByDate
    | FactNumber
    | FactText
    | FactCompare
    | MissingFact
)


@dataclass(frozen=True)
class Yardstick:
    """The criteria a call is judged by, over ``months`` from its first possible trade."""

    description: str
    criteria: tuple[Criterion, ...]
    months: int = 12
    combine: Literal["all", "any"] = "all"
    beside: tuple[Criterion, ...] = ()  # reported next to the verdict, never counted

    @property
    def benchmark(self) -> str | None:
        """The benchmark the source judges against, if any: the one every page compares with first."""
        return next((c.benchmark for c in self.criteria if isinstance(c, (Beat, Trail, Steadier))), None)


def buy(
    description: str,
    target: TargetPrice | None = None,
    at_least: float = 0.20,
    months: int = 12,
    beside: tuple[Criterion, ...] = (),
    with_target: bool = False,
) -> Yardstick:
    """Mirae's Buy (report line 7715): "향후 12개월 기준 절대수익률 20% 이상", +20% absolute over 12 months. A
    printed target is reported beside it (line 7707 gives a target a one-year horizon, but the rating's definition
    does not include it); ``with_target`` is the reading "+20% or the target within the year", which the source
    does not print (an assumption, never the verdict by default)."""
    if target is None:
        return Yardstick(description, (AbsoluteReturn(at_least),), months=months, beside=beside)
    if with_target:
        return Yardstick(description, (AbsoluteReturn(at_least), target), months=months, combine="any", beside=beside)
    return Yardstick(description, (AbsoluteReturn(at_least),), months=months, beside=(target, *beside))


def beat(benchmark: str, months: int = 12, description: str = "", margin: float = 0.0) -> Yardstick:
    """Beat ``benchmark`` over ``months``."""
    text = description or f"beat {benchmark} over {months} months"
    return Yardstick(text, (Beat(benchmark, margin),), months=months)


def by_facts(
    description: str, *criteria: Criterion, beside: tuple[Criterion, ...] = (), combine: Literal["all", "any"] = "all"
) -> Yardstick:
    """A claim decided by dated rows of facts.csv: judged on the record, with no holding horizon (``months=0``)."""
    return Yardstick(description, criteria, months=0, combine=combine, beside=beside)
