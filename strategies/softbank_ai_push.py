"""SoftBank's AI push and the pressure on NAVER over LINE Yahoo (Korean news article, 2024-06-20).

The article (``003_…``, 16:34 KST on 2024-06-20) reports Masayoshi Son at the SoftBank AGM in Tokyo
that day: ready to invest in big tech, renewable power for AI in the US, about 88 trillion won of
SoftBank Group AI projects (Arm AI chips, data centres, AGI), a METI subsidy for SoftBank's AI
supercomputer. Analysts read it as the last piece of Japan's push to take LINE Yahoo away from NAVER
("脫네이버"); SoftBank's CEO says talks with NAVER on the capital relationship are under way.

Timing: 16:34 KST is after the Tokyo (15:00 JST) and Seoul (15:30 KST) closes, so the first session
either market could act on is 2024-06-21 (SoftBank Group's own AGM was that morning, events B09).

Rules, all long only:

1. ``softbank_ai_push``: hold SoftBank Group (9984.T) from the 2024-06-21 close, against the Nikkei 225.
2. ``softbank_ai_push.vs_naver``: the pair "long SoftBank Group, avoid NAVER", held long only as the
   same SoftBank position judged against NAVER (converted to yen). The engine cannot short; a
   dollar-neutral pair earns roughly SoftBank's return minus NAVER's, whose sign is what this
   yardstick checks, and that sign does not depend on the currency both are measured in.
3. ``naver_line_yahoo``: the NAVER half alone, "underweight NAVER against KOSPI", held long only as
   the KOSPI instead of NAVER (the index level standing for a KOSPI tracker), judged against NAVER.
"""

import datetime as dt

from aitheme.strategies.base import Source, Strategy, Yardstick
from aitheme.strategies.blocks import equal_weight, on_sessions, signal_session

ARTICLE = dt.date(2024, 6, 20)
FIRST_SESSION = dt.date(2024, 6, 21)  # the article came out after both the Tokyo and the Seoul close
SOURCE = Source(
    document="003_60a771a3791aa7ec.txt",
    lines=(1, 29),
    publisher="Korean news article (publisher not printed)",
    title="손정의 'AI 대규모 투자' 시사…日, AI 패권 위해 脫네이버 가속화",
)
# The article gives no horizon; six months, the longer of the digest's drift windows.
HORIZON = 182


class _HoldFromFirstSession(Strategy):
    source = SOURCE
    published = ARTICLE

    def weights(self, prices, params):
        start = signal_session(prices.index, FIRST_SESSION)
        return on_sessions(equal_weight(prices, [start], self.universe), prices.index)


class SoftBankAIPush(_HoldFromFirstSession):
    name = "softbank_ai_push"
    title = "SoftBank Group after Son's AI investment push"
    rule = "Hold SoftBank Group (9984.T) from the 2024-06-21 Tokyo close, against the Nikkei 225 (and NAVER)."
    universe = ("9984.T",)
    benchmarks = ("^N225", "035420.KS")
    currency = "JPY"
    variants = {"vs_naver": {}}

    @property
    def yardstick(self) -> Yardstick:
        if self.variant == "vs_naver":
            return Yardstick(
                "SoftBank Group beats NAVER (both in yen) over the six months after the article",
                beat="035420.KS",
                horizon_days=HORIZON,
            )
        return Yardstick(
            "beat the Nikkei 225 over the six months after the article", beat="^N225", horizon_days=HORIZON
        )


class NaverLineYahoo(_HoldFromFirstSession):
    name = "naver_line_yahoo"
    title = "Avoid NAVER over the LINE Yahoo pressure: KOSPI instead of NAVER"
    rule = "Hold the KOSPI instead of NAVER from the 2024-06-21 Seoul close; right if the KOSPI beats NAVER."
    universe = ("^KS11",)
    benchmarks = ("035420.KS",)
    currency = "KRW"
    yardstick = Yardstick(
        "NAVER trails the KOSPI over the six months after the article", beat="035420.KS", horizon_days=HORIZON
    )
