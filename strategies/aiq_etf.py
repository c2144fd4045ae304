"""Mirae Asset's Top Pick ETF (2022-09-22): Global X Artificial Intelligence & Technology ETF (AIQ).

The report names AIQ among its five Top Picks (lines 390-394: it spreads the bet over Tesla, Amazon,
Apple, Microsoft and the other global AI leaders, so it shares in the AI market's growth "more
stably") and gives it a company note (lines 6821-7092: "the foundation of every future industry").
No rating and no target price are printed for AIQ, so the call is judged the way the report frames a
Top Pick: it should beat the NASDAQ Composite it quotes (^IXIC, 11,220.19 on 2022-09-21) over the
12 months of Mirae's rating horizon.

Rule: buy AIQ on the first US session after publication and hold it. Variants:

* ``since_inception``: the same holding from AIQ's first close in the snapshot (2018-05-16). This
  trades years before the report existed: it is history for context (the note itself quotes AIQ's
  1/6/12-month record), not the call, and gets no verdict.
* ``trend``: hold AIQ only while its close is above its ``trend_days``-session moving average, in
  cash otherwise. The comparison uses closes up to session t and is traded at t+1.
"""

import datetime as dt

import pandas as pd

from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import on_sessions, signal_session


class AiqEtf(Strategy):
    name = "aiq_etf"
    title = "Mirae Asset Top Pick: Global X AI & Technology ETF (AIQ)"
    rule = (
        "Hold AIQ from the first US session after 2022-09-22; with trend_days > 0, hold it only while its close "
        "is above its trend_days-session moving average (cash otherwise)."
    )
    source = Source(
        document="000_584b6a06d993455e.txt",
        lines=(6821, 7092),
        publisher="Mirae Asset Securities",
        title="AIQ company note (Top Pick also at lines 390-394 and 5304)",
    )
    published = dt.date(2022, 9, 22)
    universe = ("AIQ",)
    benchmarks = ("QQQ", "SPY", "ACWI", "^IXIC", "ROBT")
    yardstick = Yardstick(
        "Top Pick without a target: beat the NASDAQ Composite over the 12 months after publication", beat="^IXIC"
    )
    params = {
        "entry": Param(
            "publication",
            "when the holding starts: the report's publication or AIQ's first close",
            choices=("publication", "inception"),
        ),
        "trend_days": Param(
            0,
            "moving-average length in sessions for the trend filter (0: always hold)",
            low=0,
            high=400,
            sweep=(50, 100, 150, 200, 250),
        ),
    }
    variants = {
        "since_inception": {"entry": "inception"},
        "trend": {"trend_days": 200},
    }

    def hindsight(self, params):
        return params.entry == "inception"

    def weights(self, prices, params):
        close = prices["AIQ"]
        if params.entry == "inception":
            start = close.first_valid_index()
        else:
            start = signal_session(prices.index, self.published)
        hold = pd.Series(1.0, index=prices.index)
        if params.trend_days > 0:
            average = close.rolling(params.trend_days, min_periods=params.trend_days).mean()
            hold = (close > average).astype(float)
        hold = hold.loc[start:]
        # An order only where the position changes (and at the start): no daily churn while it stands.
        changes = hold[hold.ne(hold.shift())]
        return on_sessions(changes.to_frame("AIQ"), prices.index)
