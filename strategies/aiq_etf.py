"""Mirae Asset's Top Pick ETF (2022-09-22): Global X Artificial Intelligence & Technology ETF (AIQ).

The report names AIQ among its five Top Picks (lines 390-394: it spreads the bet over Tesla, Amazon, Apple,
Microsoft and the other global AI leaders, so "보다 안정적으로 그 성과를 향유할 수 있다", it shares in the AI market's
growth more stably) and gives it a note (lines 6821-7092). No rating and no target are printed for AIQ. The note's
own comparison set is Table 25 (lines 6962-6978): AIQ beside the iShares Robotics and AI ETF (IRBO) and the First
Trust AI and Robotics ETF (ROBT). IRBO is not in the price data, so the call is judged against ROBT over the 12 months
of Mirae's rating horizon; the NASDAQ Composite is reported beside it, never judged.

Rule: buy AIQ at the call's first possible trade and hold it. Variants:

* ``trend`` (hypothesis): hold AIQ only while its close is above its ``trend_days``-session moving average, in cash
  otherwise; the project's idea (the report says nothing of a trend filter), so no verdict.
* ``since_inception`` (hindsight): the same holding from AIQ's listing (2018-05-11), years before the report;
  history for context, no verdict.

Assumptions (the note prints no yardstick for a Top Pick without a rating): what "more stably" is measured by
(return against ROBT, the verdict; or a lower volatility or a shallower drawdown than ROBT), the benchmark (ROBT,
Table 25's peer; the NASDAQ Composite), and the horizon (Mirae's 12 months; 6 or 24).

``aiq_china_sanctions`` is context: the note lists a risk (lines 6867, 6936-6942), US sanctions on China
"기초자산들에게 부정적 영향" (could hurt the holdings; China is 10.6% of them), and forecasts nothing. AIQ's abnormal
reaction against the NASDAQ Composite to the first US export-control rules after the report (A03, 2022-10-07) is
measured and shown, never a verdict; the 2022-08-31 disclosure (A01) preceded the report.
"""

import datetime as dt
from typing import Literal

import pandas as pd

from aitheme.strategies.assumptions import benchmark, choice
from aitheme.strategies.blocks import changes_only, on_sessions
from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.mirae_report import TOP_PICK_HORIZON
from aitheme.strategies.model import CONTEXT, HINDSIGHT, HYPOTHESIS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import Beat, EventReaction, Steadier, Yardstick

TOP_PICK = "Top Pick without a rating"


def more_stably(measure: Literal["return", "volatility", "drawdown"]) -> Yardstick:
    """ "보다 안정적으로" read as ``measure`` against ROBT over 12 months (the NASDAQ Composite beside)."""
    if measure == "return":
        return Yardstick(
            f"{TOP_PICK}: beat ROBT, the peer ETF of the note's Table 25 (IRBO has no price data), over 12 months; "
            "the NASDAQ Composite reported beside, not judged",
            (Beat("ROBT"),),
            beside=(Beat("^IXIC"),),
        )
    return Yardstick(
        f"{TOP_PICK}: a lower {measure} than ROBT, the peer of Table 25, over 12 months",
        (Steadier("ROBT", measure),),
        beside=(Beat("ROBT"),),
    )


def hold_above_trend(ctx: Context, params: Params) -> pd.DataFrame:
    """AIQ from the entry; with ``trend_days``, only while its close is above that moving average."""
    close = ctx.close["AIQ"]
    hold = pd.Series(1.0, index=ctx.sessions)
    if params.trend_days > 0:
        average = close.rolling(params.trend_days, min_periods=params.trend_days).mean()
        hold = (close > average).astype(float)
    return on_sessions(changes_only(hold, ctx.entry).to_frame("AIQ"), ctx.sessions)


aiq_etf = Call(
    name="aiq_etf",
    document=MIRAE_2022,
    lines=(Lines(390, 394), Lines(6962, 6978)),
    title="Mirae Asset Top Pick: Global X AI & Technology ETF (AIQ), against its Table-25 peer ROBT",
    claim="AIQ spreads the bet over the global AI leaders, so it shares in the AI market's growth more stably.",
    quote="AI 시장 성장이 가속화되는 과정에서 보다 안정적으로 그 성과를 향유할 수 있다 … (ROBT US)",
    stance="Top Pick",
    universe=("AIQ",),
    benchmarks=("ROBT", "^IXIC", "QQQ", "SPY", "ACWI"),
    yardstick=more_stably("return"),
    assumptions=(
        choice(
            "more stably",
            "what '보다 안정적으로' (more stably) is measured by: the note prints no measure",
            "return",
            more_stably,
            ("return", "a return above the peer's: the Top Pick's share in AI's growth"),
            ("volatility", "a lower volatility than the peer's: stability as the word says"),
            ("drawdown", "a shallower worst drawdown than the peer's: stability as a holder feels it"),
        ),
        benchmark(
            "the benchmark: the note prints none for AIQ; Table 25 sets it beside its peers",
            "ROBT",
            ("ROBT", "Table 25's peer with price data (lines 6962-6978)"),
            ("^IXIC", "the US tech market the Top Picks trade in"),
        ),
        TOP_PICK_HORIZON,
    ),
    rule=hold_above_trend,
    rule_text="Hold AIQ from the first US session after 2022-09-22.",
    substitutes={"IRBO": "ROBT"},  # Table 25's peers are IRBO and ROBT; ROBT alone stands for the pair
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

aiq_china_sanctions = Call(
    name="aiq_china_sanctions",
    document=MIRAE_2022,
    lines=(Lines(6867, 6867), Lines(6936, 6942)),
    title="AIQ's risk: US sanctions on China hurt its holdings (China 10.6%)",
    claim=(
        "As the US widens its AI sanctions on China, they are a negative for AIQ's underlying holdings (65.7% US, "
        "10.6% China)."
    ),
    quote="최근 미국이 중국에 대한 AI 제재를 확대하고 있는 만큼 기초자산들에게 부정적 영향",
    stance="risk",
    kind=CONTEXT,
    why="a risk factor the note lists ('could hurt the holdings'), not a forecast: the reaction to the first rules "
    "after the report is measured and shown, never a verdict",
    yardstick=Yardstick(
        "AIQ's abnormal return (market model vs the NASDAQ Composite, the event session and the next) to the first US "
        "export-control rules after the report (A03, 2022-10-07) is negative; the 2022-08-31 disclosure (A01), "
        "before the report, is context",
        (EventReaction(("AIQ",), "^IXIC", events=("A03",), expect="negative", context=("A01",)),),
        months=0,
    ),
)
