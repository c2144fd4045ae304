"""NVIDIA around US export controls on AI chips (Mirae Asset, 2022-09-22, NVDA company note).

The call: the 2022-08-26 licence requirement for A100/H100 sales to China is short-term uncertainty ("단기간
불확실성", L6318) on a mid/long-term story that is still intact ("중장기 스토리는 여전히 유효", L6174); a mid/long-term
investor should "consider entry timing" (L6172) with the US-China issue as a checkpoint (L6176). Two readings, run on
every negative export-control event of the event calendar (category ``export_control``, direction ``negative``):

1. *Buy the shock* (default): after each negative event, watch ``window`` sessions from the first session the news
   is known; on the first close at least ``drop`` below the last close before the event, buy NVDA and hold it
   ``hold`` sessions (holding periods that overlap merge). Cash otherwise.
2. *Step aside* (variant ``step_aside``): hold NVDA, but leave it for ``aside`` sessions from each negative event's
   first known session.

An event is known at the close of its session (``Context.events``); the rows of unknown time of day move one
session later (``shift_unknown``). Events before the publication still count when their window reaches past it.
``nvda_export_controls.hindsight`` applies the same rule from the disclosure itself (2022-09-01): a test of the
report's reading on the event it describes, before the report existed; history, not a tradable call.

Both rules compute their positions for a whole parameter grid in one numpy pass (``grid``); ``rule`` is that
pass for one combination, so a sweep and a single run agree by construction.
"""

from __future__ import annotations

import datetime as dt

import numba
import numpy as np
import pandas as pd

from aitheme.strategies.context import Context
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import HINDSIGHT, HYPOTHESIS, Call, Lines, Param, Params, variant
from aitheme.strategies.yardsticks import AbsoluteReturn, Yardstick

TICKER = "NVDA"
RULES = ("buy_shock", "step_aside")


def negative_event_positions(ctx: Context, shift_unknown: bool) -> np.ndarray:
    """Positions in the sessions of the closes on which each negative export-control event is known."""
    events = ctx.events(category="export_control", direction="negative", shift_unknown=shift_unknown)
    sessions = pd.DatetimeIndex(events["session"].dropna())
    return np.unique(ctx.sessions.get_indexer(sessions))


@numba.njit(cache=True)
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


def step_aside_orders(close: np.ndarray, events: np.ndarray, start: int, aside) -> np.ndarray:
    """(n, C) target weights of the step-aside rule: NVDA from ``start`` except ``aside`` sessions per event."""
    aside = np.atleast_1d(np.asarray(aside)).astype(np.int64)
    begins = np.repeat(events[:, None], len(aside), axis=1).astype(np.int64)
    return _interval_orders(begins, aside, np.ones(begins.shape, dtype=np.bool_), start, len(close), 0.0, 1.0)


def grid(ctx: Context, combos: pd.DataFrame) -> np.ndarray:
    """Target weights for every row of ``combos`` at once: array (sessions, combinations, 1)."""
    close = ctx.close[TICKER].to_numpy(dtype=float)
    start = ctx.sessions.get_loc(ctx.entry)
    orders = np.empty((len(close), len(combos)))
    for (shift, rule), rows in combos.groupby(["shift_unknown", "rule"], sort=False):
        events = negative_event_positions(ctx, bool(shift))
        if rule == "buy_shock":
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


nvda_export_controls = Call(
    name="nvda_export_controls",
    document=MIRAE_2022,
    lines=(Lines(6298, 6322), Lines(6166, 6176)),
    title="NVIDIA around US export controls: buy the shock (or step aside)",
    claim=(
        "The China export limits are short-term uncertainty on an intact mid/long-term story; mid/long-term "
        "investors should consider their entry timing."
    ),
    quote="단기간 불확실성이 존재하는 만큼 상황을 예의주시; 중장기 투자 관점에서 진입 시기 고려",
    stance="entry timing for the mid/long term",
    universe=(TICKER,),
    benchmarks=("NVDA", "SMH", "^SOX"),
    yardstick=Yardstick(
        "at least +20% over the 12 months after the first trade (Mirae's Buy)", (AbsoluteReturn(0.20),)
    ),
    rule=rule,
    grid_rule=grid,
    rule_text=(
        "After each negative US export-control event, buy NVDA on the first close at least 5% below the "
        "pre-event close within 20 sessions and hold 60 sessions; cash otherwise (from 2022-09-22)."
    ),
    params={
        "rule": Param(
            "buy_shock", "buy_shock: buy NVDA after an event's drop; step_aside: leave NVDA after events", choices=RULES
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
            "step_aside",
            HYPOTHESIS,
            "hold NVDA but leave it for 5 sessions after each negative event",
            {"rule": "step_aside"},
        ),
        variant(
            "hindsight",
            HINDSIGHT,
            "the buy-the-shock rule from the 2022-08-31 disclosure (first session "
            "2022-09-01), before the report existed",
            trade_from=dt.date(2022, 9, 1),
        ),
    ),
)
