"""Mirae Asset's sector claims, Sections IV-V (2022-09-22), judged on what was claimed: revenue and ad share.

The report makes fundamental claims here, not stock calls, so each is decided by dated rows of ``data/facts.csv``
(every verdict cites its rows; a claim no row can decide stays open). The old price races are kept beside each as
hypotheses (the project's reading, no verdict).

* ``security_growth`` (lines 2321-2331): "그 대표 기업이 크라우드스트라이크(CRWD US), 데이터독(DDOG US) 등이다 …
  외형 성장이 가팔라지는 특징을 가져 향후에도 해당 기업의 고성장을 예상한다" (CrowdStrike and Datadog, with
  SentinelOne described beside them: revenue growth steepens as customers grow; continued high growth expected).
  "High growth" has no number in the text: the bar is the assumption ``growth bar``, 25% revenue growth (the
  project's, fixed before judging, for the fiscal year in progress at the report and the next one; fidelity.md 1.13
  proposed it) up to the report's own AI-market growth, 38.4% a year (lines 273-275). Price race: ``vs_cibr``.
* ``search_ads_share`` (lines 2741-2774): "아마존의 광고 매출 점유율 강세가 지속될 전망" (Amazon's ad-share strength
  continues; in 2022 Amazon 22% of US search ads (+3 pt), Google 55% (-2 pt), "유사한 추세가 지속될 전망"). No share
  figure for 2023-2024 is in the rows, so share gain is read as growth: Amazon's advertising grew faster than
  Google Search & other in 2022, 2023 and 2024. Price race: ``amzn_vs_googl``.
* ``social_ad_share`` (lines 2836-2840): "매출 점유율의 변화(틱톡 상승/메타 하락)로 이어질 전망" (ad share moves to
  TikTok from Meta, and SNS ad markets including Meta's are eaten into). The rows show Meta's ad revenue fall in
  2022, TikTok outgrow Facebook and Instagram in 2024 and Snap stall in 2023: right on share. Meta's ad revenue
  still rose 16% in 2023 (row 3.3, beside, not judged): the shift is relative. SNAP has no price data. Price race:
  ``meta_vs_ixic``.
* ``cloud_big3_growth`` (lines 1106-1112, 1750): AI as a service offered by the big three clouds grows fast. No row
  reports AIaaS revenue, so the clouds' own growth is the test, in the first full year after the report (2023;
  Azure: the June-2023 quarter, the only FY2023 figure in the rows). Assumptions: the bar (25%, the project's, up
  to the 48.2% a year the report gives AIaaS, lines 1106-1112) and the year (2023, or 2024). Price race:
  ``vs_ixic``.

Section IV's "software winners" basket (Microsoft with the security names) was the project's grouping, not the
report's (fidelity.md 1.14), and is gone; NVIDIA against AMD is in ``semis_value_chain``.
"""

from aitheme.strategies.assumptions import choice, threshold
from aitheme.strategies.blocks import hold
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import HYPOTHESIS, Call, Lines, variant
from aitheme.strategies.yardsticks import (
    FactCompare,
    FactGrowth,
    FactNumber,
    FactText,
    FactValue,
    Yardstick,
    beat,
    by_facts,
)

HIGH_GROWTH = 25.0  # percent revenue growth: "high growth", fixed by the project before judging (no number printed)
AI_MARKET_GROWTH = 38.4  # percent a year, the report's AI-market forecast (BCC, lines 273-275)
AIAAS_GROWTH = 48.2  # percent a year, the report's AI-as-a-service forecast (lines 1106-1112)
GROWTH = r"\+(\d+(?:\.\d+)?)%"
IN_BRACKETS = r"\(\+(\d+(?:\.\d+)?)%\)"


def price_race(name: str, universe: tuple[str, ...], benchmark: str, description: str, substitutes=None):
    """The project's price test of a fundamental claim: hold ``universe`` in equal weight against ``benchmark``
    (``substitutes``: a listed stock standing in for a business or a private company the claim names)."""
    return variant(
        name,
        HYPOTHESIS,
        f"the project's price test of the claim: {description}",
        rule=hold,
        universe=universe,
        benchmarks=(benchmark, "^IXIC") if benchmark != "^IXIC" else (benchmark,),
        yardstick=beat(benchmark, description=description),
        rule_text=f"Equal weight in {', '.join(universe)} from 2022-09-22, held, against {benchmark}.",
        substitutes=substitutes or {},
    )


