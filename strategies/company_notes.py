"""Mirae Asset's company notes on four Top Picks (2022-09-22): Tesla, Microsoft, NVIDIA, UnitedHealth.

Each note is its own call, bought at the call's first possible trade and held (for ``hold_days`` calendar days
when that is set, else to the end of the data). Only Tesla and Microsoft carry a Mirae rating; the yardstick is the
one the report prints for a rating, and where a note prints none, the index its key data quote:

* Tesla (lines 5309-5710): "매수 (유지) 목표가: USD 392 상승여력: 30.3%" (Buy, maintained; target USD 392,
  upside 30.3%; the reference price is not printed: 392 / 1.303 = 300.84). Mirae's Buy (line 7715): "매수 : 향후
  12개월 기준 절대수익률 20% 이상의 초과수익 예상", +20% absolute in 12 months: the verdict. The target and the
  NASDAQ Composite are reported beside it, never added to it; "+20% or the target within the year" (line 7707
  gives a target a one-year horizon) is a reading the source does not print, declared as the assumption
  ``target clause``.
* Microsoft (lines 5711-6135; the key-data block is printed before the header): Buy, target USD 302.4 on a close
  of 238.95. The same rule (``buy``) as Tesla and NAVER.
* NVIDIA (lines 6136-6418): a Top Pick, "AI 반도체의 중심" (the centre of AI chips, line 364), but the note prints
  no rating and no target. Its key data quote the NASDAQ Composite (line 6189): the verdict beats it over Mirae's
  12 months. Its industry index (^SOX) is not printed: it is a reading of the assumption ``benchmark``, as are
  both together; the horizon is an assumption too.
* UnitedHealth (lines 6419-6820): a Top Pick (lines 336, 3561) with no Mirae rating; the note quotes only the
  "Refinitiv 평균목표주가 USD 579.35" (a consensus target, not Mirae's) and the S&P 500 in its key data (line
  6485). Right if it beats the S&P 500 over 12 months (the horizon an assumption); the consensus target is
  reported beside, never judged.

Targets are printed in the prices of 2022-09-21; the data's US prices are split- and dividend-adjusted, so the
verdict restates a target through the ratio of the data's 2022-09-21 close to the printed one.
"""

import datetime as dt

import pandas as pd

from aitheme.strategies.assumptions import target_clause
from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.mirae_report import NVDA_NOTE_BENCHMARK, NVDA_NOTE_YARDSTICK, TOP_PICK_HORIZON, mirae_buy
from aitheme.strategies.model import Call, Lines, Param, Params
from aitheme.strategies.yardsticks import Beat, TargetPrice, Yardstick

PRICE_DATE = dt.date(2022, 9, 21)
HOLD_DAYS = {
    "hold_days": Param(
        0, "calendar days to hold after entry (0: to the end of the data)", low=0, high=3650, sweep=(0, 182, 365, 730)
    )
}


def hold_name(ctx: Context, params: Params) -> pd.DataFrame:
    """The one name from the entry, held ``hold_days`` calendar days after the first trade (0: to the end)."""
    ticker = ctx.close.columns[0]
    held = pd.DataFrame({ticker: [1.0]}, index=[ctx.entry])
    if params.get("hold_days", 0):
        exit_decision = ctx.decision_for(ctx.first_trade + pd.Timedelta(days=params.hold_days))
        if exit_decision is not None:
            held.loc[exit_decision] = 0.0
    return held.reindex(ctx.sessions)


def note_buy(ticker: str, target: float, printed_close: float, with_target: bool = False) -> Yardstick:
    """Mirae's Buy on a US note: the USD target restated through the printed 2022-09-21 close, ^IXIC beside."""
    return mirae_buy(TargetPrice(ticker, target, printed_close, PRICE_DATE), f"USD {target:g}", "^IXIC", with_target)


