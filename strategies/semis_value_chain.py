"""Mirae Asset, Section VII (2022-09-22): AI semiconductors, who leads and who benefits along the value chain.

* ``nvda_vs_amd`` (lines 4153-4157, 4220-4232): "적어도 당분간 엔비디아의 위치는 변함없을 것" (NVIDIA's position will
  not change, at least for now) and AMD "AI 시장에서는 큰 영향력은 없다 … 단기간 따라잡기는 어렵다" (has little weight
  in AI and cannot catch up soon): NVIDIA beats AMD over 12 months.
* ``intel_foundry_beneficiary`` (lines 5217-5223): with the Taiwan risk the US will push domestic production, so
  "미국의 대표 파운드리 업체인 인텔, … 삼성전자 등 TSMC외 대표 파운드리 업체들의 수혜가 가능" (Intel, Samsung and the
  other non-TSMC foundries can benefit). Intel against its industry index (^SOX) over 12 months; the benchmark and
  the horizon (a foundry build-out takes years) are assumptions; Samsung Electronics (005930.KS) has no price data.
  The report never calls Intel weak: the old "NVIDIA beats Intel" race inverted it and is gone.
* ``asic_big_tech`` (lines 228-232, 5264-5290): the beneficiaries include "ASIC을 개발하여 차별화가 가능한 대형 테크
  업체들" (big tech that differentiates with its own ASICs): Apple and Tesla (line 5270), Google's TPU (lines
  4325-4335), Amazon's Inferentia (line 1873). The four in equal weight against the NASDAQ Composite, 12 months.
* ``ai_semis_value_chain`` (lines 5288-5294): the EDA and IP beneficiaries are not named in the text (figure 215 is
  an image) and the chip designers and foundries it shows have no price data: untestable, the rest is above.
* ``us_chip_subsidies_2023`` (lines 5082-5086): the CHIPS Act's subsidies "내년부터 기업들에게 제공될 예정" (are
  scheduled to reach companies from 2023): the law's own schedule, reported: context. No row of facts.csv dates
  the first payment.

No benchmark or horizon is printed for these views: each is an assumption with its readings.
"""

from aitheme.strategies.assumptions import benchmark, horizon
from aitheme.strategies.blocks import hold
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import CONTEXT, Call, Lines
from aitheme.strategies.yardsticks import MissingFact, beat, by_facts

nvda_vs_amd = Call(
    name="nvda_vs_amd",
    document=MIRAE_2022,
    lines=(Lines(4153, 4157), Lines(4220, 4232)),
    title="NVIDIA stays the centre of AI chips; AMD cannot catch up soon",
    claim=(
        "NVIDIA leads the AI market and its position will not change, at least for now; AMD has little weight in AI "
        "and cannot catch up with NVIDIA's platform and ecosystem in a short time."
    ),
    quote=(
        "적어도 당분간 엔비디아의 위치는 변함없을 것 … AMD가 엔비디아가 구축한 플랫폼/생태계를 단기간 따라잡기는 어렵다"
    ),
    stance="NVIDIA over AMD",
    universe=("NVDA",),
    benchmarks=("AMD", "^SOX"),
    yardstick=beat("AMD", description="NVIDIA beats AMD over the 12 months after publication"),
    assumptions=(horizon("how long 'at least for now' (적어도 당분간) and 'soon' (단기간) last: none is printed"),),
    rule=hold,
    rule_text="Hold NVDA from the 2022-09-22 close, against AMD.",
)

