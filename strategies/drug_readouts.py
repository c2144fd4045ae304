"""The listed AI drug developers of Mirae Asset's section VI.4 (2022-09-22), their first dated clinical readouts,
and the two rules that hold them (the calls are declared in ``ai_drug_discovery``).

1. ``NAMES``: the eight names the section lists; ``READOUTS``: each name's first clinical readout after the report,
   dated by a row of ``data/facts.csv`` (no row gives a time of day, so each counts from the end of its New York
   day; a month-only date from the month's last day); ``UNDATED``: the names with no dated readout.
2. ``listed_names`` (part 1): equal weight in the names that have a close and still trade as their own company on
   each rebalance session; with ``missing_weight=cash`` a name without data keeps its 1/8 in cash.
3. ``after_readouts`` (part 2): each name is bought at the first New York close after its readout and sold
   ``months`` later; on every session where the set changes, equal weight among the names held, cash when none is.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

from aitheme.strategies.blocks import on_sessions, rebalance_sessions
from aitheme.strategies.context import Context
from aitheme.strategies.model import Params
from aitheme.strategies.yardsticks import Entry

NAMES = ("RLAY", "RXRX", "EXAI", "ABCL", "SDGR", "ABSI", "EVAX", "BAI.AS")
NEW_YORK = ZoneInfo("America/New_York")


def after_that_day(year: int, month: int, day: int) -> dt.datetime:
    """The end of a New York day: news whose time of day the row does not give is traded only after that day."""
    return dt.datetime(year, month, day, 23, 59, tzinfo=NEW_YORK)


# The first clinical readout of each name after the report, from facts.csv (as_of_date; no row gives a time of day,
# so each is traded at the first close after its day; a month-only date after the month's last day).
READOUTS = (
    Entry("RLAY", after_that_day(2023, 4, 18), "8.4", "RLY-2608 first clinical data at AACR"),
    Entry("RXRX", after_that_day(2024, 9, 3), "9.1", "REC-994 Phase 2 SYCAMORE topline"),
    Entry("SDGR", after_that_day(2025, 6, 30), "9.13", "SGR-1505 initial Phase 1 data ('in June' 2025)"),
    Entry("EVAX", after_that_day(2025, 10, 17), "9.17", "EVX-01 Phase 2 two-year data (ESMO)"),
    Entry("ABSI", after_that_day(2025, 11, 12), "9.16", "ABS-101 interim Phase 1 results"),
)
UNDATED = ("EXAI", "ABCL", "BAI.AS")


def listed_names(ctx: Context, params: Params) -> pd.DataFrame:
    """Equal weight in the names that trade as their own company on each rebalance session."""
    sessions = rebalance_sessions(ctx.sessions, ctx.entry, params.rebalance)
    held = list(ctx.close.columns)
    listed = ctx.close.loc[sessions, held].notna() & ctx.listed.loc[sessions, held]
    slots = len(NAMES) if params.missing_weight == "cash" else listed.sum(axis=1)
    weights = listed.astype(float).div(slots, axis=0).fillna(0.0)
    return on_sessions(weights, ctx.sessions)


def first_close_after(sessions: pd.DatetimeIndex, moment: dt.datetime) -> pd.Timestamp | None:
    """The first New York session whose 16:00 close comes after ``moment`` (None past the data)."""
    closes = sessions.tz_localize(NEW_YORK) + pd.Timedelta(hours=16)
    later = sessions[closes > pd.Timestamp(moment)]
    return later[0] if len(later) else None


def holding_spans(ctx: Context, months: int) -> list[tuple[str, pd.Timestamp, pd.Timestamp | None]]:
    """(ticker, decision to buy, decision to sell) per dated readout: bought at the first close after it, sold
    ``months`` later (None: still held when the data end)."""
    spans = []
    for readout in READOUTS:
        first = first_close_after(ctx.sessions, readout.public_at)
        if first is None:
            continue
        spans.append((readout.ticker, ctx.decision_for(first), ctx.decision_for(first + pd.DateOffset(months=months))))
    return spans


def after_readouts(ctx: Context, params: Params) -> pd.DataFrame:
    """Equal weight in the names within ``months`` of their first readout, cash when none is."""
    spans = holding_spans(ctx, params.months)
    changes = sorted({ctx.entry, *(s for _, buy, sell in spans for s in (buy, sell) if s is not None)})
    rows = {}
    for day in changes:
        held = [t for t, buy, sell in spans if buy <= day and (sell is None or day < sell)]
        rows[day] = {t: (1.0 / len(held) if t in held else 0.0) for t in ctx.close.columns}
    return on_sessions(pd.DataFrame.from_dict(rows, orient="index"), ctx.sessions)
