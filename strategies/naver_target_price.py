"""Mirae Asset on NAVER (2022-09-22): Buy, target 340,000 KRW, and the earlier Buys of its rating table.

The NAVER note (``000_…`` lines 7174-7677) keeps "매수 (유지) 목표가: 340,000원 상승여력: 59.6%" (Buy,
maintained; +59.6% from the 213,000 close of 2022-09-21), with a caveat it does not turn into a rule: "단기 주가
모멘텀 부재. 반등을 위해서는 수익성 개선 확인이 필요" (no short-term momentum; a rebound needs margins to improve, line
7219). Its compliance page (lines 7678-7707) prints every rating and target since 2020-07-24, with the gap (괴리율)
between each target and the average and highest price while it was in force. Footnote (line 7707): adjusted prices;
a target's horizon is one year; when a new report changes the target, the period ends the day before that report.

Mirae's Buy (line 7715): "향후 12개월 기준 절대수익률 20% 이상" (+20% absolute over 12 months): the verdict, as for
Tesla and Microsoft. The target and KOSPI are reported beside it, never judged; "+20% or the target within the year"
is the assumption ``target clause`` (line 7707 gives a target a one-year horizon, not a place in the rating).

* ``naver_target_price``: the note as a reader takes it: NAVER bought at the 2022-09-22 close and held. Variant
  ``follow_target`` (hypothesis): the project's target-following rule below, which sells at the target; the note
  never says to sell there.
* ``naver_buy_2020_07_24`` … ``naver_buy_2022_07_14``: the publisher's earlier record (kind ``record``): six Buys of
  the table (lines 7693-7705), each a rating of an *earlier* report that this one discloses, judged from its own
  date by the same Buy yardstick in a track of its own, never in this document's hit rate (the earlier notes are
  not in ``shared/sources``; the table dates them, and each is taken as a Seoul morning release). The table's
  last row, Buy 340,000 of 2022-08-08 (line 7691), is the rating this note maintains: it is counted once, as
  ``naver_target_price``.
* ``naver_target_history`` (hypothesis): every Buy followed in one strategy from 2020-07-24, the project's way of
  reading the table, against KOSPI.

The target-following rule (``on_target`` other than ``keep``):

1. A target is in force from the close of its publication day until the next report, or until its
   one-year horizon ends; "분석 대상 제외" (coverage dropped, 2022-01-03) ends it with no successor.
2. While a Buy target is in force, hold NAVER as long as the close is below the target.
3. When a close reaches the target, ``on_target`` decides: ``sell`` (stay out until a new report),
   ``hold`` (ignore the target until it expires) or ``reenter`` (buy back once the close is
   ``reentry_discount`` below the target again). ``keep`` is buy-and-hold: held from the first call to the end.

Prices: the snapshot's NAVER closes are split-adjusted only (no dividends), the basis Mirae calls
수정주가; the 5:1 split of October 2018 precedes every target in the table. ``target_gap`` recomputes
the table from the snapshot and sets it beside the printed figures (``target_gap.csv``).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from aitheme.strategies.assumptions import target_clause
from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022, MIRAE_NAVER_HISTORY, SEOUL
from aitheme.strategies.model import HYPOTHESIS, RECORD, Call, CallError, Document, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import Beat, TargetPrice, Yardstick, beat, buy

TICKER = "035420.KS"
NOTE_DATE = dt.date(2022, 9, 22)
ON_TARGET = ("keep", "sell", "hold", "reenter")


class TargetCall(NamedTuple):
    """One row of the note's rating and target table (lines 7691-7705), printed gaps in percent."""

    published: dt.date
    rating: str
    target: float | None
    printed_avg_gap_pct: float | None = None
    printed_extreme_gap_pct: float | None = None


HISTORY = (
    TargetCall(dt.date(2020, 7, 24), "Buy", 430_000, -30.25, -17.44),
    TargetCall(dt.date(2021, 1, 29), "Buy", 490_000, -22.82, -13.57),
    TargetCall(dt.date(2021, 7, 7), "Buy", 550_000, -23.41, -17.45),
    TargetCall(dt.date(2021, 10, 22), "Buy", 510_000, -22.15, -18.14),
    TargetCall(dt.date(2022, 1, 3), "Dropped", None),
    TargetCall(dt.date(2022, 5, 31), "Buy", 380_000, -34.29, -23.68),
    TargetCall(dt.date(2022, 7, 14), "Buy", 320_000, -21.09, -14.53),
    TargetCall(dt.date(2022, 8, 8), "Buy", 340_000),
)
# The note itself reiterates Buy and 340,000: a new call, so the target's one-year clock restarts.
NOTE_CALL = TargetCall(NOTE_DATE, "Buy", 340_000)
BUY_RATINGS = ("Buy", "Trading Buy")


