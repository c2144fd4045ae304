"""The NVIDIA export-control rules of ``nvda_export_controls``: a staged entry and two event rules, for a whole
parameter grid in one numpy pass.

1. The events: every negative export-control event of the calendar (category ``export_control``, direction
   ``negative``), each on the session whose close first knows it (``Context.events``); rows of unknown time of day
   move one session later (``shift_unknown``).
2. ``staged`` (the call): ``first_tranche`` of the position at the entry, the rest at the first session of 2023.
3. ``buy_shock``: after each event, watch ``window`` sessions from the first session the news is known; on the first
   close at least ``drop`` below the last close before the event, buy NVDA and hold it ``hold`` sessions (holding
   periods that overlap merge); cash otherwise.
4. ``step_aside``: hold NVDA from the entry, but leave it for ``aside`` sessions from each event.
5. ``grid`` computes the target weights of every combination of a sweep at once; ``rule`` is that pass for one
   combination, so a sweep and a single run agree by construction. ``PARAMS`` declares the parameters of all three.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from aitheme.data.compiled import kernel
from aitheme.strategies.context import Context
from aitheme.strategies.model import Param, Params

TICKER = "NVDA"
RULES = ("staged", "buy_shock", "step_aside")
# "전체적인 실적 개선 시기는 ... 내년 상반기" (lines 6170, 6320-6322): the recovery starts in 1H23, so the second
# tranche is bought at the first session of 2023.
SECOND_TRANCHE = dt.date(2023, 1, 1)


def negative_event_positions(ctx: Context, shift_unknown: bool) -> np.ndarray:
    """Positions in the sessions of the closes on which each negative export-control event is known."""
    return ctx.event_positions(category="export_control", direction="negative", shift_unknown=shift_unknown)


@kernel(nogil=True)  # a sweep's threads build their chunks' orders side by side
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

    def orders_of(shift: bool, rule: str, rows: pd.DataFrame) -> np.ndarray:
        events = negative_event_positions(ctx, shift)
        if rule == "staged":
            return staged_orders(len(close), start, second, rows["first_tranche"].to_numpy())
        if rule == "buy_shock":
            drop, window, hold = (rows[name].to_numpy() for name in ("drop", "window", "hold"))
            return buy_shock_orders(close, events, start, drop, window, hold)
        return step_aside_orders(close, events, start, rows["aside"].to_numpy())

    # A sweep's chunk is usually one rule with one event timing: its orders are the whole answer, no copy.
    shifts, rules = combos["shift_unknown"].to_numpy(dtype=bool), combos["rule"].to_numpy(dtype=object)
    kinds = list(dict.fromkeys(zip(shifts.tolist(), rules.tolist(), strict=True)))
    if len(kinds) == 1:
        return orders_of(*kinds[0], combos)[:, :, None]
    orders = np.empty((len(close), len(combos)))
    for shift, rule in kinds:
        rows = (shifts == shift) & (rules == rule)
        orders[:, rows] = orders_of(shift, rule, combos[rows])
    return orders[:, :, None]


def rule(ctx: Context, params: Params) -> pd.DataFrame:
    """``grid`` for one combination."""
    orders = grid(ctx, pd.DataFrame([dict(params)]))[:, 0, :]
    return pd.DataFrame(orders, index=ctx.sessions, columns=[TICKER])


PARAMS = {
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
        20, "buy_shock: sessions after the event in which the fall must happen", low=1, high=250, sweep=(5, 10, 20, 40)
    ),
    "hold": Param(60, "buy_shock: sessions NVDA is held after the entry", low=1, high=1000, sweep=(5, 10, 20, 60, 120)),
    "aside": Param(5, "step_aside: sessions out of NVDA after each event", low=1, high=250, sweep=(1, 2, 5, 10, 20)),
    "shift_unknown": Param(True, "move events of unknown time of day one session later"),
}
