"""Mirae Asset's Top Pick ETF (2022-09-22): Global X Artificial Intelligence & Technology ETF (AIQ).

The report names AIQ among its five Top Picks (lines 390-394: it spreads the bet over Tesla, Amazon, Apple,
Microsoft and the other global AI leaders, so it shares in the AI market's growth "more stably") and gives it a
company note (lines 6821-7092). No rating and no target price are printed for AIQ, so the call is judged the way
the report frames a Top Pick: it should beat the NASDAQ Composite it quotes (^IXIC, 11,220.19 on 2022-09-21) over
the 12 months of Mirae's rating horizon.

Rule: buy AIQ at the call's first possible trade and hold it. Variants:

* ``trend`` (hypothesis): hold AIQ only while its close is above its ``trend_days``-session moving average, in cash
  otherwise; the comparison uses closes up to session t and is traded later, as every decision.
* ``since_inception`` (hindsight): the same holding from AIQ's listing (2018-05-11), years before the report: the
  note itself quotes AIQ's record; history for context, no verdict.
"""

import datetime as dt

import pandas as pd

from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import HINDSIGHT, HYPOTHESIS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import beat


def hold_above_trend(ctx: Context, params: Params) -> pd.DataFrame:
    """AIQ from the entry; with ``trend_days``, only while its close is above that moving average."""
    close = ctx.close["AIQ"]
    hold = pd.Series(1.0, index=ctx.sessions)
    if params.trend_days > 0:
        average = close.rolling(params.trend_days, min_periods=params.trend_days).mean()
        hold = (close > average).astype(float)
    hold = hold.loc[ctx.entry :]
    # An order only where the position changes (and at the entry): no daily churn while it stands.
    changes = hold[hold.ne(hold.shift())]
    return changes.to_frame("AIQ").reindex(ctx.sessions)


aiq_etf = Call(
    name="aiq_etf",
    document=MIRAE_2022,
    lines=(Lines(6821, 7092), Lines(390, 394)),
    title="Mirae Asset Top Pick: Global X AI & Technology ETF (AIQ)",
    claim="AIQ spreads the bet over the global AI leaders, so it shares in the AI market's growth more stably.",
    quote="AI 시장 성장이 가속화되는 과정에서 보다 안정적으로 그 성과를 향유할 수 있다.",
    stance="Top Pick",
    universe=("AIQ",),
    benchmarks=("QQQ", "SPY", "ACWI", "^IXIC", "ROBT"),
    yardstick=beat("^IXIC", description="Top Pick without a target: beat the NASDAQ Composite over 12 months"),
    rule=hold_above_trend,
    rule_text="Hold AIQ from the first US session after 2022-09-22.",
    params={
        "trend_days": Param(
            0,
            "moving-average length in sessions for the trend filter (0: always hold)",
            low=0,
            high=400,
            sweep=(50, 100, 150, 200, 250),
        ),
    },
    variants=(
        variant(
            "trend",
            HYPOTHESIS,
            "hold AIQ only while it closes above its 200-session average (the project's "
            "idea; the report says nothing of a trend filter)",
            {"trend_days": 200},
        ),
        variant(
            "since_inception",
            HINDSIGHT,
            "the same holding from AIQ's listing in 2018, years before the report",
            trade_from=dt.date(2018, 5, 11),
        ),
    ),
)