intel_foundry_beneficiary = Call(
    name="intel_foundry_beneficiary",
    document=MIRAE_2022,
    lines=(Lines(5217, 5223),),
    title="Intel, the US foundry, benefits from the push to produce outside Taiwan (Samsung: no price data)",
    claim=(
        "The US will work harder on domestic production capacity; non-TSMC foundries, the US's own Intel and "
        "Samsung Electronics, which can take new opportunities, can benefit."
    ),
    quote=(
        "미국의 대표 파운드리 업체인 인텔, 새로운 기회를 확보할 수 있는 삼성전자 등 TSMC외 대표 파운드리 업체들의 "
        "수혜가 가능하다고 판단된다"
    ),
    stance="beneficiary",
    universe=("INTC",),
    benchmarks=("^SOX", "^IXIC"),
    yardstick=beat("^SOX", description="a beneficiary: Intel beats the semiconductor index over 12 months"),
    assumptions=(
        benchmark(
            "what Intel benefits against: no benchmark is printed",
            "^SOX",
            ("^SOX", "its industry index"),
            ("SMH", "the semiconductor ETF"),
            ("^IXIC", "the US tech market"),
        ),
        horizon("the horizon: none is printed; a foundry build-out takes years"),
    ),
    rule=hold,
    rule_text="Hold INTC from the 2022-09-22 close, against ^SOX (Samsung Electronics, 005930.KS, has no data).",
)

asic_big_tech = Call(
    name="asic_big_tech",
    document=MIRAE_2022,
    lines=(Lines(228, 232), Lines(5264, 5290)),
    title="Big tech with its own AI chips (Alphabet, Amazon, Apple, Tesla) benefits",
    claim=(
        "Companies with their own algorithms and software end up needing their own hardware; beneficiaries include "
        "the big tech companies that differentiate by developing ASICs (Apple and Tesla, Google's TPU, Amazon's "
        "Inferentia)."
    ),
    quote="ASIC을 개발하여 차별화가 가능한 대형 테크 업체들",
    stance="beneficiary",
    universe=("GOOGL", "AMZN", "AAPL", "TSLA"),
    benchmarks=("^IXIC",),
    yardstick=beat("^IXIC", description="the four beat the NASDAQ Composite over the 12 months after publication"),
    assumptions=(
        benchmark(
            "what the beneficiaries benefit against: no benchmark is printed",
            "^IXIC",
            ("^IXIC", "the US tech market the four trade in"),
            ("QQQ", "the NASDAQ-100 the four belong to"),
            ("SPY", "the broad US market"),
        ),
        horizon("the horizon: none is printed"),
    ),
    rule=hold,
    rule_text="Equal weight in GOOGL, AMZN, AAPL and TSLA from the 2022-09-22 close, held, against ^IXIC.",
)

ai_semis_value_chain = Call(
    name="ai_semis_value_chain",
    document=MIRAE_2022,
    lines=(Lines(5288, 5294),),
    title="AI-chip value chain beneficiaries: EDA, IP, big tech with ASICs, foundries",
    claim=(
        "The expected beneficiaries are 1) EDA for chip design, 2) companies strong in IP, 3) big tech that "
        "differentiates with ASICs, 4) the foundries at the centre of production."
    ),
    quote="수혜가 예상되는 업체들은 1) 반도체 설계에 필요한 EDA, 2) IP의 강점을 보유한 업체들",
    stance="beneficiaries",
    untestable=(
        "the EDA and IP beneficiaries are not named in the text (figure 215, line 5294, is an image) and SNPS, CDNS, "
        "TSM, 005930.KS and 000660.KS have no price data; the testable parts are judged as asic_big_tech (big tech "
        "with ASICs) and intel_foundry_beneficiary (the named foundry, Intel)"
    ),
)

us_chip_subsidies_2023 = Call(
    name="us_chip_subsidies_2023",
    document=MIRAE_2022,
    lines=(Lines(5082, 5086),),
    title="US fab subsidies reach companies from 2023",
    claim="The US proposed tax credits and grants for building foundries; with the CHIPS Act passed, they are paid "
    "to companies from next year (2023).",
    quote="이부분도 이미 반도체 지원법안이 통과되며 내년부터 기업들에게 제공될 예정이다",
    stance="scheduled policy step",
    kind=CONTEXT,
    why="the law's own schedule (예정, scheduled) that the report repeats, not a forecast of its own",
    yardstick=by_facts(
        "a CHIPS Act grant or tax credit reaches a company in 2023 (facts.csv)",
        MissingFact("first CHIPS Act award paid in 2023", "facts.csv has no row dating a CHIPS Act award"),
    ),
)
