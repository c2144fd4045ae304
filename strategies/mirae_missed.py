"""Forecasts of Mirae Asset's 2022-09-22 report that the second review found not yet encoded (fidelity-t3.md),
each decided by dated, sourced rows of ``data/facts.csv``; what no row decides stays open and says what is missing.

NVIDIA (note lines 6136-6418):

* ``nvda_china_hit_q3`` (line 6166): "3분기 중국 수출규제로 약 4억달러 규모의 비용/영향 전망", about USD 400m of cost
  or impact from the China rule in the third quarter. NVIDIA's own outlook had put ~USD 400m of China sales at risk
  (row 5.15); after the quarter it said the impact was "largely offset" by alternative products (rows 5.20, 5.21)
  and gave no dollar figure: open, the net impact is not in any row.
* ``nvda_segments_2h22`` (line 6162): gaming and professional visualisation stay weak in the second half while
  automotive keeps growing: each segment's growth in FQ3 and FQ4 FY23 (rows 5.24-5.29). "Weak" has no measure
  printed: year on year (the verdict) or quarter on quarter is the assumption ``measure``.
* ``nvda_gaming_no_quick_recovery`` (lines 6304-6306): "당분간 게이밍 부분의 실적 개선을 기대하기는 어려울 전망", no
  gaming improvement for the time being: gaming revenue does not grow in the next quarters (rows 5.24, 5.27, 5.30,
  5.32). How long "for the time being" lasts and the measure are assumptions.
* ``nvda_datacenter_2h22`` (lines 6314-6316): the data-centre revenue that would offset gaming is expected to be
  weak in the second half ("데이터센터 매출의 부진이 예상"): data-centre growth in FQ3 and FQ4 FY23 (rows 5.2, 5.8).
* ``msft_ai_gaming_explosive`` (lines 6040-6042): untestable (see its reason).

The US and China (lines 5164-5176):

* ``sanctions_beyond_gpus`` (lines 5170-5172): "극단적인 경우 … CPU/DPU(IPU)/FPGA/네트워킹 등에 대한 추가
  제재조치도 가능할 수 있어" (in an extreme case further sanctions on CPUs, DPUs, FPGAs and networking could be
  possible): a hedged forecast, right once any of them is caught by a later rule within the horizon (an
  assumption). The Oct-2023 rule's performance tests caught some AI-capable CPUs (row 14.33); no row names DPUs,
  FPGAs or networking gear.
* ``china_chip_investment`` (lines 5172-5174): China answers with heavier chip investment: the state fund's third
  phase (344bn yuan, registered 2024-05-24, row 16.1) against its second (204bn, row 16.2), within the horizon.

NAVER (note lines 7174-7677):

* ``naver_ad_rebound_2023`` (line 7227): "23년 광고 부문 성장세 반등 가능할 전망", ad growth rebounds in 2023:
  NAVER's 2023 search-platform revenue (row 15.5) against 2022's (row 15.1), which grew only marginally.
"""

from aitheme.strategies.assumptions import choice, deadline
from aitheme.strategies.mirae_report import GROWTH, after_report, mirae_call
from aitheme.strategies.model import Lines
from aitheme.strategies.yardsticks import (
    FactByDate,
    FactCompare,
    FactGrowth,
    FactNumber,
    FactText,
    FactValue,
    MissingFact,
    Yardstick,
    by_facts,
)

MEASURES = (
    ("YoY", "year on year: against the same quarter a year before"),
    ("QoQ", "quarter on quarter: against the quarter before"),
)


# --- NVIDIA ------------------------------------------------------------------------------------------------------

nvda_china_hit_q3 = mirae_call(
    "nvda_china_hit_q3",
    (Lines(6166, 6166),),
    "NVIDIA: the China export rule costs about USD 400m in FQ3 FY23",
    "The China export controls are expected to cost or hit NVIDIA by about USD 400m in the third quarter.",
    "3분기 중국 수출규제로 약 4억달러 규모의 비용/영향 전망",
    yardstick=by_facts(
        "NVIDIA's FQ3 FY23 China impact is about USD 400m (facts.csv 5.15, 5.20-5.22)",
        MissingFact(
            "the net China impact in FQ3 FY23, in USD",
            "no row gives a figure: NVIDIA put ~USD 400m of China sales at risk (5.15) and after the quarter "
            "said the impact was largely offset by alternative products (5.20, 5.21), with no number",
        ),
        beside=(FactText("NVIDIA after the quarter: the impact largely offset", "5.21", "largely offset"),),
    ),
)