# --- The note's own gap table (괴리율) ---------------------------------------------------------


def target_gap(close: pd.Series, calls=HISTORY, printed_on: dt.date = NOTE_DATE, horizon_days: int = 365):
    """The gap table recomputed from ``close``: one row per call, gaps in percent.

    A target's period runs from the session after its publication to the day before the next call
    (the last one: the day before ``printed_on``, the date of the report that printed the table),
    capped at ``horizon_days``. Average gap: mean close over the period / target - 1. Extreme gap:
    highest close / target - 1 for a Buy (lowest for any other rating).
    """
    close = close.dropna()
    first = close.index[0]
    rows = []
    ends = [c.published for c in calls[1:]] + [printed_on]
    for call, next_date in zip(calls, ends, strict=True):
        start = pd.Timestamp(call.published) + pd.Timedelta(days=1)
        end = min(
            pd.Timestamp(next_date) - pd.Timedelta(days=1),
            pd.Timestamp(call.published) + pd.Timedelta(days=horizon_days),
        )
        window = close.loc[start:end]
        row = {
            "published": call.published,
            "target": call.target,
            "avg_gap_pct": np.nan,
            "extreme_gap_pct": np.nan,
            "printed_avg_gap_pct": call.printed_avg_gap_pct,
            "printed_extreme_gap_pct": call.printed_extreme_gap_pct,
            "rating": call.rating,
            "period_start": start.date(),
            "period_end": end.date(),
            "sessions": len(window),
            "note": "",
        }
        if call.target is None:
            row["note"] = "coverage dropped: no target in force"
        elif start < first:
            row["note"] = f"not computable: the snapshot starts {first.date()}"
        else:
            extreme = window.max() if call.rating in BUY_RATINGS else window.min()
            row["avg_gap_pct"] = 100.0 * (window.mean() / call.target - 1.0)
            row["extreme_gap_pct"] = 100.0 * (extreme / call.target - 1.0)
            if call.printed_avg_gap_pct is None:
                row["note"] = (
                    f"printed '-': period still open when the table was printed; computed to "
                    f"{end.date()}, the day before the report"
                )
        rows.append(row)
    return pd.DataFrame(rows).set_index("published")


# --- Following the calls -----------------------------------------------------------------------


def targets_in_force(ctx: Context, calls, horizon_days: int) -> pd.DataFrame:
    """Per decision session: the Buy target in force for the trade it leads to, and the call it belongs to.

    A call published on day D is acted on at D's close (Mirae publishes before the Seoul open); it lapses at the
    first session on or after D + ``horizon_days``.
    """
    index = ctx.sessions
    frame = pd.DataFrame({"target": np.nan, "call": pd.NaT}, index=index)
    for call, nxt in zip(calls, [*calls[1:], None], strict=True):
        begin = ctx.decision_for(call.published)
        if begin is None:
            break
        lapse = call.published + dt.timedelta(days=horizon_days)
        stop = lapse if nxt is None else min(lapse, nxt.published)
        stop_at = ctx.decision_for(stop) or index[-1] + pd.Timedelta(days=1)
        span = (index >= begin) & (index < stop_at)
        active = call.rating in BUY_RATINGS and call.target is not None
        frame.loc[span, "target"] = call.target if active else np.nan
        frame.loc[span, "call"] = pd.Timestamp(call.published) if active else pd.NaT
    return frame


def follow(close: pd.Series, schedule: pd.DataFrame, on_target: str, reentry_discount: float) -> pd.Series:
    """1 where NAVER should be held after the session's close, 0 where not (a pure function of the past)."""
    held = np.zeros(len(close))
    reached, current, previous = False, None, 0.0
    rows = zip(close.to_numpy(), schedule["target"].to_numpy(), schedule["call"].to_numpy(), strict=True)
    for i, (price, target, call) in enumerate(rows):
        if call != current:
            reached, current = False, call
        if np.isnan(target) or np.isnan(price):
            previous = held[i] = 0.0 if np.isnan(target) else previous
            continue
        reached = reached or price >= target
        if on_target == "hold":
            previous = held[i] = 1.0
        elif on_target == "sell":
            previous = held[i] = 0.0 if reached else 1.0
        else:
            previous = held[i] = 1.0 if not reached or price < target * (1.0 - reentry_discount) else 0.0
    return pd.Series(held, index=close.index)


