"""Mirae Asset's sector views, Sections IV-VII (2022-09-22): the listed companies it names, with its stance.

* ``security`` (default; Section IV.4, lines 2321-2385): "AI cybersecurity leaders": CrowdStrike
  (CRWD) and Datadog (DDOG) are named as the representative companies, SentinelOne (S) described
  beside them; "we expect continued high growth". Judged against the cybersecurity ETF CIBR.
* ``software`` (Section IV, lines 1548-2385): the software winners of the section, Microsoft (the
  Top Pick, lines 350-362) with the three security leaders, against the NASDAQ Composite.
* ``cloud`` (Section IV.2, lines 1733-2075): the AIaaS big three, Amazon, Microsoft and Alphabet, as
  structural winners, against the NASDAQ Composite.
* ``search_ads`` (Section V, lines 2741-2796): Amazon takes US search-ad share from Google (22% vs 55%
  in 2022, "the trend should continue"). Held long only as Amazon, judged against Alphabet.
* ``social`` (Section V, lines 2797-2862): TikTok takes ad share from Meta and Snap. TikTok is private
  and Snap is not in the snapshot; held long only as the NASDAQ Composite instead of Meta (the index
  level standing for a NASDAQ tracker), judged against Meta.
* ``chips_vs_amd`` and ``chips_vs_intc`` (Section VII, lines 236-250, 4153-4323 and 5244-5262):
  "for now NVIDIA will be the centre of the AI-chip market", AMD "has no great influence in the AI
  market", Intel spreads its bets over acquisitions. Held long only as NVIDIA, judged against AMD
  and against Intel.

Rule: equal weight in the sector's names from the first US session after the report (2022-09-22,
out before the US open), held (``rebalance`` none by default), over the report's 12-month horizon.
"""

import datetime as dt

from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import (
    REBALANCE_FREQUENCIES,
    equal_weight,
    on_sessions,
    rebalance_sessions,
    signal_session,
)

SECTORS = {
    "security": (
        ("CRWD", "S", "DDOG"),
        Yardstick("the AI-security leaders beat the cybersecurity ETF CIBR over 12 months", beat="CIBR"),
    ),
    "software": (
        ("MSFT", "CRWD", "S", "DDOG"),
        Yardstick("Section IV's software winners beat the NASDAQ Composite over 12 months", beat="^IXIC"),
    ),
    "cloud": (
        ("AMZN", "MSFT", "GOOGL"),
        Yardstick("the AIaaS big three beat the NASDAQ Composite over 12 months", beat="^IXIC"),
    ),
    "search_ads": (("AMZN",), Yardstick("Amazon beats Alphabet over 12 months", beat="GOOGL")),
    "social": (("^IXIC",), Yardstick("Meta trails the NASDAQ Composite over 12 months", beat="META")),
    "chips_vs_amd": (("NVDA",), Yardstick("NVIDIA beats AMD over 12 months", beat="AMD")),
    "chips_vs_intc": (("NVDA",), Yardstick("NVIDIA beats Intel over 12 months", beat="INTC")),
}


class SectorCalls(Strategy):
    name = "sector_calls"
    title = "Mirae Asset sector views: AI security, software, cloud, internet platforms, AI chips"
    rule = (
        "Equal weight in the names the report picks in a sector (default: CRWD, S and DDOG, the AI-security "
        "leaders) from 2022-09-22, held against the sector yardstick."
    )
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(2321, 5262),
        publisher="Mirae Asset Securities",
        title="ARTIFICIAL INTELLIGENCE, Sections IV (software) to VII (AI semiconductors)",
    )
    published = dt.date(2022, 9, 22)
    universe = ("CRWD", "S", "DDOG", "MSFT", "AMZN", "GOOGL", "NVDA", "^IXIC")
    benchmarks = ("^IXIC", "CIBR", "^SOX", "AMD", "INTC", "GOOGL", "META")
    params = {
        "rebalance": Param("none", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    }
    variants = {name: {} for name in SECTORS if name != "security"}

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
