"""Exchange sessions and their closing times, from the ``exchange_calendars`` package.

1. ``session_closes(code)``: each session of an exchange (XNYS, XKRX, XTKS) and the UTC moment it closes.
2. Building a calendar costs up to two seconds (XKRX's lunar holidays), so the table is kept per month and package
   version in the user cache folder and read from there afterwards.
3. An exchange the package does not know (FX has none) gives None: the caller falls back to the data's own dates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from aitheme.data import cache
from aitheme.data.atomic import atomic_write_text


@lru_cache(maxsize=8)
def session_closes(code: str) -> pd.Series | None:
    """UTC closing moment of every session of exchange ``code`` (index: tz-naive session dates), or None."""
    if code in ("FX", "?", ""):
        return None
    version = metadata.version("exchange_calendars")
    path = Path(cache.cache_root()) / "calendars" / f"{code}-closes-{version}-{dt.date.today():%Y-%m}.csv"
    try:
        if path.is_file():
            table = pd.read_csv(path, parse_dates=["session"])
            return pd.Series(
                pd.to_datetime(table["close"], utc=True).to_numpy(), index=pd.DatetimeIndex(table["session"])
            )
    except (OSError, ValueError, KeyError):
        pass  # a damaged cached table is rebuilt below
    closes = _build(code)
    if closes is not None:
        table = pd.DataFrame({"session": closes.index, "close": closes.to_numpy()})
        with contextlib.suppress(OSError):  # an unwritable cache only costs the rebuild next time
            atomic_write_text(path, table.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S%z"))
    return closes


def _build(code: str) -> pd.Series | None:
    import exchange_calendars as xc

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its own pandas deprecation notices
            calendar = xc.get_calendar(code, start="2017-01-02")
    except Exception:  # an exchange it does not know
        return None
    closes = calendar.closes
    return pd.Series(closes.to_numpy(), index=pd.DatetimeIndex(closes.index).tz_localize(None), name="close")
