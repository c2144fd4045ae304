"""US big tech's AI investment in Japan (Aju Business Daily, April 2024): what the article claims, and one hypothesis.

The article (``004_…``) reports the US-Japan summit of 10 April (Washington time), Microsoft's USD 2.9bn Japan
investment, and NVIDIA's GPUs for Sakura Internet and SoftBank. Its one market claim (line 16): on the
announcement, "according to Bloomberg, Tokyo Electric Power and Hokkaido Electric each surged at least 4.7%"
("블룸버그 통신에 따르면 도쿄전력과 홋카이도 전력은 각각 최소 4.7% 급등"). It predicts nothing.

``japan_ai_infra_utilities_jump`` is context: the sentence reports a move that had already happened that day, from
Bloomberg; it forecasts nothing. It is checked on the 2024-04-10 Tokyo session, on the **intraday high**: the
sentence reports a move during the session ("급등", surged), not a close (a Korean market report says "마감" or
"종가" when it means the close), and it quotes a wire whose "rose at least" is written while the market trades. The
close (``.at_close``: TEPCO closed +3.56%, below 4.7%) is the stricter reading. Neither is a verdict.

Rapidus' 2 nm trial production from April 2025 and mass production from 2027, and AWS's USD 15bn in Japan by 2027
(lines 18, 20), are companies' own plans the article reports: context, not encoded as calls.

``japan_ai_infra`` is the project's hypothesis, not the article's: hold the names it connects to the news from the
first Tokyo session a reader could act on (the article reports 2024-04-10 as "this day", so it was written after
that close: 2024-04-11), in equal weight against the Nikkei 225, for three months. SoftBank Corp (9434.T), the
GPU buyer of line 20, has no prices in the data: SoftBank Group (9984.T) stands in for it (``substitutes``), and
``.without_softbank`` shows the basket without the stand-in. ``.usd``: the same basket in US dollars.
"""

import datetime as dt

from aitheme.strategies.blocks import REBALANCE, hold
from aitheme.strategies.documents import NEWS_JAPAN_2024
from aitheme.strategies.model import CONTEXT, HYPOTHESIS, Call, Lines, variant
from aitheme.strategies.yardsticks import DayMove, Yardstick, beat

CLAIMED_JUMP = 0.047
SUMMIT_SESSION = dt.date(2024, 4, 10)
UTILITIES = ("9501.T", "9509.T")  # Tokyo Electric Power, Hokkaido Electric
BASKET = ("9984.T", "3778.T", "9501.T", "9509.T")  # SoftBank Group (for SoftBank Corp), Sakura Internet, utilities

japan_ai_infra_utilities_jump = Call(
    name="japan_ai_infra_utilities_jump",
    document=NEWS_JAPAN_2024,
    lines=(Lines(16, 16),),
    title="TEPCO and Hokkaido Electric each jumped at least 4.7% on the announcement",
    claim=(
        "On the investment news, according to Bloomberg, Tokyo Electric Power and Hokkaido Electric each surged at "
        "least 4.7% on 2024-04-10."
    ),
    quote="블룸버그 통신에 따르면 도쿄전력과 홋카이도 전력은 각각 최소 4.7% 급등",
    stance="reported move",
    kind=CONTEXT,
    why="the article reports a move that had already happened that day (from Bloomberg), not a forecast",
    yardstick=Yardstick(
        "each traded at least 4.7% above the previous close during the 2024-04-10 session (intraday high)",
        (DayMove(UTILITIES, SUMMIT_SESSION, CLAIMED_JUMP, on="high"),),
        months=0,
    ),
    variants=(
        variant(
            "at_close",
            CONTEXT,
            "measured at the close instead of the intraday high: stricter than the article, which reports a surge "
            "during the session",
            yardstick=Yardstick(
                "each closed at least 4.7% above the previous close on 2024-04-10",
                (DayMove(UTILITIES, SUMMIT_SESSION, CLAIMED_JUMP, on="close"),),
                months=0,
            ),
        ),
    ),
)

japan_ai_infra = Call(
    name="japan_ai_infra",
    document=NEWS_JAPAN_2024,
    lines=(Lines(16, 20),),
    title="US big-tech AI investment in Japan: SoftBank, Sakura Internet, TEPCO, Hokkaido Electric after the news",
    claim="On the announcement the related Japanese stocks were all strong.",
    quote="이날 투자 발표로 일본 증시에서 관련주들 모두 강세",
    stance="no stock view (news)",
    universe=BASKET,
    benchmarks=("^N225",),
    currency="JPY",
    kind=HYPOTHESIS,
    why="the article reports a same-day move only; holding the names for three months is the project's idea",
    yardstick=beat("^N225", months=3, description="beat the Nikkei 225 over the three months after the news"),
    rule=hold,
    rule_text=(
        "Equal weight in 9984.T (standing in for SoftBank Corp, 9434.T), 3778.T, 9501.T and 9509.T from the "
        "2024-04-11 Tokyo close, against the Nikkei 225."
    ),
    params={"rebalance": REBALANCE},
    substitutes={"9434.T": "9984.T"},
    variants=(
        variant("usd", HYPOTHESIS, "the same basket in US dollars (FRED noon rates)", currency="USD"),
        variant(
            "without_softbank",
            HYPOTHESIS,
            "the basket without SoftBank Group, which only stands in for SoftBank Corp (9434.T, not in the data)",
            universe=("3778.T", "9501.T", "9509.T"),
            substitutes={},
            rule_text="Equal weight in 3778.T, 9501.T and 9509.T from the 2024-04-11 Tokyo close, against the Nikkei.",
        ),
    ),
)
