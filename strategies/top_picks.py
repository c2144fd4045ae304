"""Mirae Asset's AI Top Picks (2022-09-22): Tesla, Microsoft, NVIDIA, UnitedHealth and the AIQ ETF.

The report's investment-strategy section names five Top Picks as the leaders of their layer of the AI stack
("winner takes most"): TSLA for autonomy and robots, MSFT for AI in Azure and Office, NVDA for compute, UNH for its
health-care data, and AIQ for diversified exposure.

Rule: from the call's first possible trade, hold the five in equal weight and rebalance back to equal weight every
quarter (``rebalance`` switches that to none, monthly or annually). ``weighting`` changes how much of each:

* ``equal``: the same share of each name (the default).
* ``market_cap``: in proportion to the market caps printed in Table 1 (lines 396-417, trillion KRW at the
  2022-09-21 close). AIQ is a fund with no Table-1 cap, so it keeps an equal 1/N share and the stocks split the
  rest by cap. NAVER, not in Table 1, takes the cap printed in its own key data (34,942bn KRW, line 7121).
* ``inverse_volatility``: in proportion to 1 / daily-return volatility over the ``vol_lookback`` sessions.

``top_picks_back_page`` is the back-page list "Top Picks and watch-list" (lines 5299-5306): TSLA, MSFT, AIQ and
NAVER (035420.KS, converted with the day's KRW rate); it trades only on sessions both Seoul and New York close.
"""

import pandas as pd

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
from aitheme.strategies.yardsticks import beat

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
    "rebalance": Param("quarterly", "how often weights return to their targets", choices=REBALANCE_FREQUENCIES),
    "weighting": Param("equal", "equal, Table-1 market caps, or inverse volatility", choices=WEIGHTINGS),
    "vol_lookback": Param(
        63, "sessions of daily returns behind inverse-volatility weights", low=10, high=504, sweep=(21, 63, 126, 252)
    ),
}

top_picks = Call(
    name="top_picks",
    document=MIRAE_2022,
    lines=(Lines(336, 417),),
    title="Mirae Asset AI Top Picks, equal weight",
    claim="The Top Picks are Tesla, Microsoft, NVIDIA, UnitedHealth and the Global X AIQ ETF.",
    quote="Top Pick은 테슬라, 마이크로소프트, 엔비디아, 유나이티드 헬스케어와 글로벌 X AIQ ETF이다.",
    stance="Top Pick",
    universe=("TSLA", "MSFT", "NVDA", "UNH", "AIQ"),
    benchmarks=("QQQ", "SPY", "^IXIC"),
    yardstick=beat("^IXIC", description="beat the NASDAQ Composite over the 12 months after publication"),
    rule=basket,
    rule_text="Equal weight in TSLA, MSFT, NVDA, UNH and AIQ from 2022-09-22, rebalanced quarterly.",
    params=PARAMS,
    variants=(
        variant("buy_and_hold", HYPOTHESIS, "no rebalancing: the five bought once and held", {"rebalance": "none"}),
        variant(
            "market_cap", HYPOTHESIS, "weights from Table 1's market caps (AIQ keeps 1/N)", {"weighting": "market_cap"}
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
    title="Mirae Asset 'Top Picks and watch-list' back page: TSLA, MSFT, AIQ, NAVER",
    claim="Top Picks and watch-list: Tesla (Buy), Microsoft (Buy), AIQ, NAVER (Buy).",
    quote="Top Picks 및 관심종목",
    stance="Top Pick and watch-list",
    universe=("TSLA", "MSFT", "AIQ", "035420.KS"),
    benchmarks=("QQQ", "SPY", "^IXIC", "^KS11"),
    yardstick=beat("^IXIC", description="beat the NASDAQ Composite over the 12 months after publication"),
    rule=basket,
    rule_text=(
        "Equal weight in TSLA, MSFT, AIQ and NAVER (035420.KS, in the base currency) from 2022-09-22, "
        "rebalanced quarterly."
    ),
    params=PARAMS,
    variants=(variant("market_cap", HYPOTHESIS, "weights from the printed market caps", {"weighting": "market_cap"}),),
)