def security_yardstick(bar: float, why: str = "the reading of 'high growth' in force") -> Yardstick:
    growth = [
        ("CrowdStrike FY1/23 revenue growth (%)", "1.1", GROWTH),
        ("CrowdStrike FY1/24 revenue growth (%)", "1.2", GROWTH),
        ("SentinelOne FY1/23 revenue growth (%)", "1.4", GROWTH),
        ("SentinelOne FY1/24 revenue growth (%)", "1.5", r"FY \+(\d+)%"),
        ("Datadog 2022 revenue growth (%), computed from the 10-K levels", "1.9", r"~\+(\d+)%"),
        ("Datadog 2023 revenue growth (%)", "1.6", GROWTH),
    ]
    return by_facts(
        f"high growth: revenue growth of at least {bar:g}% ({why}) for CRWD, S and DDOG in the fiscal year in "
        "progress at the report and the next (facts.csv 1.x)",
        *(FactNumber(claim, row, pattern, at_least=bar) for claim, row, pattern in growth),
    )


security_growth = Call(
    name="security_growth",
    document=MIRAE_2022,
    lines=(Lines(2321, 2331),),
    title="AI cybersecurity leaders (CrowdStrike, Datadog; SentinelOne beside them): continued high revenue growth",
    claim=(
        "CrowdStrike and Datadog are the representative AI-security companies; as customers and references grow, "
        "their top-line growth steepens, and we expect continued high growth."
    ),
    quote=(
        "그 대표 기업이 크라우드스트라이크(CRWD US), 데이터독(DDOG US) 등이다 … 향후에도 해당 기업의 고성장을 예상한다"
    ),
    stance="high growth expected",
    yardstick=security_yardstick(HIGH_GROWTH, "the project's bar, fixed before judging"),
    assumptions=(
        threshold(
            "growth bar",
            "the revenue growth that counts as 'high growth' (고성장): the text prints no number",
            HIGH_GROWTH,
            security_yardstick,
            (HIGH_GROWTH, "the project's bar, fixed before judging (fidelity.md 1.13)"),
            (AI_MARKET_GROWTH, "the report's own AI-market growth, 38.4% a year (lines 273-275)"),
            unit="percent",
        ),
    ),
    variants=(
        price_race(
            "vs_cibr", ("CRWD", "S", "DDOG"), "CIBR", "the three beat the cybersecurity ETF CIBR over 12 months"
        ),
    ),
)

search_ads_share = Call(
    name="search_ads_share",
    document=MIRAE_2022,
    lines=(Lines(2741, 2774),),
    title="Amazon keeps gaining search-ad share from Google",
    claim=(
        "Amazon's strength in ad-revenue share, built on shopping content, continues: in 2022 it takes 22% of US "
        "search ads (+3 pt) and Google 55% (-2 pt), and a similar trend continues."
    ),
    quote="아마존의 광고 매출 점유율 강세가 지속될 전망 … 유사한 추세가 지속될 전망",
    stance="Amazon gains share",
    yardstick=by_facts(
        "Amazon's advertising outgrows Google Search & other in 2022, 2023 and 2024 (facts.csv 2.x; share figures "
        "for those years are not in the rows, and Amazon's ad line is not pure search)",
        FactCompare(
            "2022 growth (%): Amazon advertising vs Google Search & other",
            FactValue("2.1", IN_BRACKETS),
            FactValue("2.6", IN_BRACKETS),
        ),
        FactCompare(
            "2023 growth (%): Amazon advertising vs Google Search & other (derived from two levels)",
            FactValue("2.2", IN_BRACKETS),
            FactGrowth(FactValue("2.8", r"2023 ~([\d.]+)bn", field="fact"), FactValue("2.6", r"([\d.]+) bn")),
        ),
        FactCompare(
            "2024 growth (%): Amazon advertising vs Google Search & other",
            FactValue("2.3", IN_BRACKETS),
            FactValue("2.8", r"~\+(\d+)%", field="fact"),
        ),
    ),
    variants=(price_race("amzn_vs_googl", ("AMZN",), "GOOGL", "Amazon beats Alphabet over 12 months"),),
)

