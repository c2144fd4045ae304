"""Mirae Asset, section VI.4 (2022-09-22): the listed AI drug developers, "hype or reality?", in two parts.

The section names the listed AI drug developers: Relay (RLAY), Recursion (RXRX), Exscientia (EXAI), AbCellera
(ABCL), Schrodinger (SDGR), AbSci (ABSI), Evaxion (EVAX) and BenevolentAI (BAI.AS). What it says, in order:

1. Line 3518: "상장사들의 주가는 바이오텍 지수를 언더퍼폼 하는 중" (the listed names *are* underperforming the
   biotech index), because of two discounts (lines 3528-3540): AI platforms are hard to value, and AI has not yet
   been shown to raise clinical success rates. The sentence is in the present tense: it describes where the stocks
   stand at publication and forecasts nothing, so ``ai_drug_discovery`` is context: whether the names kept
   trailing XBI over the next 12 months is measured and shown, never a verdict.
2. Lines 3542-3548: "후기 임상에 진입하는 파이프라인이 많아지고 임상 데이터가 발표되기 시작하는 시점부터 기업 주가
   반등의 기회도 가까워진다" (the rebound comes closer once pipelines reach late-stage trials and clinical data start
   to come out). ``ai_drug_discovery_after_readouts`` (part 2) buys each name at the first close after its first
   clinical readout dated in facts.csv (``READOUTS``, each citing its row), holds it 12 months, and compares it with
   XBI over the same closes. Exscientia (EXS-21546 stopped "on a Tuesday in 2023", row 9.8: no date) and AbCellera
   (Phase 1 data only guided to 1H-2026, rows 9.11-9.12) have no dated readout; BenevolentAI has no price data.
   Several of the dated readouts are Phase 1 data, not the late-stage data the text waits for: the facts hold no
   later ones yet.

Relay is the long-term watch-list name (lines 3559-3603): ``ai_drug_discovery_rlay`` against XBI over 24 months (the
benchmark and the horizon are assumptions: no yardstick is printed for a watch-list name). One forecast of Mirae's
own is dated: RLY-4008's data "could" support an FDA accelerated approval in 2023 (lines 3333-3335, hedged:
"기대해볼 수도 있는", one might expect), decided by facts.csv. The other dates of the section are the companies'
own schedules that Mirae repeats (Table 11's "예정", planned; lines 3396, 3407-3412, 3597-3601: RLY-2608's data in
1H23, the pivotal enrolment in 2H23, the cash runway to 2025, EVX-01's Phase 2b in 2H22, the other Table 11
timings): context, checked against facts.csv and shown, never counted as Mirae's forecasts.

Corporate facts the data force on the rules: Exscientia merged into Recursion on 2024-11-20 (0.7729 RXRX per EXAI
share), carried as the RXRX shares it became (``data.corporate_actions``); BenevolentAI (BAI.AS) has no price data,
so by default its eighth goes to the seven others (``missing_weight=cash`` keeps it in cash). The names, the dated
readouts and the two rules are in ``drug_readouts``.
"""

import datetime as dt

from aitheme.strategies.assumptions import HORIZONS, benchmark, choice, horizon
from aitheme.strategies.blocks import REBALANCE_FREQUENCIES, hold
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.drug_readouts import NAMES, READOUTS, UNDATED, after_readouts, listed_names
from aitheme.strategies.mirae_report import mirae_call
from aitheme.strategies.model import CONTEXT, Call, Lines, Param, variant
from aitheme.strategies.yardsticks import (
    EachAfter,
    Entry,
    FactByDate,
    FactNumber,
    MissingFact,
    Trail,
    Yardstick,
    beat,
    by_facts,
)

HELD_AFTER_READOUT = 12  # months, Mirae's rating horizon


# --- Part 1: the discount persists --------------------------------------------------------------------


