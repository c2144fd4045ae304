"""NVIDIA and the US export controls on AI chips (Mirae Asset, 2022-09-22): the NVDA note's reading, and the event.

What the note says (lines 6166-6176, 6308-6322): the 2022-08-26 licence requirement for A100/H100 sales to China
is short-term uncertainty, "단기간 불확실성이 존재하는 만큼 상황을 예의주시" (watch closely, L6318), on a story that
is intact, "중장기 스토리는 여전히 유효" (L6174); the second half will be weak and the recovery starts with the
RTX40/H100 shipments "내년 상반기" (1H23, L6170, L6320-6322); so "중장기 투자 관점에서 진입 시기 고려" (a mid/long-term
investor should consider the entry timing, L6172), with the US-China issue as a checkpoint (L6176).

``nvda_export_controls`` is the call of the section: a mid/long-term entry, timed. The note gives no split and no
date ("진입 시기 고려", consider the entry timing): the staging is the assumption ``first_tranche``, read from all
at publication (1) to all at the first session of 2023 (0), when the note expects the recovery to begin; the
verdict uses half now and half then. Judged as the NVDA note is (``company_notes.nvda_note``): no rating is
printed, so it must beat the NASDAQ Composite its key data print (line 6189) over 12 months; the industry index
(^SOX) and the horizon are assumptions too.

Hypotheses (the project's ideas, no verdict), run on every negative export-control event of the event calendar
(category ``export_control``, direction ``negative``):

1. *Buy the shock* (``buy_shock``): after each negative event, watch ``window`` sessions from the first session the
   news is known; on the first close at least ``drop`` below the last close before the event, buy NVDA and hold it
   ``hold`` sessions (holding periods that overlap merge); cash otherwise. The note gives no trigger and no
   holding period, and it speaks of one event, not of the 2023-2026 ones. It is the sweep showcase
   (``aitheme sweep nvda_export_controls.buy_shock``).
2. *Step aside* (``step_aside``): hold NVDA, but leave it for ``aside`` sessions from each negative event.

An event is known at the close of its session (``Context.events``); rows of unknown time of day move one session
later (``shift_unknown``). ``nvda_export_controls.hindsight`` applies buy-the-shock from the disclosure itself
(2022-09-01), before the report existed: history, no verdict.

``export_controls_reaction`` is context: lines 4555-4569 report the 2022-08-26 notification to NVIDIA and AMD and
its scope (news the report describes, not a forecast). NVIDIA's and AMD's abnormal reaction against ^SOX (market
model, the event session and the next) to the first rules after the report (A03, 2022-10-07: its Friday session
also absorbed AMD's own profit warning of the evening before) and to the 2022-08-31 disclosure (A01) is measured
and shown, never a verdict. Lam Research, KLA and Applied Materials, named as notified, have no price data.

``export_controls_continue``: "당분간 미국의 이런 제재 활동은 지속될 것으로 예상" (the US sanctions will continue for
the time being, lines 5164-5174), decided by the dated rows of facts.csv; "for the time being" is the assumption
``horizon``.

The rules, their parameters and the one numpy pass that computes them for a whole parameter grid are in
``nvda_event_rules``.
"""

import datetime as dt

from aitheme.strategies.assumptions import deadline, horizon, parameter
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.mirae_report import NVDA_NOTE_BENCHMARK, NVDA_NOTE_YARDSTICK, after_report
from aitheme.strategies.model import CONTEXT, HINDSIGHT, HYPOTHESIS, Call, Lines, variant
from aitheme.strategies.nvda_event_rules import PARAMS, TICKER, grid, rule
from aitheme.strategies.yardsticks import EventReaction, FactByDate, Yardstick, by_facts