def changes(held: pd.Series, first: pd.Timestamp) -> pd.DataFrame:
    """Weight rows only where the holding changes (and at ``first``); NaN rows elsewhere."""
    held = held.loc[first:]
    moved = held.ne(held.shift(1))
    return pd.DataFrame({TICKER: held.where(moved)})


def follow_targets(calls: tuple[TargetCall, ...]):
    """The rule: hold NAVER while a Buy target of ``calls`` is in force and the close is below it."""

    def rule(ctx: Context, params: Params) -> pd.DataFrame:
        first = max(ctx.decision_for(calls[0].published) or ctx.entry, ctx.entry)
        if params.on_target == "keep":  # buy and hold: the targets decide nothing
            return pd.DataFrame({TICKER: [1.0]}, index=[first]).reindex(ctx.sessions)
        close = ctx.close[TICKER]
        schedule = targets_in_force(ctx, calls, params.horizon_days)
        held = follow(close, schedule, params.on_target, params.reentry_discount)
        return changes(held, first).reindex(ctx.sessions)

    return rule


def gap_table(ctx: Context) -> dict[str, pd.DataFrame]:
    """``target_gap.csv``: the note's 괴리율 table recomputed from the closes beside the printed figures (in won,
    as printed: none when the run is in another currency)."""
    return {"target_gap": target_gap(ctx.close[TICKER])} if ctx.currency == "KRW" else {}


def target_params(on_target: str) -> dict[str, Param]:
    return {
        "on_target": Param(
            on_target,
            "keep: buy and hold; sell, hold or reenter: the project's target-following rule",
            choices=ON_TARGET,
        ),
        "reentry_discount": Param(
            0.0,
            "with reenter: buy back once the close is this far below the target",
            low=0.0,
            high=0.5,
            sweep=(0.0, 0.05, 0.10),
        ),
        "horizon_days": Param(
            365,
            "days a target stays in force without a new report (Mirae: one year)",
            low=30,
            high=3650,
            sweep=(182, 365, 730),
        ),
    }


def mirae_buy(target: float, with_target: bool = False) -> Yardstick:
    """Mirae's Buy (line 7715) on NAVER's split-adjusted closes (the basis Mirae calls 수정주가): +20% absolute in 12
    months, the target and KOSPI beside (``with_target``: the reading "+20% or the target within the year")."""
    clause = f"or a close at the {target:,.0f} KRW target within the year" if with_target else "the target beside"
    return buy(
        f"Mirae's Buy: +20% absolute in 12 months ({clause}; KOSPI reported beside, not judged)",
        TargetPrice(TICKER, target),
        beside=(Beat("^KS11"),),
        with_target=with_target,
    )


naver_target_price = Call(
    name="naver_target_price",
    document=MIRAE_2022,
    lines=(Lines(7174, 7181), Lines(7217, 7219)),
    title="Mirae Asset on NAVER: Buy, target 340,000 KRW",
    claim="NAVER: Buy (maintained), target price 340,000 KRW, upside 59.6% from the 213,000 close.",
    quote="매수 (유지) 목표가: 340,000원 상승여력: 59.6%",
    stance="Buy, target 340,000",
    universe=(TICKER,),
    benchmarks=("^KS11",),
    currency="KRW",
    yardstick=mirae_buy(340_000),
    assumptions=target_clause(lambda on: mirae_buy(340_000, on)),
    rule=follow_targets((NOTE_CALL,)),
    rule_text="Buy NAVER at the 2022-09-22 close and hold it.",
    params=target_params("keep"),
    tables=gap_table,
    variants=(
        variant(
            "follow_target",
            HYPOTHESIS,
            "the project's addition: hold only while the close is below the 340,000 target, sell when a close "
            "reaches it, for the target's one-year horizon (the note never says to sell at the target)",
            {"on_target": "sell"},
        ),
    ),
)


