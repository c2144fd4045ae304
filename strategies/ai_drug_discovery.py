"""Mirae Asset, section VI.4 (2022-09-22): the listed AI drug-discovery names, "hype or reality?".

The section names the listed AI drug developers: Relay (RLAY), Recursion (RXRX), Exscientia (EXAI),
AbCellera (ABCL), Schrodinger (SDGR), AbSci (ABSI), Evaxion (EVAX) and BenevolentAI (BAI.AS). It
observes that they trail the biotech index (lines 3516-3524), blames two discounts (AI platforms are
hard to value; AI has not yet been shown to raise clinical success rates) and expects the re-rating to
come as their programmes reach late-stage trials and report data (lines 3542-3548: the readouts due
through 2H23 will tell "hype" from "reality"). Relay is the long-term watch-list name (lines 3593-3603).

Rule: buy the names in equal weight on the first US session after publication and hold them
(``rebalance`` returns them to equal weight instead). Judged against XBI, the biotech index the text
compares them with, over 24 months so that the 1H23-2H23 readouts fall inside the horizon.

Two corporate facts the data force on the rule:

* Exscientia merged into Recursion on 2024-11-20 (0.7729 RXRX per EXAI share). The EXAI position is
  held to its last close (2024-11-18) and then carried as the RXRX shares it became
  (``data.corporate_actions``); a later rebalance treats it as RXRX, no longer a separate name.
* BenevolentAI (BAI.AS, Euronext Amsterdam, delisted 2025) has no price data. It cannot be held:
  by default its eighth goes to the seven other names (1/7 each); ``missing_weight=cash`` keeps it in
  cash instead (1/8 each, 1/8 cash). Every run notes the missing name.

``ai_drug_discovery_rlay``: Relay alone, the report's long-term watch-list name ("worth a look from a
long-term perspective", lines 3561-3563 and 3593-3603), same entry, benchmark and yardstick. It is a
strategy of its own rather than a variant because its universe differs (one name, nothing missing).
"""

import datetime as dt

import pandas as pd

from aitheme.data.corporate_actions import separately_listed
from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import (
    REBALANCE_FREQUENCIES,
    fixed_weights,
    on_sessions,
    rebalance_sessions,
    signal_session,
)

NAMES = ("RLAY", "RXRX", "EXAI", "ABCL", "SDGR", "ABSI", "EVAX", "BAI.AS")


class AiDrugDiscovery(Strategy):
    name = "ai_drug_discovery"
    title = "Mirae Asset AI drug-discovery names (section VI.4), equal weight"
    rule = (
        "Equal weight in RLAY, RXRX, EXAI, ABCL, SDGR, ABSI, EVAX from 2022-09-22, held; BenevolentAI (BAI.AS) "
        "has no price data, so its 1/8 is spread over the others (1/7 each; missing_weight=cash keeps it in "
        "cash); EXAI becomes 0.7729 RXRX per share at its 2024-11-20 merger."
    )
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(3207, 3600),
        publisher="Mirae Asset Securities",
        title="VI.4 Drug discovery: AI changes the medicine life cycle; VI.5 investment strategy",
    )
    published = dt.date(2022, 9, 22)
    universe = NAMES
    benchmarks = ("XBI", "SPY", "QQQ")
    yardstick = Yardstick(
        "re-rating as late-stage data arrive: beat XBI over the 24 months after publication",
        beat="XBI",
        horizon_days=730,
    )
    params = {
        "missing_weight": Param(
            "spread",
            "a named stock without price data: spread its share over the others, or keep it in cash",
            choices=("spread", "cash"),
        ),
        "rebalance": Param("none", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    }
    variants = {"cash_for_missing": {"missing_weight": "cash"}}

    def weights(self, prices, params):
        start = signal_session(prices.index, self.published)
        sessions = rebalance_sessions(prices.index, start, params.rebalance)
        named = list(self.universe)
        held = [t for t in named if t in prices.columns]
        listed = prices.loc[sessions, held].notna() & separately_listed(held, sessions)
        slots = len(named) if params.missing_weight == "cash" else listed.sum(axis=1)
        weights = listed.astype(float).div(slots, axis=0).fillna(0.0)
        return on_sessions(weights, prices.index)


class AiDrugDiscoveryRelay(Strategy):
    name = "ai_drug_discovery_rlay"
    title = "Mirae Asset watch-list name: Relay Therapeutics (RLAY)"
    rule = "Hold RLAY from the first US session after 2022-09-22."
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(3559, 3603),
        publisher="Mirae Asset Securities",
        title="VI.5 investment strategy: Relay Therapeutics as the long-term watch-list name",
    )
    published = dt.date(2022, 9, 22)
    universe = ("RLAY",)
    benchmarks = ("XBI", "SPY", "QQQ")
    yardstick = Yardstick(
        "long-term watch-list name: beat XBI over the 24 months after publication", beat="XBI", horizon_days=730
    )

    def weights(self, prices, params):
        start = signal_session(prices.index, self.published)
        return on_sessions(fixed_weights(pd.DatetimeIndex([start]), {"RLAY": 1.0}), prices.index)