tsla_note = Call(
    name="tsla_note",
    document=MIRAE_2022,
    lines=(Lines(5309, 5363),),
    title="Mirae Asset on Tesla: Buy, target USD 392",
    claim="Tesla: Buy (maintained), target price USD 392, upside 30.3%; Top Pick maintained.",
    quote="매수 (유지) 목표가: USD 392 상승여력: 30.3%",
    stance="Buy, target 392",
    universe=("TSLA",),
    benchmarks=("^IXIC", "QQQ"),
    yardstick=note_buy("TSLA", 392.0, 392.0 / 1.303),
    assumptions=target_clause(lambda on: note_buy("TSLA", 392.0, 392.0 / 1.303, on)),
    rule=hold_name,
    rule_text="Buy Tesla at the 2022-09-22 close and hold it.",
    params=HOLD_DAYS,
)

msft_note = Call(
    name="msft_note",
    document=MIRAE_2022,
    lines=(Lines(5766, 5773), Lines(5711, 5717)),
    title="Mirae Asset on Microsoft: Buy, target USD 302.4",
    claim="Microsoft: Buy (maintained), target price USD 302.4, upside 26.6% on a close of USD 238.95.",
    quote="매수 (유지) 목표가: USD 302.4 상승여력: 26.6%",
    stance="Buy, target 302.4",
    universe=("MSFT",),
    benchmarks=("^IXIC", "QQQ"),
    yardstick=note_buy("MSFT", 302.4, 238.95),
    assumptions=target_clause(lambda on: note_buy("MSFT", 302.4, 238.95, on)),
    rule=hold_name,
    rule_text="Buy Microsoft at the 2022-09-22 close and hold it.",
    params=HOLD_DAYS,
)

nvda_note = Call(
    name="nvda_note",
    document=MIRAE_2022,
    lines=(Lines(364, 374), Lines(6136, 6189)),
    title="Mirae Asset on NVIDIA: Top Pick, the centre of AI chips (no rating or target in the note)",
    claim=(
        "NVIDIA is the centre of AI semiconductors and the company that benefits most in the early, explosive AI "
        "market (a Top Pick); the note prints no rating or target."
    ),
    quote="엔비디아 (NVDA US)는 AI 반도체의 중심이다 … 가장 수혜 받을 수 있고 기업들이 선택할 수밖에 없는 업체이다",
    stance="Top Pick",
    universe=("NVDA",),
    benchmarks=("^IXIC", "^SOX", "SMH"),
    yardstick=NVDA_NOTE_YARDSTICK,
    assumptions=(NVDA_NOTE_BENCHMARK, TOP_PICK_HORIZON),
    rule=hold_name,
    rule_text="Buy NVIDIA at the 2022-09-22 close and hold it.",
    params=HOLD_DAYS,
)

unh_note = Call(
    name="unh_note",
    document=MIRAE_2022,
    lines=(Lines(3561, 3563), Lines(6419, 6485)),
    title="Mirae Asset on UnitedHealth: health-care Top Pick (no Mirae rating; consensus target USD 579.35)",
    claim=(
        "UnitedHealth is the health-care Top Pick; the note quotes the Refinitiv consensus target USD 579.35 "
        "(not Mirae's own) and the S&P 500."
    ),
    quote="헬스케어 영역의 Top-pick으로 United Health Group",
    stance="Top Pick",
    universe=("UNH",),
    benchmarks=("^GSPC", "SPY"),
    yardstick=Yardstick(
        "Top Pick without a rating: beat the S&P 500 its key data print over 12 months (the Refinitiv consensus "
        "target 579.35 reported beside, not Mirae's, not judged)",
        (Beat("^GSPC"),),
        beside=(TargetPrice("UNH", 579.35, 512.08, PRICE_DATE),),
    ),
    assumptions=(TOP_PICK_HORIZON,),
    rule=hold_name,
    rule_text="Buy UnitedHealth at the 2022-09-22 close and hold it.",
    params=HOLD_DAYS,
)