def row_document(call: TargetCall) -> Document:
    """The note behind one row of the rating table: dated by the table, taken as a Seoul morning release."""
    return Document(
        key=f"mirae_naver_{call.published:%Y_%m_%d}",
        publisher="Mirae Asset Securities",
        title=f"NAVER company note of {call.published} (listed in the rating table of the 2022-09-22 report)",
        public_at=dt.datetime.combine(call.published, dt.time(8, 0), tzinfo=SEOUL),
        when="dated by the rating table (lines 7691-7705); the note is not in shared/sources: a Seoul morning "
        "release, as Mirae's notes are",
        file=MIRAE_2022.file,
    )


TABLE_LINE = {  # the line of the rating table that prints each Buy
    dt.date(2022, 8, 8): 7691,
    dt.date(2022, 7, 14): 7693,
    dt.date(2022, 5, 31): 7695,
    dt.date(2021, 10, 22): 7699,
    dt.date(2021, 7, 7): 7701,
    dt.date(2021, 1, 29): 7703,
    dt.date(2020, 7, 24): 7705,
}


def history_call(call: TargetCall) -> Call:
    """One Buy of an earlier report in the rating table: the publisher's record, bought at its own first close and
    judged by Mirae's Buy from that date."""
    line = TABLE_LINE[call.published]
    if call.target is None:
        raise CallError(f"the NAVER row of {call.published} prints no target: it is not a Buy")
    target = call.target
    return Call(
        name=f"naver_buy_{call.published:%Y_%m_%d}",
        document=row_document(call),
        lines=(Lines(line, line), Lines(7707, 7715)),
        title=f"Mirae Asset on NAVER, {call.published}: Buy, target {call.target:,.0f} KRW (rating table)",
        claim=f"NAVER: Buy, target price {call.target:,.0f} KRW, published {call.published}.",
        quote=f"{call.published:%Y.%m.%d} 매수 {call.target:,.0f}",
        stance=f"Buy, target {call.target:,.0f}",
        universe=(TICKER,),
        benchmarks=("^KS11",),
        currency="KRW",
        kind=RECORD,
        why="a rating of an earlier Mirae report, disclosed in this report's compliance table",
        yardstick=mirae_buy(target),
        assumptions=target_clause(lambda on: mirae_buy(target, on)),
        rule=follow_targets((call,)),
        rule_text=f"Buy NAVER at the {call.published} close and hold it.",
        params=target_params("keep"),
    )


# The 2022-08-08 Buy at 340,000 is the rating the note maintains (``naver_target_price``): counted once, there.
EARLIER_BUYS = tuple(c for c in HISTORY if c.rating in BUY_RATINGS and c.published < dt.date(2022, 8, 8))
naver_buy_2020_07_24 = history_call(EARLIER_BUYS[0])
naver_buy_2021_01_29 = history_call(EARLIER_BUYS[1])
naver_buy_2021_07_07 = history_call(EARLIER_BUYS[2])
naver_buy_2021_10_22 = history_call(EARLIER_BUYS[3])
naver_buy_2022_05_31 = history_call(EARLIER_BUYS[4])
naver_buy_2022_07_14 = history_call(EARLIER_BUYS[5])

naver_target_history = Call(
    name="naver_target_history",
    document=MIRAE_NAVER_HISTORY,
    lines=(Lines(7678, 7707),),
    title="Every NAVER Buy since 2020-07-24 followed in one strategy, held below its target (the project's reading)",
    claim="Mirae's NAVER ratings and targets since 2020-07-24 (투자의견 및 목표주가 변동추이).",
    quote="2020.07.24 매수 430,000",
    stance="Buy (seven targets)",
    universe=(TICKER,),
    benchmarks=("^KS11",),
    currency="KRW",
    kind=HYPOTHESIS,
    why=(
        "the table's Buys are the publisher's earlier record (naver_buy_…, and the note's own naver_target_price); "
        "following them as one strategy that sells at each target is the project's reading"
    ),
    yardstick=beat(
        "^KS11",
        months=38,
        description="beat KOSPI from the first Buy in the table to the end of the last target's year",
    ),
    rule=follow_targets((*HISTORY, NOTE_CALL)),
    rule_text=(
        "From 2020-07-24, hold NAVER while a Mirae Buy target is in force and the close is below it; each "
        "target is used from its own publication date, coverage dropped on 2022-01-03 means cash."
    ),
    params=target_params("sell"),
)
