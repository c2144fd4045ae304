"""Kiwoom Securities on America's AI Action Plan (2025-07-23): two calls of the issue brief ``001_…``.

``ai_action_plan`` (line 22): "at first the infrastructure and power directly tied to AI, later, going further,
robots, drones, cybersecurity, bio and basic science can expect a positive effect" ("초기에는 … 인프라와 전력, 추후
더 나아가서는 … 까지"). The benefit *extends*: the first wave is never said to stop, so the call holds it for the
whole horizon and adds the second wave later. The brief names no tickers; every basket is a proxy, by group:

* first wave, infrastructure: data-centre equipment Vertiv (VRT) and Eaton (ETN), and chips (SMH, VanEck
  Semiconductor ETF): the plan's infrastructure is "data centres and semiconductor fabs" (line 22, key policy 2;
  lines 54 and 56);
* first wave, power: Vistra (VST), Constellation Energy (CEG), GE Vernova (GEV) (the grid, line 55);
* second wave, one group each: robots (BOTZ), drones (KTOS, AVAV), cybersecurity (CIBR, PANW, CRWD), bio (XBI).
  Basic science is left out: the plan's basic-science items (line 39: automated labs, open data) are federal
  research with no listed proxy in the data, and inventing one would be the project's call, not Kiwoom's.

Rule (``waves``), from the call's first possible trade (2025-07-24):

1. ``cumulative`` (the call): the first wave, each group an equal share and each name an equal share of its group;
2. ``add_months`` later (the brief says only "later"; three months is the project's choice, the assumption
   ``add_months`` reads 1 to 6), the second wave is added: the first wave keeps half, the second wave takes the
   other half, again equal by group;
3. held to the end (``rebalance``: back to those weights each month, quarter or year).

``rotation`` sells the first wave at the addition (the project's old reading: a hypothesis now), ``basket`` holds
both from the start, ``first_wave`` and ``second_wave`` hold one wave alone. Yardstick: beat SPY over the twelve
months after the plan. The brief prints no benchmark and no horizon, and the proxies are the project's: the
benchmark, the horizon, the timing of the second wave and whether chips count as infrastructure are assumptions.

``ai_demand_stimulus`` (line 18): a state that executes and creates demand for AI "can only be positive as demand
stimulus" ("수요 자극이라는 측면에서 긍정적일 수 밖에 없다고 판단한다"). The view is on AI broadly, so AIQ (a broad AI
ETF) stands for it; the proxy (AIQ, or chips: SMH), the benchmark and the horizon are assumptions. Yardstick: beat
SPY over 12 months.
"""

import pandas as pd

from aitheme.strategies.assumptions import benchmark, horizon, parameter, universe
from aitheme.strategies.blocks import REBALANCE_FREQUENCIES, hold, on_sessions, rebalance_sessions
from aitheme.strategies.context import Context
from aitheme.strategies.documents import KIWOOM_2025
from aitheme.strategies.model import HYPOTHESIS, ROBUSTNESS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import beat

Groups = dict[str, tuple[str, ...]]
NO_BENCHMARK = "what the plan's beneficiaries beat: the brief prints no benchmark"
NO_HORIZON = "the horizon: the brief prints none; the data reach 13 months after the plan"
BENCHMARKS = (("SPY", "the US market"), ("QQQ", "the NASDAQ-100, where AI stocks trade"), ("ACWI", "the world"))
KIWOOM_HORIZONS = ((6, "six months"), (12, "a year"))

INFRASTRUCTURE = ("VRT", "ETN")  # data-centre cooling and electrical equipment
CHIPS = ("SMH",)  # semiconductor fabs and chips: part of the plan's infrastructure (lines 22, 54, 56)
POWER = ("VST", "CEG", "GEV")  # generation and the grid
FIRST_WAVE: Groups = {"infrastructure": INFRASTRUCTURE + CHIPS, "power": POWER}
FIRST_WAVE_WITHOUT_CHIPS: Groups = {"infrastructure": INFRASTRUCTURE, "power": POWER}
SECOND_WAVE: Groups = {
    "robots": ("BOTZ",),
    "drones": ("KTOS", "AVAV"),
    "cybersecurity": ("CIBR", "PANW", "CRWD"),
    "bio": ("XBI",),
}
WAVES = ("cumulative", "rotation", "basket", "first_wave", "second_wave")


