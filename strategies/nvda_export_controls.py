"""NVIDIA and the US export controls on AI chips (Mirae Asset, 2022-09-22): the NVDA note's reading, and the event.

What the note says (lines 6166-6176, 6308-6322): the 2022-08-26 licence requirement for A100/H100 sales to China
is short-term uncertainty, "단기간 불확실성이 존재하는 만큼 상황을 예의주시" (watch closely, L6318), on a story that
is intact, "중장기 스토리는 여전히 유효" (L6174); the second half will be weak and the recovery starts with the
RTX40/H100 shipments "내년 상반기" (1H23, L6170, L6320-6322); so "중장기 투자 관점에서 진입 시기 고려" (a mid/long-term
investor should consider the entry timing, L6172), with the US-China issue as a checkpoint (L6176).

``nvda_export_controls`` is the call of the section: enter in two steps, ``first_tranche`` (half) at the call's
first possible trade and the rest at the first session of 2023, when the note expects the recovery to begin; held.
Judged as the NVDA note is (``company_notes.nvda_note``, bought at once and held): no rating is printed, so it must
beat both the NASDAQ Composite its key data print and its industry index ^SOX over 12 months.

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

``export_controls_reaction`` is the report's statement that the controls hit NVIDIA and AMD (lines 4555-4563):
their abnormal reaction against ^SOX (market model, the event session and the next). The verdict counts the first
rules after the report (A03, 2022-10-07: its Friday session also absorbed AMD's own profit warning of the evening
before). The 2022-08-31 disclosure (A01) preceded the report, which describes it: its reaction is shown as context,
never judged. Lam Research, KLA and Applied Materials, named as notified (lines 4565-4569), have no price data.

``export_controls_continue``: "당분간 미국의 이런 제재 활동은 지속될 것으로 예상" (the US sanctions will continue for
the time being, lines 5164-5174), decided by the dated rows of facts.csv.

Every rule computes its positions for a whole parameter grid in one numpy pass (``grid``); ``rule`` is that pass
for one combination, so a sweep and a single run agree by construction.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from aitheme.data.compiled import kernel
from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import HINDSIGHT, HYPOTHESIS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import Beat, EventReaction, FactByDate, Yardstick

TICKER = "NVDA"
RULES = ("staged", "buy_shock", "step_aside")
# "전체적인 실적 개선 시기는 ... 내년 상반기" (lines 6170, 6320-6322): the recovery starts in 1H23, so the second
# tranche is bought at the first session of 2023.
SECOND_TRANCHE = dt.date(2023, 1, 1)


def negative_event_positions(ctx: Context, shift_unknown: bool) -> np.ndarray:
    """Positions in the sessions of the closes on which each negative export-control event is known."""
    events = ctx.events(category="export_control", direction="negative", shift_unknown=shift_unknown)
    sessions = pd.DatetimeIndex(events["session"].dropna())
    return np.unique(ctx.sessions.get_indexer(sessions))


@kernel()
def _interval_orders(begins, lengths, valid, start, n, inside, outside):  # pragma: no cover - compiled
    """Orders (n, C) for positions that are ``inside`` on [begin, begin + length) and ``outside`` elsewhere.

    Intervals of one column that overlap or touch merge into one; rows before ``start`` place no order, the
    ``start`` row states the position held there, later rows only where the position changes.
    """
    orders = np.full((n, begins.shape[1]), np.nan)
    for c in range(begins.shape[1]):
        order = np.argsort(begins[:, c])
        end = -1
        for j in order:
            if not valid[j, c]:
                continue
            begin, stop = max(begins[j, c], start), min(begins[j, c] + lengths[c], n)
            if stop <= start:
                continue
            if begin > end:  # a new holding period: close the previous one, open this one
                if start <= end < n:
                    orders[end, c] = outside
                orders[begin, c] = inside
                end = stop
            else:
                end = max(end, stop)
        if start <= end < n:
            orders[end, c] = outside
        if np.isnan(orders[start, c]):
            orders[start, c] = outside
    return orders


def buy_shock_orders(close: np.ndarray, events: np.ndarray, start: int, drop, window, hold) -> np.ndarray:
    """(n, C) target weights of the buy-the-shock rule for C combinations of ``drop``, ``window``, ``hold``."""
    n = len(close)
    drop, window, hold = (np.atleast_1d(np.asarray(v)) for v in (drop, window, hold))
    events = events[events >= 1]
    widest = int(window.max())
    rows = events[:, None] + np.arange(widest)[None, :]
    seen = (rows < n) & (rows >= start)
    change = close[np.minimum(rows, n - 1)] / close[events - 1][:, None] - 1.0
    # Running minimum of the move since the pre-event close: the first offset where it reaches -drop is the first
    # close at least ``drop`` below it.
    worst = np.minimum.accumulate(np.where(seen & np.isfinite(change), change, np.inf), axis=1)
    levels, which = np.unique(drop, return_inverse=True)
    reached = worst[:, :, None] <= -levels[None, None, :]
    first = np.where(reached.any(axis=1), np.argmax(reached, axis=1), widest)[:, which]  # (events, C)
    triggered = first < window[None, :]
    return _interval_orders(events[:, None] + first, hold.astype(np.int64), triggered, start, n, 1.0, 0.0)


def staged_orders(n: int, start: int, second: int | None, first_tranche) -> np.ndarray:
    """(n, C) target weights of the staged entry: ``first_tranche`` at ``start``, all in at ``second``."""
    first_tranche = np.atleast_1d(np.asarray(first_tranche, dtype=float))
    orders = np.full((n, len(first_tranche)), np.nan)
    if second is None or second <= start:  # no later session in the data, or the entry already past it
        orders[start] = 1.0 if second is not None else first_tranche
        return orders
    orders[start] = first_tranche
    orders[second] = 1.0
    return orders


def step_aside_orders(close: np.ndarray, events: np.ndarray, start: int, aside) -> np.ndarray:
    """(n, C) target weights of the step-aside rule: NVDA from ``start`` except ``aside`` sessions per event."""
    aside = np.atleast_1d(np.asarray(aside)).astype(np.int64)
    begins = np.repeat(events[:, None], len(aside), axis=1).astype(np.int64)
    return _interval_orders(begins, aside, np.ones(begins.shape, dtype=np.bool_), start, len(close), 0.0, 1.0)


def grid(ctx: Context, combos: pd.DataFrame) -> np.ndarray:
    """Target weights for every row of ``combos`` at once: array (sessions, combinations, 1)."""
    close = ctx.close[TICKER].to_numpy(dtype=float)
    start = ctx.sessions.get_loc(ctx.entry)
    second = ctx.decision_for(SECOND_TRANCHE)
    second = None if second is None else ctx.sessions.get_loc(second)
    orders = np.empty((len(close), len(combos)))
    for (shift, rule), rows in combos.groupby(["shift_unknown", "rule"], sort=False):
        events = negative_event_positions(ctx, bool(shift))
        if rule == "staged":
            part = staged_orders(len(close), start, second, rows["first_tranche"].to_numpy())
        elif rule == "buy_shock":
            part = buy_shock_orders(
                close, events, start, rows["drop"].to_numpy(), rows["window"].to_numpy(), rows["hold"].to_numpy()
            )
        else:
            part = step_aside_orders(close, events, start, rows["aside"].to_numpy())
        orders[:, combos.index.get_indexer(rows.index)] = part
    return orders[:, :, None]


def rule(ctx: Context, params: Params) -> pd.DataFrame:
    """``grid`` for one combination."""
    orders = grid(ctx, pd.DataFrame([dict(params)]))[:, 0, :]
    return pd.DataFrame(orders, index=ctx.sessions, columns=[TICKER])


TOP_PICK_YARDSTICK = Yardstick(
    "no rating is printed: beat both the NASDAQ Composite the NVDA key data print and the semiconductor index "
    "(^SOX) over the 12 months after the first trade",
    (Beat("^IXIC"), Beat("^SOX")),
)

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
    yardstick=TOP_PICK_YARDSTICK,
    rule=rule,
    grid_rule=grid,
    rule_text=(
        "Buy half a position in NVDA at the 2022-09-22 close and the other half at the first close of 2023 "
        "(2023-01-03), when the note expects the recovery to begin; hold."
    ),
    params={
        "rule": Param(
            "staged",
            "staged: half now, half at the start of 1H23 (the note); buy_shock, step_aside: the project's event rules",
            choices=RULES,
        ),
        "first_tranche": Param(
            0.5,
            "staged: the share of the position bought at the first trade (the rest at the first session of 2023)",
            low=0.0,
            high=1.0,
            sweep=(0.0, 0.25, 0.5, 0.75, 1.0),
        ),
        "drop": Param(
            0.05,
            "buy_shock: fall from the pre-event close that triggers the entry",
            low=0.0,
            high=0.9,
            sweep=(0.02, 0.04, 0.06, 0.08, 0.10),
        ),
        "window": Param(
            20,
            "buy_shock: sessions after the event in which the fall must happen",
            low=1,
            high=250,
            sweep=(5, 10, 20, 40),
        ),
        "hold": Param(
            60, "buy_shock: sessions NVDA is held after the entry", low=1, high=1000, sweep=(5, 10, 20, 60, 120)
        ),
        "aside": Param(
            5, "step_aside: sessions out of NVDA after each event", low=1, high=250, sweep=(1, 2, 5, 10, 20)
        ),
        "shift_unknown": Param(True, "move events of unknown time of day one session later"),
    },
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
    stance="negative for NVDA and AMD",
    yardstick=Yardstick(
        "NVDA's and AMD's abnormal returns (market model vs ^SOX, the event session and the next) to the first US "
        "export-control rules after the report (A03, 2022-10-07) are both negative; the 2022-08-31 disclosure (A01) "
        "preceded the report, which describes it: context, not judged",
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
    yardstick=Yardstick(
        "new US export-control rules on advanced chips within the 12 months after the report (facts.csv)",
        (
            FactByDate(
                "BIS rules on advanced computing and chip equipment for China",
                "14.4",
                by=dt.date(2023, 9, 22),
                after=dt.date(2022, 9, 22),
            ),
        ),
        months=0,
    ),
)
