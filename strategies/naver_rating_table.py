"""NAVER's rating table in Mirae Asset's 2022-09-22 report, its gap table recomputed, and the rule that follows its
targets (the calls are declared in ``naver_target_price``).

The compliance page (lines 7678-7707) prints every NAVER rating and target since 2020-07-24 (``HISTORY``), with the
gap (괴리율) between each target and the average and highest price while it was in force. Footnote (line 7707):
adjusted prices; a target's horizon is one year; when a new report changes the target, the period ends the day
before that report. ``target_gap`` recomputes the table from the closes and sets it beside the printed figures
(``target_gap.csv``, ``gap_table``).

The target-following rule (``follow_targets``; ``on_target`` other than ``keep``):

1. A target is in force from the close of its publication day until the next report, or until its
   one-year horizon ends; "분석 대상 제외" (coverage dropped, 2022-01-03) ends it with no successor.
2. While a Buy target is in force, hold NAVER as long as the close is below the target.
3. When a close reaches the target, ``on_target`` decides: ``sell`` (stay out until a new report),
   ``hold`` (ignore the target until it expires) or ``reenter`` (buy back once the close is
   ``reentry_discount`` below the target again). ``keep`` is buy-and-hold: held from the first call to the end.

Prices: the snapshot's NAVER closes are split-adjusted only (no dividends), the basis Mirae calls
수정주가; the 5:1 split of October 2018 precedes every target in the table.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from aitheme.strategies.blocks import changes_only, on_sessions
from aitheme.strategies.context import Context
from aitheme.strategies.model import Param, Params

TICKER = "035420.KS"
NOTE_DATE = dt.date(2022, 9, 22)
ON_TARGET = ("keep", "sell", "hold", "reenter")


class TargetCall(NamedTuple):
    """One row of the note's rating and target table (lines 7691-7705), printed gaps in percent."""

    published: dt.date
    rating: str
    target: float | None
    printed_avg_gap_pct: float | None = None
    printed_extreme_gap_pct: float | None = None


HISTORY = (
    TargetCall(dt.date(2020, 7, 24), "Buy", 430_000, -30.25, -17.44),
    TargetCall(dt.date(2021, 1, 29), "Buy", 490_000, -22.82, -13.57),
    TargetCall(dt.date(2021, 7, 7), "Buy", 550_000, -23.41, -17.45),
    TargetCall(dt.date(2021, 10, 22), "Buy", 510_000, -22.15, -18.14),
    TargetCall(dt.date(2022, 1, 3), "Dropped", None),
    TargetCall(dt.date(2022, 5, 31), "Buy", 380_000, -34.29, -23.68),
    TargetCall(dt.date(2022, 7, 14), "Buy", 320_000, -21.09, -14.53),
    TargetCall(dt.date(2022, 8, 8), "Buy", 340_000),
)
# The note itself reiterates Buy and 340,000: a new call, so the target's one-year clock restarts.
NOTE_CALL = TargetCall(NOTE_DATE, "Buy", 340_000)
BUY_RATINGS = ("Buy", "Trading Buy")


# --- The note's own gap table (괴리율) ---------------------------------------------------------


def target_gap(close: pd.Series, calls=HISTORY, printed_on: dt.date = NOTE_DATE, horizon_days: int = 365):
    """The gap table recomputed from ``close``: one row per call, gaps in percent.

    A target's period runs from the session after its publication to the day before the next call
    (the last one: the day before ``printed_on``, the date of the report that printed the table),
    capped at ``horizon_days``. Average gap: mean close over the period / target - 1. Extreme gap:
    highest close / target - 1 for a Buy (lowest for any other rating).
    """
    close = close.dropna()
    first = close.index[0]
    rows = []
    ends = [c.published for c in calls[1:]] + [printed_on]
    for call, next_date in zip(calls, ends, strict=True):
        start = pd.Timestamp(call.published) + pd.Timedelta(days=1)
        end = min(
            pd.Timestamp(next_date) - pd.Timedelta(days=1),
            pd.Timestamp(call.published) + pd.Timedelta(days=horizon_days),
        )
        window = close.loc[start:end]
        row = {
            "published": call.published,
            "target": call.target,
            "avg_gap_pct": np.nan,
            "extreme_gap_pct": np.nan,
            "printed_avg_gap_pct": call.printed_avg_gap_pct,
            "printed_extreme_gap_pct": call.printed_extreme_gap_pct,
            "rating": call.rating,
            "period_start": start.date(),
            "period_end": end.date(),
            "sessions": len(window),
            "note": "",
        }
        if call.target is None:
            row["note"] = "coverage dropped: no target in force"
        elif start < first:
            row["note"] = f"not computable: the snapshot starts {first.date()}"
        else:
            extreme = window.max() if call.rating in BUY_RATINGS else window.min()
            row["avg_gap_pct"] = 100.0 * (window.mean() / call.target - 1.0)
            row["extreme_gap_pct"] = 100.0 * (extreme / call.target - 1.0)
            if call.printed_avg_gap_pct is None:
                row["note"] = (
                    f"printed '-': period still open when the table was printed; computed to "
                    f"{end.date()}, the day before the report"
                )
        rows.append(row)
    return pd.DataFrame(rows).set_index("published")


