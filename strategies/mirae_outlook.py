"""Mirae Asset's theme-wide expectations (2022-09-22), Sections I-VII: what the report expects of AI itself.

* ``gpt4_in_2023`` (lines 279-285, 1008): "GPT-4(23년 출시 예상)", GPT-4 is expected to launch in 2023 (facts 7.1).
* ``ai_robotics_growth`` (lines 136-140): with Tesla entering humanoid robots, "AI 로보틱스 분야가 빠르게 성장할
  것으로 예상된다" (AI robotics grows fast). The report names no robotics stock; the two robotics-and-AI ETFs in the
  data (ROBT, which the AIQ note's Table 25 lists, and BOTZ) in equal weight against the world index (ACWI) over 12
  months; the proxy (each ETF alone: they disagree), the benchmark and the horizon are assumptions.

Context the report gives without a testable call (fidelity.md 1.23), declared untestable with the reason:
``internet_platform_ai_moat`` (lines 169-181), ``health_it_incumbents`` (lines 2912-3131), ``china_ai_ecosystem``
(lines 4636-5049), ``ai_chip_startups`` (Table 13, lines 4420-4550).
"""

import datetime as dt

from aitheme.strategies.assumptions import benchmark, horizon, universe
from aitheme.strategies.blocks import hold
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.mirae_report import mirae_call
from aitheme.strategies.model import Call, Lines
from aitheme.strategies.yardsticks import FactByDate, Yardstick, beat, by_facts

gpt4_in_2023 = Call(
    name="gpt4_in_2023",
    document=MIRAE_2022,
    lines=(Lines(279, 285),),
    title="GPT-4 launches in 2023",
    claim="More advanced models such as GPT-4 (expected to launch in 2023) will speed up AI's progress.",
    quote="GPT-4(23년 출시 예상)",
    stance="expected",
    yardstick=by_facts(
        "GPT-4 released within 2023 (facts.csv 7.1)",
        FactByDate("GPT-4 released", "7.1", by=dt.date(2023, 12, 31), after=dt.date(2023, 1, 1)),
    ),
)


def robotics_yardstick(names: str) -> Yardstick:
    return beat("ACWI", description=f"AI robotics grows fast: {names} beat the world index (ACWI) over 12 months")


ai_robotics_growth = Call(
    name="ai_robotics_growth",
    document=MIRAE_2022,
    lines=(Lines(136, 140),),
    title="AI robotics grows fast (robotics-and-AI ETFs against the world index)",
    claim="With Tesla's capital, people and autonomy know-how entering humanoid robots, AI robotics will grow fast.",
    quote="AI 로보틱스 분야가 빠르게 성장할 것으로 예상된다",
    stance="positive",
    universe=("ROBT", "BOTZ"),
    benchmarks=("ACWI", "^IXIC"),
    yardstick=robotics_yardstick("the robotics ETFs"),
    assumptions=(
        universe(
            "what stands for 'AI robotics': the report names no robotics stock",
            ("ROBT", "BOTZ"),
            (("ROBT", "BOTZ"), "both robotics-and-AI ETFs in the data, equal weight"),
            (("ROBT",), "ROBT alone, the ETF the AIQ note's Table 25 lists"),
            (("BOTZ",), "BOTZ alone, the larger robotics ETF"),
        ),
        benchmark(
            "what 'grows fast' is measured against: no benchmark is printed",
            "ACWI",
            ("ACWI", "the world market"),
            ("^IXIC", "the US tech market"),
            ("SPY", "the US market"),
        ),
        horizon("the horizon: none is printed"),
    ),
    rule=hold,
    rule_text="Equal weight in ROBT and BOTZ from the 2022-09-22 close, held, against ACWI (no stock is named).",
)


def context(name: str, lines: Lines, title: str, claim: str, quote: str, why: str) -> Call:
    """Context the report gives without a testable call: declared untestable, with why."""
    return mirae_call(name, lines, title, claim, quote, stance="context", untestable=why)


internet_platform_ai_moat = context(
    "internet_platform_ai_moat",
    Lines(169, 181),
    "Internet platforms: AI competitiveness becomes platform growth",
    "In internet platforms AI competitiveness turns into platform growth (traffic, new platforms), with content.",
    "인터넷 플랫폼 산업에서는 AI 경쟁력이 곧 플랫폼의 성장으로 이어질 것으로 판단한다",
    "a thesis; its testable parts are search_ads_share, social_ad_share and the NAVER calls",
)

health_it_incumbents = context(
    "health_it_incumbents",
    Lines(3094, 3131),
    "Health IT: incumbents integrate AI vertically; stand-alone imaging-AI vendors struggle",
    "AI in health IT will likely spread by vertical integration at large incumbents; imaging-AI start-ups struggle "
    "(Zebra Medical sold to Nanox, HeartFlow's IPO withdrawn).",
    "Health IT 시장에서 AI의 활용은 대형기업에 의한 수직계열화 형태로 진행될 가능성이 높아보인다",
    "IQV, MDT, ISRG, DXCM, RMD and the imaging-AI names (Lunit, VUNO, Deepnoid, JLK, Nanox) have no price data; "
    "UNH, the one incumbent in the data, is judged as unh_note",
)

china_ai_ecosystem = context(
    "china_ai_ecosystem",
    Lines(4636, 4642),
    "The US and China in AI: the US leads, China builds its own ecosystem",
    "The US leads in AI technology and basic research; China pushes a state-led AI ecosystem.",
    "미국은 현재 AI 기술수준, 기초 연구 등에서 최선도국이다",
    "informational: no stance on a listed name; the Chinese companies it describes have no price data",
)

ai_chip_startups = context(
    "ai_chip_startups",
    Lines(4420, 4424),
    "The main AI-chip start-ups (Table 13)",
    "Table 13 lists the main global AI start-ups (SambaNova, Cerebras, Graphcore and others).",
    "표 13. 글로벌 주요 AI 스타트업",
    "private companies; the one listed name (688256.SS) has no price data",
)