def segments_weak(measure: str) -> Yardstick:
    """Gaming and ProViz fall, automotive grows, in FQ3 and FQ4 FY23, by ``measure`` (rows 5.24-5.29)."""
    rows = {
        "gaming": ("5.24", "5.27"),
        "professional visualisation": ("5.25", "5.28"),
        "automotive": ("5.26", "5.29"),
    }
    checks = []
    for segment, quarters in rows.items():
        for row, quarter in zip(quarters, ("FQ3", "FQ4"), strict=True):
            weak = segment != "automotive"
            claim = f"{segment} {quarter} FY23 growth {measure} (%)"
            low, high = (None, 0.0) if weak else (0.0, None)
            checks.append(FactNumber(claim, row, GROWTH[measure], at_least=low, at_most=high))
    return by_facts(
        f"gaming and professional visualisation shrink and automotive grows {measure} in FQ3 and FQ4 FY23, the "
        "second half of 2022 (facts.csv 5.24-5.29)",
        *checks,
    )


nvda_segments_2h22 = mirae_call(
    "nvda_segments_2h22",
    (Lines(6162, 6162),),
    "NVIDIA: gaming and professional visualisation stay weak in 2H22, automotive keeps growing",
    "In the second half gaming and professional visualisation are expected to stay weak; automotive keeps growing.",
    "하반기 게이밍/ProV 지속적으로 부진 전망, 전장 부분은 성장 지속",
    yardstick=segments_weak("YoY"),
    assumptions=(
        choice(
            "measure",
            "what 'weak' (부진) and 'growing' are measured by: none is printed",
            "YoY",
            segments_weak,
            *MEASURES,
        ),
    ),
)

GAMING_QUARTERS = (("FQ3 FY23", "5.24"), ("FQ4 FY23", "5.27"), ("FQ1 FY24", "5.30"), ("FQ2 FY24", "5.32"))


def gaming_flat(quarters: int, measure: str = "YoY") -> Yardstick:
    """Gaming revenue does not grow (``measure``) in any of the next ``quarters`` quarters after the report."""
    checks = tuple(
        FactNumber(f"gaming growth {measure}, {quarter} (%)", row, GROWTH[measure], at_most=0.0)
        for quarter, row in GAMING_QUARTERS[:quarters]
    )
    return by_facts(
        f"no gaming improvement for the time being: gaming revenue does not grow {measure} in the {quarters} "
        f"quarters after the report (facts.csv {', '.join(row for _, row in GAMING_QUARTERS[:quarters])})",
        *checks,
    )


nvda_gaming_no_quick_recovery = mirae_call(
    "nvda_gaming_no_quick_recovery",
    (Lines(6300, 6306),),
    "NVIDIA: no quick recovery in gaming for the time being",
    "With aggressive price cuts to clear channel inventory for the new products, gaming results are not expected to "
    "improve for the time being.",
    "당분간 게이밍 부분의 실적 개선을 기대하기는 어려울 전망이다",
    yardstick=gaming_flat(2),
    assumptions=(
        choice(
            "quarters",
            "how long 'for the time being' (당분간) lasts: no number is printed",
            2,
            gaming_flat,
            (2, "the rest of 2022: the two quarters the note's outlook covers"),
            (3, "to the first quarter of 1H23, when the note expects the recovery"),
            (4, "a year"),
        ),
        choice(
            "measure",
            "what 'improve' (개선) is measured by: none is printed",
            "YoY",
            lambda measure: gaming_flat(2, measure),
            *MEASURES,
        ),
    ),
)


def datacenter_weak(measure: str) -> Yardstick:
    return by_facts(
        f"data-centre revenue does not grow {measure} in FQ3 and FQ4 FY23 (facts.csv 5.2, 5.8)",
        FactNumber(f"data centre FQ3 FY23 growth {measure} (%)", "5.2", GROWTH[measure], at_most=0.0, field="fact"),
        FactNumber(f"data centre FQ4 FY23 growth {measure} (%)", "5.8", GROWTH[measure], at_most=0.0, field="fact"),
    )


nvda_datacenter_2h22 = mirae_call(
    "nvda_datacenter_2h22",
    (Lines(6314, 6316),),
    "NVIDIA: data-centre revenue weak in 2H22, so it cannot offset gaming",
    "Data-centre revenue, which would offset the weak gaming business in the second half, is expected to be weak.",
    "하반기 게이밍 부분의 부진을 상쇄시켜줄 데이터센터 매출의 부진이 예상되며",
    yardstick=datacenter_weak("YoY"),
    assumptions=(
        choice("measure", "what 'weak' (부진) is measured by: none is printed", "YoY", datacenter_weak, *MEASURES),
    ),
)

