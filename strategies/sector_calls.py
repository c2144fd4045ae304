"""Mirae Asset's sector views, Sections IV-VII (2022-09-22): the listed companies it names, with its stance.

* ``sector_calls`` (Section IV.4, lines 2321-2385): "AI cybersecurity leaders": CrowdStrike (CRWD) and Datadog
  (DDOG) are named as the representative companies, SentinelOne (S) described beside them; "we expect continued
  high growth". Judged against the cybersecurity ETF CIBR.
* ``.software`` (Section IV, lines 1548-2385): Microsoft with the three security leaders, against ^IXIC.
* ``.cloud`` (Section IV.2, lines 1733-2075): the AIaaS big three, Amazon, Microsoft and Alphabet, against ^IXIC.
* ``.search_ads`` (Section V, lines 2741-2796): Amazon takes US search-ad share from Google; held long only as
  Amazon, judged against Alphabet.
* ``.social`` (Section V, lines 2797-2862): TikTok takes ad share from Meta and Snap; held long only as the NASDAQ
  Composite instead of Meta, judged against Meta.
* ``.chips_vs_amd`` and ``.chips_vs_intc`` (Section VII): NVIDIA the centre of the AI-chip market, held long only as
  NVIDIA, judged against AMD and against Intel.

Rule: equal weight in the sector's names from the call's first possible trade, held (``rebalance`` none by default),
over the report's 12-month horizon.
"""

from aitheme.strategies.blocks import REBALANCE, hold
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import HYPOTHESIS, Call, Lines, variant
from aitheme.strategies.yardsticks import beat


def sector(name: str, universe: tuple[str, ...], benchmark: str, description: str, lines: Lines):
    return variant(
        name,
        HYPOTHESIS,
        description,
        universe=universe,
        benchmarks=(benchmark,),
        lines=(lines,),
        yardstick=beat(benchmark, description=description),
        rule_text=f"Equal weight in {', '.join(universe)} from 2022-09-22, held, against {benchmark}.",
    )


sector_calls = Call(
    name="sector_calls",
    document=MIRAE_2022,
    lines=(Lines(2321, 2385),),
    title="Mirae Asset sector views: AI security, software, cloud, internet platforms, AI chips",
    claim="CrowdStrike and Datadog are the representative AI-security companies; we expect continued high growth.",
    quote=(
        "그 대표 기업이 크라우드스트라이크(CRWD US), 데이터독(DDOG US) 등이다 … 향후에도 해당 기업의 고성장을 예상한다"
    ),
    stance="positive (high growth expected)",
    universe=("CRWD", "S", "DDOG"),
    benchmarks=("CIBR", "^IXIC"),
    yardstick=beat("CIBR", description="the AI-security leaders beat the cybersecurity ETF CIBR over 12 months"),
    rule=hold,
    rule_text="Equal weight in CRWD, S and DDOG from 2022-09-22, held, against CIBR.",
    params={"rebalance": REBALANCE},
    variants=(
        sector(
            "software",
            ("MSFT", "CRWD", "S", "DDOG"),
            "^IXIC",
            "Section IV's software winners beat the NASDAQ Composite over 12 months",
            Lines(1548, 2385),
        ),
        sector(
            "cloud",
            ("AMZN", "MSFT", "GOOGL"),
            "^IXIC",
            "the AIaaS big three beat the NASDAQ Composite over 12 months",
            Lines(1733, 2075),
        ),
        sector("search_ads", ("AMZN",), "GOOGL", "Amazon beats Alphabet over 12 months", Lines(2741, 2796)),
        sector("social", ("^IXIC",), "META", "Meta trails the NASDAQ Composite over 12 months", Lines(2797, 2862)),
        sector("chips_vs_amd", ("NVDA",), "AMD", "NVIDIA beats AMD over 12 months", Lines(4153, 5262)),
        sector("chips_vs_intc", ("NVDA",), "INTC", "NVIDIA beats Intel over 12 months", Lines(4153, 5262)),
    ),
)
