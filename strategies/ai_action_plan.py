"""Kiwoom Securities on America's AI Action Plan (2025-07-23): infrastructure and power first, then the users of AI.

The issue brief (``001_…``, line 22) expects the plan to help "at first the infrastructure and power directly tied
to AI, later robots, drones, cybersecurity, bio and basic science". It names no tickers; the baskets are liquid
proxies for each group:

* first wave, infrastructure and power: Vistra (VST), Constellation Energy (CEG), Eaton (ETN), Vertiv (VRT),
  GE Vernova (GEV);
* second wave: robots (BOTZ), drones (KTOS, AVAV), cybersecurity (CIBR, PANW, CRWD), bio (XBI).

Rule (``waves``): ``rotation`` holds the first wave in equal weight from the call's first possible trade and after
``switch_months`` months rotates into the second wave; ``basket`` holds both from the start; ``first_wave`` and
``second_wave`` hold one wave alone. Benchmark: SPY.
"""

import pandas as pd

from aitheme.strategies.blocks import REBALANCE_FREQUENCIES, equal_weight, on_sessions, rebalance_sessions
from aitheme.strategies.context import Context
from aitheme.strategies.documents import KIWOOM_2025
from aitheme.strategies.model import HYPOTHESIS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import beat

FIRST_WAVE = ("VST", "CEG", "ETN", "VRT", "GEV")
SECOND_WAVE = ("BOTZ", "KTOS", "AVAV", "CIBR", "PANW", "CRWD", "XBI")
WAVES = ("rotation", "basket", "first_wave", "second_wave")


def waves(ctx: Context, params: Params) -> pd.DataFrame:
    """Each leg (a wave from one decision to the next) in equal weight, rebalanced as ``rebalance`` says."""
    start = ctx.entry
    switch = ctx.decision_for(ctx.first_trade + pd.DateOffset(months=params.switch_months))
    beyond = ctx.sessions[-1] + pd.Timedelta(days=1)
    switch = beyond if switch is None else switch
    options: dict[str, list[tuple[pd.Timestamp, pd.Timestamp, tuple[str, ...]]]] = {
        "basket": [(start, beyond, FIRST_WAVE + SECOND_WAVE)],
        "first_wave": [(start, beyond, FIRST_WAVE)],
        "second_wave": [(switch, beyond, SECOND_WAVE)],
        "rotation": [(start, switch, FIRST_WAVE), (switch, beyond, SECOND_WAVE)],
    }
    legs = options[params.waves]
    frames = []
    for begin, end, tickers in legs:
        if begin >= beyond:
            continue
        sessions = rebalance_sessions(ctx.sessions, begin, params.rebalance)
        frames.append(equal_weight(ctx.close, sessions[sessions < end], list(tickers)))
    columns = list(ctx.close.columns)
    return on_sessions(pd.concat(frames).reindex(columns=columns, fill_value=0.0).fillna(0.0), ctx.sessions)


ai_action_plan = Call(
    name="ai_action_plan",
    document=KIWOOM_2025,
    lines=(Lines(18, 72),),
    title="US AI Action Plan: infrastructure and power first, then robots, drones, cyber and bio",
    claim=(
        "The plan benefits at first the infrastructure and power directly tied to AI, later robots, drones, "
        "cybersecurity, bio and basic science."
    ),
    quote=(
        "초기에는 AI와 직접적으로 연관된 인프라와 전력, 추후 더 나아가서는 로봇, 드론, 사이버보안, 바이오, 기초과학까지"
    ),
    stance="positive (two waves)",
    universe=FIRST_WAVE + SECOND_WAVE,
    benchmarks=("SPY",),
    yardstick=beat("SPY", description="beat SPY over the twelve months after the plan"),
    rule=waves,
    rule_text=(
        "Equal weight in VST, CEG, ETN, VRT and GEV from the 2025-07-24 close; after switch_months months, "
        "equal weight in BOTZ, KTOS, AVAV, CIBR, PANW, CRWD and XBI instead; against SPY."
    ),
    params={
        "waves": Param(
            "rotation",
            "rotation: first wave then second; basket: both from the start; first_wave or second_wave alone",
            choices=WAVES,
        ),
        "switch_months": Param(
            3, "months after entry when the first wave gives way to the second", low=1, high=11, sweep=(1, 2, 3, 6)
        ),
        "rebalance": Param("none", "how often weights return to equal within a wave", choices=REBALANCE_FREQUENCIES),
    },
    variants=(
        variant("basket", HYPOTHESIS, "both waves from the start", {"waves": "basket"}),
        variant(
            "first_wave",
            HYPOTHESIS,
            "the first wave alone, over the three months before the switch",
            {"waves": "first_wave"},
            yardstick=beat(
                "SPY", months=3, description="the first wave beats SPY over the three months after the plan"
            ),
        ),
        variant(
            "second_wave",
            HYPOTHESIS,
            "the second wave alone, bought at the switch",
            {"waves": "second_wave"},
            yardstick=beat(
                "SPY", months=9, description="the second wave beats SPY from the switch to twelve months after the plan"
            ),
        ),
    ),
)