nvda_export_controls = Call(
    name="nvda_export_controls",
    document=MIRAE_2022,
    lines=(Lines(6166, 6176), Lines(6298, 6322)),
    title="NVIDIA through the export controls: enter in two steps for the mid/long term (half now, half in 1H23)",
    claim=(
        "The China export limits are short-term uncertainty on an intact mid/long-term story; results recover from "
        "1H23 with the RTX40/H100 shipments, so mid/long-term investors should consider their entry timing."
    ),
    quote=(
        "중장기 투자 관점에서 진입 시기 고려 … 중장기 스토리는 여전히 유효 … 단기간 불확실성이 존재하는 만큼 상황을 "
        "예의주시할 필요가 있다"
    ),
    stance="mid/long-term entry (staged)",
    universe=(TICKER,),
    benchmarks=("^IXIC", "^SOX", "SMH"),
    yardstick=NVDA_NOTE_YARDSTICK,
    assumptions=(
        parameter(
            "first_tranche",
            "the share bought at publication, the rest at the first session of 2023: the note says 'consider the "
            "entry timing' (진입 시기 고려) and gives no split and no date",
            0.5,
            (1.0, "all at publication: no split"),
            (0.0, "all at the first close of 2023, when the note expects the recovery (1H23)"),
            unit="%",
            scan=True,
        ),
        NVDA_NOTE_BENCHMARK,
        horizon("the horizon: 'mid/long term' (중장기) without a number"),
    ),
    rule=rule,
    grid_rule=grid,
    rule_text=(
        "Buy half a position in NVDA at the 2022-09-22 close and the other half at the first close of 2023 "
        "(2023-01-03), when the note expects the recovery to begin; hold."
    ),
    params=PARAMS,
    variants=(
        variant(
            "buy_shock",
            HYPOTHESIS,
            "the project's idea: after each negative export-control event to 2026, buy NVDA on a close 5% below the "
            "pre-event close within 20 sessions and hold 60 sessions, cash otherwise (the note gives no trigger and "
            "no holding period)",
            {"rule": "buy_shock"},
        ),
        variant(
            "step_aside",
            HYPOTHESIS,
            "the project's idea: hold NVDA but leave it for 5 sessions after each negative event",
            {"rule": "step_aside"},
        ),
        variant(
            "hindsight",
            HINDSIGHT,
            "buy the shock from the 2022-08-31 disclosure (first session 2022-09-01), before the report existed",
            {"rule": "buy_shock"},
            trade_from=dt.date(2022, 9, 1),
        ),
    ),
)

export_controls_reaction = Call(
    name="export_controls_reaction",
    document=MIRAE_2022,
    lines=(Lines(4555, 4569), Lines(6308, 6318)),
    title="The US export controls hit NVIDIA and AMD: their abnormal reaction to the October 2022 rules",
    claim=(
        "On 26 August the US government told NVIDIA and AMD to stop exporting high-end AI chips to China and "
        "Russia (A100, H100; AMD's MI250); Lam Research, KLA and Applied Materials were notified too."
    ),
    quote=(
        "지난 8월 26일 미 정부는 엔비디아/AMD에게 중국/러시아에 AI용 고성능 반도체 수출을 중단하라 통보하였다 … "
        "AMD도 MI250의 중국 수출이 제한될 예정"
    ),
    stance="reported notification",
    kind=CONTEXT,
    why="the report describes the 2022-08-26 notification and its scope: news it reports, not a forecast",
    yardstick=Yardstick(
        "NVDA's and AMD's abnormal returns (market model vs ^SOX, the event session and the next) to the first US "
        "export-control rules after the report (A03, 2022-10-07); the 2022-08-31 disclosure (A01) preceded the "
        "report",
        (
            EventReaction(
                ("NVDA", "AMD"),
                "^SOX",
                events=("A03",),
                expect="negative",
                context=("A01",),
                unpriced=("LRCX", "KLAC", "AMAT"),
            ),
        ),
        months=0,
    ),
)


def sanctions_continue(months: int) -> Yardstick:
    """New US export-control rules on advanced chips within ``months`` after the report (facts.csv 14.4)."""
    return by_facts(
        f"new US export-control rules on advanced chips within the {months} months after the report (facts.csv)",
        FactByDate(
            "BIS rules on advanced computing and chip equipment for China",
            "14.4",
            by=after_report(months),
            after=MIRAE_2022.published,
        ),
    )


export_controls_continue = Call(
    name="export_controls_continue",
    document=MIRAE_2022,
    lines=(Lines(5164, 5176),),
    title="US sanctions on China's chips continue for the time being",
    claim=(
        "The US wants to keep China at least two technology generations behind; these sanctions will continue for "
        "the time being (in an extreme case they could extend to CPUs, DPUs, FPGAs and networking: a possibility, "
        "not judged)."
    ),
    quote="당분간 미국의 이런 제재 활동은 지속될 것으로 예상된다",
    stance="more sanctions expected",
    yardstick=sanctions_continue(12),
    assumptions=(
        deadline(
            "how long 'for the time being' (당분간) is: no number is printed",
            sanctions_continue,
            12,
            (6, "six months"),
            (12, "Mirae's rating horizon (line 7715)"),
            (24, "two years"),
        ),
    ),
)
