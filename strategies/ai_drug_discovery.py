"""Mirae Asset, section VI.4 (2022-09-22): the listed AI drug-discovery names, "hype or reality?".

The section names the listed AI drug developers: Relay (RLAY), Recursion (RXRX), Exscientia (EXAI), AbCellera
(ABCL), Schrodinger (SDGR), AbSci (ABSI), Evaxion (EVAX) and BenevolentAI (BAI.AS). It observes that they trail the
biotech index (lines 3516-3524), blames two discounts (AI platforms are hard to value; AI has not yet been shown to
raise clinical success rates) and expects the re-rating to come as their programmes reach late-stage trials and
report data (lines 3542-3548). Relay is the long-term watch-list name (lines 3593-3603).

Rule: buy the names in equal weight at the call's first possible trade and hold them (``rebalance`` returns them to
equal weight instead). Judged against XBI over 24 months.

Two corporate facts the data force on the rule:

* Exscientia merged into Recursion on 2024-11-20 (0.7729 RXRX per EXAI share): the EXAI position is carried as the
  RXRX shares it became (``data.corporate_actions``); a later rebalance no longer counts it as a separate name.
* BenevolentAI (BAI.AS, delisted 2025) has no price data: by default its eighth goes to the seven other names
  (1/7 each); ``missing_weight=cash`` keeps it in cash (1/8 each, 1/8 cash). Every run notes the missing name.
"""

import pandas as pd

from aitheme.strategies.blocks import REBALANCE_FREQUENCIES, hold, on_sessions, rebalance_sessions
from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import ROBUSTNESS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import beat

NAMES = ("RLAY", "RXRX", "EXAI", "ABCL", "SDGR", "ABSI", "EVAX", "BAI.AS")


def listed_names(ctx: Context, params: Params) -> pd.DataFrame:
    """Equal weight in the names that trade as their own company on each rebalance session."""
    sessions = rebalance_sessions(ctx.sessions, ctx.entry, params.rebalance)
    held = list(ctx.close.columns)
    listed = ctx.close.loc[sessions, held].notna() & ctx.listed.loc[sessions, held]
    slots = len(NAMES) if params.missing_weight == "cash" else listed.sum(axis=1)
    weights = listed.astype(float).div(slots, axis=0).fillna(0.0)
    return on_sessions(weights, ctx.sessions)


ai_drug_discovery = Call(
    name="ai_drug_discovery",
    document=MIRAE_2022,
    lines=(Lines(3207, 3600),),
    title="Mirae Asset AI drug-discovery names (section VI.4), equal weight",
    claim="The listed AI drug developers trail the biotech index; a re-rating comes as late-stage data arrive.",
    quote="상장사들의 주가는 바이오텍 지수를 언더퍼폼 하는 중",
    stance="neutral now, positive on late-stage data",
    universe=NAMES,
    benchmarks=("XBI", "SPY", "QQQ"),
    yardstick=beat("XBI", months=24, description="re-rating as late-stage data arrive: beat XBI over 24 months"),
    rule=listed_names,
    rule_text=(
        "Equal weight in RLAY, RXRX, EXAI, ABCL, SDGR, ABSI, EVAX from 2022-09-22, held; BenevolentAI (BAI.AS) "
        "has no price data, so its 1/8 is spread over the others (1/7 each); EXAI becomes 0.7729 RXRX per share at its "
        "2024-11-20 merger."
    ),
    params={
        "missing_weight": Param(
            "spread",
            "a named stock without price data: spread its share over the others, or keep it in cash",
            choices=("spread", "cash"),
        ),
        "rebalance": Param("none", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    },
    variants=(
        variant(
            "cash_for_missing",
            ROBUSTNESS,
            "BenevolentAI's eighth kept in cash instead of spread",
            {"missing_weight": "cash"},
        ),
    ),
)

ai_drug_discovery_rlay = Call(
    name="ai_drug_discovery_rlay",
    document=MIRAE_2022,
    lines=(Lines(3559, 3603),),
    title="Mirae Asset watch-list name: Relay Therapeutics (RLAY)",
    claim="From a long-term perspective Relay Therapeutics is worth a look.",
    quote="장기적인 관점에서는 Relay Therapeutics(RLAY US)에 관심을 가져볼만 하다",
    stance="watch-list (long term)",
    universe=("RLAY",),
    benchmarks=("XBI", "SPY", "QQQ"),
    yardstick=beat("XBI", months=24, description="long-term watch-list name: beat XBI over 24 months"),
    rule_text="Hold RLAY from the first US session after 2022-09-22.",
    rule=hold,
)
