"""Dated claims in Mirae Asset's company notes (2022-09-22), beside the ratings: Tesla, NVIDIA, NAVER.

Each is decided by what the snapshot or ``data/facts.csv`` shows; what neither can decide is declared untestable.

Tesla (note lines 5309-5710):

* ``tesla_ai_day`` (lines 5353-5355): the Optimus prototype at AI Day on 30 September will "적어도 현재 시장 기대를
  상회하는 결과물" (at least beat the market's current expectations). The market's verdict is TSLA's abnormal return
  against the NASDAQ Composite on the first sessions after the event (B02: Friday evening, so Monday 2022-10-03 and
  the next); that Monday also absorbed the Q3 delivery miss of Sunday 2022-10-02 (facts 6.2, 6.3).
* ``tesla_fsd_2022`` (lines 5361, 5581-5589): urban autonomous driving (FSD beta) commercialised in the US "연내"
  (within 2022): facts 6.5 dates the opening of FSD Beta to every North-American buyer.
* ``tesla_deliveries_2h22`` (lines 5575-5579): the Shanghai expansion lifts volumes through the third and fourth
  quarters: deliveries Q3 > Q2 and Q4 > Q3 (facts 6.7-6.9).

NVIDIA (note lines 6136-6418, Table 21):

* ``nvda_revenue_forecast``: Table 21's revenue forecasts, FQ3 FY23 6,031, FQ4 6,396 and FY1/23 27,419 (USD m),
  against what was reported (facts 5.1, 5.5, 5.6). The table prints point forecasts, no band: the band is the
  assumption ``band``, 5% (the project's) within 0% to 10%.
* ``nvda_recovery_1h23`` (lines 6170, 6320-6322): results recover "내년 상반기" (in 1H23) as the new products ship:
  revenue grows in the quarter to April 2023, the first wholly in 1H23 (facts 5.10); the quarter to July, beside.
  "Recover" has no measure printed: quarter on quarter (the verdict) or year on year is the assumption
  ``measure``.

NAVER (note lines 7174-7677): the smart-block share (lines 7347-7349) and the AI synergy ranking against Kakao,
SKT, KT and LG (lines 7232-7244) cannot be decided: see the ``untestable`` reasons. The 2023 ad rebound
(line 7227) is ``mirae_missed.naver_ad_rebound_2023``.
"""

import datetime as dt

from aitheme.strategies.assumptions import choice, threshold
from aitheme.strategies.mirae_report import GROWTH, mirae_call
from aitheme.strategies.model import Lines
from aitheme.strategies.yardsticks import (
    EventReaction,
    FactByDate,
    FactCompare,
    FactNumber,
    FactValue,
    Yardstick,
    by_facts,
)

LEADING_NUMBER = r"^([\d,]+)"
# Table 21 (line 6333), USD m: the note's revenue forecasts.
NVDA_FORECASTS = {"FQ3 FY23": ("5.1", 6031.0), "FQ4 FY23": ("5.5", 6396.0), "FY1/23": ("5.6", 27419.0)}
FORECAST_BAND = 0.05


def forecast_band(band: float) -> Yardstick:
    """Each reported revenue of Table 21 within ``band`` of its forecast (facts.csv 5.1, 5.5, 5.6)."""
    return by_facts(
        f"each reported revenue within {band:.1%} of the forecast (a band the table does not print; facts.csv 5.1, "
        "5.5, 5.6)",
        *(
            FactNumber(
                f"{period} revenue (USD m), forecast {forecast:,.0f}",
                row,
                LEADING_NUMBER,
                at_least=forecast * (1 - band),
                at_most=forecast * (1 + band),
            )
            for period, (row, forecast) in NVDA_FORECASTS.items()
        ),
    )


def recovery(measure: str) -> Yardstick:
    """Revenue grows in the quarter to April 2023, ``measure`` "QoQ" or "YoY" (facts.csv 5.10; July beside)."""
    return by_facts(
        f"revenue grows {measure} in the quarter to April 2023, the first wholly in 1H23 (facts.csv 5.10); the "
        "quarter to July 2023 beside",
        FactNumber(f"revenue growth {measure}, quarter to 2023-04-30 (%)", "5.10", GROWTH[measure], at_least=0.0),
        beside=(FactNumber(f"revenue growth {measure}, quarter to 2023-07-30 (%)", "5.13", GROWTH[measure]),),
    )


def ai_day_reaction(window: tuple[int, int]) -> Yardstick:
    return Yardstick(
        f"the market's verdict: TSLA's abnormal return (market model vs the NASDAQ Composite) over sessions "
        f"[{window[0]:+d},{window[1]:+d}] of the first session after AI Day is positive (confounded by the Q3 "
        "delivery miss of 2022-10-02, facts 6.2-6.3)",
        (EventReaction(("TSLA",), "^IXIC", events=("B02",), expect="positive", window=window),),
        months=0,
    )


