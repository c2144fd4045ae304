"""US big tech's AI investment in Japan (April 2024): SoftBank Group, Sakura Internet, TEPCO, Hokkaido Electric.

The article (``004_…``, Aju Business Daily) reports the US-Japan summit of 10 April (Washington time), Microsoft's
USD 2.9bn Japan investment, and NVIDIA's GPUs for Sakura Internet and SoftBank. It says that on the announcement
Tokyo Electric Power and Hokkaido Electric "each jumped at least 4.7%" and that utilities, chip and transmission
stocks rose. It prints no date of its own; it reports the Tokyo session of 2024-04-10 as "this day", so the first
Tokyo session a reader could act on is 2024-04-11.

Rule: from the call's first possible trade, hold the four names in equal weight against the Nikkei 225, in yen
(variant ``usd``: the same in US dollars, converted at FRED noon rates). ``japan_ai_infra_utilities_jump`` checks the
4.7% figure on the 2024-04-10 session, on closes and on intraday highs.
"""

import datetime as dt

from aitheme.strategies.blocks import REBALANCE, hold
from aitheme.strategies.documents import NEWS_JAPAN_2024
from aitheme.strategies.model import HYPOTHESIS, ROBUSTNESS, Call, Lines, variant
from aitheme.strategies.yardsticks import DayMove, Yardstick, beat

CLAIMED_JUMP = 0.047
UTILITIES = ("9501.T", "9509.T")  # Tokyo Electric Power, Hokkaido Electric

japan_ai_infra = Call(
    name="japan_ai_infra",
    document=NEWS_JAPAN_2024,
    lines=(Lines(3, 20),),
    title="US big-tech AI investment in Japan: SoftBank Group, Sakura Internet, TEPCO, Hokkaido Electric",
    claim="On the announcement the related Japanese stocks were all strong.",
    quote="이날 투자 발표로 일본 증시에서 관련주들 모두 강세",
    stance="positive",
    universe=("9984.T", "3778.T", "9501.T", "9509.T"),
    benchmarks=("^N225",),
    currency="JPY",
    kind=HYPOTHESIS,
    why="the article reports a same-day move only; holding the names for three months is the project's idea",
    yardstick=beat("^N225", months=3, description="beat the Nikkei 225 over the three months after the news"),
    rule=hold,
    rule_text="Equal weight in 9984.T, 3778.T, 9501.T and 9509.T from the first Tokyo session after the article.",
    params={"rebalance": REBALANCE},
    substitutes={"9434.T": "9984.T"},
    variants=(variant("usd", HYPOTHESIS, "the same basket in US dollars (FRED noon rates)", currency="USD"),),
)

japan_ai_infra_utilities_jump = Call(
    name="japan_ai_infra_utilities_jump",
    document=NEWS_JAPAN_2024,
    lines=(Lines(16, 16),),
    title="TEPCO and Hokkaido Electric each jumped at least 4.7% on the announcement",
    claim="Tokyo Electric Power and Hokkaido Electric each surged at least 4.7% on 2024-04-10.",
    quote="도쿄전력과 홋카이도 전력은 각각 최소 4.7% 급등",
    stance="reported move",
    yardstick=Yardstick(
        "each closed at least 4.7% above the previous close on 2024-04-10",
        (DayMove(UTILITIES, dt.date(2024, 4, 10), CLAIMED_JUMP, on="close"),),
        months=0,
    ),
    variants=(
        variant(
            "intraday",
            ROBUSTNESS,
            "measured on the day's intraday high instead of the close",
            yardstick=Yardstick(
                "each traded at least 4.7% above the previous close on 2024-04-10",
                (DayMove(UTILITIES, dt.date(2024, 4, 10), CLAIMED_JUMP, on="high"),),
                months=0,
            ),
        ),
    ),
)
