"""SoftBank's AI push and the pressure on NAVER over LINE Yahoo (Korean news article, 2024-06-20 16:34 KST).

The article (``003_…``) reports, and predicts no share price:

* Son at the SoftBank AGM: "ready to invest in big tech" (line 19); SoftBank Group's AI projects of about 88
  trillion won, AI chips at Arm (ARM), data centres (line 25); in February, Bloomberg reported Son raising USD 100bn
  for a chipmaker to rival NVIDIA (line 23);
* SoftBank Corp's CEO Miyakawa: "we will develop our own AI" and spend on "AI services and next-generation
  infrastructure" (line 25);
* analysts' reading that Japan, SoftBank and LINE Yahoo want NAVER out ("脫네이버", headline and lines 17, 27), and
  Miyakawa: "we are in talks with NAVER (about the stake)" (line 29).

The article forecasts nothing: it reports what happened and what a CEO said. Its three statements are context,
checked against dated facts of ``data/facts.csv`` and shown, never a verdict, never counted:

1. ``naver_ly_stake``: SoftBank's CEO says it is "협의하고 있다" (in talks) with NAVER; nobody in the article predicts
   a sale, so no stance is taken. What followed: the ledger's last status of the talks (row 10.4, 2024-07-16) is
   "review suspended", the 50/50 A Holdings kept; rows 10.2 and 10.3 are NAVER's "no sale" (2024-05-14) and "no
   short-term sale" (2024-07-02); the research found no later agreement (facts.md, claim 10: searched for 2025).
2. ``softbank_corp_ai_infra``: the CEO's stated plan, AI of its own and next-generation infrastructure (row 11.6:
   plan for Japan's largest AI supercomputer announced 2024-11-13; ``.deployed``: the GPUs in service, row 11.7,
   low confidence).
3. ``softbank_chip_venture_report``: the article reports that Bloomberg ran a story in February 2024, USD 100bn
   (row 11.4, 2024-02-16).

The price strategies are the project's hypotheses: ``softbank_ai_push`` holds SoftBank Group (9984.T) against the
Nikkei (``.vs_naver``: against NAVER in yen; ``.arm``: Arm, named on line 25, against the Philadelphia
semiconductor index); ``naver_line_yahoo`` holds the KOSPI instead of NAVER. SoftBank Corp (9434.T) and LY Corp
(4689.T), named on lines 25-29, have no prices in the data: neither is held by any entry.
"""

import datetime as dt

from aitheme.strategies.blocks import hold
from aitheme.strategies.documents import NEWS_SOFTBANK_2024
from aitheme.strategies.model import CONTEXT, HYPOTHESIS, Call, Lines, variant
from aitheme.strategies.yardsticks import FactByDate, FactNumber, FactText, Yardstick, beat, by_facts

SIX_MONTHS, TWELVE_MONTHS, TWENTY_FOUR_MONTHS = dt.date(2024, 12, 20), dt.date(2025, 6, 20), dt.date(2026, 6, 20)
NOT_IN_DATA = "SoftBank Corp (9434.T) and LY Corp (4689.T), named on lines 25-29, have no prices in the data"


def stake_sale(by: dt.date, months: int) -> Yardstick:
    """What became of the talks by ``by``: the ledger's status of the talks (row 10.4), dated within the horizon,
    and whether it records a sale agreed (a check of what followed, not of a forecast)."""
    return Yardstick(
        f"what followed the talks: did NAVER agree to sell part of its LY (A Holdings) stake within {months} months",
        (
            FactByDate("the latest status of the stake talks is dated within the horizon", "10.4", by),
            FactText("that status records a sale agreed", "10.4", "sale agreed"),
        ),
        months=months,
    )


naver_ly_stake = Call(
    name="naver_ly_stake",
    document=NEWS_SOFTBANK_2024,
    lines=(Lines(1, 1), Lines(17, 17), Lines(27, 29)),
    title="Japan pushes NAVER out of LINE Yahoo; SoftBank says it is in talks with NAVER over the stake",
    claim=(
        "Japan, SoftBank and LINE Yahoo are accelerating the de-Naverization of LINE Yahoo; SoftBank's CEO says it "
        "is negotiating with NAVER over the stake."
    ),
    quote="日, AI 패권 위해 脫네이버 가속화 … 네이버와 (지분에 대해) 협의하고 있다",
    stance="reported pressure (no stock view)",
    kind=CONTEXT,
    why="the article reports the pressure and quotes SoftBank's CEO: in talks (협의하고 있다); nobody predicts a sale",
    yardstick=stake_sale(TWELVE_MONTHS, 12),
    variants=(
        variant(
            "six_months",
            CONTEXT,
            "the same status read at six months instead of twelve",
            yardstick=stake_sale(SIX_MONTHS, 6),
        ),
    ),
)