# --- Following the calls -----------------------------------------------------------------------


def targets_in_force(ctx: Context, calls, horizon_days: int) -> pd.DataFrame:
    """Per decision session: the Buy target in force for the trade it leads to, and the call it belongs to.

    A call published on day D is acted on at D's close (Mirae publishes before the Seoul open); it lapses at the
    first session on or after D + ``horizon_days``.
    """
    index = ctx.sessions
    frame = pd.DataFrame({"target": np.nan, "call": pd.NaT}, index=index)
    for call, nxt in zip(calls, [*calls[1:], None], strict=True):
        begin = ctx.decision_for(call.published)
        if begin is None:
            break
        lapse = call.published + dt.timedelta(days=horizon_days)
        stop = lapse if nxt is None else min(lapse, nxt.published)
        stop_at = ctx.decision_for(stop) or index[-1] + pd.Timedelta(days=1)
        span = (index >= begin) & (index < stop_at)
        active = call.rating in BUY_RATINGS and call.target is not None
        frame.loc[span, "target"] = call.target if active else np.nan
        frame.loc[span, "call"] = pd.Timestamp(call.published) if active else pd.NaT
    return frame


def follow(close: pd.Series, schedule: pd.DataFrame, on_target: str, reentry_discount: float) -> pd.Series:
    """1 where NAVER should be held after the session's close, 0 where not (a pure function of the past)."""
    held = np.zeros(len(close))
    reached, current, previous = False, None, 0.0
    rows = zip(close.to_numpy(), schedule["target"].to_numpy(), schedule["call"].to_numpy(), strict=True)
    for i, (price, target, call) in enumerate(rows):
        if call != current:
            reached, current = False, call
        if np.isnan(target) or np.isnan(price):
            previous = held[i] = 0.0 if np.isnan(target) else previous
            continue
        reached = reached or price >= target
        if on_target == "hold":
            previous = held[i] = 1.0
        elif on_target == "sell":
            previous = held[i] = 0.0 if reached else 1.0
        else:
            previous = held[i] = 1.0 if not reached or price < target * (1.0 - reentry_discount) else 0.0
    return pd.Series(held, index=close.index)


def follow_targets(calls: tuple[TargetCall, ...]):
    """The rule: hold NAVER while a Buy target of ``calls`` is in force and the close is below it."""

    def rule(ctx: Context, params: Params) -> pd.DataFrame:
        first = max(ctx.decision_for(calls[0].published) or ctx.entry, ctx.entry)
        if params.on_target == "keep":  # buy and hold: the targets decide nothing
            return pd.DataFrame({TICKER: [1.0]}, index=[first]).reindex(ctx.sessions)
        close = ctx.close[TICKER]
        schedule = targets_in_force(ctx, calls, params.horizon_days)
        held = follow(close, schedule, params.on_target, params.reentry_discount)
        return on_sessions(changes_only(held, first).to_frame(TICKER), ctx.sessions)

    return rule


def gap_table(ctx: Context) -> dict[str, pd.DataFrame]:
    """``target_gap.csv``: the note's 괴리율 table recomputed from the closes beside the printed figures (in won,
    as printed: none when the run is in another currency)."""
    return {"target_gap": target_gap(ctx.close[TICKER])} if ctx.currency == "KRW" else {}


def target_params(on_target: str) -> dict[str, Param]:
    """The rule's parameters, ``on_target`` defaulting to ``on_target`` (``keep``: the note held as published)."""
    return {
        "on_target": Param(
            on_target,
            "keep: buy and hold; sell, hold or reenter: the project's target-following rule",
            choices=ON_TARGET,
        ),
        "reentry_discount": Param(
            0.0,
            "with reenter: buy back once the close is this far below the target",
            low=0.0,
            high=0.5,
            sweep=(0.0, 0.05, 0.10),
        ),
        "horizon_days": Param(
            365,
            "days a target stays in force without a new report (Mirae: one year)",
            low=30,
            high=3650,
            sweep=(182, 365, 730),
        ),
    }
