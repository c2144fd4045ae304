"""SoftBank's AI push and the pressure on NAVER over LINE Yahoo (Korean news article, 2024-06-20 16:34 KST).

The article (``003_…``) reports Masayoshi Son at the SoftBank AGM: ready to invest in big tech, about 88 trillion
won of SoftBank Group AI projects (Arm AI chips, data centres), a METI subsidy for SoftBank's AI supercomputer.
Analysts read it as Japan's push to take LINE Yahoo away from NAVER ("脫네이버"). It makes no share-price
prediction: the strategies here are the project's hypotheses.

1. ``softbank_ai_push``: hold SoftBank Group (9984.T) from the first Tokyo session after the article, against the
   Nikkei 225; ``.vs_naver`` judges the same holding against NAVER (in yen).
2. ``naver_line_yahoo``: "underweight NAVER against KOSPI", held long only as the KOSPI instead of NAVER.
"""

from aitheme.strategies.blocks import hold
from aitheme.strategies.documents import NEWS_SOFTBANK_2024
from aitheme.strategies.model import HYPOTHESIS, Call, Lines, variant
from aitheme.strategies.yardsticks import beat

softbank_ai_push = Call(
    name="softbank_ai_push",
    document=NEWS_SOFTBANK_2024,
    lines=(Lines(17, 25),),
    title="SoftBank Group after Son's AI investment push",
    claim="Son signalled large AI investments: ready to invest in big tech; about 88 trillion won of AI projects.",
    quote="빅테크 기업에 대한 투자를 할 준비가 돼 있다",
    stance="no stock view (news)",
    universe=("9984.T",),
    benchmarks=("^N225", "035420.KS"),
    currency="JPY",
    kind=HYPOTHESIS,
    why="the article makes no share-price prediction; holding SoftBank Group for six months is the project's idea",
    yardstick=beat("^N225", months=6, description="beat the Nikkei 225 over the six months after the article"),
    rule=hold,
    rule_text="Hold SoftBank Group (9984.T) from the 2024-06-21 Tokyo close, against the Nikkei 225 (and NAVER).",
    variants=(
        variant(
            "vs_naver",
            HYPOTHESIS,
            "the same holding judged against NAVER, in yen",
            yardstick=beat(
                "035420.KS",
                months=6,
                description="SoftBank Group beats NAVER (both in yen) over the six months after the article",
            ),
        ),
    ),
)

naver_line_yahoo = Call(
    name="naver_line_yahoo",
    document=NEWS_SOFTBANK_2024,
    lines=(Lines(1, 29),),
    title="Avoid NAVER over the LINE Yahoo pressure: KOSPI instead of NAVER",
    claim="Japan, SoftBank and LY push NAVER out of LINE Yahoo; SoftBank is negotiating NAVER's stake.",
    quote="네이버와 (지분에 대해) 협의하고 있다",
    stance="no stock view (news)",
    universe=("^KS11",),
    benchmarks=("035420.KS",),
    currency="KRW",
    kind=HYPOTHESIS,
    why="the article makes no share-price prediction; NAVER trailing the KOSPI is the project's idea",
    yardstick=beat("035420.KS", months=6, description="NAVER trails the KOSPI over the six months after the article"),
    rule=hold,
    rule_text="Hold the KOSPI instead of NAVER from the 2024-06-21 Seoul close; right if the KOSPI beats NAVER.",
)
