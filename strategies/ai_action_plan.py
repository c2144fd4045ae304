"""Kiwoom Securities on America's AI Action Plan (2025-07-23): infrastructure and power first, then the users of AI.

The issue brief (``001_…``, line 22) expects the plan to help "at first the infrastructure and power
directly tied to AI, later robots, drones, cybersecurity, bio and basic science". It names no
tickers; the baskets are liquid proxies for each group:

* first wave, infrastructure and power: Vistra (VST), Constellation Energy (CEG), Eaton (ETN),
  Vertiv (VRT), GE Vernova (GEV);
* second wave: robots (BOTZ), drones (KTOS, AVAV), cybersecurity (CIBR, PANW, CRWD), bio (XBI).

Timing: the White House released the plan on the morning of 2025-07-23 (ET). The brief prints no date
of its own; written in Seoul after the release, it reached readers on 2025-07-24 KST at the earliest,
so the first US session it could be acted on is 2025-07-24.

Rule (``ai_action_plan``): hold the first wave in equal weight from the 2025-07-24 close; after
``switch_months`` months rotate into the second wave in equal weight. Variants: ``basket`` (both waves
from the start), ``first_wave`` (the first wave alone, judged on its own window) and ``second_wave``
(the second wave alone, bought at the switch). Benchmark: SPY.
"""

import datetime as dt

import pandas as pd

from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import (
    REBALANCE_FREQUENCIES,
    equal_weight,
    on_sessions,
    rebalance_sessions,
    signal_session,
)

FIRST_WAVE = ("VST", "CEG", "ETN", "VRT", "GEV")
SECOND_WAVE = ("BOTZ", "KTOS", "AVAV", "CIBR", "PANW", "CRWD", "XBI")
TRADABLE = dt.date(2025, 7, 24)
WAVES = ("rotation", "basket", "first_wave", "second_wave")


class AIActionPlan(Strategy):
    name = "ai_action_plan"
    title = "US AI Action Plan: infrastructure and power first, then robots, drones, cyber and bio"
    rule = (
        "Equal weight in VST, CEG, ETN, VRT and GEV from the 2025-07-24 close; after switch_months months, "
        "equal weight in BOTZ, KTOS, AVAV, CIBR, PANW, CRWD and XBI instead; against SPY."
    )
    source = Source(
        document="001_2e3b3882e53e0d7b.txt",
        lines=(18, 72),
        publisher="Kiwoom Securities",
        title="미국은 지금: AI Action Plan의 목적 (Issue Brief)",
    )
    published = TRADABLE
    universe = FIRST_WAVE + SECOND_WAVE
    benchmarks = ("SPY",)
    params = {
        "waves": Param(
            "rotation",
            "rotation: first wave then second; basket: both from the start; first_wave or second_wave alone",
            choices=WAVES,
        ),
        "switch_months": Param(
            3, "months after entry when the first wave gives way to the second", low=1, high=11, sweep=(1, 2, 3, 6)
        ),
        "rebalance": Param("none", "how often weights return to equal within a wave", choices=REBALANCE_FREQUENCIES),
    }
    variants = {waves: {"waves": waves} for waves in WAVES[1:]}

    @property
    def yardstick(self) -> Yardstick:
        # Each variant is judged on the window its own claim covers.
        if self.variant == "first_wave":
            return Yardstick(
                "the first wave beats SPY over the three months after the plan", beat="SPY", horizon_days=91
            )
        if self.variant == "second_wave":
            return Yardstick(
                "the second wave beats SPY from the switch to twelve months after the plan",
                beat="SPY",
                horizon_days=274,
            )
        return Yardstick("beat SPY over the twelve months after the plan", beat="SPY")

    def switch_session(self, index: pd.DatetimeIndex, months: int) -> pd.Timestamp:
        """The signal session of the rotation: ``months`` after the first tradable day."""
        return signal_session(index, pd.Timestamp(TRADABLE) + pd.DateOffset(months=months))

    def weights(self, prices, params):
        start = signal_session(prices.index, TRADABLE)
        switch = self.switch_session(prices.index, params.switch_months)
        beyond = prices.index[-1] + pd.Timedelta(days=1)
        legs = {
            "basket": [(start, beyond, self.universe)],
            "first_wave": [(start, beyond, FIRST_WAVE)],
            "second_wave": [(switch, beyond, SECOND_WAVE)],
            "rotation": [(start, switch, FIRST_WAVE), (switch, beyond, SECOND_WAVE)],
        }[params.waves]
        frames = []
        for begin, end, tickers in legs:
            sessions = rebalance_sessions(prices.index, begin, params.rebalance)
            sessions = sessions[sessions < end]
            frames.append(equal_weight(prices, sessions, tickers))
        return on_sessions(
            pd.concat(frames).reindex(columns=list(self.universe), fill_value=0.0).fillna(0.0), prices.index
        )
