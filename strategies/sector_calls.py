"""Mirae Asset's sector views, Sections IV-VII (2022-09-22): the listed companies it names, with its stance.

* ``security`` (default; Section IV.4, lines 2321-2385): "AI cybersecurity leaders": CrowdStrike
  (CRWD) and Datadog (DDOG) are named as the representative companies, SentinelOne (S) described
  beside them; "we expect continued high growth". Judged against the cybersecurity ETF CIBR.
* ``software`` (Section IV, lines 1548-2385): the software winners of the section, Microsoft (the
  Top Pick, lines 350-362) with the three security leaders, against the NASDAQ Composite.
* ``chips_vs_amd`` and ``chips_vs_intc`` (Section VII, lines 236-250, 4153-4323 and 5244-5262):
  "for now NVIDIA will be the centre of the AI-chip market", AMD "has no great influence in the AI
  market", Intel spreads its bets over acquisitions. Held long only as NVIDIA, judged against AMD
  and against Intel.

Rule: equal weight in the sector's names from the first US session after the report (2022-09-22,
out before the US open), held (``rebalance`` none by default), over the report's 12-month horizon.
"""

import datetime as dt

from strategies.base import Param, Source, Strategy, Yardstick
from strategies.blocks import REBALANCE_FREQUENCIES, equal_weight, on_sessions, rebalance_sessions, signal_session

SECTORS = {
    "security": (("CRWD", "S", "DDOG"),
                 Yardstick("the AI-security leaders beat the cybersecurity ETF CIBR over 12 months", beat="CIBR")),
    "software": (("MSFT", "CRWD", "S", "DDOG"),
                 Yardstick("Section IV's software winners beat the NASDAQ Composite over 12 months", beat="^IXIC")),
    "chips_vs_amd": (("NVDA",), Yardstick("NVIDIA beats AMD over 12 months", beat="AMD")),
    "chips_vs_intc": (("NVDA",), Yardstick("NVIDIA beats Intel over 12 months", beat="INTC")),
}


class SectorCalls(Strategy):
    name = "sector_calls"
    title = "Mirae Asset sector views: AI security leaders, software winners, NVIDIA against AMD and Intel"
    rule = ("Equal weight in the names the report picks in a sector (default: CRWD, S and DDOG, the AI-security "
            "leaders) from 2022-09-22, held against the sector yardstick.")
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(2321, 5262),
        publisher="Mirae Asset Securities",
        title="ARTIFICIAL INTELLIGENCE, Sections IV (software) to VII (AI semiconductors)",
    )
    published = dt.date(2022, 9, 22)
    universe = ("CRWD", "S", "DDOG", "MSFT", "NVDA")
    benchmarks = ("^IXIC", "CIBR", "^SOX", "AMD", "INTC")
    params = {
        "rebalance": Param("none", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    }
    variants = {"software": {}, "chips_vs_amd": {}, "chips_vs_intc": {}}

    @property
    def sector(self) -> str:
        return self.variant or "security"

    @property
    def yardstick(self) -> Yardstick:
        return SECTORS[self.sector][1]

    def weights(self, prices, params):
        tickers = SECTORS[self.sector][0]
        start = signal_session(prices.index, self.published)
        sessions = rebalance_sessions(prices.index, start, params.rebalance)
        weights = equal_weight(prices, sessions, tickers).reindex(columns=list(self.universe), fill_value=0.0)
        return on_sessions(weights, prices.index)