msft_ai_gaming_explosive = mirae_call(
    "msft_ai_gaming_explosive",
    Lines(6040, 6042),
    "Microsoft: AI and gaming take off explosively once macro conditions settle",
    "Once macro stability normalises PC demand, the AI and gaming businesses Microsoft prepares can take off "
    "explosively.",
    "매크로 안정으로 PC 수요가 정상화되면, MS가 준비 중인 AI와 게이밍 산업이 폭발적으로 분출할 수 있으리라",
    stance="conditional",
    untestable="conditional on an event with no date (macro stability normalising PC demand), with no horizon and no "
    "measure of 'explosive': any outcome could be read as the condition not yet met",
)

# --- The US and China --------------------------------------------------------------------------------------------


def beyond_gpus(months: int) -> Yardstick:
    """A later rule catches CPUs, DPUs, FPGAs or networking within ``months`` of the report: any one suffices."""
    return by_facts(
        f"within {months} months a US rule extends the controls to CPUs, DPUs, FPGAs or networking (any one; "
        "facts.csv 14.3x)",
        FactByDate("AI-capable CPUs caught by the Oct-2023 performance tests", "14.33", after_report(months)),
        MissingFact("DPUs, FPGAs or networking gear named by a rule", "no row of facts.csv names them"),
        combine="any",
    )


sanctions_beyond_gpus = mirae_call(
    "sanctions_beyond_gpus",
    (Lines(5164, 5172),),
    "US sanctions could extend beyond GPUs to CPUs, DPUs, FPGAs and networking",
    "In an extreme case, further sanctions on the other key parts of an AI ecosystem, CPUs, DPUs (IPUs), FPGAs and "
    "networking, could be possible and need watching.",
    "극단적인 경우 AI 생태계 구축에 필요한 나머지 주요 부품들인 CPU/DPU(IPU) /FPGA/네트워킹 등에 대한 추가 제재조치도 "
    "가능할 수 있어",
    yardstick=beyond_gpus(12),
    stance="possible, hedged ('가능할 수 있어')",
    assumptions=(deadline("the horizon: none is printed", beyond_gpus),),
)


def heavier_investment(months: int) -> Yardstick:
    return by_facts(
        f"within {months} months China sets up a larger state chip fund than the last (facts.csv 16.1, 16.2)",
        FactByDate("the state chip fund's third phase registered", "16.1", after_report(months)),
        FactCompare(
            "phase III against phase II, bn yuan",
            FactValue("16.1", r"^(\d+)bn"),
            FactValue("16.2", r"II ([\d.]+)bn"),
        ),
    )


china_chip_investment = mirae_call(
    "china_chip_investment",
    (Lines(5170, 5174),),
    "China answers the sanctions with heavier chip investment",
    "To overcome the sanctions, China is expected to invest more heavily in semiconductors, led by each field's "
    "leading companies.",
    "중국은 이런 상황을 극복하기위해 더 강도 높은 반도체 투자가 진행될 것으로 예상",
    yardstick=heavier_investment(12),
    assumptions=(deadline("the horizon: none is printed", heavier_investment),),
)

# --- NAVER -------------------------------------------------------------------------------------------------------

naver_ad_rebound_2023 = mirae_call(
    "naver_ad_rebound_2023",
    (Lines(7223, 7227),),
    "NAVER: advertising growth rebounds in 2023",
    "As the pandemic's high time-on-platform base fades and AI keeps lifting ad efficiency, NAVER's ad growth can "
    "rebound in 2023.",
    "23년 광고 부문 성장세 반등 가능할 전망",
    yardstick=by_facts(
        "NAVER's search-platform (advertising) revenue grows in 2023 faster than in 2022, which grew only "
        "marginally: at least above zero (facts.csv 15.1, 15.5; 2024 beside)",
        FactCompare(
            "2023 search-platform growth (%), from the 2022 and 2023 levels, against zero",
            FactGrowth(FactValue("15.5", r"^([\d.]+)tn"), FactValue("15.1", r"^([\d.]+)tn")),
            0.0,
        ),
        beside=(FactNumber("2024 search-platform growth (%)", "15.6", r"\+([\d.]+)% YoY"),),
    ),
)