softbank_corp_ai_infra = Call(
    name="softbank_corp_ai_infra",
    document=NEWS_SOFTBANK_2024,
    lines=(Lines(25, 25),),
    title="SoftBank Corp develops its own AI and invests in next-generation AI infrastructure",
    claim=(
        "SoftBank Corp's CEO: we will develop our own AI and use the investment for AI services and "
        "next-generation infrastructure; METI supports SoftBank's AI supercomputer."
    ),
    quote="“자체 AI를 개발하겠다”며 “AI 서비스와 차세대 인프라 구축 등에 투자금을 사용할 것”",
    stance="reported plan",
    kind=CONTEXT,
    why="the article quotes the CEO's stated plan: a company's own plan, not a forecast",
    yardstick=Yardstick(
        "SoftBank Corp announces its AI computing build-out within twelve months of the article",
        (FactByDate("SoftBank Corp's AI supercomputer plan announced", "11.6", TWELVE_MONTHS),),
        months=12,
    ),
    variants=(
        variant(
            "deployed",
            CONTEXT,
            "the GPUs in service (facts.csv 11.7, low confidence) within 24 months, instead of the plan announced",
            yardstick=Yardstick(
                "SoftBank Corp's AI supercomputer is in service within 24 months of the article",
                (FactByDate("SoftBank Corp's DGX B200 SuperPOD deployed", "11.7", TWENTY_FOUR_MONTHS),),
                months=24,
            ),
        ),
    ),
)

softbank_chip_venture_report = Call(
    name="softbank_chip_venture_report",
    document=NEWS_SOFTBANK_2024,
    lines=(Lines(23, 23),),
    title="Bloomberg reported in February that Son seeks USD 100bn for a chipmaker to rival NVIDIA",
    claim="In February Bloomberg reported that Son was raising USD 100bn to found a chipmaker competing with NVIDIA.",
    quote=(
        "앞서 2월에는 블룸버그통신이 손 회장은 엔비디아와 경쟁할 반도체 제조사를 설립을 위해 "
        "1000억 달러의 자금을 조달하려 한다고 보도"
    ),
    stance="reported fact",
    kind=CONTEXT,
    why="the article reports that a story ran in February: news of the past, not a forecast",
    yardstick=by_facts(
        "Bloomberg's report is dated February 2024 and puts the venture at USD 100bn",
        FactByDate("Bloomberg's Izanagi report dated in February 2024", "11.4", dt.date(2024, 2, 29)),
        FactNumber("the reported size, USD bn", "11.4", r"\$(\d+)bn", at_least=100, at_most=100),
    ),
)

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
    why=(
        "the article makes no share-price prediction; holding SoftBank Group for six months is the project's "
        f"idea ({NOT_IN_DATA})"
    ),
    yardstick=beat("^N225", months=6, description="beat the Nikkei 225 over the six months after the article"),
    rule=hold,
    rule_text="Hold SoftBank Group (9984.T) from the 2024-06-21 Tokyo close, against the Nikkei 225 (and NAVER).",
    variants=(
        variant(
            "vs_naver",
            HYPOTHESIS,
            "the same holding judged against NAVER, in yen (the article sets SoftBank against NAVER over LINE "
            "Yahoo, not as a stock pair)",
            yardstick=beat(
                "035420.KS",
                months=6,
                description="SoftBank Group beats NAVER (both in yen) over the six months after the article",
            ),
        ),
        variant(
            "arm",
            HYPOTHESIS,
            "Arm, where line 25 says SoftBank Group's AI chips are developed, against the Philadelphia "
            "semiconductor index from its first possible trade",
            universe=("ARM",),
            benchmarks=("^SOX",),
            currency="USD",
            yardstick=beat("^SOX", months=6, description="Arm beats the PHLX semiconductor index over six months"),
            rule_text="Hold Arm (ARM) from the first New York close after the article, against ^SOX.",
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
    why=(
        "the article makes no share-price prediction (a stake sale could even raise cash); NAVER trailing the "
        "KOSPI is the project's idea; the article's own claim is naver_ly_stake"
    ),
    yardstick=beat("035420.KS", months=6, description="NAVER trails the KOSPI over the six months after the article"),
    rule=hold,
    rule_text="Hold the KOSPI instead of NAVER from the 2024-06-21 Seoul close; right if the KOSPI beats NAVER.",
)
