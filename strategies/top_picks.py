"""Mirae Asset's AI Top Picks (2022-09-22): Tesla, Microsoft, NVIDIA, UnitedHealth and the AIQ ETF.

The report's investment-strategy section names five Top Picks as the leaders of their layer of the
AI stack ("winner takes most"): TSLA for autonomy and robots, MSFT for AI in Azure and Office, NVDA
for compute, UNH for its health-care data, and AIQ for diversified exposure.

Rule: from the first US session the report could be acted on, hold the five in equal weight and
rebalance back to equal weight every quarter (``rebalance`` switches that to none, monthly or annually).

``weighting`` changes how much of each:

* ``equal``: the same share of each name (the default).
* ``market_cap``: in proportion to the market caps printed in Table 1 (lines 396-417, trillion KRW at
  the 2022-09-21 close). AIQ is a fund with no Table-1 cap (its 135m USD of net assets would round it to
  nothing and measures something else), so it keeps an equal 1/N share and the stocks split the rest
  by cap. NAVER, not in Table 1, takes the cap printed in its own key data (34,942bn KRW, line 7121).
  Rebalancing returns to these fixed proportions.
* ``inverse_volatility``: in proportion to 1 / daily-return volatility over the ``vol_lookback``
  sessions up to each rebalance session.

``top_picks_back_page`` is the back-page list "Top Picks and watch-list" (lines 5299-5306): TSLA, MSFT,
AIQ and NAVER (035420.KS); it leaves out NVDA and UNH and adds NAVER, a discrepancy with line 336 that
the report does not explain. NAVER trades in Seoul in KRW; the run converts it into the base currency
with the day's KRW=X rate, or the last one published before it on a US holiday.
"""

import datetime as dt

from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import (
    REBALANCE_FREQUENCIES,
    equal_weight,
    first_session_on_or_after,
    fixed_weights,
    inverse_volatility,
    on_sessions,
    rebalance_sessions,
    sessions_before_all_trade,
    signal_session,
)

# Table 1 (lines 407-413), market cap in trillion KRW at the 2022-09-21 close; NAVER from line 7121.
PRINTED_MARKET_CAP = {"TSLA": 1309.3, "MSFT": 2502.7, "NVDA": 463.8, "UNH": 665.4, "035420.KS": 34.942}
WEIGHTINGS = ("equal", "market_cap", "inverse_volatility")


def market_cap_weights(names) -> dict[str, float]:
    """Printed market-cap weights; a name without a printed cap (a fund) keeps an equal 1/N share."""
    capped = [t for t in names if t in PRINTED_MARKET_CAP]
    uncapped = [t for t in names if t not in PRINTED_MARKET_CAP]
    equal_share = 1.0 / len(names)
    rest = 1.0 - equal_share * len(uncapped)
    total = sum(PRINTED_MARKET_CAP[t] for t in capped)
    return {t: equal_share if t in uncapped else rest * PRINTED_MARKET_CAP[t] / total for t in names}


class TopPicks(Strategy):
    name = "top_picks"
    title = "Mirae Asset AI Top Picks, equal weight"
    rule = "Equal weight in TSLA, MSFT, NVDA, UNH and AIQ from 2022-09-22, rebalanced quarterly."
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(336, 417),
        publisher="Mirae Asset Securities",
        title="ARTIFICIAL INTELLIGENCE (theme report), I.4 Top Picks",
    )
    # Dated 2022-09-22 KST, out before the US open that day: 2022-09-22 is the first tradable US session.
    published = dt.date(2022, 9, 22)
    universe = ("TSLA", "MSFT", "NVDA", "UNH", "AIQ")
    benchmarks = ("QQQ", "SPY", "^IXIC")
    # The report's own test: the basket should beat the NASDAQ Composite it quotes, over 12 months.
    yardstick = Yardstick("beat the NASDAQ Composite over the 12 months after publication", beat="^IXIC")
    params = {
        "rebalance": Param("quarterly", "how often weights return to their targets", choices=REBALANCE_FREQUENCIES),
        "weighting": Param("equal", "equal, Table-1 market caps, or inverse volatility", choices=WEIGHTINGS),
        "vol_lookback": Param(
            63,
            "sessions of daily returns behind inverse-volatility weights",
            low=10,
            high=504,
            sweep=(21, 63, 126, 252),
        ),
    }
    variants = {
        "buy_and_hold": {"rebalance": "none"},
        "market_cap": {"weighting": "market_cap"},
        "inverse_vol": {"weighting": "inverse_volatility"},
    }

    def weights(self, prices, params):
        names = list(self.universe)
        tradable = sessions_before_all_trade(prices, names)
        start = first_session_on_or_after(tradable, signal_session(prices.index, self.published))
        sessions = rebalance_sessions(tradable, start, params.rebalance)
        # Seoul and New York close on different days: a name shut on a rebalance session keeps its last close.
        last_close = prices[names].ffill()
        if params.weighting == "market_cap":
            weights = fixed_weights(sessions, market_cap_weights(names))
        elif params.weighting == "inverse_volatility":
            weights = inverse_volatility(prices, sessions, params.vol_lookback, names)
        else:
            weights = equal_weight(last_close, sessions, names)
        return on_sessions(weights.reindex(columns=names), prices.index)


class TopPicksBackPage(TopPicks):
    name = "top_picks_back_page"
    title = "Mirae Asset 'Top Picks and watch-list' back page: TSLA, MSFT, AIQ, NAVER"
    rule = (
        "Equal weight in TSLA, MSFT, AIQ and NAVER (035420.KS, in the base currency) from 2022-09-22, "
        "rebalanced quarterly."
    )
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(5299, 5306),
        publisher="Mirae Asset Securities",
        title="Top Picks and watch-list (back page before the company notes)",
    )
    universe = ("TSLA", "MSFT", "AIQ", "035420.KS")
    benchmarks = ("QQQ", "SPY", "^IXIC", "^KS11")
    variants = {"market_cap": {"weighting": "market_cap"}}