social_ad_share = Call(
    name="social_ad_share",
    document=MIRAE_2022,
    lines=(Lines(2836, 2842),),
    title="TikTok takes ad share from Meta and Snap",
    claim=(
        "The shift in time spent moves ad-revenue share (TikTok up, Meta down): TikTok's 2022 share of online ads is "
        "2% (+1 pt), and it starts eating into the SNS ad market, Meta's included."
    ),
    quote=(
        "매출 점유율의 변화(틱톡 상승/메타 하락)로 이어질 전망 … 메타를 포함한 SNS에 대한 광고 시장 잠식이 "
        "본격화될 전망"
    ),
    stance="TikTok gains, Meta and Snap lose share",
    yardstick=by_facts(
        "TikTok gains ad share from Meta and Snap: Meta's ad revenue falls in 2022, TikTok outgrows Facebook and "
        "Instagram in 2024, Snap does not grow in 2023 (facts.csv 3.x); beside, not judged: Meta's 2023 ad growth",
        FactText("Meta's advertising revenue in 2022", "3.1", "2022: decline"),
        FactCompare(
            "2024 ad growth (%): TikTok vs Facebook",
            FactValue("3.6", IN_BRACKETS),
            FactValue("3.6", r"Facebook \(\+([\d.]+)%\)", field="fact"),
        ),
        FactCompare(
            "2024 ad growth (%): TikTok vs Instagram",
            FactValue("3.6", IN_BRACKETS),
            FactValue("3.6", r"Instagram \(\+([\d.]+)%\)", field="fact"),
        ),
        FactNumber("Snap's 2023 revenue growth (%)", "3.7", r"flat \((-?\d+)%\)", at_most=0.0, field="fact"),
        beside=(FactNumber("Meta's 2023 advertising growth (%)", "3.3", GROWTH),),
    ),
    variants=(
        price_race(
            "meta_vs_ixic",
            ("^IXIC",),
            "META",
            "Meta trails the NASDAQ Composite over 12 months",
            substitutes={"TikTok (private)": "^IXIC"},
        ),
    ),
)


def cloud_yardstick(year: int, bar: float = HIGH_GROWTH) -> Yardstick:
    """Fast growth: AWS, Google Cloud and Azure each grow at least ``bar`` percent in ``year`` (2023 or 2024)."""
    if year == 2023:
        checks: tuple[FactNumber | FactCompare, ...] = (
            FactNumber("AWS 2023 growth (%)", "4.2", IN_BRACKETS, at_least=bar, field="fact"),
            FactNumber("Google Cloud 2023 growth (%)", "4.7", IN_BRACKETS, at_least=bar),
            FactNumber("Azure growth, June-2023 quarter (%)", "4.9", r"(\d+)%", at_least=bar),
        )
    else:
        checks = (
            FactNumber("AWS 2024 growth (%)", "4.5", IN_BRACKETS, at_least=bar),
            FactCompare(
                "Google Cloud 2024 growth (%), from the 2023 and 2024 levels, vs the bar",
                FactGrowth(FactValue("4.8", r"^[\d,]+ / ([\d,]+)"), FactValue("4.8", r"^([\d,]+)")),
                bar,
            ),
            FactNumber("Azure growth, June-2024 quarter (%)", "4.11", r"(\d+)%", at_least=bar),
        )
    return by_facts(
        f"fast growth: AWS, Google Cloud and Azure each grow at least {bar:g}% in {year} (AIaaS revenue itself is "
        "not reported; facts.csv 4.x)",
        *checks,
    )


cloud_big3_growth = Call(
    name="cloud_big3_growth",
    document=MIRAE_2022,
    lines=(Lines(1106, 1112), Lines(1750, 1752)),
    title="AI as a service from the big three clouds (AWS, Azure, Google Cloud) grows fast",
    claim=(
        "The AI-as-a-service market the big tech companies offer grows fast (USD 1.52bn in 2018 to 10.88bn in 2023, "
        "48.2% a year), led by the three cloud companies."
    ),
    quote="빅테크 업체들이 제공하는 AI as a service 시장 규모가 빠르게 성장할 것으로 예상된다",
    stance="fast growth",
    yardstick=cloud_yardstick(2023),
    assumptions=(
        threshold(
            "growth bar",
            "the growth that counts as 'fast' (빠르게 성장): the text prints no bar for the clouds",
            HIGH_GROWTH,
            lambda bar: cloud_yardstick(2023, bar),
            (HIGH_GROWTH, "the project's bar, as for security"),
            (AIAAS_GROWTH, "the report's AI-as-a-service growth, 48.2% a year (lines 1106-1112)"),
            unit="percent",
        ),
        choice(
            "year",
            "which year shows it: the text gives the market's path to 2023, no year for the clouds",
            2023,
            cloud_yardstick,
            (2023, "the first full year after the report"),
            (2024, "a year later"),
        ),
    ),
    variants=(
        price_race(
            "vs_ixic",
            ("AMZN", "MSFT", "GOOGL"),
            "^IXIC",
            "the big three beat the NASDAQ Composite over 12 months",
            substitutes={"AWS": "AMZN", "Azure": "MSFT", "Google Cloud": "GOOGL"},
        ),
    ),
)