def tickers(*waves: Groups) -> tuple[str, ...]:
    return tuple(t for wave in waves for names in wave.values() for t in names)


def by_group(close: pd.DataFrame, session: pd.Timestamp, groups: Groups, share: float = 1.0) -> dict[str, float]:
    """``share`` split equally over the groups with a priced name on ``session``, then equally within each group."""
    priced = {g: [t for t in names if pd.notna(close.at[session, t])] for g, names in groups.items()}
    priced = {g: names for g, names in priced.items() if names}
    return {t: share / len(priced) / len(names) for names in priced.values() for t in names}


def waves(ctx: Context, params: Params) -> pd.DataFrame:
    """The waves the ``waves`` parameter names, by group, from the entry; the second wave from ``add_months``."""
    first = FIRST_WAVE if params.chips else FIRST_WAVE_WITHOUT_CHIPS
    added = ctx.decision_for(ctx.first_trade + pd.DateOffset(months=params.add_months))
    beyond = ctx.sessions[-1] + pd.Timedelta(days=1)
    added = beyond if added is None else added
    # Each leg: (from, until, [(groups, share of the portfolio)]).
    legs = {
        "cumulative": [(ctx.entry, added, [(first, 1.0)]), (added, beyond, [(first, 0.5), (SECOND_WAVE, 0.5)])],
        "rotation": [(ctx.entry, added, [(first, 1.0)]), (added, beyond, [(SECOND_WAVE, 1.0)])],
        "basket": [(ctx.entry, beyond, [(first, 0.5), (SECOND_WAVE, 0.5)])],
        "first_wave": [(ctx.entry, beyond, [(first, 1.0)])],
        "second_wave": [(added, beyond, [(SECOND_WAVE, 1.0)])],
    }[params.waves]
    rows: dict[pd.Timestamp, dict[str, float]] = {}
    for begin, until, parts in legs:
        if begin >= beyond:
            continue
        sessions = rebalance_sessions(ctx.sessions, begin, params.rebalance)
        for session in sessions[sessions < until]:
            rows[session] = {}
            for groups, share in parts:
                rows[session].update(by_group(ctx.close, session, groups, share))
    frame = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=ctx.close.columns).fillna(0.0)
    return on_sessions(frame, ctx.sessions)


