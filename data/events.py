"""The dated event calendar (``events.csv``): export controls, policy, reports, corporate news.

Each row is one event with the date it became public (local date of the source), its timing relative
to the US regular session, ``first_session_us`` (the first US session that could react), a category,
a direction (scored from the first listed ticker's side; A-rows from NVIDIA's side), the tickers it
concerns, a description and the ``source`` addresses it rests on. The research notes that built it
are in ``shared/research/events.md``.

1. ``load_events`` reads the ledger once (``data.ledgers``: text, columns checked), refuses an unknown
   ``public_timing``, parses the dates, splits ``tickers`` on ``;`` and sorts by ``first_session_us``; then
   keeps the rows of the category, direction and ticker asked for (dated rows only, unless told).
2. ``event_sessions`` places each event on the session of a run's data whose close first knows it: the first
   session on or after its anchor date. Eleven rows have ``public_timing`` ``unknown``: their
   ``first_session_us`` is the event's own date, which is look-ahead if the news came after the close, so they
   move one session later unless asked not to.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from aitheme.data.errors import DataError
from aitheme.data.ledgers import read_ledger

EVENTS_FILE = Path(__file__).resolve().parent / "events.csv"
TIMINGS = ("before_open", "intraday", "after_close", "weekend", "unknown")
DIRECTIONS = ("negative", "positive", "neutral")
COLUMNS = (
    "event_id",
    "date",
    "public_timing",
    "first_session_us",
    "category",
    "direction",
    "tickers",
    "description",
    "source",
    "verified",
)


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    raw = read_ledger(EVENTS_FILE, COLUMNS)
    bad = sorted(set(raw["public_timing"]) - set(TIMINGS))
    if bad:
        raise DataError(f"{EVENTS_FILE.name}: public_timing must be one of {', '.join(TIMINGS)}; found {bad}")
    table = pd.DataFrame(
        {
            "event_id": raw["event_id"],
            "date": pd.to_datetime(raw["date"].replace("", None)),
            "public_timing": pd.Categorical(raw["public_timing"], categories=TIMINGS),
            "first_session_us": pd.to_datetime(raw["first_session_us"].replace("", None)),
            "category": raw["category"],
            "direction": raw["direction"],
            "tickers": raw["tickers"].map(lambda s: tuple(t for t in s.split(";") if t)),
            "description": raw["description"],
            "source": raw["source"],
            "verified": raw["verified"],
        }
    )
    return table.sort_values(["first_session_us", "event_id"], na_position="last").reset_index(drop=True)


def categories() -> list[str]:
    return sorted(_table()["category"].unique())


def load_events(
    category: str | None = None, ticker: str | None = None, direction: str | None = None, dated_only: bool = True
) -> pd.DataFrame:
    """Events, oldest first, optionally only one ``category``, those listing ``ticker``, one ``direction``.

    ``dated_only`` drops rows without a ``first_session_us`` (B14: the date was never found).
    """
    table = _table()
    if category is not None:
        if category not in set(table["category"]):
            raise DataError(f"unknown event category {category!r}: expected one of {', '.join(categories())}")
        table = table[table["category"] == category]
    if direction is not None:
        if direction not in DIRECTIONS:
            raise DataError(f"event direction must be one of {', '.join(DIRECTIONS)}; got {direction!r}")
        table = table[table["direction"] == direction]
    if ticker is not None:
        table = table[table["tickers"].map(lambda ts: ticker in ts)]
    if dated_only:
        table = table[table["first_session_us"].notna()]
    return table.reset_index(drop=True)


def event_sessions(
    events: pd.DataFrame, sessions: pd.DatetimeIndex, shift_unknown: bool = True, anchor: str = "first_session_us"
) -> pd.Series:
    """The session of ``sessions`` on whose close each event is known (NaT when the data end first).

    ``anchor`` is ``first_session_us`` (US listings) or ``date`` (the source's local date, for a market
    that trades in the source's time zone). Events of unknown timing move one session later when
    ``shift_unknown``: the news may have come after that day's close.
    """
    if anchor not in ("first_session_us", "date"):
        raise DataError(f"event anchor must be first_session_us or date; got {anchor!r}")
    positions = sessions.searchsorted(events[anchor].to_numpy())
    if shift_unknown:
        positions = positions + (events["public_timing"] == "unknown").to_numpy()
    known = events[anchor].notna().to_numpy() & (positions < len(sessions))
    stamps = [sessions[p] if ok else pd.NaT for p, ok in zip(positions, known, strict=True)]
    return pd.Series(pd.DatetimeIndex(stamps), index=events["event_id"].to_numpy(), name="session")
