"""Mirae Asset's AI Top Picks (2022-09-22): Tesla, Microsoft, NVIDIA, UnitedHealth and the AIQ ETF.

The report's investment-strategy section names five Top Picks as the leaders of their layer of the
AI stack ("winner takes most"): TSLA for autonomy and robots, MSFT for AI in Azure and Office, NVDA
for compute, UNH for its health-care data, and AIQ for diversified exposure.

Rule: from the first US session the report could be acted on, hold the five in equal weight and
rebalance back to equal weight every quarter (``rebalance`` switches that to none, monthly or annually).
"""

import datetime as dt

from strategies.base import Param, Source, Strategy, Yardstick
from strategies.blocks import REBALANCE_FREQUENCIES, equal_weight, on_sessions, rebalance_sessions, signal_session


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
        "rebalance": Param("quarterly", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    }

    def weights(self, prices, params):
        start = signal_session(prices.index, self.published)
        sessions = rebalance_sessions(prices.index, start, params.rebalance)
        return on_sessions(equal_weight(prices, sessions, self.universe), prices.index)