ai_action_plan = Call(
    name="ai_action_plan",
    document=KIWOOM_2025,
    lines=(Lines(22, 22), Lines(54, 58)),
    title="US AI Action Plan: infrastructure and power first, later also robots, drones, cyber and bio",
    claim=(
        "Because the plan brings nationwide government intervention and support, the infrastructure and power "
        "directly tied to AI benefit at first; later the positive effect extends further, to robots, drones, "
        "cybersecurity, bio and basic science."
    ),
    quote=(
        "초기에는 AI와 직접적으로 연관된 인프라와 전력, 추후 더 나아가서는 AI가 활용될 수 있는 로봇, 드론, 사이버보안, "
        "바이오, 기초과학까지 긍정적인 영향이 예상된다"
    ),
    stance="positive (the first wave, then both)",
    universe=tickers(FIRST_WAVE, SECOND_WAVE),
    benchmarks=("SPY",),
    yardstick=beat("SPY", description="the waves beat SPY over the twelve months after the plan"),
    assumptions=(
        parameter(
            "add_months",
            "when the second wave is added: the brief says only 'later' (추후)",
            3,
            (1, "one month"),
            (3, "a quarter, the project's reading"),
            (6, "half a year"),
        ),
        parameter(
            "chips",
            "whether chips (SMH) are part of the first wave's infrastructure: the plan's infrastructure is data "
            "centres and fabs (lines 22, 54, 56), the brief names no ticker",
            True,
            (True, "with SMH: fabs and chips are the plan's infrastructure"),
            (False, "without SMH: data-centre equipment and power only"),
        ),
        benchmark(NO_BENCHMARK, "SPY", *BENCHMARKS),
        horizon(NO_HORIZON, 12, *KIWOOM_HORIZONS),
    ),
    rule=waves,
    rule_text=(
        "From the 2025-07-24 close: infrastructure (VRT, ETN, SMH) and power (VST, CEG, GEV), half each; after "
        "add_months (3) the second wave is added with half of the portfolio: robots (BOTZ), drones (KTOS, AVAV), "
        "cyber (CIBR, PANW, CRWD) and bio (XBI), a quarter each; held; against SPY. The brief names no tickers: "
        "every basket is a proxy."
    ),
    params={
        "waves": Param(
            "cumulative",
            "cumulative: the first wave held, the second added; rotation: the first sold at the addition; "
            "basket: both from the start; first_wave or second_wave alone",
            choices=WAVES,
        ),
        "add_months": Param(
            3,
            "months after entry when the second wave is added (the brief says only 'later')",
            low=1,
            high=11,
            sweep=(1, 2, 3, 6),
        ),
        "chips": Param(True, "semiconductors (SMH) in the first wave's infrastructure group"),
        "rebalance": Param("none", "how often weights return to their targets", choices=REBALANCE_FREQUENCIES),
    },
    variants=(
        variant(
            "first_wave",
            ROBUSTNESS,
            "the first half of the claim alone: infrastructure, chips and power held through the twelve months",
            {"waves": "first_wave"},
            yardstick=beat("SPY", description="the first wave beats SPY over the twelve months after the plan"),
            rule_text="From the 2025-07-24 close: VRT, ETN, SMH (infrastructure) and VST, CEG, GEV (power), half "
            "each group, held; against SPY.",
        ),
        variant(
            "rotation",
            HYPOTHESIS,
            "the project's earlier reading: the first wave sold after three months for the second (the brief "
            "never says the first wave stops)",
            {"waves": "rotation"},
            rule_text="The first wave (VRT, ETN, SMH | VST, CEG, GEV) from the 2025-07-24 close, sold after "
            "add_months (3) for the second wave by group (BOTZ | KTOS, AVAV | CIBR, PANW, CRWD | XBI); against SPY.",
        ),
        variant(
            "basket",
            HYPOTHESIS,
            "both waves from the start, half each (the brief puts the second wave later)",
            {"waves": "basket"},
            rule_text="Both waves from the 2025-07-24 close, half each, equal by group within each; against SPY.",
        ),
        variant(
            "second_wave",
            HYPOTHESIS,
            "the later half alone: the second wave from month three, cash before, so its check over the twelve "
            "months starts three months behind an invested SPY",
            {"waves": "second_wave"},
            rule_text="Cash until add_months (3), then the second wave by group (BOTZ | KTOS, AVAV | CIBR, PANW, "
            "CRWD | XBI); against SPY over the call's twelve months.",
        ),
    ),
)

ai_demand_stimulus = Call(
    name="ai_demand_stimulus",
    document=KIWOOM_2025,
    lines=(Lines(18, 18),),
    title="The Action Plan is positive for AI as demand stimulus: AI stocks beat the market",
    claim=(
        "A state that executes and creates demand for AI, to keep America's economic and military lead, can only "
        "be positive in terms of demand stimulus."
    ),
    quote="국가 단위의 실행력과 수요처가 발생한다는 것은 수요 자극이라는 측면에서 긍정적일 수 밖에 없다고 판단한다",
    stance="positive (AI broadly)",
    universe=("AIQ",),
    benchmarks=("SPY",),
    yardstick=beat("SPY", description="AI stocks (a proxy) beat SPY over the twelve months after the plan"),
    assumptions=(
        universe(
            "what stands for 'AI' (the brief names no ticker)",
            ("AIQ",),
            (("AIQ",), "a broad AI ETF"),
            (("SMH",), "chips, where AI demand shows first"),
        ),
        benchmark(NO_BENCHMARK, "SPY", *BENCHMARKS),
        horizon(NO_HORIZON, 12, *KIWOOM_HORIZONS),
    ),
    rule=hold,
    rule_text="Hold AIQ (a broad AI ETF, a proxy: the brief names no ticker) from the 2025-07-24 close, against SPY.",
)
