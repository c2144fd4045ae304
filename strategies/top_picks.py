"""Mirae Asset's AI Top Picks (2022-09-22): Tesla, Microsoft, NVIDIA, UnitedHealth and the AIQ ETF.

Line 336: "Top Pick은 테슬라, 마이크로소프트, 엔비디아, 유나이티드 헬스케어와 글로벌 X AIQ ETF이다" (the Top Picks are
Tesla, Microsoft, NVIDIA, UnitedHealth and the Global X AIQ ETF), each the leader of its layer of the AI stack
("winner takes most", lines 271-331, 338-394). The report states no weighting and no rebalancing, and prints no
yardstick for the basket: only Tesla and Microsoft carry a Mirae rating (``company_notes``).

Rule: from the call's first possible trade, hold the five in equal weight, as published (no rebalancing). Judged
against the NASDAQ Composite, the index the MSFT and NVDA key data print (lines 5717, 6189), over the 12 months of
Mirae's rating horizon: a reasonable reading, not a printed test, so the benchmark, the horizon and the rebalancing
are assumptions with their readings. Beside it, never judged: how many of the five cleared Mirae's +20% Buy bar.

Variants (``weighting``):

* ``market_cap`` (hypothesis): in proportion to the market caps printed in Table 1 (lines 396-417, trillion KRW at
  the 2022-09-21 close). AIQ is a fund with no Table-1 cap, so it keeps an equal 1/N share and the stocks split the
  rest by cap: the project's weighting, not the report's.
* ``inverse_vol`` (hypothesis): in proportion to 1 / daily-return volatility over ``vol_lookback`` sessions.

``top_picks_back_page`` is the back page "Top Picks 및 관심종목" (lines 5299-5306): the table of contents of the
attached notes (TSLA, MSFT, AIQ, NAVER; NAVER is not among the line-336 Top Picks, so it is the watch-list entry,
and the NVDA and UNH notes follow unlisted). It is context, not a call: its basket (NAVER converted with the day's
KRW rate, traded only on sessions both Seoul and New York close) is shown as a hypothesis, with no verdict.
"""

import pandas as pd

from aitheme.strategies.assumptions import benchmark, horizon, parameter
from aitheme.strategies.blocks import (
    REBALANCE_FREQUENCIES,
    equal_weight,
    first_on_or_after,
    fixed_weights,
    inverse_volatility,
    on_sessions,
    rebalance_sessions,
    sessions_before_all_trade,
)
from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import HYPOTHESIS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import Beat, NamesAtLeast, Yardstick

# Table 1 (lines 407-413), market cap in trillion KRW at the 2022-09-21 close; NAVER from line 7121.
PRINTED_MARKET_CAP = {"TSLA": 1309.3, "MSFT": 2502.7, "NVDA": 463.8, "UNH": 665.4, "035420.KS": 34.942}
WEIGHTINGS = ("equal", "market_cap", "inverse_volatility")


def market_cap_weights(names: list[str]) -> dict[str, float]:
    """Printed market-cap weights; a name without a printed cap (a fund) keeps an equal 1/N share."""
    capped = [t for t in names if t in PRINTED_MARKET_CAP]
    uncapped = [t for t in names if t not in PRINTED_MARKET_CAP]
    equal_share = 1.0 / len(names)
    rest = 1.0 - equal_share * len(uncapped)
    total = sum(PRINTED_MARKET_CAP[t] for t in capped)
    return {t: equal_share if t in uncapped else rest * PRINTED_MARKET_CAP[t] / total for t in names}


def basket(ctx: Context, params: Params) -> pd.DataFrame:
    """The universe from the entry, weighted and rebalanced as the parameters say, on sessions every market trades."""
    names = list(ctx.close.columns)
    tradable = sessions_before_all_trade(ctx.close, names)
    start = first_on_or_after(tradable, ctx.entry)
    sessions = rebalance_sessions(tradable, start, params.rebalance)
    if params.weighting == "market_cap":
        weights = fixed_weights(sessions, market_cap_weights(names))
    elif params.weighting == "inverse_volatility":
        weights = inverse_volatility(ctx.close, sessions, params.vol_lookback, names)
    else:
        # Seoul and New York close on different days: a name shut on a rebalance session keeps its last close.
        weights = equal_weight(ctx.close[names].ffill(), sessions, names)
    return on_sessions(weights.reindex(columns=names), ctx.sessions)


