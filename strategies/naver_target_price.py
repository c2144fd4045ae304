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
  ``follow_target`` (hypothesis): the project's target-following rule, which sells at the target; the note
  never says to sell there.
* ``naver_buy_2020_07_24`` … ``naver_buy_2022_07_14``: the publisher's earlier record (kind ``record``): six Buys of
  the table (lines 7693-7705), each a rating of an *earlier* report that this one discloses, judged from its own
  date by the same Buy yardstick in a track of its own, never in this document's hit rate (the earlier notes are
  not in ``shared/sources``; the table dates them, and each is taken as a Seoul morning release). The table's
  last row, Buy 340,000 of 2022-08-08 (line 7691), is the rating this note maintains: it is counted once, as
  ``naver_target_price``.
* ``naver_target_history`` (hypothesis): every Buy followed in one strategy from 2020-07-24, the project's way of
  reading the table, against KOSPI.

The rating table (``HISTORY``), its gap table (``target_gap.csv``) and the target-following rule are in
``naver_rating_table``.
"""

import datetime as dt

from aitheme.strategies.assumptions import target_clause
from aitheme.strategies.documents import MIRAE_2022, MIRAE_NAVER_HISTORY, SEOUL
from aitheme.strategies.mirae_report import mirae_buy
from aitheme.strategies.model import HYPOTHESIS, RECORD, Call, CallError, Document, Lines, variant
from aitheme.strategies.naver_rating_table import (
    BUY_RATINGS,
    HISTORY,
    NOTE_CALL,
    TICKER,
    TargetCall,
    follow_targets,
    gap_table,
    target_params,
)
from aitheme.strategies.yardsticks import TargetPrice, Yardstick, beat


def naver_buy_yardstick(target: float, with_target: bool = False) -> Yardstick:
    """Mirae's Buy on NAVER's split-adjusted closes (the basis Mirae calls 수정주가), KOSPI beside."""
    return mirae_buy(TargetPrice(TICKER, target), f"{target:,.0f} KRW", "^KS11", with_target)


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
    yardstick=naver_buy_yardstick(340_000),
    assumptions=target_clause(lambda on: naver_buy_yardstick(340_000, on)),
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
        yardstick=naver_buy_yardstick(target),
        assumptions=target_clause(lambda on: naver_buy_yardstick(target, on)),
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