ai_drug_discovery = Call(
    name="ai_drug_discovery",
    document=MIRAE_2022,
    lines=(Lines(3516, 3540),),
    title="AI drug discovery, part 1: the listed names keep trailing the biotech index before late-stage data",
    claim=(
        "Despite AI drug discovery's promise, the listed companies are underperforming the biotech index: AI "
        "platforms are hard to value and have not yet been shown to raise clinical success rates."
    ),
    quote="상장사들의 주가는 바이오텍 지수를 언더퍼폼 하는 중",
    stance="where the stocks stand (present tense)",
    kind=CONTEXT,
    why="'언더퍼폼 하는 중' describes where the stocks stand at publication (present tense), not a forecast; "
    "whether the names kept trailing XBI is measured and shown, never a verdict",
    universe=NAMES,
    benchmarks=("XBI", "SPY", "QQQ"),
    yardstick=Yardstick(
        "whether the discount persisted: the names, bought at publication, trail XBI over the next 12 months",
        (Trail("XBI"),),
    ),
    rule=listed_names,
    rule_text=(
        "Equal weight in RLAY, RXRX, EXAI, ABCL, SDGR, ABSI, EVAX from 2022-09-22, held; BenevolentAI (BAI.AS) "
        "has no price data, so its 1/8 is spread over the others (1/7 each); EXAI becomes 0.7729 RXRX per share at its "
        "2024-11-20 merger."
    ),
    params={
        "missing_weight": Param(
            "spread",
            "a named stock without price data: spread its share over the others, or keep it in cash",
            choices=("spread", "cash"),
        ),
        "rebalance": Param("none", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    },
    variants=(
        variant(
            "cash_for_missing",
            CONTEXT,
            "BenevolentAI's eighth kept in cash instead of spread",
            {"missing_weight": "cash"},
        ),
    ),
)


# --- Part 2: the rebound after readouts -----------------------------------------------------------------


def months_to_cover(entries: tuple[Entry, ...], months: int) -> int:
    """Months from the report to the end of the last entry's window: the horizon the verdict spans."""
    last = max(e.public_at.date() for e in entries)
    return (last.year - MIRAE_2022.published.year) * 12 + last.month - MIRAE_2022.published.month + months + 1


def after_readouts_yardstick(months: int) -> Yardstick:
    return Yardstick(
        f"each name bought at the first close after its first dated readout (facts.csv) and held {months} months "
        "beats XBI over the same closes, on average; open until every window is complete",
        (EachAfter("XBI", READOUTS, months=months, undated=UNDATED),),
        months=months_to_cover(READOUTS, months),
    )


ai_drug_discovery_after_readouts = Call(
    name="ai_drug_discovery_after_readouts",
    document=MIRAE_2022,
    lines=(Lines(3542, 3548), Lines(3365, 3418)),
    title="AI drug discovery, part 2: each name bought after its first clinical readout, against XBI",
    claim=(
        "The rebound comes closer from the moment more pipelines reach late-stage trials and clinical data start to "
        "come out: the readouts will show whether AI drug discovery is hype or reality."
    ),
    quote=(
        "후기 임상에 진입하는 파이프라인이 많아지고 임상 데이터가 발표되기 시작하는 시점부터 기업 주가 반등의 기회도 "
        "가까워진다"
    ),
    stance="positive once data arrive",
    universe=tuple(r.ticker for r in READOUTS),
    benchmarks=("XBI", "SPY"),
    yardstick=after_readouts_yardstick(HELD_AFTER_READOUT),
    assumptions=(
        choice(
            "months held",
            "how long after its readout a name is held: the text says the rebound comes closer, not for how long",
            HELD_AFTER_READOUT,
            after_readouts_yardstick,
            *HORIZONS,
        ),
    ),
    rule=after_readouts,
    rule_text=(
        "Buy each of RLAY, RXRX, SDGR, EVAX and ABSI at the first close after its first clinical readout dated in "
        "facts.csv (rows 8.4, 9.1, 9.13, 9.17, 9.16) and hold it 12 months; equal weight among the names held, cash "
        "when none is. EXAI and ABCL have no dated readout; BAI.AS has no price data."
    ),
    params={
        "months": Param(HELD_AFTER_READOUT, "months each name is held after its readout", low=1, high=36, sweep=(6, 12))
    },
)


# --- Relay: the watch-list name and its milestones -------------------------------------------------------

ai_drug_discovery_rlay = Call(
    name="ai_drug_discovery_rlay",
    document=MIRAE_2022,
    lines=(Lines(3559, 3605),),
    title="Relay Therapeutics (RLAY): Mirae's long-term watch-list name (not a rating)",
    claim="From a long-term perspective Relay Therapeutics is worth a look.",
    quote="장기적인 관점에서는 Relay Therapeutics(RLAY US)에 관심을 가져볼만 하다",
    stance="watch-list (long term)",
    universe=("RLAY",),
    benchmarks=("XBI", "SPY", "QQQ"),
    yardstick=beat("XBI", months=24, description="long-term watch-list name: beat XBI over 24 months"),
    assumptions=(
        benchmark(
            "the benchmark: none is printed for a watch-list name",
            "XBI",
            ("XBI", "the biotech index the section compares the names with (line 3518)"),
            ("SPY", "the broad US market"),
        ),
        horizon(
            "the horizon: 'long-term' (장기적인 관점) without a number",
            24,
            (12, "Mirae's rating horizon (line 7715)"),
            (24, "two years, the shortest 'long term'"),
            (36, "three years"),
        ),
    ),
    rule_text="Hold RLAY from the first US session after 2022-09-22.",
    rule=hold,
)


SCHEDULE = (
    "a company's own schedule (예정, planned) that Mirae repeats, not a forecast of Mirae's: checked against "
    "facts.csv and shown, never counted"
)


def schedule(name: str, lines: Lines, title: str, claim: str, quote: str, description: str, check) -> Call:
    """A company's own dated schedule that Mirae repeats: context, decided by ``check`` against facts.csv."""
    yardstick = by_facts(description, check)
    return mirae_call(
        name, lines, title, claim, quote, stance="company schedule", kind=CONTEXT, why=SCHEDULE, yardstick=yardstick
    )


relay_rly4008_approval_2023 = mirae_call(
    "relay_rly4008_approval_2023",
    Lines(3331, 3337),
    "Relay: RLY-4008's data could support an FDA accelerated approval in 2023",
    "RLY-4008's 88.2% response rate in cholangiocarcinoma is data on which an accelerated FDA approval in 2023 could "
    "be hoped for.",
    "내년 2023년 FDA 신속승인을 기대해볼 수도 있는 데이터",
    # Mirae's own inference from the data: a forecast, counted, with its hedge stated
    stance="expected, hedged ('기대해볼 수도 있는': one might expect)",
    yardstick=by_facts(
        "an approval in 2023 needs a new-drug application first: filed by the end of 2023 (facts.csv 8.3 dates the "
        "NDA)",
        FactByDate("NDA for lirafugratinib (RLY-4008) filed", "8.3", by=dt.date(2023, 12, 31)),
    ),
)

relay_rly2608_data_1h23 = schedule(
    "relay_rly2608_data_1h23",
    Lines(3396, 3396),
    "Relay: RLY-2608's first data in 1H23 (Table 11)",
    "RLY-2608 (PI3Kα inhibitor, breast cancer, Phase 1): initial data expected in 1H23.",
    "RLY-2608 유방암 임상1상 PI3Kα 저해제, 1H23 초기 데이터 발표 예정",
    "first RLY-2608 clinical data published within 1H23 (facts.csv 8.4)",
    FactByDate("RLY-2608 first clinical data (AACR)", "8.4", by=dt.date(2023, 6, 30), after=dt.date(2023, 1, 1)),
)

relay_pivotal_enrolment_2h23 = schedule(
    "relay_pivotal_enrolment_2h23",
    Lines(3597, 3599),
    "Relay: RLY-4008's pivotal study completes enrolment in 2H23",
    "The pivotal study of RLY-4008 is expected to complete enrolment in 2H23.",
    "핵심 시험(pivotal study) 임상 모집 완료 예정이 2H23이다",
    "pivotal enrolment completed within 2H23",
    MissingFact("ReFocus pivotal enrolment completed in 2H23", "facts.csv has no row dating the end of enrolment"),
)

relay_cash_runway_2025 = schedule(
    "relay_cash_runway_2025",
    Lines(3601, 3601),
    "Relay: over USD 1bn of cash, a runway to at least 2025",
    "Relay holds more than USD 1bn of cash, a runway to at least 2025.",
    "10억 달러 이상의 현금을 보유한 만큼(cash runway 최소 2025년)",
    "still funded in 2025: cash, equivalents and investments above zero at 2025-06-30 (facts.csv 8.8)",
    FactNumber("cash, cash equivalents and investments at 2025-06-30 (USD m)", "8.8", r"([\d.]+)", at_least=1.0),
)

evaxion_evx01_phase2b_2h22 = schedule(
    "evaxion_evx01_phase2b_2h22",
    Lines(3407, 3412),
    "Evaxion: EVX-01's Phase 2b doses its first patient in 2H22 (Table 11)",
    "EVX-01 (melanoma, Phase 2a): first patient of the Phase 2b expected in 2H22, with MSD as clinical partner.",
    "2H22 임상2b상 첫 환자 예상",
    "first Phase 2b patient enrolled within 2H22 (facts.csv 9.18: on 2022-09-21, the day before the report, "
    "made public later)",
    FactByDate("EVX-01 Phase 2b first patient", "9.18", by=dt.date(2022, 12, 31), after=dt.date(2022, 7, 1)),
)

drug_pipeline_timelines = Call(
    name="drug_pipeline_timelines",
    document=MIRAE_2022,
    lines=(Lines(3365, 3418),),
    title="The other pipeline timings of Table 11 (Recursion, Evaxion, BenevolentAI)",
    claim=(
        "REC-4881 starts Phase 2 in 3Q22; REC-3964 starts Phase 1 in 2H22; EVX-02 reports Phase 2 data in 1H23; "
        "BEN8744 starts Phase 1 in 1H23."
    ),
    quote="3Q22 임상2상 개시 예정 … 2H22 임상1상 개시 예정 … 1H23 데이터 결과 예정 … 1H23 임상1상 개시 예정",
    stance="company schedules",
    kind=CONTEXT,
    why=SCHEDULE,
    yardstick=by_facts(
        "each milestone dated within the quarter or half the table gives (facts.csv)",
        MissingFact("REC-4881 Phase 2 start in 3Q22", "no row dates it (9.4 is its 2025 data)"),
        MissingFact("REC-3964 Phase 1 start in 2H22", "no row dates it (9.6 is its 2025 discontinuation)"),
        MissingFact("EVX-02 Phase 2 data in 1H23", "no row on EVX-02"),
        MissingFact("BEN8744 Phase 1 start in 1H23", "no row on BenevolentAI's pipeline"),
    ),
)