PARAMS = {
    "rebalance": Param("none", "how often weights return to their targets", choices=REBALANCE_FREQUENCIES),
    "weighting": Param("equal", "equal, Table-1 market caps, or inverse volatility", choices=WEIGHTINGS),
    "vol_lookback": Param(
        63, "sessions of daily returns behind inverse-volatility weights", low=10, high=504, sweep=(21, 63, 126, 252)
    ),
}

BASKET_YARDSTICK = Yardstick(
    "no yardstick is printed for the basket: beat the NASDAQ Composite (printed in the MSFT and NVDA key data) over "
    "the 12 months after publication; beside, not judged: the names clearing Mirae's +20% Buy bar",
    (Beat("^IXIC"),),
    beside=(NamesAtLeast(0.20),),
)

top_picks = Call(
    name="top_picks",
    document=MIRAE_2022,
    lines=(Lines(336, 417),),
    title="Mirae Asset AI Top Picks, equal weight, held as published",
    claim="The Top Picks are Tesla, Microsoft, NVIDIA, UnitedHealth and the Global X AIQ ETF.",
    quote="Top Pick은 테슬라, 마이크로소프트, 엔비디아, 유나이티드 헬스케어와 글로벌 X AIQ ETF이다.",
    stance="Top Pick",
    universe=("TSLA", "MSFT", "NVDA", "UNH", "AIQ"),
    benchmarks=("QQQ", "SPY", "^IXIC"),
    yardstick=BASKET_YARDSTICK,
    assumptions=(
        benchmark(
            "the benchmark: none is printed for the basket",
            "^IXIC",
            ("^IXIC", "the index the MSFT and NVDA key data print (lines 5717, 6189)"),
            ("SPY", "the US market (UNH's key data print the S&P 500, line 6485)"),
            ("ACWI", "the world: the Top Picks are 'global' AI leaders"),
        ),
        horizon("the horizon: none is printed for the basket"),
        parameter(
            "rebalance",
            "whether the five return to equal weight: the report states no rebalancing",
            "none",
            ("none", "held as published"),
            ("quarterly", "back to equal weight every quarter"),
        ),
    ),
    rule=basket,
    rule_text="Equal weight in TSLA, MSFT, NVDA, UNH and AIQ bought at the 2022-09-22 close and held.",
    params=PARAMS,
    variants=(
        variant(
            "market_cap",
            HYPOTHESIS,
            "weights from Table 1's market caps, AIQ keeping 1/N: the project's weighting",
            {"weighting": "market_cap"},
        ),
        variant(
            "inverse_vol",
            HYPOTHESIS,
            "weights from inverse volatility, the project's idea",
            {"weighting": "inverse_volatility"},
        ),
    ),
)

top_picks_back_page = Call(
    name="top_picks_back_page",
    document=MIRAE_2022,
    lines=(Lines(5299, 5306),),
    title="Mirae Asset back page 'Top Picks and watch-list' (a table of contents): TSLA, MSFT, AIQ, NAVER",
    claim="Top Picks and watch-list: Tesla (Buy), Microsoft (Buy), AIQ, NAVER (Buy).",
    quote="Top Picks 및 관심종목",
    stance="table of contents (no call of its own)",
    universe=("TSLA", "MSFT", "AIQ", "035420.KS"),
    benchmarks=("QQQ", "SPY", "^IXIC", "^KS11"),
    kind=HYPOTHESIS,
    why=(
        "context: the back page lists the attached notes (fidelity.md 1.2); holding them as a basket is the "
        "project's reading, so its numbers carry no verdict"
    ),
    yardstick=BASKET_YARDSTICK,
    rule=basket,
    rule_text=(
        "Equal weight in TSLA, MSFT, AIQ and NAVER (035420.KS, in the base currency) bought at the 2022-09-22 "
        "close and held."
    ),
    params=PARAMS,
    variants=(variant("market_cap", HYPOTHESIS, "weights from the printed market caps", {"weighting": "market_cap"}),),
)