tesla_ai_day = mirae_call(
    "tesla_ai_day",
    (Lines(5353, 5355), Lines(5366, 5367)),
    "Tesla AI Day 2022 beats the market's expectations",
    "With Tesla's AI stack, capital and people, AI Day (30 September) should produce results at least above the "
    "market's current expectations.",
    "적어도 현재 시장 기대를 상회하는 결과물이 나올 수 있을 것으로 예상",
    yardstick=ai_day_reaction((0, 1)),
    assumptions=(
        choice(
            "window",
            "the sessions the market's verdict is read over: the note says 'above expectations', no window",
            (0, 1),
            ai_day_reaction,
            ((0, 0), "the first session after AI Day"),
            ((0, 1), "that session and the next"),
            ((0, 5), "the first week"),
        ),
    ),
)

tesla_fsd_2022 = mirae_call(
    "tesla_fsd_2022",
    (Lines(5357, 5361), Lines(5581, 5589)),
    "Tesla commercialises urban self-driving (FSD beta) in the US within 2022",
    "Tesla reconfirmed its plan to commercialise urban autonomous driving (FSD beta) in the US within the year.",
    "테슬라는 연내 미국에서 도심 자율주행(FSD 베타)를 상용화하겠다는 계획을 재확인하였다",
    yardstick=by_facts(
        "FSD Beta open to all North-American buyers by 2022-12-31 (facts.csv 6.5)",
        FactByDate(
            "FSD Beta available to every North-American FSD buyer",
            "6.5",
            by=dt.date(2022, 12, 31),
            after=dt.date(2022, 9, 22),
        ),
    ),
)

tesla_deliveries_2h22 = mirae_call(
    "tesla_deliveries_2h22",
    (Lines(5575, 5579),),
    "Tesla's deliveries keep rising through Q3 and Q4 2022 (Shanghai expansion)",
    "With the aggressive expansion of the Shanghai plant, third- and fourth-quarter volumes keep rising and the "
    "strong results continue in the second half.",
    "중국 상하이 공장의 공격적인 증설로 3~4분기 판매량이 지속적으로 늘어날 것으로 예상",
    yardstick=by_facts(
        "deliveries Q3 2022 above Q2 and Q4 above Q3 (facts.csv 6.7-6.9)",
        FactCompare("deliveries Q3 vs Q2 2022", FactValue("6.8", LEADING_NUMBER), FactValue("6.7", LEADING_NUMBER)),
        FactCompare("deliveries Q4 vs Q3 2022", FactValue("6.9", LEADING_NUMBER), FactValue("6.8", LEADING_NUMBER)),
    ),
)

nvda_revenue_forecast = mirae_call(
    "nvda_revenue_forecast",
    (Lines(6326, 6333),),
    "NVIDIA's revenue forecasts in Table 21 (FQ3, FQ4, FY1/23) close to the reported figures",
    "Revenue forecasts (USD m): FQ3 FY23 6,031, FQ4 FY23 6,396, FY1/23 27,419.",
    "표 21. Nvidia 실적 전망 … Revenue (Total) 5661 6507 7103 7643 8288 6704 6031 6396 16675 26914 27419",
    yardstick=forecast_band(FORECAST_BAND),
    assumptions=(
        threshold(
            "band",
            "how close a forecast must come to count as right: Table 21 prints point forecasts, no band",
            FORECAST_BAND,
            forecast_band,
            (0.0, "exact: the point forecast as printed"),
            (0.10, "a wide band: twice the project's"),
        ),
    ),
)

nvda_recovery_1h23 = mirae_call(
    "nvda_recovery_1h23",
    (Lines(6170, 6170), Lines(6320, 6322)),
    "NVIDIA's results recover in 1H23 with the new products",
    "The overall earnings recovery comes in the first half of next year, when the new products (RTX40, H100) ship in "
    "earnest.",
    "전체적인 실적 개선 시기는 신제품의 본격적인 출하가 시작되는 내년 상반기 예상",
    yardstick=recovery("QoQ"),
    assumptions=(
        choice(
            "measure",
            "what 'recovery' (실적 개선) is measured by: the note prints no measure",
            "QoQ",
            recovery,
            ("QoQ", "quarter on quarter: results improve from the trough"),
            ("YoY", "year on year: results back above a year before"),
        ),
    ),
)

naver_ads_and_smart_block = mirae_call(
    "naver_ads_and_smart_block",
    (Lines(7219, 7219), Lines(7343, 7349)),
    "NAVER: no short-term momentum; smart blocks reach ~30% of search results within 2022",
    "No short-term share-price momentum while end markets are weak; smart-block results rise from 15% (2021) to about "
    "30% within 2022 (the 2023 ad rebound is naver_ad_rebound_2023).",
    "단기 주가 모멘텀 부재 … 연내 약 30%까지 늘어날 것으로 예상된다",
    untestable="facts.csv holds no smart-block share of NAVER's search results; the price remark ('단기 주가 모멘텀 "
    "부재') gives no horizon or size to test",
)

naver_ai_synergy_vs_kakao = mirae_call(
    "naver_ai_synergy_vs_kakao",
    Lines(7232, 7244),
    "NAVER gains most from hyperscale AI among NAVER, Kakao, SKT, KT and LG",
    "All five have large MAUs, but the AI synergy will be largest at NAVER, a platform used for search.",
    "그 시너지는 NAVER가 가장 클 것이라고 판단한다",
    stance="NAVER over its Korean peers",
    untestable="Kakao (035720.KS), SK Telecom, KT and LG have no price data, so NAVER cannot be set against them",
)
